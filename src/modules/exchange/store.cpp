#include "modules/exchange/store.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "platform/db/row.hpp"

namespace renkei::exchange::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::ReadEnum;

std::string JoinJson(const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& s : v) a.push_back(boost::json::value(s));
    return boost::json::serialize(a);
}

std::vector<std::string> SplitJson(const std::string& text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& e : v.as_array())
        if (e.is_string()) out.emplace_back(e.as_string());
    return out;
}

// SOCI binds indicators by reference, so each statement keeps its own.
soci::indicator Ind(bool present) { return present ? soci::i_ok : soci::i_null; }

constexpr const char* kNeedColumns =
    "id, author_id, organisation_id, title, problem, current_practice, patients, desired_outcome, area, tags, "
    "status, created_at, updated_at, confidential, company_id, teaser_title_ja, teaser_title_en, teaser_body, "
    "teaser_area, teaser_kind";

Teaser ReadTeaser(const soci::row& r, size_t at) {
    return Teaser{GetString(r, at), GetString(r, at + 1), GetString(r, at + 2), GetString(r, at + 3),
                  GetString(r, at + 4)};
}

Need ReadNeed(const soci::row& r) {
    Need n;
    n.id = GetString(r, 0);
    n.author_id = GetString(r, 1);
    n.organisation_id = GetOptionalString(r, 2);
    n.title = GetString(r, 3);
    n.problem = GetString(r, 4);
    n.current_practice = GetString(r, 5);
    n.patients = GetString(r, 6);
    n.desired_outcome = GetString(r, 7);
    n.area = GetString(r, 8);
    n.tags = SplitJson(GetString(r, 9));
    n.status = ReadEnum<NeedStatus>(r, 10);
    n.created_at = FromUnix(GetInt(r, 11));
    n.updated_at = FromUnix(GetInt(r, 12));
    n.confidential = GetInt(r, 13) != 0;
    n.company_id = GetOptionalString(r, 14);
    n.teaser = ReadTeaser(r, 15);
    return n;
}

constexpr const char* kSeedColumns =
    "id, author_id, organisation_id, company_id, kind, title, description, capabilities, area, confidential, "
    "status, created_at, updated_at, teaser_title_ja, teaser_title_en, teaser_body, teaser_area, teaser_kind";

Seed ReadSeed(const soci::row& r) {
    Seed s;
    s.id = GetString(r, 0);
    s.author_id = GetString(r, 1);
    s.organisation_id = GetOptionalString(r, 2);
    s.company_id = GetOptionalString(r, 3);
    s.kind = ReadEnum<SeedKind>(r, 4);
    s.title = GetString(r, 5);
    s.description = GetString(r, 6);
    s.capabilities = SplitJson(GetString(r, 7));
    s.area = GetString(r, 8);
    s.confidential = GetInt(r, 9) != 0;
    s.status = ReadEnum<SeedStatus>(r, 10);
    s.created_at = FromUnix(GetInt(r, 11));
    s.updated_at = FromUnix(GetInt(r, 12));
    s.teaser = ReadTeaser(r, 13);
    return s;
}

constexpr const char* kGrantColumns =
    "id, person_id, company_id, starts_at, ends_at, note, created_by, created_at, revoked_at";

Grant ReadGrant(const soci::row& r) {
    Grant g;
    g.id = GetString(r, 0);
    g.person_id = GetString(r, 1);
    g.company_id = GetString(r, 2);
    g.starts_at = FromUnix(GetInt(r, 3));
    g.ends_at = FromUnix(GetInt(r, 4));
    g.note = GetString(r, 5);
    g.created_by = GetOptionalString(r, 6);
    g.created_at = FromUnix(GetInt(r, 7));
    if (!db::IsNull(r, 8)) g.revoked_at = FromUnix(GetInt(r, 8));
    return g;
}

constexpr const char* kIntroductionColumns =
    "id, requester_id, owner_id, item_type, item_id, via_type, via_id, message, status, decided_by, decided_at, "
    "meeting_at, outcome, outcome_note, outcome_at, created_at, updated_at, project_id, booking_id";

std::optional<Seconds> OptionalTime(const soci::row& r, size_t i) {
    if (db::IsNull(r, i)) return std::nullopt;
    return FromUnix(GetInt(r, i));
}

