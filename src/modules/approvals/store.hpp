// The approval chains' tables (migration 0021): SQL only, no rules.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/approvals/service.hpp"

namespace renkei::approvals::store {

std::vector<Rule> Rules(db::Tx& tx);
std::optional<Rule> FindRule(db::Tx& tx, const std::string& id);
void InsertRule(db::Tx& tx, const Rule& r);
void UpdateRule(db::Tx& tx, const Rule& r);
bool DeleteRule(db::Tx& tx, const std::string& id);

void InsertChain(db::Tx& tx, const Chain& c);
void UpdateChain(db::Tx& tx, const Chain& c);
std::optional<Chain> FindChain(db::Tx& tx, const std::string& id);
// The subject's chains, oldest first.
std::vector<Chain> ChainsOf(db::Tx& tx, SubjectKind kind, const std::string& subject_id);
// Chains of the kind (every kind: nullopt) with the status (any: nullopt), oldest first.
std::vector<Chain> ChainsWith(db::Tx& tx, std::optional<SubjectKind> kind, std::optional<ChainStatus> status);

void InsertStep(db::Tx& tx, const Step& s);
void UpdateStep(db::Tx& tx, const Step& s);
std::optional<Step> FindStep(db::Tx& tx, const std::string& id);
std::vector<Step> StepsOf(db::Tx& tx, const std::string& chain_id);
// A step of one of the subject's chains names the person as its approver or as who decided it.
bool PersonInChains(db::Tx& tx, SubjectKind kind, const std::string& subject_id, const std::string& person_id);

}  // namespace renkei::approvals::store
