#include "modules/committee/store.hpp"

#include <boost/json.hpp>

#include "platform/db/row.hpp"

namespace renkei::committee::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::Nullable;
using db::NullableTime;
using db::ReadEnum;

namespace json = boost::json;

// The count at a decision, kept as JSON text beside the item.
std::string TallyText(const std::optional<Tally>& t) {
    if (!t) return "{}";
    return json::serialize(json::object{{"members", t->members},
                                        {"present", t->present},
                                        {"present_university", t->present_university},
                                        {"present_company", t->present_company},
                                        {"quorum_needed", t->quorum_needed},
                                        {"quorum", t->quorum},
                                        {"eligible", t->eligible},
                                        {"for", t->votes_for},
                                        {"against", t->against},
                                        {"abstain", t->abstain},
                                        {"not_voted", t->not_voted},
                                        {"outcome", Text(t->outcome)}});
}
std::optional<Tally> TallyFrom(const std::string& text) {
    auto v = json::parse(text);
    const auto& o = v.as_object();
    if (o.empty()) return std::nullopt;
    auto n = [&](const char* k) { return static_cast<int>(o.at(k).to_number<int>()); };
    Tally t;
    t.members = n("members");
    t.present = n("present");
    t.present_university = n("present_university");
    t.present_company = n("present_company");
    t.quorum_needed = n("quorum_needed");
    t.quorum = o.at("quorum").as_bool();
    t.eligible = n("eligible");
    t.votes_for = n("for");
    t.against = n("against");
    t.abstain = n("abstain");
    t.not_voted = n("not_voted");
    t.outcome = db::StoredEnum<Outcome>(std::string(o.at("outcome").as_string()));
    return t;
}

std::optional<Seconds> OptTime(const soci::row& r, size_t i) {
    if (db::IsNull(r, i)) return std::nullopt;
    return FromUnix(GetInt(r, i));
}

constexpr const char* kMeetingColumns =
    "SELECT m.id, m.kind, m.title_ja, m.title_en, m.starts_at, m.ends_at, m.space_id, m.booking_id, m.status, "
    "m.sent_at, m.closed_by, m.closed_at, m.created_by, m.created_at, m.updated_at, "
    "(SELECT COUNT(*) FROM committee_items i WHERE i.meeting_id = m.id), "
    "(SELECT COUNT(*) FROM committee_items i WHERE i.meeting_id = m.id AND i.decision IS NULL) "
    "FROM committee_meetings m ";

Meeting ReadMeeting(const soci::row& r) {
    Meeting m;
    m.id = GetString(r, 0);
    m.kind = ReadEnum<MeetingKind>(r, 1);
    m.title_ja = GetString(r, 2);
    m.title_en = GetString(r, 3);
    m.starts_at = FromUnix(GetInt(r, 4));
    m.ends_at = FromUnix(GetInt(r, 5));
    m.space_id = GetOptionalString(r, 6);
    m.booking_id = GetOptionalString(r, 7);
    m.status = ReadEnum<MeetingStatus>(r, 8);
    m.sent_at = OptTime(r, 9);
    if (auto by = GetOptionalString(r, 10)) m.closed_by = PersonRef{*by, "", ""};
    m.closed_at = OptTime(r, 11);
    m.created_by = GetString(r, 12);
    m.created_at = FromUnix(GetInt(r, 13));
    m.updated_at = FromUnix(GetInt(r, 14));
    m.items = static_cast<int>(GetInt(r, 15));
    m.open_items = static_cast<int>(GetInt(r, 16));
    return m;
}

constexpr const char* kItemColumns =
    "SELECT id, meeting_id, position, kind, subject_id, title_ja, title_en, note, vote_deadline, decision, "
    "decision_note, decided_by, decided_at, tally, created_by, created_at FROM committee_items ";