Introduction ReadIntroduction(const soci::row& r) {
    Introduction i;
    i.id = GetString(r, 0);
    i.requester_id = GetString(r, 1);
    i.owner_id = GetString(r, 2);
    i.item_type = GetString(r, 3);
    i.item_id = GetString(r, 4);
    i.via_type = GetString(r, 5);
    i.via_id = GetString(r, 6);
    i.message = GetString(r, 7);
    i.status = ReadEnum<IntroductionStatus>(r, 8);
    i.decided_by = GetOptionalString(r, 9);
    i.decided_at = OptionalTime(r, 10);
    i.meeting_at = OptionalTime(r, 11);
    if (!GetString(r, 12).empty()) i.outcome = ReadEnum<Outcome>(r, 12);  // '' until recorded
    i.outcome_note = GetString(r, 13);
    i.outcome_at = OptionalTime(r, 14);
    i.created_at = FromUnix(GetInt(r, 15));
    i.updated_at = FromUnix(GetInt(r, 16));
    i.project_id = GetOptionalString(r, 17);
    i.booking_id = GetOptionalString(r, 18);
    return i;
}

// Needs and seeds are read the same way: a table, its columns and how a row becomes the item.
template <class T>
struct ItemTable {
    const char* name;
    const char* columns;
    T (*read)(const soci::row&);
};
const ItemTable<Need> kNeeds{"exchange_needs", kNeedColumns, ReadNeed};
const ItemTable<Seed> kSeeds{"exchange_seeds", kSeedColumns, ReadSeed};

template <class T>
std::optional<T> FindItem(db::Tx& tx, const ItemTable<T>& t, const std::string& id) {
    // Prepared once per connection: search and suggestions load every item they list.
    std::optional<T> out;
    tx.ForEachCached(std::string("SELECT ") + t.columns + " FROM " + t.name + " WHERE id = :id", {id},
                     [&](const soci::row& r) { out = t.read(r); });
    return out;
}

template <class T>
void ForEachItem(db::Tx& tx, const ItemTable<T>& t, const std::function<void(const T&)>& each) {
    soci::rowset<soci::row> rows = tx.sql().prepare << std::string("SELECT ") + t.columns + " FROM " + t.name;
    for (const auto& r : rows) each(t.read(r));
}

template <class T>
std::vector<T> ListItems(db::Tx& tx, const ItemTable<T>& t, const std::string& author_id, const std::string& status,
                         int limit) {
    std::vector<T> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + t.columns + " FROM " + t.name +
                                 " WHERE (:a1 = '' OR author_id = :a2) AND (:s1 = '' OR status = :s2)"
                                 " ORDER BY updated_at DESC, id LIMIT :lim",
         soci::use(author_id), soci::use(author_id), soci::use(status), soci::use(status), soci::use(limit));
    for (const auto& r : rows) out.push_back(t.read(r));
    return out;
}

}  // namespace

void InsertNeed(db::Tx& tx, const Need& n) {
    std::string org = n.organisation_id.value_or(""), tags = JoinJson(n.tags), status(Text(n.status));
    soci::indicator org_ind = Ind(n.organisation_id.has_value());
    long long created = ToUnix(n.created_at), updated = ToUnix(n.updated_at);
    tx.sql() << "INSERT INTO exchange_needs (id, author_id, organisation_id, title, problem, current_practice, "
                "patients, desired_outcome, area, tags, status, created_at, updated_at) VALUES (:id, :author, :org, "
                ":title, :problem, :practice, :patients, :outcome, :area, :tags, :status, :created, :updated)",
        soci::use(n.id), soci::use(n.author_id), soci::use(org, org_ind), soci::use(n.title), soci::use(n.problem),
        soci::use(n.current_practice), soci::use(n.patients), soci::use(n.desired_outcome), soci::use(n.area),
        soci::use(tags), soci::use(status), soci::use(created), soci::use(updated);
}

void UpdateNeed(db::Tx& tx, const Need& n) {
    std::string tags = JoinJson(n.tags), status(Text(n.status));
    long long updated = ToUnix(n.updated_at);
    tx.sql() << "UPDATE exchange_needs SET title = :title, problem = :problem, current_practice = :practice, "
                "patients = :patients, desired_outcome = :outcome, area = :area, tags = :tags, status = :status, "
                "updated_at = :updated WHERE id = :id",
        soci::use(n.title), soci::use(n.problem), soci::use(n.current_practice), soci::use(n.patients),
        soci::use(n.desired_outcome), soci::use(n.area), soci::use(tags), soci::use(status), soci::use(updated),
        soci::use(n.id);
}

