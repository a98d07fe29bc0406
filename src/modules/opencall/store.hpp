// The open call's SQL, on its own tables only. Free functions, transaction first; absence is a
// value. PersonRef values come back with ids only: the service fills in the names.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/opencall/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::opencall::store {

// The audit log's names (audit::NamesFromTable): id, Japanese and English title.
inline constexpr const char* kCallNames = "SELECT id, title_ja, title_en FROM opencall_calls WHERE id IN";
inline constexpr const char* kProposalNames = "SELECT id, title_ja, title_en FROM opencall_proposals WHERE id IN";

void InsertCall(db::Tx& tx, const Call& c);
void UpdateCall(db::Tx& tx, const Call& c);
void ReplaceReviewers(db::Tx& tx, const std::string& call_id, const std::vector<PoolReviewer>& reviewers);
// The call with its reviewer pool and the number of proposals submitted (or later).
std::optional<Call> FindCall(db::Tx& tx, const std::string& id);
// Every call, newest first, without drafts unless `drafts`; `status` "" = any.
std::vector<Call> ListCalls(db::Tx& tx, bool drafts, const std::string& status);

void InsertProposal(db::Tx& tx, const Proposal& p);
void UpdateProposal(db::Tx& tx, const Proposal& p);
void ReplaceTeam(db::Tx& tx, const std::string& proposal_id, const std::vector<TeamMember>& team);
// The proposal with its team and its attachments' descriptions.
std::optional<Proposal> FindProposal(db::Tx& tx, const std::string& id);
// The call's proposals (every status), with their teams, oldest first.
std::vector<Proposal> ListProposals(db::Tx& tx, const std::string& call_id);

void InsertAttachment(db::Tx& tx, const std::string& proposal_id, const Attachment& a, const std::string& base64);
struct AttachmentContent {
    Attachment attachment;
    std::string base64;
};
std::optional<AttachmentContent> FindAttachment(db::Tx& tx, const std::string& proposal_id, const std::string& id);
bool DeleteAttachment(db::Tx& tx, const std::string& proposal_id, const std::string& id);

std::vector<Pair> ListPairs(db::Tx& tx, const std::string& call_id);
void ReplacePairs(db::Tx& tx, const std::string& call_id, const std::vector<Pair>& pairs);

std::vector<AssignedPair> ListAssigned(db::Tx& tx, const std::string& call_id);
void ReplaceAssigned(db::Tx& tx, const std::string& call_id, const std::vector<AssignedPair>& pairs);
// The proposals `reviewer_id` is assigned to in the call.
std::vector<std::string> AssignedTo(db::Tx& tx, const std::string& call_id, const std::string& reviewer_id);
bool IsAssigned(db::Tx& tx, const std::string& proposal_id, const std::string& reviewer_id);

std::vector<Review> ListReviews(db::Tx& tx, const std::string& call_id);
std::optional<Review> FindReview(db::Tx& tx, const std::string& proposal_id, const std::string& reviewer_id);
void UpsertReview(db::Tx& tx, const Review& r);

}  // namespace renkei::opencall::store
