#include "platform/calendar.hpp"

#include <cmath>

namespace renkei {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

int YearOf(Date d) { return static_cast<int>(d.year()); }
unsigned MonthOf(Date d) { return static_cast<unsigned>(d.month()); }
unsigned DayOf(Date d) { return static_cast<unsigned>(d.day()); }

unsigned NthMonday(int y, unsigned m, unsigned n) {
    std::chrono::year_month_weekday ymw{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::weekday_indexed{std::chrono::Monday, n}};
    return DayOf(Date{sys_days{ymw}});
}

// The equinoxes by the usual approximation (valid 1980–2099); the Cabinet Office announces them
// each February for the next year, and these agree with every announcement so far.
unsigned VernalEquinox(int y) {
    return static_cast<unsigned>(std::floor(20.8431 + 0.242194 * (y - 1980) - std::floor((y - 1980) / 4.0)));
}
unsigned AutumnalEquinox(int y) {
    return static_cast<unsigned>(std::floor(23.2488 + 0.242194 * (y - 1980) - std::floor((y - 1980) / 4.0)));
}

// 「国民の祝日」 themselves (国民の祝日に関する法律 第2条, and the Olympic and enthronement years).
bool IsNamedHoliday(Date d) {
    int y = YearOf(d);
    unsigned m = MonthOf(d), day = DayOf(d);
    switch (m) {
        case 1:
            return day == 1 || day == NthMonday(y, 1, 2);
        case 2:
            return day == 11 || (day == 23 && y >= 2020);
        case 3:
            return day == VernalEquinox(y);
        case 4:
            return day == 29;
        case 5:
            return day == 3 || day == 4 || day == 5 || (y == 2019 && day == 1);
        case 7:
            if (y == 2020) return day == 23 || day == 24;
            if (y == 2021) return day == 22 || day == 23;
            return day == NthMonday(y, 7, 3);
        case 8:
            if (y < 2016) return false;
            return day == (y == 2020 ? 10u : y == 2021 ? 8u : 11u);
        case 9:
            return day == NthMonday(y, 9, 3) || day == AutumnalEquinox(y);
        case 10:
            if (y == 2019 && day == 22) return true;
            return y != 2020 && y != 2021 && day == NthMonday(y, 10, 2);
        case 11:
            return day == 3 || day == 23;
        case 12:
            return y <= 2018 && day == 23;
        default:
            return false;
    }
}

}  // namespace

bool IsJapaneseHoliday(Date d) {
    if (IsNamedHoliday(d)) return true;
    sys_days s{d};
    // 振替休日 (第3条第2項): the first day after a holiday on a Sunday that is not itself a holiday.
    for (sys_days p = s - days{1}; IsNamedHoliday(Date{p}); p -= days{1})
        if (std::chrono::weekday{p} == std::chrono::Sunday) return true;
    // 国民の休日 (第3条第3項): a day between two holidays.
    return IsNamedHoliday(Date{s - days{1}}) && IsNamedHoliday(Date{s + days{1}});
}

bool IsClosedDay(Date d) {
    auto wd = std::chrono::weekday{sys_days{d}};
    if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return true;
    unsigned m = MonthOf(d), day = DayOf(d);
    if ((m == 12 && day >= 29) || (m == 1 && day <= 3)) return true;
    return IsJapaneseHoliday(d);
}

Date NextOpenDay(Date d) {
    sys_days s{d};
    while (IsClosedDay(Date{s})) s += days{1};
    return Date{s};
}

Date PeriodEnd(Date from, int amount, PeriodUnit unit, bool first_day_counts) {
    if (amount <= 0) return from;
    sys_days start = sys_days{from} + days{first_day_counts ? 0 : 1};
    if (unit == PeriodUnit::kDay) return Date{start + days{amount - 1}};
    Date s{start};
    int months = unit == PeriodUnit::kYear ? 12 * amount : amount;
    auto ym = std::chrono::year_month{s.year(), s.month()} + std::chrono::months{months};
    auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    // 第143条第2項: the day before the corresponding day; the month's last day when there is none.
    if (s.day() > last) return Date{ym.year(), ym.month(), last};
    return Date{sys_days{Date{ym.year(), ym.month(), s.day()}} - days{1}};
}

}  // namespace renkei
