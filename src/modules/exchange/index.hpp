// The search and matching index: a field-weighted Xapian index (BM25) of needs, seeds and
// profiles, held in memory by each server instance and rebuilt from the database. Documents
// carry weighted terms (see analyzer.hpp) and boolean filter terms:
//   T<type>  S<status>  A<area>  K<kind>  O<organisation>  U<author>  R<role>  V<visibility>
// where visibility is "Vpublic", "Vcompany:<id>" (a confidential seed), "Vauthor:<id>" (a
// draft or withdrawn item) or "Voffice" (a draft need the office may complete).
// Thread-safe: one mutex around Xapian, whose objects are not.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
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
    std::vector<std::string> must;        // each group: at least one of its terms ("A..|A..") — AND of groups
    std::vector<std::vector<std::string>> any_of;
    std::vector<std::string> visible;  // the viewer may see documents with any of these V terms
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

class MatchIndex {
  public:
    MatchIndex();
    ~MatchIndex();
    void Clear();
    void Put(const IndexDocument& doc);
    void Remove(const std::string& type, const std::string& id);
    IndexResult Run(const IndexQuery& q) const;
    long long size() const;

    // The change-log cursor of this instance (see indexing.cpp: SyncLocked).
    long long cursor = 0;
    std::set<long long> seen_after_cursor;
    std::map<long long, long long> gaps_first_seen;  // seq → when first noticed missing (unix s)
    bool built = false;
    mutable std::mutex mutex;  // guards everything above and below; callers hold it

  private:
    std::unique_ptr<Xapian::WritableDatabase> db_;
};

// How many terms the query for a need's or seed's matches keeps: a need's five fields give
// 100-200 terms, and a cut at 40 dropped the glosses of its Japanese words first (bench/README.md).
constexpr size_t kItemQueryTerms = 60;

// How strongly each kind of term counts in a query (words, concepts, bigrams).
double PrefixWeight(char prefix);

}  // namespace renkei::exchange
