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

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::exchange {

inline constexpr std::array<std::string_view, 5> kAreas = {"precision_medicine", "stem_cell", "microbiome",
                                                           "medical_device", "other"};

// --- Statuses and kinds -------------------------------------------------------------------
// Each is an enum; its text (the same in JSON, in the database, in the index's filter terms and
// in the audit log) is in one table below, read by Text() and FromText<E>() (platform/enum_text.hpp).

// A need: draft (only its author and the office see it) → open → closed.
enum class NeedStatus { kDraft, kOpen, kClosed };
// A seed or theme: draft (only its author) → open → withdrawn (only its author).
enum class SeedStatus { kDraft, kOpen, kWithdrawn };
enum class SeedKind { kMaterial, kTechnology, kDevice, kData, kMethod, kTheme };
// "I'm interested": requested → accepted (a meeting to agree) / declined.
enum class IntroductionStatus { kRequested, kAccepted, kDeclined };
// What an accepted introduction led to (none until recorded).
enum class Outcome { kNoFollowUp, kProjectProposal, kProjectStarted };

inline constexpr std::array<EnumText<NeedStatus>, 3> kNeedStatusTexts{{
    {NeedStatus::kDraft, "draft"},
    {NeedStatus::kOpen, "open"},
    {NeedStatus::kClosed, "closed"},
}};
constexpr const auto& TextsOf(NeedStatus) { return kNeedStatusTexts; }

inline constexpr std::array<EnumText<SeedStatus>, 3> kSeedStatusTexts{{
    {SeedStatus::kDraft, "draft"},
    {SeedStatus::kOpen, "open"},
    {SeedStatus::kWithdrawn, "withdrawn"},
}};
constexpr const auto& TextsOf(SeedStatus) { return kSeedStatusTexts; }

inline constexpr std::array<EnumText<SeedKind>, 6> kSeedKindTexts{{
    {SeedKind::kMaterial, "material"},
    {SeedKind::kTechnology, "technology"},
    {SeedKind::kDevice, "device"},
    {SeedKind::kData, "data"},
    {SeedKind::kMethod, "method"},
    {SeedKind::kTheme, "theme"},
}};
constexpr const auto& TextsOf(SeedKind) { return kSeedKindTexts; }

inline constexpr std::array<EnumText<IntroductionStatus>, 3> kIntroductionStatusTexts{{
    {IntroductionStatus::kRequested, "requested"},
    {IntroductionStatus::kAccepted, "accepted"},
    {IntroductionStatus::kDeclined, "declined"},
}};
constexpr const auto& TextsOf(IntroductionStatus) { return kIntroductionStatusTexts; }

inline constexpr std::array<EnumText<Outcome>, 3> kOutcomeTexts{{
    {Outcome::kNoFollowUp, "no_follow_up"},
    {Outcome::kProjectProposal, "project_proposal"},
    {Outcome::kProjectStarted, "project_started"},
}};
constexpr const auto& TextsOf(Outcome) { return kOutcomeTexts; }

bool IsArea(std::string_view v);

// Whether a term's label is worth showing as a reason why two texts match: a concept or a content
// word. Not a word every text of the centre shares (data/matching/generic_words.txt: 医療, 研究),
// not a fragment cut from a verb or adjective (貼り, 多い: kanji then okurigana), not one or two
// hiragana, not a bare number. `label` is as written; compared after NFKC and kana folding.
bool IsReasonLabel(std::string_view label);

// What everyone in the centre sees of a confidential need or seed (tiered disclosure, SPEC §3):
// written by its owner; never derived from the hidden text. Empty title_ja: no teaser, and the
// item stays hidden from everyone who may not read its details.
struct Teaser {
    std::string title_ja, title_en, body, area, kind;
    bool Empty() const { return title_ja.empty(); }
};

// How much of a confidential item a viewer gets: nothing (404), the teaser, or everything.
enum class Disclosure { kNone, kTeaser, kFull };

struct Need {
    std::string id;
    std::string author_id;
    std::optional<std::string> organisation_id;
    std::string title, problem, current_practice, patients, desired_outcome, area;
    std::vector<std::string> tags;
    // Confidential: the details only to `company_id` (the author's company, or the top of the
    // author's organisation tree), the office and people covered by an NDA with it.
    bool confidential = false;
    std::optional<std::string> company_id;
    Teaser teaser;
    // Set when the item was loaded for a viewer who gets only the teaser: every hidden field is
    // blank and JSON holds the teaser alone (see Redact).
    bool teaser_only = false;
    NeedStatus status = NeedStatus::kOpen;
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
    SeedKind kind = SeedKind::kTechnology;
    std::string title, description, area;
    std::vector<std::string> capabilities;
    bool confidential = false;
    Teaser teaser;
    bool teaser_only = false;  // see Need::teaser_only
    SeedStatus status = SeedStatus::kOpen;
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
    // Whether it is in force at the caller's clock reading (JSON "active"); the service sets it.
    bool active = false;
    bool ActiveAt(Seconds t) const { return !revoked_at && starts_at <= t && t < ends_at; }
};

// "I'm interested" (see IntroductionStatus); once accepted, an outcome.
struct Introduction {
    std::string id, requester_id, owner_id;
    std::string item_type, item_id;  // the need or seed the requester is interested in
    std::string via_type, via_id;    // optional: the requester's own item that prompted it
    std::string message;
    IntroductionStatus status = IntroductionStatus::kRequested;
    std::optional<std::string> decided_by;
    std::optional<Seconds> decided_at, meeting_at;
    std::optional<Outcome> outcome;
    std::string outcome_note;
    std::optional<Seconds> outcome_at;
    Seconds created_at, updated_at;
    std::optional<std::string> project_id;  // the project it led to (projects module)
    std::optional<std::string> booking_id;  // the meeting booked for it (building module)
    std::string item_title;
};

// The office's judgment on a suggestion: whether a seed is relevant for a need (one per pair, the
// latest click). Not relevant: the pair is no longer suggested; relevant: the seed comes first
// for the need (and the need for the seed), with the reason "confirmed by the office".
struct Judgment {
    std::string need_id, seed_id;
    bool relevant = false;
    std::string judged_by;
    Seconds judged_at;
    std::string judged_by_name_ja, judged_by_name_en;  // filled for display only
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
    // Items opened to the viewer alone ("need:<id>", "seed:<id>"): an NDA in force asked for from
    // the item, with an organisation that is no company (a university or a hospital keeps every
    // clinician's confidential need apart; a company's NDA opens all its material).
    std::set<std::string> items;
};

// The one entitlement decision of tiered disclosure. What a viewer gets of an item:
// * its author: everything, whatever its status;
// * a draft: the office for a need (nothing for anyone else); a seed that is not open: nothing;
// * a public item: everything;
// * a confidential open item: everything for its organisation's people (`company` in the
//   viewer's companies: own company or organisation tree, or an active grant of a company such as
//   an NDA in force that covers them), for whoever it is opened to alone (`key` in the viewer's
//   items: an NDA asked for from the item) and, for a need, the office (which completes needs; a seed is a
//   company's material, SPEC "Users and roles": the office reads it only under an NDA like anyone
//   else); the teaser for everyone else when it has one; nothing when it has none.
struct ItemFacts {
    std::string author_id;
    bool open = true;    // need open or closed / seed open
    bool draft = false;  // a need's draft (the office completes drafts)
    bool need = true;    // a need (the office reads needs' drafts) or a seed
    bool confidential = false;
    std::optional<std::string> company;  // whose confidential material it is
    bool has_teaser = false;
    std::string key;  // "need:<id>" or "seed:<id>"
};
Disclosure DisclosureFor(const Viewer& v, const ItemFacts& item);
ItemFacts FactsOf(const Need& n);
ItemFacts FactsOf(const Seed& s);
Disclosure DisclosureFor(const Viewer& v, const Need& n);
Disclosure DisclosureFor(const Viewer& v, const Seed& s);
// Any disclosure at all (the teaser counts).
bool CanSeeSeed(const Viewer& v, const Seed& s);
bool CanSeeNeed(const Viewer& v, const Need& n);
// The item as a viewer entitled only to the teaser gets it: the teaser in place of the title
// and text, every other text blank, teaser_only set.
Need Redact(Need n);
Seed Redact(Seed s);
// The teaser's text for reasons and highlights: title (both languages) and paragraph.
std::string TeaserText(const Teaser& t);

// Meeting dates to agree on: the next `count` weekdays after `from`, 10:00 and 15:00 JST alternately.
std::vector<Seconds> ProposedMeetingSlots(Seconds from, int count);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Need& n);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Seed& s);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Profile& p);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Grant& g);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Introduction& i);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Judgment& j);

}  // namespace renkei::exchange
