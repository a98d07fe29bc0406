#include "modules/approvals/store.hpp"

#include <boost/json.hpp>

#include "platform/db/row.hpp"

namespace renkei::approvals::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::Nullable;
using db::NullableTime;
using db::ReadEnum;

namespace json = boost::json;

std::optional<Seconds> OptTime(const soci::row& r, size_t i) {
    if (db::IsNull(r, i)) return std::nullopt;
    return FromUnix(GetInt(r, i));
}
std::optional<long long> OptLong(const soci::row& r, size_t i) {
    if (db::IsNull(r, i)) return std::nullopt;
    return GetInt(r, i);
}

std::string StepsText(const std::vector<StepRule>& steps) {
    json::array a;
    for (const auto& s : steps) {
        json::object o{{"label_ja", s.label_ja}, {"label_en", s.label_en}, {"approver", Text(s.approver)}};
        if (s.approver == Approver::kPerson) o["person_id"] = s.person_id;
        if (s.approver == Approver::kRole) o["role"] = s.role;
        a.push_back(std::move(o));
    }
    return json::serialize(a);
}
std::vector<StepRule> StepsFrom(const std::string& text) {
    std::vector<StepRule> out;
    auto v = json::parse(text);
    for (const auto& x : v.as_array()) {
        const auto& o = x.as_object();
        auto str = [&](const char* k) {
            auto* p = o.if_contains(k);
            return p && p->is_string() ? std::string(p->as_string()) : std::string();
        };
        out.push_back({str("label_ja"), str("label_en"), db::StoredEnum<Approver>(str("approver")), str("person_id"),
                       str("role")});
    }
    return out;
}

constexpr const char* kRuleColumns =
    "SELECT id, subject_kind, subject_type, amount_from, amount_to, steps_json, note, updated_by, updated_at "
    "FROM approval_rules ";
Rule ReadRule(const soci::row& r) {
    Rule x;
    x.id = GetString(r, 0);
    x.kind = ReadEnum<SubjectKind>(r, 1);
    x.subject_type = GetString(r, 2);
    x.amount_from = GetInt(r, 3);
    x.amount_to = OptLong(r, 4);
    x.steps = StepsFrom(GetString(r, 5));
    x.note = GetString(r, 6);
    x.updated_by = GetOptionalString(r, 7);
    x.updated_at = FromUnix(GetInt(r, 8));
    return x;
}

constexpr const char* kChainColumns =
    "SELECT id, subject_kind, subject_id, subject_type, amount_yen, title_ja, title_en, link, prepared_by, rule_id, "
    "status, started_by, started_at, ended_at FROM approval_chains ";
Chain ReadChain(const soci::row& r) {
    Chain c;
    c.id = GetString(r, 0);
    c.subject.kind = ReadEnum<SubjectKind>(r, 1);
    c.subject.id = GetString(r, 2);
    c.subject.type = GetString(r, 3);
    c.subject.amount_yen = OptLong(r, 4);
    c.subject.title_ja = GetString(r, 5);
    c.subject.title_en = GetString(r, 6);
    c.subject.link = GetString(r, 7);
    c.subject.prepared_by = GetOptionalString(r, 8);
    c.rule_id = GetOptionalString(r, 9);
    c.status = ReadEnum<ChainStatus>(r, 10);
    c.started_by = GetOptionalString(r, 11);
    c.started_at = FromUnix(GetInt(r, 12));
    c.ended_at = OptTime(r, 13);
    return c;
}

constexpr const char* kStepColumns =
    "SELECT id, chain_id, position, label_ja, label_en, approver, person_id, role, status, started_at, decided_at, "
    "decided_by, comment FROM approval_steps ";
Step ReadStep(const soci::row& r) {
    Step s;
    s.id = GetString(r, 0);
    s.chain_id = GetString(r, 1);
    s.position = static_cast<int>(GetInt(r, 2));
    s.label_ja = GetString(r, 3);
    s.label_en = GetString(r, 4);
    s.approver = ReadEnum<Approver>(r, 5);
    s.person_id = GetOptionalString(r, 6);
    s.role = GetOptionalString(r, 7);
    s.status = ReadEnum<StepStatus>(r, 8);
    s.started_at = OptTime(r, 9);
    s.decided_at = OptTime(r, 10);
    s.decided_by = GetOptionalString(r, 11);
    s.comment = GetString(r, 12);
    return s;
}

