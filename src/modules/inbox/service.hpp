// The inbox as a service for every module: a module posts an item when it asks something of a
// person and resolves it (by its own key) when the thing is done, in the same transaction as
// the change. Reading is per person: nobody sees another person's inbox.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/inbox/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::inbox {

struct NewItem {
    std::string person_id, kind, source, source_key;
    std::string title_ja, title_en, context_ja, context_en, link;
    std::optional<std::string> due_on;
    std::optional<Action> action;
};
// Called for every item Post adds (not for one it finds already open), inside the same
// transaction: how the mail module hears of new items without the inbox knowing of it. Set
// once at start-up, before any request; nullptr: nobody listens.
using PostObserver = void (*)(db::Tx& tx, const Item& item, Seconds now);
void ObservePosts(PostObserver observer);

// Adds an open item, unless the person already has an open item with the same source and key
// (then that one is returned unchanged). Throws Error{kInternal} for a malformed item (a bug).
Item Post(db::Tx& tx, const NewItem& in, Seconds now);

// Marks every open item with this source and key as `state` (done or cancelled), for everyone;
// returns how many. `actor`: who resolved it (nullopt: the system).
int Resolve(db::Tx& tx, const std::string& source, const std::string& source_key,
            const std::optional<std::string>& actor, Seconds now, const std::string& state = "done");
// The same for one person's item only.
int ResolveFor(db::Tx& tx, const std::string& source, const std::string& source_key, const std::string& person_id,
               const std::optional<std::string>& actor, Seconds now, const std::string& state = "done");

// New wording for open items, e.g. after what they are about was renamed; a field left nullopt
// keeps its text.
struct Wording {
    std::optional<std::string> title_ja, title_en, context_ja, context_en;
};
// Rewords every open item with this source and key (resolved ones keep the words they were
// resolved with); returns how many. Audited when any changed.
int Reword(db::Tx& tx, const std::string& source, const std::string& source_key, const Wording& wording,
           const std::optional<std::string>& actor);

// The person's open items from `source`, oldest first: for the module that owns them, e.g. to
// hand them over when the role they were asked of changes hands.
std::vector<Item> OpenItemsOf(db::Tx& tx, const std::string& person_id, const std::string& source, Seconds now);
// Hands one open item over to `to_person`: the same item (id, text, action, due date) is now
// asked of them. Returns false (and changes nothing) when the item is not open. Audited.
bool HandOver(db::Tx& tx, const std::string& item_id, const std::string& to_person,
              const std::optional<std::string>& actor);
// Marks one open item as `state` (done or cancelled); false when it is not open.
bool ResolveItem(db::Tx& tx, const std::string& item_id, const std::optional<std::string>& actor,
                 const std::string& state, Seconds now);

// The person's items: open ones first by due date, then the most recently resolved (state
// "open", "done" or "all"), at most `limit`.
std::vector<Item> ListFor(db::Tx& tx, const std::string& person_id, const std::string& state, Seconds now,
                          int limit = 200);

struct Count {
    int open = 0;
    int overdue = 0;
};
Count CountFor(db::Tx& tx, const std::string& person_id, Seconds now);

// GET /api/inbox, GET /api/inbox/count.
// Whether an audit record's entity id (an item id, or "source:source_key" for the records of
// Resolve and Reword) names an item of `person_id`. The audit log shows inbox records to whom
// the items belong only: their words may quote material others may not see.
bool ItemsBelongTo(db::Tx& tx, const std::string& entity_id, const std::string& person_id);

}  // namespace renkei::inbox
