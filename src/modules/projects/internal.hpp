// Helpers shared by the projects module's own .cpp files (not for other modules).
#pragma once
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::projects {

// The inbox items and notifications of this module carry this source.
inline constexpr const char* kSource = "projects";

// ---- gates.cpp ----
std::map<std::string, RequirementCheck>& RequirementChecks();
// What the gate rules know of `p` on the day of `now`; the registered checks are asked with `now`.
GateFacts FactsFor(db::Tx& tx, const Project& p, Seconds now);
// The checklist of the gate into `to_stage` (empty when no gate is configured; the gate in *gate_out).
// The registered standing blockers (gates.cpp).
std::vector<StandingBlocker>& StandingBlockers();
// The chain steps other modules registered, by order.
std::vector<ChainStep>& ChainSteps();
std::vector<ChecklistItem> ChecklistFor(db::Tx& tx, const Project& p, Stage to_stage, std::optional<Gate>* gate_out,
                                        Seconds now);

// ---- work.cpp ----
// Asks the company lead for the next progress report, due one period after `from` (YYYY-MM-DD).
void PostReportDue(db::Tx& tx, const Project& p, const std::string& from, Seconds now);

// ---- service.cpp ----
Relation RelationOf(const Project& p, const Me& me);
// The stored project; kNotFound for an unknown id.
Project Load(db::Tx& tx, const std::string& id);
// The project for someone who needs the full view; kNotFound for those who may not know it
// exists, kForbidden for those who see only its summary.
Project LoadFull(db::Tx& tx, const Me& me, const std::string& id);

// Names of people through the people service (people::NameBook), each looked up once per
// request. A list loads everyone it names first (Load: one query), so rendering it asks nothing
// per item.
class NameBook {
  public:
    explicit NameBook(db::Tx& tx) : book_(tx) {}
    void Load(const std::vector<std::string>& ids) { book_.Load(ids); }
    // Every person a project names (proposer, decider, members), for Load.
    void Load(const std::vector<Project>& projects);
    PersonRef Get(const std::string& id);  // empty names for someone who is not there
    void Fill(PersonRef& p);

  private:
    people::NameBook book_;
};

// The names of a project's proposer, decider and members; of its organisations.
void FillNames(NameBook& names, Project& p);
void FillOrganisationNames(db::Tx& tx, Project& p);

// kForbidden unless the PI, the company lead or the office; kConflict unless the project is active.
void RequireSteer(const Project& p, const Me& me);
void RequireActive(const Project& p);
// The project as the audit log records it; its key for search.
boost::json::value Snapshot(const Project& p);
std::string SearchKeyOf(const Project& p);
// The project's page in the web app (for inbox items).
std::string PageOf(const std::string& project_id);
// Trimmed text of at most `max` characters; kInvalid naming the field.
std::string CheckText(const std::string& field, const std::string& value, size_t max, bool required, bool multiline);
// Ids of the active people with a role.
std::vector<std::string> PeopleWithRole(db::Tx& tx, const std::string& role);

// Why the project is for the steering committee to decide as a body (it is on an open agenda), or
// nullopt (service.cpp: the checks registered by RegisterAgendaCheck).
std::optional<std::string> OnAgenda(db::Tx& tx, const std::string& project_id);

}  // namespace renkei::projects
