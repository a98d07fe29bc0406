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
#include "platform/text/base64.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::projects {

// ---- shared with portfolio.cpp (internal.hpp) ----

std::map<std::string, RequirementCheck>& RequirementChecks() {
    static std::map<std::string, RequirementCheck> checks;
    return checks;
}

void RegisterRequirementCheck(const std::string& code, RequirementCheck check) {
    RequirementChecks()[code] = std::move(check);
}

namespace {
std::vector<ProjectHook>& ProjectHooks() {
    static std::vector<ProjectHook> hooks;
    return hooks;
}
void ProjectChanged(db::Tx& tx, const Project& p) {
    for (const auto& hook : ProjectHooks()) hook(tx, p);
}
}  // namespace

void OnProjectChanged(ProjectHook hook) { ProjectHooks().push_back(std::move(hook)); }

std::optional<Project> FindProject(db::Tx& tx, const std::string& id) { return store::FindProject(tx, id); }

std::set<std::string> ProjectsOfMember(db::Tx& tx, const std::string& person_id) {
    return store::ProjectsOf(tx, person_id);
}

std::vector<std::string> ProjectIdsWithStatus(db::Tx& tx, const std::string& status) {
    store::ProjectFilter f;
    f.status = status;
    std::vector<std::string> out;
    for (const auto& p : store::ListProjects(tx, f)) out.push_back(p.id);
    return out;
}

