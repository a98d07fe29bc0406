// What the ip module's service files share (service.cpp: inventions and filings; licensing.cpp:
// licences, revenue and rewards; publications.cpp: the publication guard). Not for other modules.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "modules/contracts/service.hpp"
#include "modules/ip/service.hpp"
#include "modules/projects/service.hpp"

namespace renkei::ip::detail {

inline constexpr const char* kSource = "ip";

// The office handles disclosures; admins run the system and see none (they are confidential).
inline bool IsOffice(const Me& me) { return me.HasRole("office"); }

// The projects of one request, read once.
class Projects {
  public:
    explicit Projects(db::Tx& tx) : tx_(tx) {}
    const projects::Project* Find(const std::string& id);
    db::Tx& tx() { return tx_; }

  private:
    db::Tx& tx_;
    std::map<std::string, std::optional<projects::Project>> by_id_;
};

// Inventors, the project's PI and the office see a disclosure; so does the partner company's lead
// on the project where the joint research agreement in force makes the company a co-owner of the
// inventions (ip_share_company above 0: a co-owner is told of them). Nobody else learns it exists.
bool Sees(const Me& me, const Invention& inv, Projects& projects);
// The invention if the caller sees it; kNotFound otherwise.
Invention LoadFor(db::Tx& tx, const Me& me, const std::string& id, Projects& projects);
// The project's joint research agreement (signed or in force first).
std::optional<contracts::Contract> AgreementOf(db::Tx& tx, const Me& me, const std::string& project_id, Seconds now);
// A date field: YYYY-MM-DD and not after `today` (kInvalid naming the field).
void CheckPastDate(const std::optional<std::string>& d, const char* field, const std::string& today);
// Deadlines due before this day (30 days ago) have lapsed: a right lost is no longer anyone's
// task, so they leave the inboxes and the invention's page (a past range of GET /api/ip/deadlines
// still lists them).
std::string LapsedBefore(Seconds now);
// The invention's page in the web UI.
std::string InventionPage(const std::string& id, const std::string& tab = "");

// A deadline's name in both languages (obligations.cpp).
struct KindLabel {
    DeadlineKind kind;
    const char *ja, *en;
};
const KindLabel& LabelOf(DeadlineKind k);

// The invention's open deadlines in the inboxes of its inventors and of the office, from 90 days
// before each is due; items of deadlines met (or no longer applying) are resolved. Returns how
// many items are open for it.
int SyncDeadlines(db::Tx& tx, const Invention& inv, Seconds now);
// Rewards due under the rules for what happened to `inv` so far (first filing, registration);
// each is added once. Revenue rewards are added when revenue is recorded.
void GrantRewards(db::Tx& tx, const Invention& inv, Seconds now);
// Clears the publications guarded by `inv` that its filings now precede (every related invention
// filed before the day).
void ClearFiledPublications(db::Tx& tx, const Invention& inv, Seconds now);

}  // namespace renkei::ip::detail
