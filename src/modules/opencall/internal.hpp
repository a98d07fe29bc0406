// Helpers shared by the open call's own .cpp files (not for other modules).
#pragma once
#include <boost/json/value.hpp>
#include <string>

#include "modules/opencall/service.hpp"
#include "modules/people/service.hpp"

namespace renkei::opencall {

// The inbox items and notifications of this module carry this source.
inline constexpr const char* kSource = "opencall";

inline bool IsOffice(const Me& me) { return me.HasRole("office"); }
inline bool IsCommittee(const Me& me) { return me.HasRole("committee"); }
inline bool IsAcademic(const Me& me) { return me.HasAnyRole({"clinician", "researcher"}); }

// The stored call; kNotFound for an unknown id or a draft the caller (not the office) may not know.
Call LoadCall(db::Tx& tx, const Me& me, const std::string& id);
// The stored proposal; kNotFound for an unknown id.
Proposal LoadProposal(db::Tx& tx, const std::string& id);
// Whether the caller may read the proposal (docs/opencall.md: applicant, company lead and team;
// the office once submitted; its reviewers from the review on; the committee from its decision on).
bool MaySee(db::Tx& tx, const Me& me, const Call& call, const Proposal& p);

// Trimmed text of at most `max` characters, clean UTF-8 (one line unless `multiline`); kInvalid naming the field.
std::string CheckText(const std::string& field, const std::string& value, size_t max, bool required,
                      bool multiline = true);

void FillNames(people::NameBook& names, PersonRef& p);
void FillNames(people::NameBook& names, Proposal& p);

boost::json::value Snapshot(const Call& c);
boost::json::value Snapshot(const Proposal& p);

// ---- assignment.cpp's service part (assign.cpp) ----
// The call's assignment problem for its submitted proposals (in list order) and pool (in pool
// order), with every conflict and the office's pairs; expertise only when `with_expertise`.
struct CallProblem {
    std::vector<Proposal> proposals;
    AssignmentProblem problem;
};
CallProblem BuildProblem(db::Tx& tx, const Call& call, bool with_expertise, Seconds now);

}  // namespace renkei::opencall
