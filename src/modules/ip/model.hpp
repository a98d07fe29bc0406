// Intellectual property (知財, SPEC §5, issue 15): the legal periods of an invention's life as pure
// functions. Each rule names the day its period runs from and its source; every period counts as
// the Patent Act says (特許法 第3条第1項: the first day is not counted; months and years by the
// calendar) and a period that ends on a day the patent office is closed — a Saturday, Sunday,
// national holiday or 29 December – 3 January — ends on the next day it is open (第3条第2項).
#pragma once
#include <array>
#include <optional>
#include <string_view>

#include "platform/calendar.hpp"
#include "platform/enum_text.hpp"

namespace renkei::ip {

enum class DeadlineKind {
    kParisPriority,        // from the first filing: 12 months (パリ条約 第4条C(1))
    kPctNationalPhase,     // from the priority date: 30 months in Japan (特許法 第184条の4第1項)
    kJpExaminationRequest, // from the filing date: 3 years (特許法 第48条の3第1項)
    kGracePeriodFiling,    // from one's own disclosure: 1 year (特許法 第30条第2項)
    kGracePeriodProof,     // from the filing date: 30 days (特許法 第30条第3項)
};
struct DeadlineRule {
    DeadlineKind value;
    std::string_view text;
    int amount;
    PeriodUnit unit;
    std::string_view from_ja, source_ja;
};
inline constexpr std::array<DeadlineRule, 5> kDeadlineRules = {{
    {DeadlineKind::kParisPriority, "paris_priority", 12, PeriodUnit::kMonth, "最初の出願の日",
     "パリ条約 第4条C(1)・(2)"},
    {DeadlineKind::kPctNationalPhase, "pct_national_phase", 30, PeriodUnit::kMonth, "優先日",
     "特許法 第184条の4第1項（国内書面提出期間）、PCT第22条(1)"},
    {DeadlineKind::kJpExaminationRequest, "jp_examination_request", 3, PeriodUnit::kYear, "特許出願の日",
     "特許法 第48条の3第1項"},
    {DeadlineKind::kGracePeriodFiling, "grace_period_filing", 1, PeriodUnit::kYear, "発明を公開した日",
     "特許法 第30条第2項（新規性喪失の例外）"},
    {DeadlineKind::kGracePeriodProof, "grace_period_proof", 30, PeriodUnit::kDay, "特許出願の日",
     "特許法 第30条第3項（証明書の提出）"},
}};
constexpr const auto& TextsOf(DeadlineKind) { return kDeadlineRules; }

// The last day for the step of `kind`, counted from `from`: the period's end, moved to the next
// day the patent office is open.
Date DueOn(DeadlineKind kind, Date from);
// The period's end before any move (for showing why a date moved).
Date LegalEnd(DeadlineKind kind, Date from);

}  // namespace renkei::ip
