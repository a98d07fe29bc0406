// Pure rules of the building: half-open slots, opening hours, recurrence in Asia/Tokyo,
// iCalendar folding and escaping, CSV cells.
#include "modules/building/model.hpp"

#include <gtest/gtest.h>

#include <set>

#include "platform/error.hpp"

namespace renkei::building {
namespace {

using namespace std::chrono;

Seconds Tokyo(int y, unsigned m, unsigned d, int hour, int minute = 0) {
    return FromTokyo(year_month_day{year{y}, month{m}, day{d}}, hour * 60 + minute);
}

// Every status and kind reads back from its own text, and no two share a text.
template <typename E>
void ExpectTextRoundTrips() {
    std::set<std::string_view> seen;
    for (const auto& [value, text] : TextsOf(E{})) {
        EXPECT_EQ(Text(value), text);
        EXPECT_EQ(FromText<E>(text), value) << text;
        EXPECT_TRUE(seen.insert(text).second) << "duplicate text " << text;
    }
    EXPECT_EQ(FromText<E>(""), std::nullopt);
    EXPECT_EQ(FromText<E>("Confirmed "), std::nullopt);
}

TEST(BuildingEnums, EachValueHasOneTextThatReadsBack) {
    ExpectTextRoundTrips<SpaceKind>();
    ExpectTextRoundTrips<BookingStatus>();
    ExpectTextRoundTrips<EventKind>();
    ExpectTextRoundTrips<EventStatus>();
    ExpectTextRoundTrips<RegistrationStatus>();
    EXPECT_EQ(Text(BookingStatus::kPending), "pending");
    EXPECT_EQ(Text(SpaceKind::kMeetingRoom), "meeting_room");
    EXPECT_EQ(TextsOf(SpaceKind{}).size(), 13u);
}

TEST(BookingRules, OnlyPendingAndConfirmedBookingsHoldTheirSpace) {
    for (const auto& [status, text] : TextsOf(BookingStatus{}))
        EXPECT_EQ(HoldsSpace(status), text == "pending" || text == "confirmed") << text;
}

TEST(BookingRules, HalfOpenSlotsThatTouchDoNotOverlap) {
    struct Case {
        int a0, a1, b0, b1;
        bool overlap;
    } cases[] = {{9, 10, 10, 11, false}, {9, 11, 10, 12, true}, {10, 11, 9, 10, false}, {9, 12, 10, 11, true}};
    for (const auto& c : cases) {
        Slot a{Tokyo(2026, 12, 1, c.a0), Tokyo(2026, 12, 1, c.a1)},
            b{Tokyo(2026, 12, 1, c.b0), Tokyo(2026, 12, 1, c.b1)};
        EXPECT_EQ(Overlaps(a, b), c.overlap) << c.a0 << "-" << c.a1 << " / " << c.b0 << "-" << c.b1;
    }
}

TEST(BookingRules, TokyoIsUtcPlusNine) {
    EXPECT_EQ(FormatUtc(Tokyo(2026, 12, 1, 10)), "2026-12-01T01:00:00Z");
    EXPECT_EQ(FormatTokyo(Tokyo(2026, 12, 1, 0, 30)), "2026-12-01T00:30:00+09:00");
    EXPECT_EQ(TokyoMinuteOfDay(Tokyo(2026, 12, 1, 23, 15)), 23 * 60 + 15);
}

TEST(BookingRules, OpeningHoursAndMaximumLength) {
    Space s;
    s.opens_at = 8 * 60;
    s.closes_at = 22 * 60;
    s.max_minutes = 120;
    EXPECT_EQ(CheckOpeningRules({Tokyo(2026, 12, 1, 8), Tokyo(2026, 12, 1, 10)}, s), SlotProblem::kNone);
    EXPECT_EQ(CheckOpeningRules({Tokyo(2026, 12, 1, 7, 30), Tokyo(2026, 12, 1, 9)}, s), SlotProblem::kOutsideHours);
    EXPECT_EQ(CheckOpeningRules({Tokyo(2026, 12, 1, 21), Tokyo(2026, 12, 1, 22, 30)}, s), SlotProblem::kOutsideHours);
    EXPECT_EQ(CheckOpeningRules({Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 1, 12)}, s), SlotProblem::kTooLong);
    EXPECT_EQ(CheckOpeningRules({Tokyo(2026, 12, 1, 21), Tokyo(2026, 12, 2, 9)}, s), SlotProblem::kSpansDays);
    s.closes_at = 24 * 60;
    EXPECT_EQ(CheckOpeningRules({Tokyo(2026, 12, 1, 23), Tokyo(2026, 12, 2, 0)}, s), SlotProblem::kNone)
        << "closing at 24:00 allows a booking that ends at midnight";
}

TEST(Recurrence, WeeklyOnChosenWeekdaysKeepsTheLocalTime) {
    Recurrence r;
    r.freq = "weekly";
    r.weekdays = {0, 2};  // Monday and Wednesday
    r.count = 4;
    // 2026-12-01 is a Tuesday: the series starts on Wednesday the 2nd.
    auto slots = ExpandRecurrence({Tokyo(2026, 12, 1, 10), Tokyo(2026, 12, 1, 11)}, r);
    ASSERT_EQ(slots.size(), 4u);
    EXPECT_EQ(FormatTokyo(slots[0].start), "2026-12-02T10:00:00+09:00");
    EXPECT_EQ(FormatTokyo(slots[1].start), "2026-12-07T10:00:00+09:00");
    EXPECT_EQ(FormatTokyo(slots[2].start), "2026-12-09T10:00:00+09:00");
    EXPECT_EQ(FormatTokyo(slots[3].end), "2026-12-14T11:00:00+09:00");
    EXPECT_EQ(RRuleText(r, TokyoDay(slots[0].start), slots[3].start),
              "FREQ=WEEKLY;BYDAY=MO,WE;WKST=MO;UNTIL=20261214T010000Z");
}

TEST(Recurrence, MonthlySkipsMonthsWithoutTheDayAndUntilIsInclusive) {
    Recurrence r;
    r.freq = "monthly";
    r.until = year_month_day{year{2027}, month{5}, day{31}};
    auto slots = ExpandRecurrence({Tokyo(2027, 1, 31, 9), Tokyo(2027, 1, 31, 10)}, r);
    std::vector<std::string> days;
    days.reserve(slots.size());
    for (const auto& s : slots) days.push_back(FormatTokyo(s.start).substr(0, 10));
    EXPECT_EQ(days, (std::vector<std::string>{"2027-01-31", "2027-03-31", "2027-05-31"}));
}

TEST(Recurrence, BadRulesNameTheField) {
    Slot first{Tokyo(2026, 12, 1, 10), Tokyo(2026, 12, 1, 11)};
    struct Case {
        Recurrence rule;
        std::string field;
    } cases[] = {
        {{"yearly", 1, {}, std::nullopt, 3}, "recurrence.freq"},
        {{"daily", 0, {}, std::nullopt, 3}, "recurrence.interval"},
        {{"daily", 1, {}, std::nullopt, std::nullopt}, "recurrence.until"},
        {{"daily", 1, {}, std::nullopt, 500}, "recurrence.count"},
        {{"daily", 1, {}, year_month_day{year{2026}, month{11}, day{1}}, std::nullopt}, "recurrence.until"},
        {{"daily", 1, {}, year_month_day{year{2027}, month{10}, day{1}}, std::nullopt}, "recurrence"},
        // Found by fuzz/ics: Mondays only, from Tuesday to Sunday, gave no occurrence at all (409
        // with no clash instead of 422).
        {{"weekly", 1, {0}, year_month_day{year{2026}, month{12}, day{6}}, std::nullopt}, "recurrence.until"},
    };
    for (const auto& c : cases) {
        try {
            ExpandRecurrence(first, c.rule);
            ADD_FAILURE() << "accepted a bad rule, expected " << c.field;
        } catch (const Error& e) {
            EXPECT_EQ(e.field(), c.field) << e.what();
        }
    }
}

TEST(ICalendar, FoldsAt75OctetsWithoutSplittingCharactersAndEscapesText) {
    std::string summary =
        "SUMMARY:" +
        IcsEscape("循環器デバイス共同研究, 定例; 第3回\n議題: 臨床ニーズと試作品の評価について詳しく話し合う");
    std::string folded = IcsLine(summary);
    size_t pos = 0;
    std::string unfolded;
    while (pos < folded.size()) {
        size_t end = folded.find("\r\n", pos);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - pos, 75u);
        std::string line = folded.substr(pos, end - pos);
        unfolded += pos == 0 ? line : line.substr(1);
        pos = end + 2;
    }
    EXPECT_EQ(unfolded, summary);
    EXPECT_NE(summary.find("共同研究\\, 定例\\; 第3回\\n議題"), std::string::npos);
    EXPECT_EQ(IcsUtc(Tokyo(2026, 12, 1, 10)), "20261201T010000Z");
    EXPECT_EQ(IcsLocal(Tokyo(2026, 12, 1, 10)), "20261201T100000");
}

