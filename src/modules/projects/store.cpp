#include "modules/projects/store.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "platform/db/row.hpp"

namespace renkei::projects::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::ReadEnum;

PersonRef Ref(const std::string& id) { return PersonRef{id, "", ""}; }
std::optional<PersonRef> OptRef(const std::optional<std::string>& id) {
    if (!id) return std::nullopt;
    return Ref(*id);
}
std::optional<Seconds> OptTime(const soci::row& r, size_t i) {
    if (db::IsNull(r, i)) return std::nullopt;
    return FromUnix(GetInt(r, i));
}

std::vector<std::string> Split(const std::string& joined) {
    std::vector<std::string> out;
    std::stringstream in(joined);
    std::string part;
    while (std::getline(in, part, ','))
        if (!part.empty()) out.push_back(part);
    return out;
}

constexpr const char* kProjectColumns =
    "SELECT p.id, p.kind, p.area_code, p.title_ja, p.title_en, p.aims, p.public_summary, p.status, p.stage, "
    "p.stage_since, p.report_period, p.active_since, p.proposed_by, p.decided_by, p.decided_at, p.decision_reason, "
    "p.created_at, p.updated_at FROM projects p ";

Project ReadProject(const soci::row& r) {
    Project p;
    p.id = GetString(r, 0);
    p.kind = GetString(r, 1);
    p.area_code = GetOptionalString(r, 2);
    p.title_ja = GetString(r, 3);
    p.title_en = GetString(r, 4);
    p.aims = GetString(r, 5);
    p.public_summary = GetString(r, 6);
    p.status = ReadEnum<Status>(r, 7);
    p.stage = ReadEnum<Stage>(r, 8);
    p.stage_since = FromUnix(GetInt(r, 9));
    p.report_period = GetString(r, 10);
    p.active_since = OptTime(r, 11);
    p.proposed_by = Ref(GetString(r, 12));
    p.decided_by = OptRef(GetOptionalString(r, 13));
    p.decided_at = OptTime(r, 14);
    p.decision_reason = GetString(r, 15);
    p.created_at = FromUnix(GetInt(r, 16));
    p.updated_at = FromUnix(GetInt(r, 17));
    return p;
}

using db::Nullable;
using db::NullableTime;

constexpr const char* kRequestColumns =
    "SELECT id, project_id, from_stage, to_stage, approver, note, state, requested_by, requested_at, decided_by, "
    "decided_at, reason FROM project_stage_requests ";

StageRequest ReadRequest(const soci::row& r) {
    StageRequest q;
    q.id = GetString(r, 0);
    q.project_id = GetString(r, 1);
    q.from_stage = ReadEnum<Stage>(r, 2);
    q.to_stage = ReadEnum<Stage>(r, 3);
    q.approver = GetString(r, 4);
    q.note = GetString(r, 5);
    q.state = GetString(r, 6);
    q.requested_by = Ref(GetString(r, 7));
    q.requested_at = FromUnix(GetInt(r, 8));
    q.decided_by = OptRef(GetOptionalString(r, 9));
    q.decided_at = OptTime(r, 10);
    q.reason = GetString(r, 11);
    return q;
}

Milestone ReadMilestone(const soci::row& r) {
    Milestone m;
    m.id = GetString(r, 0);
    m.project_id = GetString(r, 1);
    m.title = GetString(r, 2);
    m.owner = Ref(GetString(r, 3));
    m.due_on = GetString(r, 4);
    m.done_at = OptTime(r, 5);
    return m;
}
constexpr const char* kMilestoneColumns =
    "SELECT id, project_id, title, owner_id, due_on, done_at FROM project_milestones ";

constexpr const char* kReportColumns =
    "SELECT id, project_id, author_id, report_on, done_text, next_text, risks_text, help_text, submitted_at "
    "FROM project_reports ";
Report ReadReport(const soci::row& r) {
    Report x;
    x.id = GetString(r, 0);
    x.project_id = GetString(r, 1);
    x.author = Ref(GetString(r, 2));
    x.report_on = GetString(r, 3);
    x.done = GetString(r, 4);
    x.next = GetString(r, 5);
    x.risks = GetString(r, 6);
    x.help = GetString(r, 7);
    x.submitted_at = FromUnix(GetInt(r, 8));
    return x;
}

void LoadAcknowledgements(db::Tx& tx, std::vector<Report>& reports) {
    for (auto& r : reports) {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare
                 << "SELECT person_id, role, at FROM project_report_acks WHERE report_id = :id ORDER BY at",
             soci::use(r.id));
        for (const auto& a : rows)
            r.acknowledgements.push_back({Ref(GetString(a, 0)), GetString(a, 1), FromUnix(GetInt(a, 2))});
    }
}

