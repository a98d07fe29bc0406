#include "modules/ip/store.hpp"

#include <map>
#include <stdexcept>

#include "platform/db/row.hpp"

namespace renkei::ip::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::IsNull;
using db::Nullable;

template <typename E>
E Parse(const std::string& text, const char* what) {
    if (auto v = FromText<E>(text)) return *v;
    throw std::runtime_error(std::string("ip: unknown ") + what + " in the database: " + text);
}

struct NullableInt {
    int value;
    soci::indicator ind;
    explicit NullableInt(const std::optional<int>& v) : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
};

constexpr const char* kColumns =
    "SELECT id, project_id, title, summary, conceived_on, disclosed_on, status, decision, decision_note, "
    "novelty_notes, prior_art, university_share, company_share, contract_id, created_by, created_at, updated_at "
    "FROM ip_inventions ";

Invention Read(const soci::row& r) {
    Invention inv;
    inv.id = GetString(r, 0);
    inv.project_id = GetString(r, 1);
    inv.title = GetString(r, 2);
    inv.summary = GetString(r, 3);
    inv.conceived_on = GetOptionalString(r, 4);
    inv.disclosed_on = GetOptionalString(r, 5);
    inv.status = Parse<InventionStatus>(GetString(r, 6), "status");
    if (auto d = GetOptionalString(r, 7)) inv.decision = Parse<Decision>(*d, "decision");
    inv.decision_note = GetString(r, 8);
    inv.novelty_notes = GetString(r, 9);
    inv.prior_art = GetString(r, 10);
    if (!IsNull(r, 11)) inv.university_share = static_cast<int>(GetInt(r, 11));
    if (!IsNull(r, 12)) inv.company_share = static_cast<int>(GetInt(r, 12));
    inv.contract_id = GetOptionalString(r, 13);
    inv.created_by = GetOptionalString(r, 14);
    inv.created_at = FromUnix(GetInt(r, 15));
    inv.updated_at = FromUnix(GetInt(r, 16));
    return inv;
}

// The inventors and filings of `all` (one project's, or every invention).
void Fill(db::Tx& tx, std::vector<Invention>& all, const std::optional<std::string>& project_id) {
    std::map<std::string, Invention*> by_id;
    for (auto& inv : all) by_id[inv.id] = &inv;
    if (by_id.empty()) return;
    std::string key = project_id.value_or("");
    auto each = [&](const std::string& select, const std::string& order, auto&& f) {
        std::string sql =
            select + (project_id ? " WHERE invention_id IN (SELECT id FROM ip_inventions WHERE project_id = :p)" : "") +
            " ORDER BY " + order;
        soci::rowset<soci::row> rows =
            project_id ? (tx.sql().prepare << sql, soci::use(key)) : (tx.sql().prepare << sql);
        for (const auto& r : rows)
            if (auto it = by_id.find(GetString(r, 0)); it != by_id.end()) f(*it->second, r);
    };
    each("SELECT invention_id, person_id, share_percent, employer, affiliation FROM ip_inventors",
         "invention_id, position", [](Invention& inv, const soci::row& r) {
             Inventor i;
             i.person.id = GetString(r, 1);
             i.share_percent = static_cast<int>(GetInt(r, 2));
             i.employer = Parse<Employer>(GetString(r, 3), "employer");
             i.affiliation = GetString(r, 4);
             inv.inventors.push_back(std::move(i));
         });
    each(
        "SELECT invention_id, id, kind, country, number, filed_on, priority_date, examination_requested_on, "
        "registered_on, grace_proof_on FROM ip_filings",
        "invention_id, filed_on, created_at", [](Invention& inv, const soci::row& r) {
            Filing f;
            f.id = GetString(r, 1);
            f.kind = Parse<FilingKind>(GetString(r, 2), "filing kind");
            f.country = GetString(r, 3);
            f.number = GetString(r, 4);
            f.filed_on = GetString(r, 5);
            f.priority_date = GetOptionalString(r, 6);
            f.examination_requested_on = GetOptionalString(r, 7);
            f.registered_on = GetOptionalString(r, 8);
            f.grace_proof_on = GetOptionalString(r, 9);
            inv.filings.push_back(std::move(f));
        });
}

void WriteInventors(db::Tx& tx, const Invention& inv) {
    tx.sql() << "DELETE FROM ip_inventors WHERE invention_id = :i", soci::use(inv.id);
    int position = 0;
    for (const auto& i : inv.inventors) {
        std::string employer(Text(i.employer));
        tx.sql()
            << "INSERT INTO ip_inventors (invention_id, person_id, position, share_percent, employer, affiliation) "
               "VALUES (:i, :p, :o, :s, :e, :a)",
            soci::use(inv.id), soci::use(i.person.id), soci::use(position), soci::use(i.share_percent),
            soci::use(employer), soci::use(i.affiliation);
        ++position;
    }
}

}  // namespace

