#include "modules/exchange/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/building/service.hpp"
#include "modules/exchange/analyzer.hpp"
#include "modules/exchange/index.hpp"
#include "modules/exchange/store.hpp"
#include "modules/inbox/service.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/log/log.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::exchange {
namespace {

constexpr int kGapPatienceSeconds = 5;
constexpr long long kRebuildWindow = 256;  // change numbers below the last that may still be in flight
constexpr size_t kMaxTextChars = 4000;

MatchIndex& Index() {
    static MatchIndex index;
    return index;
}

// ---- who is who ----------------------------------------------------------------------------

// The company an organisation belongs to: itself or its nearest company ancestor.
std::optional<std::string> CompanyOf(db::Tx& tx, const std::optional<std::string>& organisation_id) {
    if (!organisation_id) return std::nullopt;
    std::map<std::string, people::Organisation> orgs;
    for (auto& o : people::ListOrganisations(tx, -1)) orgs.emplace(o.id, o);
    std::optional<std::string> at = organisation_id;
    for (int depth = 0; at && depth < 32; ++depth) {
        auto it = orgs.find(*at);
        if (it == orgs.end()) return std::nullopt;
        if (it->second.kind == "company") return it->second.id;
        at = it->second.parent_id;
    }
    return std::nullopt;
}

// Managing the exchange (grants, the dictionary, profiles): the office and admins.
bool IsOffice(const auth::Principal& me) { return me.HasAnyRole({"office", "admin"}); }
// Reading others' drafts and introductions and editing others' needs: the office only. Admins run
// the system; they are not the office and do not read people's unpublished work.
bool IsOfficeStaff(const auth::Principal& me) { return me.HasRole("office"); }

std::vector<std::string> VisibleTerms(const Viewer& v) {
    std::vector<std::string> out = {"Vpublic", "Vauthor:" + v.person_id};
    for (const auto& c : v.companies) out.push_back("Vcompany:" + c);
    if (v.office) out.push_back("Voffice");
    return out;
}

// ---- documents ------------------------------------------------------------------------------

std::map<std::string, double> NeedTerms(const Need& n) {
    const auto& a = SharedAnalyzer();
    std::map<std::string, double> t;
    a.Analyze(n.title, 3.0, t);
    a.Analyze(n.problem, 1.0, t);
    a.Analyze(n.desired_outcome, 1.5, t);
    a.Analyze(n.current_practice, 0.5, t);
    a.Analyze(n.patients, 0.7, t);
    for (const auto& tag : n.tags) a.Analyze(tag, 2.0, t);
    return t;
}

std::map<std::string, double> SeedTerms(const Seed& s) {
    const auto& a = SharedAnalyzer();
    std::map<std::string, double> t;
    a.Analyze(s.title, 3.0, t);
    a.Analyze(s.description, 1.0, t);
    for (const auto& c : s.capabilities) a.Analyze(c, 2.0, t);
    return t;
}

std::map<std::string, double> ProfileTerms(const Profile& p) {
    const auto& a = SharedAnalyzer();
    std::map<std::string, double> t;
    a.Analyze(p.expertise, 1.0, t);
    for (const auto& k : p.keywords) a.Analyze(k, 3.0, t);
    return t;
}

IndexDocument NeedDocument(const Need& n) {
    IndexDocument d{"need", n.id, NeedTerms(n), {}, ToUnix(n.updated_at)};
    d.filters = {"Tneed", "S" + n.status, "U" + n.author_id};
    if (!n.area.empty()) d.filters.push_back("A" + n.area);
    if (n.organisation_id) d.filters.push_back("O" + *n.organisation_id);
    if (n.status == "draft") {
        d.filters.push_back("Vauthor:" + n.author_id);
        d.filters.push_back("Voffice");
    } else {
        d.filters.push_back("Vpublic");
    }
    return d;
}

IndexDocument SeedDocument(const Seed& s) {
    IndexDocument d{"seed", s.id, SeedTerms(s), {}, ToUnix(s.updated_at)};
    d.filters = {"Tseed", "S" + s.status, "K" + s.kind, "U" + s.author_id, "Vauthor:" + s.author_id};
    if (!s.area.empty()) d.filters.push_back("A" + s.area);
    if (s.company_id) d.filters.push_back("O" + *s.company_id);
    if (s.organisation_id && s.organisation_id != s.company_id) d.filters.push_back("O" + *s.organisation_id);
    if (s.status == "open") d.filters.push_back(s.confidential ? "Vcompany:" + s.company_id.value_or("-") : "Vpublic");
    return d;
}

std::optional<IndexDocument> ProfileDocument(db::Tx& tx, const Profile& p) {
    auto person = people::FindPerson(tx, p.person_id);
    if (!person || !person->active) return std::nullopt;
    IndexDocument d{"profile", p.person_id, ProfileTerms(p), {}, ToUnix(p.updated_at)};
    // The name is searchable too, weakly.
    SharedAnalyzer().Analyze(person->name_ja + " " + person->name_en, 0.5, d.terms);
    d.filters = {"Tprofile", "Sopen", "U" + p.person_id, "Vpublic"};
    if (person->organisation_id) d.filters.push_back("O" + *person->organisation_id);
    for (const auto& r : person->roles) d.filters.push_back("R" + r);
    return d;
}

void LogChange(db::Tx& tx, const std::string& kind, const std::string& id, Seconds now) {
    store::InsertChange(tx, kind, id, ToUnix(now));
}

// ---- index upkeep (caller holds Index().mutex) ------------------------------------------------

long long RebuildLocked(db::Tx& tx) {
    auto& index = Index();
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
    index.Clear();
    store::ForEachNeed(tx, [&](const Need& n) { index.Put(NeedDocument(n)); });
    store::ForEachSeed(tx, [&](const Seed& s) { index.Put(SeedDocument(s)); });
    std::vector<Profile> profiles;
    store::ForEachProfile(tx, [&](const Profile& p) { profiles.push_back(p); });
    for (const auto& p : profiles)
        if (auto d = ProfileDocument(tx, p)) index.Put(*d);
    index.cursor = window_start;
    index.seen_after_cursor = std::move(recent);
    index.gaps_first_seen.clear();
    index.built = true;
    return index.size();
}

void ApplyChange(db::Tx& tx, const store::Change& c, bool& rebuild) {
    auto& index = Index();
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

void SyncLocked(db::Tx& tx) {
    auto& index = Index();
    if (!index.built) {
        RebuildLocked(tx);
        return;
    }
    bool rebuild = false;
    for (int round = 0; round < 100; ++round) {
        auto changes = store::ChangesAfter(tx, index.cursor, 2000);
        for (const auto& c : changes) {
            if (index.seen_after_cursor.count(c.seq)) continue;
            ApplyChange(tx, c, rebuild);
            index.seen_after_cursor.insert(c.seq);
        }
        // Advance over what is seen; a hole (a transaction that took a number but has not
        // committed yet, on PostgreSQL) is waited for a few seconds, then given up as rolled back.
        long long now = ToUnix(Now());
        while (!index.seen_after_cursor.empty()) {
            long long next = index.cursor + 1;
            if (index.seen_after_cursor.erase(next)) {
                index.cursor = next;
                index.gaps_first_seen.erase(next);
                continue;
            }
            auto [it, inserted] = index.gaps_first_seen.try_emplace(next, now);
            if (now - it->second >= kGapPatienceSeconds) {
                index.cursor = next;
                index.gaps_first_seen.erase(it);
                continue;
            }
            break;
        }
        if (changes.size() < 2000) break;
    }
    if (rebuild) RebuildLocked(tx);
}

// ---- presenting results -------------------------------------------------------------------------

std::pair<std::string, std::string> AuthorNames(db::Tx& tx, const std::string& person_id,
                                                std::map<std::string, std::pair<std::string, std::string>>& cache) {
    auto it = cache.find(person_id);
    if (it != cache.end()) return it->second;
    std::pair<std::string, std::string> names;
    if (auto p = people::FindPerson(tx, person_id)) names = {p->name_ja, p->name_en};
    cache[person_id] = names;
    return names;
}

std::vector<std::string> CodePointStrings(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

// A window of `text` around the first match of any of `surfaces` (normalised forms), as
// segments [{text, hit}] so the client marks hits without parsing HTML.
boost::json::array Highlight(const std::string& text_in, const std::vector<std::string>& surfaces, size_t width) {
    auto cps = CodePointStrings(text_in);
    std::string norm;
    std::vector<size_t> owner;  // byte of norm → code point of the original
    for (size_t i = 0; i < cps.size(); ++i) {
        std::string n =
            cps[i].size() == 1 ? std::string(1, static_cast<char>(std::tolower(cps[i][0]))) : text::Normalize(cps[i]);
        norm += n;
        owner.insert(owner.end(), n.size(), i);
    }
    std::vector<bool> hit(cps.size(), false);
    for (const auto& s : surfaces) {
        if (s.empty()) continue;
        for (size_t pos = norm.find(s); pos != std::string::npos; pos = norm.find(s, pos + s.size())) {
            for (size_t b = pos; b < pos + s.size() && b < owner.size(); ++b) hit[owner[b]] = true;
        }
    }
    size_t first = std::find(hit.begin(), hit.end(), true) - hit.begin();
    size_t start = first < hit.size() && first > width / 3 ? first - width / 3 : 0;
    size_t end = std::min(cps.size(), start + width);
    boost::json::array out;
    auto push = [&](const std::string& t, bool h) {
        if (t.empty()) return;
        if (!out.empty() && out.back().as_object().at("hit").as_bool() == h) {
            auto& prev = out.back().as_object()["text"].as_string();
            prev.append(t);
            return;
        }
        out.push_back(boost::json::object{{"text", t}, {"hit", h}});
    };
    if (start > 0) push("…", false);
    for (size_t i = start; i < end; ++i) push(cps[i] == "\n" ? " " : cps[i], hit[i]);
    if (end < cps.size()) push("…", false);
    return out;
}

boost::json::array Reasons(const std::vector<std::string>& matched, const std::string& language, size_t limit) {
    const auto& a = SharedAnalyzer();
    boost::json::array out;
    std::set<std::string> labels;
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& term : matched) {
            if (out.size() >= limit) break;
            if (term.empty() || term[0] == 'B') continue;
            bool concept_term = term[0] == 'C';
            if ((pass == 0) != concept_term) continue;
            std::string label = a.Label(term, language);
            if (!IsReasonLabel(label) || !labels.insert(text::Normalize(label)).second) continue;
            out.push_back(boost::json::object{{"kind", concept_term ? "concept" : "word"}, {"label", label}});
        }
    }
    return out;
}

// Texts of an item, in the order a snippet prefers them.
std::vector<std::string> SnippetFields(const boost::json::object& item) {
    std::vector<std::string> out;
    for (const char* f : {"problem", "description", "expertise", "desired_outcome", "current_practice", "patients"})
        if (auto* v = item.if_contains(f); v && v->is_string()) out.emplace_back(v->as_string());
    if (auto* v = item.if_contains("capabilities"); v && v->is_array())
        for (const auto& c : v->as_array()) out.emplace_back(c.as_string());
    if (auto* v = item.if_contains("keywords"); v && v->is_array())
        for (const auto& c : v->as_array()) out.emplace_back(c.as_string());
    return out;
}

// Loads the items of index hits, re-checking visibility against the database, as JSON with
// score, reasons and (for searches) snippets. With `matches_only` (suggestions), a hit that shares
// no concept and no content word — only generic words, verbs or bigrams — is no match and left out,
// whatever its score: a suggestion must be able to say why.
boost::json::array Present(db::Tx& tx, const Viewer& viewer, const std::vector<IndexHit>& hits,
                           const std::string& language, bool snippets, const std::string& area_hint,
                           bool matches_only = false) {
    boost::json::array out;
    std::map<std::string, std::pair<std::string, std::string>> names;
    const auto& a = SharedAnalyzer();
    for (const auto& h : hits) {
        boost::json::array reasons;
        if (!h.matched.empty()) {
            reasons = Reasons(h.matched, language, 6);
            if (matches_only && reasons.empty()) continue;
        }
        boost::json::object item;
        std::string area;
        if (h.type == "need") {
            auto n = store::FindNeed(tx, h.id);
            if (!n || !CanSeeNeed(viewer, *n)) continue;
            std::tie(n->author_name_ja, n->author_name_en) = AuthorNames(tx, n->author_id, names);
            item = boost::json::value_from(*n).as_object();
            area = n->area;
        } else if (h.type == "seed") {
            auto s = store::FindSeed(tx, h.id);
            if (!s || !CanSeeSeed(viewer, *s)) continue;
            std::tie(s->author_name_ja, s->author_name_en) = AuthorNames(tx, s->author_id, names);
            item = boost::json::value_from(*s).as_object();
            area = s->area;
        } else {
            auto p = store::FindProfile(tx, h.id);
            if (!p) continue;
            auto person = people::FindPerson(tx, h.id);
            if (!person) continue;
            p->name_ja = person->name_ja;
            p->name_en = person->name_en;
            p->organisation_id = person->organisation_id;
            p->roles = person->roles;
            item = boost::json::value_from(*p).as_object();
            item["id"] = h.id;
        }
        boost::json::object entry{{"type", h.type}, {"id", h.id}, {"item", item}};
        if (!h.matched.empty()) {
            entry["score"] = h.percent;
            if (!area_hint.empty() && area == area_hint)
                reasons.push_back(boost::json::object{{"kind", "area"}, {"label", area}});
            entry["reasons"] = reasons;
        } else {
            entry["score"] = nullptr;
            entry["reasons"] = boost::json::array{};
        }
        if (snippets) {
            boost::json::array snippet;
            for (const auto& field : SnippetFields(item)) {
                auto surfaces = a.Surfaces(field, h.matched);
                if (!surfaces.empty() || h.matched.empty()) {
                    for (auto& s : surfaces) s = text::Normalize(s);
                    snippet = Highlight(field, surfaces, 90);
                    bool any = std::any_of(snippet.begin(), snippet.end(),
                                           [](const auto& seg) { return seg.as_object().at("hit").as_bool(); });
                    if (any || h.matched.empty()) break;
                }
            }
            if (snippet.empty()) {
                auto fields = SnippetFields(item);
                if (!fields.empty()) snippet = Highlight(fields.front(), {}, 90);
            }
            boost::json::array title_segments;
            std::string title = item.contains("title") ? std::string(item.at("title").as_string())
                                                       : std::string(item.at("name_ja").as_string());
            auto title_surfaces = a.Surfaces(title, h.matched);
            for (auto& s : title_surfaces) s = text::Normalize(s);
            entry["title_highlight"] = Highlight(title, title_surfaces, 200);
            entry["snippet"] = snippet;
        }
        out.push_back(std::move(entry));
    }
    return out;
}

IndexResult RunQuery(db::Tx& tx, IndexQuery q) {
    SyncIndex(tx);
    std::lock_guard lock(Index().mutex);
    return Index().Run(q);
}

// ---- input checks ---------------------------------------------------------------------------------

void RequireText(const std::optional<std::string>& v, const char* field, size_t max, bool required) {
    if (required && (!v || Trim(*v).empty())) throw Invalid(field, std::string(field) + " is required");
    if (v && Utf8Length(*v) > max)
        throw Invalid(field, std::string(field) + " is too long (at most " + std::to_string(max) + " characters)");
    if (v && !CleanUtf8(*v, true)) throw Invalid(field, std::string(field) + " contains invalid characters");
}

std::vector<std::string> CleanList(const std::vector<std::string>& in, const char* field, size_t max_items) {
    std::vector<std::string> out;
    for (const auto& s : in) {
        std::string t = Trim(s);
        if (t.empty()) continue;
        if (Utf8Length(t) > 200) throw Invalid(field, std::string(field) + ": an entry is too long");
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    if (out.size() > max_items) throw Invalid(field, std::string(field) + ": too many entries");
    return out;
}

void ApplyNeedInput(Need& n, const NeedInput& in) {
    RequireText(in.title, "title", 200, false);
    RequireText(in.problem, "problem", kMaxTextChars, false);
    RequireText(in.current_practice, "current_practice", kMaxTextChars, false);
    RequireText(in.patients, "patients", 1000, false);
    RequireText(in.desired_outcome, "desired_outcome", kMaxTextChars, false);
    if (in.title) n.title = Trim(*in.title);
    if (in.problem) n.problem = Trim(*in.problem);
    if (in.current_practice) n.current_practice = Trim(*in.current_practice);
    if (in.patients) n.patients = Trim(*in.patients);
    if (in.desired_outcome) n.desired_outcome = Trim(*in.desired_outcome);
    if (in.area) {
        if (!in.area->empty() && !IsArea(*in.area)) throw Invalid("area", "unknown area: " + *in.area);
        n.area = *in.area;
    }
    if (in.tags) n.tags = CleanList(*in.tags, "tags", 20);
    if (in.status) {
        if (!IsNeedStatus(*in.status)) throw Invalid("status", "status must be draft, open or closed");
        n.status = *in.status;
    }
    if (n.title.empty()) throw Invalid("title", "title is required");
    if (n.status != "draft" && n.problem.empty())
        throw Invalid("problem", "describe the problem (or keep the need as a draft)");
}

void ApplySeedInput(Seed& s, const SeedInput& in) {
    RequireText(in.title, "title", 200, false);
    RequireText(in.description, "description", kMaxTextChars, false);
    if (in.title) s.title = Trim(*in.title);
    if (in.description) s.description = Trim(*in.description);
    if (in.kind) {
        if (!IsSeedKind(*in.kind)) throw Invalid("kind", "unknown kind: " + *in.kind);
        s.kind = *in.kind;
    }
    if (in.area) {
        if (!in.area->empty() && !IsArea(*in.area)) throw Invalid("area", "unknown area: " + *in.area);
        s.area = *in.area;
    }
    if (in.capabilities) s.capabilities = CleanList(*in.capabilities, "capabilities", 30);
    if (in.status) {
        if (!IsSeedStatus(*in.status)) throw Invalid("status", "status must be draft, open or withdrawn");
        s.status = *in.status;
    }
    if (in.confidential) {
        if (*in.confidential && !s.company_id)
            throw Invalid("confidential", "only material of a company can be confidential");
        s.confidential = *in.confidential;
    }
    if (s.title.empty()) throw Invalid("title", "title is required");
    if (s.status == "open" && s.description.empty()) throw Invalid("description", "description is required");
}

Seed LoadSeedFor(db::Tx& tx, const Viewer& v, const std::string& id) {
    auto s = store::FindSeed(tx, id);
    if (!s || !CanSeeSeed(v, *s)) throw NotFound("seed");
    return *s;
}

Need LoadNeedFor(db::Tx& tx, const Viewer& v, const std::string& id) {
    auto n = store::FindNeed(tx, id);
    if (!n || !CanSeeNeed(v, *n)) throw NotFound("need");
    return *n;
}

}  // namespace

// ---- viewers, needs, seeds, profiles ------------------------------------------------------------

Viewer ViewerOf(db::Tx& tx, const auth::Principal& me, Seconds now) {
    Viewer v;
    v.person_id = me.person_id;
    v.office = IsOfficeStaff(me);
    if (auto person = people::FindPerson(tx, me.person_id))
        if (auto c = CompanyOf(tx, person->organisation_id)) v.companies.insert(*c);
    for (auto& c : store::ActiveGrantCompanies(tx, me.person_id, ToUnix(now))) v.companies.insert(c);
    return v;
}

Need CreateNeed(db::Tx& tx, const auth::Principal& me, const NeedInput& in, Seconds now) {
    if (!me.HasAnyRole({"clinician", "researcher", "office", "admin"}))
        throw Forbidden("only clinicians, researchers and the office post needs");
    Need n;
    n.id = NewId();
    n.author_id = me.person_id;
    if (auto author = people::FindPerson(tx, me.person_id)) n.organisation_id = author->organisation_id;
    n.status = "open";
    ApplyNeedInput(n, in);
    n.created_at = n.updated_at = now;
    store::InsertNeed(tx, n);
    LogChange(tx, "need", n.id, now);
    audit::Record(tx, me.person_id, "create", "need", n.id, nullptr, boost::json::value_from(n));
    std::map<std::string, std::pair<std::string, std::string>> names;
    std::tie(n.author_name_ja, n.author_name_en) = AuthorNames(tx, n.author_id, names);
    return n;
}

Need UpdateNeed(db::Tx& tx, const auth::Principal& me, const std::string& id, const NeedInput& in, Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    Need before = LoadNeedFor(tx, v, id);
    if (before.author_id != me.person_id && !IsOfficeStaff(me))
        throw Forbidden("only the author or the office may change a need");
    Need n = before;
    ApplyNeedInput(n, in);
    n.updated_at = now;
    store::UpdateNeed(tx, n);
    LogChange(tx, "need", n.id, now);
    audit::Record(tx, me.person_id, "update", "need", n.id, boost::json::value_from(before),
                  boost::json::value_from(n));
    std::map<std::string, std::pair<std::string, std::string>> names;
    std::tie(n.author_name_ja, n.author_name_en) = AuthorNames(tx, n.author_id, names);
    return n;
}

Need GetNeed(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now) {
    Need n = LoadNeedFor(tx, ViewerOf(tx, me, now), id);
    std::map<std::string, std::pair<std::string, std::string>> names;
    std::tie(n.author_name_ja, n.author_name_en) = AuthorNames(tx, n.author_id, names);
    return n;
}

Seed CreateSeed(db::Tx& tx, const auth::Principal& me, const SeedInput& in, Seconds now) {
    if (!me.HasAnyRole({"researcher", "company_researcher", "clinician", "office", "admin"}))
        throw Forbidden("only researchers post seeds and themes");
    Seed s;
    s.id = NewId();
    s.author_id = me.person_id;
    if (auto author = people::FindPerson(tx, me.person_id)) s.organisation_id = author->organisation_id;
    s.company_id = CompanyOf(tx, s.organisation_id);
    s.status = "open";
    ApplySeedInput(s, in);
    s.created_at = s.updated_at = now;
    store::InsertSeed(tx, s);
    LogChange(tx, "seed", s.id, now);
    audit::Record(tx, me.person_id, "create", "seed", s.id, nullptr, boost::json::value_from(s));
    std::map<std::string, std::pair<std::string, std::string>> names;
    std::tie(s.author_name_ja, s.author_name_en) = AuthorNames(tx, s.author_id, names);
    return s;
}

Seed UpdateSeed(db::Tx& tx, const auth::Principal& me, const std::string& id, const SeedInput& in, Seconds now) {
    Seed before = LoadSeedFor(tx, ViewerOf(tx, me, now), id);
    if (before.author_id != me.person_id) throw Forbidden("only the author may change a seed");
    Seed s = before;
    ApplySeedInput(s, in);
    s.updated_at = now;
    store::UpdateSeed(tx, s);
    LogChange(tx, "seed", s.id, now);
    audit::Record(tx, me.person_id, "update", "seed", s.id, boost::json::value_from(before),
                  boost::json::value_from(s));
    std::map<std::string, std::pair<std::string, std::string>> names;
    std::tie(s.author_name_ja, s.author_name_en) = AuthorNames(tx, s.author_id, names);
    return s;
}

Seed GetSeed(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now) {
    Seed s = LoadSeedFor(tx, ViewerOf(tx, me, now), id);
    std::map<std::string, std::pair<std::string, std::string>> names;
    std::tie(s.author_name_ja, s.author_name_en) = AuthorNames(tx, s.author_id, names);
    return s;
}

Profile GetProfile(db::Tx& tx, const std::string& person_id) {
    auto person = people::GetPerson(tx, person_id);  // kNotFound for an unknown person
    Profile p = store::FindProfile(tx, person_id).value_or(Profile{person_id, "", {}, person.updated_at});
    p.name_ja = person.name_ja;
    p.name_en = person.name_en;
    p.organisation_id = person.organisation_id;
    p.roles = person.roles;
    return p;
}

Profile SaveProfile(db::Tx& tx, const auth::Principal& me, const std::string& person_id, const std::string& expertise,
                    const std::vector<std::string>& keywords, Seconds now) {
    if (person_id != me.person_id && !IsOffice(me))
        throw Forbidden("only the person or the office may change a profile");
    Profile before = GetProfile(tx, person_id);
    RequireText(expertise, "expertise", kMaxTextChars, false);
    Profile p = before;
    p.expertise = Trim(expertise);
    p.keywords = CleanList(keywords, "keywords", 30);
    p.updated_at = now;
    store::UpsertProfile(tx, p);
    LogChange(tx, "profile", person_id, now);
    audit::Record(tx, me.person_id, "update", "profile", person_id, boost::json::value_from(before),
                  boost::json::value_from(p));
    return p;
}

// ---- search and suggestions ------------------------------------------------------------------------

boost::json::object Search(db::Tx& tx, const auth::Principal& me, const SearchInput& in, Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    IndexQuery q;
    if (!Trim(in.q).empty()) {
        if (Utf8Length(in.q) > 500) throw Invalid("q", "the query is too long");
        SharedAnalyzer().Analyze(in.q, 1.0, q.terms);
        if (q.terms.empty()) q.terms["W" + text::SearchKey(Trim(in.q))] = 1.0;
    }
    if (!in.type.empty()) {
        if (in.type != "need" && in.type != "seed" && in.type != "profile")
            throw Invalid("type", "type must be need, seed or profile");
        q.must.push_back("T" + in.type);
    }
    if (!in.area.empty()) {
        if (!IsArea(in.area)) throw Invalid("area", "unknown area: " + in.area);
        q.must.push_back("A" + in.area);
    }
    if (!in.kind.empty()) {
        if (!IsSeedKind(in.kind)) throw Invalid("kind", "unknown kind: " + in.kind);
        q.must.push_back("K" + in.kind);
    }
    if (in.status.empty()) {
        q.must.push_back("Sopen");
    } else if (in.status != "all") {
        if (!IsNeedStatus(in.status) && !IsSeedStatus(in.status)) throw Invalid("status", "unknown status");
        q.must.push_back("S" + in.status);
    }
    if (!in.organisation_id.empty()) q.must.push_back("O" + in.organisation_id);
    if (!in.author_id.empty()) q.must.push_back("U" + in.author_id);
    q.visible = VisibleTerms(v);
    q.offset = std::max(0, in.offset);
    q.limit = std::clamp(in.limit, 1, 100);
    q.exact_count_up_to = 1000;
    auto result = RunQuery(tx, q);
    return boost::json::object{{"total", result.total}, {"items", Present(tx, v, result.hits, in.language, true, "")}};
}

namespace {

boost::json::array Suggest(db::Tx& tx, const Viewer& v, const std::map<std::string, double>& terms,
                           std::vector<std::string> must, std::vector<std::vector<std::string>> any_of,
                           std::vector<std::string> exclude, int limit, const std::string& language,
                           const std::string& area) {
    if (terms.empty()) return {};
    IndexQuery q;
    q.terms = terms;
    q.must = std::move(must);
    q.any_of = std::move(any_of);
    q.exclude = std::move(exclude);
    q.visible = VisibleTerms(v);
    q.limit = std::clamp(limit, 1, 50);
    auto result = RunQuery(tx, q);
    return Present(tx, v, result.hits, language, false, area, true);
}

}  // namespace

boost::json::object SuggestionsForNeed(db::Tx& tx, const auth::Principal& me, const std::string& need_id, int limit,
                                       const std::string& language, Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    Need n = LoadNeedFor(tx, v, need_id);
    auto terms = NeedTerms(n);
    auto seeds = Suggest(tx, v, terms, {"Tseed", "Sopen"}, {}, {"U" + me.person_id}, limit, language, n.area);
    auto people = Suggest(tx, v, terms, {"Tprofile"}, {}, {"U" + me.person_id, "U" + n.author_id}, limit, language, "");
    return boost::json::object{{"need_id", n.id}, {"seeds", seeds}, {"people", people}};
}

boost::json::object SuggestionsForSeed(db::Tx& tx, const auth::Principal& me, const std::string& seed_id, int limit,
                                       const std::string& language, Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    Seed s = LoadSeedFor(tx, v, seed_id);
    auto terms = SeedTerms(s);
    auto needs = Suggest(tx, v, terms, {"Tneed", "Sopen"}, {}, {"U" + me.person_id}, limit, language, s.area);
    auto people = Suggest(tx, v, terms, {"Tprofile"}, {{"Rclinician", "Rresearcher"}},
                          {"U" + me.person_id, "U" + s.author_id}, limit, language, "");
    return boost::json::object{{"seed_id", s.id}, {"needs", needs}, {"people", people}};
}

boost::json::object SuggestionsForMe(db::Tx& tx, const auth::Principal& me, int limit, const std::string& language,
                                     Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    std::map<std::string, double> terms;
    if (auto p = store::FindProfile(tx, me.person_id)) terms = ProfileTerms(*p);
    for (const auto& n : store::ListNeeds(tx, me.person_id, "open", 10))
        for (auto& [t, w] : NeedTerms(n)) terms[t] += w * 0.5;
    for (const auto& s : store::ListSeeds(tx, me.person_id, "open", 10))
        for (auto& [t, w] : SeedTerms(s)) terms[t] += w * 0.5;
    boost::json::object out{{"personalised", !terms.empty()}};
    for (const char* type : {"need", "seed"}) {
        IndexQuery q;
        q.terms = terms;
        q.must = {std::string("T") + type, "Sopen"};
        q.exclude = {"U" + me.person_id};
        q.visible = VisibleTerms(v);
        q.limit = std::clamp(limit, 1, 50);
        auto result = RunQuery(tx, q);
        out[std::string(type) + "s"] = Present(tx, v, result.hits, language, false, "", true);
    }
    return out;
}

std::vector<std::string> RankSeedsForNeed(db::Tx& tx, const auth::Principal& me, const std::string& need_id, int limit,
                                          Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    Need n = LoadNeedFor(tx, v, need_id);
    IndexQuery q;
    q.terms = NeedTerms(n);
    q.must = {"Tseed", "Sopen"};
    q.exclude = {"U" + me.person_id};
    q.visible = VisibleTerms(v);
    q.limit = limit;
    std::vector<std::string> out;
    for (const auto& h : RunQuery(tx, q).hits) out.push_back(h.id);
    return out;
}

// ---- grants -------------------------------------------------------------------------------------------

Grant CreateGrant(db::Tx& tx, const auth::Principal& me, const std::string& person_id, const std::string& company_id,
                  Seconds starts_at, Seconds ends_at, const std::string& note, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office records confidentiality agreements");
    if (!people::FindPerson(tx, person_id)) throw Invalid("person_id", "no such person");
    bool company = false;
    for (const auto& o : people::ListOrganisations(tx, -1))
        if (o.id == company_id && o.kind == "company") company = true;
    if (!company) throw Invalid("company_id", "not a company");
    if (ends_at <= starts_at) throw Invalid("ends_at", "the term must end after it starts");
    RequireText(note, "note", 500, false);
    Grant g;
    g.id = NewId();
    g.person_id = person_id;
    g.company_id = company_id;
    g.starts_at = starts_at;
    g.ends_at = ends_at;
    g.note = Trim(note);
    g.created_by = me.person_id;
    g.created_at = now;
    store::InsertGrant(tx, g);
    audit::Record(tx, me.person_id, "create", "confidentiality_grant", g.id, nullptr, boost::json::value_from(g));
    return g;
}

std::vector<Grant> SetAgreementGrants(db::Tx& tx, const std::optional<std::string>& actor,
                                      const std::string& source_key,
                                      const std::vector<std::pair<std::string, std::string>>& person_company,
                                      Seconds starts_at, Seconds ends_at, const std::string& note, Seconds now) {
    EndAgreementGrants(tx, actor, source_key, now);
    std::set<std::string> companies;
    for (const auto& o : people::ListOrganisations(tx, -1))
        if (o.kind == "company") companies.insert(o.id);
    std::vector<Grant> out;
    std::set<std::pair<std::string, std::string>> done;
    for (const auto& [person, company] : person_company) {
        if (!companies.count(company) || !done.insert({person, company}).second || ends_at <= starts_at) continue;
        Grant g;
        g.id = NewId();
        g.person_id = person;
        g.company_id = company;
        g.starts_at = starts_at;
        g.ends_at = ends_at;
        g.note = note.substr(0, 500);
        g.created_by = actor;
        g.created_at = now;
        store::InsertSourcedGrant(tx, g, source_key);
        boost::json::value after = boost::json::value_from(g);
        after.as_object()["source_key"] = source_key;
        audit::Record(tx, actor, "create", "confidentiality_grant", g.id, nullptr, after);
        out.push_back(std::move(g));
    }
    return out;
}

int EndAgreementGrants(db::Tx& tx, const std::optional<std::string>& actor, const std::string& source_key, Seconds at) {
    auto ids = store::RevokeSourcedGrants(tx, source_key, ToUnix(at));
    for (const auto& id : ids)
        audit::Record(tx, actor, "revoke", "confidentiality_grant", id, nullptr,
                      boost::json::object{{"source_key", source_key}, {"revoked_at", FormatUtc(at)}});
    return static_cast<int>(ids.size());
}

Grant RevokeGrant(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office records confidentiality agreements");
    auto g = store::FindGrant(tx, id);
    if (!g) throw NotFound("grant");
    if (g->revoked_at) throw Error{ErrorCode::kConflict, "", "the grant is already revoked"};
    Grant before = *g;
    g->revoked_at = now;
    store::RevokeGrant(tx, id, ToUnix(*g->revoked_at));
    audit::Record(tx, me.person_id, "revoke", "confidentiality_grant", id, boost::json::value_from(before),
                  boost::json::value_from(*g));
    return *g;
}

std::vector<Grant> ListGrants(db::Tx& tx, const auth::Principal& me, const std::string& person_id) {
    if (IsOffice(me)) return store::ListGrants(tx, person_id);
    if (!person_id.empty() && person_id != me.person_id) throw Forbidden("only the office sees others' agreements");
    return store::ListGrants(tx, me.person_id);
}

// ---- introductions --------------------------------------------------------------------------------------

namespace {

std::string ItemTitle(db::Tx& tx, const std::string& type, const std::string& id) {
    if (type == "need") {
        if (auto n = store::FindNeed(tx, id)) return n->title;
    } else if (auto s = store::FindSeed(tx, id)) {
        return s->title;
    }
    return "";
}

Introduction WithTitle(db::Tx& tx, Introduction i) {
    i.item_title = ItemTitle(tx, i.item_type, i.item_id);
    return i;
}

}  // namespace

Introduction RequestIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& item_type,
                                 const std::string& item_id, const std::string& via_type, const std::string& via_id,
                                 const std::string& message, Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    std::string owner;
    if (item_type == "need") {
        Need n = LoadNeedFor(tx, v, item_id);
        if (n.status != "open") throw Error{ErrorCode::kConflict, "item_id", "this need is not open"};
        owner = n.author_id;
    } else if (item_type == "seed") {
        Seed s = LoadSeedFor(tx, v, item_id);
        if (s.status != "open") throw Error{ErrorCode::kConflict, "item_id", "this seed is not open"};
        owner = s.author_id;
    } else {
        throw Invalid("item_type", "item_type must be need or seed");
    }
    if (owner == me.person_id) throw Invalid("item_id", "this is your own item");
    if (!via_type.empty()) {
        if (via_type == "need") {
            if (LoadNeedFor(tx, v, via_id).author_id != me.person_id) throw Invalid("via_id", "not your own need");
        } else if (via_type == "seed") {
            if (LoadSeedFor(tx, v, via_id).author_id != me.person_id) throw Invalid("via_id", "not your own seed");
        } else {
            throw Invalid("via_type", "via_type must be need or seed");
        }
    }
    RequireText(message, "message", 2000, false);
    if (store::OpenIntroduction(tx, me.person_id, item_id))
        throw Error{ErrorCode::kConflict, "item_id", "you have already asked for this introduction"};
    Introduction i;
    i.id = NewId();
    i.requester_id = me.person_id;
    i.owner_id = owner;
    i.item_type = item_type;
    i.item_id = item_id;
    i.via_type = via_type;
    i.via_id = via_type.empty() ? "" : via_id;
    i.message = Trim(message);
    i.created_at = i.updated_at = now;
    store::InsertIntroduction(tx, i);
    audit::Record(tx, me.person_id, "create", "introduction", i.id, nullptr, boost::json::value_from(i));
    return WithTitle(tx, i);
}