constexpr const char* kDocumentColumns =
    "SELECT id, project_id, title, visibility, current_version, created_by, created_at, updated_at FROM "
    "project_documents ";
Document ReadDocument(const soci::row& r) {
    Document d;
    d.id = GetString(r, 0);
    d.project_id = GetString(r, 1);
    d.title = GetString(r, 2);
    d.visibility = GetString(r, 3);
    d.current_version = static_cast<int>(GetInt(r, 4));
    d.created_by = Ref(GetString(r, 5));
    d.created_at = FromUnix(GetInt(r, 6));
    d.updated_at = FromUnix(GetInt(r, 7));
    return d;
}
void LoadVersions(db::Tx& tx, Document& d) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT version, filename, content_type, size_bytes, uploaded_by, uploaded_at FROM "
                             "project_document_versions WHERE document_id = :id ORDER BY version DESC",
         soci::use(d.id));
    for (const auto& r : rows)
        d.versions.push_back({static_cast<int>(GetInt(r, 0)), GetString(r, 1), GetString(r, 2), GetInt(r, 3),
                              Ref(GetString(r, 4)), FromUnix(GetInt(r, 5))});
}

}  // namespace

void InsertProject(db::Tx& tx, const Project& p, const std::string& search_key) {
    Nullable area(p.area_code);
    NullableTime active(p.active_since);
    long long since = ToUnix(p.stage_since), created = ToUnix(p.created_at), updated = ToUnix(p.updated_at);
    std::string status(Text(p.status)), stage(Text(p.stage));
    tx.sql() << "INSERT INTO projects (id, kind, area_code, title_ja, title_en, aims, public_summary, status, stage, "
                "stage_since, report_period, active_since, proposed_by, decision_reason, search_key, created_at, "
                "updated_at) VALUES (:id, :kind, :area, :tja, :ten, :aims, :summary, :status, :stage, :since, "
                ":period, :active, :by, '', :key, :created, :updated)",
        soci::use(p.id), soci::use(p.kind), soci::use(area.value, area.ind), soci::use(p.title_ja),
        soci::use(p.title_en), soci::use(p.aims), soci::use(p.public_summary), soci::use(status), soci::use(stage),
        soci::use(since), soci::use(p.report_period), soci::use(active.value, active.ind), soci::use(p.proposed_by.id),
        soci::use(search_key), soci::use(created), soci::use(updated);
}

void UpdateProject(db::Tx& tx, const Project& p, const std::string& search_key) {
    Nullable area(p.area_code);
    NullableTime active(p.active_since), decided_at(p.decided_at);
    Nullable decided_by(p.decided_by ? std::optional<std::string>(p.decided_by->id) : std::nullopt);
    long long since = ToUnix(p.stage_since), updated = ToUnix(p.updated_at);
    std::string status(Text(p.status)), stage(Text(p.stage));
    tx.sql() << "UPDATE projects SET kind = :kind, area_code = :area, title_ja = :tja, title_en = :ten, aims = :aims, "
                "public_summary = :summary, status = :status, stage = :stage, stage_since = :since, report_period = "
                ":period, active_since = :active, decided_by = :dby, decided_at = :dat, decision_reason = :reason, "
                "search_key = :key, updated_at = :updated WHERE id = :id",
        soci::use(p.kind), soci::use(area.value, area.ind), soci::use(p.title_ja), soci::use(p.title_en),
        soci::use(p.aims), soci::use(p.public_summary), soci::use(status), soci::use(stage), soci::use(since),
        soci::use(p.report_period), soci::use(active.value, active.ind), soci::use(decided_by.value, decided_by.ind),
        soci::use(decided_at.value, decided_at.ind), soci::use(p.decision_reason), soci::use(search_key),
        soci::use(updated), soci::use(p.id);
}