std::vector<Invention> Inventions(db::Tx& tx, const std::optional<std::string>& project_id) {
    std::vector<Invention> out;
    std::string key = project_id.value_or("");
    soci::rowset<soci::row> rows =
        project_id ? (tx.sql().prepare << std::string(kColumns) + "WHERE project_id = :p ORDER BY created_at DESC, id",
                      soci::use(key))
                   : (tx.sql().prepare << std::string(kColumns) + "ORDER BY created_at DESC, id");
    for (const auto& r : rows) out.push_back(Read(r));
    Fill(tx, out, project_id);
    return out;
}

std::optional<Invention> FindInvention(db::Tx& tx, const std::string& id) {
    std::vector<Invention> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) out.push_back(Read(r));
    if (out.empty()) return std::nullopt;
    Fill(tx, out, out.front().project_id);
    return out.front();
}

void InsertInvention(db::Tx& tx, const Invention& inv) {
    Nullable conceived(inv.conceived_on), disclosed(inv.disclosed_on), contract(inv.contract_id), by(inv.created_by);
    std::string status(Text(inv.status));
    long long at = ToUnix(inv.created_at);
    tx.sql() << "INSERT INTO ip_inventions (id, project_id, title, summary, conceived_on, disclosed_on, status, "
                "contract_id, created_by, created_at, updated_at) VALUES (:id, :p, :t, :s, :c, :d, :st, :ct, :b, :a, "
                ":u)",
        soci::use(inv.id), soci::use(inv.project_id), soci::use(inv.title), soci::use(inv.summary),
        soci::use(conceived.value, conceived.ind), soci::use(disclosed.value, disclosed.ind), soci::use(status),
        soci::use(contract.value, contract.ind), soci::use(by.value, by.ind), soci::use(at), soci::use(at);
    WriteInventors(tx, inv);
}

void UpdateInvention(db::Tx& tx, const Invention& inv) {
    Nullable conceived(inv.conceived_on), disclosed(inv.disclosed_on), contract(inv.contract_id);
    Nullable decision(inv.decision ? std::optional<std::string>(std::string(Text(*inv.decision))) : std::nullopt);
    NullableInt university(inv.university_share), company(inv.company_share);
    std::string status(Text(inv.status));
    long long at = ToUnix(inv.updated_at);
    tx.sql() << "UPDATE ip_inventions SET title = :t, summary = :s, conceived_on = :c, disclosed_on = :d, status = "
                ":st, decision = :de, decision_note = :dn, novelty_notes = :nn, prior_art = :pa, university_share = "
                ":us, company_share = :cs, contract_id = :ct, updated_at = :u WHERE id = :id",
        soci::use(inv.title), soci::use(inv.summary), soci::use(conceived.value, conceived.ind),
        soci::use(disclosed.value, disclosed.ind), soci::use(status), soci::use(decision.value, decision.ind),
        soci::use(inv.decision_note), soci::use(inv.novelty_notes), soci::use(inv.prior_art),
        soci::use(university.value, university.ind), soci::use(company.value, company.ind),
        soci::use(contract.value, contract.ind), soci::use(at), soci::use(inv.id);
    WriteInventors(tx, inv);
}

void InsertFiling(db::Tx& tx, const std::string& invention_id, const Filing& f, const std::string& by, Seconds now) {
    std::string kind(Text(f.kind));
    Nullable priority(f.priority_date), exam(f.examination_requested_on), registered(f.registered_on),
        proof(f.grace_proof_on);
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO ip_filings (id, invention_id, kind, country, number, filed_on, priority_date, "
                "examination_requested_on, registered_on, grace_proof_on, created_by, created_at) VALUES (:id, :i, :k, "
                ":c, :n, :f, :p, :e, :r, :g, :b, :a)",
        soci::use(f.id), soci::use(invention_id), soci::use(kind), soci::use(f.country), soci::use(f.number),
        soci::use(f.filed_on), soci::use(priority.value, priority.ind), soci::use(exam.value, exam.ind),
        soci::use(registered.value, registered.ind), soci::use(proof.value, proof.ind), soci::use(by), soci::use(at);
}

void UpdateFiling(db::Tx& tx, const Filing& f) {
    Nullable priority(f.priority_date), exam(f.examination_requested_on), registered(f.registered_on),
        proof(f.grace_proof_on);
    tx.sql() << "UPDATE ip_filings SET number = :n, priority_date = :p, examination_requested_on = :e, registered_on = "
                ":r, grace_proof_on = :g WHERE id = :id",
        soci::use(f.number), soci::use(priority.value, priority.ind), soci::use(exam.value, exam.ind),
        soci::use(registered.value, registered.ind), soci::use(proof.value, proof.ind), soci::use(f.id);
}

}  // namespace renkei::ip::store
