#include "modules/coi/store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "platform/db/in_list.hpp"
#include "platform/db/row.hpp"

namespace renkei::coi::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;

using db::Nullable;
using db::NullableTime;

constexpr const char* kDeclarationColumns =
    "SELECT id, person_id, fiscal_year, nothing_to_declare, filed_at, updated_at FROM coi_declarations ";

Declaration ReadDeclaration(const soci::row& r) {
    Declaration d;
    d.id = GetString(r, 0);
    d.person.id = GetString(r, 1);
    d.fiscal_year = static_cast<int>(GetInt(r, 2));
    d.nothing_to_declare = GetInt(r, 3) != 0;
    d.filed_at = FromUnix(GetInt(r, 4));
    d.updated_at = FromUnix(GetInt(r, 5));
    return d;
}

Relationship ReadRelationship(const soci::row& r, size_t o) {
    Relationship x;
    x.id = GetString(r, o);
    x.organisation_id = GetOptionalString(r, o + 1);
    x.company_name = GetString(r, o + 2);
    x.category = GetString(r, o + 3);
    x.amount_yen = GetInt(r, o + 4);
    x.note = GetString(r, o + 5);
    return x;
}

std::vector<Relationship> RelationshipsOf(db::Tx& tx, const std::string& declaration_id) {
    std::vector<Relationship> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare
             << "SELECT id, organisation_id, company_name, category, amount_yen, note FROM coi_relationships "
                "WHERE declaration_id = :d ORDER BY position",
         soci::use(declaration_id));
    for (const auto& r : rows) out.push_back(ReadRelationship(r, 0));
    return out;
}

CaseStatus CaseStatusOf(const std::string& text) {
    if (auto s = CaseStatusFromText(text)) return *s;
    throw std::runtime_error("coi: unknown case status in the database: " + text);
}
Decision DecisionOf(const std::string& text) {
    if (auto d = DecisionFromText(text)) return *d;
    throw std::runtime_error("coi: unknown decision in the database: " + text);
}

std::optional<Declaration> OneDeclaration(soci::rowset<soci::row>& rows) {
    for (const auto& r : rows) {
        auto d = ReadDeclaration(r);
        return d;
    }
    return std::nullopt;
}

constexpr const char* kCaseColumns =
    "SELECT id, project_id, person_id, organisation_id, fiscal_year, status, findings, fingerprint, decision, "
    "measures, "
    "decided_by, decided_at, created_at, updated_at FROM coi_cases ";

Case ReadCase(const soci::row& r) {
    Case c;
    c.id = GetString(r, 0);
    c.project_id = GetString(r, 1);
    c.person.id = GetString(r, 2);
    c.organisation_id = GetString(r, 3);
    c.fiscal_year = static_cast<int>(GetInt(r, 4));
    c.status = CaseStatusOf(GetString(r, 5));
    try {
        c.findings = boost::json::parse(GetString(r, 6));
    } catch (const std::exception&) {
        c.findings = boost::json::array{};
    }
    c.fingerprint = GetString(r, 7);
    if (auto d = GetOptionalString(r, 8)) c.decision = DecisionOf(*d);
    c.measures = GetString(r, 9);
    if (auto by = GetOptionalString(r, 10)) c.decided_by = PersonRef{*by, "", ""};
    if (!db::IsNull(r, 11)) c.decided_at = FromUnix(GetInt(r, 11));
    c.created_at = FromUnix(GetInt(r, 12));
    c.updated_at = FromUnix(GetInt(r, 13));
    return c;
}

}  // namespace

std::vector<Threshold> Thresholds(db::Tx& tx) {
    std::vector<Threshold> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT category, rule, amount_yen FROM coi_thresholds");
    for (const auto& r : rows) out.push_back({GetString(r, 0), GetString(r, 1), GetInt(r, 2)});
    return out;
}

void UpsertThreshold(db::Tx& tx, const Threshold& t, const std::string& by, Seconds now) {
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO coi_thresholds (category, rule, amount_yen, updated_at, updated_by) VALUES (:c, :rule, "
                ":amount, :at, :by) ON CONFLICT (category) DO UPDATE SET rule = excluded.rule, amount_yen = "
                "excluded.amount_yen, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        soci::use(t.category), soci::use(t.rule), soci::use(t.amount_yen), soci::use(at), soci::use(by);
}

std::optional<Declaration> FindDeclaration(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kDeclarationColumns) + "WHERE id = :id", soci::use(id));
    auto d = OneDeclaration(rows);
    if (d) d->relationships = RelationshipsOf(tx, d->id);
    return d;
}

