// Contracts (§5, issue 7): NDAs, joint research agreements, MTAs, research collaboration fees,
// consulting and licences — plain types and the pure rules about them: the status workflow and
// who may drive it, key terms and their validation, template merge fields (substitution into
// WordprocessingML even when Word split a merge field over several runs), turnaround medians and
// reminder thresholds. No I/O; model_test.cpp pins these rules down.
#pragma once
#include <array>
#include <boost/json.hpp>
#include <boost/json/value_from.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::contracts {

// The kinds of contract, each with its text on the wire and in the database, and its labels.
enum class ContractType { kNda, kJointResearch, kMta, kCollaborationFee, kConsulting, kLicence };
struct TypeText {
    ContractType value;
    std::string_view text, label_ja, label_en;
};
inline constexpr std::array<TypeText, 6> kTypes = {{
    {ContractType::kNda, "nda", "秘密保持契約", "Non-disclosure agreement"},
    {ContractType::kJointResearch, "joint_research", "共同研究契約", "Joint research agreement"},
    {ContractType::kMta, "mta", "研究試料提供契約", "Material transfer agreement"},
    {ContractType::kCollaborationFee, "collaboration_fee", "研究協力費契約", "Research collaboration fee agreement"},
    {ContractType::kConsulting, "consulting", "コンサルティング契約", "Consulting agreement"},
    {ContractType::kLicence, "licence", "ライセンス契約", "Licence agreement"},
}};
constexpr const auto& TextsOf(ContractType) { return kTypes; }
std::string_view ToText(ContractType type);
std::optional<ContractType> TypeFromText(std::string_view text);  // nullopt for an unknown type
std::string_view TypeLabelJa(ContractType type);
std::string_view TypeLabelEn(ContractType type);

// The workflow's statuses, in workflow order, with their text and Japanese label.
enum class Status { kDraft, kInternalReview, kNegotiating, kApproved, kSigned, kActive, kExpired, kTerminated };
struct StatusText {
    Status value;
    std::string_view text, label_ja;
};
inline constexpr std::array<StatusText, 8> kStatuses = {{
    {Status::kDraft, "draft", "起案"},
    {Status::kInternalReview, "internal_review", "学内審査"},
    {Status::kNegotiating, "negotiating", "交渉中"},
    {Status::kApproved, "approved", "承認済"},
    {Status::kSigned, "signed", "締結済"},
    {Status::kActive, "active", "有効"},
    {Status::kExpired, "expired", "期間満了"},
    {Status::kTerminated, "terminated", "解除・中止"},
}};
constexpr const auto& TextsOf(Status) { return kStatuses; }
std::string_view ToText(Status status);
std::optional<Status> StatusFromText(std::string_view text);  // nullopt for an unknown status
std::string_view StatusLabelJa(Status status);
// The stages a contract passes through before it is in force (turnaround is measured on these).
inline constexpr std::array<Status, 5> kWorkStages = {Status::kDraft, Status::kInternalReview, Status::kNegotiating,
                                                      Status::kApproved, Status::kSigned};
// Whom a contract waits on during negotiation.
inline constexpr std::array<std::string_view, 3> kSides = {"us", "company", "university"};
inline constexpr std::array<std::string_view, 4> kPartyRoles = {"company", "university", "hospital", "other"};
inline constexpr std::array<std::string_view, 3> kRenewals = {"none", "automatic", "by_agreement"};

bool IsSide(std::string_view s);
bool IsPartyRole(std::string_view s);
bool IsRenewal(std::string_view s);
bool IsFinal(Status status);  // expired, terminated
// In force: signed or active (an NDA in force covers people for confidential material).
bool IsInForce(Status status);

// Who asks for a transition.
struct Actor {
    bool is_office = false, is_admin = false;
    bool is_system = false;    // the reminder task (activation and expiry by date)
    bool prepared_it = false;  // the office member who created the contract
    bool by_chain = false;     // the contract's approval chain (稟議) completing its last step
};
// The workflow: draft → internal_review → negotiating → approved → signed → active →
// expired | terminated, with steps back (internal_review → draft, negotiating → internal_review,
// approved → negotiating). The office drives it; a contract becomes approved only when its
// approval chain (稟議, modules/approvals: the approvers the office configured for its type and
// amount) completes; the system activates and expires by date; terminated from any state that
// is not final.
bool IsAllowedTransition(Status from, Status to);
bool MayTransition(Status from, Status to, const Actor& who);
// The statuses reachable from `from` for this actor (for the UI's buttons), in workflow order.
std::vector<Status> NextStatuses(Status from, const Actor& who);

