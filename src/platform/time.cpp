#include "platform/time.hpp"

#include <cstdio>
#include <stdexcept>

#include "platform/error.hpp"

namespace renkei {

Seconds Now() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string FormatUtc(Seconds t) {
    auto days = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day ymd{days};
    std::chrono::hh_mm_ss hms{t - days};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                  int(hms.seconds().count()));
    return buf;
}

std::optional<Seconds> ParseRfc3339(std::string_view s) {
    int y, mo, d, h, mi, sec;
    if (s.size() < 20) return std::nullopt;
    std::string text(s);
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &consumed) != 6 ||
        consumed != 19)
        return std::nullopt;
    size_t i = 19;
    if (i < text.size() && text[i] == '.') {
        ++i;
        size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        if (i == start) return std::nullopt;
    }
    int offset_minutes = 0;
    if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
        ++i;
    } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        int oh, om;
        if (text.size() - i != 6 || std::sscanf(text.c_str() + i + 1, "%2d:%2d", &oh, &om) != 2 || text[i + 3] != ':')
            return std::nullopt;
        if (oh > 23 || om > 59) return std::nullopt;
        offset_minutes = (text[i] == '+' ? 1 : -1) * (oh * 60 + om);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(mo)},
                                    std::chrono::day{unsigned(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    Seconds t =
        std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{sec};
    return t - std::chrono::minutes{offset_minutes};
}

std::chrono::sys_days TokyoDays(Seconds t) { return std::chrono::floor<std::chrono::days>(t + kTokyoOffset); }

std::string TokyoDate(Seconds t) { return FormatDate(TokyoDay(t)); }

int TokyoMinuteOfDay(Seconds t) {
    auto local = t + kTokyoOffset;
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::minutes>(local - std::chrono::floor<std::chrono::days>(local)).count());
}

Seconds FromTokyo(Date date, int minute_of_day) {
    return Seconds{std::chrono::sys_days{date}} + std::chrono::minutes{minute_of_day} - kTokyoOffset;
}

std::string FormatTokyo(Seconds t) {
    auto local = t + kTokyoOffset;
    auto day = std::chrono::floor<std::chrono::days>(local);
    Date d{day};
    std::chrono::hh_mm_ss hms{local - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+09:00", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

std::optional<Date> ParseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int digits[10] = {};
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        digits[i] = text[i] - '0';
    }
    int y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    unsigned m = static_cast<unsigned>(digits[5] * 10 + digits[6]);
    unsigned d = static_cast<unsigned>(digits[8] * 10 + digits[9]);
    Date ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::string FormatDate(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

std::string AddDays(std::string_view iso_date, int days) {
    auto d = ParseDate(iso_date);
    if (!d) throw std::invalid_argument("AddDays: not a date: " + std::string(iso_date));
    return FormatDate(Date{std::chrono::sys_days{*d} + std::chrono::days{days}});
}

int FiscalYearOf(Date d) {
    int year = static_cast<int>(d.year());
    return static_cast<unsigned>(d.month()) >= 4 ? year : year - 1;
}

int FiscalYearOf(std::string_view iso_date) {
    auto d = ParseDate(iso_date);
    if (!d) throw Invalid("date", "a date YYYY-MM-DD is required");
    return FiscalYearOf(*d);
}

}  // namespace renkei
