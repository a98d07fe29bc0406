#include "modules/ethics/deadlines.hpp"

#include <algorithm>

namespace renkei::ethics {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

}  // namespace

bool Rule::AppliesTo(Category c) const {
    return std::find(categories.begin(), categories.end(), c) != categories.end();
}

bool Rule::Matches(const AdverseEvent& e) const {
    if (seriousness && std::find(seriousness->begin(), seriousness->end(), e.seriousness) == seriousness->end())
        return false;
    if (expected && *expected != e.expected) return false;
    if (unapproved && *unapproved != e.unapproved) return false;
    return true;
}

std::vector<Deadline> Deadlines(const Protocol& p, const std::vector<Rule>& rules, Date until) {
    std::vector<Deadline> out;
    auto filed = [&](const std::string& kind, const std::string& subject) -> std::optional<std::string> {
        for (const auto& r : p.reports)
            if (r.kind == kind && r.subject_id == subject) return r.filed_on;
        return std::nullopt;
    };
    auto add = [&](const Rule& rule, Date legal, const std::string& subject, const std::optional<std::string>& done) {
        Deadline d;
        d.kind = rule.kind;
        d.rule_code = rule.code;
        d.protocol_id = p.id;
        d.subject_id = subject;
        d.label_ja = rule.label_ja;
        d.label_en = rule.label_en;
        d.source_ja = rule.source_ja;
        d.source_url = rule.source_url;
        d.legal_due_on = FormatDate(legal);
        d.falls_on_holiday = IsClosedDay(legal);
        d.due_on = FormatDate(rule.moves_to_business_day ? NextOpenDay(legal) : legal);
        d.filed_on = done ? done : filed(rule.kind, subject);
        if (*ParseDate(d.due_on) <= until) out.push_back(std::move(d));
    };
    auto date = [](const std::optional<std::string>& s) { return s ? ParseDate(*s) : std::nullopt; };
    bool started = p.status != Status::kPreparing && !(p.status == Status::kWithdrawn && !p.approved_on);
    auto study_end = date(p.completed_on);
    for (const auto& rule : rules) {
        if (!rule.AppliesTo(p.category)) continue;
        const auto& t = rule.trigger;
        if (t == "adverse_event") {
            for (const auto& e : p.adverse_events)
                if (rule.Matches(e))
                    if (auto learned = ParseDate(e.learned_on))
                        add(rule, PeriodEnd(*learned, rule.amount, rule.unit, rule.first_day_counts), e.id,
                            std::nullopt);
        } else if (t == "plan_submitted" || t == "approval") {
            auto from = date(t == "approval" ? p.approved_on : p.jrct_registered_on);
            if (!from || !started || p.status == Status::kWithdrawn) continue;
            if (rule.repeat_months <= 0) {
                add(rule, PeriodEnd(*from, rule.amount, rule.unit, rule.first_day_counts), "", std::nullopt);
                continue;
            }
            // Each period of repeat_months from the start (first day counted), then the report
            // within `amount` units after it ends; none for a period that starts after the end.
            for (int n = 1; n < 1200; ++n) {
                Date period_end = PeriodEnd(*from, n * rule.repeat_months, PeriodUnit::kMonth, true);
                Date period_start =
                    n == 1 ? *from
                           : Date{sys_days{PeriodEnd(*from, (n - 1) * rule.repeat_months, PeriodUnit::kMonth, true)} +
                                  days{1}};
                if (study_end && period_start > *study_end) break;
                Date due = PeriodEnd(period_end, rule.amount, rule.unit, false);
                if (due > until) break;
                add(rule, due, FormatDate(period_end), std::nullopt);
            }
        } else if (t == "before_start") {
            if (!started) continue;
            auto start = date(p.planned_start);
            auto base = start ? Date{sys_days{*start} - days{1}} : date(p.approved_on);
            if (!base) base = date(p.submitted_on);
            if (!base) continue;
            add(rule, *base, "", p.jrct_registered_on);
        } else if (t == "data_collection_end") {
            if (study_end)
                add(rule, PeriodEnd(*study_end, rule.amount, rule.unit, rule.first_day_counts), "", std::nullopt);
        } else if (t == "approval_expiry") {
            auto expires = date(p.expires_on);
            if (expires &&
                (p.status == Status::kApproved || p.status == Status::kActive || p.status == Status::kSuspended))
                add(rule, *expires, *p.expires_on, std::nullopt);  // each approval period renews on its own
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) {
        return a.due_on != b.due_on ? a.due_on < b.due_on : a.kind < b.kind;
    });
    return out;
}

}  // namespace renkei::ethics
