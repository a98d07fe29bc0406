// Keeping this instance's index up to date: the documents of needs, seeds and profiles, the
// change log every instance follows, and the office's additions to the concept dictionary.
#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <exception>
#include <latch>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>

#include "modules/exchange/analyzer.hpp"
#include "modules/exchange/internal.hpp"
#include "modules/exchange/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::exchange {

MatchIndex& SharedIndex() {
    static MatchIndex index;
    return index;
}

// ---- documents ------------------------------------------------------------------------------

namespace {

using Terms = std::map<std::string, double>;

// Analysing a text with MeCab, EDICT and the concept dictionary is most of what a suggestion
// costs, and the same needs, seeds and profiles are analysed again on every request (the viewer's
// own items, the subject of a page). The analyses are kept, keyed by everything they depend on:
// the texts themselves (an edit is a new key) and the analyzer's generation (the office's concepts
// replaced). Bounded: emptied when full.
class TermsCache {
  public:
    // `key` ends with the generation the caller read before computing anything.
    template <typename Compute>
    std::shared_ptr<const Terms> Get(std::string key, const Compute& compute) {
        {
            std::lock_guard lock(mutex_);
            if (auto it = map_.find(key); it != map_.end()) return it->second;
        }
        auto t = std::make_shared<const Terms>(compute());
        std::lock_guard lock(mutex_);
        if (map_.size() >= kCapacity) map_.clear();
        map_.try_emplace(std::move(key), t);
        return t;
    }

  private:
    static constexpr size_t kCapacity = 20000;
    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const Terms>> map_;
};

TermsCache& Cache() {
    static TermsCache cache;
    return cache;
}

// The parts of a key, each ended by a separator no text holds after normalisation.
void Append(std::string& key, std::string_view part) {
    key += part;
    key += '\x1e';
}

std::string WithGeneration(std::string key) {
    key += '\x1d';
    key += std::to_string(SharedAnalyzer().generation());
    return key;
}

std::string NeedKey(const Need& n) {
    std::string key = "N";
    for (std::string_view part :
         {std::string_view(n.title), std::string_view(n.problem), std::string_view(n.desired_outcome),
          std::string_view(n.current_practice), std::string_view(n.patients)})
        Append(key, part);
    for (const auto& tag : n.tags) Append(key, tag);
    return key;
}

std::string SeedKey(const Seed& s) {
    std::string key = "S";
    Append(key, s.title);
    Append(key, s.description);
    for (const auto& c : s.capabilities) Append(key, c);
    return key;
}

std::string ProfileKey(const Profile& p) {
    std::string key = "P";
    Append(key, p.expertise);
    for (const auto& k : p.keywords) Append(key, k);
    return key;
}

// The texts of an item that are analysed, with their weights.
using Fields = std::vector<std::pair<std::string_view, double>>;

Fields NeedFields(const Need& n) {
    Fields f = {
        {n.title, 3.0}, {n.problem, 1.0}, {n.desired_outcome, 1.5}, {n.current_practice, 0.5}, {n.patients, 0.7}};
    for (const auto& tag : n.tags) f.emplace_back(tag, 2.0);
    return f;
}

Fields SeedFields(const Seed& s) {
    Fields f = {{s.title, 3.0}, {s.description, 1.0}};
    for (const auto& c : s.capabilities) f.emplace_back(c, 2.0);
    return f;
}

Fields ProfileFields(const Profile& p) {
    Fields f = {{p.expertise, 1.0}};
    for (const auto& k : p.keywords) f.emplace_back(k, 3.0);
    return f;
}

Terms Analyse(const Fields& fields) {
    const auto& a = SharedAnalyzer();
    Terms t;
    for (const auto& [text, weight] : fields) a.Analyze(text, weight, t);
    return t;
}

std::shared_ptr<const Terms> SharedNeedTerms(const Need& n) {
    return Cache().Get(WithGeneration(NeedKey(n)), [&n] { return Analyse(NeedFields(n)); });
}

std::shared_ptr<const Terms> SharedSeedTerms(const Seed& s) {
    return Cache().Get(WithGeneration(SeedKey(s)), [&s] { return Analyse(SeedFields(s)); });
}

std::shared_ptr<const Terms> SharedProfileTerms(const Profile& p) {
    return Cache().Get(WithGeneration(ProfileKey(p)), [&p] { return Analyse(ProfileFields(p)); });
}

}  // namespace

std::map<std::string, double> NeedTerms(const Need& n) { return *SharedNeedTerms(n); }
std::map<std::string, double> SeedTerms(const Seed& s) { return *SharedSeedTerms(s); }
std::map<std::string, double> ProfileTerms(const Profile& p) { return *SharedProfileTerms(p); }