struct NullableLong {
    long long value;
    soci::indicator ind;
    explicit NullableLong(const std::optional<long long>& v)
        : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
};

}  // namespace

std::vector<Rule> Rules(db::Tx& tx) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kRuleColumns) + "ORDER BY subject_kind, subject_type, amount_from, id");
    std::vector<Rule> out;
    for (const auto& r : rows) out.push_back(ReadRule(r));
    return out;
}

std::optional<Rule> FindRule(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kRuleColumns) + "WHERE id = :id", soci::use(id));
    std::optional<Rule> out;
    for (const auto& r : rows) out = ReadRule(r);
    return out;
}

void InsertRule(db::Tx& tx, const Rule& r) {
    std::string kind(Text(r.kind)), steps = StepsText(r.steps);
    NullableLong to(r.amount_to);
    Nullable by(r.updated_by);
    long long at = ToUnix(r.updated_at);
    tx.sql() << "INSERT INTO approval_rules (id, subject_kind, subject_type, amount_from, amount_to, steps_json, note, "
                "updated_by, updated_at) VALUES (:id, :k, :t, :f, :to, :s, :n, :by, :at)",
        soci::use(r.id), soci::use(kind), soci::use(r.subject_type), soci::use(r.amount_from),
        soci::use(to.value, to.ind), soci::use(steps), soci::use(r.note), soci::use(by.value, by.ind), soci::use(at);
}

void UpdateRule(db::Tx& tx, const Rule& r) {
    std::string kind(Text(r.kind)), steps = StepsText(r.steps);
    NullableLong to(r.amount_to);
    Nullable by(r.updated_by);
    long long at = ToUnix(r.updated_at);
    tx.sql() << "UPDATE approval_rules SET subject_kind = :k, subject_type = :t, amount_from = :f, amount_to = :to, "
                "steps_json = :s, note = :n, updated_by = :by, updated_at = :at WHERE id = :id",
        soci::use(kind), soci::use(r.subject_type), soci::use(r.amount_from), soci::use(to.value, to.ind),
        soci::use(steps), soci::use(r.note), soci::use(by.value, by.ind), soci::use(at), soci::use(r.id);
}

bool DeleteRule(db::Tx& tx, const std::string& id) {
    soci::statement st = (tx.sql().prepare << "DELETE FROM approval_rules WHERE id = :id", soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

void InsertChain(db::Tx& tx, const Chain& c) {
    std::string kind(Text(c.subject.kind)), status(Text(c.status));
    NullableLong amount(c.subject.amount_yen);
    Nullable prepared(c.subject.prepared_by), rule(c.rule_id), by(c.started_by);
    NullableTime ended(c.ended_at);
    long long started = ToUnix(c.started_at);
    tx.sql() << "INSERT INTO approval_chains (id, subject_kind, subject_id, subject_type, amount_yen, title_ja, "
                "title_en, link, prepared_by, rule_id, status, started_by, started_at, ended_at) VALUES (:id, :k, "
                ":sid, :t, :a, :tja, :ten, :l, :p, :r, :st, :by, :sa, :ea)",
        soci::use(c.id), soci::use(kind), soci::use(c.subject.id), soci::use(c.subject.type),
        soci::use(amount.value, amount.ind), soci::use(c.subject.title_ja), soci::use(c.subject.title_en),
        soci::use(c.subject.link), soci::use(prepared.value, prepared.ind), soci::use(rule.value, rule.ind),
        soci::use(status), soci::use(by.value, by.ind), soci::use(started), soci::use(ended.value, ended.ind);
}

void UpdateChain(db::Tx& tx, const Chain& c) {
    std::string status(Text(c.status));
    NullableTime ended(c.ended_at);
    tx.sql() << "UPDATE approval_chains SET status = :st, ended_at = :ea, title_ja = :tja, title_en = :ten WHERE id = "
                ":id",
        soci::use(status), soci::use(ended.value, ended.ind), soci::use(c.subject.title_ja),
        soci::use(c.subject.title_en), soci::use(c.id);
}

std::optional<Chain> FindChain(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kChainColumns) + "WHERE id = :id", soci::use(id));
    std::optional<Chain> out;
    for (const auto& r : rows) out = ReadChain(r);
    return out;
}

