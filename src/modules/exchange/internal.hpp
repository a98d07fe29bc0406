// Helpers shared by the exchange module's own .cpp files (not for other modules): who is who,
// the input checks, the documents' weighted terms and this instance's index.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "modules/exchange/index.hpp"
#include "modules/exchange/ranking.hpp"
#include "modules/exchange/service.hpp"
#include "modules/people/service.hpp"

namespace renkei::exchange {

// ---- who is who (grants.cpp) ----------------------------------------------------------------

// The company an organisation belongs to: itself or its nearest company ancestor.
std::optional<std::string> CompanyOf(db::Tx& tx, const std::optional<std::string>& organisation_id);
// Whose confidential material an organisation's people write: its company, or else the top of its
// tree (the university, the hospital). nullopt without an organisation.
std::optional<std::string> EntityOf(db::Tx& tx, const std::optional<std::string>& organisation_id);

// Managing the exchange (grants, the dictionary, profiles): the office and admins.
inline bool IsOffice(const auth::Principal& me) { return me.HasAnyRole({"office", "admin"}); }
// Reading others' drafts and introductions and editing others' needs: the office only. Admins run
// the system; they are not the office and do not read people's unpublished work.
inline bool IsOfficeStaff(const auth::Principal& me) { return me.HasRole("office"); }

// ---- tiered disclosure (disclosure.cpp) ---------------------------------------------------------

// The inbox item 「詳細が閲覧可能になりました」 for requests made through the agreement `source_key`
// whose requester the new `grants` cover for the item's owner (see SetAgreementGrants).
void NotifyDetailsOpen(db::Tx& tx, const std::string& source_key, const std::vector<Grant>& grants, Seconds now);

// ---- needs, seeds and their checks (items.cpp) --------------------------------------------------

// A need's or seed's author names, from `names` (one query for a whole list when it is loaded
// first) or, for a single item, read alone.
template <class Item>
void NameAuthor(people::NameBook& names, Item& item) {
    const auto& n = names.Of(item.author_id);
    item.author_name_ja = n.name_ja;
    item.author_name_en = n.name_en;
}
template <class Item>
void NameAuthor(db::Tx& tx, Item& item) {
    people::NameBook names(tx);
    NameAuthor(names, item);
}

// kInvalid naming `field` when required and blank, longer than `max` characters or not clean UTF-8.
void RequireText(const std::optional<std::string>& v, const char* field, size_t max, bool required);
// The trimmed, non-empty, distinct entries; kInvalid for an entry over 200 characters or more
// than `max_items` of them.
std::vector<std::string> CleanList(const std::vector<std::string>& in, const char* field, size_t max_items);

// The seed or need when the viewer may see it, redacted to its teaser (teaser_only) when that is
// all the viewer may see (see DisclosureFor); kNotFound otherwise.
Seed LoadSeedFor(db::Tx& tx, const Viewer& v, const std::string& id);
Need LoadNeedFor(db::Tx& tx, const Viewer& v, const std::string& id);

// ---- documents and the index (indexing.cpp) ------------------------------------------------------

// The field-weighted terms of an item (see analyzer.hpp): what is indexed and what a suggestion asks.
std::map<std::string, double> NeedTerms(const Need& n);
std::map<std::string, double> SeedTerms(const Seed& s);
std::map<std::string, double> ProfileTerms(const Profile& p);

// What a person's own suggestions ask: their profile's terms and, halved, their open needs' and
// seeds' — kept like the items' terms, with a key that names them exactly (the texts and the
// analyzer's generation).
struct PersonalTerms {
    std::string key;
    std::shared_ptr<const std::map<std::string, double>> terms;
};
PersonalTerms PersonalTermsOf(const std::optional<Profile>& profile, const std::vector<Need>& needs,
                              const std::vector<Seed>& seeds);

// The ranked term of an item's area ("Z" + area): a need and a seed of the same area (one of the
// centre's five) are more likely to meet. Documents carry it once; the query for an item's
// suggestions asks for its own area with AreaQueryWeight().
std::string AreaTerm(const std::string& area);
double AreaQueryWeight();

// A row of the change log, so that every instance's index catches up (see SyncIndex).
void LogChange(db::Tx& tx, const std::string& kind, const std::string& id, Seconds now);

// This instance's index; callers hold its mutex.
MatchIndex& SharedIndex();

// ---- learning to rank (learning.cpp) -------------------------------------------------------------

// The latest adopted model of `renkei exchange train`, else the model shipped with the code: it
// re-ranks the engine's first candidates of a need's or seed's suggestions (matching.cpp).
std::optional<RankModel> AdoptedRankModel(db::Tx& tx);
// data/matching/ranker.json (learnt from the public matching sets), unless RENKEI_NO_SHIPPED_RANKER
// is set (bench/matching --engine-only).
const std::optional<RankModel>& ShippedRankModel();
// How many of the engine's candidates a model re-ranks.
constexpr int kRerankDepth = 50;

}  // namespace renkei::exchange