void NameBook::Load(const std::vector<std::string>& ids) {
    std::vector<std::string> missing;
    for (const auto& id : ids)
        if (!cache_.count(id)) missing.push_back(id);
    if (missing.empty()) return;
    auto found = people::NamesOf(tx_, missing);
    for (const auto& id : missing) {
        auto it = found.find(id);
        cache_[id] = it == found.end() ? PersonRef{id, "", ""} : PersonRef{id, it->second.name_ja, it->second.name_en};
    }
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
    Load(std::vector<std::string>{id});
    return cache_.at(id);
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

GateFacts FactsFor(db::Tx& tx, const Project& p, const std::string& today) {
    GateFacts f = store::Facts(tx, p.id, today, FiscalYearOf(today));
    f.has_pi = p.WithRole("pi") != nullptr;
    f.has_company_lead = p.WithRole("company_lead") != nullptr;
    f.has_aims = !Trim(p.aims).empty();
    for (const auto& c : store::Confirmations(tx, p.id)) f.confirmed.insert(c.code);
    for (const auto& [code, check] : RequirementChecks()) f.external[code] = check(tx, p.id);
    return f;
}

std::vector<ChecklistItem> ChecklistFor(db::Tx& tx, const Project& p, const std::string& to_stage,
                                        std::optional<Gate>* gate_out, Seconds now) {
    auto gate = store::FindGate(tx, to_stage);
    if (gate_out) *gate_out = gate;
    if (!gate) return {};
    return EvaluateGate(gate->requirements, FactsFor(tx, p, TokyoDate(now)));
}

namespace {

constexpr const char* kSource = "projects";

std::string SearchKeyOf(const Project& p) { return text::SearchKey(p.title_ja + " " + p.title_en + " " + p.aims); }

Project Load(db::Tx& tx, const std::string& id) {
    auto p = store::FindProject(tx, id);
    if (!p) throw NotFound("project");
    return *p;
}

// The project for someone who needs the full view; kNotFound for those who may not know it
// exists, kForbidden for those who see only its summary.
Project LoadFull(db::Tx& tx, const Me& me, const std::string& id) {
    auto p = Load(tx, id);
    auto rel = RelationOf(p, me);
    if (MaySeeFull(rel)) return p;
    if (p.status == "proposed" || p.status == "rejected") throw NotFound("project");
    throw Forbidden("only the project's members see this");
}

void RequireSteer(const Project& p, const Me& me) {
    if (!MaySteer(RelationOf(p, me))) throw Forbidden("only the PI, the company lead or the office may do this");
}

void RequireActive(const Project& p) {
    if (p.status != "active") throw Error{ErrorCode::kConflict, "status", "the project is not active"};
}

boost::json::value Snapshot(const Project& p) {
    boost::json::object o{{"kind", p.kind},
                          {"title_ja", p.title_ja},
                          {"title_en", p.title_en},
                          {"aims", p.aims},
                          {"status", p.status},
                          {"stage", p.stage},
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

std::string PageOf(const std::string& project_id) { return "/projects/" + project_id; }

// ---- validation ----

std::string CheckText(const std::string& field, const std::string& value, size_t max, bool required, bool multiline) {
    std::string v = Trim(value);
    if (required && v.empty()) throw Invalid(field, field + " is required");
    if (Utf8Length(v) > max) throw Invalid(field, field + " must be at most " + std::to_string(max) + " characters");
    if (!CleanUtf8(v, multiline)) throw Invalid(field, field + " contains characters that are not allowed");
    return v;
}

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

std::vector<std::string> PeopleWithRole(db::Tx& tx, const std::string& role) {
    std::vector<std::string> out;
    for (const auto& p : people::ListPeople(tx, "", role, "", 1)) out.push_back(p.id);
    return out;
}

void AskForDecision(db::Tx& tx, const Project& p) {
    for (const auto& person : PeopleWithRole(tx, "committee")) {
        if (person == p.proposed_by.id) continue;
        inbox::Post(tx, {person, "projects.approve_project", kSource, "decision:" + p.id, "研究プロジェクトの承認",
                         "Approve a research project", p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en,
                         PageOf(p.id), std::nullopt,
                         inbox::Action{"POST", "/api/projects/" + p.id + "/decision",
                                       boost::json::object{{"decision", "approve"}}, "承認する", "Approve"}});
    }
}

std::vector<std::string> GateApprovers(db::Tx& tx, const Project& p, const std::string& approver) {
    if (approver == "pi" || approver == "company_lead") {
        const Member* m = p.WithRole(approver);
        return m ? std::vector<std::string>{m->person.id} : std::vector<std::string>{};
    }
    return PeopleWithRole(tx, approver);
}

void PostReportDue(db::Tx& tx, const Project& p, const std::string& from) {
    const Member* lead = p.WithRole("company_lead");
    if (!lead) return;
    inbox::Resolve(tx, kSource, "report_due:" + p.id, std::nullopt, "cancelled");
    inbox::Post(tx, {lead->person.id, "projects.report_due", kSource, "report_due:" + p.id, "進捗報告の提出",
                     "Submit a progress report", p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en,
                     PageOf(p.id) + "/report", NextReportDue(p.report_period, from), std::nullopt});
}

void PostMilestone(db::Tx& tx, const Project& p, const Milestone& m) {
    inbox::Post(
        tx, {m.owner.id, "projects.milestone_due", kSource, "milestone:" + m.id, "マイルストーン: " + m.title,
             "Milestone: " + m.title, p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en, PageOf(p.id), m.due_on,
             inbox::Action{"PATCH", "/api/projects/" + p.id + "/milestones/" + m.id,
                           boost::json::object{{"done", true}}, "完了にする", "Mark done"}});
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
                   const std::vector<Member>& after) {
    auto holder = [](const std::vector<Member>& members, std::string_view role) {
        for (const auto& m : members)
            if (m.role == role) return m.person.id;
        return std::string();
    };
    std::set<std::string> people;  // whose items may move: old and new role holders, and who left
    for (const char* role : {"pi", "company_lead"}) {
        std::string was = holder(before, role), now = holder(after, role);
        if (was == now) continue;
        if (!was.empty()) people.insert(was);
        if (!now.empty()) people.insert(now);
    }
    for (const auto& m : before)
        if (std::none_of(after.begin(), after.end(), [&](const Member& a) { return a.person.id == m.person.id; }))
            people.insert(m.person.id);
    std::vector<HeldItem> held;
    for (const auto& person : people)
        for (const auto& item : inbox::OpenItemsOf(tx, person, kSource))
            if (auto h = HeldItemOf(tx, project_id, before, item)) held.push_back(std::move(*h));
    for (const auto& h : FollowRoleHolders(after, held)) {
        if (h.to)
            inbox::HandOver(tx, h.item_id, *h.to, me.person_id);
        else
            inbox::ResolveItem(tx, h.item_id, me.person_id, "cancelled");
    }
}

void EnterStage(db::Tx& tx, Project& p, const std::string& to, const std::optional<std::string>& requested_by,
                const std::optional<std::string>& approved_by, const std::string& note, const Me& me, Seconds now) {
    auto before = Snapshot(p);
    StageChange c;
    c.id = NewId();
    if (p.status == "active" && p.active_since) c.from_stage = p.stage;
    c.to_stage = to;
    c.at = now;
    if (requested_by) c.requested_by = PersonRef{*requested_by, "", ""};
    if (approved_by) c.approved_by = PersonRef{*approved_by, "", ""};
    c.note = note;
    store::InsertStageChange(tx, p.id, c);
    p.stage = to;
    p.stage_since = c.at;
    p.updated_at = c.at;
    store::UpdateProject(tx, p, SearchKeyOf(p));
    audit::Record(tx, me.person_id, "stage_change", "project", p.id, before,
                  boost::json::object{{"stage", to},
                                      {"from_stage", c.from_stage ? boost::json::value(*c.from_stage) : nullptr},
                                      {"approved_by", approved_by ? boost::json::value(*approved_by) : nullptr},
                                      {"note", note}});
}

void CheckUpload(const Upload& in) {
    if (!IsSafeFileName(in.filename))
        throw Invalid("filename", "a file name without slashes, quotes or control characters is required");
    if (!IsAllowedDocumentType(in.content_type))
        throw Invalid("content_type", "allowed: PDF, Word, Excel, PowerPoint, PNG, JPEG, text and CSV files");
    if (in.bytes.empty()) throw Invalid("file", "the file is empty");
    if (in.bytes.size() > kMaxDocumentBytes)
        throw Error{ErrorCode::kPayloadTooLarge, "file", "a document may have at most 900 KB"};
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
    p.status = "proposed";
    p.stage = "exploration";
    p.created_at = p.updated_at = p.stage_since = now;
    p.proposed_by = PersonRef{me.person_id, "", ""};
    store::InsertProject(tx, p, SearchKeyOf(p));
    store::ReplaceMembers(tx, p.id, p.members, now);
    store::ReplaceOrganisations(tx, p.id, p.organisations);
    store::ReplaceBudgets(tx, p.id, p.budgets);
    store::ReplaceLinks(tx, p.id, p.links, now);
    audit::Record(tx, me.person_id, "propose", "project", p.id, nullptr, Snapshot(p));
    AskForDecision(tx, p);
    if (in.introduction_id) exchange::AttachProject(tx, me, *in.introduction_id, p.id, "project_proposal", now);
    NameBook names(tx);
    FillNames(names, p);
    ProjectChanged(tx, p);
    return p;
}

Project Update(db::Tx& tx, const Me& me, const std::string& id, const ProjectPatch& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    if (p.status == "rejected" || p.status == "closed")
        throw Error{ErrorCode::kConflict, "status", "the project is closed"};
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
        FollowMembers(tx, me, p.id, before_members, p.members);
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
    if (p.status == "active" && in.report_period) {
        auto last = store::Reports(tx, p.id, 1);
        PostReportDue(tx, p,
                      !last.empty()    ? last.front().report_on
                      : p.active_since ? TokyoDate(*p.active_since)
                                       : TokyoDate(now));
    }
    auto stored = Load(tx, id);
    NameBook names(tx);
    FillNames(names, stored);
    FillOrganisationNames(tx, stored);
    if (in.members || in.organisations) ProjectChanged(tx, stored);
    return stored;
}

Project LinkIntroduction(db::Tx& tx, const Me& me, const std::string& id, const std::string& introduction_id,
                         Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    if (p.status == "rejected" || p.status == "closed")
        throw Error{ErrorCode::kConflict, "status", "the project is closed"};
    auto intro = exchange::GetIntroduction(tx, me, introduction_id);  // kNotFound unless a party or the office
    auto before = Snapshot(p);
    exchange::AttachProject(tx, me, introduction_id, p.id,
                            p.status == "active" ? "project_started" : "project_proposal", now);
    // The need and seed the introduction was about join the project's links (when the caller sees them).
    std::vector<Link> links = p.links;
    for (const auto& [kind, target] :
         {std::pair{intro.item_type, intro.item_id}, std::pair{intro.via_type, intro.via_id}}) {
        if (kind.empty() || target.empty() || !IsLinkKind(kind)) continue;
        bool listed = std::any_of(links.begin(), links.end(),
                                  [&](const Link& l) { return l.kind == kind && l.target_id == target; });
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

Project Decide(db::Tx& tx, const Me& me, const std::string& id, bool approve, const std::string& reason, Seconds now) {
    auto p = Load(tx, id);
    if (!me.HasRole("committee")) {
        if (!MaySeeFull(RelationOf(p, me))) throw NotFound("project");
        throw Forbidden("only a committee member may approve or reject a project");
    }
    if (p.status != "proposed")
        throw Error{ErrorCode::kConflict, "status", "the project is not waiting for a decision"};
    std::string why = CheckText("reason", reason, 1000, !approve, true);
    auto before = Snapshot(p);
    p.decided_by = PersonRef{me.person_id, "", ""};
    p.decided_at = now;
    p.decision_reason = why;
    if (approve) {
        p.status = "active";
        p.active_since = p.decided_at;
        p.stage = "exploration";
        p.stage_since = *p.decided_at;
        StageChange c{
            NewId(), std::nullopt, "exploration", *p.decided_at, p.proposed_by, PersonRef{me.person_id, "", ""}, why};
        store::InsertStageChange(tx, p.id, c);
    } else {
        p.status = "rejected";
    }
    p.updated_at = *p.decided_at;
    store::UpdateProject(tx, p, SearchKeyOf(p));
    audit::Record(tx, me.person_id, approve ? "approve" : "reject", "project", p.id, before, Snapshot(p));
    inbox::Resolve(tx, kSource, "decision:" + p.id, me.person_id, "done");
    if (approve) PostReportDue(tx, p, TokyoDate(now));
    ProjectChanged(tx, p);
    NameBook names(tx);
    FillNames(names, p);
    return p;
}

// ---- stages ----

StageRequest RequestStage(db::Tx& tx, const Me& me, const std::string& id, const std::string& to_stage,
                          const std::string& note, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    RequireActive(p);
    if (!IsStage(to_stage)) throw Invalid("to_stage", "unknown stage: " + to_stage);
    if (!IsAllowedMove(p.status, p.stage, to_stage))
        throw Invalid("to_stage", "a project moves to the next stage only (now: " + p.stage + ")");
    if (store::PendingStageRequest(tx, p.id))
        throw Error{ErrorCode::kConflict, "to_stage", "a stage change is already waiting for approval"};
    std::optional<Gate> gate;
    auto checklist = ChecklistFor(tx, p, to_stage, &gate, now);
    if (!gate) throw Error{ErrorCode::kConflict, "to_stage", "no gate is configured for this stage"};
    if (!GatePasses(checklist)) {
        std::string missing;
        for (const auto& c : checklist)
            if (!c.satisfied) missing += (missing.empty() ? "" : ", ") + c.code;
        throw Error{ErrorCode::kConflict, "requirements", "the gate is not passed yet: " + missing};
    }
    StageRequest r;
    r.id = NewId();
    r.project_id = p.id;
    r.from_stage = p.stage;
    r.to_stage = to_stage;
    r.approver = gate->approver;
    r.note = CheckText("note", note, 1000, false, true);
    r.state = "pending";
    r.requested_by = PersonRef{me.person_id, "", ""};
    r.requested_at = now;
    store::InsertStageRequest(tx, r);
    audit::Record(
        tx, me.person_id, "request_stage", "project", p.id, nullptr,
        boost::json::object{
            {"request_id", r.id}, {"from_stage", r.from_stage}, {"to_stage", r.to_stage}, {"approver", r.approver}});
    auto rel = RelationOf(p, me);
    if ((r.approver == "pi" && rel.is_pi) || (r.approver == "company_lead" && rel.is_company_lead)) {
        r.state = "approved";
        r.decided_by = PersonRef{me.person_id, "", ""};
        r.decided_at = r.requested_at;
        store::UpdateStageRequest(tx, r);
        EnterStage(tx, p, to_stage, me.person_id, me.person_id, r.note, me, now);
    } else {
        const char* stage_ja[] = {"探索", "実現可能性検討", "共同研究", "前臨床", "臨床研究", "薬事", "上市", "販売"};
        std::string to_ja = stage_ja[StageIndex(to_stage)];
        for (const auto& person : GateApprovers(tx, p, r.approver)) {
            if (person == me.person_id) continue;
            inbox::Post(tx, {person, "projects.approve_stage", kSource, "stage_request:" + r.id,
                             "ステージ移行の確認: " + to_ja, "Approve the move to " + to_stage, p.title_ja,
                             p.title_en.empty() ? p.title_ja : p.title_en, PageOf(p.id), std::nullopt,
                             inbox::Action{"POST", "/api/projects/" + p.id + "/stage-requests/" + r.id + "/decision",
                                           boost::json::object{{"decision", "approve"}}, "確認して承認",
                                           "Acknowledge and approve"}});
        }
    }
    NameBook names(tx);
    names.Fill(r.requested_by);
    if (r.decided_by) names.Fill(*r.decided_by);
    return r;
}

StageRequest DecideStage(db::Tx& tx, const Me& me, const std::string& id, const std::string& request_id,
                         const std::string& decision, const std::string& reason, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto r = store::FindStageRequest(tx, p.id, request_id);
    if (!r) throw NotFound("stage request");
    if (decision != "approve" && decision != "reject" && decision != "withdraw")
        throw Invalid("decision", "decision must be approve, reject or withdraw");
    if (r->state != "pending") throw Error{ErrorCode::kConflict, "decision", "this request has been decided already"};
    auto rel = RelationOf(p, me);
    bool is_requester = r->requested_by.id == me.person_id;
    if (decision == "withdraw") {
        if (!is_requester && !rel.is_office) throw Forbidden("only the requester or the office may withdraw it");
    } else if (!MayApproveGate(r->approver, rel, is_requester)) {
        throw Forbidden("this gate is approved by: " + r->approver);
    }
    std::string why = CheckText("reason", reason, 1000, decision == "reject", true);
    r->state = decision == "approve" ? "approved" : decision == "reject" ? "rejected" : "withdrawn";
    r->decided_by = PersonRef{me.person_id, "", ""};
    r->decided_at = now;
    r->reason = why;
    if (decision == "approve") {
        RequireActive(p);
        // The checklist may have changed since the request (a milestone slipped).
        auto checklist = ChecklistFor(tx, p, r->to_stage, nullptr, now);
        if (!GatePasses(checklist)) throw Error{ErrorCode::kConflict, "requirements", "the gate is no longer passed"};
        if (p.stage != r->from_stage) throw Error{ErrorCode::kConflict, "decision", "the project has moved on since"};
        store::UpdateStageRequest(tx, *r);
        EnterStage(tx, p, r->to_stage, r->requested_by.id, me.person_id, r->note, me, now);
    } else {
        store::UpdateStageRequest(tx, *r);
        audit::Record(tx, me.person_id, decision == "reject" ? "reject_stage" : "withdraw_stage", "project", p.id,
                      nullptr, boost::json::object{{"request_id", r->id}, {"to_stage", r->to_stage}, {"reason", why}});
    }
    inbox::Resolve(tx, kSource, "stage_request:" + r->id, me.person_id, decision == "approve" ? "done" : "cancelled");
    NameBook names(tx);
    names.Fill(r->requested_by);
    names.Fill(*r->decided_by);
    return *r;
}

Confirmation Confirm(db::Tx& tx, const Me& me, const std::string& id, const std::string& code, const std::string& note,
                     Seconds now) {
    auto p = LoadFull(tx, me, id);
    if (!me.HasRole("office")) throw Forbidden("only the office confirms requirements by hand");
    const Requirement* r = FindRequirement(code);
    if (!r) throw Invalid("code", "unknown requirement: " + code);
    if (r->module == "projects") throw Invalid("code", "this requirement is checked from the project's own data");
    if (RequirementChecks().count(code))
        throw Invalid("code", "the " + std::string(r->module) + " module answers this requirement");
    Confirmation c{code, CheckText("note", note, 1000, true, true), PersonRef{me.person_id, "", ""}, now};
    store::UpsertConfirmation(tx, p.id, c);
    audit::Record(tx, me.person_id, "confirm_requirement", "project", p.id, nullptr,
                  boost::json::object{{"code", code}, {"note", c.note}});
    NameBook names(tx);
    names.Fill(c.confirmed_by);
    return c;
}

std::vector<Gate> ListGates(db::Tx& tx) {
    auto gates = store::ListGates(tx);
    std::sort(gates.begin(), gates.end(),
              [](const Gate& a, const Gate& b) { return StageIndex(a.stage) < StageIndex(b.stage); });
    return gates;
}

Gate UpdateGate(db::Tx& tx, const Me& me, const Gate& gate, Seconds now) {
    if (!me.HasAnyRole({"office", "admin"})) throw Forbidden("only the office configures gates");
    if (!IsStage(gate.stage) || gate.stage == "exploration") throw NotFound("gate");
    if (!IsApprover(gate.approver)) throw Invalid("approver", "approver must be pi, company_lead, office or committee");
    std::set<std::string> seen;
    for (const auto& code : gate.requirements) {
        if (!FindRequirement(code)) throw Invalid("requirements", "unknown requirement: " + code);
        if (!seen.insert(code).second) throw Invalid("requirements", "a requirement is listed twice");
    }
    auto before = store::FindGate(tx, gate.stage);
    store::UpdateGate(tx, gate, me.person_id, now);
    audit::Record(tx, me.person_id, "update", "project_gate", gate.stage,
                  before ? boost::json::value_from(*before) : boost::json::value(nullptr),
                  boost::json::value_from(gate));
    return gate;
}

// ---- milestones ----

Milestone AddMilestone(db::Tx& tx, const Me& me, const std::string& id, const std::string& title,
                       const std::string& owner_id, const std::string& due_on, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    RequireActive(p);
    Milestone m;
    m.id = NewId();
    m.project_id = p.id;
    m.title = CheckText("title", title, 200, true, false);
    if (!p.FindMember(owner_id)) throw Invalid("owner_id", "the owner must be a member of the project");
    m.owner = PersonRef{owner_id, "", ""};
    if (!ParseDate(due_on)) throw Invalid("due_on", "due_on must be a date (YYYY-MM-DD)");
    m.due_on = due_on;
    m.overdue = m.due_on < TokyoDate(now);
    store::InsertMilestone(tx, m, now);
    audit::Record(
        tx, me.person_id, "create", "project_milestone", m.id, nullptr,
        boost::json::object{{"project_id", p.id}, {"title", m.title}, {"owner_id", owner_id}, {"due_on", due_on}});
    PostMilestone(tx, p, m);
    NameBook names(tx);
    names.Fill(m.owner);
    return m;
}

Milestone UpdateMilestone(db::Tx& tx, const Me& me, const std::string& id, const std::string& milestone_id,
                          const MilestonePatch& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto found = store::FindMilestone(tx, p.id, milestone_id);
    if (!found) throw NotFound("milestone");
    auto rel = RelationOf(p, me);
    bool owner = found->owner.id == me.person_id;
    bool only_done = !in.title && !in.owner_id && !in.due_on;
    if (!MaySteer(rel) && !(owner && only_done))
        throw Forbidden("only the owner marks it done; the PI, company lead or office change it");
    Milestone m = *found;
    auto before = boost::json::object{
        {"title", m.title}, {"owner_id", m.owner.id}, {"due_on", m.due_on}, {"done", m.done_at.has_value()}};
    if (in.title) m.title = CheckText("title", *in.title, 200, true, false);
    if (in.owner_id) {
        if (!p.FindMember(*in.owner_id)) throw Invalid("owner_id", "the owner must be a member of the project");
        m.owner = PersonRef{*in.owner_id, "", ""};
    }
    if (in.due_on) {
        if (!ParseDate(*in.due_on)) throw Invalid("due_on", "due_on must be a date (YYYY-MM-DD)");
        m.due_on = *in.due_on;
    }
    std::optional<std::string> done_by;
    if (in.done) {
        if (*in.done && !m.done_at) {
            m.done_at = now;
            done_by = me.person_id;
        } else if (!*in.done) {
            m.done_at.reset();
        }
    }
    store::UpdateMilestone(tx, m,
                           m.done_at ? (done_by ? done_by : std::optional<std::string>(me.person_id)) : std::nullopt);
    audit::Record(
        tx, me.person_id, in.done && *in.done ? "complete" : "update", "project_milestone", m.id, before,
        boost::json::object{
            {"title", m.title}, {"owner_id", m.owner.id}, {"due_on", m.due_on}, {"done", m.done_at.has_value()}});
    if (m.done_at) {
        inbox::Resolve(tx, kSource, "milestone:" + m.id, me.person_id, "done");
    } else if (in.owner_id || in.due_on || (in.done && !*in.done) || in.title) {
        inbox::Resolve(tx, kSource, "milestone:" + m.id, me.person_id, "cancelled");
        PostMilestone(tx, p, m);
    }
    m.overdue = !m.done_at && m.due_on < TokyoDate(now);
    NameBook names(tx);
    names.Fill(m.owner);
    return m;
}

std::vector<Milestone> ListMilestones(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto list = store::Milestones(tx, p.id);
    NameBook names(tx);
    std::string today = TokyoDate(now);
    for (auto& m : list) {
        names.Fill(m.owner);
        m.overdue = !m.done_at && m.due_on < today;
    }
    return list;
}

// ---- reports ----

Report SubmitReport(db::Tx& tx, const Me& me, const std::string& id, const NewReport& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    if (!p.FindMember(me.person_id)) throw Forbidden("only the project's members report progress");
    RequireActive(p);
    Report r;
    r.id = NewId();
    r.project_id = p.id;
    r.author = PersonRef{me.person_id, "", ""};
    r.done = CheckText("done", in.done, 2000, true, true);
    r.next = CheckText("next", in.next, 2000, false, true);
    r.risks = CheckText("risks", in.risks, 2000, false, true);
    r.help = CheckText("help", in.help, 2000, false, true);
    r.submitted_at = now;
    // Reports of a project get distinct moments, so "the previous report" is always well defined.
    if (auto last = store::Reports(tx, p.id, 1); !last.empty() && last.front().submitted_at >= r.submitted_at)
        r.submitted_at = last.front().submitted_at + std::chrono::seconds{1};
    r.report_on = TokyoDate(r.submitted_at);
    store::InsertReport(tx, r);
    audit::Record(tx, me.person_id, "create", "project_report", r.id, nullptr,
                  boost::json::object{
                      {"project_id", p.id}, {"done", r.done}, {"next", r.next}, {"risks", r.risks}, {"help", r.help}});
    for (const char* role : {"pi", "company_lead"}) {
        const Member* m = p.WithRole(role);
        if (!m || m->person.id == me.person_id) continue;
        inbox::Post(tx, {m->person.id, "projects.report_ack", kSource, "report:" + r.id, "進捗報告の確認",
                         "Acknowledge a progress report", p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en,
                         PageOf(p.id) + "/reports", std::nullopt,
                         inbox::Action{"POST", "/api/projects/" + p.id + "/reports/" + r.id + "/acknowledge", nullptr,
                                       "確認しました", "Acknowledge"}});
    }
    PostReportDue(tx, p, r.report_on);
    NameBook names(tx);
    names.Fill(r.author);
    return r;
}

std::vector<Report> ListReports(db::Tx& tx, const Me& me, const std::string& id, int limit) {
    auto p = LoadFull(tx, me, id);
    auto list = store::Reports(tx, p.id, limit);
    NameBook names(tx);
    std::vector<std::string> ids;
    for (const auto& r : list) {
        ids.push_back(r.author.id);
        for (const auto& a : r.acknowledgements) ids.push_back(a.person.id);
    }
    names.Load(ids);
    for (auto& r : list) {
        names.Fill(r.author);
        for (auto& a : r.acknowledgements) names.Fill(a.person);
    }
    return list;
}

Report Acknowledge(db::Tx& tx, const Me& me, const std::string& id, const std::string& report_id, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto r = store::FindReport(tx, p.id, report_id);
    if (!r) throw NotFound("report");
    auto rel = RelationOf(p, me);
    if (!rel.is_pi && !rel.is_company_lead) throw Forbidden("only the PI and the company lead acknowledge reports");
    for (const auto& a : r->acknowledgements)
        if (a.person.id == me.person_id)
            throw Error{ErrorCode::kConflict, "", "you have acknowledged this report already"};
    Acknowledgement a{PersonRef{me.person_id, "", ""}, rel.is_pi ? "pi" : "company_lead", now};
    store::InsertAcknowledgement(tx, r->id, a);
    r->acknowledgements.push_back(a);
    audit::Record(tx, me.person_id, "acknowledge", "project_report", r->id, nullptr,
                  boost::json::object{{"project_id", p.id}, {"role", a.role}});
    inbox::ResolveFor(tx, kSource, "report:" + r->id, me.person_id, me.person_id, "done");
    NameBook names(tx);
    names.Fill(r->author);
    for (auto& x : r->acknowledgements) names.Fill(x.person);
    return *r;
}

// ---- documents ----

Document UploadDocument(db::Tx& tx, const Me& me, const std::string& id, const Upload& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto rel = RelationOf(p, me);
    if (!rel.is_member && !rel.is_office) throw Forbidden("only members and the office attach documents");
    Document d;
    d.id = NewId();
    d.project_id = p.id;
    d.title = CheckText("title", in.title.empty() ? in.filename : in.title, 200, true, false);
    d.visibility = in.visibility.empty() ? "internal" : in.visibility;
    if (!IsVisibility(d.visibility)) throw Invalid("visibility", "visibility must be public, internal or confidential");
    if (d.visibility == "confidential" && !rel.is_member)
        throw Invalid("visibility", "only members may mark a document confidential");
    CheckUpload(in);
    d.current_version = 1;
    d.created_by = PersonRef{me.person_id, "", ""};
    d.created_at = d.updated_at = now;
    DocumentVersion v{1,           in.filename, in.content_type, static_cast<long long>(in.bytes.size()), d.created_by,
                      d.created_at};
    store::InsertDocument(tx, d);
    store::InsertDocumentVersion(tx, d.id, v, text::ToBase64(in.bytes));
    d.versions.push_back(v);
    audit::Record(tx, me.person_id, "upload", "project_document", d.id, nullptr,
                  boost::json::object{{"project_id", p.id},
                                      {"title", d.title},
                                      {"visibility", d.visibility},
                                      {"version", 1},
                                      {"filename", in.filename},
                                      {"size_bytes", v.size_bytes}});
    NameBook names(tx);
    names.Fill(d.created_by);
    for (auto& x : d.versions) names.Fill(x.uploaded_by);
    return d;
}

Document UploadVersion(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                       const Upload& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto rel = RelationOf(p, me);
    auto d = store::FindDocument(tx, p.id, document_id);
    if (!d || !MaySeeDocument(d->visibility, rel)) throw NotFound("document");
    if (!rel.is_member && !rel.is_office) throw Forbidden("only members and the office attach documents");
    CheckUpload(in);
    d->current_version += 1;
    d->updated_at = now;
    DocumentVersion v{d->current_version,
                      in.filename,
                      in.content_type,
                      static_cast<long long>(in.bytes.size()),
                      PersonRef{me.person_id, "", ""},
                      d->updated_at};
    store::InsertDocumentVersion(tx, d->id, v, text::ToBase64(in.bytes));
    store::UpdateDocument(tx, *d);
    d->versions.insert(d->versions.begin(), v);
    audit::Record(tx, me.person_id, "upload_version", "project_document", d->id, nullptr,
                  boost::json::object{{"version", v.version}, {"filename", v.filename}, {"size_bytes", v.size_bytes}});
    NameBook names(tx);
    names.Fill(d->created_by);
    for (auto& x : d->versions) names.Fill(x.uploaded_by);
    return *d;
}

Document ChangeDocument(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                        const std::optional<std::string>& title, const std::optional<std::string>& visibility,
                        Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto rel = RelationOf(p, me);
    auto d = store::FindDocument(tx, p.id, document_id);
    if (!d || !MaySeeDocument(d->visibility, rel)) throw NotFound("document");
    if (!rel.is_member && !rel.is_office) throw Forbidden("only members and the office change documents");
    auto before = boost::json::object{{"title", d->title}, {"visibility", d->visibility}};
    if (title) d->title = CheckText("title", *title, 200, true, false);
    if (visibility) {
        if (!IsVisibility(*visibility))
            throw Invalid("visibility", "visibility must be public, internal or confidential");
        if (*visibility == "confidential" && !rel.is_member)
            throw Invalid("visibility", "only members may mark a document confidential");
        d->visibility = *visibility;
    }
    d->updated_at = now;
    store::UpdateDocument(tx, *d);
    audit::Record(tx, me.person_id, "update", "project_document", d->id, before,
                  boost::json::object{{"title", d->title}, {"visibility", d->visibility}});
    NameBook names(tx);
    names.Fill(d->created_by);
    for (auto& x : d->versions) names.Fill(x.uploaded_by);
    return *d;
}

std::vector<Document> ListDocuments(db::Tx& tx, const Me& me, const std::string& id) {
    auto p = Load(tx, id);
    auto rel = RelationOf(p, me);
    if (!MaySeeFull(rel) && (p.status == "proposed" || p.status == "rejected")) throw NotFound("project");
    std::vector<Document> out;
    auto documents = store::Documents(tx, p.id);
    NameBook names(tx);
    std::vector<std::string> ids;
    for (const auto& d : documents) {
        ids.push_back(d.created_by.id);
        for (const auto& v : d.versions) ids.push_back(v.uploaded_by.id);
    }
    names.Load(ids);
    for (auto& d : documents) {
        if (!MaySeeDocument(d.visibility, rel)) continue;
        names.Fill(d.created_by);
        for (auto& v : d.versions) names.Fill(v.uploaded_by);
        out.push_back(std::move(d));
    }
    return out;
}

bool MayReadDocument(db::Tx& tx, const Me& me, const std::string& document_id) {
    auto project_id = store::ProjectOfDocument(tx, document_id);
    if (!project_id) return false;
    auto p = Load(tx, *project_id);
    auto d = store::FindDocument(tx, p.id, document_id);
    return d && MaySeeDocument(d->visibility, RelationOf(p, me));
}

Download DownloadDocument(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                          std::optional<int> version) {
    auto p = Load(tx, id);
    auto rel = RelationOf(p, me);
    if (!MaySeeFull(rel) && (p.status == "proposed" || p.status == "rejected")) throw NotFound("project");
    auto d = store::FindDocument(tx, p.id, document_id);
    // A document the caller may not see does not exist for them.
    if (!d || !MaySeeDocument(d->visibility, rel)) throw NotFound("document");
    auto file = store::DocumentContent(tx, d->id, version.value_or(d->current_version));
    if (!file) throw NotFound("version");
    return Download{file->filename, file->content_type, text::DecodeStored(file->content_base64, "document")};
}

// ---- products ----

Product SaveProduct(db::Tx& tx, const Me& me, const std::string& id, const ProductInput& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    RequireActive(p);
    auto existing = store::FindProduct(tx, p.id);
    Product x;
    x.id = existing ? existing->id : NewId();
    x.project_id = p.id;
    if (in.kind != "product" && in.kind != "service") throw Invalid("kind", "kind must be product or service");
    x.kind = in.kind;
    x.name_ja = CheckText("name_ja", in.name_ja, 200, true, false);
    x.name_en = CheckText("name_en", in.name_en, 200, false, false);
    x.description = CheckText("description", in.description, 2000, false, true);
    if (in.launched_on && !ParseDate(*in.launched_on))
        throw Invalid("launched_on", "launched_on must be a date (YYYY-MM-DD)");
    x.launched_on = in.launched_on;
    store::UpsertProduct(tx, x, existing.has_value(), now);
    audit::Record(tx, me.person_id, existing ? "update" : "create", "project_product", x.id,
                  existing ? boost::json::value_from(*existing) : boost::json::value(nullptr),
                  boost::json::value_from(x));
    return *store::FindProduct(tx, p.id);
}

Product RecordSale(db::Tx& tx, const Me& me, const std::string& id, const Sale& sale, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    auto product = store::FindProduct(tx, p.id);
    if (!product) throw Error{ErrorCode::kConflict, "product", "record the product or service first"};
    if (!product->launched_on) throw Error{ErrorCode::kConflict, "launched_on", "record the launch date first"};
    if (!IsYearMonth(sale.period)) throw Invalid("period", "period must be a month (YYYY-MM)");
    if (sale.period < product->launched_on->substr(0, 7)) throw Invalid("period", "sales cannot precede the launch");
    if (sale.amount_yen < 0 || sale.amount_yen > 1'000'000'000'000LL)
        throw Invalid("amount_yen", "amount_yen is out of range");
    store::UpsertSale(tx, p.id, sale, me.person_id, now);
    audit::Record(tx, me.person_id, "record_sale", "project_product", product->id, nullptr,
                  boost::json::value_from(sale));
    return *store::FindProduct(tx, p.id);
}

std::optional<Project> FindProjectForModule(db::Tx& tx, const std::string& id) {
    if (!LooksLikeId(id)) return std::nullopt;
    return store::FindProject(tx, id);
}

}  // namespace renkei::projects