Introduction GetIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& id) {
    auto i = store::FindIntroduction(tx, id);
    if (!i || (i->requester_id != me.person_id && i->owner_id != me.person_id && !IsOfficeStaff(me)))
        throw NotFound("introduction");
    return WithTitle(tx, *i);
}

Introduction DecideIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& id, bool accept,
                                std::optional<Seconds> meeting_at, Seconds now) {
    Introduction before = GetIntroduction(tx, me, id);
    if (before.owner_id != me.person_id && !IsOfficeStaff(me))
        throw Forbidden("only the other side or the office decides");
    if (before.status != "requested" && !(accept && before.status == "accepted" && meeting_at))
        throw Error{ErrorCode::kConflict, "status", "this introduction has already been decided"};
    Introduction i = before;
    i.status = accept ? "accepted" : "declined";
    i.decided_by = me.person_id;
    i.decided_at = now;
    if (meeting_at) {
        if (!accept) throw Invalid("meeting_at", "a declined introduction has no meeting");
        i.meeting_at = meeting_at;
    }
    i.updated_at = now;
    store::UpdateIntroduction(tx, i);
    audit::Record(tx, me.person_id, accept ? "accept" : "decline", "introduction", id, boost::json::value_from(before),
                  boost::json::value_from(i));
    if (accept && before.status == "requested" && !i.meeting_at) {
        // Both sides are asked to pick a meeting time (proposed on the introduction).
        std::string title = ItemTitle(tx, i.item_type, i.item_id);
        for (const auto& person : {i.requester_id, i.owner_id})
            inbox::Post(tx,
                        {person, "exchange.book_meeting", "exchange", "intro_meeting:" + i.id, "紹介の面談日時を決める",
                         "Pick a time to meet", title, title, "/introductions", std::nullopt, std::nullopt});
    }
    if (i.meeting_at) inbox::Resolve(tx, "exchange", "intro_meeting:" + i.id, me.person_id, "done");
    return WithTitle(tx, i);
}

