// The search and matching index: a field-weighted inverted index (BM25, as Xapian's BM25Weight
// scores it) of needs, seeds and profiles, held in memory by each server instance and rebuilt
// from the database. Documents carry weighted terms (see analyzer.hpp) and boolean filter terms:
//   T<type>  S<status>  A<area>  K<kind>  O<organisation>  U<author>  R<role>  V<visibility>
// where visibility is "Vpublic", "Vcompany:<id>" (a confidential item), "Vitem:<type>:<id>" (a
// confidential item opened to some alone by an NDA asked for from it), "Vauthor:<id>" (a
// draft or withdrawn item) or "Voffice" (a draft need the office may complete).
// Written here rather than kept in Xapian's in-memory backend (bench/README.md, "Exchange speed"):
// Xapian took about 2 µs a posting to add, a copy per core (its objects are not shared between
// threads), and 80 s to rebuild 100k items; one index here is read by every query side by side and
// filled in a second. Thread-safe: queries share `writing`, changes take it alone.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace renkei::exchange {

struct IndexDocument {
    std::string type;  // need, seed, profile
    std::string id;
    std::map<std::string, double> terms;  // W/C/P/B/Z terms with their field-weighted counts
    std::vector<std::string> filters;     // boolean terms
    long long updated_at = 0;
    // Names the analysis its terms came from (the item's texts and the analyzer's words): a rebuild
    // for new concepts keeps the other terms of a document whose analysis is unchanged (ReuseTerms).
    uint64_t analysis = 0;
};

struct IndexQuery {
    std::map<std::string, double> terms;  // empty: every document that passes the filters, newest first
    // Instead of `terms`, terms shared with a cache, with a key that names them exactly (the same
    // key, the same terms): the strongest terms chosen for the key are kept until the index changes.
    std::shared_ptr<const std::map<std::string, double>> shared_terms;
    std::string terms_key;
    std::vector<std::string> must;  // each group: at least one of its terms ("A..|A..") — AND of groups
    std::vector<std::vector<std::string>> any_of;
    std::vector<std::string> visible;  // the viewer may see documents with any of these V terms
    // Every document, whoever may see it: only for learning the ranking (learning.cpp), which shows
    // nothing to anyone. Never set from a request.
    bool everyone = false;
    std::vector<std::string> exclude;  // documents with any of these terms are left out
    // Only the strongest terms of a long query are asked (idf × weight); a need's or seed's own
    // suggestions ask for more (kItemQueryTerms), as its EDICT glosses come last.
    size_t max_terms = 40;
    int offset = 0;
    int limit = 10;
};

struct IndexHit {
    std::string type, id;
    double weight = 0;
    int percent = 0;
    std::vector<std::string> matched;  // the query's terms this document has, strongest first
};

struct IndexResult {
    std::vector<IndexHit> hits;
    long long total = 0;  // matches the filters let through
};

// Many readers or one writer; a writer that waits goes before readers that come later, so a
// steady stream of queries does not hold off a change.
class ReadWriteGate {
  public:
    void lock_shared();
    void unlock_shared();
    void lock();
    void unlock();

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int readers_ = 0, writers_waiting_ = 0;
    bool writing_ = false;
};

class MatchIndex {
  public:
    // The documents and their postings.
    struct Store;
    struct StoreDeleter {
        void operator()(Store* store) const;  // where Store is complete (index.cpp)
    };
    using Fresh = std::unique_ptr<Store, StoreDeleter>;

    MatchIndex();
    ~MatchIndex();
    // Changes: the caller holds `mutex` and `writing` (exclusively).
    void Put(const IndexDocument& doc);
    void Remove(const std::string& type, const std::string& id);
    // A store filled aside takes the place of the current one; returns the previous one, for the
    // caller to free after it lets queries in again.
    Fresh Adopt(Fresh fresh);
    long long size() const;

    // A rebuild: an empty store, filled with AddTo while queries use the current one.
    static Fresh FreshStore();
    static void AddTo(Store& store, const std::vector<IndexDocument>& docs);
    // A query: takes `writing` shared itself; the caller holds no lock. Queries run side by side.
    IndexResult Run(const IndexQuery& q) const;
    // The terms of an item's document if they came from `analysis`, without those whose prefix is
    // in `except` (weights as stored); false if the index has no such document. The caller holds
    // `mutex` (nothing changes the documents meanwhile); queries may run.
    bool ReuseTerms(const std::string& type, const std::string& id, uint64_t analysis, std::string_view except,
                    std::map<std::string, double>& out) const;

    // The change-log cursor of this instance (see indexing.cpp: SyncLocked).
    long long cursor = 0;
    std::set<long long> seen_after_cursor;
    std::map<long long, long long> gaps_first_seen;  // seq → when first noticed missing (unix s)
    std::atomic<bool> built{false};                  // read by SyncIndex without `mutex`
    // A rebuild of a built index is under way (by whoever holds `mutex`): queries answer from the
    // index as it is instead of waiting for it. Never set for the first build, which is waited for.
    std::atomic<bool> building{false};
    // Guards the cursor state above and who changes the documents. Timed, so that a query waiting
    // for it notices a rebuild starting and answers from the index as it is (SyncIndex).
    mutable std::timed_mutex mutex;
    // Held exclusively while the documents change (after `mutex`), shared by each query.
    mutable ReadWriteGate writing;

  private:
    Fresh store_;
    unsigned long long version_ = 0;  // changes with every change of the documents

    // The strongest terms chosen for a query's terms_key (and max_terms) at a version of the index.
    struct Chosen {
        unsigned long long version = 0;
        std::vector<std::pair<std::string, double>> terms;  // strongest first, each in the index
    };
    mutable std::mutex chosen_mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const Chosen>> chosen_;
    std::shared_ptr<const Chosen> Choose(const IndexQuery& q) const;

    // The documents a set of filter clauses lets through (a bit each), at a version of the index.
    struct Filter {
        unsigned long long version = 0;
        std::vector<uint64_t> bits;
    };
    mutable std::mutex filters_mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const Filter>> filters_;
    std::shared_ptr<const Filter> FilterOf(const std::vector<std::vector<uint32_t>>& clauses) const;
};

// The term only the document of that item carries ("Q<type>:<id>"): a query's `exclude` or
// `any_of` names single items with it.
std::string ItemTerm(const std::string& type, const std::string& id);

// How many terms the query for a need's or seed's matches keeps: a need's five fields give
// 100-200 terms, and a cut at 40 dropped the glosses of its Japanese words first (bench/README.md).
constexpr size_t kItemQueryTerms = 60;

// How strongly each kind of term counts in a query (words, concepts, bigrams).
double PrefixWeight(char prefix);

}  // namespace renkei::exchange
