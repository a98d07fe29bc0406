// Who sees what: the viewer's companies, and the office's confidentiality grants (made by hand or
// by agreements of other modules) that open a company's confidential material to a person.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/exchange/internal.hpp"
#include "modules/exchange/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::exchange {

// The company an organisation belongs to: itself or its nearest company ancestor.
std::optional<std::string> CompanyOf(db::Tx& tx, const std::optional<std::string>& organisation_id) {
    if (!organisation_id) return std::nullopt;
    std::map<std::string, people::Organisation> orgs;
    for (auto& o : people::ListOrganisations(tx, -1)) orgs.emplace(o.id, o);
    std::optional<std::string> at = organisation_id;
    for (int depth = 0; at && depth < 32; ++depth) {
        auto it = orgs.find(*at);
        if (it == orgs.end()) return std::nullopt;
        if (it->second.kind == "company") return it->second.id;
        at = it->second.parent_id;
    }
    return std::nullopt;
}

std::optional<std::string> EntityOf(db::Tx& tx, const std::optional<std::string>& organisation_id) {
    if (!organisation_id) return std::nullopt;
    std::map<std::string, people::Organisation> orgs;
    for (auto& o : people::ListOrganisations(tx, -1)) orgs.emplace(o.id, o);
    std::optional<std::string> at = organisation_id, top;
    for (int depth = 0; at && depth < 32; ++depth) {
        auto it = orgs.find(*at);
        if (it == orgs.end()) break;
        if (it->second.kind == "company") return it->second.id;
        top = it->second.id;
        at = it->second.parent_id;
    }
    return top;
}

Viewer ViewerOf(db::Tx& tx, const auth::Principal& me, Seconds now) {
    Viewer v;
    v.person_id = me.person_id;
    v.office = IsOfficeStaff(me);
    if (auto person = people::FindPerson(tx, me.person_id))
        if (auto c = EntityOf(tx, person->organisation_id)) v.companies.insert(*c);
    auto grants = store::ActiveGrants(tx, me.person_id, ToUnix(now));
    if (grants.empty()) return v;
    std::set<std::string> companies;
    for (const auto& o : people::ListOrganisations(tx, -1))
        if (o.kind == "company") companies.insert(o.id);
    const std::string contract = "contract:";
    for (const auto& g : grants) {
        // A company's grant opens its confidential material; a university's or a hospital's opens
        // only the items the agreement was asked for from (each clinician's need is their own).
        if (companies.count(g.company_id)) {
            v.companies.insert(g.company_id);
        } else if (g.source_key.rfind(contract, 0) == 0) {
            for (const auto& d : store::DisclosureRequestsOfContract(tx, g.source_key.substr(contract.size())))
                v.items.insert(d.item_type + ":" + d.item_id);
        }
    }
    return v;
}

// ---- grants -------------------------------------------------------------------------------------------

namespace {

// A new grant, made by hand or by an agreement: `person_id` sees `company_id`'s confidential
// material from `starts_at` to `ends_at`.
Grant NewGrant(const std::string& person_id, const std::string& company_id, Seconds starts_at, Seconds ends_at,
               std::string note, const std::optional<std::string>& created_by, Seconds now) {
    Grant g;
    g.id = NewId();
    g.person_id = person_id;
    g.company_id = company_id;
    g.starts_at = starts_at;
    g.ends_at = ends_at;
    g.note = std::move(note);
    g.created_by = created_by;
    g.created_at = now;
    g.active = g.ActiveAt(now);
    return g;
}

}  // namespace

Grant CreateGrant(db::Tx& tx, const auth::Principal& me, const std::string& person_id, const std::string& company_id,
                  Seconds starts_at, Seconds ends_at, const std::string& note, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office records confidentiality agreements");
    if (!people::FindPerson(tx, person_id)) throw Invalid("person_id", "no such person");
    bool company = false;
    for (const auto& o : people::ListOrganisations(tx, -1))
        if (o.id == company_id && o.kind == "company") company = true;
    if (!company) throw Invalid("company_id", "not a company");
    if (ends_at <= starts_at) throw Invalid("ends_at", "the term must end after it starts");
    RequireText(note, "note", 500, false);
    Grant g = NewGrant(person_id, company_id, starts_at, ends_at, Trim(note), me.person_id, now);
    store::InsertGrant(tx, g);
    audit::Record(tx, me.person_id, "create", "confidentiality_grant", g.id, nullptr, boost::json::value_from(g));
    return g;
}

std::vector<Grant> SetAgreementGrants(db::Tx& tx, const std::optional<std::string>& actor,
                                      const std::string& source_key,
                                      const std::vector<std::pair<std::string, std::string>>& person_company,
                                      Seconds starts_at, Seconds ends_at, const std::string& note, Seconds now) {
    EndAgreementGrants(tx, actor, source_key, now);
    std::set<std::string> companies;  // a company, or the top of a tree (a university, a hospital)
    for (const auto& o : people::ListOrganisations(tx, -1))
        if (o.kind == "company" || !o.parent_id) companies.insert(o.id);
    std::vector<Grant> out;
    std::set<std::pair<std::string, std::string>> done;
    for (const auto& [person, company] : person_company) {
        if (!companies.count(company) || !done.insert({person, company}).second || ends_at <= starts_at) continue;
        Grant g = NewGrant(person, company, starts_at, ends_at, note.substr(0, 500), actor, now);
        store::InsertSourcedGrant(tx, g, source_key);
        boost::json::value after = boost::json::value_from(g);
        after.as_object()["source_key"] = source_key;
        audit::Record(tx, actor, "create", "confidentiality_grant", g.id, nullptr, after);
        out.push_back(std::move(g));
    }
    NotifyDetailsOpen(tx, source_key, out, now);
    return out;
}

int EndAgreementGrants(db::Tx& tx, const std::optional<std::string>& actor, const std::string& source_key, Seconds at) {
    auto ids = store::RevokeSourcedGrants(tx, source_key, ToUnix(at));
    for (const auto& id : ids)
        audit::Record(tx, actor, "revoke", "confidentiality_grant", id, nullptr,
                      boost::json::object{{"source_key", source_key}, {"revoked_at", FormatUtc(at)}});
    return static_cast<int>(ids.size());
}

Grant RevokeGrant(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office records confidentiality agreements");
    auto g = store::FindGrant(tx, id);
    if (!g) throw NotFound("grant");
    if (g->revoked_at) throw Error{ErrorCode::kConflict, "", "the grant is already revoked"};
    g->active = g->ActiveAt(now);
    Grant before = *g;
    g->revoked_at = now;
    g->active = false;
    store::RevokeGrant(tx, id, ToUnix(*g->revoked_at));
    audit::Record(tx, me.person_id, "revoke", "confidentiality_grant", id, boost::json::value_from(before),
                  boost::json::value_from(*g));
    return *g;
}

std::vector<Grant> ListGrants(db::Tx& tx, const auth::Principal& me, const std::string& person_id, Seconds now) {
    if (!IsOffice(me) && !person_id.empty() && person_id != me.person_id)
        throw Forbidden("only the office sees others' agreements");
    auto grants = store::ListGrants(tx, IsOffice(me) ? person_id : me.person_id);
    for (auto& g : grants) g.active = g.ActiveAt(now);
    return grants;
}

}  // namespace renkei::exchange