std::optional<Need> FindNeed(db::Tx& tx, const std::string& id) { return FindItem(tx, kNeeds, id); }

void ForEachNeed(db::Tx& tx, const std::function<void(const Need&)>& each) { ForEachItem(tx, kNeeds, each); }

std::vector<Need> ListNeeds(db::Tx& tx, const std::string& author_id, std::optional<NeedStatus> status, int limit) {
    return ListItems(tx, kNeeds, author_id, status ? std::string(Text(*status)) : "", limit);
}

void InsertSeed(db::Tx& tx, const Seed& s) {
    std::string org = s.organisation_id.value_or(""), company = s.company_id.value_or("");
    soci::indicator org_ind = Ind(s.organisation_id.has_value()), company_ind = Ind(s.company_id.has_value());
    std::string caps = JoinJson(s.capabilities), kind(Text(s.kind)), status(Text(s.status));
    int confidential = s.confidential ? 1 : 0;
    long long created = ToUnix(s.created_at), updated = ToUnix(s.updated_at);
    tx.sql() << "INSERT INTO exchange_seeds (id, author_id, organisation_id, company_id, kind, title, description, "
                "capabilities, area, confidential, status, created_at, updated_at) VALUES (:id, :author, :org, "
                ":company, :kind, :title, :description, :caps, :area, :confidential, :status, :created, :updated)",
        soci::use(s.id), soci::use(s.author_id), soci::use(org, org_ind), soci::use(company, company_ind),
        soci::use(kind), soci::use(s.title), soci::use(s.description), soci::use(caps), soci::use(s.area),
        soci::use(confidential), soci::use(status), soci::use(created), soci::use(updated);
}

void UpdateSeed(db::Tx& tx, const Seed& s) {
    std::string caps = JoinJson(s.capabilities), kind(Text(s.kind)), status(Text(s.status));
    int confidential = s.confidential ? 1 : 0;
    long long updated = ToUnix(s.updated_at);
    tx.sql() << "UPDATE exchange_seeds SET kind = :kind, title = :title, description = :description, "
                "capabilities = :caps, area = :area, confidential = :confidential, status = :status, "
                "updated_at = :updated WHERE id = :id",
        soci::use(kind), soci::use(s.title), soci::use(s.description), soci::use(caps), soci::use(s.area),
        soci::use(confidential), soci::use(status), soci::use(updated), soci::use(s.id);
}

std::optional<Seed> FindSeed(db::Tx& tx, const std::string& id) { return FindItem(tx, kSeeds, id); }

void ForEachSeed(db::Tx& tx, const std::function<void(const Seed&)>& each) { ForEachItem(tx, kSeeds, each); }

std::vector<Seed> ListSeeds(db::Tx& tx, const std::string& author_id, std::optional<SeedStatus> status, int limit) {
    return ListItems(tx, kSeeds, author_id, status ? std::string(Text(*status)) : "", limit);
}

void SaveTeaser(db::Tx& tx, const std::string& type, const std::string& id, const Teaser& t) {
    std::string sql = std::string("UPDATE ") + (type == "need" ? "exchange_needs" : "exchange_seeds") +
                      " SET teaser_title_ja = :tj, teaser_title_en = :te, teaser_body = :tb, teaser_area = :ta, "
                      "teaser_kind = :tk WHERE id = :id";
    tx.sql() << sql, soci::use(t.title_ja), soci::use(t.title_en), soci::use(t.body), soci::use(t.area),
        soci::use(t.kind), soci::use(id);
}

void SaveNeedConfidentiality(db::Tx& tx, const Need& n) {
    int confidential = n.confidential ? 1 : 0;
    std::string company = n.company_id.value_or("");
    soci::indicator company_ind = Ind(n.company_id.has_value());
    tx.sql() << "UPDATE exchange_needs SET confidential = :c, company_id = :company WHERE id = :id",
        soci::use(confidential), soci::use(company, company_ind), soci::use(n.id);
}

