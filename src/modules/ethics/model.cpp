#include "modules/ethics/model.hpp"

#include <algorithm>

namespace renkei::ethics {

bool MayMove(Side side, Status from, Status to) {
    using S = Status;
    if (from == to || IsTerminal(from)) return false;
    bool investigator = side == Side::kInvestigator || side == Side::kOffice;
    bool reviewer = side == Side::kReviewer || side == Side::kOffice;
    switch (to) {
        case S::kSubmitted:  // the first submission, or again after revisions
            return investigator && (from == S::kPreparing || from == S::kRevisionsRequested);
        case S::kRevisionsRequested:
        case S::kApproved:
            return reviewer && from == S::kSubmitted;
        case S::kActive:  // the study starts; or resumes after a suspension
            return (investigator && from == S::kApproved) || (reviewer && from == S::kSuspended);
        case S::kSuspended:
            return reviewer && (from == S::kApproved || from == S::kActive);
        case S::kCompleted:
            return investigator && from == S::kActive;
        case S::kWithdrawn:
            return investigator;
        case S::kPreparing:
            return false;
    }
    return false;
}

bool MayMoveAmendment(Side side, AmendmentStatus from, AmendmentStatus to) {
    using A = AmendmentStatus;
    if (from == A::kApproved || from == A::kWithdrawn || from == to) return false;
    bool investigator = side == Side::kInvestigator || side == Side::kOffice;
    bool reviewer = side == Side::kReviewer || side == Side::kOffice;
    switch (to) {
        case A::kSubmitted:
            return investigator && from == A::kRevisionsRequested;
        case A::kRevisionsRequested:
        case A::kApproved:
            return reviewer && from == A::kSubmitted;
        case A::kWithdrawn:
            return investigator;
    }
    return false;
}

bool IsTerminal(Status s) { return s == Status::kCompleted || s == Status::kWithdrawn; }
bool IsEditable(Status s) { return s == Status::kPreparing || s == Status::kRevisionsRequested; }
bool CountsAsApproved(Status s) { return s == Status::kApproved || s == Status::kActive; }

std::optional<Meeting> NextMeeting(const std::vector<Meeting>& meetings, const std::string& today) {
    const Meeting* best = nullptr;
    for (const auto& m : meetings)
        if (m.cutoff_on >= today && (!best || m.meets_on < best->meets_on)) best = &m;
    if (!best) return std::nullopt;
    return *best;
}

bool Committee::HasMember(const std::string& person_id) const {
    return std::any_of(members.begin(), members.end(), [&](const PersonRef& p) { return p.id == person_id; });
}

bool Protocol::IsInvestigator(const std::string& person_id) const {
    if (pi.id == person_id) return true;
    return std::any_of(sub_investigators.begin(), sub_investigators.end(),
                       [&](const PersonRef& p) { return p.id == person_id; });
}

int Protocol::ConsentVersion() const {
    int v = 0;
    for (const auto& a : amendments)
        if (a.kind == AmendmentKind::kConsent && a.status == AmendmentStatus::kApproved) v = std::max(v, a.number);
    return v;
}

int Protocol::Enrolled() const {
    const EnrolmentCount* latest = nullptr;
    for (const auto& e : enrolment)
        if (!latest || e.counted_on > latest->counted_on) latest = &e;
    return latest ? latest->enrolled : 0;
}

std::optional<double> MedianDays(std::vector<int> days) {
    if (days.empty()) return std::nullopt;
    std::sort(days.begin(), days.end());
    size_t n = days.size();
    if (n % 2) return days[n / 2];
    return (days[n / 2 - 1] + days[n / 2]) / 2.0;
}

Date AddMonths(Date d, int months) {
    using namespace std::chrono;
    year_month ym = year_month{d.year(), d.month()} + std::chrono::months{months};
    auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    return Date{ym.year(), ym.month(), std::min(d.day(), last)};
}

}  // namespace renkei::ethics