std::optional<Project> FindProject(db::Tx& tx, const std::string& id) {
    std::optional<Project> p;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kProjectColumns) + "WHERE p.id = :id", soci::use(id));
        for (const auto& r : rows) p = ReadProject(r);
    }
    if (!p) return p;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare
                 << "SELECT person_id, role, organisation_id FROM project_members WHERE project_id = :id "
                    "ORDER BY CASE role WHEN 'pi' THEN 0 WHEN 'company_lead' THEN 1 ELSE 2 END, added_at, person_id",
             soci::use(id));
        for (const auto& r : rows)
            p->members.push_back({Ref(GetString(r, 0)), GetString(r, 1), GetOptionalString(r, 2)});
    }
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << "SELECT organisation_id, role FROM project_organisations WHERE project_id = :id "
                                 "ORDER BY role DESC, organisation_id",
             soci::use(id));
        for (const auto& r : rows) p->organisations.push_back({GetString(r, 0), GetString(r, 1), "", ""});
    }
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare
                 << "SELECT fiscal_year, amount_yen FROM project_budgets WHERE project_id = :id ORDER BY fiscal_year",
             soci::use(id));
        for (const auto& r : rows) p->budgets.push_back({static_cast<int>(GetInt(r, 0)), GetInt(r, 1)});
    }
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare
                 << "SELECT kind, target_id FROM project_links WHERE project_id = :id ORDER BY kind, created_at",
             soci::use(id));
        for (const auto& r : rows) p->links.push_back({GetString(r, 0), GetString(r, 1)});
    }
    return p;
}

void ReplaceMembers(db::Tx& tx, const std::string& project_id, const std::vector<Member>& members, Seconds now) {
    tx.sql() << "DELETE FROM project_members WHERE project_id = :id", soci::use(project_id);
    long long now_unix = ToUnix(now);
    for (size_t i = 0; i < members.size(); ++i) {
        Nullable org(members[i].organisation_id);
        long long at = now_unix + static_cast<long long>(i);  // keeps the order they were given in
        tx.sql() << "INSERT INTO project_members (project_id, person_id, role, organisation_id, added_at) VALUES "
                    "(:p, :person, :role, :org, :at)",
            soci::use(project_id), soci::use(members[i].person.id), soci::use(members[i].role),
            soci::use(org.value, org.ind), soci::use(at);
    }
}

void ReplaceOrganisations(db::Tx& tx, const std::string& project_id, const std::vector<OrganisationRef>& orgs) {
    tx.sql() << "DELETE FROM project_organisations WHERE project_id = :id", soci::use(project_id);
    for (const auto& o : orgs)
        tx.sql() << "INSERT INTO project_organisations (project_id, organisation_id, role) VALUES (:p, :o, :r)",
            soci::use(project_id), soci::use(o.organisation_id), soci::use(o.role);
}

void ReplaceBudgets(db::Tx& tx, const std::string& project_id, const std::vector<Budget>& budgets) {
    tx.sql() << "DELETE FROM project_budgets WHERE project_id = :id", soci::use(project_id);
    for (const auto& b : budgets)
        tx.sql() << "INSERT INTO project_budgets (project_id, fiscal_year, amount_yen) VALUES (:p, :y, :a)",
            soci::use(project_id), soci::use(b.fiscal_year), soci::use(b.amount_yen);
}

std::map<std::string, long long> BudgetsOfYear(db::Tx& tx, int fiscal_year) {
    std::map<std::string, long long> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT project_id, amount_yen FROM project_budgets WHERE fiscal_year = :y",
         soci::use(fiscal_year));
    for (const auto& r : rows) out[GetString(r, 0)] = GetInt(r, 1);
    return out;
}

void ReplaceLinks(db::Tx& tx, const std::string& project_id, const std::vector<Link>& links, Seconds now) {
    tx.sql() << "DELETE FROM project_links WHERE project_id = :id", soci::use(project_id);
    long long now_unix = ToUnix(now);
    for (const auto& l : links)
        tx.sql() << "INSERT INTO project_links (project_id, kind, target_id, created_at) VALUES (:p, :k, :t, :at)",
            soci::use(project_id), soci::use(l.kind), soci::use(l.target_id), soci::use(now_unix);
}

