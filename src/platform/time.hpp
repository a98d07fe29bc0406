// Time inside Renkei is UTC seconds (std::chrono::sys_seconds); Asia/Tokyo only at the edges.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace renkei {

using Seconds = std::chrono::sys_seconds;

Seconds Now();
// "2026-11-25T07:47:21Z".
std::string FormatUtc(Seconds t);
// Parses RFC 3339 ("2026-11-25T16:47:21+09:00", "...Z", optional fractional seconds).
std::optional<Seconds> ParseRfc3339(std::string_view text);
inline long long ToUnix(Seconds t) { return t.time_since_epoch().count(); }
inline Seconds FromUnix(long long s) { return Seconds{std::chrono::seconds{s}}; }

}  // namespace renkei