Item ReadItem(const soci::row& r) {
    Item i;
    i.id = GetString(r, 0);
    i.meeting_id = GetOptionalString(r, 1);
    i.position = static_cast<int>(GetInt(r, 2));
    i.kind = ReadEnum<ItemKind>(r, 3);
    i.subject_id = GetOptionalString(r, 4);
    i.title_ja = GetString(r, 5);
    i.title_en = GetString(r, 6);
    i.note = GetString(r, 7);
    i.vote_deadline = OptTime(r, 8);
    if (auto d = GetOptionalString(r, 9)) i.decision = db::StoredEnum<Decision>(*d);
    i.decision_note = GetString(r, 10);
    if (auto by = GetOptionalString(r, 11)) i.decided_by = PersonRef{*by, "", ""};
    i.decided_at = OptTime(r, 12);
    i.tally = TallyFrom(GetString(r, 13));
    i.created_by = GetString(r, 14);
    i.created_at = FromUnix(GetInt(r, 15));
    return i;
}

std::vector<Item> ReadItems(db::Tx& tx, const std::string& sql, const std::optional<std::string>& key) {
    soci::rowset<soci::row> rows = key ? (tx.sql().prepare << std::string(kItemColumns) + sql, soci::use(*key))
                                       : (tx.sql().prepare << std::string(kItemColumns) + sql);
    std::vector<Item> out;
    for (const auto& r : rows) out.push_back(ReadItem(r));
    return out;
}

}  // namespace

std::vector<StoredMember> Members(db::Tx& tx) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT person_id, side, term_from, term_to FROM committee_members ORDER BY person_id");
    std::vector<StoredMember> out;
    for (const auto& r : rows)
        out.push_back({GetString(r, 0), ReadEnum<Side>(r, 1), GetString(r, 2), GetOptionalString(r, 3)});
    return out;
}

void PutMember(db::Tx& tx, const StoredMember& m, Seconds now) {
    std::string side(Text(m.side));
    Nullable to(m.term_to);
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO committee_members (person_id, side, term_from, term_to, created_at, updated_at) "
                "VALUES (:p, :side, :from, :to, :c, :u) ON CONFLICT (person_id) DO UPDATE SET side = excluded.side, "
                "term_from = excluded.term_from, term_to = excluded.term_to, updated_at = excluded.updated_at",
        soci::use(m.person_id), soci::use(side), soci::use(m.term_from), soci::use(to.value, to.ind), soci::use(at),
        soci::use(at);
}

bool DeleteMember(db::Tx& tx, const std::string& person_id) {
    soci::statement st =
        (tx.sql().prepare << "DELETE FROM committee_members WHERE person_id = :p", soci::use(person_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

Rules ReadRules(db::Tx& tx) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT quorum, each_side, pass FROM committee_rules WHERE id = 1");
    Rules out;
    for (const auto& r : rows) {
        out.quorum = ReadEnum<QuorumRule>(r, 0);
        out.each_side = GetInt(r, 1) != 0;
        out.pass = ReadEnum<PassRule>(r, 2);
    }
    return out;
}

void WriteRules(db::Tx& tx, const Rules& r, Seconds now) {
    std::string quorum(Text(r.quorum)), pass(Text(r.pass));
    int each = r.each_side ? 1 : 0;
    long long at = ToUnix(now);
    tx.sql() << "UPDATE committee_rules SET quorum = :q, each_side = :e, pass = :p, updated_at = :u WHERE id = 1",
        soci::use(quorum), soci::use(each), soci::use(pass), soci::use(at);
}

void InsertMeeting(db::Tx& tx, const Meeting& m) {
    std::string kind(Text(m.kind)), status(Text(m.status));
    Nullable space(m.space_id), booking(m.booking_id);
    long long starts = ToUnix(m.starts_at), ends = ToUnix(m.ends_at), created = ToUnix(m.created_at),
              updated = ToUnix(m.updated_at);
    tx.sql() << "INSERT INTO committee_meetings (id, kind, title_ja, title_en, starts_at, ends_at, space_id, "
                "booking_id, status, created_by, created_at, updated_at) VALUES (:id, :kind, :tja, :ten, :s, :e, "
                ":space, :booking, :status, :by, :c, :u)",
        soci::use(m.id), soci::use(kind), soci::use(m.title_ja), soci::use(m.title_en), soci::use(starts),
        soci::use(ends), soci::use(space.value, space.ind), soci::use(booking.value, booking.ind), soci::use(status),
        soci::use(m.created_by), soci::use(created), soci::use(updated);
}

void UpdateMeeting(db::Tx& tx, const Meeting& m) {
    std::string status(Text(m.status));
    NullableTime sent(m.sent_at), closed(m.closed_at);
    Nullable closed_by(m.closed_by ? std::optional<std::string>(m.closed_by->id) : std::nullopt);
    long long updated = ToUnix(m.updated_at);
    tx.sql() << "UPDATE committee_meetings SET status = :status, sent_at = :sent, closed_by = :cby, closed_at = :cat, "
                "updated_at = :u WHERE id = :id",
        soci::use(status), soci::use(sent.value, sent.ind), soci::use(closed_by.value, closed_by.ind),
        soci::use(closed.value, closed.ind), soci::use(updated), soci::use(m.id);
}

std::optional<Meeting> FindMeeting(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kMeetingColumns) + "WHERE m.id = :id", soci::use(id));
    std::optional<Meeting> out;
    for (const auto& r : rows) out = ReadMeeting(r);
    return out;
}