std::optional<DisclosureRequest> FindDisclosureRequest(db::Tx& tx, const std::string& item_type,
                                                       const std::string& item_id, const std::string& requester_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, item_type, item_id, requester_id, contract_id, created_at, notified_at "
                             "FROM exchange_disclosure_requests WHERE item_type = :t AND item_id = :i AND "
                             "requester_id = :r",
         soci::use(item_type), soci::use(item_id), soci::use(requester_id));
    for (const auto& r : rows) {
        DisclosureRequest d{GetString(r, 0), GetString(r, 1), GetString(r, 2), GetString(r, 3),
                            GetString(r, 4), GetInt(r, 5),    std::nullopt};
        if (!db::IsNull(r, 6)) d.notified_at = GetInt(r, 6);
        return d;
    }
    return std::nullopt;
}

std::vector<DisclosureRequest> DisclosureRequestsOfContract(db::Tx& tx, const std::string& contract_id) {
    std::vector<DisclosureRequest> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, item_type, item_id, requester_id, contract_id, created_at, notified_at "
                             "FROM exchange_disclosure_requests WHERE contract_id = :c ORDER BY created_at, id",
         soci::use(contract_id));
    for (const auto& r : rows) {
        DisclosureRequest d{GetString(r, 0), GetString(r, 1), GetString(r, 2), GetString(r, 3),
                            GetString(r, 4), GetInt(r, 5),    std::nullopt};
        if (!db::IsNull(r, 6)) d.notified_at = GetInt(r, 6);
        out.push_back(std::move(d));
    }
    return out;
}

void InsertDisclosureRequest(db::Tx& tx, const DisclosureRequest& d) {
    tx.sql() << "INSERT INTO exchange_disclosure_requests (id, item_type, item_id, requester_id, contract_id, "
                "created_at) VALUES (:id, :t, :i, :r, :c, :at)",
        soci::use(d.id), soci::use(d.item_type), soci::use(d.item_id), soci::use(d.requester_id),
        soci::use(d.contract_id), soci::use(d.created_at);
}

void MarkDisclosureNotified(db::Tx& tx, const std::string& id, long long at) {
    tx.sql() << "UPDATE exchange_disclosure_requests SET notified_at = :at WHERE id = :id", soci::use(at),
        soci::use(id);
}

void UpsertProfile(db::Tx& tx, const Profile& p) {
    std::string kw = JoinJson(p.keywords);
    long long updated = ToUnix(p.updated_at);
    int exists = 0;
    tx.sql() << "SELECT COUNT(*) FROM exchange_profiles WHERE person_id = :id", soci::use(p.person_id),
        soci::into(exists);
    if (exists)
        tx.sql() << "UPDATE exchange_profiles SET expertise = :e, keywords = :k, updated_at = :u WHERE person_id = :id",
            soci::use(p.expertise), soci::use(kw), soci::use(updated), soci::use(p.person_id);
    else
        tx.sql()
            << "INSERT INTO exchange_profiles (person_id, expertise, keywords, updated_at) VALUES (:id, :e, :k, :u)",
            soci::use(p.person_id), soci::use(p.expertise), soci::use(kw), soci::use(updated);
}

std::optional<Profile> FindProfile(db::Tx& tx, const std::string& person_id) {
    std::optional<Profile> out;
    tx.ForEachCached("SELECT person_id, expertise, keywords, updated_at FROM exchange_profiles WHERE person_id = :id",
                     {person_id}, [&](const soci::row& r) {
                         Profile p;
                         p.person_id = GetString(r, 0);
                         p.expertise = GetString(r, 1);
                         p.keywords = SplitJson(GetString(r, 2));
                         p.updated_at = FromUnix(GetInt(r, 3));
                         out = std::move(p);
                     });
    return out;
}

void ForEachProfile(db::Tx& tx, const std::function<void(const Profile&)>& each) {
    soci::rowset<soci::row> rows = tx.sql().prepare
                                   << "SELECT person_id, expertise, keywords, updated_at FROM exchange_profiles";
    for (const auto& r : rows) {
        Profile p;
        p.person_id = GetString(r, 0);
        p.expertise = GetString(r, 1);
        p.keywords = SplitJson(GetString(r, 2));
        p.updated_at = FromUnix(GetInt(r, 3));
        each(p);
    }
}