std::vector<Chain> ChainsOf(db::Tx& tx, SubjectKind kind, const std::string& subject_id) {
    std::string k(Text(kind));
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kChainColumns) +
                                 "WHERE subject_kind = :k AND subject_id = :s ORDER BY started_at, id",
         soci::use(k), soci::use(subject_id));
    std::vector<Chain> out;
    for (const auto& r : rows) out.push_back(ReadChain(r));
    return out;
}

std::vector<Chain> ChainsWith(db::Tx& tx, std::optional<SubjectKind> kind, std::optional<ChainStatus> status) {
    std::string k(kind ? Text(*kind) : ""), s(status ? Text(*status) : "");
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kChainColumns) +
                                 "WHERE (:k1 = '' OR subject_kind = :k2) AND (:s1 = '' OR status = :s2) "
                                 "ORDER BY started_at, id",
         soci::use(k), soci::use(k), soci::use(s), soci::use(s));
    std::vector<Chain> out;
    for (const auto& r : rows) out.push_back(ReadChain(r));
    return out;
}

void InsertStep(db::Tx& tx, const Step& s) {
    std::string approver(Text(s.approver)), status(Text(s.status));
    Nullable person(s.person_id), role(s.role), by(s.decided_by);
    NullableTime started(s.started_at), decided(s.decided_at);
    tx.sql() << "INSERT INTO approval_steps (id, chain_id, position, label_ja, label_en, approver, person_id, role, "
                "status, started_at, decided_at, decided_by, comment) VALUES (:id, :c, :pos, :lja, :len, :a, :p, :r, "
                ":st, :sa, :da, :by, :cm)",
        soci::use(s.id), soci::use(s.chain_id), soci::use(s.position), soci::use(s.label_ja), soci::use(s.label_en),
        soci::use(approver), soci::use(person.value, person.ind), soci::use(role.value, role.ind), soci::use(status),
        soci::use(started.value, started.ind), soci::use(decided.value, decided.ind), soci::use(by.value, by.ind),
        soci::use(s.comment);
}

void UpdateStep(db::Tx& tx, const Step& s) {
    std::string status(Text(s.status));
    Nullable by(s.decided_by);
    NullableTime started(s.started_at), decided(s.decided_at);
    tx.sql() << "UPDATE approval_steps SET status = :st, started_at = :sa, decided_at = :da, decided_by = :by, "
                "comment = :cm WHERE id = :id",
        soci::use(status), soci::use(started.value, started.ind), soci::use(decided.value, decided.ind),
        soci::use(by.value, by.ind), soci::use(s.comment), soci::use(s.id);
}

std::optional<Step> FindStep(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kStepColumns) + "WHERE id = :id", soci::use(id));
    std::optional<Step> out;
    for (const auto& r : rows) out = ReadStep(r);
    return out;
}

std::vector<Step> StepsOf(db::Tx& tx, const std::string& chain_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kStepColumns) + "WHERE chain_id = :c ORDER BY position", soci::use(chain_id));
    std::vector<Step> out;
    for (const auto& r : rows) out.push_back(ReadStep(r));
    return out;
}

bool PersonInChains(db::Tx& tx, SubjectKind kind, const std::string& subject_id, const std::string& person_id) {
    std::string k(Text(kind));
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM approval_steps s JOIN approval_chains c ON c.id = s.chain_id "
                "WHERE c.subject_kind = :k AND c.subject_id = :id AND (s.person_id = :p1 OR s.decided_by = :p2)",
        soci::into(n), soci::use(k), soci::use(subject_id), soci::use(person_id), soci::use(person_id);
    return n > 0;
}

}  // namespace renkei::approvals::store
