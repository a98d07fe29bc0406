#include "modules/ethics/store.hpp"

#include <map>
#include <sstream>
#include <stdexcept>

#include "platform/db/children.hpp"
#include "platform/db/in_list.hpp"
#include "platform/db/row.hpp"
#include "platform/ids.hpp"

namespace renkei::ethics::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::IsNull;
using db::Nullable;
using db::NullableInt;

std::vector<std::string> Lines(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string line;
    while (std::getline(ss, line))
        if (!line.empty()) out.push_back(line);
    return out;
}
std::string JoinLines(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : "\n") + s;
    return out;
}
std::optional<int> OptionalInt(const soci::row& r, size_t i) {
    if (IsNull(r, i)) return std::nullopt;
    return static_cast<int>(GetInt(r, i));
}

constexpr const char* kCommitteeColumns =
    "SELECT id, name_ja, name_en, kind, certification_no, approval_valid_months, active FROM ethics_committees ";

Committee ReadCommittee(const soci::row& r) {
    Committee c;
    c.id = GetString(r, 0);
    c.name_ja = GetString(r, 1);
    c.name_en = GetString(r, 2);
    c.kind = GetString(r, 3);
    c.certification_no = GetString(r, 4);
    c.approval_valid_months = OptionalInt(r, 5);
    c.active = GetInt(r, 6) != 0;
    return c;
}

void FillCommittees(db::Tx& tx, std::vector<Committee>& all, const std::optional<std::string>& only) {
    std::map<std::string, Committee*> by_id;
    for (auto& c : all) by_id[c.id] = &c;
    std::string where = only ? " WHERE committee_id = :c" : "";
    std::string key = only.value_or("");
    {
        soci::rowset<soci::row> rows =
            only ? (tx.sql().prepare << "SELECT committee_id, person_id FROM ethics_committee_members" + where +
                                            " ORDER BY person_id",
                    soci::use(key))
                 : (tx.sql().prepare
                    << "SELECT committee_id, person_id FROM ethics_committee_members ORDER BY person_id");
        for (const auto& r : rows)
            if (auto it = by_id.find(GetString(r, 0)); it != by_id.end())
                it->second->members.push_back({GetString(r, 1), "", ""});
    }
    soci::rowset<soci::row> rows =
        only ? (tx.sql().prepare << "SELECT id, committee_id, meets_on, cutoff_on FROM ethics_meetings" + where +
                                        " ORDER BY meets_on",
                soci::use(key))
             : (tx.sql().prepare
                << "SELECT id, committee_id, meets_on, cutoff_on FROM ethics_meetings ORDER BY meets_on");
    for (const auto& r : rows)
        if (auto it = by_id.find(GetString(r, 1)); it != by_id.end())
            it->second->meetings.push_back({GetString(r, 0), GetString(r, 1), GetString(r, 2), GetString(r, 3)});
}

constexpr const char* kProtocolColumns =
    "SELECT id, project_id, title_ja, title_en, category, committee_id, review_type, status, pi_id, sites, "
    "planned_start, planned_end, target_enrolment, jrct_id, jrct_registered_on, approval_no, meeting_id, "
    "submitted_on, approved_on, expires_on, activated_on, completed_on, created_by, created_at, updated_at "
    "FROM ethics_protocols ";

Protocol ReadProtocol(const soci::row& r) {
    Protocol p;
    p.id = GetString(r, 0);
    p.project_id = GetString(r, 1);
    p.title_ja = GetString(r, 2);
    p.title_en = GetString(r, 3);
    p.category = db::StoredEnum<Category>(GetString(r, 4));
    p.committee_id = GetString(r, 5);
    p.review_type = GetString(r, 6);
    p.status = db::StoredEnum<Status>(GetString(r, 7));
    p.pi.id = GetString(r, 8);
    p.sites = Lines(GetString(r, 9));
    p.planned_start = GetOptionalString(r, 10);
    p.planned_end = GetOptionalString(r, 11);
    p.target_enrolment = OptionalInt(r, 12);
    p.jrct_id = GetString(r, 13);
    p.jrct_registered_on = GetOptionalString(r, 14);
    p.approval_no = GetString(r, 15);
    p.meeting_id = GetOptionalString(r, 16);
    p.submitted_on = GetOptionalString(r, 17);
    p.approved_on = GetOptionalString(r, 18);
    p.expires_on = GetOptionalString(r, 19);
    p.activated_on = GetOptionalString(r, 20);
    p.completed_on = GetOptionalString(r, 21);
    p.created_by = GetOptionalString(r, 22);
    p.created_at = FromUnix(GetInt(r, 23));
    p.updated_at = FromUnix(GetInt(r, 24));
    return p;
}

