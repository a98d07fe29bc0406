// HTTP routes of surveys (アンケート): building and sending (the office), answering (the audience),
// results with their CSV and .xlsx exports (docs/surveys.md).
#pragma once
#include "platform/http/router.hpp"

namespace renkei::surveys {

void RegisterRoutes(http::Router& router);

}  // namespace renkei::surveys
