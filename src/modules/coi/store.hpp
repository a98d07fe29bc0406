// The coi module's SQL, on its own tables only. Free functions, transaction first; absence is a
// value. PersonRef values come back with ids only: the service fills in the names.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/coi/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::coi::store {

std::vector<Threshold> Thresholds(db::Tx& tx);
// Inserts the category's threshold or replaces it (one statement).
void UpsertThreshold(db::Tx& tx, const Threshold& t, const std::string& by, Seconds now);

std::optional<Declaration> FindDeclaration(db::Tx& tx, const std::string& id);
std::optional<Declaration> DeclarationOf(db::Tx& tx, const std::string& person_id, int fiscal_year);
// person id -> declaration (without relationships) for one fiscal year.
std::map<std::string, Declaration> DeclarationsForYear(db::Tx& tx, int fiscal_year);
// person id -> declaration with its relationships, for those of `person_ids` who have filed for
// the year (two queries, however many people).
std::map<std::string, Declaration> DeclarationsOf(db::Tx& tx, const std::vector<std::string>& person_ids,
                                                  int fiscal_year);
void InsertDeclaration(db::Tx& tx, const Declaration& d);
void UpdateDeclaration(db::Tx& tx, const Declaration& d);
void ReplaceRelationships(db::Tx& tx, const std::string& declaration_id, const std::vector<Relationship>& rs);

// The year's declaration round: when the office opened it (nullopt: not yet).
std::optional<Seconds> RoundOpened(db::Tx& tx, int fiscal_year);
// Opens the round once; opening it again keeps the first opening.
void OpenRound(db::Tx& tx, int fiscal_year, const std::string& by, Seconds now);

void InsertCase(db::Tx& tx, const Case& c);
void UpdateCase(db::Tx& tx, const Case& c);
std::optional<Case> FindCase(db::Tx& tx, const std::string& id);
struct CaseFilter {
    std::optional<CaseStatus> status;  // nullopt = any
    std::string project_id;            // "" = any
    std::string person_id;             // "" = any
    int fiscal_year = 0;               // 0 = any
};
// Open cases first, then newest first.
std::vector<Case> Cases(db::Tx& tx, const CaseFilter& f);

}  // namespace renkei::coi::store