void InsertGrant(db::Tx& tx, const Grant& g) {
    long long starts = ToUnix(g.starts_at), ends = ToUnix(g.ends_at), created = ToUnix(g.created_at);
    std::string by = g.created_by.value_or("");
    soci::indicator by_ind = Ind(g.created_by.has_value());
    tx.sql() << "INSERT INTO exchange_grants (id, person_id, company_id, starts_at, ends_at, note, created_by, "
                "created_at) VALUES (:id, :person, :company, :starts, :ends, :note, :by, :created)",
        soci::use(g.id), soci::use(g.person_id), soci::use(g.company_id), soci::use(starts), soci::use(ends),
        soci::use(g.note), soci::use(by, by_ind), soci::use(created);
}

void RevokeGrant(db::Tx& tx, const std::string& id, long long at) {
    tx.sql() << "UPDATE exchange_grants SET revoked_at = :at WHERE id = :id", soci::use(at), soci::use(id);
}

std::optional<Grant> FindGrant(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string("SELECT ") + kGrantColumns + " FROM exchange_grants WHERE id = :id",
         soci::use(id));
    for (const auto& r : rows) return ReadGrant(r);
    return std::nullopt;
}

std::vector<Grant> ListGrants(db::Tx& tx, const std::string& person_id) {
    std::vector<Grant> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare
             << std::string("SELECT ") + kGrantColumns +
                    " FROM exchange_grants WHERE (:p1 = '' OR person_id = :p2) ORDER BY created_at DESC, id",
         soci::use(person_id), soci::use(person_id));
    for (const auto& r : rows) out.push_back(ReadGrant(r));
    return out;
}

std::vector<ActiveGrant> ActiveGrants(db::Tx& tx, const std::string& person_id, long long now) {
    std::vector<ActiveGrant> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT DISTINCT company_id, source_key FROM exchange_grants WHERE person_id = :p AND "
                             "revoked_at IS NULL AND starts_at <= :n1 AND ends_at > :n2",
         soci::use(person_id), soci::use(now), soci::use(now));
    for (const auto& r : rows) out.push_back({GetString(r, 0), db::IsNull(r, 1) ? "" : GetString(r, 1)});
    return out;
}

void InsertSourcedGrant(db::Tx& tx, const Grant& g, const std::string& source_key) {
    InsertGrant(tx, g);
    tx.sql() << "UPDATE exchange_grants SET source_key = :s WHERE id = :id", soci::use(source_key), soci::use(g.id);
}

std::vector<std::string> RevokeSourcedGrants(db::Tx& tx, const std::string& source_key, long long at) {
    std::vector<std::string> ids;
    {
        soci::rowset<soci::row> rows =
            (tx.sql().prepare
                 << "SELECT id FROM exchange_grants WHERE source_key = :s AND revoked_at IS NULL ORDER BY id",
             soci::use(source_key));
        for (const auto& r : rows) ids.push_back(GetString(r, 0));
    }
    for (const auto& id : ids) RevokeGrant(tx, id, at);
    return ids;
}

void InsertIntroduction(db::Tx& tx, const Introduction& i) {
    long long created = ToUnix(i.created_at), updated = ToUnix(i.updated_at);
    std::string status(Text(i.status));
    tx.sql() << "INSERT INTO exchange_introductions (id, requester_id, owner_id, item_type, item_id, via_type, "
                "via_id, message, status, created_at, updated_at) VALUES (:id, :requester, :owner, :type, :item, "
                ":via_type, :via_id, :message, :status, :created, :updated)",
        soci::use(i.id), soci::use(i.requester_id), soci::use(i.owner_id), soci::use(i.item_type), soci::use(i.item_id),
        soci::use(i.via_type), soci::use(i.via_id), soci::use(i.message), soci::use(status), soci::use(created),
        soci::use(updated);
}

void UpdateIntroduction(db::Tx& tx, const Introduction& i) {
    std::string decided_by = i.decided_by.value_or("");
    soci::indicator by_ind = Ind(i.decided_by.has_value());
    long long decided = i.decided_at ? ToUnix(*i.decided_at) : 0, meeting = i.meeting_at ? ToUnix(*i.meeting_at) : 0,
              outcome_at = i.outcome_at ? ToUnix(*i.outcome_at) : 0, updated = ToUnix(i.updated_at);
    soci::indicator di = i.decided_at ? soci::i_ok : soci::i_null, mi = i.meeting_at ? soci::i_ok : soci::i_null,
                    oi = i.outcome_at ? soci::i_ok : soci::i_null;
    std::string project = i.project_id.value_or(""), booking = i.booking_id.value_or("");
    std::string status(Text(i.status)), outcome(i.outcome ? Text(*i.outcome) : "");
    soci::indicator pi = Ind(i.project_id.has_value()), bi = Ind(i.booking_id.has_value());
    tx.sql() << "UPDATE exchange_introductions SET status = :status, decided_by = :by, decided_at = :decided, "
                "meeting_at = :meeting, outcome = :outcome, outcome_note = :note, outcome_at = :outcome_at, "
                "updated_at = :updated, project_id = :project, booking_id = :booking WHERE id = :id",
        soci::use(status), soci::use(decided_by, by_ind), soci::use(decided, di), soci::use(meeting, mi),
        soci::use(outcome), soci::use(i.outcome_note), soci::use(outcome_at, oi), soci::use(updated),
        soci::use(project, pi), soci::use(booking, bi), soci::use(i.id);
}

