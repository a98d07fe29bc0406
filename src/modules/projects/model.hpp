// Joint research projects (§5-4): plain types and the pure rules about them — stages and their
// gates, progress-report periods, fiscal years, milestones, document limits, the committee's goal.
// No I/O; the unit tests in model_test.cpp pin these rules down.
#pragma once
#include <array>
#include <boost/json.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::projects {

// The road from an idea to a product with sales, declared in road order. Each stage's text (in
// JSON, the database and the audit log) and its Japanese label are in kStageTexts.
enum class Stage {
    kExploration,
    kFeasibility,
    kJointResearch,
    kPreClinical,
    kClinicalStudy,
    kRegulatory,
    kLaunched,
    kSales
};
struct StageText {
    Stage value;
    std::string_view text, label_ja;
};
inline constexpr std::array<StageText, 8> kStageTexts = {{
    {Stage::kExploration, "exploration", "探索"},
    {Stage::kFeasibility, "feasibility", "実現可能性検討"},
    {Stage::kJointResearch, "joint_research", "共同研究"},
    {Stage::kPreClinical, "pre_clinical", "前臨床"},
    {Stage::kClinicalStudy, "clinical_study", "臨床研究"},
    {Stage::kRegulatory, "regulatory", "薬事"},
    {Stage::kLaunched, "launched", "上市"},
    {Stage::kSales, "sales", "販売"},
}};
constexpr const auto& TextsOf(Stage) { return kStageTexts; }
// The stages' texts in road order (kStages[i] is the text of the stage at StageIndex i).
inline constexpr std::array<std::string_view, kStageTexts.size()> kStages = [] {
    std::array<std::string_view, kStageTexts.size()> out{};
    for (size_t i = 0; i < out.size(); ++i) out[i] = kStageTexts[i].text;
    return out;
}();

// Where a project is: proposed (waiting for the committee), active, rejected by the committee or
// closed; with its text and Japanese label.
enum class Status { kProposed, kActive, kRejected, kClosed };
struct StatusText {
    Status value;
    std::string_view text, label_ja;
};
inline constexpr std::array<StatusText, 4> kStatuses = {{
    {Status::kProposed, "proposed", "申請中"},
    {Status::kActive, "active", "実施中"},
    {Status::kRejected, "rejected", "不承認"},
    {Status::kClosed, "closed", "終了"},
}};
constexpr const auto& TextsOf(Status) { return kStatuses; }

std::string_view LabelJa(Stage stage);
std::string_view LabelJa(Status status);
// A proposed or rejected project exists only for those who see it in full (its members, the
// office, the committee and admins); to everyone else it is not found.
bool IsHiddenFromOutsiders(Status status);
// Rejected or closed: nothing about the project changes any more.
bool IsClosed(Status status);

// strategic: one of the four areas of §5-4; open_call: 学内公募; joint: other joint or contract research.
inline constexpr std::array<std::string_view, 3> kKinds = {"strategic", "open_call", "joint"};
inline constexpr std::array<std::string_view, 5> kMemberRoles = {"pi", "company_lead", "co_investigator", "researcher",
                                                                 "coordinator"};
inline constexpr std::array<std::string_view, 4> kReportPeriods = {"weekly", "biweekly", "monthly", "quarterly"};
// public: everyone signed in; internal: members, office and committee; confidential: members only.
inline constexpr std::array<std::string_view, 3> kVisibilities = {"public", "internal", "confidential"};
// Who approves a gate: the project's PI, its company lead, the office or the committee.
inline constexpr std::array<std::string_view, 4> kApprovers = {"pi", "company_lead", "office", "committee"};
inline constexpr std::array<std::string_view, 2> kLinkKinds = {"need", "seed"};

bool IsStage(std::string_view s);  // the text of a stage
bool IsKind(std::string_view s);
bool IsMemberRole(std::string_view s);
bool IsReportPeriod(std::string_view s);
bool IsVisibility(std::string_view s);
bool IsApprover(std::string_view s);
bool IsLinkKind(std::string_view s);
// Position on the road (exploration = 0 … sales = 7); for a text, -1 when it names no stage.
int StageIndex(Stage stage);
int StageIndex(std::string_view stage);
// The stage after `stage`, or nullopt at the end of the road.
std::optional<Stage> NextStage(Stage stage);
// A project moves one stage forward at a time, and only while active.
bool IsAllowedMove(Status status, Stage from, Stage to);

