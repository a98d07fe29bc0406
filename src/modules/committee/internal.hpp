// Helpers shared by the committee's own .cpp files (not for other modules).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modules/committee/service.hpp"
#include "modules/committee/store.hpp"
#include "modules/people/service.hpp"

namespace renkei::committee {

inline constexpr const char* kSource = "committee";

inline bool IsOffice(const Me& me) { return me.HasRole("office"); }
inline bool MayRead(const Me& me) { return me.HasAnyRole({"office", "committee", "admin"}); }
void RequireRead(const Me& me);
void RequireOffice(const Me& me);

// The members in term on `date` (YYYY-MM-DD), in side then name order, names filled.
std::vector<Member> MembersOn(db::Tx& tx, const std::string& date);
// The meeting; kNotFound for an unknown id.
Meeting LoadMeeting(db::Tx& tx, const std::string& id);
// Why a project or an open call's selection is for the committee to decide as a body (it is on an
// open agenda or put in writing), or nullopt: the check projects and the open call consult before
// one member decides alone.
std::optional<std::string> OnOpenAgenda(db::Tx& tx, const std::string& subject_id);
// Views of items in one go (the facts each needs are read once).
std::vector<ItemView> ViewItems(db::Tx& tx, const Me& me, const std::vector<Item>& items,
                                const std::optional<Meeting>& meeting, Seconds now);

// Organisations and their company groups (a company's topmost company), read once per request.
class Orgs {
  public:
    explicit Orgs(db::Tx& tx);
    // The company group an organisation belongs to; "" when it is no company's.
    std::string GroupOf(const std::optional<std::string>& org);
    std::string NameJa(const std::string& id) const;
    std::string NameEn(const std::string& id) const;
    std::pair<std::string, std::string> Names(const std::optional<std::string>& id) const;

  private:
    db::Tx& tx_;
    std::map<std::string, people::Organisation> by_id_;
    std::map<std::string, std::string> groups_;
};
std::optional<std::string> OrganisationOf(db::Tx& tx, const std::string& person_id);

// An item's subject as the recusal rules read it, with what each reason is about.
struct Subject {
    SubjectFacts facts;
    std::map<std::string, std::string> roles;  // person → role on the project ("applicant" …)
};

// A kind of matter another module puts before the committee, and how the committee reaches that
// module: what awaits a decision, where it is shown, who is involved (for recusals), taking it
// onto an agenda, and applying the decision (in the request's transaction; office only).
struct Source {
    ItemKind kind;
    std::vector<Pending> (*pending)(db::Tx& tx);  // awaiting the committee, agendas not yet considered
    std::string (*link)(db::Tx& tx, const std::string& subject_id);
    void (*involved)(db::Tx& tx, Orgs& orgs, const std::string& subject_id, Subject& out);
    void (*take_up)(db::Tx& tx, const std::string& subject_id, Seconds now);
    void (*decide)(db::Tx& tx, const Me& office, const std::string& subject_id, bool approved,
                   const std::string& reason, Seconds now);
};
const std::vector<Source>& Sources();
const Source* SourceOf(ItemKind kind);  // nullptr for the office's own items (kOther)

}  // namespace renkei::committee
