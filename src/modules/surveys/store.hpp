// The surveys' tables (migration 0023): SQL only, no rules. Questions, audiences, imported
// figures and answers are kept as JSON text beside their rows.
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/surveys/service.hpp"

namespace renkei::surveys::store {

// JSON text of what a survey keeps beside its row (also what the audit log records).
// The same JSON is the wire format of the routes (docs/surveys.md).
boost::json::value QuestionsJson(const std::vector<Question>& questions);
boost::json::value AnswersJson(const Answers& answers);
boost::json::value ImportedJson(const ImportedResults& imported);
std::string QuestionsText(const std::vector<Question>& questions);
std::vector<Question> QuestionsFrom(const std::string& text);
std::string AnswersText(const Answers& answers);
Answers AnswersFrom(const std::string& text);

void InsertSurvey(db::Tx& tx, const Survey& s);
// Every column but id, created_*.
void UpdateSurvey(db::Tx& tx, const Survey& s);
void DeleteSurvey(db::Tx& tx, const std::string& id);
std::optional<Survey> FindSurvey(db::Tx& tx, const std::string& id);
// All surveys (office), or those `person_id` is a recipient of; newest first.
std::vector<Survey> ListSurveys(db::Tx& tx, const std::optional<std::string>& person_id);

struct StoredRecipient {
    std::string person_id;
    bool answered = false;
    std::optional<Seconds> answered_at;
};
void InsertRecipient(db::Tx& tx, const std::string& survey_id, const std::string& person_id);
std::vector<StoredRecipient> Recipients(db::Tx& tx, const std::string& survey_id);
std::optional<StoredRecipient> FindRecipient(db::Tx& tx, const std::string& survey_id, const std::string& person_id);
// `at`: nullopt for an anonymous survey (only the fact is kept).
void MarkAnswered(db::Tx& tx, const std::string& survey_id, const std::string& person_id,
                  const std::optional<Seconds>& at);

struct StoredResponse {
    std::string id;
    std::optional<std::string> person_id;
    Answers answers;
    std::optional<Seconds> submitted_at, updated_at;
};
// `r.person_id` nullopt and no times for an anonymous survey.
void InsertResponse(db::Tx& tx, const std::string& survey_id, const StoredResponse& r);
void UpdateResponse(db::Tx& tx, const StoredResponse& r);
std::optional<StoredResponse> ResponseOf(db::Tx& tx, const std::string& survey_id, const std::string& person_id);
// In an order that says nothing of who answered when: by id (random).
std::vector<StoredResponse> Responses(db::Tx& tx, const std::string& survey_id);

}  // namespace renkei::surveys::store
