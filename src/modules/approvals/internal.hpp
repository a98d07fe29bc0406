// Helpers shared by the approvals module's own .cpp files (not for other modules).
#pragma once
#include <string>

#include "modules/approvals/service.hpp"

namespace renkei::approvals {

inline constexpr const char* kSource = "approvals";

// Reads the configuration: office, committee and admins.
inline bool MayReadRules(const Me& me) { return me.HasAnyRole({"office", "committee", "admin"}); }
// Changes it: office and admins.
inline bool MayConfigure(const Me& me) { return me.HasAnyRole({"office", "admin"}); }
// Whether the caller may see the subject (its module's hook; without one: the office and admins).
bool MaySeeSubject(db::Tx& tx, const Me& me, SubjectKind kind, const std::string& subject_id);

}  // namespace renkei::approvals
