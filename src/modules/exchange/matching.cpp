// Search and suggestions: queries of the index, re-checked against the database, as typed matches
// with their score, reasons and (for searches) highlighted snippets.
#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <variant>

#include "modules/exchange/analyzer.hpp"
#include "modules/exchange/internal.hpp"
#include "modules/exchange/store.hpp"
#include "modules/people/service.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"
#include "platform/text/normalize.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::exchange {
namespace {

std::vector<std::string> VisibleTerms(const Viewer& v) {
    std::vector<std::string> out = {"Vpublic", "Vauthor:" + v.person_id};
    for (const auto& c : v.companies) out.push_back("Vcompany:" + c);
    for (const auto& i : v.items) out.push_back("Vitem:" + i);
    if (v.office) out.push_back("Voffice");
    return out;
}

// A window of `text` around the first match of any of `surfaces` (normalised forms), as
// segments so the client marks hits without parsing HTML.
std::vector<Segment> Highlight(const std::string& text_in, const std::vector<std::string>& surfaces, size_t width) {
    auto cps = text::SplitCodePoints(text_in);
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
    std::vector<Segment> out;
    auto push = [&](std::string_view t, bool h) {
        if (t.empty()) return;
        if (!out.empty() && out.back().hit == h) {
            out.back().text.append(t);
            return;
        }
        out.push_back(Segment{std::string(t), h});
    };
    if (start > 0) push("…", false);
    for (size_t i = start; i < end; ++i) push(cps[i] == "\n" ? " " : cps[i], hit[i]);
    if (end < cps.size()) push("…", false);
    return out;
}

std::vector<Reason> Reasons(const std::vector<std::string>& matched, const std::string& language, size_t limit) {
    const auto& a = SharedAnalyzer();
    std::vector<Reason> out;
    std::set<std::string> labels;
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& term : matched) {
            if (out.size() >= limit) break;
            if (term.empty() || term[0] == 'B') continue;
            bool concept_term = term[0] == 'C';
            if ((pass == 0) != concept_term) continue;
            std::string label = a.Label(term, language);
            if (!IsReasonLabel(label) || !labels.insert(text::Normalize(label)).second) continue;
            out.push_back(Reason{concept_term ? "concept" : "word", label});
        }
    }
    return out;
}

// Texts of an item, in the order a snippet prefers them.
std::vector<std::string> SnippetFields(const Need& n) {
    return {n.problem, n.desired_outcome, n.current_practice, n.patients};
}
std::vector<std::string> SnippetFields(const Seed& s) {
    std::vector<std::string> out = {s.description};
    out.insert(out.end(), s.capabilities.begin(), s.capabilities.end());
    return out;
}
std::vector<std::string> SnippetFields(const Profile& p) {
    std::vector<std::string> out = {p.expertise};
    out.insert(out.end(), p.keywords.begin(), p.keywords.end());
    return out;
}

std::string TitleOf(const Need& n) { return n.title; }
std::string TitleOf(const Seed& s) { return s.title; }
std::string TitleOf(const Profile& p) { return p.name_ja; }

// The title with the matched words marked, and a window of the first text that has any of them
// (the first text when none has, or without a query).
void AddSnippets(Match& m, const std::vector<std::string>& matched) {
    const auto& a = SharedAnalyzer();
    auto fields = std::visit([](const auto& item) { return SnippetFields(item); }, m.item);
    std::vector<Segment> snippet;
    for (const auto& field : fields) {
        auto surfaces = a.Surfaces(field, matched);
        if (!surfaces.empty() || matched.empty()) {
            for (auto& s : surfaces) s = text::Normalize(s);
            snippet = Highlight(field, surfaces, 90);
            bool any = std::any_of(snippet.begin(), snippet.end(), [](const Segment& seg) { return seg.hit; });
            if (any || matched.empty()) break;
        }
    }
    if (snippet.empty() && !fields.empty()) snippet = Highlight(fields.front(), {}, 90);
    std::string title = std::visit([](const auto& item) { return TitleOf(item); }, m.item);
    auto title_surfaces = a.Surfaces(title, matched);
    for (auto& s : title_surfaces) s = text::Normalize(s);
    m.title_highlight = Highlight(title, title_surfaces, 200);
    m.snippet = std::move(snippet);
}