std::optional<Introduction> FindIntroduction(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string("SELECT ") + kIntroductionColumns +
                                                            " FROM exchange_introductions WHERE id = :id",
                                    soci::use(id));
    for (const auto& r : rows) return ReadIntroduction(r);
    return std::nullopt;
}

std::vector<Introduction> ListIntroductions(db::Tx& tx, const std::string& person_id) {
    std::vector<Introduction> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare
             << std::string("SELECT ") + kIntroductionColumns +
                    " FROM exchange_introductions WHERE (:p1 = '' OR requester_id = :p2 OR owner_id = :p3) "
                    "ORDER BY updated_at DESC, id LIMIT 500",
         soci::use(person_id), soci::use(person_id), soci::use(person_id));
    for (const auto& r : rows) out.push_back(ReadIntroduction(r));
    return out;
}

std::optional<std::string> OpenIntroduction(db::Tx& tx, const std::string& requester, const std::string& item_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id FROM exchange_introductions WHERE requester_id = :r AND item_id = :i AND "
                             "status IN ('requested', 'accepted') AND outcome = ''",
         soci::use(requester), soci::use(item_id));
    for (const auto& r : rows) return GetString(r, 0);
    return std::nullopt;
}

void InsertSynonym(db::Tx& tx, const std::string& id, const std::string& concept_id,
                   const std::vector<std::string>& terms, const std::optional<std::string>& by, long long at) {
    std::string joined = JoinJson(terms), by_value = by.value_or("");
    soci::indicator by_ind = Ind(by.has_value());
    tx.sql() << "INSERT INTO exchange_synonyms (id, concept, terms, created_by, created_at) VALUES (:id, :c, :t, :by, "
                ":at)",
        soci::use(id), soci::use(concept_id), soci::use(joined), soci::use(by_value, by_ind), soci::use(at);
}

std::vector<Concept> ListSynonyms(db::Tx& tx) {
    std::vector<Concept> out;
    soci::rowset<soci::row> rows = tx.sql().prepare
                                   << "SELECT concept, terms FROM exchange_synonyms ORDER BY created_at, id";
    for (const auto& r : rows) out.push_back(Concept{GetString(r, 0), "", "", SplitJson(GetString(r, 1))});
    return out;
}

void InsertChange(db::Tx& tx, const std::string& kind, const std::string& item_id, long long at) {
    tx.sql() << "INSERT INTO exchange_changes (kind, item_id, at) VALUES (:k, :i, :at)", soci::use(kind),
        soci::use(item_id), soci::use(at);
}

std::vector<Change> ChangesAfter(db::Tx& tx, long long seq, int limit) {
    std::vector<Change> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT seq, kind, item_id, at FROM exchange_changes WHERE seq > :s ORDER BY seq LIMIT :l",
         soci::use(seq), soci::use(limit));
    for (const auto& r : rows) out.push_back(Change{GetInt(r, 0), GetString(r, 1), GetString(r, 2), GetInt(r, 3)});
    return out;
}

long long LastChange(db::Tx& tx) {
    long long seq = 0;
    soci::indicator ind = soci::i_ok;
    tx.sql() << "SELECT MAX(seq) FROM exchange_changes", soci::into(seq, ind);
    return ind == soci::i_ok ? seq : 0;
}

// ---- the office's judgments -------------------------------------------------------------------

