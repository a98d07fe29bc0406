// Fuzz target: the iCalendar writer of the building (src/modules/building/model.hpp: IcsEscape,
// IcsLine, IcsUtc, IcsLocal, IcsTokyoTimezone, ExpandRecurrence + RRuleText), composing a feed
// the way building/service.cpp does (calendar header, a single booking, a weekly/daily/monthly
// series, an event) from arbitrary names, summaries, locations, descriptions, times and rules.
//
// RFC 5545 invariants checked on the whole feed: every line ends in CRLF, no bare CR or LF; no
// physical line longer than 75 octets; a continuation line starts with one space; unfolding gives
// back exactly the content lines written; each TEXT value unescapes to the text given (less CRs
// and other control characters);
// no control character but HTAB inside a content line (TSAFE-CHAR); and when the text was valid
// UTF-8, every physical line is valid UTF-8 (folding never splits a character). Date-times are
// YYYYMMDDTHHMMSS[Z].
#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "modules/building/model.hpp"
#include "platform/error.hpp"

using namespace renkei;
using namespace renkei::building;
using namespace std::chrono;

namespace {

bool ValidUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        size_t len = c < 0x80                   ? 1
                     : (c >= 0xC2 && c <= 0xDF) ? 2
                     : (c >= 0xE0 && c <= 0xEF) ? 3
                     : (c >= 0xF0 && c <= 0xF4) ? 4
                                                : 0;
        if (len == 0 || i + len > s.size()) return false;
        unsigned char c1 = len > 1 ? s[i + 1] : 0x80;
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
            (c == 0xF4 && c1 >= 0x90))
            return false;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

// RFC 5545 §3.3.11: "\\" "\;" "\," "\n"/"\N" back to the text.
std::string IcsUnescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char n = s[++i];
            out += (n == 'n' || n == 'N') ? '\n' : n;
        } else {
            out += s[i];
        }
    }
    return out;
}

bool IsDateTime(std::string_view s, bool utc) {
    if (s.size() != (utc ? 16u : 15u) || s[8] != 'T' || (utc && s[15] != 'Z')) return false;
    for (size_t i = 0; i < 15; ++i)
        if (i != 8 && (s[i] < '0' || s[i] > '9')) return false;
    return true;
}

struct Written {
    std::vector<std::string> lines;  // content lines as written, unfolded
    std::vector<bool> utf8;          // whether that line's text was valid UTF-8
    std::string feed;
    void Add(const std::string& line) {
        lines.push_back(line);
        utf8.push_back(ValidUtf8(line));
        feed += IcsLine(line);
    }
    void Text(const std::string& name, const std::string& text) {
        std::string line = name + ":" + IcsEscape(text);
        // The value unescapes to the text less its control characters but HTAB and LF (a CRLF in
        // a description is one newline).
        std::string expected;
        for (char c : text)
            if ((static_cast<unsigned char>(c) >= 0x20 && c != '\x7F') || c == '\t' || c == '\n') expected += c;
        FUZZ_CHECK(IcsUnescape(IcsEscape(text)) == expected);
        Add(line);
    }
};

