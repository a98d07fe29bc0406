// The projects module's rules: proposing and approving projects, stages and their gates,
// milestones, progress reports, documents, products and sales, and the portfolio. Every change
// is audited in the caller's transaction and keeps the inbox in step (items posted when
// something is asked of a person, resolved when it is done).
//
// Other modules attach here without this module knowing them: a gate requirement owned by
// another module (ethics_protocol_approved, joint_research_agreement, coi_cleared, …) is
// answered by the check that module registers with RegisterRequirementCheck; until it does,
// the office confirms the requirement by hand with a note.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "modules/centre/service.hpp"
#include "modules/projects/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/obligation.hpp"
#include "platform/office/table.hpp"

namespace renkei::projects {

using Me = auth::Principal;

// Answers whether requirement `code` is satisfied for a project. Registered once at start-up
// (before serving); the check runs inside the request's transaction, with the request's clock
// reading `now` (see docs/developing.md: one clock reading per request).
using RequirementCheck = std::function<bool(db::Tx& tx, const std::string& project_id, Seconds now)>;
void RegisterRequirementCheck(const std::string& code, RequirementCheck check);

// For modules with a standing condition that holds a project back whatever its next gate asks
// (ethics: a suspended protocol): listed among the project's blockers on the portfolio while
// `blocked` answers true. Registered once at start-up, like the checks.
struct StandingBlocker {
    std::string code, module, label_ja, label_en;
    std::function<bool(db::Tx& tx, const std::string& project_id, Seconds now)> blocked;
};
void RegisterStandingBlocker(StandingBlocker blocker);

// For modules whose records extend the committee's chain from a clinical need to a product with
// sales (SPEC §8: need → introduction → NDA → project → invention → licence → product): a step
// counted centre-wide on the portfolio's goal, placed by `order` (need 10, introduction 20, NDA 30,
// project 40, invention 50, licence 60, product 70). Registered once at start-up.
struct ChainStep {
    std::string code;
    int order = 0;
    std::string label_ja, label_en;
    std::function<long long(db::Tx& tx)> count;
};
void RegisterChainStep(ChainStep step);

// For modules that follow projects (coi): a hook called, inside the request's transaction and with
// its clock reading `now`, after a project's members or organisations may have changed (proposal,
// update, approval). Registered once at start-up, like the checks.
using ProjectHook = std::function<void(db::Tx& tx, const Project& p, Seconds now)>;
void OnProjectChanged(ProjectHook hook);

// For the steering committee's module: a proposal on an open agenda of the committee is decided
// there, not by one member alone. The check answers nullopt when the project is on no open agenda,
// otherwise why (the refusal's message). Registered once at start-up.
using AgendaCheck = std::function<std::optional<std::string>(db::Tx& tx, const std::string& project_id)>;
void RegisterAgendaCheck(AgendaCheck check);
// The committee took the proposal onto an agenda: the committee members' inbox items asking each
// of them to decide it alone are withdrawn (the agenda's own item replaces them).
void TakenUpByCommittee(db::Tx& tx, const std::string& project_id, Seconds now);
// For the steering committee's module: stage changes waiting at a gate the committee approves
// (approver "committee"), oldest first, and one of them by its id (nullopt when it is not one). The
// agenda check above is also asked about a request's id before a committee member approves it alone.
struct CommitteeStageRequest {
    std::string request_id, project_id, title_ja, title_en;
    Stage from_stage{}, to_stage{};
};
std::vector<CommitteeStageRequest> StageRequestsAwaitingCommittee(db::Tx& tx);
std::optional<CommitteeStageRequest> FindStageRequestForCommittee(db::Tx& tx, const std::string& request_id);
// The committee took the stage request onto an agenda: the members' own approve items are withdrawn.
void StageRequestTakenUpByCommittee(db::Tx& tx, const std::string& request_id, Seconds now);
// The steering committee's decision on a stage request, recorded by the office (kForbidden for anyone
// else): approved, the project enters the stage (the gate is checked again: kConflict naming
// "requirements" when it no longer passes); rejected, with `reason`. kConflict naming "decision"
// when the request is no longer pending.
void DecideStageForCommittee(db::Tx& tx, const Me& recorder, const std::string& request_id, bool approve,
                             const std::string& reason, Seconds now);
// The stored project without permission checks (person names unresolved); the caller applies
// its own rules. Ids of the projects a person is a member of; ids of projects with a status.
std::optional<Project> FindProject(db::Tx& tx, const std::string& id);
std::set<std::string> ProjectsOfMember(db::Tx& tx, const std::string& person_id);
std::vector<std::string> ProjectIdsWithStatus(db::Tx& tx, Status status);

struct MemberInput {
    std::string person_id, role;
};
struct NewProject {
    std::string kind;
    std::optional<std::string> area_code;
    std::string title_ja, title_en, aims, public_summary;
    std::string report_period = "monthly";
    std::string pi_id, company_lead_id;
    std::vector<MemberInput> members;  // others besides the PI and the company lead
    std::vector<OrganisationRef> organisations;
    std::vector<Budget> budgets;
    std::vector<Link> links;
    // The accepted introduction (exchange) this proposal comes from: it records the project and
    // the outcome "project_proposal".
    std::optional<std::string> introduction_id;
};
struct ProjectPatch {
    std::optional<std::string> kind, title_ja, title_en, aims, public_summary, report_period;
    std::optional<std::optional<std::string>> area_code;
    std::optional<std::vector<MemberInput>> members;  // the full list, PI and company lead included
    std::optional<std::vector<OrganisationRef>> organisations;
    std::optional<std::vector<Budget>> budgets;
    std::optional<std::vector<Link>> links;
};

// Anyone with a working role (clinician, researcher, company researcher, office, committee)
// may propose; the proposer joins as a member. Committee members find it in their inbox.
// Throws kInvalid naming the field.
Project Propose(db::Tx& tx, const Me& me, const NewProject& in, Seconds now);
// PI, company lead and office only (kForbidden); kNotFound when the caller may not know it.
Project Update(db::Tx& tx, const Me& me, const std::string& id, const ProjectPatch& in, Seconds now);
// Records that an accepted introduction led to this existing project (PI, company lead or
// office who is also a party of the introduction or the office): the introduction's outcome
// becomes project_started (active) / project_proposal, its need and seed join the links.
Project LinkIntroduction(db::Tx& tx, const Me& me, const std::string& id, const std::string& introduction_id,
                         Seconds now);
// A committee member approves (the project becomes active in exploration) or rejects with a
// reason. kConflict when it is not waiting for a decision, or when it is on an open agenda of the
// steering committee (then the committee decides it as a body).
Project Decide(db::Tx& tx, const Me& me, const std::string& id, bool approve, const std::string& reason, Seconds now);
// The steering committee's decision, taken in a meeting or in writing under its rules and recorded
// by the office (`recorder`, kForbidden otherwise): as Decide, the recorder named as the decider.
Project DecideForCommittee(db::Tx& tx, const Me& recorder, const std::string& id, bool approve,
                           const std::string& reason, Seconds now);

// The open call (学内公募): a selected proposal becomes an active project of kind open_call at
// once, decided by the committee member who approved the selection (`me`); `proposer_id` (the
// applicant) is recorded as its proposer and is a member as the PI. The committee, or the office
// recording the committee's decision, only (kForbidden); kInvalid naming the field as Propose does. Audited as
// "approve".
Project StartFromOpenCall(db::Tx& tx, const Me& me, const NewProject& in, const std::string& proposer_id,
                          const std::string& reason, Seconds now);

// The public face of a project: what a list shows and what everyone signed in may see.
struct ProjectSummary {
    Project project;                            // in a list: core columns, with the PI and company lead
    std::optional<PersonRef> pi, company_lead;  // names filled
    bool full_access = false;                   // "access": "full" | "summary"
};
// A need or seed the project is linked to, as the caller sees it.
struct LinkView {
    Link link;
    std::string title, status;
    bool confidential = false;
};
// What the caller may do on the project page.
struct ProjectPermissions {
    bool edit = false, decide = false, request_stage = false, approve_stage = false, report = false,
         acknowledge = false, upload = false, confirm = false, member = false;
};
// The project page. Members, office, committee and admins see it all (summary.full_access, the
// project's people and organisations named); everyone else only the summary (the rest is empty).
struct ProjectView {
    ProjectSummary summary;
    std::vector<LinkView> links;  // only the needs and seeds the caller may see
    std::vector<StageChange> history;
    std::optional<StageRequest> pending_request;
    std::vector<Confirmation> confirmations;
    std::optional<Product> product;
    std::optional<std::string> last_report_on, next_report_due;
    bool report_overdue = false;
    ProjectPermissions permissions;
};
// The project as the caller may see it: everything for members, office, committee and admins
// ("access": "full"), the public summary for everyone else ("access": "summary"); kNotFound for
// a proposed or rejected project the caller is not part of.
ProjectView GetProject(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
struct ListFilter {
    std::string q, area, stage, kind, status;  // texts as sent; a status that names none matches nothing
    std::string need, seed;                    // projects linked to this need / seed (which the caller must see)
    bool mine = false;
};
struct ListedProject {
    ProjectSummary summary;  // full_access: the caller is a member or sees every project
    bool member = false;
};
std::vector<ListedProject> ListProjects(db::Tx& tx, const Me& me, const ListFilter& f, Seconds now);

// The gate into the next stage (none at the end of the road: no stage, no approver, no items).
struct NextGateView {
    std::optional<Stage> to_stage;
    std::optional<std::string> approver;  // none when no gate is configured
    std::vector<ChecklistItem> items;
    bool passes = false;
};
// The gate into the next stage, evaluated for this project (full access only).
NextGateView NextGate(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// Asks to move to `to_stage` (the next one). PI, company lead or office. kConflict (field
// "requirements") while the checklist is incomplete or another request is pending. When the
// requester is the gate's approver (a PI asking where the PI approves), the move happens at once.
StageRequest RequestStage(db::Tx& tx, const Me& me, const std::string& id, const std::string& to_stage,
                          const std::string& note, Seconds now);
// The gate's approver approves (the stage changes, the timeline and the audit log record it)
// or rejects with a reason; the requester may withdraw.
StageRequest DecideStage(db::Tx& tx, const Me& me, const std::string& id, const std::string& request_id,
                         const std::string& decision, const std::string& reason, Seconds now);
// The office confirms by hand a requirement owned by another module (with the evidence as a note).
Confirmation Confirm(db::Tx& tx, const Me& me, const std::string& id, const std::string& code, const std::string& note,
                     Seconds now);

std::vector<Gate> ListGates(db::Tx& tx);
struct GateInput {
    std::string stage;  // the stage's text, as sent
    std::string approver;
    std::vector<std::string> requirements;
};
// Office and admin. kNotFound for a stage without a gate (unknown, or exploration, where every
// project starts); kInvalid (approver / requirements) for unknown values.
Gate UpdateGate(db::Tx& tx, const Me& me, const GateInput& in, Seconds now);

Milestone AddMilestone(db::Tx& tx, const Me& me, const std::string& id, const std::string& title,
                       const std::string& owner_id, const std::string& due_on, Seconds now);
struct MilestonePatch {
    std::optional<std::string> title, owner_id, due_on;
    std::optional<bool> done;
};
Milestone UpdateMilestone(db::Tx& tx, const Me& me, const std::string& id, const std::string& milestone_id,
                          const MilestonePatch& in, Seconds now);
std::vector<Milestone> ListMilestones(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

struct NewReport {
    std::string done, next, risks, help;
};
// Members of an active project. The PI and company lead (except the author) are asked to acknowledge.
Report SubmitReport(db::Tx& tx, const Me& me, const std::string& id, const NewReport& in, Seconds now);
std::vector<Report> ListReports(db::Tx& tx, const Me& me, const std::string& id, int limit);
// The PI or company lead; kConflict when already acknowledged.
Report Acknowledge(db::Tx& tx, const Me& me, const std::string& id, const std::string& report_id, Seconds now);

struct Upload {
    std::string title, visibility, filename, content_type, bytes;
};
Document UploadDocument(db::Tx& tx, const Me& me, const std::string& id, const Upload& in, Seconds now);
Document UploadVersion(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                       const Upload& in, Seconds now);
Document ChangeDocument(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                        const std::optional<std::string>& title, const std::optional<std::string>& visibility,
                        Seconds now);
std::vector<Document> ListDocuments(db::Tx& tx, const Me& me, const std::string& id);
struct Download {
    std::string filename, content_type, bytes;
};
// Whether `me` may see the document (by its id alone): the document rule of its project. For
// the audit log, which shows a confidential document's records to its project's members only.
bool MayReadDocument(db::Tx& tx, const Me& me, const std::string& document_id);
Download DownloadDocument(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                          std::optional<int> version);

struct ProductInput {
    std::string kind, name_ja, name_en, description;
    std::optional<std::string> launched_on;
};
Product SaveProduct(db::Tx& tx, const Me& me, const std::string& id, const ProductInput& in, Seconds now);
Product RecordSale(db::Tx& tx, const Me& me, const std::string& id, const Sale& sale, Seconds now);

// ---- progress review meetings (meetings.cpp) ----
struct NewMeeting {
    std::string title;
    std::vector<std::string> attendee_ids;  // project members (the caller joins when a member)
    Seconds start, end;
    std::optional<std::string> space_id;  // book this room for the meeting (building module)
};
// Members and the office of an active project. kInvalid naming the field (attendee_ids, start,
// end, space_id); kConflict (field "space_id") when the room is taken.
Meeting CreateMeeting(db::Tx& tx, const Me& me, const std::string& id, const NewMeeting& in, Seconds now);
struct MeetingPatch {
    std::optional<std::string> title, minutes, status;
};
// Members and the office record minutes and mark it held or cancelled (cancelling frees the room).
Meeting UpdateMeeting(db::Tx& tx, const Me& me, const std::string& id, const std::string& meeting_id,
                      const MeetingPatch& in, Seconds now);
std::vector<Meeting> ListMeetings(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
struct TaskInput {
    std::string owner_id, due_on;
};
// Members and the office record a decision; with a task it becomes a milestone with that owner
// and due date (the PI, the company lead or the office only: they plan milestones), which lands
// in the owner's inbox.
Meeting AddDecision(db::Tx& tx, const Me& me, const std::string& id, const std::string& meeting_id,
                    const std::string& text, const std::optional<TaskInput>& task, Seconds now);
// Turns a recorded decision into a task later. kConflict when it is one already.
Meeting DecisionToTask(db::Tx& tx, const Me& me, const std::string& id, const std::string& meeting_id,
                       const std::string& decision_id, const TaskInput& task, Seconds now);

// The committee's goal: a product with sales by `date`, and the pipeline of active projects.
struct GoalProduct {
    Product product;
    bool counts_towards_goal = false;
    std::optional<std::string> project_title_ja, project_title_en;  // none when the project is not listed
};
struct StageCount {
    Stage stage{};
    long long projects = 0;
};
struct ChainCount {
    std::string code, label_ja, label_en;
    long long count = 0;
};
struct GoalView {
    std::string date;
    bool met = false;
    int products_counting = 0;
    std::vector<GoalProduct> products;
    std::vector<StageCount> funnel;  // every stage in road order, active projects only
    std::vector<ChainCount> chain;   // need → … → product, in order
    std::string today;
};
// One project on the portfolio board.
struct PortfolioRow {
    std::string id, kind, title_ja, title_en;
    Status status{};
    Stage stage{};
    std::optional<std::string> area_code;
    Seconds stage_since;
    std::optional<PersonRef> pi, company_lead;
    int reports = 0, open_milestones = 0, overdue_milestones = 0;
    bool report_overdue = false;
    std::optional<std::string> last_report_on, next_report_due;
    std::optional<Stage> pending_stage;
};
struct MarketRow {
    PortfolioRow row;
    std::optional<Stage> next_stage;      // none at the end of the road
    std::vector<ChecklistItem> blockers;  // the next gate's unmet requirements
};
struct PortfolioView {
    std::string today;
    std::vector<centre::StrategicArea> areas;
    std::vector<Stage> stages;           // the road, in order
    std::vector<PortfolioRow> projects;  // active
    std::vector<PortfolioRow> proposed;
    std::vector<MarketRow> closest_to_market;  // at most 10: furthest stage first, then longest in it
    std::vector<PortfolioRow> overdue_reports, overdue_milestones;
    GoalView goal;
};
// Portfolio (office, committee, admin; kForbidden otherwise).
PortfolioView Portfolio(db::Tx& tx, const Me& me, Seconds now);
// The portfolio's projects (every project, as the CSV always listed them) as a table to export
// as CSV or .xlsx, headers and labels in `language` (ja or en); the same readers as Portfolio.
office::Table PortfolioExport(db::Tx& tx, const Me& me, const std::string& language, Seconds now);
// The committee's goal with the pipeline behind it (office, committee, admin).
GoalView Goal(db::Tx& tx, const Me& me, Seconds now);
// Office and admin set the goal date (YYYY-MM-DD); the goal as it is then.
GoalView SetGoal(db::Tx& tx, const Me& me, const std::string& date, Seconds now);

// For other modules (contracts, coi): the project as stored, with its members (person ids and
// roles; names not filled) and organisations; no access check. nullopt for an unknown id.
std::optional<Project> FindProjectForModule(db::Tx& tx, const std::string& id);

// ---- deadlines (obligations.cpp) ----

// The office's view of deadlines (modules/deadlines): the next progress report of every active
// project with a company lead (kind projects.report_due, asked of the company lead) and every
// milestone not done (projects.milestone, its owner), due between `from` and `to` (YYYY-MM-DD,
// inclusive). Office and admins see every project; anyone else gets nothing.
std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to);
struct TitleOf {
    std::string title_ja, title_en;
};
// Every project's titles by id, in one query (for lists that name many projects).
std::map<std::string, TitleOf> TitlesForModule(db::Tx& tx);

// ---- the centre's budget (modules/budget) ----

// A project's allocation (its budget) for one fiscal year, as the budget module reads it.
struct Allocation {
    std::string project_id, kind;
    std::optional<std::string> area_code;
    std::string title_ja, title_en;
    Status status = Status::kActive;
    std::optional<long long> amount_yen;  // nullopt: no budget recorded for the year
    std::string pi_id, company_lead_id;   // "" when the project has none
};
// Every active or closed project with its allocation for `fiscal_year`, by title; no access check
// (the budget module applies its own). Two queries, whatever the number of projects.
std::vector<Allocation> AllocationsForModule(db::Tx& tx, int fiscal_year);
// A budget change decided elsewhere (the steering committee, or the last approver of its approval
// chain), applied by the budget module in the decision's transaction: the project's budget for
// `fiscal_year` becomes `amount_yen` (0..kMaxYen, kInvalid "amount_yen"); the other years stay.
// No access check: the caller has checked who decided. kNotFound for an unknown project. Audited
// as "allocate" on the project by `actor`, with the reason.
Project SetAllocationForModule(db::Tx& tx, const std::optional<std::string>& actor, const std::string& id,
                               int fiscal_year, long long amount_yen, const std::string& reason, Seconds now);

}  // namespace renkei::projects