// Loads the items of index hits, re-checking visibility against the database, with score, reasons
// and (for searches) snippets. With `matches_only` (suggestions), a hit that shares no concept and
// no content word — only generic words, verbs or bigrams — is no match and left out, whatever its
// score: a suggestion must be able to say why.
std::vector<Match> Present(db::Tx& tx, const Viewer& viewer, const std::vector<IndexHit>& hits,
                           const std::string& language, bool snippets, const std::string& area_hint,
                           bool matches_only = false) {
    std::vector<Match> out;
    for (const auto& h : hits) {
        std::vector<Reason> reasons;
        if (!h.matched.empty()) {
            reasons = Reasons(h.matched, language, 6);
            if (matches_only && reasons.empty()) continue;
        }
        Match m;
        m.type = h.type;
        m.id = h.id;
        std::string area;
        // The terms the viewer may be told about: all of them, or for a teaser only those of the
        // teaser's own text (ranked on the full text, explained by the teaser alone).
        std::vector<std::string> matched = h.matched;
        auto teaser_only = [&](const Teaser& t) {
            std::map<std::string, double> teaser_terms;
            SharedAnalyzer().Analyze(TeaserText(t), 1.0, teaser_terms);
            std::erase_if(matched, [&](const std::string& term) { return teaser_terms.count(term) == 0; });
            reasons = matched.empty() ? std::vector<Reason>{} : Reasons(matched, language, 6);
        };
        if (h.type == "need") {
            auto n = store::FindNeed(tx, h.id);
            if (!n) continue;
            auto disclosure = DisclosureFor(viewer, *n);
            if (disclosure == Disclosure::kNone) continue;
            if (disclosure == Disclosure::kTeaser) {
                *n = Redact(std::move(*n));
                teaser_only(n->teaser);
            }
            area = n->area;
            m.item = std::move(*n);
        } else if (h.type == "seed") {
            auto s = store::FindSeed(tx, h.id);
            if (!s) continue;
            auto disclosure = DisclosureFor(viewer, *s);
            if (disclosure == Disclosure::kNone) continue;
            if (disclosure == Disclosure::kTeaser) {
                *s = Redact(std::move(*s));
                teaser_only(s->teaser);
            }
            area = s->area;
            m.item = std::move(*s);
        } else {
            auto p = store::FindProfile(tx, h.id);
            if (!p) continue;
            auto person = people::FindPerson(tx, h.id);
            if (!person) continue;
            p->name_ja = person->name_ja;
            p->name_en = person->name_en;
            p->organisation_id = person->organisation_id;
            p->roles = person->roles;
            m.item = std::move(*p);
        }
        if (!h.matched.empty()) {
            m.score = h.percent;
            if (!area_hint.empty() && area == area_hint) reasons.push_back(Reason{"area", area});
            m.reasons = std::move(reasons);
        }
        if (snippets) AddSnippets(m, matched);
        out.push_back(std::move(m));
    }
    // Every author's names in one query.
    std::vector<std::string> authors;
    for (const auto& m : out) {
        if (const auto* n = std::get_if<Need>(&m.item); n && !n->teaser_only) authors.push_back(n->author_id);
        if (const auto* s = std::get_if<Seed>(&m.item); s && !s->teaser_only) authors.push_back(s->author_id);
    }
    people::NameBook names(tx);
    names.Load(authors);
    for (auto& m : out) {
        if (auto* n = std::get_if<Need>(&m.item); n && !n->teaser_only) NameAuthor(names, *n);
        if (auto* s = std::get_if<Seed>(&m.item); s && !s->teaser_only) NameAuthor(names, *s);
    }
    return out;
}

// Queries run side by side (see MatchIndex); only catching up with the change log is one at a time.
IndexResult RunQuery(db::Tx& tx, const IndexQuery& q, Seconds now) {
    SyncIndex(tx, now);
    return SharedIndex().Run(q);
}

// With a learnt model (`ranker`), the engine's first kRerankDepth candidates in the model's order.
std::vector<Match> Suggest(db::Tx& tx, const Viewer& v, const std::map<std::string, double>& terms,
                           std::vector<std::string> must, std::vector<std::vector<std::string>> any_of,
                           std::vector<std::string> exclude, int limit, const std::string& language,
                           const std::string& area, Seconds now, size_t max_terms = 40,
                           const std::optional<RankModel>& ranker = std::nullopt) {
    if (terms.empty()) return {};
    IndexQuery q;
    q.terms = terms;
    q.max_terms = max_terms;
    q.must = std::move(must);
    q.any_of = std::move(any_of);
    q.exclude = std::move(exclude);
    q.visible = VisibleTerms(v);
    limit = std::clamp(limit, 1, 50);
    q.limit = ranker ? std::max(limit, kRerankDepth) : limit;
    auto result = RunQuery(tx, q, now);
    if (ranker) {
        Rerank(*ranker, q.terms, result.hits);
        if (result.hits.size() > static_cast<size_t>(limit)) result.hits.resize(limit);
    }
    return Present(tx, v, result.hits, language, false, area, true);
}

