// Ethics review (倫理審査, SPEC §5, docs/ethics.md): plain types and the pure rules about them —
// the categories and statuses of a protocol, who may move it where, the next meeting a
// submission can make, and the median turnaround. The deadline rules are in deadlines.hpp. No
// I/O; model_test.cpp and deadlines_test.cpp pin the rules down.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::ethics {

// 観察研究 / 介入研究 (人を対象とする生命科学・医学系研究に関する倫理指針), 特定臨床研究 (臨床研究法),
// 治験 (医薬品医療機器等法).
enum class Category { kObservational, kInterventional, kSpecifiedClinical, kClinicalTrial };
struct CategoryText {
    Category value;
    std::string_view text, label_ja, label_en;
};
inline constexpr std::array<CategoryText, 4> kCategories = {{
    {Category::kObservational, "observational", "観察研究", "Observational study"},
    {Category::kInterventional, "interventional", "介入研究", "Interventional study"},
    {Category::kSpecifiedClinical, "specified_clinical", "特定臨床研究", "Specified clinical trial"},
    {Category::kClinicalTrial, "clinical_trial", "治験", "Clinical trial (chiken)"},
}};
constexpr const auto& TextsOf(Category) { return kCategories; }

enum class Status {
    kPreparing,
    kSubmitted,
    kRevisionsRequested,
    kApproved,
    kActive,
    kCompleted,
    kSuspended,
    kWithdrawn
};
struct StatusText {
    Status value;
    std::string_view text, label_ja, label_en;
};
inline constexpr std::array<StatusText, 8> kStatuses = {{
    {Status::kPreparing, "preparing", "準備中", "Preparing"},
    {Status::kSubmitted, "submitted", "審査中", "Submitted"},
    {Status::kRevisionsRequested, "revisions_requested", "修正依頼", "Revisions requested"},
    {Status::kApproved, "approved", "承認", "Approved"},
    {Status::kActive, "active", "実施中", "Active"},
    {Status::kCompleted, "completed", "終了", "Completed"},
    {Status::kSuspended, "suspended", "中断", "Suspended"},
    {Status::kWithdrawn, "withdrawn", "取下げ", "Withdrawn"},
}};
constexpr const auto& TextsOf(Status) { return kStatuses; }

// How serious an adverse event is (臨床研究法施行規則 第54条's words).
enum class Seriousness { kDeath, kLifeThreatening, kSerious, kNonSerious };
inline constexpr std::array<EnumText<Seriousness>, 4> kSeriousness = {{
    {Seriousness::kDeath, "death"},
    {Seriousness::kLifeThreatening, "life_threatening"},
    {Seriousness::kSerious, "serious"},
    {Seriousness::kNonSerious, "non_serious"},
}};
constexpr const auto& TextsOf(Seriousness) { return kSeriousness; }

inline constexpr std::array<std::string_view, 2> kReviewTypes = {"full", "expedited"};
// institutional: the institution's ethics committee; certified: 認定臨床研究審査委員会.
inline constexpr std::array<std::string_view, 2> kCommitteeKinds = {"institutional", "certified"};

inline constexpr size_t kMaxSites = 50;
inline constexpr int kMaxEnrolment = 10'000'000;

// Who acts on a protocol: the investigators' side (PI and academic members), the reviewing
// committee, the office (which may do both sides' steps).
enum class Side { kInvestigator, kReviewer, kOffice };

// Whether `side` may move a protocol from `from` to `to`.
bool MayMove(Side side, Status from, Status to);
// completed and withdrawn: nothing moves any more.
bool IsTerminal(Status s);
// The statuses in which the investigators may still change the protocol's contents.
bool IsEditable(Status s);
// approved or active: the protocol answers the ethics_protocol_approved gate requirement.
bool CountsAsApproved(Status s);

struct PersonRef {
    std::string id, name_ja, name_en;
};

struct Meeting {
    std::string id, committee_id, meets_on, cutoff_on;  // YYYY-MM-DD
};
// The first meeting whose cut-off is today or later (meetings in any order); nullopt when the
// office has not planned one yet.
std::optional<Meeting> NextMeeting(const std::vector<Meeting>& meetings, const std::string& today);