Introduction RecordOutcome(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& outcome,
                           const std::string& note, Seconds now) {
    Introduction before = GetIntroduction(tx, me, id);
    if (!IsOutcome(outcome))
        throw Invalid("outcome", "outcome must be no_follow_up, project_proposal or project_started");
    if (before.status != "accepted")
        throw Error{ErrorCode::kConflict, "status", "only an accepted introduction has an outcome"};
    RequireText(note, "note", 2000, false);
    Introduction i = before;
    i.outcome = outcome;
    i.outcome_note = Trim(note);
    i.outcome_at = now;
    i.updated_at = now;
    store::UpdateIntroduction(tx, i);
    audit::Record(tx, me.person_id, "outcome", "introduction", id, boost::json::value_from(before),
                  boost::json::value_from(i));
    return i;
}

std::vector<building::SlotProposal> MeetingSlots(db::Tx& tx, const auth::Principal& me, const std::string& id,
                                                 Seconds now) {
    Introduction i = GetIntroduction(tx, me, id);
    if (i.status != "accepted" || i.meeting_at || i.booking_id) return {};
    building::SlotQuery q;
    q.people = {i.requester_id, i.owner_id};
    q.minutes = 60;
    q.from = now;
    q.to = q.from + std::chrono::hours{24 * 14};
    q.limit = 6;
    try {
        return building::ProposeSlots(tx, q, now);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalid) throw;
        return {};  // a side has left the centre: no common slot to offer
    }
}