// Found by fuzz/ics: control characters other than CR and LF went into the feed as they were.
TEST(ICalendar, TextKeepsNoControlCharacterButTab) {
    std::string text = std::string("a\tb\x01") + "c\x0B\x1F\x7F\r\nd" + '\0' + "e";
    EXPECT_EQ(IcsEscape(text), "a\tbc\\nde");
}

// --- The free-slot search ----------------------------------------------------------------

SlotSpace Room(const std::string& id, int opens = 8 * 60, int closes = 22 * 60, int max_minutes = 240) {
    SlotSpace r;
    r.space.id = id;
    r.space.name_ja = "会議室" + id;
    r.space.name_en = "Room " + id;
    r.space.opens_at = opens;
    r.space.closes_at = closes;
    r.space.max_minutes = max_minutes;
    return r;
}

SlotSearch Window(Seconds from, Seconds to, size_t limit = 5, int minutes = 60) {
    SlotSearch q;
    q.minutes = minutes;
    q.from = from;
    q.to = to;
    q.now = from - hours{24};
    q.limit = limit;
    return q;
}

std::vector<std::string> Starts(const std::vector<SlotProposal>& slots) {
    std::vector<std::string> out;
    out.reserve(slots.size());
    for (const auto& s : slots) out.push_back(FormatTokyo(s.start).substr(0, 16) + " " + s.space_id);
    return out;
}

