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

// --- Calendar dates in Asia/Tokyo -------------------------------------------------------------
// The centre is in Asia/Tokyo. g++ 12's libstdc++ has no std::chrono::locate_zone, and Japan
// has had no daylight saving time since 1951, so local time is UTC+09:00, fixed.
using Date = std::chrono::year_month_day;
inline constexpr std::chrono::seconds kTokyoOffset{9 * 3600};
// The local day of an instant.
std::chrono::sys_days TokyoDays(Seconds t);
inline Date TokyoDay(Seconds t) { return Date{TokyoDays(t)}; }
// "2026-11-25": the local date of an instant.
std::string TokyoDate(Seconds t);
// Minutes after local midnight, 0..1439.
int TokyoMinuteOfDay(Seconds t);
// The instant of a local wall-clock time (minute_of_day may be 1440: the next midnight).
Seconds FromTokyo(Date date, int minute_of_day = 0);
// "2026-11-25T16:00:00+09:00".
std::string FormatTokyo(Seconds t);
// "YYYY-MM-DD" → date; nullopt when malformed or not a real date (2026-02-30).
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date d);
// "YYYY-MM-DD" plus (or minus) whole days; the text must be a date (ParseDate).
std::string AddDays(std::string_view iso_date, int days);
// Japan's fiscal year: April to March, named by the year it starts in (2027-03-31 → 2026).
int FiscalYearOf(Date d);
// The same for a date YYYY-MM-DD; throws kInvalid (field "date") when it is not one.
int FiscalYearOf(std::string_view iso_date);

}  // namespace renkei
