// Helpers shared by the budget's own .cpp files (not for other modules).
#pragma once
#include "modules/budget/service.hpp"

namespace renkei::budget {

inline constexpr const char* kSource = "budget";

// The office and admins write; the office, the committee and admins read everything.
inline bool MayWrite(const Me& me) { return me.HasAnyRole({"office", "admin"}); }
inline bool MayReadAll(const Me& me) { return me.HasAnyRole({"office", "committee", "admin"}); }
void RequireReadAll(const Me& me);
void RequireWrite(const Me& me);

}  // namespace renkei::budget
