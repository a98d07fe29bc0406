#include "modules/kpi/store.hpp"

#include <functional>

#include "platform/db/row.hpp"

namespace renkei::kpi::store {
namespace {

using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::IsNull;

void Each(db::Tx& tx, const std::string& sql, const std::function<void(const soci::row&)>& each) {
    soci::rowset<soci::row> rows = tx.sql().prepare << sql;
    for (const auto& r : rows) each(r);
}

Seconds At(const soci::row& r, size_t column) { return FromUnix(GetInt(r, column)); }
std::optional<Seconds> OptAt(const soci::row& r, size_t column) {
    return IsNull(r, column) ? std::nullopt : std::optional<Seconds>(At(r, column));
}

}  // namespace

Facts LoadFacts(db::Tx& tx) {
    Facts f;
    Each(tx, "SELECT id, parent_id, kind FROM organisations", [&](const soci::row& r) {
        f.organisation_parent[GetString(r, 0)] = GetOptionalString(r, 1).value_or("");
        f.organisation_kind[GetString(r, 0)] = GetString(r, 2);
    });
    Each(tx, "SELECT id, organisation_id FROM people WHERE organisation_id IS NOT NULL",
         [&](const soci::row& r) { f.person_organisation[GetString(r, 0)] = GetString(r, 1); });
    Each(tx, "SELECT person_id, role FROM person_roles WHERE role IN ('office', 'clinician')", [&](const soci::row& r) {
        (GetString(r, 1) == "office" ? f.office_people : f.clinicians).insert(GetString(r, 0));
    });
    Each(tx,
         "SELECT id, area, organisation_id, author_id, created_at FROM exchange_needs WHERE status <> 'draft' "
         "ORDER BY created_at, id",
         [&](const soci::row& r) {
             f.needs.push_back(
                 {GetString(r, 0), GetString(r, 1), GetOptionalString(r, 2).value_or(""), GetString(r, 3), At(r, 4)});
         });
    Each(tx, "SELECT id, author_id, company_id, created_at FROM exchange_seeds WHERE status <> 'draft'",
         [&](const soci::row& r) {
             f.seeds.push_back({GetString(r, 0), GetString(r, 1), GetOptionalString(r, 2), At(r, 3)});
         });
    Each(tx,
         "SELECT i.id, i.item_type, i.item_id, i.via_type, i.via_id, i.requester_id, i.owner_id, i.project_id, "
         "i.created_at, i.decided_at, rq.organisation_id, ow.organisation_id FROM exchange_introductions i "
         "LEFT JOIN people rq ON rq.id = i.requester_id LEFT JOIN people ow ON ow.id = i.owner_id "
         "WHERE i.status = 'accepted' AND i.decided_at IS NOT NULL ORDER BY i.decided_at, i.id",
         [&](const soci::row& r) {
             IntroductionFact i{GetString(r, 0),         GetString(r, 1), GetString(r, 2), GetString(r, 3),
                                GetString(r, 4),         GetString(r, 5), GetString(r, 6), {},
                                GetOptionalString(r, 7), At(r, 8),        At(r, 9)};
             for (size_t c : {size_t{10}, size_t{11}})
                 if (auto o = GetOptionalString(r, c)) i.organisations.push_back(*o);
             f.introductions.push_back(std::move(i));
         });
    std::map<std::string, size_t> contract_at;
    Each(tx, "SELECT id, type, project_id, created_by, created_at FROM contracts ORDER BY created_at, id",
         [&](const soci::row& r) {
             contract_at[GetString(r, 0)] = f.contracts.size();
             f.contracts.push_back({GetString(r, 0),
                                    GetString(r, 1),
                                    GetOptionalString(r, 2),
                                    GetOptionalString(r, 3),
                                    At(r, 4),
                                    std::nullopt,
                                    {},
                                    {},
                                    {}});
         });
    auto contract = [&](const std::string& id) -> ContractFact* {
        auto it = contract_at.find(id);
        return it == contract_at.end() ? nullptr : &f.contracts[it->second];
    };
    Each(tx, "SELECT contract_id, to_status, at FROM contract_status_history ORDER BY contract_id, seq",
         [&](const soci::row& r) {
             ContractFact* c = contract(GetString(r, 0));
             if (!c) return;
             Seconds at = At(r, 2);
             c->changes.push_back(at);
             std::string to = GetString(r, 1);
             if ((to == "signed" || to == "active") && (!c->in_force_at || at < *c->in_force_at)) c->in_force_at = at;
         });
    Each(tx, "SELECT contract_id, organisation_id FROM contract_parties ORDER BY contract_id, position",
         [&](const soci::row& r) {
             if (ContractFact* c = contract(GetString(r, 0))) c->parties.push_back(GetString(r, 1));
         });
    Each(tx, "SELECT contract_id, person_id FROM contract_covered_people", [&](const soci::row& r) {
        if (ContractFact* c = contract(GetString(r, 0))) c->covered.push_back(GetString(r, 1));
    });

    std::map<std::string, size_t> project_at;
    Each(tx, "SELECT id, area_code, active_since FROM projects ORDER BY created_at, id", [&](const soci::row& r) {
        project_at[GetString(r, 0)] = f.projects.size();
        f.projects.push_back({GetString(r, 0), GetOptionalString(r, 1).value_or(""), OptAt(r, 2), {}, {}, {}});
    });
    auto project = [&](const std::string& id) -> ProjectFact* {
        auto it = project_at.find(id);
        return it == project_at.end() ? nullptr : &f.projects[it->second];
    };
    Each(tx, "SELECT project_id, organisation_id FROM project_organisations", [&](const soci::row& r) {
        if (ProjectFact* p = project(GetString(r, 0))) p->organisations.push_back(GetString(r, 1));
    });
    Each(tx,
         "SELECT m.project_id, m.person_id, COALESCE(m.organisation_id, p.organisation_id), m.added_at "
         "FROM project_members m LEFT JOIN people p ON p.id = m.person_id",
         [&](const soci::row& r) {
             ProjectFact* p = project(GetString(r, 0));
             if (!p) return;
             p->members.push_back(GetString(r, 1));
             if (auto o = GetOptionalString(r, 2)) p->organisations.push_back(*o);
             f.members_added.push_back({GetString(r, 0), GetString(r, 1), At(r, 3)});
         });
    Each(tx, "SELECT project_id, target_id FROM project_links WHERE kind = 'need'", [&](const soci::row& r) {
        if (ProjectFact* p = project(GetString(r, 0))) p->need_links.push_back(GetString(r, 1));
    });
    Each(tx, "SELECT project_id, to_stage, at FROM project_stage_history ORDER BY at, id", [&](const soci::row& r) {
        f.stages.push_back({GetString(r, 0), GetString(r, 1), At(r, 2)});
    });
    Each(tx, "SELECT id, project_id, created_by, created_at FROM ip_inventions ORDER BY created_at, id",
         [&](const soci::row& r) {
             f.inventions.push_back({GetString(r, 0), GetString(r, 1), GetOptionalString(r, 2), At(r, 3)});
         });
    Each(tx, "SELECT id, project_id, launched_on FROM project_products ORDER BY id", [&](const soci::row& r) {
        f.products.push_back({GetString(r, 0), GetString(r, 1), GetOptionalString(r, 2)});
    });

    std::map<std::string, size_t> protocol_at;
    Each(tx, "SELECT id, created_by, created_at FROM ethics_protocols ORDER BY created_at, id",
         [&](const soci::row& r) {
             protocol_at[GetString(r, 0)] = f.ethics.size();
             f.ethics.push_back({GetString(r, 0), GetOptionalString(r, 1), At(r, 2), std::nullopt, std::nullopt});
         });
    Each(tx,
         "SELECT protocol_id, to_status, on_date FROM ethics_transitions WHERE to_status IN ('submitted', 'approved') "
         "ORDER BY protocol_id, seq",
         [&](const soci::row& r) {
             auto it = protocol_at.find(GetString(r, 0));
             if (it == protocol_at.end()) return;
             EthicsFact& e = f.ethics[it->second];
             auto& slot = GetString(r, 1) == "submitted" ? e.submitted_on : e.approved_on;
             if (!slot) slot = GetString(r, 2);
         });
    Each(tx, "SELECT id, person_id, created_at FROM coi_cases", [&](const soci::row& r) {
        f.coi_cases.push_back({GetString(r, 0), GetString(r, 1), At(r, 2)});
    });
    return f;
}

}  // namespace renkei::kpi::store