std::vector<Meeting> ListMeetings(db::Tx& tx) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kMeetingColumns) + "ORDER BY m.starts_at DESC, m.id");
    std::vector<Meeting> out;
    for (const auto& r : rows) out.push_back(ReadMeeting(r));
    return out;
}

std::map<std::string, bool> Attendance(db::Tx& tx, const std::string& meeting_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT person_id, present FROM committee_attendance WHERE meeting_id = :m",
         soci::use(meeting_id));
    std::map<std::string, bool> out;
    for (const auto& r : rows) out[GetString(r, 0)] = GetInt(r, 1) != 0;
    return out;
}

void SetAttendance(db::Tx& tx, const std::string& meeting_id, const std::string& person_id, bool present) {
    int p = present ? 1 : 0;
    tx.sql() << "INSERT INTO committee_attendance (meeting_id, person_id, present) VALUES (:m, :p, :x) "
                "ON CONFLICT (meeting_id, person_id) DO UPDATE SET present = excluded.present",
        soci::use(meeting_id), soci::use(person_id), soci::use(p);
}

void InsertItem(db::Tx& tx, const Item& i) {
    std::string kind(Text(i.kind));
    Nullable meeting(i.meeting_id), subject(i.subject_id);
    NullableTime deadline(i.vote_deadline);
    long long created = ToUnix(i.created_at);
    tx.sql() << "INSERT INTO committee_items (id, meeting_id, position, kind, subject_id, title_ja, title_en, note, "
                "vote_deadline, created_by, created_at) VALUES (:id, :m, :pos, :kind, :subject, :tja, :ten, :note, "
                ":deadline, :by, :c)",
        soci::use(i.id), soci::use(meeting.value, meeting.ind), soci::use(i.position), soci::use(kind),
        soci::use(subject.value, subject.ind), soci::use(i.title_ja), soci::use(i.title_en), soci::use(i.note),
        soci::use(deadline.value, deadline.ind), soci::use(i.created_by), soci::use(created);
}

void UpdateItem(db::Tx& tx, const Item& i) {
    Nullable decision(i.decision ? std::optional<std::string>(std::string(Text(*i.decision))) : std::nullopt);
    Nullable decided_by(i.decided_by ? std::optional<std::string>(i.decided_by->id) : std::nullopt);
    NullableTime decided_at(i.decided_at);
    std::string tally = TallyText(i.tally);
    tx.sql() << "UPDATE committee_items SET position = :pos, decision = :d, decision_note = :dn, decided_by = :dby, "
                "decided_at = :dat, tally = :tally WHERE id = :id",
        soci::use(i.position), soci::use(decision.value, decision.ind), soci::use(i.decision_note),
        soci::use(decided_by.value, decided_by.ind), soci::use(decided_at.value, decided_at.ind), soci::use(tally),
        soci::use(i.id);
}

