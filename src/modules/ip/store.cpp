#include "modules/ip/store.hpp"

#include <map>
#include <stdexcept>

#include "platform/db/children.hpp"
#include "platform/db/row.hpp"

namespace renkei::ip::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::IsNull;
using db::Nullable;
using db::NullableInt;

constexpr const char* kColumns =
    "SELECT id, project_id, title, summary, conceived_on, disclosed_on, status, decision, decision_note, "
    "novelty_notes, prior_art, university_share, company_share, contract_id, created_by, created_at, updated_at, "
    "company_consent_on, company_consent_by FROM ip_inventions ";

Invention Read(const soci::row& r) {
    Invention inv;
    inv.id = GetString(r, 0);
    inv.project_id = GetString(r, 1);
    inv.title = GetString(r, 2);
    inv.summary = GetString(r, 3);
    inv.conceived_on = GetOptionalString(r, 4);
    inv.disclosed_on = GetOptionalString(r, 5);
    inv.status = db::StoredEnum<InventionStatus>(GetString(r, 6));
    if (auto d = GetOptionalString(r, 7)) inv.decision = db::StoredEnum<Decision>(*d);
    inv.decision_note = GetString(r, 8);
    inv.novelty_notes = GetString(r, 9);
    inv.prior_art = GetString(r, 10);
    if (!IsNull(r, 11)) inv.university_share = static_cast<int>(GetInt(r, 11));
    if (!IsNull(r, 12)) inv.company_share = static_cast<int>(GetInt(r, 12));
    inv.contract_id = GetOptionalString(r, 13);
    inv.created_by = GetOptionalString(r, 14);
    inv.created_at = FromUnix(GetInt(r, 15));
    inv.updated_at = FromUnix(GetInt(r, 16));
    inv.company_consent_on = GetOptionalString(r, 17);
    inv.company_consent_by = GetOptionalString(r, 18);
    return inv;
}

