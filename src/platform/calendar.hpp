// Japan's calendar for legal periods: the national holidays (国民の祝日に関する法律), the days
// public offices are closed (行政機関の休日に関する法律 第1条: Saturdays, Sundays, national holidays
// and 29 December – 3 January), and the end of a period counted as the Civil Code says (民法
// 第140条–第143条). Pure functions; ethics and IP deadlines are built on them.
#pragma once
#include <array>
#include <optional>
#include <string_view>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei {

// 国民の祝日 from 2000 on: the fixed days, the "happy Monday" days, the equinoxes, 振替休日 (the
// first non-holiday after a holiday on a Sunday) and 国民の休日 (a day between two holidays), with
// the special days of 2019–2021.
bool IsJapaneseHoliday(Date d);
// A Saturday, Sunday, national holiday or 29 December – 3 January: the days public offices (and
// the patent office, 特許法 第3条第2項) are closed.
bool IsClosedDay(Date d);
// `d` itself when offices are open that day, otherwise the next day they are.
Date NextOpenDay(Date d);

enum class PeriodUnit { kDay, kMonth, kYear };
inline constexpr std::array<EnumText<PeriodUnit>, 3> kPeriodUnits = {{
    {PeriodUnit::kDay, "day"},
    {PeriodUnit::kMonth, "month"},
    {PeriodUnit::kYear, "year"},
}};
constexpr const auto& TextsOf(PeriodUnit) { return kPeriodUnits; }

// The last day of a period of `amount` units from `from`: the first day is not counted (民法 第140条)
// unless `first_day_counts` (a text that counts 「…の日から起算して」); months and years follow the
// calendar and end the day before the corresponding day of the last month, or on that month's last
// day when it has none (第143条). amount 0 is `from` itself.
Date PeriodEnd(Date from, int amount, PeriodUnit unit, bool first_day_counts = false);

}  // namespace renkei