PersonalTerms PersonalTermsOf(const std::optional<Profile>& profile, const std::vector<Need>& needs,
                              const std::vector<Seed>& seeds) {
    PersonalTerms out;
    out.key = "M";
    auto add = [&out](const std::string& item_key) {  // length first: the items' keys stay apart
        out.key += std::to_string(item_key.size());
        out.key += ':';
        out.key += item_key;
    };
    add(profile ? ProfileKey(*profile) : "");
    for (const auto& n : needs) add(NeedKey(n));
    for (const auto& s : seeds) add(SeedKey(s));
    out.key = WithGeneration(std::move(out.key));
    out.terms = Cache().Get(out.key, [&] {
        Terms terms;
        if (profile) terms = *SharedProfileTerms(*profile);
        for (const auto& n : needs)
            for (const auto& [t, w] : *SharedNeedTerms(n)) terms[t] += w * 0.5;
        for (const auto& s : seeds)
            for (const auto& [t, w] : *SharedSeedTerms(s)) terms[t] += w * 0.5;
        return terms;
    });
    return out;
}

std::string AreaTerm(const std::string& area) { return "Z" + area; }

// Chosen on dev.jsonl (bench/README.md): 8, 16, 24 and 40 gave nDCG@10 0.727, 0.763, 0.772 and
// 0.790 there, where 58 of 60 relevant pairs share the area; dev2 has 48 of 61, so not higher.
double AreaQueryWeight() { return 24.0; }

void LogChange(db::Tx& tx, const std::string& kind, const std::string& id, Seconds now) {
    store::InsertChange(tx, kind, id, ToUnix(now));
}