std::vector<Project> ListProjects(db::Tx& tx, const ProjectFilter& f) {
    std::vector<Project> out;
    std::map<std::string, size_t> index;
    std::string like = "%" + db::LikeEscape(f.search) + "%";
    soci::rowset<soci::row> rows =
        (tx.sql().prepare
             << std::string(kProjectColumns) +
                    "WHERE (:q = '' OR p.search_key LIKE :like ESCAPE '\\') AND (:area = '' OR p.area_code = :area2) "
                    "AND (:stage = '' OR p.stage = :stage2) AND (:kind = '' OR p.kind = :kind2) "
                    "AND (:status = '' OR p.status = :status2) AND (:member = '' OR EXISTS (SELECT 1 FROM "
                    "project_members m WHERE m.project_id = p.id AND m.person_id = :member2)) "
                    "AND (:lkind = '' OR EXISTS (SELECT 1 FROM project_links l WHERE l.project_id = p.id AND "
                    "l.kind = :lkind2 AND l.target_id = :ltarget)) "
                    "ORDER BY p.updated_at DESC, p.id",
         soci::use(f.search, "q"), soci::use(like, "like"), soci::use(f.area, "area"), soci::use(f.area, "area2"),
         soci::use(f.stage, "stage"), soci::use(f.stage, "stage2"), soci::use(f.kind, "kind"),
         soci::use(f.kind, "kind2"), soci::use(f.status, "status"), soci::use(f.status, "status2"),
         soci::use(f.member_id, "member"), soci::use(f.member_id, "member2"), soci::use(f.link_kind, "lkind"),
         soci::use(f.link_kind, "lkind2"), soci::use(f.link_target, "ltarget"));
    for (const auto& r : rows) {
        index[GetString(r, 0)] = out.size();
        out.push_back(ReadProject(r));
    }
    soci::rowset<soci::row> leads =
        (tx.sql().prepare
         << "SELECT project_id, person_id, role FROM project_members WHERE role IN ('pi', 'company_lead')");
    for (const auto& r : leads) {
        auto it = index.find(GetString(r, 0));
        if (it != index.end()) out[it->second].members.push_back({Ref(GetString(r, 1)), GetString(r, 2), std::nullopt});
    }
    return out;
}

std::set<std::string> ProjectsOf(db::Tx& tx, const std::string& person_id) {
    std::set<std::string> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT project_id FROM project_members WHERE person_id = :p", soci::use(person_id));
    for (const auto& r : rows) out.insert(GetString(r, 0));
    return out;
}

std::vector<Gate> ListGates(db::Tx& tx) {
    std::vector<Gate> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT stage, approver, requirements FROM project_gates");
    for (const auto& r : rows) out.push_back({ReadEnum<Stage>(r, 0), GetString(r, 1), Split(GetString(r, 2))});
    return out;
}

std::optional<Gate> FindGate(db::Tx& tx, Stage stage) {
    std::string text(Text(stage));
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT stage, approver, requirements FROM project_gates WHERE stage = :s",
         soci::use(text));
    for (const auto& r : rows) return Gate{ReadEnum<Stage>(r, 0), GetString(r, 1), Split(GetString(r, 2))};
    return std::nullopt;
}

void UpdateGate(db::Tx& tx, const Gate& g, const std::string& by, Seconds now) {
    std::string joined;
    for (const auto& code : g.requirements) joined += (joined.empty() ? "" : ",") + code;
    long long at = ToUnix(now);
    std::string stage(Text(g.stage));
    tx.sql()
        << "INSERT INTO project_gates (stage, approver, requirements, updated_at, updated_by) "
           "VALUES (:s, :a, :r, :at, :by) ON CONFLICT (stage) DO UPDATE SET approver = excluded.approver, "
           "requirements = excluded.requirements, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        soci::use(stage), soci::use(g.approver), soci::use(joined), soci::use(at), soci::use(by);
}

void InsertStageRequest(db::Tx& tx, const StageRequest& r) {
    long long at = ToUnix(r.requested_at);
    std::string from(Text(r.from_stage)), to(Text(r.to_stage));
    tx.sql() << "INSERT INTO project_stage_requests (id, project_id, from_stage, to_stage, approver, note, state, "
                "requested_by, requested_at, reason) VALUES (:id, :p, :f, :t, :a, :n, :s, :by, :at, '')",
        soci::use(r.id), soci::use(r.project_id), soci::use(from), soci::use(to), soci::use(r.approver),
        soci::use(r.note), soci::use(r.state), soci::use(r.requested_by.id), soci::use(at);
}

void UpdateStageRequest(db::Tx& tx, const StageRequest& r) {
    Nullable by(r.decided_by ? std::optional<std::string>(r.decided_by->id) : std::nullopt);
    NullableTime at(r.decided_at);
    tx.sql() << "UPDATE project_stage_requests SET state = :s, decided_by = :by, decided_at = :at, reason = :r "
                "WHERE id = :id",
        soci::use(r.state), soci::use(by.value, by.ind), soci::use(at.value, at.ind), soci::use(r.reason),
        soci::use(r.id);
}

std::optional<StageRequest> FindStageRequest(db::Tx& tx, const std::string& project_id, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kRequestColumns) + "WHERE project_id = :p AND id = :id",
         soci::use(project_id, "p"), soci::use(id, "id"));
    for (const auto& r : rows) return ReadRequest(r);
    return std::nullopt;
}

std::optional<StageRequest> PendingStageRequest(db::Tx& tx, const std::string& project_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kRequestColumns) + "WHERE project_id = :p AND state = 'pending'",
         soci::use(project_id));
    for (const auto& r : rows) return ReadRequest(r);
    return std::nullopt;
}