constexpr const char* kAmendmentColumns =
    "SELECT protocol_id, id, kind, number, summary, filename, size_bytes, status, note, submitted_on, decided_on, "
    "decided_by, created_by FROM ethics_amendments ";

Amendment ReadAmendment(const soci::row& r) {
    Amendment a;
    a.id = GetString(r, 1);
    a.kind = db::StoredEnum<AmendmentKind>(GetString(r, 2));
    a.number = static_cast<int>(GetInt(r, 3));
    a.summary = GetString(r, 4);
    a.filename = GetString(r, 5);
    a.size_bytes = GetInt(r, 6);
    a.status = db::StoredEnum<AmendmentStatus>(GetString(r, 7));
    a.note = GetString(r, 8);
    a.submitted_on = GetString(r, 9);
    a.decided_on = GetOptionalString(r, 10);
    if (auto by = GetOptionalString(r, 11)) a.decided_by = PersonRef{*by, "", ""};
    a.created_by.id = GetOptionalString(r, 12).value_or("");
    return a;
}

// The children of the protocols in `all` (of one project, or every protocol).
void FillProtocols(db::Tx& tx, std::vector<Protocol>& all, const std::optional<std::string>& project_id) {
    db::Children<Protocol> children(tx, all, "protocol_id IN (SELECT id FROM ethics_protocols WHERE project_id = :p)",
                                    project_id);
    auto each = [&](const std::string& select, const std::string& order, auto&& f) { children.Each(select, order, f); };
    each("SELECT protocol_id, person_id FROM ethics_investigators", "protocol_id, person_id",
         [](Protocol& p, const soci::row& r) {
             p.sub_investigators.push_back({GetString(r, 1), "", ""});
         });
    each("SELECT protocol_id, counted_on, enrolled FROM ethics_enrolment", "protocol_id, counted_on",
         [](Protocol& p, const soci::row& r) {
             p.enrolment.push_back({GetString(r, 1), static_cast<int>(GetInt(r, 2))});
         });
    each(
        "SELECT protocol_id, id, occurred_on, learned_on, seriousness, expected, unapproved, summary, created_by, "
        "created_at FROM ethics_adverse_events",
        "protocol_id, learned_on, created_at", [](Protocol& p, const soci::row& r) {
            AdverseEvent e;
            e.id = GetString(r, 1);
            e.occurred_on = GetOptionalString(r, 2);
            e.learned_on = GetString(r, 3);
            e.seriousness = db::StoredEnum<Seriousness>(GetString(r, 4));
            e.expected = GetInt(r, 5) != 0;
            e.unapproved = GetInt(r, 6) != 0;
            e.summary = GetString(r, 7);
            e.entered_by.id = GetOptionalString(r, 8).value_or("");
            e.created_at = FromUnix(GetInt(r, 9));
            p.adverse_events.push_back(std::move(e));
        });
    each(std::string(kAmendmentColumns), "protocol_id, kind, number",
         [](Protocol& p, const soci::row& r) { p.amendments.push_back(ReadAmendment(r)); });
    each("SELECT protocol_id, kind, subject_id, due_on, filed_on FROM ethics_reports", "protocol_id, due_on",
         [](Protocol& p, const soci::row& r) {
             p.reports.push_back({GetString(r, 1), GetString(r, 2), GetString(r, 3), GetString(r, 4)});
         });
}

void WriteInvestigators(db::Tx& tx, const Protocol& p) {
    tx.sql() << "DELETE FROM ethics_investigators WHERE protocol_id = :p", soci::use(p.id);
    for (const auto& s : p.sub_investigators)
        tx.sql() << "INSERT INTO ethics_investigators (protocol_id, person_id) VALUES (:p, :s)", soci::use(p.id),
            soci::use(s.id);
}

}  // namespace

