// Helpers shared by the committee's own .cpp files (not for other modules).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "modules/committee/service.hpp"
#include "modules/committee/store.hpp"

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

}  // namespace renkei::committee
