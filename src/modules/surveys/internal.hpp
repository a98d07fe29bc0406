// Helpers shared by the surveys' own .cpp files (not for other modules).
#pragma once
#include "modules/surveys/service.hpp"

namespace renkei::surveys {

inline constexpr const char* kSource = "surveys";

inline bool MayManage(const Me& me) { return me.HasAnyRole({"office", "admin"}); }
// The survey as `me` may read it: kNotFound for an unknown id or one `me` may not see (neither the
// office nor in its audience).
Survey ReadableSurvey(db::Tx& tx, const Me& me, const std::string& id);

}  // namespace renkei::surveys