TEST(FreeSlots, EarliestOnAThirtyMinuteGridInsideOpeningHours) {
    // Tuesday 2026-12-01, from 07:10: the room opens at 09:00.
    auto slots = FindFreeSlots({Room("A", 9 * 60)}, {}, Window(Tokyo(2026, 12, 1, 7, 10), Tokyo(2026, 12, 1, 23), 1));
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-01T09:00 A"}));
    // From 09:10 the next grid point is 09:30.
    slots = FindFreeSlots({Room("A", 9 * 60)}, {}, Window(Tokyo(2026, 12, 1, 9, 10), Tokyo(2026, 12, 1, 23), 1));
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-01T09:30 A"}));
    // Closing at 10:00 leaves no room for an hour from 09:30 on.
    slots =
        FindFreeSlots({Room("A", 9 * 60, 10 * 60)}, {}, Window(Tokyo(2026, 12, 1, 9, 10), Tokyo(2026, 12, 1, 23), 1));
    EXPECT_TRUE(slots.empty());
    // Longer than the room's maximum: never proposed.
    slots = FindFreeSlots({Room("A", 8 * 60, 22 * 60, 60)}, {},
                          Window(Tokyo(2026, 12, 1, 8), Tokyo(2026, 12, 3, 0), 5, 90));
    EXPECT_TRUE(slots.empty());
}