// The items the office judged relevant for an item (`relevant`: their ItemTerm) that the viewer
// may be offered (open, visible, not their own): those sharing terms with it in the engine's order,
// then the others (newest first); each with the office's confirmation as its first reason.
std::vector<Match> Confirmed(db::Tx& tx, const Viewer& v, const std::map<std::string, double>& terms,
                             const char* offered, const std::vector<std::string>& relevant, const std::string& me,
                             const std::string& language, const std::string& area, Seconds now) {
    IndexQuery q;
    q.terms = terms;
    q.max_terms = kItemQueryTerms;
    q.must = {offered, "Sopen"};
    q.any_of = {relevant};
    q.exclude = {"U" + me};
    q.visible = VisibleTerms(v);
    q.limit = std::min<int>(50, static_cast<int>(relevant.size()));
    std::vector<IndexHit> hits;
    if (!terms.empty()) hits = RunQuery(tx, q, now).hits;
    std::set<std::string> ranked;
    for (const auto& h : hits) ranked.insert(h.id);
    q.terms.clear();
    for (auto& h : RunQuery(tx, q, now).hits)
        if (!ranked.count(h.id)) hits.push_back(std::move(h));
    auto out = Present(tx, v, hits, language, false, area);
    const std::string label = language == "en" ? "Confirmed relevant by the office" : "事務局が関連ありと確認";
    for (auto& m : out) m.reasons.insert(m.reasons.begin(), Reason{"office", label});
    return out;
}

// A need and a seed are offered the same way: each the other side's open items, and people.
enum class Side { kNeed, kSeed };

// What suggestions are made for: the need or seed the viewer may see, and its terms.
struct Subject {
    std::string id, author_id, area;
    std::map<std::string, double> terms;
};

Subject SubjectOf(db::Tx& tx, const Viewer& v, Side side, const std::string& id) {
    if (side == Side::kNeed) {
        Need n = LoadNeedFor(tx, v, id);
        return Subject{n.id, n.author_id, n.area, NeedTerms(n)};
    }
    Seed s = LoadSeedFor(tx, v, id);
    return Subject{s.id, s.author_id, s.area, SeedTerms(s)};
}

struct ItemSuggestions {
    std::string id;
    std::vector<Match> items, people;
};

// For a need: open seeds, and anyone's profile; for a seed or theme: open needs, and clinicians'
// and researchers' profiles. Never the viewer's own items; never the item's author as a person.
ItemSuggestions SuggestionsFor(db::Tx& tx, const auth::Principal& me, Side side, const std::string& id, int limit,
                               const std::string& language, Seconds now) {
    // Caught up with the change log first: the subject's terms are analysed with the concepts the
    // index has (the first request after the office adds some would otherwise ask without them).
    SyncIndex(tx, now);
    Viewer v = ViewerOf(tx, me, now);
    Subject subject = SubjectOf(tx, v, side, id);
    const char* offered = side == Side::kNeed ? "Tseed" : "Tneed";
    std::vector<std::vector<std::string>> people_roles;
    if (side == Side::kSeed) people_roles = {{"Rclinician", "Rresearcher"}};
    ItemSuggestions out;
    out.id = subject.id;
    auto item_terms = subject.terms;
    if (!subject.area.empty() && !item_terms.empty()) item_terms[AreaTerm(subject.area)] += AreaQueryWeight();
    // The office's judgments on the subject's pairs: every judged item is left out of the engine's
    // query; those judged relevant come first.
    const std::string other = side == Side::kNeed ? "seed" : "need";
    auto judgments =
        side == Side::kNeed ? store::JudgmentsOfNeed(tx, subject.id) : store::JudgmentsOfSeed(tx, subject.id);
    std::vector<std::string> exclude = {"U" + me.person_id};
    std::vector<std::string> relevant;
    std::map<std::string, bool> judged;
    for (const auto& j : judgments) {
        const std::string& other_id = side == Side::kNeed ? j.seed_id : j.need_id;
        judged[other_id] = j.relevant;
        exclude.push_back(ItemTerm(other, other_id));
        if (j.relevant) relevant.push_back(ItemTerm(other, other_id));
    }
    std::vector<Match> items;
    if (!relevant.empty())
        items = Confirmed(tx, v, item_terms, offered, relevant, me.person_id, language, subject.area, now);
    auto ranked = Suggest(tx, v, item_terms, {offered, "Sopen"}, {}, std::move(exclude), limit, language, subject.area,
                          now, kItemQueryTerms, AdoptedRankModel(tx));
    items.insert(items.end(), std::make_move_iterator(ranked.begin()), std::make_move_iterator(ranked.end()));
    if (items.size() > static_cast<size_t>(std::clamp(limit, 1, 50))) items.resize(std::clamp(limit, 1, 50));
    if (IsOffice(me))
        for (auto& m : items)
            if (auto it = judged.find(m.id); it != judged.end()) m.judged_relevant = it->second;
    out.items = std::move(items);
    out.people = Suggest(tx, v, subject.terms, {"Tprofile"}, std::move(people_roles),
                         {"U" + me.person_id, "U" + subject.author_id}, limit, language, "", now);
    return out;
}

}  // namespace

