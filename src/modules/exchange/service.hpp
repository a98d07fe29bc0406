// The exchange module's rules: who may post, see and change needs, seeds and profiles; the
// office's confidentiality grants; search, suggestions and their reasons; introductions.
// Every change writes its audit record and a change-log row in the caller's transaction, so
// every instance's index (see index.hpp) catches up on its next read.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "modules/building/model.hpp"
#include "modules/exchange/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"

namespace renkei::exchange {

// What the principal may see: own company, companies with an active grant, office rights.
Viewer ViewerOf(db::Tx& tx, const auth::Principal& me, Seconds now);

struct NeedInput {
    std::optional<std::string> title, problem, current_practice, patients, desired_outcome, area, status;
    std::optional<std::vector<std::string>> tags;
    // Confidential: the details only to the author's organisation, the office and people covered
    // by an NDA with it; everyone else sees the teaser (or nothing while there is none).
    std::optional<bool> confidential;
    // Replaces the teaser; a teaser with a blank title_ja removes it. kInvalid naming
    // "teaser.<field>": title_ja required (120), title_en (200), body one paragraph (600),
    // area one of kAreas or blank, kind (40).
    std::optional<Teaser> teaser;
};
// Clinicians, researchers and the office post needs. A draft needs only a title; an open need
// also a problem. Throws kForbidden, kInvalid naming the field.
Need CreateNeed(db::Tx& tx, const auth::Principal& me, const NeedInput& in, Seconds now);
// The author or the office (which completes and tags drafts).
Need UpdateNeed(db::Tx& tx, const auth::Principal& me, const std::string& id, const NeedInput& in, Seconds now);
// kNotFound when the need does not exist or the viewer may not see it.
Need GetNeed(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now);

struct SeedInput {
    std::optional<std::string> kind, title, description, area, status;
    std::optional<std::vector<std::string>> capabilities;
    std::optional<bool> confidential;
    std::optional<Teaser> teaser;  // as NeedInput::teaser
};
Seed CreateSeed(db::Tx& tx, const auth::Principal& me, const SeedInput& in, Seconds now);
// The author only (a seed is the company's material).
Seed UpdateSeed(db::Tx& tx, const auth::Principal& me, const std::string& id, const SeedInput& in, Seconds now);
Seed GetSeed(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now);

Profile GetProfile(db::Tx& tx, const std::string& person_id);
// The person themself, or the office/admin. Throws kNotFound for an unknown person.
Profile SaveProfile(db::Tx& tx, const auth::Principal& me, const std::string& person_id, const std::string& expertise,
                    const std::vector<std::string>& keywords, Seconds now);

struct SearchInput {
    std::string q;
    std::string type;  // need, seed, profile, "" = all
    std::string area, kind, status, organisation_id, author_id;
    std::string language = "ja";
    int offset = 0;
    int limit = 20;
};

// Why an item matches: a concept or content word both share ("concept", "word"), or the area
// of the item it was suggested for ("area"). `label` is in the language asked for.
struct Reason {
    std::string kind;
    std::string label;
};
// A piece of a highlighted text: the client marks the hits without parsing HTML.
struct Segment {
    std::string text;
    bool hit = false;
};
// An item a search found or a suggestion offers, loaded for the viewer (authors' names filled).
struct Match {
    std::string type;  // need, seed, profile
    std::string id;    // for a profile, its person's id
    std::variant<Need, Seed, Profile> item;
    std::optional<int> score;     // 0–100; none without a query (newest first)
    std::vector<Reason> reasons;  // concepts, then words (strongest first), then the area
    // Searches only: the title and a window of the best text, with the query's words marked.
    std::optional<std::vector<Segment>> title_highlight, snippet;
    // Suggestions for the office only: its judgment on the pair (see JudgePair).
    std::optional<bool> judged_relevant;
};

struct SearchResult {
    long long total = 0;  // what the viewer may see: exact up to 1000, an estimate beyond
    std::vector<Match> items;
};
// Items the viewer may see, best first (newest first without q), each with a highlighted
// snippet; `total` counts only what the viewer may see.
SearchResult Search(db::Tx& tx, const auth::Principal& me, const SearchInput& in, Seconds now);

// Suggestions, best first, each with score and reasons (shared concepts and words; for what a need
// or seed is offered, also the same area). An item that shares no concept and no content word
// with what it is matched against is left out. Never the viewer's own items, never what the
// viewer may not see.
struct NeedSuggestions {
    std::string need_id;
    std::vector<Match> seeds, people;
};
struct SeedSuggestions {
    std::string seed_id;
    std::vector<Match> needs, people;  // people: clinicians and researchers
};
struct MySuggestions {
    bool personalised = false;  // the viewer has a profile or open items to match against
    std::vector<Match> needs, seeds;
};
// For a need: open seeds and people; for a seed or theme: open needs and people.
NeedSuggestions SuggestionsForNeed(db::Tx& tx, const auth::Principal& me, const std::string& need_id, int limit,
                                   const std::string& language, Seconds now);
SeedSuggestions SuggestionsForSeed(db::Tx& tx, const auth::Principal& me, const std::string& seed_id, int limit,
                                   const std::string& language, Seconds now);
// The home page: open needs and seeds that match the viewer's profile and own open items (the
// newest when there is nothing to match against).
MySuggestions SuggestionsForMe(db::Tx& tx, const auth::Principal& me, int limit, const std::string& language,
                               Seconds now);
// The seed ids ranked for a need, best first (the bench and tools; same ranking as the API).
std::vector<std::string> RankSeedsForNeed(db::Tx& tx, const auth::Principal& me, const std::string& need_id, int limit,
                                          Seconds now);

// ---- the office's relevance judgments on suggestions ----------------------------------------
// One click on a suggestion: "this seed is relevant for this need" or "it is not". Office and
// admin only (kForbidden); the need and the seed as the caller may see them, a confidential seed's
// teaser being enough (kNotFound otherwise). Replaces the pair's judgment. From then on, for
// everyone: a seed judged not relevant is no longer among the need's suggestions nor the need
// among the seed's; one judged relevant comes first, with the reason "office" (what the viewer
// receives of it is what they may see, as for any suggestion). Audited ("judge" on
// "exchange_judgment", entity id "<need_id>:<seed_id>").
Judgment JudgePair(db::Tx& tx, const auth::Principal& me, const std::string& need_id, const std::string& seed_id,
                   bool relevant, Seconds now);
// Removes the pair's judgment (the suggestions are as the engine ranks them again); nothing to
// remove is no error. Same checks; audited ("delete") when there was one.
void ClearJudgment(db::Tx& tx, const auth::Principal& me, const std::string& need_id, const std::string& seed_id,
                   Seconds now);
// A need's judgments with the seeds as the caller may see them (a confidential seed redacted to
// its teaser), newest first; judgments of seeds the caller may not see (any longer) are left out.
// Office and admin only.
struct JudgedSeed {
    Judgment judgment;
    Seed seed;
};
std::vector<JudgedSeed> NeedJudgments(db::Tx& tx, const auth::Principal& me, const std::string& need_id, Seconds now);
// The same from the seed's side: a seed's judgments with the needs as the caller may see them.
struct JudgedNeed {
    Judgment judgment;
    Need need;
};
std::vector<JudgedNeed> SeedJudgments(db::Tx& tx, const auth::Principal& me, const std::string& seed_id, Seconds now);

// Office and admin only. A grant covers `person_id` for confidential material of `company_id`.
Grant CreateGrant(db::Tx& tx, const auth::Principal& me, const std::string& person_id, const std::string& company_id,
                  Seconds starts_at, Seconds ends_at, const std::string& note, Seconds now);
Grant RevokeGrant(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now);
// For agreements of other modules (an NDA in force, see contracts): `source_key` (e.g.
// "contract:<id>") covers each person for confidential material of the paired company from
// `starts_at` to `ends_at`. Replaces what the same source granted before, so calling it again
// after a change is safe; the grants show in ListGrants like those made by hand. The caller
// checks permission; `actor` is recorded in the audit log. Pairs whose "company" is neither a
// company nor the top of an organisation tree (a university, a hospital: whose confidential needs
// an NDA may open) are skipped. People who asked for an item's details through this agreement
// (RequestDetails) and are now covered for its owner are told so in their inbox, once. Returns
// the grants made.
std::vector<Grant> SetAgreementGrants(db::Tx& tx, const std::optional<std::string>& actor,
                                      const std::string& source_key,
                                      const std::vector<std::pair<std::string, std::string>>& person_company,
                                      Seconds starts_at, Seconds ends_at, const std::string& note, Seconds now);
// Ends every grant the source made (at `at`); returns how many.
int EndAgreementGrants(db::Tx& tx, const std::optional<std::string>& actor, const std::string& source_key, Seconds at);
// The office sees all; anyone else their own. `active` as of `now`.
std::vector<Grant> ListGrants(db::Tx& tx, const auth::Principal& me, const std::string& person_id, Seconds now);

Introduction RequestIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& item_type,
                                 const std::string& item_id, const std::string& via_type, const std::string& via_id,
                                 const std::string& message, Seconds now);