std::vector<Committee> Committees(db::Tx& tx) {
    std::vector<Committee> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kCommitteeColumns) + "ORDER BY name_ja, id");
    for (const auto& r : rows) out.push_back(ReadCommittee(r));
    FillCommittees(tx, out, std::nullopt);
    return out;
}

std::optional<Committee> FindCommittee(db::Tx& tx, const std::string& id) {
    std::vector<Committee> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kCommitteeColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) out.push_back(ReadCommittee(r));
    if (out.empty()) return std::nullopt;
    FillCommittees(tx, out, id);
    return out.front();
}

void InsertCommittee(db::Tx& tx, const Committee& c, Seconds now) {
    NullableInt months(c.approval_valid_months);
    int active = c.active ? 1 : 0;
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO ethics_committees (id, name_ja, name_en, kind, certification_no, approval_valid_months, "
                "active, created_at, updated_at) VALUES (:id, :nj, :ne, :k, :cn, :m, :a, :c, :u)",
        soci::use(c.id), soci::use(c.name_ja), soci::use(c.name_en), soci::use(c.kind), soci::use(c.certification_no),
        soci::use(months.value, months.ind), soci::use(active), soci::use(at), soci::use(at);
}

void UpdateCommittee(db::Tx& tx, const Committee& c, Seconds now) {
    NullableInt months(c.approval_valid_months);
    int active = c.active ? 1 : 0;
    long long at = ToUnix(now);
    tx.sql() << "UPDATE ethics_committees SET name_ja = :nj, name_en = :ne, kind = :k, certification_no = :cn, "
                "approval_valid_months = :m, active = :a, updated_at = :u WHERE id = :id",
        soci::use(c.name_ja), soci::use(c.name_en), soci::use(c.kind), soci::use(c.certification_no),
        soci::use(months.value, months.ind), soci::use(active), soci::use(at), soci::use(c.id);
}

void SetCommitteeMembers(db::Tx& tx, const std::string& committee_id, const std::vector<std::string>& person_ids) {
    tx.sql() << "DELETE FROM ethics_committee_members WHERE committee_id = :c", soci::use(committee_id);
    for (const auto& p : person_ids)
        tx.sql() << "INSERT INTO ethics_committee_members (committee_id, person_id) VALUES (:c, :p)",
            soci::use(committee_id), soci::use(p);
}

void InsertMeeting(db::Tx& tx, const Meeting& m) {
    tx.sql() << "INSERT INTO ethics_meetings (id, committee_id, meets_on, cutoff_on) VALUES (:id, :c, :m, :o)",
        soci::use(m.id), soci::use(m.committee_id), soci::use(m.meets_on), soci::use(m.cutoff_on);
}

bool DeleteMeeting(db::Tx& tx, const std::string& committee_id, const std::string& meeting_id) {
    soci::statement st = (tx.sql().prepare << "DELETE FROM ethics_meetings WHERE id = :id AND committee_id = :c",
                          soci::use(meeting_id), soci::use(committee_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

bool MeetingInUse(db::Tx& tx, const std::string& meeting_id) {
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM ethics_protocols WHERE meeting_id = :m", soci::use(meeting_id), soci::into(n);
    return n > 0;
}

std::vector<std::string> CommitteesOf(db::Tx& tx, const std::string& person_id) {
    std::vector<std::string> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT committee_id FROM ethics_committee_members WHERE person_id = :p",
         soci::use(person_id));
    for (const auto& r : rows) out.push_back(GetString(r, 0));
    return out;
}

int LatestTemplateVersion(db::Tx& tx, const std::string& committee_id) {
    long long v = 0;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT MAX(version) FROM ethics_templates WHERE committee_id = :c", soci::use(committee_id),
        soci::into(v, ind);
    return ind == soci::i_ok ? static_cast<int>(v) : 0;
}

std::optional<std::pair<StoredTemplate, std::string>> TemplateFile(db::Tx& tx, const std::string& committee_id,
                                                                   int version) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT version, filename, note, merge_fields, size_bytes, uploaded_by, uploaded_at, "
                             "content FROM ethics_templates WHERE committee_id = :c AND version = :v",
         soci::use(committee_id), soci::use(version));
    for (const auto& r : rows) {
        StoredTemplate t;
        t.version = static_cast<int>(GetInt(r, 0));
        t.filename = GetString(r, 1);
        t.note = GetString(r, 2);
        t.merge_fields = GetString(r, 3);
        t.size_bytes = GetInt(r, 4);
        t.uploaded_by = GetOptionalString(r, 5);
        t.uploaded_at = FromUnix(GetInt(r, 6));
        return std::make_pair(t, GetString(r, 7));
    }
    return std::nullopt;
}

void InsertTemplate(db::Tx& tx, const std::string& id, const std::string& committee_id, const StoredTemplate& t,
                    const std::string& content) {
    Nullable by(t.uploaded_by);
    long long at = ToUnix(t.uploaded_at);
    tx.sql() << "INSERT INTO ethics_templates (id, committee_id, version, filename, size_bytes, merge_fields, note, "
                "content, uploaded_by, uploaded_at) VALUES (:id, :c, :v, :f, :s, :m, :n, :b, :u, :a)",
        soci::use(id), soci::use(committee_id), soci::use(t.version), soci::use(t.filename), soci::use(t.size_bytes),
        soci::use(t.merge_fields), soci::use(t.note), soci::use(content), soci::use(by.value, by.ind), soci::use(at);
}

std::vector<Protocol> Protocols(db::Tx& tx, const std::optional<std::string>& project_id) {
    std::vector<Protocol> out;
    std::string key = project_id.value_or("");
    soci::rowset<soci::row> rows =
        project_id
            ? (tx.sql().prepare << std::string(kProtocolColumns) + "WHERE project_id = :p ORDER BY created_at DESC, id",
               soci::use(key))
            : (tx.sql().prepare << std::string(kProtocolColumns) + "ORDER BY created_at DESC, id");
    for (const auto& r : rows) out.push_back(ReadProtocol(r));
    FillProtocols(tx, out, project_id);
    return out;
}

std::optional<Protocol> FindProtocol(db::Tx& tx, const std::string& id) {
    std::vector<Protocol> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kProtocolColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) out.push_back(ReadProtocol(r));
    if (out.empty()) return std::nullopt;
    FillProtocols(tx, out, out.front().project_id);
    return out.front();
}

