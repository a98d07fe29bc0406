// Projects themselves: proposing, editing, linking introductions and deciding; the hooks other
// modules follow projects by; the helpers the module's other files share (internal.hpp).
#include "modules/projects/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <mutex>

#include "modules/centre/service.hpp"
#include "modules/exchange/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/internal.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::projects {

// ---- shared with the module's other files (internal.hpp) ----

namespace {
std::vector<ProjectHook>& ProjectHooks() {
    static std::vector<ProjectHook> hooks;
    return hooks;
}
void ProjectChanged(db::Tx& tx, const Project& p, Seconds now) {
    for (const auto& hook : ProjectHooks()) hook(tx, p, now);
}
}  // namespace

void OnProjectChanged(ProjectHook hook) { ProjectHooks().push_back(std::move(hook)); }

std::optional<Project> FindProject(db::Tx& tx, const std::string& id) { return store::FindProject(tx, id); }

std::set<std::string> ProjectsOfMember(db::Tx& tx, const std::string& person_id) {
    return store::ProjectsOf(tx, person_id);
}

std::vector<std::string> ProjectIdsWithStatus(db::Tx& tx, Status status) {
    store::ProjectFilter f;
    f.status = Text(status);
    std::vector<std::string> out;
    for (const auto& p : store::ListProjects(tx, f)) out.push_back(p.id);
    return out;
}

void NameBook::Load(const std::vector<Project>& projects) {
    std::vector<std::string> ids;
    for (const auto& p : projects) {
        ids.push_back(p.proposed_by.id);
        if (p.decided_by) ids.push_back(p.decided_by->id);
        for (const auto& m : p.members) ids.push_back(m.person.id);
    }
    Load(ids);
}

PersonRef NameBook::Get(const std::string& id) {
    const auto& n = book_.Of(id);
    return PersonRef{id, n.name_ja, n.name_en};
}
void NameBook::Fill(PersonRef& p) { p = Get(p.id); }

Relation RelationOf(const Project& p, const Me& me) {
    Relation r;
    for (const auto& m : p.members) {
        if (m.person.id != me.person_id) continue;
        r.is_member = true;
        if (m.role == "pi") r.is_pi = true;
        if (m.role == "company_lead") r.is_company_lead = true;
    }
    r.is_office = me.HasRole("office");
    r.is_committee = me.HasRole("committee");
    r.is_admin = me.HasRole("admin");
    return r;
}

Project Load(db::Tx& tx, const std::string& id) {
    auto p = store::FindProject(tx, id);
    if (!p) throw NotFound("project");
    return *p;
}

Project LoadFull(db::Tx& tx, const Me& me, const std::string& id) {
    auto p = Load(tx, id);
    auto rel = RelationOf(p, me);
    if (MaySeeFull(rel)) return p;
    if (IsHiddenFromOutsiders(p.status)) throw NotFound("project");
    throw Forbidden("only the project's members see this");
}

void FillNames(NameBook& names, Project& p) {
    names.Fill(p.proposed_by);
    if (p.decided_by) names.Fill(*p.decided_by);
    for (auto& m : p.members) names.Fill(m.person);
}

void FillOrganisationNames(db::Tx& tx, Project& p) {
    if (p.organisations.empty()) return;
    std::map<std::string, std::pair<std::string, std::string>> names;
    for (const auto& o : people::ListOrganisations(tx, -1)) names[o.id] = {o.name_ja, o.name_en};
    for (auto& o : p.organisations) {
        auto it = names.find(o.organisation_id);
        if (it != names.end()) std::tie(o.name_ja, o.name_en) = it->second;
    }
}

std::string SearchKeyOf(const Project& p) { return text::SearchKey(p.title_ja + " " + p.title_en + " " + p.aims); }

void RequireSteer(const Project& p, const Me& me) {
    if (!MaySteer(RelationOf(p, me))) throw Forbidden("only the PI, the company lead or the office may do this");
}

void RequireActive(const Project& p) {
    if (p.status != Status::kActive) throw Error{ErrorCode::kConflict, "status", "the project is not active"};
}