// The other side or the office. `meeting_at` optional: the agreed date.
Introduction DecideIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& id, bool accept,
                                std::optional<Seconds> meeting_at, Seconds now);
Introduction RecordOutcome(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& outcome,
                           const std::string& note, Seconds now);
Introduction GetIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& id);
std::vector<Introduction> ListIntroductions(db::Tx& tx, const auth::Principal& me, bool all);

// After an introduction is accepted, both sides meet: free meeting-room slots where the requester
// and the owner are both free in the next 14 days (building module's slot finder); empty once a
// meeting is booked or when nothing is free. A party of the introduction or the office.
std::vector<building::SlotProposal> MeetingSlots(db::Tx& tx, const auth::Principal& me, const std::string& id,
                                                 Seconds now);
// Either side (or the office) books one slot in one click: a booking of that room with both
// sides as attendees; the introduction records meeting_at and booking_id; the "pick a time" inbox
// items of both are resolved. kConflict when not accepted or already booked, or the room is taken.
Introduction BookMeeting(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& space_id,
                         Seconds start, Seconds end, Seconds now);

// ---- tiered disclosure: "詳細を見る (NDA を依頼)" ----------------------------------------------
// What the contracts module is asked to open: a draft NDA between the requester's organisation
// (their company, or the top of their organisation tree) and the item owner's, covering the
// requester, for the office to carry through.
struct NdaRequest {
    std::string requester_id, requester_organisation_id, owner_organisation_id;
    std::string item_type, item_id, item_title;  // the teaser's title
    std::string purpose, notes;
};
// Returns the new contract's id. Registered once at start-up by the contracts module (which
// already depends on the exchange for its grants), so the exchange never reaches into contracts.
using NdaOpener = std::string (*)(db::Tx& tx, const NdaRequest& request, Seconds now);
void RegisterNdaOpener(NdaOpener opener);