std::optional<Declaration> DeclarationOf(db::Tx& tx, const std::string& person_id, int fiscal_year) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kDeclarationColumns) + "WHERE person_id = :p AND fiscal_year = :y",
         soci::use(person_id), soci::use(fiscal_year));
    auto d = OneDeclaration(rows);
    if (d) d->relationships = RelationshipsOf(tx, d->id);
    return d;
}

std::map<std::string, Declaration> DeclarationsForYear(db::Tx& tx, int fiscal_year) {
    std::map<std::string, Declaration> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kDeclarationColumns) + "WHERE fiscal_year = :y", soci::use(fiscal_year));
    for (const auto& r : rows) {
        auto d = ReadDeclaration(r);
        out[d.person.id] = d;
    }
    return out;
}

std::map<std::string, Declaration> DeclarationsOf(db::Tx& tx, const std::vector<std::string>& person_ids_in,
                                                  int fiscal_year) {
    std::vector<std::string> ids;
    for (const auto& id : person_ids_in)
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    std::map<std::string, Declaration> out;
    if (ids.empty()) return out;
    std::map<std::string, std::string> person_of;  // declaration id -> person id
    {
        soci::details::prepare_temp_type prep =
            (tx.sql().prepare << std::string(kDeclarationColumns) + "WHERE fiscal_year = :y AND person_id IN" +
                                     db::InList(ids.size()));
        prep, soci::use(fiscal_year);
        for (const auto& id : ids) prep, soci::use(id);
        soci::rowset<soci::row> rows(prep);
        for (const auto& r : rows) {
            auto d = ReadDeclaration(r);
            person_of[d.id] = d.person.id;
            out[d.person.id] = std::move(d);
        }
    }
    if (out.empty()) return out;
    soci::details::prepare_temp_type prep =
        (tx.sql().prepare << "SELECT r.declaration_id, r.id, r.organisation_id, r.company_name, r.category, "
                             "r.amount_yen, r.note FROM coi_relationships r JOIN coi_declarations d ON d.id = "
                             "r.declaration_id WHERE d.fiscal_year = :y AND d.person_id IN" +
                                 db::InList(ids.size()) + " ORDER BY r.declaration_id, r.position");
    prep, soci::use(fiscal_year);
    for (const auto& id : ids) prep, soci::use(id);
    soci::rowset<soci::row> rows(prep);
    for (const auto& r : rows) {
        auto it = person_of.find(GetString(r, 0));
        if (it != person_of.end()) out[it->second].relationships.push_back(ReadRelationship(r, 1));
    }
    return out;
}

void InsertDeclaration(db::Tx& tx, const Declaration& d) {
    int nothing = d.nothing_to_declare ? 1 : 0;
    long long filed = ToUnix(d.filed_at), updated = ToUnix(d.updated_at);
    tx.sql() << "INSERT INTO coi_declarations (id, person_id, fiscal_year, nothing_to_declare, filed_at, updated_at) "
                "VALUES (:id, :p, :y, :n, :f, :u)",
        soci::use(d.id), soci::use(d.person.id), soci::use(d.fiscal_year), soci::use(nothing), soci::use(filed),
        soci::use(updated);
}

void UpdateDeclaration(db::Tx& tx, const Declaration& d) {
    int nothing = d.nothing_to_declare ? 1 : 0;
    long long updated = ToUnix(d.updated_at);
    tx.sql() << "UPDATE coi_declarations SET nothing_to_declare = :n, updated_at = :u WHERE id = :id",
        soci::use(nothing), soci::use(updated), soci::use(d.id);
}

void ReplaceRelationships(db::Tx& tx, const std::string& declaration_id, const std::vector<Relationship>& rs) {
    tx.sql() << "DELETE FROM coi_relationships WHERE declaration_id = :d", soci::use(declaration_id);
    for (size_t i = 0; i < rs.size(); ++i) {
        const auto& r = rs[i];
        Nullable org(r.organisation_id);
        int position = static_cast<int>(i);
        tx.sql()
            << "INSERT INTO coi_relationships (id, declaration_id, position, organisation_id, company_name, category, "
               "amount_yen, note) VALUES (:id, :d, :pos, :org, :name, :cat, :amount, :note)",
            soci::use(r.id), soci::use(declaration_id), soci::use(position), soci::use(org.value, org.ind),
            soci::use(r.company_name), soci::use(r.category), soci::use(r.amount_yen), soci::use(r.note);
    }
}

