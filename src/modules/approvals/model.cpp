#include "modules/approvals/model.hpp"

#include <algorithm>

#include "platform/json.hpp"

namespace renkei::approvals {

bool InBand(const Rule& r, long long amount) {
    return amount >= r.amount_from && (!r.amount_to || amount < *r.amount_to);
}

bool Overlaps(const Rule& a, const Rule& b) {
    if (a.kind != b.kind || a.subject_type != b.subject_type) return false;
    // [a.from, a.to) and [b.from, b.to) share an amount when each starts before the other ends.
    bool a_before_b_ends = !b.amount_to || a.amount_from < *b.amount_to;
    bool b_before_a_ends = !a.amount_to || b.amount_from < *a.amount_to;
    return a_before_b_ends && b_before_a_ends;
}

std::optional<Rule> ChooseRule(const std::vector<Rule>& rules, SubjectKind kind, const std::string& type,
                               std::optional<long long> amount) {
    long long a = amount.value_or(0);
    std::optional<Rule> any;
    for (const auto& r : rules) {
        if (r.kind != kind || !InBand(r, a)) continue;
        if (!type.empty() && r.subject_type == type) return r;
        if (r.subject_type.empty() && !any) any = r;
    }
    return any;
}

std::optional<Problem> CheckRule(const Rule& r) {
    if (r.amount_from < 0 || r.amount_from > kMaxAmount)
        return Problem{"amount_from", "amount_from must be 0 or more (yen)"};
    if (r.amount_to && (*r.amount_to <= r.amount_from || *r.amount_to > kMaxAmount))
        return Problem{"amount_to", "amount_to must be more than amount_from (or empty: no upper bound)"};
    if (r.steps.empty()) return Problem{"steps", "a chain has at least one step"};
    if (r.steps.size() > kMaxSteps) return Problem{"steps", "a chain has at most 10 steps"};
    if (r.note.size() > 2000 || !CleanUtf8(r.note, true)) return Problem{"note", "note must be clean text"};
    for (size_t i = 0; i < r.steps.size(); ++i) {
        const auto& s = r.steps[i];
        std::string at = "steps[" + std::to_string(i) + "].";
        if (Trim(s.label_ja).empty() || Utf8Length(s.label_ja) > 100 || !CleanUtf8(s.label_ja, false))
            return Problem{at + "label_ja", "each step needs a label of at most 100 characters"};
        if (Utf8Length(s.label_en) > 100 || !CleanUtf8(s.label_en, false))
            return Problem{at + "label_en", "label_en is at most 100 characters"};
        if (s.approver == Approver::kPerson && s.person_id.empty())
            return Problem{at + "person_id", "a person step names its approver"};
        if (s.approver == Approver::kRole && s.role.empty()) return Problem{at + "role", "a role step names the role"};
        if (s.approver == Approver::kCommittee && std::count_if(r.steps.begin(), r.steps.end(), [](const StepRule& x) {
                                                      return x.approver == Approver::kCommittee;
                                                  }) > 1)
            return Problem{at + "approver", "the committee decides once in a chain"};
    }
    return std::nullopt;
}

bool IsApprover(const Step& step, const std::optional<std::string>& prepared_by, const Actor& who) {
    if (who.person_id.empty()) return false;
    switch (step.approver) {
        case Approver::kPerson:
            return step.person_id && *step.person_id == who.person_id;
        case Approver::kRole:
            if (prepared_by && *prepared_by == who.person_id) return false;
            return (step.role && who.roles.count(*step.role)) || who.roles.count("admin");
        case Approver::kCommittee:
            return false;
    }
    return false;
}

double DaysBetween(Seconds from, Seconds to) { return static_cast<double>((to - from).count()) / 86400.0; }

}  // namespace renkei::approvals
