// The exchange (研究創出): clinical needs, research seeds and themes, expertise profiles,
// confidentiality grants and introductions — plain types and the pure rules about them.
#pragma once
#include <array>
#include <boost/json/value_from.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/time.hpp"

namespace renkei::exchange {

inline constexpr std::array<std::string_view, 5> kAreas = {"precision_medicine", "stem_cell", "microbiome",
                                                           "medical_device", "other"};
inline constexpr std::array<std::string_view, 6> kSeedKinds = {"material", "technology", "device",
                                                               "data",     "method",     "theme"};
// A need: draft (only its author and the office see it) → open → closed.
inline constexpr std::array<std::string_view, 3> kNeedStatuses = {"draft", "open", "closed"};
inline constexpr std::array<std::string_view, 3> kSeedStatuses = {"draft", "open", "withdrawn"};
inline constexpr std::array<std::string_view, 3> kOutcomes = {"no_follow_up", "project_proposal", "project_started"};

bool IsArea(std::string_view v);
bool IsSeedKind(std::string_view v);
bool IsNeedStatus(std::string_view v);
bool IsSeedStatus(std::string_view v);
bool IsOutcome(std::string_view v);

// Whether a term's label is worth showing as a reason why two texts match: a concept or a content
// word. Not a word every text of the centre shares (data/matching/generic_words.txt: 医療, 研究),
// not a fragment cut from a verb or adjective (貼り, 多い: kanji then okurigana), not one or two
// hiragana, not a bare number. `label` is as written; compared after NFKC and kana folding.
bool IsReasonLabel(std::string_view label);

struct Need {
    std::string id;
    std::string author_id;
    std::optional<std::string> organisation_id;
    std::string title, problem, current_practice, patients, desired_outcome, area;
    std::vector<std::string> tags;
    std::string status = "open";
    Seconds created_at, updated_at;
    // Filled for display only.
    std::string author_name_ja, author_name_en;
};

struct Seed {
    std::string id;
    std::string author_id;
    std::optional<std::string> organisation_id;
    // The company whose confidential material this is (the author's company), if any.
    std::optional<std::string> company_id;
    std::string kind = "technology";
    std::string title, description, area;
    std::vector<std::string> capabilities;
    bool confidential = false;
    std::string status = "open";
    Seconds created_at, updated_at;
    std::string author_name_ja, author_name_en;
};

struct Profile {
    std::string person_id;
    std::string expertise;
    std::vector<std::string> keywords;
    Seconds updated_at;
    std::string name_ja, name_en;
    std::optional<std::string> organisation_id;
    std::vector<std::string> roles;
};

struct Grant {
    std::string id, person_id, company_id;
    Seconds starts_at, ends_at;
    std::string note;
    std::optional<std::string> created_by;
    Seconds created_at;
    std::optional<Seconds> revoked_at;
    bool ActiveAt(Seconds t) const { return !revoked_at && starts_at <= t && t < ends_at; }
};

// "I'm interested": requested → accepted (a meeting to agree) / declined; then an outcome.
struct Introduction {
    std::string id, requester_id, owner_id;
    std::string item_type, item_id;  // the need or seed the requester is interested in
    std::string via_type, via_id;    // optional: the requester's own item that prompted it
    std::string message;
    std::string status = "requested";
    std::optional<std::string> decided_by;
    std::optional<Seconds> decided_at, meeting_at;
    std::string outcome, outcome_note;
    std::optional<Seconds> outcome_at;
    Seconds created_at, updated_at;
    std::optional<std::string> project_id;  // the project it led to (projects module)
    std::optional<std::string> booking_id;  // the meeting booked for it (building module)
    std::string item_title;
};

// A concept of the synonym dictionary: every way of writing it (see analyzer.hpp).
struct Concept {
    std::string id;
    std::string label_ja;
    std::string label_en;
    std::vector<std::string> terms;
};

// Who is looking: what they may see of confidential seeds and drafts.
struct Viewer {
    std::string person_id;
    bool office = false;              // office and admin: see and complete drafts of needs
    std::set<std::string> companies;  // own company + companies with an active grant
};

// A seed is visible to everyone when public; when confidential, only to its company and to
// people with an active grant. Drafts: only the author. Withdrawn: the author.
bool CanSeeSeed(const Viewer& v, const Seed& s);
// Drafts of needs: the author and the office.
bool CanSeeNeed(const Viewer& v, const Need& n);

// Meeting dates to agree on: the next `count` weekdays after `from`, 10:00 and 15:00 JST alternately.
std::vector<Seconds> ProposedMeetingSlots(Seconds from, int count);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Need& n);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Seed& s);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Profile& p);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Grant& g);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Introduction& i);

}  // namespace renkei::exchange