std::optional<StageRequest> FindStageRequestById(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kRequestColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadRequest(r);
    return std::nullopt;
}

std::vector<StageRequest> PendingStageRequestsFor(db::Tx& tx, const std::string& approver) {
    std::vector<StageRequest> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kRequestColumns) +
                                 "WHERE state = 'pending' AND approver = :a ORDER BY requested_at, id",
         soci::use(approver));
    for (const auto& r : rows) out.push_back(ReadRequest(r));
    return out;
}

void InsertStageChange(db::Tx& tx, const std::string& project_id, const StageChange& c) {
    Nullable from(c.from_stage ? std::optional<std::string>(Text(*c.from_stage)) : std::nullopt);
    std::string to(Text(c.to_stage));
    Nullable req(c.requested_by ? std::optional<std::string>(c.requested_by->id) : std::nullopt);
    Nullable app(c.approved_by ? std::optional<std::string>(c.approved_by->id) : std::nullopt);
    long long at = ToUnix(c.at);
    tx.sql() << "INSERT INTO project_stage_history (id, project_id, from_stage, to_stage, at, requested_by, "
                "approved_by, note) VALUES (:id, :p, :f, :t, :at, :req, :app, :note)",
        soci::use(c.id), soci::use(project_id), soci::use(from.value, from.ind), soci::use(to), soci::use(at),
        soci::use(req.value, req.ind), soci::use(app.value, app.ind), soci::use(c.note);
}

std::vector<StageChange> StageHistory(db::Tx& tx, const std::string& project_id) {
    std::vector<StageChange> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, from_stage, to_stage, at, requested_by, approved_by, note FROM "
                             "project_stage_history WHERE project_id = :p ORDER BY at, id",
         soci::use(project_id));
    for (const auto& r : rows) {
        auto from = GetOptionalString(r, 1);
        out.push_back({GetString(r, 0), from ? std::optional<Stage>(db::StoredEnum<Stage>(*from)) : std::nullopt,
                       ReadEnum<Stage>(r, 2), FromUnix(GetInt(r, 3)), OptRef(GetOptionalString(r, 4)),
                       OptRef(GetOptionalString(r, 5)), GetString(r, 6)});
    }
    // Stages only move forward, so within one second the road's order is the history's order.
    std::stable_sort(out.begin(), out.end(), [](const StageChange& a, const StageChange& b) {
        return a.at != b.at ? a.at < b.at : StageIndex(a.to_stage) < StageIndex(b.to_stage);
    });
    return out;
}

void UpsertConfirmation(db::Tx& tx, const std::string& project_id, const Confirmation& c) {
    tx.sql() << "DELETE FROM project_confirmations WHERE project_id = :p AND code = :c", soci::use(project_id),
        soci::use(c.code);
    long long at = ToUnix(c.confirmed_at);
    tx.sql() << "INSERT INTO project_confirmations (project_id, code, note, confirmed_by, confirmed_at) VALUES (:p, "
                ":c, :n, :by, :at)",
        soci::use(project_id), soci::use(c.code), soci::use(c.note), soci::use(c.confirmed_by.id), soci::use(at);
}

std::vector<Confirmation> Confirmations(db::Tx& tx, const std::string& project_id) {
    std::vector<Confirmation> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT code, note, confirmed_by, confirmed_at FROM project_confirmations WHERE "
                             "project_id = :p ORDER BY code",
         soci::use(project_id));
    for (const auto& r : rows)
        out.push_back({GetString(r, 0), GetString(r, 1), Ref(GetString(r, 2)), FromUnix(GetInt(r, 3))});
    return out;
}

void InsertMilestone(db::Tx& tx, const Milestone& m, Seconds now) {
    long long now_unix = ToUnix(now);
    tx.sql() << "INSERT INTO project_milestones (id, project_id, title, owner_id, due_on, created_at) VALUES (:id, :p, "
                ":t, :o, :d, :at)",
        soci::use(m.id), soci::use(m.project_id), soci::use(m.title), soci::use(m.owner.id), soci::use(m.due_on),
        soci::use(now_unix);
}

void UpdateMilestone(db::Tx& tx, const Milestone& m, const std::optional<std::string>& done_by) {
    NullableTime done(m.done_at);
    Nullable by(done_by);
    tx.sql() << "UPDATE project_milestones SET title = :t, owner_id = :o, due_on = :d, done_at = :done, done_by = :by "
                "WHERE id = :id",
        soci::use(m.title), soci::use(m.owner.id), soci::use(m.due_on), soci::use(done.value, done.ind),
        soci::use(by.value, by.ind), soci::use(m.id);
}