bool AnyWithStatus(db::Tx& tx, const std::string& project_id, const std::vector<Status>& statuses) {
    std::string sql =
        "SELECT COUNT(*) FROM ethics_protocols WHERE project_id = :p AND status IN" + db::InList(statuses.size());
    std::vector<std::string> texts;
    texts.reserve(statuses.size());
    for (auto st : statuses) texts.emplace_back(Text(st));
    long long n = 0;
    soci::details::prepare_temp_type prep = (tx.sql().prepare << sql);
    prep, soci::use(project_id);
    for (const auto& t : texts) prep, soci::use(t);
    prep, soci::into(n);
    soci::statement st(prep);
    st.execute(true);
    return n > 0;
}

namespace {
struct ProtocolBinds {
    std::string category, status, sites;
    Nullable planned_start, planned_end, jrct_registered_on, meeting_id, submitted_on, approved_on, expires_on,
        activated_on, completed_on;
    NullableInt target;
    long long updated_at;
    explicit ProtocolBinds(const Protocol& p)
        : category(Text(p.category)),
          status(Text(p.status)),
          sites(JoinLines(p.sites)),
          planned_start(p.planned_start),
          planned_end(p.planned_end),
          jrct_registered_on(p.jrct_registered_on),
          meeting_id(p.meeting_id),
          submitted_on(p.submitted_on),
          approved_on(p.approved_on),
          expires_on(p.expires_on),
          activated_on(p.activated_on),
          completed_on(p.completed_on),
          target(p.target_enrolment),
          updated_at(ToUnix(p.updated_at)) {}
};
}  // namespace

