// The projects module's SQL, on its own tables only. Free functions, transaction first; absence
// is a value. PersonRef values come back with ids only: the service fills in the names.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "modules/projects/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::projects::store {

// The audit log's names (audit::NamesFromTable): id, Japanese and English title.
inline constexpr const char* kProjectNames = "SELECT id, title_ja, title_en FROM projects WHERE id IN";

void InsertProject(db::Tx& tx, const Project& p, const std::string& search_key);
void UpdateProject(db::Tx& tx, const Project& p, const std::string& search_key);
// The project with members, organisations, budgets and links.
std::optional<Project> FindProject(db::Tx& tx, const std::string& id);
void ReplaceMembers(db::Tx& tx, const std::string& project_id, const std::vector<Member>& members, Seconds now);
void ReplaceOrganisations(db::Tx& tx, const std::string& project_id, const std::vector<OrganisationRef>& orgs);
void ReplaceBudgets(db::Tx& tx, const std::string& project_id, const std::vector<Budget>& budgets);
// Every project's budget for one fiscal year, by project id.
std::map<std::string, long long> BudgetsOfYear(db::Tx& tx, int fiscal_year);
void ReplaceLinks(db::Tx& tx, const std::string& project_id, const std::vector<Link>& links, Seconds now);

struct ProjectFilter {
    std::string search;  // normalised key, "" = any
    // Texts as the client sent them ("" = any): a stage or status that names none matches nothing.
    std::string area, stage, kind, status;
    std::string member_id;               // only projects this person is a member of
    std::string link_kind, link_target;  // only projects linked to this need/seed
};
// Core columns only (no members etc.), plus the PI and company lead in `members`.
std::vector<Project> ListProjects(db::Tx& tx, const ProjectFilter& f);
std::set<std::string> ProjectsOf(db::Tx& tx, const std::string& person_id);

std::vector<Gate> ListGates(db::Tx& tx);
std::optional<Gate> FindGate(db::Tx& tx, Stage stage);
void UpdateGate(db::Tx& tx, const Gate& g, const std::string& by, Seconds now);

void InsertStageRequest(db::Tx& tx, const StageRequest& r);
void UpdateStageRequest(db::Tx& tx, const StageRequest& r);
std::optional<StageRequest> FindStageRequest(db::Tx& tx, const std::string& project_id, const std::string& id);
std::optional<StageRequest> PendingStageRequest(db::Tx& tx, const std::string& project_id);
// A request by its id alone; the pending requests a kind of approver decides, oldest first.
std::optional<StageRequest> FindStageRequestById(db::Tx& tx, const std::string& id);
std::vector<StageRequest> PendingStageRequestsFor(db::Tx& tx, const std::string& approver);
void InsertStageChange(db::Tx& tx, const std::string& project_id, const StageChange& c);
std::vector<StageChange> StageHistory(db::Tx& tx, const std::string& project_id);

void UpsertConfirmation(db::Tx& tx, const std::string& project_id, const Confirmation& c);
std::vector<Confirmation> Confirmations(db::Tx& tx, const std::string& project_id);

void InsertMilestone(db::Tx& tx, const Milestone& m, Seconds now);
void UpdateMilestone(db::Tx& tx, const Milestone& m, const std::optional<std::string>& done_by);
std::optional<Milestone> FindMilestone(db::Tx& tx, const std::string& project_id, const std::string& id);
std::vector<Milestone> Milestones(db::Tx& tx, const std::string& project_id);
// Milestones not done yet due between `from` and `to` (inclusive), of every project, by due date.
std::vector<Milestone> OpenMilestonesBetween(db::Tx& tx, const std::string& from, const std::string& to);

void InsertReport(db::Tx& tx, const Report& r);
std::optional<Report> FindReport(db::Tx& tx, const std::string& project_id, const std::string& id);
// Newest first, with acknowledgements.
std::vector<Report> Reports(db::Tx& tx, const std::string& project_id, int limit);
void InsertAcknowledgement(db::Tx& tx, const std::string& report_id, const Acknowledgement& a);

void InsertDocument(db::Tx& tx, const Document& d);
void InsertDocumentVersion(db::Tx& tx, const std::string& document_id, const DocumentVersion& v,
                           const std::string& content_base64);
void UpdateDocument(db::Tx& tx, const Document& d);
std::optional<Document> FindDocument(db::Tx& tx, const std::string& project_id, const std::string& id);
// The project a document belongs to; nullopt for an unknown document.
std::optional<std::string> ProjectOfDocument(db::Tx& tx, const std::string& document_id);
std::vector<Document> Documents(db::Tx& tx, const std::string& project_id);
// (content type, filename, base64 content) of one version.
struct StoredFile {
    std::string filename, content_type, content_base64;
};
std::optional<StoredFile> DocumentContent(db::Tx& tx, const std::string& document_id, int version);

std::optional<Product> FindProduct(db::Tx& tx, const std::string& project_id);
void UpsertProduct(db::Tx& tx, const Product& p, bool exists, Seconds now);
void UpsertSale(db::Tx& tx, const std::string& project_id, const Sale& s, const std::string& by, Seconds now);
// Every product with its sales (for the goal and the portfolio).
std::vector<Product> AllProducts(db::Tx& tx);

// Facts for the gate rules (everything except `confirmed` and `external`).
GateFacts Facts(db::Tx& tx, const std::string& project_id, const std::string& today, int fiscal_year);

// Portfolio aggregates, one query each (no N+1).
struct ReportStats {
    int count = 0;
    std::string last_report_on;  // "" when none
};
std::map<std::string, ReportStats> ReportStatsByProject(db::Tx& tx);
struct MilestoneStats {
    int open = 0, overdue = 0;
    std::string next_due;  // earliest open due date
};
std::map<std::string, MilestoneStats> MilestoneStatsByProject(db::Tx& tx, const std::string& today);
std::map<std::string, Stage> PendingRequestsByProject(db::Tx& tx);  // project -> to_stage

// Progress review meetings (attendees and decisions included; decisions' tasks carry only the
// milestone id, the service fills them in).
void InsertMeeting(db::Tx& tx, const Meeting& m);
void UpdateMeeting(db::Tx& tx, const Meeting& m);
std::optional<Meeting> FindMeeting(db::Tx& tx, const std::string& project_id, const std::string& id);
std::vector<Meeting> Meetings(db::Tx& tx, const std::string& project_id);
void InsertDecision(db::Tx& tx, const std::string& project_id, const MeetingDecision& d);
void SetDecisionTask(db::Tx& tx, const std::string& decision_id, const std::string& milestone_id);

std::optional<std::string> Setting(db::Tx& tx, const std::string& name);
void SetSetting(db::Tx& tx, const std::string& name, const std::string& value);

}  // namespace renkei::projects::store
