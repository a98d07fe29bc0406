// The committee's tables (migration 0020): SQL only, no rules.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/committee/service.hpp"

namespace renkei::committee::store {

struct StoredMember {
    std::string person_id;
    Side side = Side::kUniversity;
    std::string term_from;
    std::optional<std::string> term_to;
};
std::vector<StoredMember> Members(db::Tx& tx);
void PutMember(db::Tx& tx, const StoredMember& m, Seconds now);
bool DeleteMember(db::Tx& tx, const std::string& person_id);

Rules ReadRules(db::Tx& tx);
void WriteRules(db::Tx& tx, const Rules& r, Seconds now);

void InsertMeeting(db::Tx& tx, const Meeting& m);
void UpdateMeeting(db::Tx& tx, const Meeting& m);
std::optional<Meeting> FindMeeting(db::Tx& tx, const std::string& id);
std::vector<Meeting> ListMeetings(db::Tx& tx);

std::map<std::string, bool> Attendance(db::Tx& tx, const std::string& meeting_id);
void SetAttendance(db::Tx& tx, const std::string& meeting_id, const std::string& person_id, bool present);

void InsertItem(db::Tx& tx, const Item& i);
void UpdateItem(db::Tx& tx, const Item& i);
void DeleteItem(db::Tx& tx, const std::string& id);
std::optional<Item> FindItem(db::Tx& tx, const std::string& id);
std::vector<Item> ItemsOfMeeting(db::Tx& tx, const std::string& meeting_id);
std::vector<Item> WrittenItems(db::Tx& tx);
// The undecided item about a subject (on an agenda or in writing), if any.
std::optional<Item> OpenItemAbout(db::Tx& tx, const std::string& subject_id);
// Subject ids of undecided items (on any agenda or in writing).
std::vector<std::string> OpenSubjects(db::Tx& tx);

struct StoredRecusal {
    std::string person_id;
    RecusalReason reason = RecusalReason::kDeclared;
    std::string detail, detail_en;
};
std::vector<StoredRecusal> Recusals(db::Tx& tx, const std::string& item_id);
void InsertRecusal(db::Tx& tx, const std::string& item_id, const StoredRecusal& r);

struct StoredVote {
    std::string person_id;
    Vote vote = Vote::kFor;
    Seconds cast_at;
    std::string recorded_by;
};
std::vector<StoredVote> Votes(db::Tx& tx, const std::string& item_id);
void PutVote(db::Tx& tx, const std::string& item_id, const StoredVote& v);
void DeleteVote(db::Tx& tx, const std::string& item_id, const std::string& person_id);

}  // namespace renkei::committee::store
