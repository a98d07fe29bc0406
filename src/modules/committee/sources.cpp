// The matters other modules put before the committee (project proposals, stage gates the committee
// approves, open-call selections, changes of a project's budget, approval chains at the committee's step): one entry
// each, so the agenda, the recusal rules and the decision reach every kind the same way.
#include <algorithm>

#include "modules/approvals/service.hpp"
#include "modules/budget/service.hpp"
#include "modules/coi/service.hpp"
#include "modules/committee/internal.hpp"
#include "modules/contracts/service.hpp"
#include "modules/opencall/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::committee {

Orgs::Orgs(db::Tx& tx) : tx_(tx) {
    for (auto& o : people::ListOrganisations(tx, -1)) by_id_[o.id] = o;
}

std::string Orgs::GroupOf(const std::optional<std::string>& org) {
    if (!org || org->empty()) return "";
    auto cached = groups_.find(*org);
    if (cached != groups_.end()) return cached->second;
    std::string root = coi::CompanyGroupOf(tx_, *org);
    auto it = by_id_.find(root);
    // A company, or a division with no organisation above it (a division of a university or the
    // hospital is its own root but no company).
    bool company = it != by_id_.end() &&
                   (it->second.kind == "company" || (it->second.kind == "division" && !it->second.parent_id));
    std::string group = company ? root : "";
    groups_[*org] = group;
    return group;
}

std::string Orgs::NameJa(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? id : it->second.name_ja;
}

std::string Orgs::NameEn(const std::string& id) const {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return id;
    return it->second.name_en.empty() ? it->second.name_ja : it->second.name_en;
}

std::pair<std::string, std::string> Orgs::Names(const std::optional<std::string>& id) const {
    if (!id) return {"", ""};
    auto it = by_id_.find(*id);
    if (it == by_id_.end()) return {"", ""};
    return {it->second.name_ja, it->second.name_en};
}

std::optional<std::string> OrganisationOf(db::Tx& tx, const std::string& person_id) {
    auto p = people::FindPerson(tx, person_id);
    return p ? p->organisation_id : std::nullopt;
}