boost::json::value Snapshot(const Project& p) {
    boost::json::object o{{"kind", p.kind},
                          {"title_ja", p.title_ja},
                          {"title_en", p.title_en},
                          {"aims", p.aims},
                          {"status", Text(p.status)},
                          {"stage", Text(p.stage)},
                          {"report_period", p.report_period},
                          {"public_summary", p.public_summary}};
    o["area_code"] = p.area_code ? boost::json::value(*p.area_code) : nullptr;
    boost::json::array members;
    for (const auto& m : p.members) members.push_back({{"person_id", m.person.id}, {"role", m.role}});
    o["members"] = std::move(members);
    o["organisations"] = boost::json::value_from(p.organisations);
    o["budgets"] = boost::json::value_from(p.budgets);
    o["links"] = boost::json::value_from(p.links);
    return o;
}

std::string PageOf(const std::string& project_id) { return "/projects/" + project_id; }

std::string CheckText(const std::string& field, const std::string& value, size_t max, bool required, bool multiline) {
    std::string v = Trim(value);
    if (required && v.empty()) throw Invalid(field, field + " is required");
    if (Utf8Length(v) > max) throw Invalid(field, field + " must be at most " + std::to_string(max) + " characters");
    if (!CleanUtf8(v, multiline)) throw Invalid(field, field + " contains characters that are not allowed");
    return v;
}

std::vector<std::string> PeopleWithRole(db::Tx& tx, const std::string& role) {
    std::vector<std::string> out;
    for (const auto& p : people::ListPeople(tx, "", role, "", 1)) out.push_back(p.id);
    return out;
}