void InsertProtocol(db::Tx& tx, const Protocol& p) {
    ProtocolBinds b(p);
    Nullable created_by(p.created_by);
    long long created_at = ToUnix(p.created_at);
    tx.sql()
        << "INSERT INTO ethics_protocols (id, project_id, title_ja, title_en, category, committee_id, review_type, "
           "status, pi_id, sites, planned_start, planned_end, target_enrolment, jrct_id, jrct_registered_on, "
           "approval_no, meeting_id, submitted_on, approved_on, expires_on, activated_on, completed_on, "
           "created_by, created_at, updated_at) VALUES (:id, :pr, :tj, :te, :ca, :co, :rt, :st, :pi, :si, :ps, "
           ":pe, :te2, :ji, :jr, :an, :mi, :so, :ao, :eo, :ac, :cp, :cb, :cat, :uat)",
        soci::use(p.id), soci::use(p.project_id), soci::use(p.title_ja), soci::use(p.title_en), soci::use(b.category),
        soci::use(p.committee_id), soci::use(p.review_type), soci::use(b.status), soci::use(p.pi.id),
        soci::use(b.sites), soci::use(b.planned_start.value, b.planned_start.ind),
        soci::use(b.planned_end.value, b.planned_end.ind), soci::use(b.target.value, b.target.ind),
        soci::use(p.jrct_id), soci::use(b.jrct_registered_on.value, b.jrct_registered_on.ind), soci::use(p.approval_no),
        soci::use(b.meeting_id.value, b.meeting_id.ind), soci::use(b.submitted_on.value, b.submitted_on.ind),
        soci::use(b.approved_on.value, b.approved_on.ind), soci::use(b.expires_on.value, b.expires_on.ind),
        soci::use(b.activated_on.value, b.activated_on.ind), soci::use(b.completed_on.value, b.completed_on.ind),
        soci::use(created_by.value, created_by.ind), soci::use(created_at), soci::use(b.updated_at);
    WriteInvestigators(tx, p);
}

void UpdateProtocol(db::Tx& tx, const Protocol& p) {
    ProtocolBinds b(p);
    tx.sql() << "UPDATE ethics_protocols SET title_ja = :tj, title_en = :te, category = :ca, committee_id = :co, "
                "review_type = :rt, status = :st, pi_id = :pi, sites = :si, planned_start = :ps, planned_end = :pe, "
                "target_enrolment = :te2, jrct_id = :ji, jrct_registered_on = :jr, approval_no = :an, meeting_id = "
                ":mi, submitted_on = :so, approved_on = :ao, expires_on = :eo, activated_on = :ac, completed_on = :cp, "
                "updated_at = :uat WHERE id = :id",
        soci::use(p.title_ja), soci::use(p.title_en), soci::use(b.category), soci::use(p.committee_id),
        soci::use(p.review_type), soci::use(b.status), soci::use(p.pi.id), soci::use(b.sites),
        soci::use(b.planned_start.value, b.planned_start.ind), soci::use(b.planned_end.value, b.planned_end.ind),
        soci::use(b.target.value, b.target.ind), soci::use(p.jrct_id),
        soci::use(b.jrct_registered_on.value, b.jrct_registered_on.ind), soci::use(p.approval_no),
        soci::use(b.meeting_id.value, b.meeting_id.ind), soci::use(b.submitted_on.value, b.submitted_on.ind),
        soci::use(b.approved_on.value, b.approved_on.ind), soci::use(b.expires_on.value, b.expires_on.ind),
        soci::use(b.activated_on.value, b.activated_on.ind), soci::use(b.completed_on.value, b.completed_on.ind),
        soci::use(b.updated_at), soci::use(p.id);
    WriteInvestigators(tx, p);
}

std::vector<Transition> History(db::Tx& tx, const std::string& protocol_id) {
    std::vector<Transition> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT from_status, to_status, on_date, note, actor_id, at FROM ethics_transitions "
                             "WHERE protocol_id = :p ORDER BY seq",
         soci::use(protocol_id));
    for (const auto& r : rows) {
        Transition t;
        t.from = GetString(r, 0);
        t.to = GetString(r, 1);
        t.on = GetString(r, 2);
        t.note = GetString(r, 3);
        if (auto a = GetOptionalString(r, 4)) t.actor = PersonRef{*a, "", ""};
        t.at = FromUnix(GetInt(r, 5));
        out.push_back(std::move(t));
    }
    return out;
}