void DeleteItem(db::Tx& tx, const std::string& id) {
    tx.sql() << "DELETE FROM committee_votes WHERE item_id = :id", soci::use(id);
    tx.sql() << "DELETE FROM committee_recusals WHERE item_id = :id", soci::use(id);
    tx.sql() << "DELETE FROM committee_items WHERE id = :id", soci::use(id);
}

std::optional<Item> FindItem(db::Tx& tx, const std::string& id) {
    auto items = ReadItems(tx, "WHERE id = :id", id);
    if (items.empty()) return std::nullopt;
    return items.front();
}

std::vector<Item> ItemsOfMeeting(db::Tx& tx, const std::string& meeting_id) {
    return ReadItems(tx, "WHERE meeting_id = :m ORDER BY position, created_at, id", meeting_id);
}

std::vector<Item> WrittenItems(db::Tx& tx) {
    return ReadItems(tx, "WHERE meeting_id IS NULL ORDER BY created_at DESC, id", std::nullopt);
}

std::optional<Item> OpenItemAbout(db::Tx& tx, const std::string& subject_id) {
    auto items = ReadItems(tx, "WHERE subject_id = :s AND decision IS NULL ORDER BY created_at, id", subject_id);
    if (items.empty()) return std::nullopt;
    return items.front();
}

std::vector<std::string> OpenSubjects(db::Tx& tx) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare
         << "SELECT subject_id FROM committee_items WHERE decision IS NULL AND subject_id IS NOT NULL");
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(GetString(r, 0));
    return out;
}

std::vector<StoredRecusal> Recusals(db::Tx& tx, const std::string& item_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT person_id, reason, detail, detail_en FROM committee_recusals WHERE item_id = :i "
                             "ORDER BY person_id, reason",
         soci::use(item_id));
    std::vector<StoredRecusal> out;
    for (const auto& r : rows)
        out.push_back({GetString(r, 0), ReadEnum<RecusalReason>(r, 1), GetString(r, 2), GetString(r, 3)});
    return out;
}

void InsertRecusal(db::Tx& tx, const std::string& item_id, const StoredRecusal& r) {
    std::string reason(Text(r.reason));
    tx.sql()
        << "INSERT INTO committee_recusals (item_id, person_id, reason, detail, detail_en) VALUES (:i, :p, :r, :d, "
           ":de) ON CONFLICT (item_id, person_id, reason) DO UPDATE SET detail = excluded.detail, "
           "detail_en = excluded.detail_en",
        soci::use(item_id), soci::use(r.person_id), soci::use(reason), soci::use(r.detail), soci::use(r.detail_en);
}

std::vector<StoredVote> Votes(db::Tx& tx, const std::string& item_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT person_id, vote, cast_at, recorded_by FROM committee_votes WHERE item_id = :i "
                             "ORDER BY cast_at, person_id",
         soci::use(item_id));
    std::vector<StoredVote> out;
    for (const auto& r : rows)
        out.push_back({GetString(r, 0), ReadEnum<Vote>(r, 1), FromUnix(GetInt(r, 2)), GetString(r, 3)});
    return out;
}

void PutVote(db::Tx& tx, const std::string& item_id, const StoredVote& v) {
    std::string vote(Text(v.vote));
    long long at = ToUnix(v.cast_at);
    tx.sql() << "INSERT INTO committee_votes (item_id, person_id, vote, cast_at, recorded_by) VALUES (:i, :p, :v, :at, "
                ":by) ON CONFLICT (item_id, person_id) DO UPDATE SET vote = excluded.vote, cast_at = excluded.cast_at, "
                "recorded_by = excluded.recorded_by",
        soci::use(item_id), soci::use(v.person_id), soci::use(vote), soci::use(at), soci::use(v.recorded_by);
}

void DeleteVote(db::Tx& tx, const std::string& item_id, const std::string& person_id) {
    tx.sql() << "DELETE FROM committee_votes WHERE item_id = :i AND person_id = :p", soci::use(item_id),
        soci::use(person_id);
}

}  // namespace renkei::committee::store