struct DisclosureRequestRef {
    std::string id, item_type, item_id, contract_id;
    Seconds created_at;
    std::optional<Seconds> notified_at;
};
// A person who sees only an item's teaser asks for its details: a draft NDA in the contracts
// module (see NdaRequest), recorded so that the person is told (inbox 「詳細が閲覧可能になりました」)
// once the NDA is in force and covers them. kNotFound when the item is not visible at all,
// kConflict (field "item_id") when the details are already open to the caller, kConflict with
// `contract_id` and `link` when the caller already asked for this item, kInvalid ("requester")
// when the caller belongs to no organisation, kUnavailable when no contracts module is
// registered. Audited ("request_details" on the item).
DisclosureRequestRef RequestDetails(db::Tx& tx, const auth::Principal& me, const std::string& item_type,
                                    const std::string& item_id, Seconds now);
// The caller's request for the item's details, if any (for the teaser's button).
std::optional<DisclosureRequestRef> MyDisclosureRequest(db::Tx& tx, const auth::Principal& me,
                                                        const std::string& item_type, const std::string& item_id);

// A need or seed as another module links to it (projects), when the principal may see it;
// nullopt when it does not exist or the principal may not see it (confidential seeds, drafts).
struct ItemRef {
    std::string type, id, title, status, author_id;
    bool confidential = false;
    bool teaser_only = false;  // the principal sees only the teaser: `title` is the teaser's
};
std::optional<ItemRef> VisibleItem(db::Tx& tx, const auth::Principal& me, const std::string& type,
                                   const std::string& id, Seconds now);
