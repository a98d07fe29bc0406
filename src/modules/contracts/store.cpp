#include "modules/contracts/store.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "platform/db/row.hpp"

namespace renkei::contracts::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;

soci::indicator Ind(bool present) { return present ? soci::i_ok : soci::i_null; }

// Statuses and types are written by this module only: anything else in a row is a defect.
Status StatusOf(const std::string& text) {
    if (auto s = StatusFromText(text)) return *s;
    throw std::runtime_error("contracts: unknown status in the database: " + text);
}
ContractType TypeOf(const std::string& text) {
    if (auto t = TypeFromText(text)) return *t;
    throw std::runtime_error("contracts: unknown type in the database: " + text);
}

constexpr const char* kColumns =
    "SELECT id, type, title, project_id, status, status_since, waiting_on, terms_json, signed_on, approved_by, "
    "notes, created_by, created_at, updated_at FROM contracts ";

Contract Read(const soci::row& r) {
    Contract c;
    c.id = GetString(r, 0);
    c.type = TypeOf(GetString(r, 1));
    c.title = GetString(r, 2);
    c.project_id = GetOptionalString(r, 3);
    c.status = StatusOf(GetString(r, 4));
    c.status_since = FromUnix(GetInt(r, 5));
    c.waiting_on = GetString(r, 6);
    try {
        c.terms = TermsFromJson(boost::json::parse(GetString(r, 7)));
    } catch (const std::exception&) {
        c.terms = Terms{};
    }
    c.signed_on = GetOptionalString(r, 8);
    c.approved_by = GetOptionalString(r, 9);
    c.notes = GetString(r, 10);
    c.created_by = GetOptionalString(r, 11);
    c.created_at = FromUnix(GetInt(r, 12));
    c.updated_at = FromUnix(GetInt(r, 13));
    return c;
}

void LoadParts(db::Tx& tx, std::vector<Contract>& list) {
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < list.size(); ++i) index[list[i].id] = i;
    if (list.empty()) return;
    std::string only = list.size() == 1 ? list[0].id : "";
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << "SELECT contract_id, organisation_id, role, signatory_person_id, signatory_name, "
                                 "signatory_title FROM contract_parties WHERE (:one = '' OR contract_id = :one2) "
                                 "ORDER BY contract_id, position",
             soci::use(only, "one"), soci::use(only, "one2"));
        for (const auto& r : rows) {
            auto it = index.find(GetString(r, 0));
            if (it == index.end()) continue;
            Party p;
            p.organisation_id = GetString(r, 1);
            p.role = GetString(r, 2);
            p.signatory_person_id = GetOptionalString(r, 3);
            p.signatory_name = GetString(r, 4);
            p.signatory_title = GetString(r, 5);
            list[it->second].parties.push_back(std::move(p));
        }
    }
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT contract_id, person_id FROM contract_covered_people WHERE (:one = '' OR "
                             "contract_id = :one2) ORDER BY contract_id, person_id",
         soci::use(only, "one"), soci::use(only, "one2"));
    for (const auto& r : rows) {
        auto it = index.find(GetString(r, 0));
        if (it != index.end()) list[it->second].covered.push_back(GetString(r, 1));
    }
}

}  // namespace

void InsertContract(db::Tx& tx, const Contract& c, const std::string& search_key) {
    long long since = ToUnix(c.status_since), created = ToUnix(c.created_at), updated = ToUnix(c.updated_at);
    std::string project = c.project_id.value_or(""), by = c.created_by.value_or("");
    std::string terms = boost::json::serialize(TermsToJson(c.terms));
    std::string starts = c.terms.starts_on.value_or(""), ends = c.terms.ends_on.value_or("");
    std::string type(ToText(c.type)), status(ToText(c.status));
    soci::indicator pi = Ind(c.project_id.has_value()), bi = Ind(c.created_by.has_value()),
                    si = Ind(c.terms.starts_on.has_value()), ei = Ind(c.terms.ends_on.has_value());
    tx.sql() << "INSERT INTO contracts (id, type, title, project_id, status, status_since, waiting_on, terms_json, "
                "starts_on, ends_on, notes, search_key, created_by, created_at, updated_at) VALUES (:id, :type, "
                ":title, :project, :status, :since, :waiting, :terms, :starts, :ends, :notes, :key, :by, :created, "
                ":updated)",
        soci::use(c.id), soci::use(type), soci::use(c.title), soci::use(project, pi), soci::use(status),
        soci::use(since), soci::use(c.waiting_on), soci::use(terms), soci::use(starts, si), soci::use(ends, ei),
        soci::use(c.notes), soci::use(search_key), soci::use(by, bi), soci::use(created), soci::use(updated);
}

