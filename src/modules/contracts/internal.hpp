// Helpers shared by the contracts module's own .cpp files (not for other modules): who may see
// a contract, organisations and people by id, the status workflow's side effects.
#pragma once
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modules/contracts/service.hpp"
#include "modules/people/service.hpp"

namespace renkei::contracts {

bool IsOffice(const Me& me);  // office or admin
bool SeesAll(const Me& me);   // office, admin or committee
Actor ActorOf(const Me& me, const Contract& c);

// Organisations by id, loaded once per request.
class Orgs {
  public:
    explicit Orgs(db::Tx& tx);
    const people::Organisation* Find(const std::string& id) const;  // nullptr when unknown
    // The organisation and its ancestors, nearest first.
    std::vector<std::string> Chain(const std::optional<std::string>& id) const;
    // The nearest company in the chain, if any.
    std::optional<std::string> CompanyOf(const std::optional<std::string>& id) const;
    // Whose confidential material the organisation's people hold: its company, or else the top of
    // its tree (the university, the hospital).
    std::optional<std::string> EntityOf(const std::optional<std::string>& id) const;

  private:
    std::map<std::string, people::Organisation> by_id_;
};

// The person's Japanese (or English, when asked and known) name; "" for none or an unknown id.
std::string PersonName(db::Tx& tx, const std::optional<std::string>& id, bool english = false);
// nullopt for no id; an unknown id keeps its id with blank names.
std::optional<PersonRef> PersonRefOf(db::Tx& tx, const std::optional<std::string>& id);

// The contract, kNotFound when there is none.
Contract Load(db::Tx& tx, const std::string& id);
// The contract with its parties' organisations; kNotFound when the caller may not see it.
Contract LoadFor(db::Tx& tx, const Me& me, const std::string& id, const Orgs& orgs);
void FillParties(Contract& c, const Orgs& orgs);
std::string SearchKeyOf(const Contract& c);
// What the audit log keeps of a contract.
boost::json::value Snapshot(const Contract& c);

// The people an NDA covers, each paired with every party's organisation (its company, or the top of
// its tree: the university, the hospital) they do not belong to.
std::vector<std::pair<std::string, std::string>> CoveredPairs(db::Tx& tx, const Contract& c, const Orgs& orgs);

// workflow.cpp: a status change with its history, timestamps, grants, reminders and audit.
void Apply(db::Tx& tx, const std::optional<std::string>& actor, Contract& c, Status to, const std::string& note,
           const Orgs& orgs, Seconds at);
// The named signatories who are Renkei people, each once, in party order.
std::vector<std::string> SignatoryPeople(const Contract& c);
// Asks an active signatory to sign the approved contract (inbox, idempotent).
void AskToSign(db::Tx& tx, const Contract& c, const std::string& person_id, Seconds at);
// Closes the signatories' sign requests with `state` (done or cancelled).
void CloseSignRequests(db::Tx& tx, const Contract& c, const std::vector<std::string>& people,
                       const std::optional<std::string>& actor, const std::string& state, Seconds at);
// A renamed contract's open inbox items say the new title.
void RewordItems(db::Tx& tx, const Contract& c, const std::optional<std::string>& actor);

}  // namespace renkei::contracts