std::optional<Milestone> FindMilestone(db::Tx& tx, const std::string& project_id, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kMilestoneColumns) + "WHERE project_id = :p AND id = :id",
         soci::use(project_id, "p"), soci::use(id, "id"));
    for (const auto& r : rows) return ReadMilestone(r);
    return std::nullopt;
}

std::vector<Milestone> Milestones(db::Tx& tx, const std::string& project_id) {
    std::vector<Milestone> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kMilestoneColumns) + "WHERE project_id = :p ORDER BY due_on, title, id",
         soci::use(project_id));
    for (const auto& r : rows) out.push_back(ReadMilestone(r));
    return out;
}

std::vector<Milestone> OpenMilestonesBetween(db::Tx& tx, const std::string& from, const std::string& to) {
    std::vector<Milestone> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kMilestoneColumns) +
                                 "WHERE done_at IS NULL AND due_on >= :f AND due_on <= :t ORDER BY due_on, title, id",
         soci::use(from, "f"), soci::use(to, "t"));
    for (const auto& r : rows) out.push_back(ReadMilestone(r));
    return out;
}

void InsertReport(db::Tx& tx, const Report& r) {
    long long at = ToUnix(r.submitted_at);
    tx.sql() << "INSERT INTO project_reports (id, project_id, author_id, report_on, done_text, next_text, risks_text, "
                "help_text, submitted_at) VALUES (:id, :p, :a, :on, :d, :n, :r, :h, :at)",
        soci::use(r.id), soci::use(r.project_id), soci::use(r.author.id), soci::use(r.report_on), soci::use(r.done),
        soci::use(r.next), soci::use(r.risks), soci::use(r.help), soci::use(at);
}

std::optional<Report> FindReport(db::Tx& tx, const std::string& project_id, const std::string& id) {
    std::vector<Report> out;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kReportColumns) + "WHERE project_id = :p AND id = :id",
             soci::use(project_id, "p"), soci::use(id, "id"));
        for (const auto& r : rows) out.push_back(ReadReport(r));
    }
    if (out.empty()) return std::nullopt;
    LoadAcknowledgements(tx, out);
    return out.front();
}

std::vector<Report> Reports(db::Tx& tx, const std::string& project_id, int limit) {
    std::vector<Report> out;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kReportColumns) +
                                     "WHERE project_id = :p ORDER BY submitted_at DESC, id LIMIT :limit",
             soci::use(project_id, "p"), soci::use(limit, "limit"));
        for (const auto& r : rows) out.push_back(ReadReport(r));
    }
    LoadAcknowledgements(tx, out);
    return out;
}

void InsertAcknowledgement(db::Tx& tx, const std::string& report_id, const Acknowledgement& a) {
    long long at = ToUnix(a.at);
    tx.sql() << "INSERT INTO project_report_acks (report_id, person_id, role, at) VALUES (:r, :p, :role, :at)",
        soci::use(report_id), soci::use(a.person.id), soci::use(a.role), soci::use(at);
}

void InsertDocument(db::Tx& tx, const Document& d) {
    long long created = ToUnix(d.created_at), updated = ToUnix(d.updated_at);
    tx.sql() << "INSERT INTO project_documents (id, project_id, title, visibility, current_version, created_by, "
                "created_at, updated_at) VALUES (:id, :p, :t, :v, :cv, :by, :c, :u)",
        soci::use(d.id), soci::use(d.project_id), soci::use(d.title), soci::use(d.visibility),
        soci::use(d.current_version), soci::use(d.created_by.id), soci::use(created), soci::use(updated);
}

void InsertDocumentVersion(db::Tx& tx, const std::string& document_id, const DocumentVersion& v,
                           const std::string& content_base64) {
    long long at = ToUnix(v.uploaded_at);
    tx.sql() << "INSERT INTO project_document_versions (document_id, version, filename, content_type, size_bytes, "
                "content_base64, uploaded_by, uploaded_at) VALUES (:d, :v, :f, :t, :s, :c, :by, :at)",
        soci::use(document_id), soci::use(v.version), soci::use(v.filename), soci::use(v.content_type),
        soci::use(v.size_bytes), soci::use(content_base64), soci::use(v.uploaded_by.id), soci::use(at);
}

void UpdateDocument(db::Tx& tx, const Document& d) {
    long long updated = ToUnix(d.updated_at);
    tx.sql() << "UPDATE project_documents SET title = :t, visibility = :v, current_version = :cv, updated_at = :u "
                "WHERE id = :id",
        soci::use(d.title), soci::use(d.visibility), soci::use(d.current_version), soci::use(updated), soci::use(d.id);
}

