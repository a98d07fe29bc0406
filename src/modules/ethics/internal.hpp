// Helpers shared by the ethics module's own .cpp files (not for other modules): who may see and
// do what with a protocol, the protocol with its project and committee.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/ethics/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::ethics {

inline constexpr const char* kSource = "ethics";

bool IsOffice(const Me& me);  // office or admin

// What the caller is to one protocol.
struct Relation {
    bool office = false, sees_all = false, member = false, investigator = false, reviewer = false;
    bool Sees() const { return office || sees_all || member || reviewer; }
};

// What one request reads once: the committees, the rules, projects and names as needed.
class Context {
  public:
    Context(db::Tx& tx, const Me& me);
    db::Tx& tx() { return tx_; }
    const Me& me() const { return me_; }
    const Committee* FindCommittee(const std::string& id) const;  // nullptr when unknown
    const std::vector<Committee>& committees() const { return committees_; }
    const std::vector<Rule>& rules();
    const projects::Project* Project(const std::string& id);  // nullptr when unknown
    Relation RelationTo(const Protocol& p);
    people::NameBook& names() { return names_; }
    PersonRef Ref(const std::string& id);
    // Fills the PI's and sub-investigators' names.
    void Name(Protocol& p);

  private:
    db::Tx& tx_;
    const Me& me_;
    std::vector<Committee> committees_;
    std::optional<std::vector<Rule>> rules_;
    std::map<std::string, std::optional<projects::Project>> projects_;
    people::NameBook names_;
};

// The protocol with its history; kNotFound when there is none or the caller may not see it.
Protocol LoadFor(Context& ctx, const std::string& id, Relation* relation = nullptr);
// The same for a change on the investigators' side (the PI side or the office): kForbidden, saying
// that only they may `what`, for whoever else sees it.
Protocol LoadForInvestigators(Context& ctx, const std::string& id, const std::string& what);
// The view of a loaded protocol (deadlines up to a year ahead of `now`).
ProtocolView ViewOf(Context& ctx, Protocol p, Seconds now);

// The side the caller acts on for `r` (office first; an investigator never reviews their own
// protocol); nullopt when they may do nothing.
std::optional<Side> SideOf(const Relation& r);

// Keeps the PI's inbox in step with the protocol's deadlines (next 90 days and overdue).
int SyncInbox(db::Tx& tx, Context& ctx, const Protocol& p, Seconds now);

}  // namespace renkei::ethics
