// The search and matching index: a field-weighted Xapian index (BM25) of needs, seeds and
// profiles, held in memory by each server instance and rebuilt from the database. Documents
// carry weighted terms (see analyzer.hpp) and boolean filter terms:
//   T<type>  S<status>  A<area>  K<kind>  O<organisation>  U<author>  R<role>  V<visibility>
// where visibility is "Vpublic", "Vcompany:<id>" (a confidential item), "Vitem:<type>:<id>" (a
// confidential item opened to some alone by an NDA asked for from it), "Vauthor:<id>" (a
// draft or withdrawn item) or "Voffice" (a draft need the office may complete).
// Thread-safe, though Xapian's objects are not: queries run on copies of the index (one per core,
// each used by one query at a time), so that the cores run queries side by side; changes are made
// to every copy while no query runs (see `writing`).
#pragma once
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace Xapian {  // NOLINT(readability-identifier-naming): Xapian's own namespace
class WritableDatabase;
}

namespace renkei::exchange {

struct IndexDocument {
    std::string type;  // need, seed, profile
    std::string id;
    std::map<std::string, double> terms;  // W/C/P/B/Z terms with their field-weighted counts
    std::vector<std::string> filters;     // boolean terms
    long long updated_at = 0;
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
    // How many matches to examine at least so that `total` is exact up to it (0: ranking only,
    // as suggestions need no count; costs time on a large index).
    int exact_count_up_to = 0;
};

struct IndexHit {
    std::string type, id;
    double weight = 0;
    int percent = 0;
    std::vector<std::string> matched;  // the query's terms this document has, strongest first
};

struct IndexResult {
    std::vector<IndexHit> hits;
    long long total = 0;  // matches the filters let through: exact up to exact_count_up_to, else an estimate
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
  private:
    struct Copy;

  public:
    // A full set of copies filled aside while queries go on with the current ones (a rebuild).
    using Copies = std::vector<std::unique_ptr<Copy>>;

    MatchIndex();
    ~MatchIndex();
    // Changes: the caller holds `mutex` and `writing` (exclusively).
    void Put(const IndexDocument& doc);
    void Remove(const std::string& type, const std::string& id);
    // The copies filled aside take the place of the current ones; returns the previous ones, for
    // the caller to free after it lets queries in again (freeing 100k documents takes seconds).
    Copies Adopt(Copies fresh);
    long long size() const;

    // A rebuild: empty copies, filled with AddTo (one thread per copy) while queries use the
    // current ones; neither needs a lock.
    static Copies FreshCopies();
    static void AddTo(Copies& copies, const std::vector<IndexDocument>& docs);
    // A query: takes `writing` shared and a free copy itself; the caller holds no lock.
    IndexResult Run(const IndexQuery& q) const;

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
    struct Copy {
        Copy();
        ~Copy();  // where Xapian is complete (index.cpp)
        Copy(const Copy&) = delete;
        Copy& operator=(const Copy&) = delete;
        std::mutex mutex;  // one query at a time
        std::unique_ptr<Xapian::WritableDatabase> db;
    };
    Copies copies_;  // identical: the same changes in the same order
    mutable std::atomic<unsigned> next_copy_{0};
    unsigned long long version_ = 0;  // changes with every change of the documents

    // The strongest terms chosen for a query's terms_key (and max_terms) at a version of the index.
    struct Chosen {
        unsigned long long version = 0;
        std::vector<std::pair<std::string, double>> terms;  // strongest first, each in the index
    };
    mutable std::mutex chosen_mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const Chosen>> chosen_;
    std::shared_ptr<const Chosen> Choose(const Xapian::WritableDatabase& db, const IndexQuery& q) const;
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