std::optional<Document> FindDocument(db::Tx& tx, const std::string& project_id, const std::string& id) {
    std::optional<Document> d;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kDocumentColumns) + "WHERE project_id = :p AND id = :id",
             soci::use(project_id, "p"), soci::use(id, "id"));
        for (const auto& r : rows) d = ReadDocument(r);
    }
    if (d) LoadVersions(tx, *d);
    return d;
}

std::optional<std::string> ProjectOfDocument(db::Tx& tx, const std::string& document_id) {
    std::string project_id;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT project_id FROM project_documents WHERE id = :id", soci::use(document_id),
        soci::into(project_id, ind);
    if (!tx.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    return project_id;
}

std::vector<Document> Documents(db::Tx& tx, const std::string& project_id) {
    std::vector<Document> out;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kDocumentColumns) + "WHERE project_id = :p ORDER BY updated_at DESC, id",
             soci::use(project_id));
        for (const auto& r : rows) out.push_back(ReadDocument(r));
    }
    for (auto& d : out) LoadVersions(tx, d);
    return out;
}

std::optional<StoredFile> DocumentContent(db::Tx& tx, const std::string& document_id, int version) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT filename, content_type, content_base64 FROM project_document_versions WHERE "
                             "document_id = :d AND version = :v",
         soci::use(document_id, "d"), soci::use(version, "v"));
    for (const auto& r : rows) return StoredFile{GetString(r, 0), GetString(r, 1), GetString(r, 2)};
    return std::nullopt;
}

std::optional<Product> FindProduct(db::Tx& tx, const std::string& project_id) {
    std::optional<Product> p;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << "SELECT id, project_id, kind, name_ja, name_en, description, launched_on FROM "
                                 "project_products WHERE project_id = :p",
             soci::use(project_id));
        for (const auto& r : rows)
            p = Product{GetString(r, 0), GetString(r, 1), GetString(r, 2),         GetString(r, 3),
                        GetString(r, 4), GetString(r, 5), GetOptionalString(r, 6), {}};
    }
    if (!p) return p;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT period, amount_yen FROM project_sales WHERE project_id = :p ORDER BY period",
         soci::use(project_id));
    for (const auto& r : rows) p->sales.push_back({GetString(r, 0), GetInt(r, 1)});
    return p;
}

void UpsertProduct(db::Tx& tx, const Product& p, bool exists, Seconds now) {
    Nullable launched(p.launched_on);
    long long now_unix = ToUnix(now);
    if (exists)
        tx.sql() << "UPDATE project_products SET kind = :k, name_ja = :ja, name_en = :en, description = :d, "
                    "launched_on = :l, updated_at = :u WHERE project_id = :p",
            soci::use(p.kind), soci::use(p.name_ja), soci::use(p.name_en), soci::use(p.description),
            soci::use(launched.value, launched.ind), soci::use(now_unix), soci::use(p.project_id);
    else
        tx.sql() << "INSERT INTO project_products (project_id, id, kind, name_ja, name_en, description, launched_on, "
                    "created_at, updated_at) VALUES (:p, :id, :k, :ja, :en, :d, :l, :c, :u)",
            soci::use(p.project_id), soci::use(p.id), soci::use(p.kind), soci::use(p.name_ja), soci::use(p.name_en),
            soci::use(p.description), soci::use(launched.value, launched.ind), soci::use(now_unix), soci::use(now_unix);
}

void UpsertSale(db::Tx& tx, const std::string& project_id, const Sale& s, const std::string& by, Seconds now) {
    long long at = ToUnix(now);
    tx.sql()
        << "INSERT INTO project_sales (project_id, period, amount_yen, recorded_by, recorded_at) "
           "VALUES (:p, :m, :a, :by, :at) ON CONFLICT (project_id, period) DO UPDATE SET "
           "amount_yen = excluded.amount_yen, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        soci::use(project_id), soci::use(s.period), soci::use(s.amount_yen), soci::use(by), soci::use(at);
}

