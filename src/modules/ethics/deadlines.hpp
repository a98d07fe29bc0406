// The legal deadlines of a protocol, computed by pure functions from the office's rules table
// (ethics_deadline_rules; each row cites its source) and what is known of the protocol. Periods
// count as the Civil Code says: 民法 第140条 (a period in days, months or years does not count
// its first day, unless the text counts "from" that day: 「…した日から起算して」), 第143条 (months
// and years follow the calendar; without the corresponding day in the last month the period ends
// on that month's last day), 第142条 (a period whose last day is a holiday ends on the next day,
// where the rule says so): platform/calendar.hpp.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/ethics/model.hpp"
#include "platform/calendar.hpp"

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

struct Rule {
    std::string code;
    int position = 0;
    std::string kind, trigger;
    std::vector<Category> categories;
    std::optional<std::vector<Seriousness>> seriousness;  // nullopt: any
    std::optional<bool> expected, unapproved;             // nullopt: either
    int amount = 0;
    PeriodUnit unit = PeriodUnit::kDay;
    bool first_day_counts = false;
    int repeat_months = 0;
    bool moves_to_business_day = false;
    std::string label_ja, label_en, source_ja, source_url, note;
    bool AppliesTo(Category c) const;
    bool Matches(const AdverseEvent& e) const;
};

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