void InsertTransition(db::Tx& tx, const std::string& protocol_id, const Transition& t) {
    Nullable actor(t.actor ? std::optional<std::string>(t.actor->id) : std::nullopt);
    long long at = ToUnix(t.at);
    std::string id = NewId();
    tx.sql()
        << "INSERT INTO ethics_transitions (id, protocol_id, seq, from_status, to_status, on_date, note, actor_id, "
           "at) SELECT :id, :p, COALESCE(MAX(seq), 0) + 1, :f, :t, :o, :n, :a, :at FROM ethics_transitions WHERE "
           "protocol_id = :p2",
        soci::use(id), soci::use(protocol_id), soci::use(t.from), soci::use(t.to), soci::use(t.on), soci::use(t.note),
        soci::use(actor.value, actor.ind), soci::use(at), soci::use(protocol_id);
}

void UpsertEnrolment(db::Tx& tx, const std::string& protocol_id, const EnrolmentCount& e, const std::string& person_id,
                     Seconds now) {
    long long at = ToUnix(now);
    tx.sql()
        << "INSERT INTO ethics_enrolment (protocol_id, counted_on, enrolled, recorded_by, recorded_at) VALUES "
           "(:p, :c, :n, :b, :a) ON CONFLICT (protocol_id, counted_on) DO UPDATE SET enrolled = excluded.enrolled, "
           "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        soci::use(protocol_id), soci::use(e.counted_on), soci::use(e.enrolled), soci::use(person_id), soci::use(at);
}

void InsertAdverseEvent(db::Tx& tx, const std::string& protocol_id, const AdverseEvent& e) {
    Nullable occurred(e.occurred_on);
    std::string seriousness(Text(e.seriousness));
    int expected = e.expected ? 1 : 0, unapproved = e.unapproved ? 1 : 0;
    long long at = ToUnix(e.created_at);
    tx.sql() << "INSERT INTO ethics_adverse_events (id, protocol_id, occurred_on, learned_on, seriousness, expected, "
                "unapproved, summary, created_by, created_at) VALUES (:id, :p, :o, :l, :s, :e, :u, :su, :b, :a)",
        soci::use(e.id), soci::use(protocol_id), soci::use(occurred.value, occurred.ind), soci::use(e.learned_on),
        soci::use(seriousness), soci::use(expected), soci::use(unapproved), soci::use(e.summary),
        soci::use(e.entered_by.id), soci::use(at);
}

bool InsertReport(db::Tx& tx, const std::string& protocol_id, const Report& r, const std::string& person_id,
                  Seconds now) {
    long long at = ToUnix(now);
    soci::statement st =
        (tx.sql().prepare
             << "INSERT INTO ethics_reports (protocol_id, kind, subject_id, due_on, filed_on, filed_by, "
                "filed_at) VALUES (:p, :k, :s, :d, :f, :b, :a) ON CONFLICT (protocol_id, kind, subject_id) "
                "DO NOTHING",
         soci::use(protocol_id), soci::use(r.kind), soci::use(r.subject_id), soci::use(r.due_on), soci::use(r.filed_on),
         soci::use(person_id), soci::use(at));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

int NextAmendmentNumber(db::Tx& tx, const std::string& protocol_id, AmendmentKind kind) {
    long long n = 0;
    soci::indicator ind = soci::i_null;
    std::string k(Text(kind));
    tx.sql() << "SELECT MAX(number) FROM ethics_amendments WHERE protocol_id = :p AND kind = :k",
        soci::use(protocol_id), soci::use(k), soci::into(n, ind);
    return ind == soci::i_ok ? static_cast<int>(n) + 1 : 1;
}

std::optional<std::pair<Amendment, std::string>> AmendmentFile(db::Tx& tx, const std::string& protocol_id,
                                                               const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT protocol_id, id, kind, number, summary, filename, size_bytes, status, note, "
                             "submitted_on, decided_on, decided_by, created_by, content FROM ethics_amendments "
                             "WHERE protocol_id = :p AND id = :id",
         soci::use(protocol_id), soci::use(id));
    for (const auto& r : rows) return std::make_pair(ReadAmendment(r), GetString(r, 13));
    return std::nullopt;
}