std::vector<Product> AllProducts(db::Tx& tx) {
    std::vector<Product> out;
    std::map<std::string, size_t> index;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << "SELECT id, project_id, kind, name_ja, name_en, description, launched_on FROM "
                                 "project_products ORDER BY launched_on, name_ja");
        for (const auto& r : rows) {
            index[GetString(r, 1)] = out.size();
            out.push_back({GetString(r, 0),
                           GetString(r, 1),
                           GetString(r, 2),
                           GetString(r, 3),
                           GetString(r, 4),
                           GetString(r, 5),
                           GetOptionalString(r, 6),
                           {}});
        }
    }
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT project_id, period, amount_yen FROM project_sales ORDER BY project_id, period");
    for (const auto& r : rows) {
        auto it = index.find(GetString(r, 0));
        if (it != index.end()) out[it->second].sales.push_back({GetString(r, 1), GetInt(r, 2)});
    }
    return out;
}

GateFacts Facts(db::Tx& tx, const std::string& project_id, const std::string& today, int fiscal_year) {
    GateFacts f;
    long long milestones = 0, overdue = 0, budgets = 0, acked = 0, products = 0, launched = 0, sales = 0;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare
             << "SELECT (SELECT COUNT(*) FROM project_milestones WHERE project_id = :p1), "
                "(SELECT COUNT(*) FROM project_milestones WHERE project_id = :p2 AND done_at IS NULL AND due_on < "
                ":today), "
                "(SELECT COUNT(*) FROM project_budgets WHERE project_id = :p3 AND fiscal_year = :fy AND amount_yen > "
                "0), "
                "(SELECT COUNT(DISTINCT a.report_id) FROM project_report_acks a JOIN project_reports r ON r.id = "
                "a.report_id WHERE r.project_id = :p4), "
                "(SELECT COUNT(*) FROM project_products WHERE project_id = :p5), "
                "(SELECT COUNT(*) FROM project_products WHERE project_id = :p6 AND launched_on IS NOT NULL), "
                "(SELECT COUNT(*) FROM project_sales WHERE project_id = :p7 AND amount_yen > 0)",
         soci::use(project_id, "p1"), soci::use(project_id, "p2"), soci::use(today, "today"),
         soci::use(project_id, "p3"), soci::use(fiscal_year, "fy"), soci::use(project_id, "p4"),
         soci::use(project_id, "p5"), soci::use(project_id, "p6"), soci::use(project_id, "p7"));
    for (const auto& r : rows) {
        milestones = GetInt(r, 0);
        overdue = GetInt(r, 1);
        budgets = GetInt(r, 2);
        acked = GetInt(r, 3);
        products = GetInt(r, 4);
        launched = GetInt(r, 5);
        sales = GetInt(r, 6);
    }
    f.milestones = static_cast<int>(milestones);
    f.overdue_milestones = static_cast<int>(overdue);
    f.budget_current_fiscal_year = budgets > 0;
    f.acknowledged_reports = static_cast<int>(acked);
    f.has_product = products > 0;
    f.product_launched = launched > 0;
    f.sales_records = static_cast<int>(sales);
    return f;
}

std::map<std::string, ReportStats> ReportStatsByProject(db::Tx& tx) {
    std::map<std::string, ReportStats> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT project_id, COUNT(*), MAX(report_on) FROM project_reports GROUP BY project_id");
    for (const auto& r : rows) out[GetString(r, 0)] = {static_cast<int>(GetInt(r, 1)), GetString(r, 2)};
    return out;
}

std::map<std::string, MilestoneStats> MilestoneStatsByProject(db::Tx& tx, const std::string& today) {
    std::map<std::string, MilestoneStats> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT project_id, COUNT(*), SUM(CASE WHEN due_on < :today THEN 1 ELSE 0 END), "
                             "MIN(due_on) FROM project_milestones WHERE done_at IS NULL GROUP BY project_id",
         soci::use(today, "today"));
    for (const auto& r : rows)
        out[GetString(r, 0)] = {static_cast<int>(GetInt(r, 1)), static_cast<int>(GetInt(r, 2)), GetString(r, 3)};
    return out;
}

std::map<std::string, Stage> PendingRequestsByProject(db::Tx& tx) {
    std::map<std::string, Stage> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT project_id, to_stage FROM project_stage_requests WHERE state = 'pending'");
    for (const auto& r : rows) out[GetString(r, 0)] = ReadEnum<Stage>(r, 1);
    return out;
}

std::optional<std::string> Setting(db::Tx& tx, const std::string& name) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT value FROM project_settings WHERE name = :n", soci::use(name));
    for (const auto& r : rows) return GetString(r, 0);
    return std::nullopt;
}

void SetSetting(db::Tx& tx, const std::string& name, const std::string& value) {
    tx.sql() << "DELETE FROM project_settings WHERE name = :n", soci::use(name);
    tx.sql() << "INSERT INTO project_settings (name, value) VALUES (:n, :v)", soci::use(name), soci::use(value);
}

}  // namespace renkei::projects::store