namespace {

constexpr int kGapPatienceSeconds = 5;
constexpr long long kRebuildWindow = 256;  // change numbers below the last that may still be in flight

// What a document's terms came from: its texts, and the labels generation they were analysed in
// (see Analyzer::labels_generation); never 0.
uint64_t AnalysisOf(const std::string& key) {
    uint64_t h = std::hash<std::string>{}(key) ^ (SharedAnalyzer().labels_generation() * 0x9e3779b97f4a7c15ULL);
    return h == 0 ? 1 : h;
}

// A document's terms: kept from the index as it is when its texts were analysed the same way
// (`reuse`, a rebuild for new concepts: only the concepts are found again), else analysed.
Terms DocumentTerms(const std::string& type, const std::string& id, uint64_t analysis, const Fields& fields,
                    const MatchIndex* reuse) {
    Terms t;
    if (reuse && reuse->ReuseTerms(type, id, analysis, "CZ", t)) {
        for (const auto& [text, weight] : fields) SharedAnalyzer().AnalyzeConcepts(text, weight, t);
        return t;
    }
    return Analyse(fields);
}

IndexDocument NeedDocument(const Need& n, const MatchIndex* reuse = nullptr) {
    const uint64_t analysis = AnalysisOf(NeedKey(n));
    IndexDocument d{
        "need", n.id, DocumentTerms("need", n.id, analysis, NeedFields(n), reuse), {}, ToUnix(n.updated_at), analysis};
    if (!n.area.empty()) d.terms[AreaTerm(n.area)] = 0.5;  // one occurrence: see AreaTerm
    d.filters = {"Tneed", "S" + std::string(Text(n.status)), "U" + n.author_id};
    if (!n.area.empty()) d.filters.push_back("A" + n.area);
    if (n.organisation_id) d.filters.push_back("O" + *n.organisation_id);
    // Confidential with a teaser: found by everyone on its full text, shown to most as the teaser
    // (see Present); without one: only to whom the details are open.
    if (n.status == NeedStatus::kDraft) {
        d.filters.push_back("Vauthor:" + n.author_id);
        d.filters.push_back("Voffice");
    } else if (n.confidential && n.teaser.Empty()) {
        d.filters.push_back("Vauthor:" + n.author_id);
        d.filters.push_back("Voffice");
        d.filters.push_back("Vcompany:" + n.company_id.value_or("-"));
        d.filters.push_back("Vitem:need:" + n.id);
    } else {
        d.filters.push_back("Vpublic");
    }
    return d;
}

IndexDocument SeedDocument(const Seed& s, const MatchIndex* reuse = nullptr) {
    const uint64_t analysis = AnalysisOf(SeedKey(s));
    IndexDocument d{
        "seed", s.id, DocumentTerms("seed", s.id, analysis, SeedFields(s), reuse), {}, ToUnix(s.updated_at), analysis};
    if (!s.area.empty()) d.terms[AreaTerm(s.area)] = 0.5;
    d.filters = {"Tseed", "S" + std::string(Text(s.status)), "K" + std::string(Text(s.kind)), "U" + s.author_id,
                 "Vauthor:" + s.author_id};
    if (!s.area.empty()) d.filters.push_back("A" + s.area);
    if (s.company_id) d.filters.push_back("O" + *s.company_id);
    if (s.organisation_id && s.organisation_id != s.company_id) d.filters.push_back("O" + *s.organisation_id);
    if (s.status == SeedStatus::kOpen && s.confidential && s.teaser.Empty()) {
        d.filters.push_back("Vcompany:" + s.company_id.value_or("-"));
        d.filters.push_back("Vitem:seed:" + s.id);
    } else if (s.status == SeedStatus::kOpen) {
        d.filters.push_back("Vpublic");
    }
    return d;
}

// A profile's document, given its person (active).
IndexDocument ProfileDocumentOf(const Profile& p, const people::Person& person, const MatchIndex* reuse = nullptr) {
    // The name is searchable too, weakly.
    Fields fields = ProfileFields(p);
    const std::string name = person.name_ja + " " + person.name_en;
    fields.emplace_back(name, 0.5);
    std::string key = ProfileKey(p);
    Append(key, name);
    const uint64_t analysis = AnalysisOf(key);
    IndexDocument d{"profile", p.person_id,          DocumentTerms("profile", p.person_id, analysis, fields, reuse),
                    {},        ToUnix(p.updated_at), analysis};
    d.filters = {"Tprofile", "Sopen", "U" + p.person_id, "Vpublic"};
    if (person.organisation_id) d.filters.push_back("O" + *person.organisation_id);
    for (const auto& r : person.roles) d.filters.push_back("R" + r);
    return d;
}

std::optional<IndexDocument> ProfileDocument(db::Tx& tx, const Profile& p) {
    auto person = people::FindPerson(tx, p.person_id);
    if (!person || !person->active) return std::nullopt;
    return ProfileDocumentOf(p, *person);
}

// ---- index upkeep (caller holds SharedIndex().mutex) ------------------------------------------------

// What a build reads from the database, a batch at a time; analysed on every core.
using Source = std::variant<Need, Seed, std::pair<Profile, people::Person>>;
constexpr size_t kBuildBatch = 2000;

// The analysis threads of one build, kept for all its batches: each thread's MeCab tagger and
// caches of stems and glosses stay warm from one batch to the next. A batch is analysed while the
// build adds the previous one to the index (Start, then Finish).
class Analysts {
  public:
    struct Job {
        std::vector<Source> batch;
        std::vector<IndexDocument> docs;
        std::atomic<size_t> next{0};
        std::vector<std::exception_ptr> failed;
        std::unique_ptr<std::latch> done;
    };

    // `reuse`: the index as it is, whose documents analysed the same way keep their terms.
    explicit Analysts(const MatchIndex* reuse) : reuse_(reuse), pool_(Workers()) {}
    Analysts(const Analysts&) = delete;
    Analysts& operator=(const Analysts&) = delete;
    ~Analysts() { pool_.join(); }  // a job started and not finished is waited for (its owner outlives this)

    std::unique_ptr<Job> Start(std::vector<Source> batch) {
        auto job = std::make_unique<Job>();
        const unsigned workers = Workers();
        job->batch = std::move(batch);
        job->docs.resize(job->batch.size());
        job->failed.resize(workers);
        job->done = std::make_unique<std::latch>(workers);
        for (unsigned t = 0; t < workers; ++t)
            boost::asio::post(pool_, [this, j = job.get(), t] {
                try {
                    for (size_t i = j->next++; i < j->batch.size(); i = j->next++) j->docs[i] = One(j->batch[i]);
                } catch (...) {
                    j->failed[t] = std::current_exception();
                    j->next = j->batch.size();  // the others stop too
                }
                j->done->count_down();
            });
        return job;
    }

    // Every source's document, in order.
    static std::vector<IndexDocument> Finish(std::unique_ptr<Job> job) {
        job->done->wait();
        for (auto& e : job->failed)
            if (e) std::rethrow_exception(e);
        return std::move(job->docs);
    }