SearchResult Search(db::Tx& tx, const auth::Principal& me, const SearchInput& in, Seconds now) {
    SyncIndex(tx, now);  // first: the words are analysed with the concepts the index has
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
        if (!FromText<SeedKind>(in.kind)) throw Invalid("kind", "unknown kind: " + in.kind);
        q.must.push_back("K" + in.kind);
    }
    if (in.status.empty()) {
        q.must.push_back("Sopen");
    } else if (in.status != "all") {
        if (!FromText<NeedStatus>(in.status) && !FromText<SeedStatus>(in.status))
            throw Invalid("status", "unknown status");
        q.must.push_back("S" + in.status);
    }
    if (!in.organisation_id.empty()) q.must.push_back("O" + in.organisation_id);
    if (!in.author_id.empty()) q.must.push_back("U" + in.author_id);
    q.visible = VisibleTerms(v);
    q.offset = std::max(0, in.offset);
    q.limit = std::clamp(in.limit, 1, 100);
    auto result = RunQuery(tx, q, now);
    return SearchResult{result.total, Present(tx, v, result.hits, in.language, true, "")};
}

NeedSuggestions SuggestionsForNeed(db::Tx& tx, const auth::Principal& me, const std::string& need_id, int limit,
                                   const std::string& language, Seconds now) {
    auto s = SuggestionsFor(tx, me, Side::kNeed, need_id, limit, language, now);
    return NeedSuggestions{std::move(s.id), std::move(s.items), std::move(s.people)};
}

SeedSuggestions SuggestionsForSeed(db::Tx& tx, const auth::Principal& me, const std::string& seed_id, int limit,
                                   const std::string& language, Seconds now) {
    auto s = SuggestionsFor(tx, me, Side::kSeed, seed_id, limit, language, now);
    return SeedSuggestions{std::move(s.id), std::move(s.items), std::move(s.people)};
}

MySuggestions SuggestionsForMe(db::Tx& tx, const auth::Principal& me, int limit, const std::string& language,
                               Seconds now) {
    SyncIndex(tx, now);  // first: the viewer's own texts are analysed with the concepts the index has
    Viewer v = ViewerOf(tx, me, now);
    auto profile = store::FindProfile(tx, me.person_id);
    auto needs = store::ListNeeds(tx, me.person_id, NeedStatus::kOpen, 10);
    auto seeds = store::ListSeeds(tx, me.person_id, SeedStatus::kOpen, 10);
    auto own = PersonalTermsOf(profile, needs, seeds);
    auto open_matches = [&](const char* type_term) {
        IndexQuery q;
        q.shared_terms = own.terms;
        q.terms_key = own.key;
        q.must = {type_term, "Sopen"};
        q.exclude = {"U" + me.person_id};
        q.visible = VisibleTerms(v);
        q.limit = std::clamp(limit, 1, 50);
        auto result = RunQuery(tx, q, now);
        return Present(tx, v, result.hits, language, false, "", true);
    };
    MySuggestions out;
    out.personalised = !own.terms->empty();
    out.needs = open_matches("Tneed");
    out.seeds = open_matches("Tseed");
    return out;
}

std::vector<std::string> RankSeedsForNeed(db::Tx& tx, const auth::Principal& me, const std::string& need_id, int limit,
                                          Seconds now) {
    SyncIndex(tx, now);  // first: the need's terms are analysed with the concepts the index has
    Viewer v = ViewerOf(tx, me, now);
    Need n = LoadNeedFor(tx, v, need_id);
    IndexQuery q;
    q.terms = NeedTerms(n);
    if (!n.area.empty() && !q.terms.empty()) q.terms[AreaTerm(n.area)] += AreaQueryWeight();
    q.must = {"Tseed", "Sopen"};
    q.max_terms = kItemQueryTerms;  // as SuggestionsForNeed asks for seeds
    q.exclude = {"U" + me.person_id};
    q.visible = VisibleTerms(v);
    auto ranker = AdoptedRankModel(tx);  // as SuggestionsForNeed re-ranks
    q.limit = ranker ? std::max(limit, kRerankDepth) : limit;
    auto hits = RunQuery(tx, q, now).hits;
    if (ranker) Rerank(*ranker, q.terms, hits);
    std::vector<std::string> out;
    for (const auto& h : hits)
        if (out.size() < static_cast<size_t>(std::max(0, limit))) out.push_back(h.id);
    return out;
}

}  // namespace renkei::exchange