// A gate requirement: what must exist before a project may enter a stage. `module` names who
// satisfies it: "projects" checks its own data; any other module (contracts, ethics, coi, ip)
// answers through a registered check, and until that module exists the office confirms it by
// hand with a note (so the gate works today and tightens when the module lands).
struct Requirement {
    std::string_view code, module, label_ja, label_en;
};
const std::vector<Requirement>& RequirementCatalogue();
const Requirement* FindRequirement(std::string_view code);

// What the projects module knows about a project, for its own requirements.
struct GateFacts {
    bool has_pi = false, has_company_lead = false, has_aims = false;
    int milestones = 0, overdue_milestones = 0;
    bool budget_current_fiscal_year = false;
    int acknowledged_reports = 0;
    bool has_product = false, product_launched = false;
    int sales_records = 0;
    std::set<std::string> confirmed;       // codes the office confirmed by hand
    std::map<std::string, bool> external;  // answers of other modules' registered checks
};

struct ChecklistItem {
    std::string code, module, label_ja, label_en;
    bool satisfied = false;
    std::string how;  // "projects" | "module" | "confirmed" | "" (not satisfied)
    // Answered by the projects module or by a registered module check: a hand confirmation
    // by the office does not count for it.
    bool automatic = false;
};
// Evaluates each requirement in order. Unknown codes are never satisfied.
std::vector<ChecklistItem> EvaluateGate(const std::vector<std::string>& requirements, const GateFacts& facts);
bool GatePasses(const std::vector<ChecklistItem>& checklist);

// Who may approve a gate, given the approver kind and what the person is to the project.
struct Relation {
    bool is_pi = false, is_company_lead = false, is_member = false;
    bool is_office = false, is_committee = false, is_admin = false;
};
bool MayApproveGate(std::string_view approver, const Relation& who, bool is_requester);
// PI, company lead and the office steer a project (edit it, request stage changes).
bool MaySteer(const Relation& who);
// Full view: members, and the office, committee and admins; everyone else sees the public summary.
bool MaySeeFull(const Relation& who);
bool MaySeeDocument(std::string_view visibility, const Relation& who);

// Adds whole months to YYYY-MM-DD (clamped to the month's last day); AddDays is in platform/time.hpp.
std::string AddMonths(std::string_view iso_date, int months);
// When the next progress report is due: one period after the last report, or after the
// project became active when there is none yet.
std::string NextReportDue(std::string_view period, std::string_view last_report_or_start);

// Documents: what may be uploaded.
inline constexpr size_t kMaxDocumentBytes = size_t{900} * 1024;  // under the server's 1 MiB body limit
bool IsAllowedDocumentType(std::string_view content_type);
// A file name safe to echo in Content-Disposition: no path, no control or quote characters.
bool IsSafeFileName(std::string_view name);

// The committee's goal (§6): at least one product or service on the market with sales by DATE.
struct ProductSales {
    std::optional<std::string> launched_on;  // YYYY-MM-DD
    std::vector<std::string> sale_periods;   // YYYY-MM with a positive amount
};
bool CountsTowardsGoal(const ProductSales& p, std::string_view goal_date);
bool IsYearMonth(std::string_view text);

// A person as the project pages show them (names resolved through the people service).
struct PersonRef {
    std::string id, name_ja, name_en;
};

struct Member {
    PersonRef person;
    std::string role;
    std::optional<std::string> organisation_id;
};
struct OrganisationRef {
    std::string organisation_id, role;  // role: sponsor | partner
    std::string name_ja, name_en;
};
struct Budget {
    int fiscal_year = 0;
    long long amount_yen = 0;
};
struct Link {
    std::string kind, target_id;
};

struct Project {
    std::string id, kind;
    std::optional<std::string> area_code;
    std::string title_ja, title_en, aims, public_summary;
    Status status = Status::kProposed;
    Stage stage = Stage::kExploration;
    Seconds stage_since;
    std::string report_period = "monthly";
    std::optional<Seconds> active_since;
    PersonRef proposed_by;
    std::optional<PersonRef> decided_by;
    std::optional<Seconds> decided_at;
    std::string decision_reason;
    Seconds created_at, updated_at;
    std::vector<Member> members;
    std::vector<OrganisationRef> organisations;
    std::vector<Budget> budgets;
    std::vector<Link> links;
    const Member* FindMember(const std::string& person_id) const;
    const Member* WithRole(std::string_view role) const;
};