void UpdateContract(db::Tx& tx, const Contract& c, const std::string& search_key) {
    long long since = ToUnix(c.status_since), updated = ToUnix(c.updated_at);
    std::string project = c.project_id.value_or(""), signed_on = c.signed_on.value_or(""),
                approved = c.approved_by.value_or("");
    std::string terms = boost::json::serialize(TermsToJson(c.terms));
    std::string starts = c.terms.starts_on.value_or(""), ends = c.terms.ends_on.value_or("");
    std::string type(ToText(c.type)), status(ToText(c.status));
    soci::indicator pi = Ind(c.project_id.has_value()), si = Ind(c.terms.starts_on.has_value()),
                    ei = Ind(c.terms.ends_on.has_value()), gi = Ind(c.signed_on.has_value()),
                    ai = Ind(c.approved_by.has_value());
    tx.sql() << "UPDATE contracts SET type = :type, title = :title, project_id = :project, status = :status, "
                "status_since = :since, waiting_on = :waiting, terms_json = :terms, starts_on = :starts, ends_on = "
                ":ends, signed_on = :signed, approved_by = :approved, notes = :notes, search_key = :key, updated_at "
                "= :updated WHERE id = :id",
        soci::use(type), soci::use(c.title), soci::use(project, pi), soci::use(status), soci::use(since),
        soci::use(c.waiting_on), soci::use(terms), soci::use(starts, si), soci::use(ends, ei), soci::use(signed_on, gi),
        soci::use(approved, ai), soci::use(c.notes), soci::use(search_key), soci::use(updated), soci::use(c.id);
}

void ReplaceParties(db::Tx& tx, const std::string& contract_id, const std::vector<Party>& parties) {
    tx.sql() << "DELETE FROM contract_parties WHERE contract_id = :id", soci::use(contract_id);
    int position = 0;
    for (const auto& p : parties) {
        std::string person = p.signatory_person_id.value_or("");
        soci::indicator ind = Ind(p.signatory_person_id.has_value());
        tx.sql() << "INSERT INTO contract_parties (contract_id, position, organisation_id, role, signatory_person_id, "
                    "signatory_name, signatory_title) VALUES (:c, :pos, :org, :role, :person, :name, :title)",
            soci::use(contract_id), soci::use(position), soci::use(p.organisation_id), soci::use(p.role),
            soci::use(person, ind), soci::use(p.signatory_name), soci::use(p.signatory_title);
        ++position;
    }
}

void ReplaceCovered(db::Tx& tx, const std::string& contract_id, const std::vector<std::string>& people) {
    tx.sql() << "DELETE FROM contract_covered_people WHERE contract_id = :id", soci::use(contract_id);
    for (const auto& p : people)
        tx.sql() << "INSERT INTO contract_covered_people (contract_id, person_id) VALUES (:c, :p)",
            soci::use(contract_id), soci::use(p);
}

std::optional<Contract> FindContract(db::Tx& tx, const std::string& id) {
    std::vector<Contract> list;
    {
        soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kColumns) + "WHERE id = :id", soci::use(id));
        for (const auto& r : rows) list.push_back(Read(r));
    }
    if (list.empty()) return std::nullopt;
    LoadParts(tx, list);
    return list[0];
}

std::vector<Contract> ListContracts(db::Tx& tx, const Filter& f) {
    std::vector<Contract> out;
    std::string like = "%" + db::LikeEscape(f.search) + "%";
    std::string type(f.type ? ToText(*f.type) : ""), status(f.status ? ToText(*f.status) : "");
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << std::string(kColumns) +
                                     "WHERE (:type = '' OR type = :type2) AND (:status = '' OR status = :status2) "
                                     "AND (:project = '' OR project_id = :project2) AND (:q = '' OR search_key LIKE "
                                     ":like ESCAPE '\\') ORDER BY updated_at DESC, id",
             soci::use(type, "type"), soci::use(type, "type2"), soci::use(status, "status"),
             soci::use(status, "status2"), soci::use(f.project_id, "project"), soci::use(f.project_id, "project2"),
             soci::use(f.search, "q"), soci::use(like, "like"));
        for (const auto& r : rows) out.push_back(Read(r));
    }
    LoadParts(tx, out);  // two queries for the whole list, whatever its length
    return out;
}