void CheckFeed(const Written& w) {
    const std::string& feed = w.feed;
    FUZZ_CHECK(feed.size() >= 2 && feed.compare(feed.size() - 2, 2, "\r\n") == 0);
    std::vector<std::string> unfolded;
    std::vector<std::vector<std::string>> physical;  // per content line
    size_t pos = 0;
    while (pos < feed.size()) {
        size_t end = feed.find("\r\n", pos);
        FUZZ_CHECK(end != std::string::npos);
        std::string line = feed.substr(pos, end - pos);
        FUZZ_CHECK(line.find('\r') == std::string::npos && line.find('\n') == std::string::npos);
        FUZZ_CHECK(line.size() <= 75);
        for (unsigned char c : line) FUZZ_CHECK((c >= 0x20 && c != 0x7F) || c == '\t');
        if (!line.empty() && line[0] == ' ') {
            FUZZ_CHECK(!unfolded.empty());
            FUZZ_CHECK(line.size() > 1);  // a fold carries at least one octet
            unfolded.back() += line.substr(1);
            physical.back().push_back(line);
        } else {
            unfolded.push_back(line);
            physical.push_back({line});
        }
        pos = end + 2;
    }
    FUZZ_CHECK(unfolded == w.lines);
    for (size_t i = 0; i < w.lines.size(); ++i)
        if (w.utf8[i])
            for (const auto& piece : physical[i]) FUZZ_CHECK(ValidUtf8(piece));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider in(data, size);
    // RFC 3339 years 0000-9999, as the API accepts them.
    constexpr long long kMin = -62167219200LL, kMax = 253402300799LL;
    Seconds start = FromUnix(in.ConsumeIntegralInRange<long long>(kMin, kMax));
    Seconds end = start + seconds{in.ConsumeIntegralInRange<long long>(0, 400LL * 86400)};
    if (end > FromUnix(kMax)) end = FromUnix(kMax);
    Recurrence rule;
    static const char* kFreqs[] = {"daily", "weekly", "monthly", "yearly", ""};
    rule.freq = kFreqs[in.ConsumeIntegralInRange<int>(0, 4)];
    rule.interval = in.ConsumeIntegralInRange<int>(-1, 14);
    for (int n = in.ConsumeIntegralInRange<int>(0, 8); n > 0; --n)
        rule.weekdays.push_back(in.ConsumeIntegralInRange<int>(-1, 7));
    if (in.ConsumeBool()) rule.count = in.ConsumeIntegralInRange<int>(-1, 250);
    if (in.ConsumeBool()) rule.until = TokyoDay(start + days{in.ConsumeIntegralInRange<int>(-2, 500)});
    std::string name = in.ConsumeRandomLengthString(300);
    std::string summary = in.ConsumeRandomLengthString(500);
    std::string location = in.ConsumeRandomLengthString(300);
    std::string description = in.ConsumeRemainingBytesAsString();

    Written w;
    // CalendarHeader (building/service.cpp).
    for (const char* line :
         {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Renkei//Building//JA", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"})
        w.Add(line);
    w.Text("X-WR-CALNAME", name);
    w.Add("X-WR-TIMEZONE:Asia/Tokyo");
    std::string tz = IcsTokyoTimezone();
    for (const char* line : {"BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                             "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE"})
        w.lines.push_back(line), w.utf8.push_back(true);
    w.feed += tz;

    // A single booking, in UTC.
    FUZZ_CHECK(IsDateTime(IcsUtc(start), true) && IsDateTime(IcsUtc(end), true));
    FUZZ_CHECK(IsDateTime(IcsLocal(start), false));
    w.Add("BEGIN:VEVENT");
    w.Add("UID:" + std::to_string(ToUnix(start)) + "@renkei");
    w.Add("DTSTART:" + IcsUtc(start));
    w.Add("DTEND:" + IcsUtc(end));
    w.Text("SUMMARY", summary + " (" + location + ")");
    w.Text("LOCATION", location + " / " + name);
    w.Add("END:VEVENT");

    // A series: expanded as the service does, written with RRULE in Asia/Tokyo.
    try {
        auto slots = ExpandRecurrence(Slot{start, end}, rule);
        FUZZ_CHECK(!slots.empty());
        std::string rrule = RRuleText(rule, TokyoDay(slots.front().start), slots.back().start);
        FUZZ_CHECK(rrule.rfind("FREQ=", 0) == 0 && rrule.find("UNTIL=") != std::string::npos);
        w.Add("BEGIN:VEVENT");
        w.Add("DTSTART;TZID=Asia/Tokyo:" + IcsLocal(slots.front().start));
        w.Add("DTEND;TZID=Asia/Tokyo:" + IcsLocal(slots.front().end));
        w.Add("RRULE:" + rrule);
        std::string exdates;
        for (size_t i = 1; i < slots.size(); i += 2) exdates += (exdates.empty() ? "" : ",") + IcsLocal(slots[i].start);
        if (!exdates.empty()) w.Add("EXDATE;TZID=Asia/Tokyo:" + exdates);
        w.Text("SUMMARY", summary);
        w.Add("END:VEVENT");
    } catch (const Error& e) {
        FUZZ_CHECK(e.code() == ErrorCode::kInvalid);
    }

    // An event, with a multi-line description.
    w.Add("BEGIN:VEVENT");
    w.Text("SUMMARY", summary);
    w.Text("DESCRIPTION", description);
    w.Text("LOCATION", location);
    w.Add("END:VEVENT");
    w.Add("END:VCALENDAR");
    CheckFeed(w);
    return 0;
}