// The inventors and filings of `all` (one project's, or every invention).
void Fill(db::Tx& tx, std::vector<Invention>& all, const std::optional<std::string>& project_id) {
    db::Children<Invention> children(tx, all, "invention_id IN (SELECT id FROM ip_inventions WHERE project_id = :p)",
                                     project_id);
    auto each = [&](const std::string& select, const std::string& order, auto&& f) { children.Each(select, order, f); };
    each("SELECT invention_id, person_id, share_percent, employer, affiliation FROM ip_inventors",
         "invention_id, position", [](Invention& inv, const soci::row& r) {
             Inventor i;
             i.person.id = GetString(r, 1);
             i.share_percent = static_cast<int>(GetInt(r, 2));
             i.employer = db::StoredEnum<Employer>(GetString(r, 3));
             i.affiliation = GetString(r, 4);
             inv.inventors.push_back(std::move(i));
         });
    each(
        "SELECT invention_id, id, kind, country, number, filed_on, priority_date, examination_requested_on, "
        "registered_on, grace_proof_on FROM ip_filings",
        "invention_id, filed_on, created_at", [](Invention& inv, const soci::row& r) {
            Filing f;
            f.id = GetString(r, 1);
            f.kind = db::StoredEnum<FilingKind>(GetString(r, 2));
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
    Nullable consent_on(inv.company_consent_on), consent_by(inv.company_consent_by);
    Nullable decision(inv.decision ? std::optional<std::string>(std::string(Text(*inv.decision))) : std::nullopt);
    NullableInt university(inv.university_share), company(inv.company_share);
    std::string status(Text(inv.status));
    long long at = ToUnix(inv.updated_at);
    tx.sql() << "UPDATE ip_inventions SET title = :t, summary = :s, conceived_on = :c, disclosed_on = :d, status = "
                ":st, decision = :de, decision_note = :dn, novelty_notes = :nn, prior_art = :pa, university_share = "
                ":us, company_share = :cs, contract_id = :ct, company_consent_on = :co, company_consent_by = :cb, "
                "updated_at "
                "= :u WHERE id = :id",
        soci::use(inv.title), soci::use(inv.summary), soci::use(conceived.value, conceived.ind),
        soci::use(disclosed.value, disclosed.ind), soci::use(status), soci::use(decision.value, decision.ind),
        soci::use(inv.decision_note), soci::use(inv.novelty_notes), soci::use(inv.prior_art),
        soci::use(university.value, university.ind), soci::use(company.value, company.ind),
        soci::use(contract.value, contract.ind), soci::use(consent_on.value, consent_on.ind),
        soci::use(consent_by.value, consent_by.ind), soci::use(at), soci::use(inv.id);
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

std::vector<Licence> Licences(db::Tx& tx, const std::string& invention_id) {
    std::vector<Licence> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, licensee, contract_id, exclusive, signed_on, note FROM ip_licences WHERE "
                             "invention_id = :i ORDER BY signed_on, created_at, id",
         soci::use(invention_id));
    for (const auto& r : rows) {
        Licence l;
        l.id = GetString(r, 0);
        l.invention_id = invention_id;
        l.licensee = GetString(r, 1);
        l.contract_id = GetOptionalString(r, 2);
        l.exclusive = GetInt(r, 3) != 0;
        l.signed_on = GetString(r, 4);
        l.note = GetString(r, 5);
        out.push_back(std::move(l));
    }
    if (out.empty()) return out;
    soci::rowset<soci::row> revenue =
        (tx.sql().prepare << "SELECT v.id, v.licence_id, v.received_on, v.amount_yen, v.note FROM ip_revenue v JOIN "
                             "ip_licences l ON l.id = v.licence_id WHERE l.invention_id = :i ORDER BY v.received_on, "
                             "v.created_at, v.id",
         soci::use(invention_id));
    for (const auto& r : revenue) {
        Revenue v{GetString(r, 0), GetString(r, 1), GetString(r, 2), GetInt(r, 3), GetString(r, 4)};
        for (auto& l : out)
            if (l.id == v.licence_id) l.revenue.push_back(v);
    }
    return out;
}

void InsertLicence(db::Tx& tx, const Licence& l, const std::string& by, Seconds now) {
    Nullable contract(l.contract_id);
    int exclusive = l.exclusive ? 1 : 0;
    long long at = ToUnix(now);
    tx.sql() << "INSERT INTO ip_licences (id, invention_id, licensee, contract_id, exclusive, signed_on, note, "
                "created_by, created_at) VALUES (:id, :i, :l, :c, :x, :s, :n, :b, :a)",
        soci::use(l.id), soci::use(l.invention_id), soci::use(l.licensee), soci::use(contract.value, contract.ind),
        soci::use(exclusive), soci::use(l.signed_on), soci::use(l.note), soci::use(by), soci::use(at);
}

void InsertRevenue(db::Tx& tx, const Revenue& r, const std::string& by, Seconds now) {
    long long at = ToUnix(now);
    long long amount = r.amount_yen;
    tx.sql() << "INSERT INTO ip_revenue (id, licence_id, received_on, amount_yen, note, created_by, created_at) "
                "VALUES (:id, :l, :r, :y, :n, :b, :a)",
        soci::use(r.id), soci::use(r.licence_id), soci::use(r.received_on), soci::use(amount), soci::use(r.note),
        soci::use(by), soci::use(at);
}

long long CountInventions(db::Tx& tx) {
    soci::row r;
    tx.sql() << "SELECT COUNT(*) FROM ip_inventions", soci::into(r);
    return GetInt(r, 0);
}

long long CountLicences(db::Tx& tx) {
    soci::row r;
    tx.sql() << "SELECT COUNT(*) FROM ip_licences", soci::into(r);
    return GetInt(r, 0);
}

RewardRules ReadRewardRules(db::Tx& tx) {
    soci::row r;
    tx.sql() << "SELECT filing_yen, registration_yen, revenue_percent FROM ip_reward_rules WHERE id = 1", soci::into(r);
    if (!tx.sql().got_data()) return {};
    return {GetInt(r, 0), GetInt(r, 1), static_cast<int>(GetInt(r, 2))};
}

void WriteRewardRules(db::Tx& tx, const RewardRules& r, const std::string& by, Seconds now) {
    long long filing = r.filing_yen, registration = r.registration_yen, at = ToUnix(now);
    int percent = r.revenue_percent;
    tx.sql() << "UPDATE ip_reward_rules SET filing_yen = :f, registration_yen = :r, revenue_percent = :p, "
                "updated_by = :b, updated_at = :a WHERE id = 1",
        soci::use(filing), soci::use(registration), soci::use(percent), soci::use(by), soci::use(at);
}

bool InsertReward(db::Tx& tx, const Reward& r, Seconds now) {
    std::string kind(Text(r.kind));
    int existing = 0;
    tx.sql() << "SELECT COUNT(*) FROM ip_rewards WHERE person_id = :p AND kind = :k AND basis_id = :b",
        soci::use(r.person.id), soci::use(kind), soci::use(r.basis_id), soci::into(existing);
    if (existing > 0) return false;
    long long amount = r.amount_yen, at = ToUnix(now);
    tx.sql() << "INSERT INTO ip_rewards (id, invention_id, person_id, kind, basis_id, basis_on, amount_yen, "
                "created_at) VALUES (:id, :i, :p, :k, :b, :o, :y, :a)",
        soci::use(r.id), soci::use(r.invention_id), soci::use(r.person.id), soci::use(kind), soci::use(r.basis_id),
        soci::use(r.basis_on), soci::use(amount), soci::use(at);
    return true;
}

namespace {
constexpr const char* kRewardColumns =
    "SELECT id, invention_id, person_id, kind, basis_id, basis_on, amount_yen, paid_on FROM ip_rewards ";
Reward ReadReward(const soci::row& r) {
    Reward w;
    w.id = GetString(r, 0);
    w.invention_id = GetString(r, 1);
    w.person.id = GetString(r, 2);
    w.kind = db::ReadEnum<RewardKind>(r, 3);
    w.basis_id = GetString(r, 4);
    w.basis_on = GetString(r, 5);
    w.amount_yen = GetInt(r, 6);
    w.paid_on = GetOptionalString(r, 7);
    return w;
}
}  // namespace

std::vector<Reward> Rewards(db::Tx& tx, const std::optional<std::string>& invention_id,
                            const std::optional<std::string>& person_id) {
    std::string where = "WHERE (:i = '' OR invention_id = :i2) AND (:p = '' OR person_id = :p2) ";
    std::string i = invention_id.value_or(""), p = person_id.value_or("");
    std::vector<Reward> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kRewardColumns) + where + "ORDER BY basis_on, created_at, person_id, id",
         soci::use(i), soci::use(i), soci::use(p), soci::use(p));
    for (const auto& r : rows) out.push_back(ReadReward(r));
    return out;
}