void InsertHistory(db::Tx& tx, const std::string& contract_id, const HistoryEntry& h) {
    long long at = ToUnix(h.at);
    std::string from(h.from_status ? ToText(*h.from_status) : ""), to(ToText(h.to_status)), by = h.by.value_or("");
    soci::indicator fi = Ind(h.from_status.has_value()), bi = Ind(h.by.has_value());
    // The position in one statement: no read of the highest one before the write.
    tx.sql() << "INSERT INTO contract_status_history (id, contract_id, seq, from_status, to_status, at, by_person, "
                "note) SELECT :id, :c, COALESCE(MAX(seq), 0) + 1, :from, :to, CAST(:at AS BIGINT), :by, :note FROM "
                "contract_status_history WHERE contract_id = :c2",
        soci::use(h.id, "id"), soci::use(contract_id, "c"), soci::use(from, fi, "from"), soci::use(to, "to"),
        soci::use(at, "at"), soci::use(by, bi, "by"), soci::use(h.note, "note"), soci::use(contract_id, "c2");
}

namespace {
HistoryEntry ReadHistory(const soci::row& r, size_t o) {
    HistoryEntry h;
    h.id = GetString(r, o);
    if (auto from = GetOptionalString(r, o + 1)) h.from_status = StatusOf(*from);
    h.to_status = StatusOf(GetString(r, o + 2));
    h.at = FromUnix(GetInt(r, o + 3));
    h.by = GetOptionalString(r, o + 4);
    h.note = GetString(r, o + 5);
    return h;
}
}  // namespace

std::vector<HistoryEntry> History(db::Tx& tx, const std::string& contract_id) {
    std::vector<HistoryEntry> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, from_status, to_status, at, by_person, note FROM contract_status_history "
                             "WHERE contract_id = :c ORDER BY seq",
         soci::use(contract_id));
    for (const auto& r : rows) out.push_back(ReadHistory(r, 0));
    return out;
}

std::map<std::string, std::vector<HistoryEntry>> AllHistory(db::Tx& tx) {
    std::map<std::string, std::vector<HistoryEntry>> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT contract_id, id, from_status, to_status, at, by_person, note FROM "
                             "contract_status_history ORDER BY contract_id, seq");
    for (const auto& r : rows) out[GetString(r, 0)].push_back(ReadHistory(r, 1));
    return out;
}

void InsertRound(db::Tx& tx, const std::string& contract_id, const Round& r) {
    long long at = ToUnix(r.recorded_at);
    boost::json::array clauses;
    for (const auto& c : r.clauses) clauses.emplace_back(c);
    std::string clauses_json = boost::json::serialize(clauses), by = r.recorded_by.value_or("");
    soci::indicator bi = Ind(r.recorded_by.has_value());
    tx.sql() << "INSERT INTO contract_rounds (id, contract_id, round_no, sent_by, sent_on, clauses_json, summary, "
                "waiting_on, recorded_by, recorded_at) VALUES (:id, :c, :no, :sent_by, :sent_on, :clauses, :summary, "
                ":waiting, :by, :at)",
        soci::use(r.id), soci::use(contract_id), soci::use(r.round_no), soci::use(r.sent_by), soci::use(r.sent_on),
        soci::use(clauses_json), soci::use(r.summary), soci::use(r.waiting_on), soci::use(by, bi), soci::use(at);
}