// The projects module records that an introduction led to a project: the requester, the owner
// or the office; the introduction must be accepted. Sets the outcome (project_proposal or
// project_started) unless it already names a project outcome. Audited.
Introduction AttachProject(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& project_id,
                           const std::string& outcome, Seconds now);

// For the open call's reviewer assignment: how well each person's profile (expertise and
// keywords) matches each text, by the engine's analysed terms (MeCab words, English stems, the
// dictionary's concepts in both languages) weighted by tf-idf over the texts and profiles given,
// compared by cosine: a value in [0, 1] per pair, row-major by text (result[t * people + p]). A
// text's linked needs and seeds count as part of it. A person without a profile matches nothing.
// No access check and no audit: the caller decides who sees the figures. Caught up with the change
// log first, so the office's newest concepts count here as they do in the exchange.
struct ExpertiseText {
    std::string title, body;
    std::vector<std::string> need_ids, seed_ids;
};
std::vector<double> ExpertiseMatrix(db::Tx& tx, const std::vector<ExpertiseText>& texts,
                                    const std::vector<std::string>& person_ids, Seconds now);

// The office extends the concept dictionary: every term names the same concept.
std::vector<Concept> AddSynonyms(db::Tx& tx, const auth::Principal& me, const std::string& concept_id,
                                 const std::vector<std::string>& terms, Seconds now);
std::vector<Concept> FindSynonyms(db::Tx& tx, const std::string& q, size_t limit, Seconds now);

// Brings this instance's index up to date: a full build the first time, then whatever the
// change log holds since. Called at the start of every search and suggestion. `now` (the
// request's clock reading) times how long a hole in the change log is waited for.
void SyncIndex(db::Tx& tx, Seconds now);
// The start of the committee's chain (SPEC §8): needs posted (not drafts) and introductions
// accepted, centre-wide counts with no names.
struct ChainCounts {
    long long needs = 0, introductions = 0;
};
ChainCounts CountChain(db::Tx& tx);

// Rebuilds this instance's index from the database (`renkei reindex`; a dictionary change read
// from the change log does the same); returns the number of documents. Searches and suggestions
// answer from the previous index while it runs.
long long RebuildIndex(db::Tx& tx);
// The first build at start-up (no-op when a request built it already); searches wait for it.
long long BuildIndex(db::Tx& tx);
// Asks every instance to rebuild (the change log carries it). For `renkei reindex`.
void RequestReindex(db::Tx& tx, Seconds now);

// ---- learning to rank (learning.cpp; docs/exchange.md "Learning from the centre's decisions") ----

// A training run: a model learnt from the centre's decisions on (need, seed) pairs — the office's
// judgments, introductions accepted or declined, meetings held, projects started. Adopted (it
// re-ranks suggestions from then on) when it ranks those decisions at least as well as the engine.
struct RankingRun {
    std::string id;  // empty when there was too little to learn from (nothing kept)
    Seconds trained_at;
    std::optional<std::string> trained_by;  // nullopt: `renkei exchange train`
    bool adopted = false;
    std::string reason;    // why it was not adopted; empty when it was
    size_t decisions = 0;  // decided pairs read
    size_t lists = 0, pairs = 0;
    double ndcg_before = 0, ndcg_after = 0;               // nDCG@10 of the decisions, engine → model
    std::vector<std::pair<std::string, double>> weights;  // per feature (ranking.hpp), standardised
};
// Trains and keeps the run (audited as `train` on exchange_ranking by `actor_id`).
RankingRun TrainRanking(db::Tx& tx, const std::optional<std::string>& actor_id, Seconds now);
// The latest run, adopted or not; for the office and admins. nullopt before the first.
std::optional<RankingRun> LatestRanking(db::Tx& tx, const auth::Principal& me);

}  // namespace renkei::exchange
