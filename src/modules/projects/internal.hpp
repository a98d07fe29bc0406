// Helpers shared by the projects module's own .cpp files (not for other modules).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/projects/service.hpp"

namespace renkei::projects {

std::map<std::string, RequirementCheck>& RequirementChecks();
std::string Today();
Relation RelationOf(const Project& p, const Me& me);
GateFacts FactsFor(db::Tx& tx, const Project& p, const std::string& today);
std::vector<ChecklistItem> ChecklistFor(db::Tx& tx, const Project& p, const std::string& to_stage,
                                        std::optional<Gate>* gate_out);

// Names of people, looked up once per request through the people service.
class NameBook {
public:
    explicit NameBook(db::Tx& tx) : tx_(tx) {}
    PersonRef Get(const std::string& id);
    void Fill(PersonRef& p);

private:
    db::Tx& tx_;
    std::map<std::string, PersonRef> cache_;
};

}  // namespace renkei::projects
