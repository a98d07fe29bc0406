// Helpers shared by the projects module's own .cpp files (not for other modules).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/projects/service.hpp"

namespace renkei::projects {

std::map<std::string, RequirementCheck>& RequirementChecks();
Relation RelationOf(const Project& p, const Me& me);
GateFacts FactsFor(db::Tx& tx, const Project& p, const std::string& today);
std::vector<ChecklistItem> ChecklistFor(db::Tx& tx, const Project& p, const std::string& to_stage,
                                        std::optional<Gate>* gate_out, Seconds now);

// Names of people through the people service, each looked up once per request. A list loads
// everyone it names first (Load: one query), so rendering it asks nothing per item.
class NameBook {
  public:
    explicit NameBook(db::Tx& tx) : tx_(tx) {}
    void Load(const std::vector<std::string>& ids);
    // Every person a project names (proposer, decider, members), for Load.
    void Load(const std::vector<Project>& projects);
    PersonRef Get(const std::string& id);  // empty names for someone who is not there
    void Fill(PersonRef& p);

  private:
    db::Tx& tx_;
    std::map<std::string, PersonRef> cache_;
};

}  // namespace renkei::projects