std::optional<Reward> FindReward(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kRewardColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadReward(r);
    return std::nullopt;
}

void MarkRewardPaid(db::Tx& tx, const std::string& id, const std::string& paid_on, const std::string& by) {
    tx.sql() << "UPDATE ip_rewards SET paid_on = :d, paid_by = :b WHERE id = :id", soci::use(paid_on), soci::use(by),
        soci::use(id);
}

namespace {
constexpr const char* kPublicationColumns =
    "SELECT id, project_id, invention_id, person_id, kind, title, venue, planned_on, event_id, guarded, clearance, "
    "cleared_by, review_due_on, review, review_note, created_at FROM ip_publications ";
Publication ReadPublication(const soci::row& r) {
    Publication p;
    p.id = GetString(r, 0);
    p.project_id = GetString(r, 1);
    p.invention_id = GetOptionalString(r, 2);
    p.person.id = GetString(r, 3);
    p.kind = db::ReadEnum<PublicationKind>(r, 4);
    p.title = GetString(r, 5);
    p.venue = GetString(r, 6);
    p.planned_on = GetString(r, 7);
    p.event_id = GetOptionalString(r, 8);
    p.guarded = GetInt(r, 9) != 0;
    if (auto c = GetOptionalString(r, 10)) p.clearance = db::StoredEnum<Clearance>(*c);
    p.cleared_by = GetOptionalString(r, 11);
    p.review_due_on = GetOptionalString(r, 12);
    if (auto v = GetOptionalString(r, 13)) p.review = db::StoredEnum<ReviewOutcome>(*v);
    p.review_note = GetString(r, 14);
    p.created_at = FromUnix(GetInt(r, 15));
    return p;
}
}  // namespace

std::vector<Publication> Publications(db::Tx& tx, const std::optional<std::string>& project_id) {
    std::string key = project_id.value_or("");
    std::vector<Publication> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kPublicationColumns) +
                                 "WHERE (:p = '' OR project_id = :p2) ORDER BY planned_on, created_at, id",
         soci::use(key), soci::use(key));
    for (const auto& r : rows) out.push_back(ReadPublication(r));
    return out;
}

std::optional<Publication> FindPublication(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kPublicationColumns) + "WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return ReadPublication(r);
    return std::nullopt;
}

void InsertPublication(db::Tx& tx, const Publication& p) {
    Nullable invention(p.invention_id), event(p.event_id), review_due(p.review_due_on);
    std::string kind(Text(p.kind)), status = p.clearance ? "cleared" : "planned";
    int guarded = p.guarded ? 1 : 0;
    long long at = ToUnix(p.created_at);
    tx.sql() << "INSERT INTO ip_publications (id, project_id, invention_id, person_id, kind, title, venue, "
                "planned_on, event_id, guarded, status, review_due_on, created_at) VALUES (:id, :p, :i, :who, :k, "
                ":t, :v, :d, :e, :g, :s, :r, :a)",
        soci::use(p.id), soci::use(p.project_id), soci::use(invention.value, invention.ind), soci::use(p.person.id),
        soci::use(kind), soci::use(p.title), soci::use(p.venue), soci::use(p.planned_on),
        soci::use(event.value, event.ind), soci::use(guarded), soci::use(status),
        soci::use(review_due.value, review_due.ind), soci::use(at);
}

void UpdatePublication(db::Tx& tx, const Publication& p) {
    Nullable clearance(p.clearance ? std::optional<std::string>(std::string(Text(*p.clearance))) : std::nullopt);
    Nullable review(p.review ? std::optional<std::string>(std::string(Text(*p.review))) : std::nullopt);
    Nullable cleared_by(p.cleared_by), review_due(p.review_due_on);
    std::string status = p.clearance ? "cleared" : "planned";
    int guarded = p.guarded ? 1 : 0;
    tx.sql() << "UPDATE ip_publications SET guarded = :g, status = :s, clearance = :c, cleared_by = :cb, "
                "review_due_on = :rd, review = :r, review_note = :rn WHERE id = :id",
        soci::use(guarded), soci::use(status), soci::use(clearance.value, clearance.ind),
        soci::use(cleared_by.value, cleared_by.ind), soci::use(review_due.value, review_due.ind),
        soci::use(review.value, review.ind), soci::use(p.review_note), soci::use(p.id);
}

}  // namespace renkei::ip::store