namespace {

constexpr const char* kJudgmentColumns = "need_id, seed_id, relevant, judged_by, judged_at";

Judgment ReadJudgment(const soci::row& r) {
    Judgment j;
    j.need_id = GetString(r, 0);
    j.seed_id = GetString(r, 1);
    j.relevant = GetInt(r, 2) != 0;
    j.judged_by = GetString(r, 3);
    j.judged_at = FromUnix(GetInt(r, 4));
    return j;
}

std::vector<Judgment> JudgmentsWhere(db::Tx& tx, const char* column, const std::string& id) {
    std::vector<Judgment> out;
    tx.ForEachCached(std::string("SELECT ") + kJudgmentColumns + " FROM exchange_judgments WHERE " + column +
                         " = :id ORDER BY judged_at DESC, need_id, seed_id",
                     {id}, [&](const soci::row& r) { out.push_back(ReadJudgment(r)); });
    return out;
}

}  // namespace

void SaveJudgment(db::Tx& tx, const Judgment& j) {
    DeleteJudgment(tx, j.need_id, j.seed_id);
    int relevant = j.relevant ? 1 : 0;
    long long at = ToUnix(j.judged_at);
    tx.sql() << "INSERT INTO exchange_judgments (need_id, seed_id, relevant, judged_by, judged_at) "
                "VALUES (:n, :s, :r, :b, :a)",
        soci::use(j.need_id), soci::use(j.seed_id), soci::use(relevant), soci::use(j.judged_by), soci::use(at);
}

std::optional<Judgment> FindJudgment(db::Tx& tx, const std::string& need_id, const std::string& seed_id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kJudgmentColumns
                                                     << " FROM exchange_judgments WHERE need_id = :n AND seed_id = :s",
                                    soci::use(need_id), soci::use(seed_id));
    for (const auto& r : rows) return ReadJudgment(r);
    return std::nullopt;
}

void DeleteJudgment(db::Tx& tx, const std::string& need_id, const std::string& seed_id) {
    tx.sql() << "DELETE FROM exchange_judgments WHERE need_id = :n AND seed_id = :s", soci::use(need_id),
        soci::use(seed_id);
}

std::vector<Judgment> JudgmentsOfNeed(db::Tx& tx, const std::string& need_id) {
    return JudgmentsWhere(tx, "need_id", need_id);
}
std::vector<Judgment> JudgmentsOfSeed(db::Tx& tx, const std::string& seed_id) {
    return JudgmentsWhere(tx, "seed_id", seed_id);
}

std::vector<Judgment> AllJudgments(db::Tx& tx) {
    std::vector<Judgment> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT " << kJudgmentColumns << " FROM exchange_judgments ORDER BY need_id, seed_id");
    for (const auto& r : rows) out.push_back(ReadJudgment(r));
    return out;
}

std::vector<Introduction> DecidedIntroductions(db::Tx& tx) {
    std::vector<Introduction> out;
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string("SELECT ") + kIntroductionColumns +
                                                            " FROM exchange_introductions WHERE status <> 'requested' "
                                                            "ORDER BY id");
    for (const auto& r : rows) out.push_back(ReadIntroduction(r));
    return out;
}

void InsertRankModel(db::Tx& tx, const RankModelRow& m) {
    long long at = ToUnix(m.trained_at);
    int adopted = m.adopted ? 1 : 0;
    std::string by = m.trained_by.value_or("");
    soci::indicator by_ind = Ind(m.trained_by.has_value());
    tx.sql() << "INSERT INTO exchange_rank_models (id, trained_at, trained_by, adopted, model, summary) "
                "VALUES (:id, :at, :by, :adopted, :model, :summary)",
        soci::use(m.id), soci::use(at), soci::use(by, by_ind), soci::use(adopted), soci::use(m.model),
        soci::use(m.summary);
}

std::optional<RankModelRow> LatestRankModel(db::Tx& tx, bool adopted_only) {
    int only = adopted_only ? 1 : 0;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, trained_at, trained_by, adopted, model, summary FROM exchange_rank_models "
                             "WHERE (:only = 0 OR adopted = 1) ORDER BY trained_at DESC, id DESC LIMIT 1",
         soci::use(only));
    for (const auto& r : rows) {
        RankModelRow m;
        m.id = GetString(r, 0);
        m.trained_at = FromUnix(GetInt(r, 1));
        if (!db::IsNull(r, 2)) m.trained_by = GetString(r, 2);
        m.adopted = GetInt(r, 3) != 0;
        m.model = GetString(r, 4);
        m.summary = GetString(r, 5);
        return m;
    }
    return std::nullopt;
}

}  // namespace renkei::exchange::store
