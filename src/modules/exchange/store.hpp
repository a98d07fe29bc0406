// The exchange module's SQL: needs, seeds, profiles, grants, introductions, synonyms and the
// change log. Free functions, transaction first; absence is a value, never thrown.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/exchange/analyzer.hpp"
#include "modules/exchange/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::exchange::store {

// The audit log's names (audit::NamesFromTable): id and title (one title in both languages).
// A confidential item with a teaser is named by its teaser (the log's readers may not be entitled).
inline constexpr const char* kNeedNames =
    "SELECT id, CASE WHEN confidential = 1 AND teaser_title_ja <> '' THEN teaser_title_ja ELSE title END, "
    "CASE WHEN confidential = 1 AND teaser_title_ja <> '' THEN teaser_title_ja ELSE title END FROM exchange_needs "
    "WHERE id IN";
inline constexpr const char* kSeedNames =
    "SELECT id, CASE WHEN confidential = 1 AND teaser_title_ja <> '' THEN teaser_title_ja ELSE title END, "
    "CASE WHEN confidential = 1 AND teaser_title_ja <> '' THEN teaser_title_ja ELSE title END FROM exchange_seeds "
    "WHERE id IN";

void InsertNeed(db::Tx& tx, const Need& n);
void UpdateNeed(db::Tx& tx, const Need& n);
std::optional<Need> FindNeed(db::Tx& tx, const std::string& id);
// Calls `each` for every need (index rebuild), in no particular order.
void ForEachNeed(db::Tx& tx, const std::function<void(const Need&)>& each);

void InsertSeed(db::Tx& tx, const Seed& s);
void UpdateSeed(db::Tx& tx, const Seed& s);
std::optional<Seed> FindSeed(db::Tx& tx, const std::string& id);
void ForEachSeed(db::Tx& tx, const std::function<void(const Seed&)>& each);

// Newest first; `author_id` "" = anyone; no `status` = any.
std::vector<Need> ListNeeds(db::Tx& tx, const std::string& author_id, std::optional<NeedStatus> status, int limit);
std::vector<Seed> ListSeeds(db::Tx& tx, const std::string& author_id, std::optional<SeedStatus> status, int limit);

// The teaser of a need or seed (`type` "need" or "seed"), and a need's confidentiality.
void SaveTeaser(db::Tx& tx, const std::string& type, const std::string& id, const Teaser& t);
void SaveNeedConfidentiality(db::Tx& tx, const Need& n);

// "詳細を見る (NDA を依頼)": who asked for which item's details, and the NDA opened for it.
struct DisclosureRequest {
    std::string id, item_type, item_id, requester_id, contract_id;
    long long created_at = 0;
    std::optional<long long> notified_at;
};
std::optional<DisclosureRequest> FindDisclosureRequest(db::Tx& tx, const std::string& item_type,
                                                       const std::string& item_id, const std::string& requester_id);
std::vector<DisclosureRequest> DisclosureRequestsOfContract(db::Tx& tx, const std::string& contract_id);
void InsertDisclosureRequest(db::Tx& tx, const DisclosureRequest& d);
void MarkDisclosureNotified(db::Tx& tx, const std::string& id, long long at);

void UpsertProfile(db::Tx& tx, const Profile& p);
std::optional<Profile> FindProfile(db::Tx& tx, const std::string& person_id);
void ForEachProfile(db::Tx& tx, const std::function<void(const Profile&)>& each);

void InsertGrant(db::Tx& tx, const Grant& g);
void RevokeGrant(db::Tx& tx, const std::string& id, long long at);
std::optional<Grant> FindGrant(db::Tx& tx, const std::string& id);
// `person_id` "" = everyone's.
std::vector<Grant> ListGrants(db::Tx& tx, const std::string& person_id);
// The person's grants active at `now`: whose material, and the agreement that made it ("" by hand).
struct ActiveGrant {
    std::string company_id, source_key;
};
std::vector<ActiveGrant> ActiveGrants(db::Tx& tx, const std::string& person_id, long long now);
// Grants an agreement of another module made (keyed by source_key, e.g. "contract:<id>").
void InsertSourcedGrant(db::Tx& tx, const Grant& g, const std::string& source_key);
// Ends (revokes at `at`) the source's grants that are not revoked yet; returns their ids.
std::vector<std::string> RevokeSourcedGrants(db::Tx& tx, const std::string& source_key, long long at);

void InsertIntroduction(db::Tx& tx, const Introduction& i);
void UpdateIntroduction(db::Tx& tx, const Introduction& i);
std::optional<Introduction> FindIntroduction(db::Tx& tx, const std::string& id);
// Those the person asked for or was asked about; `person_id` "" = all (the office).
std::vector<Introduction> ListIntroductions(db::Tx& tx, const std::string& person_id);
// An open (requested or accepted) request of `requester` for the item, if any.
std::optional<std::string> OpenIntroduction(db::Tx& tx, const std::string& requester, const std::string& item_id);

void InsertSynonym(db::Tx& tx, const std::string& id, const std::string& concept_id,
                   const std::vector<std::string>& terms, const std::optional<std::string>& by, long long at);
std::vector<Concept> ListSynonyms(db::Tx& tx);

// The office's judgments on (need, seed) pairs: one per pair.
void SaveJudgment(db::Tx& tx, const Judgment& j);  // replaces the pair's
std::optional<Judgment> FindJudgment(db::Tx& tx, const std::string& need_id, const std::string& seed_id);
void DeleteJudgment(db::Tx& tx, const std::string& need_id, const std::string& seed_id);
// A need's or a seed's, newest first.
std::vector<Judgment> JudgmentsOfNeed(db::Tx& tx, const std::string& need_id);
std::vector<Judgment> JudgmentsOfSeed(db::Tx& tx, const std::string& seed_id);
// Every judgment, and every introduction past `requested`, in a fixed order (what the ranking learns from).
std::vector<Judgment> AllJudgments(db::Tx& tx);
std::vector<Introduction> DecidedIntroductions(db::Tx& tx);

// The ranking models of `renkei exchange train` (see ranking.hpp); the latest adopted one re-ranks.
struct RankModelRow {
    std::string id;
    Seconds trained_at;
    std::optional<std::string> trained_by;
    bool adopted = false;
    std::string model, summary;  // JSON
};
void InsertRankModel(db::Tx& tx, const RankModelRow& m);
std::optional<RankModelRow> LatestRankModel(db::Tx& tx, bool adopted_only);

struct Change {
    long long seq = 0;
    std::string kind;  // need, seed, profile, dictionary
    std::string item_id;
    long long at = 0;
};
void InsertChange(db::Tx& tx, const std::string& kind, const std::string& item_id, long long at);
std::vector<Change> ChangesAfter(db::Tx& tx, long long seq, int limit);
long long LastChange(db::Tx& tx);

}  // namespace renkei::exchange::store