TEST(FreeSlots, ABusyPersonRemovesTheSlotAndIntervalsAreHalfOpen) {
    // The person is busy 09:00–10:00 and 10:30–11:00: the first free hour starts at 11:00
    // (ending 10:00 / starting 11:00 do not clash).
    std::vector<Slot> busy{{Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 1, 10)},
                           {Tokyo(2026, 12, 1, 10, 30), Tokyo(2026, 12, 1, 11)}};
    auto slots = FindFreeSlots({Room("A", 9 * 60)}, busy, Window(Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 2, 0), 1));
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-01T11:00 A"}));
    // Ending exactly when the busy time starts is free too.
    busy = {{Tokyo(2026, 12, 1, 10), Tokyo(2026, 12, 1, 12)}};
    slots = FindFreeSlots({Room("A", 9 * 60)}, busy, Window(Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 2, 0), 1));
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-01T09:00 A"}));
}

TEST(FreeSlots, TakesTheFirstFreeRoomInOrder) {
    auto a = Room("A", 9 * 60), b = Room("B", 9 * 60);
    a.busy = {{Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 1, 12)}};
    auto slots = FindFreeSlots({a, b}, {}, Window(Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 2, 0), 1));
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-01T09:00 B"}));
    b.busy = {{Tokyo(2026, 12, 1, 8), Tokyo(2026, 12, 1, 9, 30)}};
    slots = FindFreeSlots({a, b}, {}, Window(Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 2, 0), 1));
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-01T09:30 B"}));
}

TEST(FreeSlots, SpreadsOverWeekdaysAndAtMostTwoPerDay) {
    // Thursday 3rd to Tuesday 8th: Thu, Fri, Mon, Tue; the weekend is skipped.
    auto q = Window(Tokyo(2026, 12, 3, 9), Tokyo(2026, 12, 8, 23), 5);
    auto slots = FindFreeSlots({Room("A", 9 * 60)}, {}, q);
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-03T09:00 A", "2026-12-03T10:00 A", "2026-12-04T09:00 A",
                                                       "2026-12-07T09:00 A", "2026-12-08T09:00 A"}));
    // One day only: two proposals that do not overlap, never a third.
    slots = FindFreeSlots({Room("A", 9 * 60)}, {}, Window(Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 1, 23), 5));
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-01T09:00 A", "2026-12-01T10:00 A"}));
    // A weekend window gives nothing.
    slots = FindFreeSlots({Room("A")}, {}, Window(Tokyo(2026, 12, 5, 0), Tokyo(2026, 12, 7, 0), 5));
    EXPECT_TRUE(slots.empty());
}

TEST(FreeSlots, NothingInThePastAndTheWindowIsRespected) {
    auto q = Window(Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 1, 12), 5);
    q.now = Tokyo(2026, 12, 1, 10, 1);
    auto slots = FindFreeSlots({Room("A")}, {}, q);
    // 10:30–11:30 and 11:00–12:00 overlap, so the day's second proposal cannot be 11:00.
    EXPECT_EQ(Starts(slots), (std::vector<std::string>{"2026-12-01T10:30 A"}));
    q.now = Tokyo(2026, 12, 1, 11, 30);
    EXPECT_TRUE(FindFreeSlots({Room("A")}, {}, q).empty()) << "an hour from 11:30 ends after the window";
}

TEST(FreeSlots, MergeJoinsOverlappingAndTouchingIntervals) {
    auto merged = MergeSlots({{Tokyo(2026, 12, 1, 11), Tokyo(2026, 12, 1, 12)},
                              {Tokyo(2026, 12, 1, 9), Tokyo(2026, 12, 1, 10)},
                              {Tokyo(2026, 12, 1, 9, 30), Tokyo(2026, 12, 1, 11)}});
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(merged[0].start, Tokyo(2026, 12, 1, 9));
    EXPECT_EQ(merged[0].end, Tokyo(2026, 12, 1, 12));
}

}  // namespace
}  // namespace renkei::building