void InsertAmendment(db::Tx& tx, const std::string& protocol_id, const Amendment& a, const std::string& content,
                     Seconds now) {
    std::string kind(Text(a.kind)), status(Text(a.status));
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO ethics_amendments (id, protocol_id, kind, number, summary, filename, size_bytes, content, "
                "status, note, submitted_on, created_by, created_at) VALUES (:id, :p, :k, :n, :s, :f, :b, :c, :st, "
                ":no, :so, :cb, :ca)",
        soci::use(a.id), soci::use(protocol_id), soci::use(kind), soci::use(a.number), soci::use(a.summary),
        soci::use(a.filename), soci::use(a.size_bytes), soci::use(content), soci::use(status), soci::use(a.note),
        soci::use(a.submitted_on), soci::use(a.created_by.id), soci::use(at);
}

void UpdateAmendment(db::Tx& tx, const Amendment& a) {
    std::string status(Text(a.status));
    Nullable decided_on(a.decided_on);
    Nullable decided_by(a.decided_by ? std::optional<std::string>(a.decided_by->id) : std::nullopt);
    tx.sql() << "UPDATE ethics_amendments SET status = :s, note = :n, submitted_on = :so, decided_on = :d, "
                "decided_by = :b WHERE id = :id",
        soci::use(status), soci::use(a.note), soci::use(a.submitted_on), soci::use(decided_on.value, decided_on.ind),
        soci::use(decided_by.value, decided_by.ind), soci::use(a.id);
}

std::vector<Turnaround> Approvals(db::Tx& tx) {
    std::vector<Turnaround> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT committee_id, category, submitted_on, approved_on FROM ethics_protocols WHERE "
                             "submitted_on IS NOT NULL AND approved_on IS NOT NULL ORDER BY committee_id");
    for (const auto& r : rows)
        out.push_back({GetString(r, 0), db::StoredEnum<Category>(GetString(r, 1)), GetString(r, 2), GetString(r, 3)});
    return out;
}

std::vector<Rule> Rules(db::Tx& tx) {
    std::vector<Rule> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT code, position, kind, trigger_event, categories, seriousness, expected, "
                             "unapproved, amount, unit, first_day_counts, repeat_months, moves_to_business_day, "
                             "label_ja, label_en, source_ja, source_url, note FROM ethics_deadline_rules ORDER BY "
                             "position, code");
    for (const auto& r : rows) {
        Rule x;
        x.code = GetString(r, 0);
        x.position = static_cast<int>(GetInt(r, 1));
        x.kind = GetString(r, 2);
        x.trigger = GetString(r, 3);
        std::stringstream cats(GetString(r, 4));
        for (std::string c; std::getline(cats, c, ',');)
            if (auto v = FromText<Category>(c)) x.categories.push_back(*v);
        if (auto s = GetString(r, 5); !s.empty()) {
            x.seriousness.emplace();
            std::stringstream ss(s);
            for (std::string c; std::getline(ss, c, ',');)
                if (auto v = FromText<Seriousness>(c)) x.seriousness->push_back(*v);
        }
        if (!IsNull(r, 6)) x.expected = GetInt(r, 6) != 0;
        if (!IsNull(r, 7)) x.unapproved = GetInt(r, 7) != 0;
        x.amount = static_cast<int>(GetInt(r, 8));
        x.unit = db::StoredEnum<PeriodUnit>(GetString(r, 9));
        x.first_day_counts = GetInt(r, 10) != 0;
        x.repeat_months = static_cast<int>(GetInt(r, 11));
        x.moves_to_business_day = GetInt(r, 12) != 0;
        x.label_ja = GetString(r, 13);
        x.label_en = GetString(r, 14);
        x.source_ja = GetString(r, 15);
        x.source_url = GetString(r, 16);
        x.note = GetString(r, 17);
        out.push_back(std::move(x));
    }
    return out;
}

void UpdateRule(db::Tx& tx, const Rule& r, const std::string& person_id, Seconds now) {
    int first = r.first_day_counts ? 1 : 0, moves = r.moves_to_business_day ? 1 : 0;
    std::string unit(Text(r.unit));
    long long at = ToUnix(now);
    tx.sql() << "UPDATE ethics_deadline_rules SET amount = :a, unit = :u, first_day_counts = :f, repeat_months = :r, "
                "moves_to_business_day = :m, source_ja = :s, source_url = :su, note = :n, updated_by = :b, "
                "updated_at = :at WHERE code = :c",
        soci::use(r.amount), soci::use(unit), soci::use(first), soci::use(r.repeat_months), soci::use(moves),
        soci::use(r.source_ja), soci::use(r.source_url), soci::use(r.note), soci::use(person_id), soci::use(at),
        soci::use(r.code);
}

}  // namespace renkei::ethics::store