// Key terms. Percentages are whole numbers (0–100); dates YYYY-MM-DD.
struct Terms {
    std::optional<int> ip_share_university, ip_share_company;  // IP ownership shares, % (sum 100)
    std::optional<int> publication_review_days;                // days the other side may review a paper
    std::optional<int> confidentiality_years;                  // confidentiality survives this long
    std::optional<int> indirect_cost_rate;                     // 間接経費率, %
    std::optional<long long> amount_yen;
    std::string payment_schedule;  // free text, e.g. "契約締結後30日以内に全額"
    std::optional<std::string> starts_on, ends_on;
    std::string renewal = "none";
    std::string purpose;  // 目的 (what is disclosed / researched)
};
// Returns the offending field ("terms.ip_share_company", …) and a message, or nullopt when valid.
struct Problem {
    std::string field, message;
};
std::optional<Problem> ValidateTerms(const Terms& t);
// What must hold before a contract may be signed: a term (start and end).
std::optional<Problem> ReadyToSign(const Terms& t);
bool IsDate(std::string_view s);
boost::json::object TermsToJson(const Terms& t);
// Reads terms from JSON (stored or from a request); throws Error{kInvalid, "terms.<field>"}.
Terms TermsFromJson(const boost::json::value& v);

// Merge fields: {{name}} with name of [A-Za-z0-9_], spaces inside the braces allowed; or a Word
// merge field with such a name: <w:fldSimple w:instr=" MERGEFIELD name \* MERGEFORMAT ">, or a
// complex field (fldChar begin, instrText "MERGEFIELD name …", separate, result runs, end).
struct MergeFieldInfo {
    std::string_view name, label_ja, label_en;
};
const std::vector<MergeFieldInfo>& KnownMergeFields();
bool IsKnownMergeField(std::string_view name);
// The merge field names in WordprocessingML (document, header or footer part), in order of first
// appearance: {{name}} found in each paragraph's merged text (so one split over runs counts), and
// the names of MERGEFIELD field codes (an instruction split over several instrText runs counts).
std::vector<std::string> FindMergeFields(std::string_view xml);
// Replaces merge fields in the part. {{name}}: in each paragraph (<w:p>) the text of its <w:t>
// elements is merged to find them, the value goes into the run where the merge field starts, and
// the pieces in later runs are removed (other runs and their formatting stay). A MERGEFIELD field
// (simple or complex, from its begin run through its end run) becomes one run with the value,
// formatted as the field's shown result was; a complex field spanning paragraphs or nested in
// another field's instruction (an IF's condition) is left to Word. Values are XML-escaped; a
// newline becomes a line break (<w:br/>). Unknown names stay as they are.
std::string FillMergeFields(std::string_view xml, const std::map<std::string, std::string>& values);
std::string XmlEscape(std::string_view text);

// "2026-04-01" → "2026年4月1日"; "" → "".
std::string JapaneseDate(std::string_view iso);
// 12345678 → "12,345,678".
std::string GroupDigits(long long n);

// Turnaround: the time a contract spent in each status, from its history.
struct StatusChange {
    std::string to_status;
    long long at = 0;  // UTC seconds
};
// Completed stays only (a stay ends at the next change), in days (fractional), per status.
std::map<std::string, std::vector<double>> StaysInDays(const std::vector<StatusChange>& history_in_order);
double Median(std::vector<double> values);  // 0 for none

// Reminders: how many days a contract may wait in a status before the office is reminded; 0: never.
int StaleAfterDays(Status status);
// Days before the end of the term when the office is reminded of the expiry.
inline constexpr int kExpiryNoticeDays = 60;

// The instant a Tokyo date (YYYY-MM-DD) begins.
Seconds TokyoStartOf(std::string_view iso_date);
// Whole days from date a to date b (b - a), both YYYY-MM-DD.
int DaysBetween(std::string_view a, std::string_view b);

// Stored shapes (names of organisations and people are filled by the service).
// A Renkei person as a contract names them; the names are blank when the person is unknown.
struct PersonRef {
    std::string id, name_ja, name_en;
};
struct Party {
    std::string organisation_id, role;  // role: company | university | hospital | other
    std::optional<std::string> signatory_person_id;
    std::string signatory_name, signatory_title;
    std::string name_ja, name_en, kind;  // of the organisation, filled when read
    std::optional<PersonRef> signatory;  // the signatory_person_id's names, filled when shown
};
struct HistoryEntry {
    std::string id;
    std::optional<Status> from_status;
    Status to_status = Status::kDraft;
    Seconds at;
    std::optional<std::string> by;
    std::string note;
};
struct Round {
    std::string id;
    int round_no = 0;
    std::string sent_by, sent_on;  // sent_by: us | company | university; sent_on YYYY-MM-DD
    std::vector<std::string> clauses;
    std::string summary, waiting_on;
    std::optional<std::string> recorded_by;
    Seconds recorded_at;
};
struct Contract {
    std::string id;
    ContractType type = ContractType::kNda;
    std::string title;
    std::optional<std::string> project_id;
    Status status = Status::kDraft;
    Seconds status_since;
    std::string waiting_on = "us";
    Terms terms;
    std::optional<std::string> signed_on, approved_by;
    std::string notes;
    std::optional<std::string> created_by;
    Seconds created_at, updated_at;
    std::vector<Party> parties;
    std::vector<std::string> covered;  // person ids an NDA covers
};
struct Template {
    std::string id;
    ContractType type = ContractType::kNda;
    int version = 0;  // 0: the built-in template
    std::string filename;
    long long size_bytes = 0;
    std::vector<std::string> merge_fields;
    std::string note;
    std::optional<std::string> uploaded_by;
    Seconds uploaded_at;
};

}  // namespace renkei::contracts
