#include "modules/building/model.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

#include "platform/error.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::building {
namespace {

using namespace std::chrono;

}  // namespace

std::optional<int> ParseHhmm(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (size_t i : {0, 1, 3, 4})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int h = (text[0] - '0') * 10 + (text[1] - '0');
    int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

std::string FormatHhmm(int minutes) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

SlotProblem CheckOpeningRules(const Slot& slot, const Space& space) {
    auto minutes_long = duration_cast<minutes>(slot.end - slot.start).count();
    auto day = TokyoDays(slot.start);
    // The end may be exactly the next local midnight (closing at 24:00).
    auto last_moment_day = TokyoDays(slot.end - seconds{1});
    if (day != last_moment_day) return SlotProblem::kSpansDays;
    int start_minute = TokyoMinuteOfDay(slot.start);
    int end_minute = start_minute + static_cast<int>(minutes_long);
    if (start_minute < space.opens_at || end_minute > space.closes_at) return SlotProblem::kOutsideHours;
    if (minutes_long > space.max_minutes) return SlotProblem::kTooLong;
    return SlotProblem::kNone;
}

std::string WeekdaysText(const std::vector<int>& weekdays) {
    std::string out;
    for (int w : weekdays) {
        if (!out.empty()) out += ',';
        out += kWeekdays.at(static_cast<size_t>(w));
    }
    return out;
}

std::vector<int> ParseWeekdays(std::string_view text) {
    std::vector<int> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        auto token = text.substr(start, end - start);
        for (size_t i = 0; i < kWeekdays.size(); ++i)
            if (kWeekdays[i] == token) out.push_back(static_cast<int>(i));
        start = end + 1;
    }
    return out;
}

std::vector<Slot> ExpandRecurrence(const Slot& first, const Recurrence& rule) {
    if (rule.freq != "daily" && rule.freq != "weekly" && rule.freq != "monthly")
        throw Invalid("recurrence.freq", "freq must be daily, weekly or monthly");
    if (rule.interval < 1 || rule.interval > 12) throw Invalid("recurrence.interval", "interval must be 1 to 12");
    if (rule.until.has_value() == rule.count.has_value())
        throw Invalid("recurrence.until", "give either until (a date) or count, not both");
    if (rule.count && (*rule.count < 1 || *rule.count > kMaxOccurrences))
        throw Invalid("recurrence.count", "count must be 1 to " + std::to_string(kMaxOccurrences));
    for (int w : rule.weekdays)
        if (w < 0 || w > 6) throw Invalid("recurrence.weekdays", "weekdays are MO, TU, WE, TH, FR, SA, SU");

    const sys_days first_day = TokyoDays(first.start);
    const int minute = TokyoMinuteOfDay(first.start);
    const auto length = first.end - first.start;
    if (rule.until) {
        if (sys_days{*rule.until} < first_day)
            throw Invalid("recurrence.until", "until must not be before the first day");
        if (sys_days{*rule.until} - first_day > days{kMaxDaysAhead})
            throw Invalid("recurrence.until", "a series may run at most " + std::to_string(kMaxDaysAhead) + " days");
    }
    const sys_days last_allowed = rule.until ? sys_days{*rule.until} : first_day + days{kMaxDaysAhead};

    std::vector<Slot> out;
    auto emit = [&](sys_days d) -> bool {  // false: the series is complete
        if (d > last_allowed) return false;
        if (rule.count && static_cast<int>(out.size()) >= *rule.count) return false;
        if (static_cast<int>(out.size()) >= kMaxOccurrences)
            throw Invalid("recurrence",
                          "a series may have at most " + std::to_string(kMaxOccurrences) + " occurrences");
        Seconds start = FromTokyo(year_month_day{d}, minute);
        out.push_back({start, start + length});
        return true;
    };

    if (rule.freq == "daily") {
        for (sys_days d = first_day;; d += days{rule.interval})
            if (!emit(d)) break;
    } else if (rule.freq == "weekly") {
        std::vector<int> chosen = rule.weekdays;
        if (chosen.empty()) chosen.push_back(static_cast<int>(weekday{first_day}.iso_encoding()) - 1);
        std::sort(chosen.begin(), chosen.end());
        chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
        sys_days week_start = first_day - days{weekday{first_day}.iso_encoding() - 1};
        bool more = true;
        while (more) {
            for (int w : chosen) {
                sys_days d = week_start + days{w};
                if (d < first_day) continue;
                if (!emit(d)) {
                    more = false;
                    break;
                }
            }
            week_start += weeks{rule.interval};
            if (week_start > last_allowed) break;
        }
    } else {
        year_month_day start{first_day};
        for (int k = 0;; k += rule.interval) {
            year_month ym = year_month{start.year(), start.month()} + months{k};
            year_month_day candidate{ym.year(), ym.month(), start.day()};
            if (sys_days{year_month_day{ym.year(), ym.month(), day{1}}} > last_allowed) break;
            if (!candidate.ok()) continue;
            if (!emit(sys_days{candidate})) break;
        }
    }
    // A weekly rule whose chosen weekdays all fall after `until` (found by fuzz/ics).
    if (out.empty()) throw Invalid("recurrence.until", "the series has no occurrence on or before until");
    return out;
}