  private:
    static unsigned Workers() { return std::clamp<unsigned>(std::thread::hardware_concurrency(), 1, 4); }
    IndexDocument One(const Source& s) const {
        if (const auto* n = std::get_if<Need>(&s)) return NeedDocument(*n, reuse_);
        if (const auto* sd = std::get_if<Seed>(&s)) return SeedDocument(*sd, reuse_);
        const auto& [profile, person] = std::get<std::pair<Profile, people::Person>>(s);
        return ProfileDocumentOf(profile, person, reuse_);
    }
    const MatchIndex* reuse_;
    boost::asio::thread_pool pool_;
};

// Builds the whole index from the database into a fresh store aside and puts it in place at the
// end (under `writing`, for a moment): during a rebuild, queries answer from the previous index
// (SyncIndex does not wait for it: see `building`); the first build at start-up is waited for.
// Texts are analysed on every core; a document whose texts the index already holds analysed in
// the same labels generation keeps its terms, and only its concepts are found again (the office's
// concepts are what a rebuild is for; MeCab is most of an analysis).
long long RebuildLocked(db::Tx& tx) {
    auto& index = SharedIndex();
    struct Building {
        std::atomic<bool>& flag;
        ~Building() { flag = false; }
    } building{index.building};
    // Only a rebuild lets queries go on without waiting (from the index as it is). The first build
    // is waited for to the end, catching up included: were `building` set for it too, a query
    // that waited for it could see `building && built` in the moment between the swap and the
    // unlock and answer without the changes committed while it ran (an item just posted missing).
    index.building = index.built.load();
    // The cursor is read before anything else: on PostgreSQL each statement of a read
    // transaction sees what has committed by then, so a change committed while we read is
    // either below the cursor and already in what we read, or above it and applied by the next
    // sync. Numbers of the recent window that are missing may belong to transactions still in
    // flight; they are waited for like any other hole (see SyncLocked).
    const long long last = store::LastChange(tx);
    const long long window_start = std::max(0LL, last - kRebuildWindow);
    std::set<long long> recent;
    for (const auto& c : store::ChangesAfter(tx, window_start, static_cast<int>(kRebuildWindow)))
        if (c.seq <= last) recent.insert(c.seq);
    MutableSharedAnalyzer().SetExtraConcepts(store::ListSynonyms(tx));
    MatchIndex::Fresh fresh = MatchIndex::FreshStore();
    std::unique_ptr<Analysts::Job> pending;  // declared before the analysts: they finish with it first
    Analysts analysts(index.built ? &index : nullptr);
    std::vector<Source> batch;
    batch.reserve(kBuildBatch);
    auto flush = [&] {
        if (batch.empty()) return;
        auto job = analysts.Start(std::move(batch));
        batch = {};
        batch.reserve(kBuildBatch);
        if (pending) MatchIndex::AddTo(*fresh, Analysts::Finish(std::move(pending)));
        pending = std::move(job);
    };
    auto add = [&](Source s) {
        batch.push_back(std::move(s));
        if (batch.size() >= kBuildBatch) flush();
    };
    store::ForEachNeed(tx, [&](const Need& n) { add(n); });
    store::ForEachSeed(tx, [&](const Seed& s) { add(s); });
    std::vector<Profile> profiles;
    store::ForEachProfile(tx, [&](const Profile& p) { profiles.push_back(p); });
    for (auto& p : profiles)
        if (auto person = people::FindPerson(tx, p.person_id); person && person->active)
            add(std::pair{std::move(p), std::move(*person)});
    flush();
    if (pending) MatchIndex::AddTo(*fresh, Analysts::Finish(std::move(pending)));
    MatchIndex::Fresh previous;
    long long size = 0;
    {
        std::lock_guard writing(index.writing);
        previous = index.Adopt(std::move(fresh));
        index.cursor = window_start;
        index.seen_after_cursor = std::move(recent);
        index.gaps_first_seen.clear();
        index.built = true;
        size = index.size();
    }
    previous.reset();  // freed while queries go on
    return size;
}

// The caller holds SharedIndex().writing too.
void ApplyChange(db::Tx& tx, const store::Change& c, bool& rebuild) {
    auto& index = SharedIndex();
    if (c.kind == "need") {
        if (auto n = store::FindNeed(tx, c.item_id))
            index.Put(NeedDocument(*n));
        else
            index.Remove("need", c.item_id);
    } else if (c.kind == "seed") {
        if (auto s = store::FindSeed(tx, c.item_id))
            index.Put(SeedDocument(*s));
        else
            index.Remove("seed", c.item_id);
    } else if (c.kind == "profile") {
        auto p = store::FindProfile(tx, c.item_id);
        std::optional<IndexDocument> d;
        if (p) d = ProfileDocument(tx, *p);
        if (d)
            index.Put(*d);
        else
            index.Remove("profile", c.item_id);
    } else {  // dictionary, reindex
        rebuild = true;
    }
}

void SyncLocked(db::Tx& tx, Seconds now) {
    auto& index = SharedIndex();
    if (!index.built) {
        RebuildLocked(tx);
        return;
    }
    bool rebuild = false;
    std::unique_lock writing(index.writing, std::defer_lock);  // taken when a change is applied
    for (int round = 0; round < 100; ++round) {
        auto changes = store::ChangesAfter(tx, index.cursor, 2000);
        for (const auto& c : changes) {
            if (index.seen_after_cursor.count(c.seq)) continue;
            if (!writing.owns_lock()) writing.lock();
            ApplyChange(tx, c, rebuild);
            index.seen_after_cursor.insert(c.seq);
        }
        // Advance over what is seen; a hole (a transaction that took a number but has not
        // committed yet, on PostgreSQL) is waited for a few seconds, then given up as rolled back.
        const long long at = ToUnix(now);
        while (!index.seen_after_cursor.empty()) {
            long long next = index.cursor + 1;
            if (index.seen_after_cursor.erase(next)) {
                index.cursor = next;
                index.gaps_first_seen.erase(next);
                continue;
            }
            auto [it, inserted] = index.gaps_first_seen.try_emplace(next, at);
            if (at - it->second >= kGapPatienceSeconds) {
                index.cursor = next;
                index.gaps_first_seen.erase(it);
                continue;
            }
            break;
        }
        if (changes.size() < 2000) break;
    }
    if (writing.owns_lock()) writing.unlock();
    if (rebuild) RebuildLocked(tx);
}

}  // namespace

