// The legal deadlines of a protocol, computed by pure functions from the office's rules table
// (ethics_deadline_rules; each row cites its source) and what is known of the protocol. Periods
// count as the Civil Code says: 民法 第140条 (a period in days, months or years does not count
// its first day, unless the text counts "from" that day: 「…した日から起算して」), 第143条 (months
// and years follow the calendar; without the corresponding day in the last month the period ends
// on that month's last day), 第142条 (a period whose last day is a holiday ends on the next day,
// where the rule says so). Holidays are Japan's national holidays (国民の祝日に関する法律).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/ethics/model.hpp"

namespace renkei::ethics {

// What starts a rule's period.
//   adverse_event        the day the PI learnt of an adverse event that matches the rule
//   plan_submitted       the day the plan was submitted (the jRCT registration): periodic reports
//   approval             the approval day: periodic reports of studies under the guidelines
//   before_start         the jRCT registration, due the day before the planned start
//   data_collection_end  the day data collection ended (completed_on): the final report
//   approval_expiry      the day an approval expires, where the committee sets a period
inline constexpr std::array<std::string_view, 6> kTriggers = {
    "adverse_event", "plan_submitted", "approval", "before_start", "data_collection_end", "approval_expiry"};
inline constexpr std::array<std::string_view, 3> kUnits = {"day", "month", "year"};

struct Rule {
    std::string code;
    int position = 0;
    std::string kind, trigger;
    std::vector<Category> categories;
    std::optional<std::vector<Seriousness>> seriousness;  // nullopt: any
    std::optional<bool> expected, unapproved;             // nullopt: either
    int amount = 0;
    std::string unit = "day";
    bool first_day_counts = false;
    int repeat_months = 0;
    bool moves_to_business_day = false;
    std::string label_ja, label_en, source_ja, source_url, note;
    bool AppliesTo(Category c) const;
    bool Matches(const AdverseEvent& e) const;
};

// Japan's national holidays from 2000 (国民の祝日に関する法律: the fixed and "happy Monday" days,
// the equinoxes, 振替休日 and 国民の休日, and the special days of 2019–2021).
bool IsNationalHoliday(Date d);
// Not a Saturday, Sunday or national holiday. The year-end days (12/29–1/3) count as business
// days here: they are not holidays in law.
bool IsBusinessDay(Date d);
Date NextBusinessDay(Date d);  // d itself when it is one

// The last day of a period of `amount` units from `from` (民法 第140条, 第143条): the first day
// is not counted unless `first_day_counts`. amount 0 is the day itself.
Date PeriodEnd(Date from, int amount, const std::string& unit, bool first_day_counts);

struct Deadline {
    std::string kind, due_on, protocol_id, rule_code, subject_id;
    std::string label_ja, label_en, source_ja, source_url;
    std::string legal_due_on;  // before a move to the next business day
    bool falls_on_holiday = false;
    std::optional<std::string> filed_on;
};

// Every deadline of the protocol due on or before `until`, in due order (filed ones too, with
// `filed_on`). Periodic reports run from their trigger until the protocol completes or is
// withdrawn; the jRCT registration is met by its date; the final report needs completed_on.
std::vector<Deadline> Deadlines(const Protocol& p, const std::vector<Rule>& rules, Date until);

}  // namespace renkei::ethics