std::string RRuleText(const Recurrence& rule, year_month_day first_day, Seconds last_start) {
    std::string out = "FREQ=";
    out += rule.freq == "daily" ? "DAILY" : rule.freq == "weekly" ? "WEEKLY" : "MONTHLY";
    if (rule.interval != 1) out += ";INTERVAL=" + std::to_string(rule.interval);
    if (rule.freq == "weekly") {
        auto chosen = rule.weekdays;
        if (chosen.empty()) chosen.push_back(static_cast<int>(weekday{sys_days{first_day}}.iso_encoding()) - 1);
        std::sort(chosen.begin(), chosen.end());
        chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
        out += ";BYDAY=" + WeekdaysText(chosen) + ";WKST=MO";
    } else if (rule.freq == "monthly") {
        out += ";BYMONTHDAY=" + std::to_string(static_cast<unsigned>(first_day.day()));
    }
    out += ";UNTIL=" + IcsUtc(last_start);
    return out;
}

std::string IcsEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                // TEXT allows no control character but HTAB (RFC 5545 §3.3.11, TSAFE-CHAR).
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == '\x7F') break;
                out += c;
        }
    }
    return out;
}

std::string IcsLine(std::string_view line) {
    std::string out;
    size_t limit = 75;  // octets on the first line; continuation lines spend one on the leading space
    size_t used = 0;
    size_t i = 0;
    while (i < line.size()) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        size_t len = text::CodePointBytes(c);
        if (used + len > limit) {
            out += "\r\n ";
            used = 1;
        }
        out.append(line.substr(i, len));
        used += len;
        i += len;
    }
    out += "\r\n";
    return out;
}

std::string IcsUtc(Seconds t) {
    year_month_day d{floor<days>(t)};
    hh_mm_ss hms{t - floor<days>(t)};
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

std::string IcsLocal(Seconds t) {
    std::string utc = IcsUtc(t + seconds{kTokyoOffset.count()});
    utc.pop_back();  // the trailing Z: this is wall-clock time in Asia/Tokyo
    return utc;
}

std::string IcsTokyoTimezone() {
    return IcsLine("BEGIN:VTIMEZONE") + IcsLine("TZID:Asia/Tokyo") + IcsLine("BEGIN:STANDARD") +
           IcsLine("DTSTART:19700101T000000") + IcsLine("TZOFFSETFROM:+0900") + IcsLine("TZOFFSETTO:+0900") +
           IcsLine("TZNAME:JST") + IcsLine("END:STANDARD") + IcsLine("END:VTIMEZONE");
}

std::vector<Slot> MergeSlots(std::vector<Slot> slots) {
    std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.start < b.start; });
    std::vector<Slot> out;
    for (const auto& s : slots) {
        if (s.end <= s.start) continue;
        if (!out.empty() && s.start <= out.back().end)
            out.back().end = std::max(out.back().end, s.end);
        else
            out.push_back(s);
    }
    return out;
}