struct Gate {
    Stage stage{};
    std::string approver;
    std::vector<std::string> requirements;
};

struct StageRequest {
    std::string id, project_id;
    Stage from_stage{}, to_stage{};
    std::string approver, note, state;  // state: pending|approved|rejected|withdrawn
    PersonRef requested_by;
    Seconds requested_at;
    std::optional<PersonRef> decided_by;
    std::optional<Seconds> decided_at;
    std::string reason;
};

struct StageChange {
    std::string id;
    std::optional<Stage> from_stage;  // none for the first stage, entered when the project was approved
    Stage to_stage{};
    Seconds at;
    std::optional<PersonRef> requested_by, approved_by;
    std::string note;
};

struct Confirmation {
    std::string code, note;
    PersonRef confirmed_by;
    Seconds confirmed_at;
};

struct Milestone {
    std::string id, project_id, title;
    PersonRef owner;
    std::string due_on;
    std::optional<Seconds> done_at;
    bool overdue = false;
};

// A progress review meeting (§5-4): who meets, when, in which room (a booking of the building
// module), the minutes, and decisions — each of which may become a task (a milestone).
inline constexpr std::array<std::string_view, 3> kMeetingStatuses = {"planned", "held", "cancelled"};
bool IsMeetingStatus(std::string_view s);
// A meeting lasts 15 minutes to 8 hours and starts on a quarter hour.
bool IsValidMeetingTime(Seconds start, Seconds end);

struct MeetingDecision {
    std::string id, meeting_id, text;
    std::optional<Milestone> task;  // the milestone it became, if any
    PersonRef created_by;
    Seconds created_at;
};

struct Meeting {
    std::string id, project_id, title;
    Seconds starts_at, ends_at;
    std::optional<std::string> space_id, booking_id;
    std::string space_name_ja, space_name_en;  // filled for display
    std::string status = "planned";
    std::string minutes;
    std::vector<PersonRef> attendees;
    PersonRef created_by;
    Seconds created_at, updated_at;
    std::vector<MeetingDecision> decisions;
};

struct Acknowledgement {
    PersonRef person;
    std::string role;
    Seconds at;
};
struct Report {
    std::string id, project_id;
    PersonRef author;
    std::string report_on, done, next, risks, help;
    Seconds submitted_at;
    std::vector<Acknowledgement> acknowledgements;
};

// An open inbox item of a project, held by someone whose place in the project changes, and why
// it was asked of them: `because` is the role ("pi", "company_lead") whose holder was asked (a
// report to acknowledge, a gate that role approves, the next report due), or "member" for what
// was asked of them as a member (a milestone they own).
struct HeldItem {
    std::string item_id, person_id, key;
    std::string because;
    std::set<std::string> not_for;  // who may not take it over: the report's author, who acknowledged it
};
// Where a held item goes: to `to`, or cancelled when `to` is nullopt.
struct Handover {
    std::string item_id;
    std::optional<std::string> to;
};
// When a project's members change (`after`: the new list), an item asked of a role's holder follows the role to its new
// holder, and an item asked of a member is cancelled when they leave the project. An item the new
// holder may not take (see HeldItem::not_for) or already holds (same key) is cancelled. Items that
// stay with their holder are not listed; the others come in the order given.
std::vector<Handover> FollowRoleHolders(const std::vector<Member>& after, const std::vector<HeldItem>& items);

struct DocumentVersion {
    int version = 0;
    std::string filename, content_type;
    long long size_bytes = 0;
    PersonRef uploaded_by;
    Seconds uploaded_at;
};
struct Document {
    std::string id, project_id, title, visibility;
    int current_version = 0;
    PersonRef created_by;
    Seconds created_at, updated_at;
    std::vector<DocumentVersion> versions;  // newest first
};

struct Sale {
    std::string period;  // YYYY-MM
    long long amount_yen = 0;
};
struct Product {
    std::string id, project_id, kind, name_ja, name_en, description;  // kind: product | service
    std::optional<std::string> launched_on;
    std::vector<Sale> sales;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const PersonRef& p);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Member& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const OrganisationRef& o);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Budget& b);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Link& l);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Gate& g);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const StageRequest& r);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const StageChange& c);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Confirmation& c);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const ChecklistItem& c);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Milestone& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Acknowledgement& a);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const MeetingDecision& d);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Meeting& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Report& r);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const DocumentVersion& v);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Document& d);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Sale& s);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Product& p);

}  // namespace renkei::projects
