// Conflict of interest (利益相反, SPEC §5): plain types and the pure rules about them — the
// categories of a relationship with a company, the thresholds, company groups, who must
// declare, and which relationships cross a threshold for a project's company. No I/O; the unit
// tests in model_test.cpp pin these rules down.
#pragma once
#include <array>
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

namespace renkei::coi {

// What a person receives from (or holds in) a company.
inline constexpr std::array<std::string_view, 7> kCategories = {
    "consulting",        // 顧問料・コンサルティング料
    "lecture",           // 講演料・原稿料
    "equity",            // 株式・新株予約権
    "royalty",           // 特許使用料・ロイヤリティ
    "research_funding",  // 研究費・寄附金
    "gift",              // 贈答・接待
    "position",          // 役員・顧問などの職
};
// amount: the year's total per company group at or above amount_yen crosses; any: any
// relationship crosses whatever its amount; off: the category never crosses.
inline constexpr std::array<std::string_view, 3> kRules = {"amount", "any", "off"};
// What the COI committee decides about a case, with its text and the words the person is told.
enum class Decision { kNoConflict, kManageable, kNotAllowed };
struct DecisionText {
    Decision value;
    std::string_view text, label_ja, label_en;
};
inline constexpr std::array<DecisionText, 3> kDecisions = {{
    {Decision::kNoConflict, "no_conflict", "利益相反なし", "no conflict"},
    {Decision::kManageable, "manageable", "管理のもとで可", "manageable with measures"},
    {Decision::kNotAllowed, "not_allowed", "参加不可", "not allowed"},
}};
constexpr const auto& TextsOf(Decision) { return kDecisions; }
std::string_view ToText(Decision d);
std::optional<Decision> DecisionFromText(std::string_view text);  // nullopt for an unknown decision
const DecisionText& TextOf(Decision d);

// A case is open until decided; withdrawn when it no longer holds.
enum class CaseStatus { kOpen, kDecided, kWithdrawn };
struct CaseStatusText {
    CaseStatus value;
    std::string_view text;
};
inline constexpr std::array<CaseStatusText, 3> kCaseStatuses = {{
    {CaseStatus::kOpen, "open"},
    {CaseStatus::kDecided, "decided"},
    {CaseStatus::kWithdrawn, "withdrawn"},
}};
constexpr const auto& TextsOf(CaseStatus) { return kCaseStatuses; }
std::string_view ToText(CaseStatus s);
std::optional<CaseStatus> CaseStatusFromText(std::string_view text);  // nullopt for an unknown status
inline constexpr long long kMaxAmountYen = 1'000'000'000'000LL;       // one trillion yen
inline constexpr size_t kMaxRelationships = 100;

bool IsCategory(std::string_view s);
bool IsRule(std::string_view s);

struct Threshold {
    std::string category, rule = "amount";
    long long amount_yen = 0;
};
// The thresholds for every category, in catalogue order; a category missing from `stored`
// counts as "off" (it never crosses) so an unconfigured category never blocks anybody.
std::vector<Threshold> Complete(const std::vector<Threshold>& stored);
// kInvalid (field "thresholds") for an unknown category or rule, a negative or too large amount,
// or an "amount" rule at zero yen (use "any" for that).
void CheckThreshold(const Threshold& t);

struct Relationship {
    std::string id;
    std::optional<std::string> organisation_id;  // a registered organisation, or
    std::string company_name;                    // a company named in free text
    std::string category;
    long long amount_yen = 0;
    std::string note;
    std::string organisation_name_ja, organisation_name_en;  // filled when read
    // A company named in free text whose name has the key of exactly one registered company
    // (CompanyNameIndex): it counts as that company. Worked out when read, never stored: what the
    // person typed is kept as typed.
    std::optional<std::string> resolved_organisation_id;
    std::string resolved_name_ja, resolved_name_en;  // filled when read
    // The organisation the relationship counts for: the registered one, or the one a free-text
    // name resolved to; nullopt for a free-text name that matches none.
    const std::optional<std::string>& CountsFor() const {
        return organisation_id ? organisation_id : resolved_organisation_id;
    }
};

// The organisation tree, as much of it as the group rule needs.
struct OrgNode {
    std::optional<std::string> parent_id;
    std::string kind;  // company, division, university, ...
};
using OrgTree = std::map<std::string, OrgNode>;
// A company's group: the topmost company above it (walking up through companies and their
// divisions), with everything below that. A parent or subsidiary of a project's company, or one
// of its divisions, counts as that company. An organisation that is not in a company tree is a
// group of its own (with what lies below it). Unknown ids make a group of one.
std::string GroupRoot(const OrgTree& tree, const std::string& id);
std::set<std::string> GroupOf(const OrgTree& tree, const std::string& id);

// What one person's relationships come to, for one company group, in one category.
struct Crossing {
    std::string category, rule;
    long long total_yen = 0;
    long long threshold_yen = 0;
    int relationships = 0;  // how many of the person's rows fall in this category and group
    bool crossed = false;
};
// Adds up the relationships with any organisation in `group` per category and compares the
// totals with the thresholds: "amount" crosses at or above the amount (exactly at it counts),
// "any" crosses with at least one relationship (even of zero yen), "off" never crosses. Only
// categories with at least one relationship are returned, in catalogue order. A relationship
// named in free text matches a group only through the organisation its name resolved to
// (resolved_organisation_id); unresolved, it never does.
std::vector<Crossing> Evaluate(const std::vector<Relationship>& relationships, const std::vector<Threshold>& thresholds,
                               const std::set<std::string>& group);
bool AnyCrossed(const std::vector<Crossing>& crossings);
// A stable text of what crossed ("consulting=1200000;equity=0"), to tell whether a decided case
// still describes the same situation.
std::string Fingerprint(const std::vector<Crossing>& crossings);

// Who must file a yearly declaration: the university's clinicians and researchers, and anyone
// else who is a member of an active project — except company researchers, whose employer is the
// company itself (their relationships are the company's, not a conflict to declare here).
bool MustDeclare(const std::vector<std::string>& roles, bool member_of_active_project);

// Who may read a declaration: its person, the office and the COI committee (nobody else, not
// even an admin).
bool MayReadDeclaration(const std::string& owner_id, const std::string& reader_id, bool is_office,
                        bool is_coi_committee);

struct PersonRef {
    std::string id, name_ja, name_en;
};

struct Declaration {
    std::string id;
    PersonRef person;
    int fiscal_year = 0;
    bool nothing_to_declare = false;
    Seconds filed_at, updated_at;
    std::vector<Relationship> relationships;
};

struct Case {
    std::string id, project_id;
    PersonRef person;
    std::string organisation_id;
    int fiscal_year = 0;
    CaseStatus status = CaseStatus::kOpen;
    boost::json::value findings;  // array of crossings
    std::string fingerprint;
    std::optional<Decision> decision;
    std::string measures;
    std::optional<PersonRef> decided_by;
    std::optional<Seconds> decided_at;
    Seconds created_at, updated_at;
    // filled when read
    std::string project_title_ja, project_title_en, organisation_name_ja, organisation_name_en;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Threshold& t);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Relationship& r);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Crossing& c);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const PersonRef& p);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Declaration& d);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Case& c);

}  // namespace renkei::coi