namespace {

// Whether `slot` overlaps any of the merged (sorted, disjoint) intervals.
bool Busy(const std::vector<Slot>& merged, const Slot& slot) {
    // The first interval ending after the slot starts; ends are sorted because intervals are disjoint.
    auto it =
        std::upper_bound(merged.begin(), merged.end(), slot.start, [](Seconds t, const Slot& s) { return t < s.end; });
    return it != merged.end() && it->start < slot.end;
}

}  // namespace

std::vector<SlotProposal> FindFreeSlots(const std::vector<SlotSpace>& spaces, const std::vector<Slot>& people_busy,
                                        const SlotSearch& q) {
    std::vector<SlotProposal> out;
    if (q.minutes <= 0 || q.limit == 0 || q.grid_minutes <= 0 || spaces.empty()) return out;
    const seconds length{static_cast<long long>(q.minutes) * 60};
    const long long grid = static_cast<long long>(q.grid_minutes) * 60;
    auto people = MergeSlots(people_busy);
    std::vector<std::vector<Slot>> space_busy;
    space_busy.reserve(spaces.size());
    for (const auto& s : spaces) space_busy.push_back(MergeSlots(s.busy));

    // Round the earliest start up to the grid of the Tokyo wall clock.
    Seconds first = std::max(q.from, q.now);
    long long local = first.time_since_epoch().count() + kTokyoOffset.count();
    long long rounded = (local + grid - 1) / grid * grid;
    Seconds t{seconds{rounded - kTokyoOffset.count()}};

    // Every free candidate, grouped by local day (in order).
    std::vector<std::vector<SlotProposal>> by_day;
    sys_days current_day{};
    while (t + length <= q.to) {
        auto day = TokyoDays(t);
        unsigned wd = weekday{day}.iso_encoding();  // 1 = Monday … 7 = Sunday
        if (wd >= 6) {
            t = Seconds{sys_days{day} + days{1}} - seconds{kTokyoOffset.count()};
            continue;
        }
        Slot slot{t, t + length};
        if (!Busy(people, slot)) {
            for (size_t i = 0; i < spaces.size(); ++i) {
                const Space& s = spaces[i].space;
                if (CheckOpeningRules(slot, s) != SlotProblem::kNone || Busy(space_busy[i], slot)) continue;
                if (by_day.empty() || day != current_day) {
                    by_day.emplace_back();
                    current_day = day;
                }
                by_day.back().push_back({s.id, s.name_ja, s.name_en, slot.start, slot.end});
                break;
            }
        }
        t += seconds{grid};
    }

    // The earliest of each day first, then more per day when days run out.
    std::vector<std::vector<SlotProposal>> picked(by_day.size());
    for (int round = 0; round < std::max(1, q.max_per_day) && out.size() < q.limit; ++round) {
        for (size_t d = 0; d < by_day.size() && out.size() < q.limit; ++d) {
            for (const auto& c : by_day[d]) {
                bool clashes = false;
                for (const auto& p : picked[d]) clashes = clashes || Overlaps({c.start, c.end}, {p.start, p.end});
                if (clashes || static_cast<int>(picked[d].size()) > round) continue;
                picked[d].push_back(c);
                out.push_back(c);
                break;
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const SlotProposal& a, const SlotProposal& b) { return a.start < b.start; });
    return out;
}

namespace json = boost::json;

void tag_invoke(const json::value_from_tag&, json::value& jv, const Floor& f) {
    jv = {{"code", f.code},
          {"name_ja", f.name_ja},
          {"name_en", f.name_en},
          {"area_m2", f.area_m2},
          {"position", f.position}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Space& s) {
    jv = {{"id", s.id},
          {"code", s.code},
          {"name", s.name_ja},
          {"name_ja", s.name_ja},
          {"name_en", s.name_en},
          {"floor", s.floor},
          {"kind", Text(s.kind)},
          {"description_ja", s.description_ja},
          {"description_en", s.description_en},
          {"area_m2", s.area_m2},
          {"capacity", s.capacity},
          {"bookable", s.bookable},
          {"needs_approval", s.needs_approval},
          {"opens_at", FormatHhmm(s.opens_at)},
          {"closes_at", FormatHhmm(s.closes_at)},
          {"max_minutes", s.max_minutes},
          {"active", s.active}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Booking& b) {
    json::object o{
        {"id", b.id},
        {"space_id", b.space_id},
        {"space_name_ja", b.space_name_ja},
        {"space_name_en", b.space_name_en},
        {"organiser",
         json::object{{"id", b.organiser_id}, {"name_ja", b.organiser_name_ja}, {"name_en", b.organiser_name_en}}},
        {"title", b.title},
        {"start", FormatUtc(b.start)},
        {"end", FormatUtc(b.end)},
        {"status", Text(b.status)},
        {"decision_reason", b.decision_reason},
        {"can_cancel", b.can_cancel},
        {"created_at", FormatUtc(b.created_at)}};
    o["series_id"] = b.series_id ? json::value(*b.series_id) : json::value(nullptr);
    o["purpose"] = b.details_visible ? json::value(b.purpose) : json::value(nullptr);
    o["attendees"] = b.details_visible ? json::value(b.attendees) : json::value(nullptr);
    if (b.details_visible) {
        json::array ids, people;
        for (const auto& id : b.attendee_ids) ids.push_back(json::value(id));
        for (const auto& p : b.attendee_people)
            people.push_back(json::object{{"id", p[0]}, {"name_ja", p[1]}, {"name_en", p[2]}});
        o["attendee_ids"] = std::move(ids);
        o["attendee_people"] = std::move(people);
    } else {
        o["attendee_ids"] = nullptr;
        o["attendee_people"] = nullptr;
    }
    o["decided_at"] = b.decided_at ? json::value(FormatUtc(*b.decided_at)) : json::value(nullptr);
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Clash& c) {
    jv = {{"start", FormatUtc(c.slot.start)}, {"end", FormatUtc(c.slot.end)}, {"booking", json::value_from(c.booking)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Event& e) {
    json::array tags;
    for (const auto& t : e.tags) tags.push_back(json::value(t));
    json::object o{{"id", e.id},
                   {"booking_id", e.booking_id},
                   {"space_id", e.space_id},
                   {"space_name_ja", e.space_name_ja},
                   {"space_name_en", e.space_name_en},
                   {"kind", Text(e.kind)},
                   {"title_ja", e.title_ja},
                   {"title_en", e.title_en},
                   {"description_ja", e.description_ja},
                   {"description_en", e.description_en},
                   {"start", FormatUtc(e.start)},
                   {"end", FormatUtc(e.end)},
                   {"capacity", e.capacity},
                   {"open_to_public", e.open_to_public},
                   {"tags", std::move(tags)},
                   {"status", Text(e.status)},
                   {"registered", e.registered},
                   {"waitlisted", e.waitlisted},
                   {"checked_in", e.checked_in},
                   {"my_status", e.my_status ? Text(*e.my_status) : std::string_view{}}};
    o["my_registration_id"] = e.my_registration_id ? json::value(*e.my_registration_id) : json::value(nullptr);
    o["my_registration"] =
        e.my_registration_id
            ? json::value(json::object{{"id", *e.my_registration_id},
                                       {"status", e.my_status ? Text(*e.my_status) : std::string_view{}},
                                       {"waitlist_position", e.my_waitlist_position}})
            : json::value(nullptr);
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Registration& r) {
    json::object o{{"id", r.id},
                   {"event_id", r.event_id},
                   {"name", r.name},
                   {"affiliation", r.affiliation},
                   {"email", r.email},
                   {"status", Text(r.status)},
                   {"guest", !r.person_id.has_value()},
                   {"waitlist_position", r.waitlist_position},
                   {"created_at", FormatUtc(r.created_at)}};
    o["person_id"] = r.person_id ? json::value(*r.person_id) : json::value(nullptr);
    o["checked_in_at"] = r.checked_in_at ? json::value(FormatUtc(*r.checked_in_at)) : json::value(nullptr);
    jv = std::move(o);
}

}  // namespace renkei::building