namespace {

// ---- validation ----

void CheckArea(db::Tx& tx, const std::string& kind, const std::optional<std::string>& area) {
    if (kind == "strategic" && !area) throw Invalid("area_code", "a strategic project needs one of the four areas");
    if (area && !centre::FindArea(tx, *area)) throw Invalid("area_code", "unknown strategic area: " + *area);
}

std::vector<Member> CheckMembers(db::Tx& tx, const std::vector<MemberInput>& in) {
    std::vector<Member> out;
    std::set<std::string> seen;
    int pis = 0, leads = 0;
    for (size_t i = 0; i < in.size(); ++i) {
        const auto& m = in[i];
        if (!IsMemberRole(m.role)) throw Invalid("members", "unknown member role: " + m.role);
        if (!seen.insert(m.person_id).second) throw Invalid("members", "a person is listed twice");
        auto person = people::FindPerson(tx, m.person_id);
        std::string field = m.role == "pi" ? "pi_id" : m.role == "company_lead" ? "company_lead_id" : "members";
        if (!person || !person->active) throw Invalid(field, "no such active person");
        if (m.role == "pi") {
            ++pis;
            if (!person->HasRole("clinician") && !person->HasRole("researcher"))
                throw Invalid("pi_id", "the PI must be a clinician or an academic researcher");
        }
        if (m.role == "company_lead") {
            ++leads;
            if (!person->HasRole("company_researcher"))
                throw Invalid("company_lead_id", "the company lead must be a company researcher");
        }
        out.push_back({PersonRef{person->id, person->name_ja, person->name_en}, m.role, person->organisation_id});
    }
    if (pis != 1) throw Invalid("pi_id", "a project has exactly one academic PI");
    if (leads != 1) throw Invalid("company_lead_id", "a project has exactly one company lead");
    return out;
}

std::vector<OrganisationRef> CheckOrganisations(db::Tx& tx, const std::vector<OrganisationRef>& in) {
    if (in.empty()) return {};
    std::map<std::string, people::Organisation> orgs;
    for (const auto& o : people::ListOrganisations(tx, -1)) orgs[o.id] = o;
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<OrganisationRef> out;
    for (const auto& o : in) {
        if (o.role != "sponsor" && o.role != "partner")
            throw Invalid("organisations", "role must be sponsor or partner");
        auto it = orgs.find(o.organisation_id);
        if (it == orgs.end() || !it->second.active) throw Invalid("organisations", "no such active organisation");
        if (!seen.insert({o.organisation_id, o.role}).second) continue;
        out.push_back({o.organisation_id, o.role, it->second.name_ja, it->second.name_en});
    }
    return out;
}

std::vector<Budget> CheckBudgets(const std::vector<Budget>& in) {
    std::set<int> years;
    for (const auto& b : in) {
        if (b.fiscal_year < 2000 || b.fiscal_year > 2100) throw Invalid("budgets", "fiscal_year must be 2000–2100");
        if (b.amount_yen < 0 || b.amount_yen > 100'000'000'000LL)
            throw Invalid("budgets", "amount_yen is out of range");
        if (!years.insert(b.fiscal_year).second) throw Invalid("budgets", "a fiscal year is listed twice");
    }
    auto out = in;
    std::sort(out.begin(), out.end(), [](const Budget& a, const Budget& b) { return a.fiscal_year < b.fiscal_year; });
    return out;
}

// Links to needs and seeds the caller may see (a confidential seed the caller may not see does
// not exist for them: 422, as for an unknown id).
std::vector<Link> CheckLinks(db::Tx& tx, const Me& me, const std::vector<Link>& in, Seconds now) {
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<Link> out;
    for (const auto& l : in) {
        if (!IsLinkKind(l.kind)) throw Invalid("links", "link kind must be need or seed");
        if (l.target_id.empty() || l.target_id.size() > 64 || !CleanUtf8(l.target_id, false))
            throw Invalid("links", "target_id must be an id");
        if (!seen.insert({l.kind, l.target_id}).second) continue;
        if (!exchange::VisibleItem(tx, me, l.kind, l.target_id, now))
            throw Invalid("links", "no such " + l.kind + ": " + l.target_id);
        out.push_back(l);
    }
    return out;
}

// An edit replaces the links the caller sees; links to items the caller may not see (another
// company's confidential seed) stay as they are.
std::vector<Link> MergeLinks(db::Tx& tx, const Me& me, const std::vector<Link>& current,
                             const std::vector<Link>& edited, Seconds now) {
    auto out = CheckLinks(tx, me, edited, now);
    for (const auto& l : current) {
        bool listed = std::any_of(out.begin(), out.end(),
                                  [&](const Link& x) { return x.kind == l.kind && x.target_id == l.target_id; });
        if (!listed && !exchange::VisibleItem(tx, me, l.kind, l.target_id, now)) out.push_back(l);
    }
    return out;
}

// ---- inbox ----

void AskForDecision(db::Tx& tx, const Project& p, Seconds now) {
    for (const auto& person : PeopleWithRole(tx, "committee")) {
        if (person == p.proposed_by.id) continue;
        inbox::Post(tx,
                    {person, "projects.approve_project", kSource, "decision:" + p.id, "研究プロジェクトの承認",
                     "Approve a research project", p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en,
                     PageOf(p.id), std::nullopt,
                     inbox::Action{"POST", "/api/projects/" + p.id + "/decision",
                                   boost::json::object{{"decision", "approve"}}, "承認する", "Approve"}},
                    now);
    }
}

// Why an open item of the project was asked of its holder (see HeldItem), judged by the members
// before the change; nullopt for an item about another project, one already settled, or one asked
// of the holder for a centre-wide role (an office or committee gate, a proposal to decide).
std::optional<HeldItem> HeldItemOf(db::Tx& tx, const std::string& project_id, const std::vector<Member>& before,
                                   const inbox::Item& item) {
    auto after_prefix = [&](std::string_view prefix) -> std::optional<std::string> {
        if (item.source_key.rfind(prefix, 0) != 0) return std::nullopt;
        return item.source_key.substr(prefix.size());
    };
    HeldItem held{item.id, item.person_id, item.source_key, "", {}};
    if (item.kind == "projects.report_ack") {
        auto id = after_prefix("report:");
        auto report = id ? store::FindReport(tx, project_id, *id) : std::nullopt;
        if (!report) return std::nullopt;
        held.because = "member";
        for (const auto& m : before)
            if (m.person.id == item.person_id && (m.role == "pi" || m.role == "company_lead")) held.because = m.role;
        held.not_for.insert(report->author.id);
        for (const auto& a : report->acknowledgements) held.not_for.insert(a.person.id);
    } else if (item.kind == "projects.approve_stage") {
        auto id = after_prefix("stage_request:");
        auto request = id ? store::FindStageRequest(tx, project_id, *id) : std::nullopt;
        if (!request || request->state != "pending") return std::nullopt;
        if (request->approver != "pi" && request->approver != "company_lead") return std::nullopt;
        held.because = request->approver;
    } else if (item.kind == "projects.report_due") {
        if (item.source_key != "report_due:" + project_id) return std::nullopt;
        held.because = "company_lead";
    } else if (item.kind == "projects.milestone_due") {
        auto id = after_prefix("milestone:");
        if (!id || !store::FindMilestone(tx, project_id, *id)) return std::nullopt;
        held.because = "member";
    } else {
        return std::nullopt;
    }
    return held;
}

// The project's open items follow its members: what was asked of the PI or the company lead goes
// to the new one, and someone who leaves loses what was asked of them as a member.
void FollowMembers(db::Tx& tx, const Me& me, const std::string& project_id, const std::vector<Member>& before,
                   const std::vector<Member>& after, Seconds now) {
    auto holder = [](const std::vector<Member>& members, std::string_view role) {
        for (const auto& m : members)
            if (m.role == role) return m.person.id;
        return std::string();
    };
    std::set<std::string> people;  // whose items may move: old and new role holders, and who left
    for (const char* role : {"pi", "company_lead"}) {
        std::string was = holder(before, role), is = holder(after, role);
        if (was == is) continue;
        if (!was.empty()) people.insert(was);
        if (!is.empty()) people.insert(is);
    }
    for (const auto& m : before)
        if (std::none_of(after.begin(), after.end(), [&](const Member& a) { return a.person.id == m.person.id; }))
            people.insert(m.person.id);
    std::vector<HeldItem> held;
    for (const auto& person : people)
        for (const auto& item : inbox::OpenItemsOf(tx, person, kSource, now))
            if (auto h = HeldItemOf(tx, project_id, before, item)) held.push_back(std::move(*h));
    for (const auto& h : FollowRoleHolders(after, held)) {
        if (h.to)
            inbox::HandOver(tx, h.item_id, *h.to, me.person_id);
        else
            inbox::ResolveItem(tx, h.item_id, me.person_id, "cancelled", now);
    }
}

}  // namespace

// ---- projects ----

Project Propose(db::Tx& tx, const Me& me, const NewProject& in, Seconds now) {
    if (!me.HasAnyRole({"clinician", "researcher", "company_researcher", "office", "committee"}))
        throw Forbidden("only centre members may propose projects");
    if (!IsKind(in.kind)) throw Invalid("kind", "kind must be strategic, open_call or joint");
    Project p;
    p.id = NewId();
    p.kind = in.kind;
    p.area_code = in.area_code;
    CheckArea(tx, p.kind, p.area_code);
    p.title_ja = CheckText("title_ja", in.title_ja, 200, true, false);
    p.title_en = CheckText("title_en", in.title_en, 200, false, false);
    p.aims = CheckText("aims", in.aims, 4000, false, true);
    p.public_summary = CheckText("public_summary", in.public_summary, 1000, false, true);
    if (!IsReportPeriod(in.report_period))
        throw Invalid("report_period", "report_period must be weekly, biweekly, monthly or quarterly");
    p.report_period = in.report_period;
    if (in.pi_id.empty()) throw Invalid("pi_id", "an academic PI is required");
    if (in.company_lead_id.empty()) throw Invalid("company_lead_id", "a company lead is required");
    std::vector<MemberInput> members{{in.pi_id, "pi"}, {in.company_lead_id, "company_lead"}};
    for (const auto& m : in.members) {
        if (m.role == "pi" || m.role == "company_lead")
            throw Invalid("members", "name the PI and the company lead in pi_id and company_lead_id");
        members.push_back(m);
    }
    bool proposer_listed =
        std::any_of(members.begin(), members.end(), [&](const auto& m) { return m.person_id == me.person_id; });
    if (!proposer_listed && !me.HasAnyRole({"office", "committee"})) members.push_back({me.person_id, "researcher"});
    p.members = CheckMembers(tx, members);
    p.organisations = CheckOrganisations(tx, in.organisations);
    p.budgets = CheckBudgets(in.budgets);
    p.links = CheckLinks(tx, me, in.links, now);
    p.status = Status::kProposed;
    p.stage = Stage::kExploration;
    p.created_at = p.updated_at = p.stage_since = now;
    p.proposed_by = PersonRef{me.person_id, "", ""};
    store::InsertProject(tx, p, SearchKeyOf(p));
    store::ReplaceMembers(tx, p.id, p.members, now);
    store::ReplaceOrganisations(tx, p.id, p.organisations);
    store::ReplaceBudgets(tx, p.id, p.budgets);
    store::ReplaceLinks(tx, p.id, p.links, now);
    audit::Record(tx, me.person_id, "propose", "project", p.id, nullptr, Snapshot(p));
    AskForDecision(tx, p, now);
    if (in.introduction_id) exchange::AttachProject(tx, me, *in.introduction_id, p.id, "project_proposal", now);
    NameBook names(tx);
    FillNames(names, p);
    ProjectChanged(tx, p, now);
    return p;
}

Project Update(db::Tx& tx, const Me& me, const std::string& id, const ProjectPatch& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    if (IsClosed(p.status)) throw Error{ErrorCode::kConflict, "status", "the project is closed"};
    auto before = Snapshot(p);
    if (in.kind) {
        if (!IsKind(*in.kind)) throw Invalid("kind", "kind must be strategic, open_call or joint");
        p.kind = *in.kind;
    }
    if (in.area_code) p.area_code = *in.area_code;
    CheckArea(tx, p.kind, p.area_code);
    if (in.title_ja) p.title_ja = CheckText("title_ja", *in.title_ja, 200, true, false);
    if (in.title_en) p.title_en = CheckText("title_en", *in.title_en, 200, false, false);
    if (in.aims) p.aims = CheckText("aims", *in.aims, 4000, false, true);
    if (in.public_summary) p.public_summary = CheckText("public_summary", *in.public_summary, 1000, false, true);
    if (in.report_period) {
        if (!IsReportPeriod(*in.report_period))
            throw Invalid("report_period", "report_period must be weekly, biweekly, monthly or quarterly");
        p.report_period = *in.report_period;
    }
    if (in.members) {
        auto before_members = p.members;
        p.members = CheckMembers(tx, *in.members);
        store::ReplaceMembers(tx, p.id, p.members, now);
        FollowMembers(tx, me, p.id, before_members, p.members, now);
    }
    if (in.organisations) {
        p.organisations = CheckOrganisations(tx, *in.organisations);
        store::ReplaceOrganisations(tx, p.id, p.organisations);
    }
    if (in.budgets) {
        p.budgets = CheckBudgets(*in.budgets);
        store::ReplaceBudgets(tx, p.id, p.budgets);
    }
    if (in.links) {
        p.links = MergeLinks(tx, me, p.links, *in.links, now);
        store::ReplaceLinks(tx, p.id, p.links, now);
    }
    p.updated_at = now;
    store::UpdateProject(tx, p, SearchKeyOf(p));
    audit::Record(tx, me.person_id, "update", "project", p.id, before, Snapshot(p));
    // A new period moves the next report's due date (a new company lead took the item over above).
    if (p.status == Status::kActive && in.report_period) {
        auto last = store::Reports(tx, p.id, 1);
        PostReportDue(tx, p,
                      !last.empty()    ? last.front().report_on
                      : p.active_since ? TokyoDate(*p.active_since)
                                       : TokyoDate(now),
                      now);
    }
    auto stored = Load(tx, id);
    NameBook names(tx);
    FillNames(names, stored);
    FillOrganisationNames(tx, stored);
    if (in.members || in.organisations) ProjectChanged(tx, stored, now);
    return stored;
}

Project LinkIntroduction(db::Tx& tx, const Me& me, const std::string& id, const std::string& introduction_id,
                         Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    if (IsClosed(p.status)) throw Error{ErrorCode::kConflict, "status", "the project is closed"};
    auto intro = exchange::GetIntroduction(tx, me, introduction_id);  // kNotFound unless a party or the office
    auto before = Snapshot(p);
    exchange::AttachProject(tx, me, introduction_id, p.id,
                            p.status == Status::kActive ? "project_started" : "project_proposal", now);
    // The need and seed the introduction was about join the project's links (when the caller sees them).
    std::vector<Link> links = p.links;
    for (const auto& [kind, target] :
         {std::pair{intro.item_type, intro.item_id}, std::pair{intro.via_type, intro.via_id}}) {
        if (kind.empty() || target.empty() || !IsLinkKind(kind)) continue;
        bool listed = std::any_of(links.begin(), links.end(), [&kind = kind, &target = target](const Link& l) {
            return l.kind == kind && l.target_id == target;
        });
        if (!listed && exchange::VisibleItem(tx, me, kind, target, now)) links.push_back({kind, target});
    }
    if (links.size() != p.links.size()) {
        p.links = links;
        store::ReplaceLinks(tx, p.id, p.links, now);
    }
    p.updated_at = now;
    store::UpdateProject(tx, p, SearchKeyOf(p));
    auto after = Snapshot(p);
    after.as_object()["introduction_id"] = introduction_id;
    audit::Record(tx, me.person_id, "link_introduction", "project", p.id, before, after);
    return p;
}

namespace {

std::vector<AgendaCheck>& AgendaChecks() {
    static std::vector<AgendaCheck> checks;
    return checks;
}

// Approves or rejects a proposed project, decided by `decider` (a committee member, or the office
// recording the committee's decision).
Project ApplyDecision(db::Tx& tx, Project p, const Me& me, bool approve, const std::string& reason, Seconds now);

}  // namespace

void RegisterAgendaCheck(AgendaCheck check) { AgendaChecks().push_back(std::move(check)); }

void TakenUpByCommittee(db::Tx& tx, const std::string& project_id, Seconds now) {
    inbox::Resolve(tx, kSource, "decision:" + project_id, std::nullopt, now, "cancelled");
}

std::optional<std::string> OnAgenda(db::Tx& tx, const std::string& project_id) {
    for (const auto& check : AgendaChecks())
        if (auto why = check(tx, project_id)) return why;
    return std::nullopt;
}

Project Decide(db::Tx& tx, const Me& me, const std::string& id, bool approve, const std::string& reason, Seconds now) {
    auto p = Load(tx, id);
    if (!me.HasRole("committee")) {
        if (!MaySeeFull(RelationOf(p, me))) throw NotFound("project");
        throw Forbidden("only a committee member may approve or reject a project");
    }
    if (p.status != Status::kProposed)
        throw Error{ErrorCode::kConflict, "status", "the project is not waiting for a decision"};
    if (auto why = OnAgenda(tx, p.id)) throw Error{ErrorCode::kConflict, "status", *why};
    return ApplyDecision(tx, std::move(p), me, approve, reason, now);
}

Project DecideForCommittee(db::Tx& tx, const Me& recorder, const std::string& id, bool approve,
                           const std::string& reason, Seconds now) {
    if (!recorder.HasRole("office")) throw Forbidden("only the office records the committee's decisions");
    auto p = Load(tx, id);
    if (p.status != Status::kProposed)
        throw Error{ErrorCode::kConflict, "status", "the project is not waiting for a decision"};
    return ApplyDecision(tx, std::move(p), recorder, approve, reason, now);
}

namespace {

Project ApplyDecision(db::Tx& tx, Project p, const Me& me, bool approve, const std::string& reason, Seconds now) {
    std::string why = CheckText("reason", reason, 1000, !approve, true);
    auto before = Snapshot(p);
    p.decided_by = PersonRef{me.person_id, "", ""};
    p.decided_at = now;
    p.decision_reason = why;
    if (approve) {
        p.status = Status::kActive;
        p.active_since = p.decided_at;
        p.stage = Stage::kExploration;
        p.stage_since = *p.decided_at;
        StageChange c{
            NewId(), std::nullopt, Stage::kExploration, *p.decided_at, p.proposed_by, PersonRef{me.person_id, "", ""},
            why};
        store::InsertStageChange(tx, p.id, c);
    } else {
        p.status = Status::kRejected;
    }
    p.updated_at = *p.decided_at;
    store::UpdateProject(tx, p, SearchKeyOf(p));
    audit::Record(tx, me.person_id, approve ? "approve" : "reject", "project", p.id, before, Snapshot(p));
    inbox::Resolve(tx, kSource, "decision:" + p.id, me.person_id, now, "done");
    if (approve) PostReportDue(tx, p, TokyoDate(now), now);
    ProjectChanged(tx, p, now);
    NameBook names(tx);
    FillNames(names, p);
    return p;
}

}  // namespace

Project StartFromOpenCall(db::Tx& tx, const Me& me, const NewProject& in, const std::string& proposer_id,
                          const std::string& reason, Seconds now) {
    if (!me.HasAnyRole({"committee", "office"}))
        throw Forbidden("only the committee (or the office recording its decision) may start an open-call project");
    Project p;
    p.id = NewId();
    p.kind = "open_call";
    p.area_code = in.area_code;
    CheckArea(tx, p.kind, p.area_code);
    p.title_ja = CheckText("title_ja", in.title_ja, 200, true, false);
    p.title_en = CheckText("title_en", in.title_en, 200, false, false);
    p.aims = CheckText("aims", in.aims, 4000, false, true);
    p.public_summary = CheckText("public_summary", in.public_summary, 1000, false, true);
    p.report_period = in.report_period;
    if (!IsReportPeriod(p.report_period)) throw Invalid("report_period", "report_period is not a period");
    if (in.pi_id.empty()) throw Invalid("pi_id", "an academic PI is required");
    if (in.company_lead_id.empty()) throw Invalid("company_lead_id", "a company lead is required");
    std::vector<MemberInput> members{{in.pi_id, "pi"}, {in.company_lead_id, "company_lead"}};
    for (const auto& m : in.members) members.push_back(m);
    p.members = CheckMembers(tx, members);
    p.organisations = CheckOrganisations(tx, in.organisations);
    p.budgets = CheckBudgets(in.budgets);
    p.links = CheckLinks(tx, me, in.links, now);
    p.status = Status::kActive;
    p.stage = Stage::kExploration;
    p.created_at = p.updated_at = p.stage_since = now;
    p.active_since = now;
    p.proposed_by = PersonRef{proposer_id, "", ""};
    p.decided_by = PersonRef{me.person_id, "", ""};
    p.decided_at = now;
    p.decision_reason = CheckText("reason", reason, 1000, false, true);
    store::InsertProject(tx, p, SearchKeyOf(p));
    store::UpdateProject(tx, p, SearchKeyOf(p));  // the decision's columns
    store::ReplaceMembers(tx, p.id, p.members, now);
    store::ReplaceOrganisations(tx, p.id, p.organisations);
    store::ReplaceBudgets(tx, p.id, p.budgets);
    store::ReplaceLinks(tx, p.id, p.links, now);
    StageChange c{
        NewId(),          std::nullopt, Stage::kExploration, now, p.proposed_by, PersonRef{me.person_id, "", ""},
        p.decision_reason};
    store::InsertStageChange(tx, p.id, c);
    audit::Record(tx, me.person_id, "approve", "project", p.id, nullptr, Snapshot(p));
    PostReportDue(tx, p, TokyoDate(now), now);
    ProjectChanged(tx, p, now);
    NameBook names(tx);
    FillNames(names, p);
    return p;
}

std::optional<Project> FindProjectForModule(db::Tx& tx, const std::string& id) {
    if (!LooksLikeId(id)) return std::nullopt;
    return store::FindProject(tx, id);
}

}  // namespace renkei::projects