Introduction BookMeeting(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& space_id,
                         Seconds start, Seconds end, Seconds now) {
    Introduction before = GetIntroduction(tx, me, id);
    if (before.status != "accepted")
        throw Error{ErrorCode::kConflict, "status", "only an accepted introduction has a meeting"};
    if (before.booking_id) throw Error{ErrorCode::kConflict, "booking_id", "a meeting is booked already"};
    if (end <= start) throw Invalid("end", "end must be after start");
    building::NewBooking b;
    b.space_id = space_id;
    std::string title = ItemTitle(tx, before.item_type, before.item_id);
    b.title = "面談: " + (Utf8Length(title) > 150 ? std::string("紹介") : title);
    b.purpose = "introduction";
    for (const auto& person : {before.requester_id, before.owner_id})
        if (person != me.person_id) b.attendee_ids.push_back(person);
    b.attendees = 2;
    b.start = start;
    b.end = end;
    building::BookingResult booked;
    try {
        booked = building::Book(tx, me, b, now);
    } catch (const building::BookingConflict& c) {
        throw Error{ErrorCode::kConflict, "space_id", "the room was taken meanwhile: pick another time"}.WithDetails(
            c.details());
    }
    if (booked.bookings.empty()) throw Error{ErrorCode::kConflict, "space_id", "the room could not be booked"};
    Introduction i = before;
    i.booking_id = booked.bookings.front().id;
    i.meeting_at = start;
    i.updated_at = now;
    store::UpdateIntroduction(tx, i);
    audit::Record(tx, me.person_id, "book_meeting", "introduction", id, boost::json::value_from(before),
                  boost::json::value_from(i));
    inbox::Resolve(tx, "exchange", "intro_meeting:" + i.id, me.person_id, "done");
    return WithTitle(tx, i);
}