std::vector<Round> Rounds(db::Tx& tx, const std::string& contract_id) {
    std::vector<Round> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, round_no, sent_by, sent_on, clauses_json, summary, waiting_on, recorded_by, "
                             "recorded_at FROM contract_rounds WHERE contract_id = :c ORDER BY round_no",
         soci::use(contract_id));
    for (const auto& r : rows) {
        Round x;
        x.id = GetString(r, 0);
        x.round_no = static_cast<int>(GetInt(r, 1));
        x.sent_by = GetString(r, 2);
        x.sent_on = GetString(r, 3);
        try {
            auto parsed = boost::json::parse(GetString(r, 4));
            for (const auto& v : parsed.as_array())
                if (v.is_string()) x.clauses.emplace_back(v.as_string());
        } catch (const std::exception&) {
        }
        x.summary = GetString(r, 5);
        x.waiting_on = GetString(r, 6);
        x.recorded_by = GetOptionalString(r, 7);
        x.recorded_at = FromUnix(GetInt(r, 8));
        out.push_back(std::move(x));
    }
    return out;
}

int MaxRoundNo(db::Tx& tx, const std::string& contract_id) {
    int n = 0;
    soci::indicator ind;
    tx.sql() << "SELECT MAX(round_no) FROM contract_rounds WHERE contract_id = :c", soci::use(contract_id),
        soci::into(n, ind);
    return ind == soci::i_ok ? n : 0;
}

void InsertTemplate(db::Tx& tx, const Template& t, const std::string& content_base64) {
    long long at = ToUnix(t.uploaded_at);
    boost::json::array names;
    for (const auto& n : t.merge_fields) names.emplace_back(n);
    std::string names_json = boost::json::serialize(names), by = t.uploaded_by.value_or("");
    std::string type(ToText(t.type));
    soci::indicator bi = Ind(t.uploaded_by.has_value());
    tx.sql() << "INSERT INTO contract_templates (id, type, version, filename, content_base64, size_bytes, "
                "placeholders_json, note, uploaded_by, uploaded_at) VALUES (:id, :type, :version, :filename, :bytes, "
                ":size, :names, :note, :by, :at)",
        soci::use(t.id), soci::use(type), soci::use(t.version), soci::use(t.filename), soci::use(content_base64),
        soci::use(t.size_bytes), soci::use(names_json), soci::use(t.note), soci::use(by, bi), soci::use(at);
}

namespace {
constexpr const char* kTemplateColumns =
    "SELECT id, type, version, filename, size_bytes, placeholders_json, note, uploaded_by, uploaded_at";
Template ReadTemplate(const soci::row& r) {
    Template t;
    t.id = GetString(r, 0);
    t.type = TypeOf(GetString(r, 1));
    t.version = static_cast<int>(GetInt(r, 2));
    t.filename = GetString(r, 3);
    t.size_bytes = GetInt(r, 4);
    try {
        auto parsed = boost::json::parse(GetString(r, 5));
        for (const auto& v : parsed.as_array())
            if (v.is_string()) t.merge_fields.emplace_back(v.as_string());
    } catch (const std::exception&) {
    }
    t.note = GetString(r, 6);
    t.uploaded_by = GetOptionalString(r, 7);
    t.uploaded_at = FromUnix(GetInt(r, 8));
    return t;
}
}  // namespace

std::vector<Template> Templates(db::Tx& tx, std::optional<ContractType> only) {
    std::vector<Template> out;
    std::string type(only ? ToText(*only) : "");
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kTemplateColumns) +
                                 " FROM contract_templates WHERE (:t = '' OR type = :t2) ORDER BY type, version DESC",
         soci::use(type, "t"), soci::use(type, "t2"));
    for (const auto& r : rows) out.push_back(ReadTemplate(r));
    return out;
}

std::optional<std::pair<Template, std::string>> TemplateFile(db::Tx& tx, ContractType kind, int version) {
    std::string type(ToText(kind));
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kTemplateColumns) +
                                 ", content_base64 FROM contract_templates WHERE type = :t AND version = :v",
         soci::use(type), soci::use(version));
    for (const auto& r : rows) return std::make_pair(ReadTemplate(r), GetString(r, 9));
    return std::nullopt;
}

int LatestTemplateVersion(db::Tx& tx, ContractType kind) {
    std::string type(ToText(kind));
    int n = 0;
    soci::indicator ind;
    tx.sql() << "SELECT MAX(version) FROM contract_templates WHERE type = :t", soci::use(type), soci::into(n, ind);
    return ind == soci::i_ok ? n : 0;
}

}  // namespace renkei::contracts::store
