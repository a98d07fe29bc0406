// The steering committee as a body (issue 18, docs/committee.md): members with their side and
// term, the rules of quorum and majority, meetings whose agenda gathers itself from what awaits a
// decision, automatic and declared recusals, votes in the meeting or in writing (書面決議), and
// decisions that take effect in the same transaction (a proposal becomes an active project, an
// open call's selection is funded), with minutes as .docx.
//
// Who: the office runs meetings and records; committee members see everything here, vote and
// declare recusals; admins read. Everyone else is refused (kForbidden).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/committee/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/time.hpp"

namespace renkei::committee {

using Me = auth::Principal;

struct PersonRef {
    std::string id, name_ja, name_en;
};

// ---- members and rules ----
struct Member {
    PersonRef person;
    Side side = Side::kUniversity;
    std::string term_from;               // YYYY-MM-DD
    std::optional<std::string> term_to;  // nullopt: open-ended
    std::string organisation_ja, organisation_en;
    bool in_term = false;  // on the day asked about
};
struct MemberInput {
    std::string person_id;
    std::string side;  // "university" | "company"
    std::string term_from;
    std::optional<std::string> term_to;
};
// Office, committee and admin. In side then name order.
std::vector<Member> ListMembers(db::Tx& tx, const Me& me, Seconds now);
// Office and admin: adds or replaces a member (the person must be active and have the committee
// role). kInvalid naming person_id, side, term_from or term_to.
Member PutMember(db::Tx& tx, const Me& me, const MemberInput& in, Seconds now);
void RemoveMember(db::Tx& tx, const Me& me, const std::string& person_id, Seconds now);

Rules GetRules(db::Tx& tx, const Me& me);
// Office and admin.
Rules SetRules(db::Tx& tx, const Me& me, const Rules& rules, Seconds now);

// ---- meetings ----
enum class MeetingKind { kRegular, kExtraordinary };
inline constexpr std::array<EnumText<MeetingKind>, 2> kMeetingKindTexts{
    {{MeetingKind::kRegular, "regular"}, {MeetingKind::kExtraordinary, "extraordinary"}}};
constexpr const auto& TextsOf(MeetingKind) { return kMeetingKindTexts; }

// planned → sent (agenda sent to the members) → closed (minutes approved; nothing changes after).
enum class MeetingStatus { kPlanned, kSent, kClosed };
inline constexpr std::array<EnumText<MeetingStatus>, 3> kMeetingStatusTexts{
    {{MeetingStatus::kPlanned, "planned"}, {MeetingStatus::kSent, "sent"}, {MeetingStatus::kClosed, "closed"}}};
constexpr const auto& TextsOf(MeetingStatus) { return kMeetingStatusTexts; }

// What an agenda item is about: a matter another module puts before the committee (a project
// proposal, a stage gate the committee approves — its subject is the stage request —, an open call's
// selection, a change of a project's budget, an approval chain (稟議, modules/approvals) whose current
// step is the committee's — its subject is the chain), or the office's own item.
enum class ItemKind { kProjectProposal, kStageGate, kOpenCallSelection, kBudgetChange, kApproval, kOther };
inline constexpr std::array<EnumText<ItemKind>, 6> kItemKindTexts{{{ItemKind::kProjectProposal, "project_proposal"},
                                                                   {ItemKind::kStageGate, "stage_gate"},
                                                                   {ItemKind::kOpenCallSelection, "opencall_selection"},
                                                                   {ItemKind::kBudgetChange, "budget_change"},
                                                                   {ItemKind::kApproval, "approval"},
                                                                   {ItemKind::kOther, "other"}}};
constexpr const auto& TextsOf(ItemKind) { return kItemKindTexts; }

enum class Decision { kApproved, kRejected };
inline constexpr std::array<EnumText<Decision>, 2> kDecisionTexts{
    {{Decision::kApproved, "approved"}, {Decision::kRejected, "rejected"}}};
constexpr const auto& TextsOf(Decision) { return kDecisionTexts; }

struct Meeting {
    std::string id;
    MeetingKind kind = MeetingKind::kRegular;
    std::string title_ja, title_en;
    Seconds starts_at, ends_at;
    std::optional<std::string> space_id, booking_id;
    std::string space_name_ja, space_name_en;
    MeetingStatus status = MeetingStatus::kPlanned;
    std::optional<Seconds> sent_at, closed_at;
    std::optional<PersonRef> closed_by;
    std::string created_by;
    Seconds created_at, updated_at;
    int items = 0, open_items = 0;  // in lists
};

struct Recusal {
    PersonRef person;
    RecusalReason reason = RecusalReason::kDeclared;
    std::string detail;     // a declared recusal's reason, or what the automatic one is about
    std::string detail_en;  // the same in English where it differs (a company's English name)
};
struct CastVote {
    PersonRef person;
    Vote vote = Vote::kFor;
    Seconds cast_at;
    std::string recorded_by;
};
struct Item {
    std::string id;
    std::optional<std::string> meeting_id;  // nullopt: a written resolution
    int position = 0;
    ItemKind kind = ItemKind::kOther;
    std::optional<std::string> subject_id;
    std::string title_ja, title_en, note;
    std::optional<Seconds> vote_deadline;  // written resolutions
    std::optional<Decision> decision;
    std::string decision_note;
    std::optional<PersonRef> decided_by;
    std::optional<Seconds> decided_at;
    std::optional<Tally> tally;  // the count at the decision
    std::string created_by;
    Seconds created_at;
};
struct ItemView {
    Item item;
    std::string link;  // the subject's page in the UI ("" for other)
    std::vector<Recusal> recusals;
    std::vector<CastVote> votes;
    Tally tally;  // as it stands (a decided item: as it stood at the decision)
    bool may_vote = false, may_recuse = false, may_decide = false;
    std::optional<Vote> my_vote;
};
struct Attendance {
    PersonRef person;
    Side side = Side::kUniversity;
    bool present = false;
};
struct MeetingView {
    Meeting meeting;
    std::vector<Attendance> attendance;  // the members in term on the meeting's day
    std::vector<ItemView> items;
    Rules rules;
    bool may_manage = false;
};
// Office, committee and admin; newest first.
std::vector<Meeting> ListMeetings(db::Tx& tx, const Me& me, Seconds now);
MeetingView GetMeeting(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

struct NewMeeting {
    std::string kind = "regular", title_ja, title_en;
    Seconds starts_at, ends_at;
    std::optional<std::string> space_id;  // a room booked for the members through the building module
};
// The office. The agenda gathers at once every matter awaiting the committee that is not on
// another open agenda (project proposals, open-call selections, approval chains at the
// committee's step). kInvalid naming the field;
// kConflict (field start) when the room is taken.
MeetingView CreateMeeting(db::Tx& tx, const Me& me, const NewMeeting& in, Seconds now);
// Adds what has come to await a decision since (not on another open agenda). The office.
MeetingView GatherAgenda(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
struct NewItem {
    std::string title_ja, title_en, note;
};
// An item of the office's own (kind other). The office; not on a closed meeting.
MeetingView AddItem(db::Tx& tx, const Me& me, const std::string& id, const NewItem& in, Seconds now);
// The office orders the agenda: every open item's id exactly once (kInvalid "item_ids").
MeetingView OrderAgenda(db::Tx& tx, const Me& me, const std::string& id, const std::vector<std::string>& item_ids,
                        Seconds now);
// An undecided item leaves the agenda (its matter awaits the next one). The office.
MeetingView RemoveItem(db::Tx& tx, const Me& me, const std::string& item_id, Seconds now);
// planned → sent: each member in term gets an inbox item with the agenda. The office.
MeetingView SendAgenda(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// The office records who is present (members in term only; kInvalid "person_id").
MeetingView SetAttendance(db::Tx& tx, const Me& me, const std::string& id, const std::string& person_id, bool present,
                          Seconds now);
// A member casts their vote (`person_id` empty or their own), or the office records the vote a
// present member cast in the meeting. A recused or absent member may not (kConflict naming
// person_id); nor after the decision or a written resolution's deadline.
ItemView CastVoteOn(db::Tx& tx, const Me& me, const std::string& item_id, const std::string& person_id, Vote vote,
                    Seconds now);
// A member declares a recusal of their own (reason required), before the decision; their vote,
// if any, is withdrawn.
ItemView DeclareRecusal(db::Tx& tx, const Me& me, const std::string& item_id, const std::string& reason, Seconds now);
// The office closes the vote on an item: the tally under the rules decides it, and the decision
// takes effect in this transaction (approved proposal → active project; open-call selection →
// funded, or back to review when rejected; approved budget change → the project's allocation). No quorum or nobody
// eligible: kConflict with the count, nothing changes.
ItemView DecideItem(db::Tx& tx, const Me& me, const std::string& item_id, const std::string& note, Seconds now);
// sent → closed: every item decided (or removed); the minutes are approved as they stand.
MeetingView CloseMeeting(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

struct Document {
    std::string filename, content_type, bytes;
};
// The minutes (議事録) as .docx: attendance, recusals with their reasons, votes and decisions.
// Office, committee and admin.
Document Minutes(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

// ---- written resolutions (書面決議) ----
struct NewWritten {
    std::string kind =
        "other";  // project_proposal | stage_gate | opencall_selection | budget_change | approval | other
    std::optional<std::string> subject_id;  // for the first two: a matter awaiting the committee
    std::string title_ja, title_en, note;   // other: title_ja required
    Seconds vote_deadline;                  // in the future
};
// The office puts a matter to the members in writing; each eligible member in term gets an
// inbox item. Decided by DecideItem after the deadline or once every eligible member voted;
// presence is having voted.
ItemView CreateWritten(db::Tx& tx, const Me& me, const NewWritten& in, Seconds now);
std::vector<ItemView> ListWritten(db::Tx& tx, const Me& me, Seconds now);
ItemView GetItem(db::Tx& tx, const Me& me, const std::string& item_id, Seconds now);

// What awaits the committee and is on no open agenda (for the page that creates a meeting).
struct Pending {
    ItemKind kind = ItemKind::kOther;
    std::string subject_id, title_ja, title_en, link;
};
std::vector<Pending> ListPending(db::Tx& tx, const Me& me, Seconds now);

}  // namespace renkei::committee