// ---- synonyms -------------------------------------------------------------------------------------------

std::vector<Concept> AddSynonyms(db::Tx& tx, const auth::Principal& me, const std::string& concept_id_in,
                                 const std::vector<std::string>& terms_in, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office extends the dictionary");
    auto terms = CleanList(terms_in, "terms", 30);
    if (terms.size() < 1) throw Invalid("terms", "give at least one term");
    std::string concept_id = Trim(concept_id_in);
    if (concept_id.empty()) {
        if (terms.size() < 2) throw Invalid("terms", "a new concept needs at least two terms");
        concept_id = "office_" + NewId();
    }
    if (concept_id.size() > 80) throw Invalid("concept", "the concept id is too long");
    for (char c : concept_id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            throw Invalid("concept", "a concept id uses a-z, 0-9 and _");
    store::InsertSynonym(tx, NewId(), concept_id, terms, me.person_id, ToUnix(now));
    LogChange(tx, "dictionary", concept_id, now);
    audit::Record(tx, me.person_id, "create", "synonyms", concept_id, nullptr,
                  boost::json::object{{"concept", concept_id}, {"terms", boost::json::value_from(terms)}});
    // The new entry takes effect on every instance when it reads the change log; answer now.
    ConceptDictionary preview = *SharedAnalyzer().dictionary();
    preview.Add(concept_id, terms);
    const Concept* c = preview.Find(concept_id);
    return c ? std::vector<Concept>{*c} : std::vector<Concept>{};
}

std::vector<Concept> FindSynonyms(db::Tx& tx, const std::string& q, size_t limit, Seconds now) {
    SyncIndex(tx, now);
    std::vector<Concept> out;
    auto dictionary = SharedAnalyzer().dictionary();  // held while its concepts are copied
    for (const Concept* c : dictionary->Lookup(text::SearchKey(Trim(q)), limit)) out.push_back(*c);
    return out;
}

// ---- the index ------------------------------------------------------------------------------------------

void SyncIndex(db::Tx& tx, Seconds now) {
    auto& index = SharedIndex();
    std::unique_lock lock(index.mutex, std::defer_lock);
    // During a rebuild, answer from the previous index; what changed meanwhile is applied after
    // it. The first build is waited for (there is no index to answer from yet). Waiting in short
    // turns notices a rebuild that starts while this request waits for another's sync.
    while (!lock.try_lock_for(std::chrono::milliseconds(5)))
        if (index.building && index.built) return;
    SyncLocked(tx, now);
}

long long RebuildIndex(db::Tx& tx) {
    std::lock_guard lock(SharedIndex().mutex);
    return RebuildLocked(tx);
}

long long BuildIndex(db::Tx& tx) {
    auto& index = SharedIndex();
    std::lock_guard lock(index.mutex);
    return index.built ? index.size() : RebuildLocked(tx);
}

void RequestReindex(db::Tx& tx, Seconds now) { LogChange(tx, "reindex", "-", now); }

}  // namespace renkei::exchange