struct Committee {
    std::string id, name_ja, name_en, kind = "institutional", certification_no;
    std::optional<int> approval_valid_months;
    bool active = true;
    std::vector<PersonRef> members;
    std::vector<Meeting> meetings;  // by date
    bool HasMember(const std::string& person_id) const;
};

struct Transition {
    std::string from, to, on, note;
    std::optional<PersonRef> actor;
    Seconds at;
};
struct EnrolmentCount {
    std::string counted_on;
    int enrolled = 0;
};
struct AdverseEvent {
    std::string id;
    std::optional<std::string> occurred_on;
    std::string learned_on;
    Seriousness seriousness = Seriousness::kNonSerious;
    bool expected = false, unapproved = false;
    std::string summary;
    PersonRef entered_by;
    Seconds created_at;
};
// A deadline met: the report of `kind` due on `due_on` for `subject_id` ("" or an adverse event).
struct Report {
    std::string kind, subject_id, due_on, filed_on;
};

// An amendment (変更申請) or a consent-form version (同意説明文書), reviewed on its own.
enum class AmendmentKind { kAmendment, kConsent };
inline constexpr std::array<EnumText<AmendmentKind>, 2> kAmendmentKinds = {{
    {AmendmentKind::kAmendment, "amendment"},
    {AmendmentKind::kConsent, "consent"},
}};
constexpr const auto& TextsOf(AmendmentKind) { return kAmendmentKinds; }
enum class AmendmentStatus { kSubmitted, kRevisionsRequested, kApproved, kWithdrawn };
inline constexpr std::array<EnumText<AmendmentStatus>, 4> kAmendmentStatuses = {{
    {AmendmentStatus::kSubmitted, "submitted"},
    {AmendmentStatus::kRevisionsRequested, "revisions_requested"},
    {AmendmentStatus::kApproved, "approved"},
    {AmendmentStatus::kWithdrawn, "withdrawn"},
}};
constexpr const auto& TextsOf(AmendmentStatus) { return kAmendmentStatuses; }
// The investigators resubmit and withdraw; the committee approves or asks for revisions; the office
// may do both. Approved and withdrawn ones are closed.
bool MayMoveAmendment(Side side, AmendmentStatus from, AmendmentStatus to);
inline constexpr size_t kMaxDocumentBytes = size_t{5} * 1024 * 1024;

struct Amendment {
    std::string id;
    AmendmentKind kind = AmendmentKind::kAmendment;
    int number = 0;
    std::string summary, filename;
    long long size_bytes = 0;
    AmendmentStatus status = AmendmentStatus::kSubmitted;
    std::string note, submitted_on;
    std::optional<std::string> decided_on;
    std::optional<PersonRef> decided_by;
    PersonRef created_by;
};

struct Protocol {
    std::string id, project_id, title_ja, title_en;
    Category category = Category::kObservational;
    std::string committee_id, review_type = "full";
    Status status = Status::kPreparing;
    PersonRef pi;
    std::vector<PersonRef> sub_investigators;
    std::vector<std::string> sites;
    std::optional<std::string> planned_start, planned_end;
    std::optional<int> target_enrolment;
    std::string jrct_id;
    std::optional<std::string> jrct_registered_on;
    std::string approval_no;
    std::optional<std::string> meeting_id, submitted_on, approved_on, expires_on, activated_on, completed_on;
    std::optional<std::string> created_by;
    Seconds created_at, updated_at;
    // Loaded with the protocol on its own page.
    std::vector<Transition> history;
    std::vector<EnrolmentCount> enrolment;
    std::vector<AdverseEvent> adverse_events;
    std::vector<Report> reports;
    std::vector<Amendment> amendments;
    // The newest approved consent-form version; 0 before any.
    int ConsentVersion() const;
    bool IsInvestigator(const std::string& person_id) const;
    int Enrolled() const;  // the latest count, 0 before any
};

// The median of whole days from each pair's submission to its approval; nullopt for none.
std::optional<double> MedianDays(std::vector<int> days);

// The date `months` calendar months after `d` (the same day, or the month's last day).
Date AddMonths(Date d, int months);

}  // namespace renkei::ethics
