// Surveys (アンケート, issue 18, docs/surveys.md): the office builds a survey (single and multiple
// choice, scale and free-text questions, optional forward branching), sends it to a group (roles
// and/or chosen people) with a closing date, each person answers once from their inbox (a named
// survey's answer may be changed until it closes), and the results are counted. A survey run
// before Renkei may be kept as imported aggregate results with its stated sample size.
//
// Who: the office and admins build, send, close and read results at any time. A person in the
// audience reads the survey and answers it; they read its results after it closes when the
// survey says so. Everyone else: kNotFound. An anonymous survey's responses carry no person.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/surveys/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/office/table.hpp"
#include "platform/time.hpp"

namespace renkei::surveys {

using Me = auth::Principal;

enum class Status { kDraft, kOpen, kClosed };
inline constexpr std::array<EnumText<Status>, 3> kStatusTexts{
    {{Status::kDraft, "draft"}, {Status::kOpen, "open"}, {Status::kClosed, "closed"}}};
constexpr const auto& TextsOf(Status) { return kStatusTexts; }

enum class Source { kLive, kImported };
inline constexpr std::array<EnumText<Source>, 2> kSourceTexts{
    {{Source::kLive, "live"}, {Source::kImported, "imported"}}};
constexpr const auto& TextsOf(Source) { return kSourceTexts; }

// Roles a survey may be sent to, and "everyone" (every active person).
inline constexpr std::array<std::string_view, 6> kAudienceRoles = {"everyone",           "clinician", "researcher",
                                                                   "company_researcher", "committee", "office"};

struct PersonRef {
    std::string id, name_ja, name_en;
};

struct Survey {
    std::string id;
    std::string title_ja, title_en, description_ja, description_en;
    std::vector<Question> questions;
    Status status = Status::kDraft;  // as stored; see Effective()
    Source source = Source::kLive;
    bool anonymous = false;
    bool results_to_respondents = false;
    std::vector<std::string> audience_roles, audience_people;
    std::optional<std::string> closes_on;  // YYYY-MM-DD, the last day to answer
    std::optional<ImportedResults> imported;
    std::optional<Seconds> sent_at, closed_at;
    std::string created_by;
    Seconds created_at, updated_at;
    int recipients = 0, answered = 0;  // counts
};
// An open survey whose closing date has passed is closed.
Status Effective(const Survey& s, Seconds now);

struct Recipient {
    PersonRef person;
    bool answered = false;
    std::optional<Seconds> answered_at;
};

struct SurveyView {
    Survey survey;
    Status status = Status::kDraft;          // effective
    std::vector<PersonRef> audience_people;  // the chosen people with their names (office only)
    std::vector<Recipient> recipients;       // office, named surveys only
    bool may_manage = false;                 // office/admin
    bool in_audience = false;                // asked to answer
    bool may_answer = false;                 // in the audience, open, and (anonymous) not answered yet
    bool answered = false;
    std::optional<Answers> my_answers;  // a named survey's own response
    bool may_see_results = false;
};

// Office/admin: every survey, newest first. Anyone else: the surveys sent to them.
std::vector<Survey> ListSurveys(db::Tx& tx, const Me& me, Seconds now);
SurveyView GetSurvey(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

struct SurveyInput {
    std::string title_ja, title_en, description_ja, description_en;
    std::vector<Question> questions;
    bool anonymous = false, results_to_respondents = false;
    std::vector<std::string> audience_roles, audience_people;
    std::optional<std::string> closes_on;
    std::optional<ImportedResults> imported;  // given: an imported survey, created closed
};
// Office/admin. A draft (or, with imported results, a closed imported survey). kInvalid naming the
// field ("questions[2].options", "audience_roles", "closes_on", "imported.sample_size").
SurveyView CreateSurvey(db::Tx& tx, const Me& me, const SurveyInput& in, Seconds now);
// Office/admin, drafts only (kConflict otherwise).
SurveyView UpdateSurvey(db::Tx& tx, const Me& me, const std::string& id, const SurveyInput& in, Seconds now);
// Office/admin, drafts only.
void DeleteSurvey(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// draft → open: the audience is resolved to active people (at least one), each gets an inbox
// item (kind surveys.answer, due on the closing date, which must not have passed).
SurveyView SendSurvey(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// open → closed before the closing date; unanswered inbox items are cancelled.
SurveyView CloseSurvey(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// A person in the audience answers (or, on a named survey, changes their answer) while the survey
// is open. kConflict: closed, or an anonymous survey answered already. kInvalid naming answers[i].
SurveyView Respond(db::Tx& tx, const Me& me, const std::string& id, const Answers& answers, Seconds now);

struct Results {
    Survey survey;
    int respondents = 0;  // live: responses; imported: the sample size
    std::vector<QuestionResult> questions;
};
// Office/admin at any time; a person in the audience once closed if the survey shares its results.
Results ResultsOf(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
// The results as a table (question, option, count, percent; scale means; free texts), in `lang`.
office::Table ResultsTable(db::Tx& tx, const Me& me, const std::string& id, const std::string& lang, Seconds now);
// Each named response as a row (person, then one column per question). Office/admin; a live,
// named survey only (an anonymous one: kForbidden; imported: kConflict, it has no responses).
office::Table ResponsesTable(db::Tx& tx, const Me& me, const std::string& id, const std::string& lang, Seconds now);

}  // namespace renkei::surveys