std::optional<Seconds> RoundOpened(db::Tx& tx, int fiscal_year) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT opened_at FROM coi_rounds WHERE fiscal_year = :y", soci::use(fiscal_year));
    for (const auto& r : rows) return FromUnix(GetInt(r, 0));
    return std::nullopt;
}

void OpenRound(db::Tx& tx, int fiscal_year, const std::string& by, Seconds now) {
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO coi_rounds (fiscal_year, opened_at, opened_by) VALUES (:y, :at, :by) ON CONFLICT "
                "(fiscal_year) DO NOTHING",
        soci::use(fiscal_year), soci::use(at), soci::use(by);
}

void InsertCase(db::Tx& tx, const Case& c) {
    std::string findings = boost::json::serialize(c.findings), status(ToText(c.status));
    Nullable decision(c.decision ? std::optional<std::string>(ToText(*c.decision)) : std::nullopt);
    Nullable by(c.decided_by ? std::optional<std::string>(c.decided_by->id) : std::nullopt);
    NullableTime at(c.decided_at);
    long long created = ToUnix(c.created_at), updated = ToUnix(c.updated_at);
    tx.sql()
        << "INSERT INTO coi_cases (id, project_id, person_id, organisation_id, fiscal_year, status, findings, "
           "fingerprint, decision, measures, decided_by, decided_at, created_at, updated_at) VALUES (:id, :pr, :pe, "
           ":org, :y, :st, :f, :fp, :d, :m, :by, :at, :c, :u)",
        soci::use(c.id), soci::use(c.project_id), soci::use(c.person.id), soci::use(c.organisation_id),
        soci::use(c.fiscal_year), soci::use(status), soci::use(findings), soci::use(c.fingerprint),
        soci::use(decision.value, decision.ind), soci::use(c.measures), soci::use(by.value, by.ind),
        soci::use(at.value, at.ind), soci::use(created), soci::use(updated);
}

void UpdateCase(db::Tx& tx, const Case& c) {
    std::string findings = boost::json::serialize(c.findings), status(ToText(c.status));
    Nullable decision(c.decision ? std::optional<std::string>(ToText(*c.decision)) : std::nullopt);
    Nullable by(c.decided_by ? std::optional<std::string>(c.decided_by->id) : std::nullopt);
    NullableTime at(c.decided_at);
    long long updated = ToUnix(c.updated_at);
    tx.sql() << "UPDATE coi_cases SET status = :st, findings = :f, fingerprint = :fp, decision = :d, measures = :m, "
                "decided_by = :by, decided_at = :at, updated_at = :u WHERE id = :id",
        soci::use(status), soci::use(findings), soci::use(c.fingerprint), soci::use(decision.value, decision.ind),
        soci::use(c.measures), soci::use(by.value, by.ind), soci::use(at.value, at.ind), soci::use(updated),
        soci::use(c.id);
}

std::optional<Case> FindCase(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kCaseColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadCase(r);
    return std::nullopt;
}

std::vector<Case> Cases(db::Tx& tx, const CaseFilter& f) {
    std::vector<Case> out;
    std::string status(f.status ? ToText(*f.status) : "");
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kCaseColumns) +
                                 "WHERE (:st = '' OR status = :st2) AND (:pr = '' OR project_id = :pr2) AND "
                                 "(:pe = '' OR person_id = :pe2) AND (:y = 0 OR fiscal_year = :y2) "
                                 "ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, created_at DESC, id",
         soci::use(status, "st"), soci::use(status, "st2"), soci::use(f.project_id, "pr"),
         soci::use(f.project_id, "pr2"), soci::use(f.person_id, "pe"), soci::use(f.person_id, "pe2"),
         soci::use(f.fiscal_year, "y"), soci::use(f.fiscal_year, "y2"));
    for (const auto& r : rows) out.push_back(ReadCase(r));
    return out;
}

}  // namespace renkei::coi::store