std::optional<ItemRef> VisibleItem(db::Tx& tx, const auth::Principal& me, const std::string& type,
                                   const std::string& id, Seconds now) {
    try {
        if (type == "need") {
            Need n = GetNeed(tx, me, id, now);
            return ItemRef{"need", n.id, n.title, n.status, n.author_id, false};
        }
        if (type == "seed") {
            Seed x = GetSeed(tx, me, id, now);
            return ItemRef{"seed", x.id, x.title, x.status, x.author_id, x.confidential};
        }
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kNotFound && e.code() != ErrorCode::kForbidden) throw;
    }
    return std::nullopt;
}

Introduction AttachProject(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& project_id,
                           const std::string& outcome, Seconds now) {
    Introduction before = GetIntroduction(tx, me, id);
    if (outcome != "project_proposal" && outcome != "project_started")
        throw Invalid("outcome", "outcome must be project_proposal or project_started");
    if (before.status != "accepted")
        throw Error{ErrorCode::kConflict, "introduction_id", "only an accepted introduction leads to a project"};
    Introduction i = before;
    i.project_id = project_id;
    if (i.outcome != "project_started") {
        i.outcome = outcome;
        i.outcome_at = now;
    }
    i.updated_at = now;
    store::UpdateIntroduction(tx, i);
    audit::Record(tx, me.person_id, "outcome", "introduction", id, boost::json::value_from(before),
                  boost::json::value_from(i));
    return WithTitle(tx, i);
}

std::vector<Introduction> ListIntroductions(db::Tx& tx, const auth::Principal& me, bool all) {
    if (all && !IsOfficeStaff(me)) throw Forbidden("only the office sees every introduction");
    std::vector<Introduction> out;
    for (auto& i : store::ListIntroductions(tx, all ? "" : me.person_id)) out.push_back(WithTitle(tx, i));
    return out;
}

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

std::vector<Concept> FindSynonyms(db::Tx& tx, const std::string& q, size_t limit) {
    SyncIndex(tx);
    std::vector<Concept> out;
    auto dictionary = SharedAnalyzer().dictionary();  // held while its concepts are copied
    for (const Concept* c : dictionary->Lookup(text::SearchKey(Trim(q)), limit)) out.push_back(*c);
    return out;
}

// ---- the index ------------------------------------------------------------------------------------------

void SyncIndex(db::Tx& tx) {
    std::lock_guard lock(Index().mutex);
    SyncLocked(tx);
}

long long RebuildIndex(db::Tx& tx) {
    std::lock_guard lock(Index().mutex);
    return RebuildLocked(tx);
}

void RequestReindex(db::Tx& tx, Seconds now) { LogChange(tx, "reindex", "-", now); }

}  // namespace renkei::exchange