namespace {

std::string EnglishOr(const std::string& en, const std::string& ja) { return en.empty() ? ja : en; }

// A project's members (each with their role) and the company groups of its company lead and of its
// organisations: who has a stake in any decision about the project.
void ProjectInvolved(db::Tx& tx, Orgs& orgs, const std::string& project_id, Subject& s) {
    auto p = projects::FindProject(tx, project_id);
    if (!p) return;
    for (const auto& m : p->members) {
        s.facts.people.insert(m.person.id);
        s.roles[m.person.id] = m.role;
        auto g = orgs.GroupOf(m.organisation_id ? m.organisation_id : OrganisationOf(tx, m.person.id));
        if (!g.empty() && m.role == "company_lead") s.facts.company_groups.insert(g);
    }
    for (const auto& o : p->organisations)
        if (auto g = orgs.GroupOf(o.organisation_id); !g.empty()) s.facts.company_groups.insert(g);
}

std::string ProjectPage(const std::string& project_id) { return "/projects/" + project_id; }

std::string StageEn(projects::Stage stage) {  // "joint_research" → "joint research"
    std::string s(Text(stage));
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

// ---- project proposals ----

std::vector<Pending> PendingProposals(db::Tx& tx) {
    std::vector<Pending> out;
    for (const auto& id : projects::ProjectIdsWithStatus(tx, projects::Status::kProposed)) {
        auto p = projects::FindProject(tx, id);
        if (!p) continue;
        out.push_back({ItemKind::kProjectProposal, id, "プロジェクトの提案: " + p->title_ja,
                       "Project proposal: " + EnglishOr(p->title_en, p->title_ja), ProjectPage(id)});
    }
    return out;
}

// ---- stage gates the committee approves ----

std::vector<Pending> PendingGates(db::Tx& tx) {
    std::vector<Pending> out;
    for (const auto& r : projects::StageRequestsAwaitingCommittee(tx))
        out.push_back({ItemKind::kStageGate, r.request_id,
                       "ステージ移行: " + r.title_ja + "（" + std::string(projects::LabelJa(r.from_stage)) + " → " +
                           std::string(projects::LabelJa(r.to_stage)) + "）",
                       "Stage gate: " + EnglishOr(r.title_en, r.title_ja) + " (" + StageEn(r.from_stage) + " → " +
                           StageEn(r.to_stage) + ")",
                       ProjectPage(r.project_id)});
    return out;
}

std::string GateLink(db::Tx& tx, const std::string& request_id) {
    auto r = projects::FindStageRequestForCommittee(tx, request_id);
    return r ? ProjectPage(r->project_id) : "";
}

void GateInvolved(db::Tx& tx, Orgs& orgs, const std::string& request_id, Subject& s) {
    if (auto r = projects::FindStageRequestForCommittee(tx, request_id)) ProjectInvolved(tx, orgs, r->project_id, s);
}

// ---- open-call selections ----

std::vector<Pending> PendingSelections(db::Tx& tx) {
    std::vector<Pending> out;
    for (const auto& c : opencall::CallsAwaitingCommittee(tx))
        out.push_back({ItemKind::kOpenCallSelection, c.id, "学内公募の採択案: " + c.title_ja,
                       "Open-call selection: " + EnglishOr(c.title_en, c.title_ja), "/opencall/" + c.id});
    return out;
}

void SelectionInvolved(db::Tx& tx, Orgs& orgs, const std::string& call_id, Subject& s) {
    auto selection = opencall::PeopleOfSelection(tx, call_id);
    s.facts.people.insert(selection.people.begin(), selection.people.end());
    s.roles = selection.roles;
    for (const auto& lead : selection.company_leads)
        if (auto g = orgs.GroupOf(OrganisationOf(tx, lead)); !g.empty()) s.facts.company_groups.insert(g);
}

// ---- changes of a project's budget ----

std::vector<Pending> PendingBudgetChanges(db::Tx& tx) {
    std::vector<Pending> out;
    for (const auto& c : budget::ChangesAwaitingCommittee(tx)) {
        std::string fy = std::to_string(c.fiscal_year);
        out.push_back({ItemKind::kBudgetChange, c.id, fy + "年度の予算変更: " + c.project_title_ja,
                       "FY" + fy + " budget change: " + EnglishOr(c.project_title_en, c.project_title_ja),
                       "/budget?change=" + c.id});
    }
    return out;
}

// A budget change is about its project: the same people and companies stand aside.
void BudgetChangeInvolved(db::Tx& tx, Orgs& orgs, const std::string& change_id, Subject& s) {
    if (auto project = budget::ProjectOfChange(tx, change_id)) ProjectInvolved(tx, orgs, *project, s);
}

// ---- approval chains (稟議) at the committee's step ----

std::vector<Pending> PendingApprovals(db::Tx& tx) {
    std::vector<Pending> out;
    for (const auto& a : approvals::ChainsAwaitingCommittee(tx))
        if (a.kind != approvals::SubjectKind::kBudgetChange)  // on the agenda as a budget change
            out.push_back({ItemKind::kApproval, a.chain_id, "稟議: " + a.title_ja,
                           "Approval: " + EnglishOr(a.title_en, a.title_ja), a.link});
    return out;
}

std::string ApprovalLink(db::Tx& tx, const std::string& chain_id) {
    auto chain = approvals::FindChainForModule(tx, chain_id);
    return chain ? chain->subject.link : "";
}

// A contract's chain: the members of its project, and whoever works for a company party.
void ApprovalInvolved(db::Tx& tx, Orgs& orgs, const std::string& chain_id, Subject& s) {
    auto chain = approvals::FindChainForModule(tx, chain_id);
    if (!chain || chain->subject.kind != approvals::SubjectKind::kContract) return;
    auto c = contracts::FindContractForModule(tx, chain->subject.id);
    if (!c) return;
    if (c->project_id)
        if (auto p = projects::FindProject(tx, *c->project_id))
            for (const auto& m : p->members) {
                s.facts.people.insert(m.person.id);
                s.roles[m.person.id] = m.role;
            }
    for (const auto& party : c->parties)
        if (auto g = orgs.GroupOf(party.organisation_id); !g.empty()) s.facts.company_groups.insert(g);
}

}  // namespace

const std::vector<Source>& Sources() {
    static const std::vector<Source> sources{
        {ItemKind::kProjectProposal, PendingProposals, [](db::Tx&, const std::string& id) { return ProjectPage(id); },
         ProjectInvolved, projects::TakenUpByCommittee,
         [](db::Tx& tx, const Me& office, const std::string& id, bool approved, const std::string& reason,
            Seconds now) { projects::DecideForCommittee(tx, office, id, approved, reason, now); }},
        {ItemKind::kStageGate, PendingGates, GateLink, GateInvolved, projects::StageRequestTakenUpByCommittee,
         projects::DecideStageForCommittee},
        {ItemKind::kOpenCallSelection, PendingSelections,
         [](db::Tx&, const std::string& id) { return "/opencall/" + id; }, SelectionInvolved,
         opencall::TakenUpByCommittee,
         [](db::Tx& tx, const Me& office, const std::string& id, bool approved, const std::string& reason,
            Seconds now) { opencall::DecideForCommittee(tx, office, id, approved, reason, now); }},
        {ItemKind::kBudgetChange, PendingBudgetChanges,
         [](db::Tx&, const std::string& id) { return "/budget?change=" + id; }, BudgetChangeInvolved,
         [](db::Tx&, const std::string&, Seconds) {},  // a change asks nobody alone: nothing to withdraw
         [](db::Tx& tx, const Me& office, const std::string& id, bool approved, const std::string& reason,
            Seconds now) { budget::DecideChangeForCommittee(tx, office, id, approved, reason, now); }},
        {ItemKind::kApproval, PendingApprovals, ApprovalLink, ApprovalInvolved,
         [](db::Tx&, const std::string&, Seconds) {},  // the committee's step asks nobody alone
         [](db::Tx& tx, const Me& office, const std::string& id, bool approved, const std::string& reason,
            Seconds now) { approvals::DecideForCommittee(tx, office, id, approved, reason, now); }},
    };
    return sources;
}

const Source* SourceOf(ItemKind kind) {
    const auto& all = Sources();
    auto it = std::find_if(all.begin(), all.end(), [&](const Source& s) { return s.kind == kind; });
    return it == all.end() ? nullptr : &*it;
}

}  // namespace renkei::committee
