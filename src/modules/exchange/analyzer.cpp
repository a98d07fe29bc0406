#include "modules/exchange/analyzer.hpp"

#include <mecab.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "modules/exchange/morphology.hpp"
#include "platform/json.hpp"
#include "platform/log/log.hpp"
#include "platform/text/normalize.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::exchange {

extern const char* const kShippedSynonyms;  // data/synonyms/*.tsv, compiled in

// How much a loanword key (morphology.hpp) counts beside the word it comes from.
constexpr double kLoanwordWeight = 0.7;

// How much a word derived by rule (renal → kidney, cirrhotic → cirrhosis) counts beside the word.
constexpr double kDerivedWeight = 0.6;

namespace {

using text::NextCodePoint;
using text::Utf8;

bool IsKanji(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005; }
bool IsKatakana(char32_t c) { return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC; }
bool IsHiragana(char32_t c) { return c >= 0x3041 && c <= 0x309F; }
bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }
bool HasNonAscii(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::vector<char32_t> CodePoints(std::string_view s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) out.push_back(NextCodePoint(s, i));
    return out;
}

// Katakana in Latin letters (ICU's Katakana-Latin: クラリスロマイシン → kurarisuromaishin).
std::string Romaji(const std::string& katakana) {
    thread_local std::unique_ptr<icu::Transliterator> t;
    thread_local bool tried = false;
    if (!tried) {
        tried = true;
        UErrorCode status = U_ZERO_ERROR;
        t.reset(icu::Transliterator::createInstance("Katakana-Latin", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) t.reset();
    }
    if (!t) return {};
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(katakana);
    t->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

// Hiragana folded to katakana in text that is already NFKC-normalised (cheaper than SearchKey).
std::string FoldKana(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        size_t start = i;
        char32_t c = NextCodePoint(s, i);
        if (c >= 0x3041 && c <= 0x3096)
            out += Utf8(c + 0x60);
        else
            out.append(s.substr(start, i - start));
    }
    return out;
}

bool AllKana(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        char32_t c = NextCodePoint(s, i);
        if (!IsKatakana(c) && !IsHiragana(c)) return false;
    }
    return true;
}

// Lower-case ASCII words of a text, split on everything else.
std::vector<std::string> AsciiWords(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (IsAsciiAlnum(c)) {
            cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

// Japanese words too general to say anything about a need or a seed.
const std::set<std::string>& JapaneseStopWords() {
    static const std::set<std::string> words = {
        "コト",   "モノ",   "タメ",   "ヨウ",   "トキ",   "トコロ", "ホウ", "ソレ",   "コレ",   "アレ",
        "ドレ",   "ナニ",   "スル",   "ナル",   "アル",   "イル",   "イウ", "デキル", "オモウ", "ミル",
        "イク",   "クル",   "ヤル",   "ワカル", "ツカウ", "ナイ",   "ヨイ", "イイ",   "オオイ", "スクナイ",
        "場合",   "今",     "中",     "前",     "後",     "時",     "方",   "人",     "他",     "等",
        "際",     "上",     "下",     "目的",   "当社",   "弊社",   "我々", "私",     "自分",   "サン",
        "患者",   "本",     "可能",   "必要",   "実際",   "現在",   "状態", "レル",   "ラレル", "セル",
        "サセル", "クレル", "モラウ", "オク",   "シマウ", "ミタイ", "タイ"};
    return words;
}

std::string Trimmed(std::string_view s) {
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
    return std::string(s.substr(a, b - a));
}

// Removes "(...)" and "{...}" groups (EDICT's part-of-speech and field markers).
std::string StripGroups(std::string_view s) {
    std::string out;
    int depth = 0;
    for (char c : s) {
        if (c == '(' || c == '{')
            ++depth;
        else if (c == ')' || c == '}')
            depth = std::max(0, depth - 1);
        else if (depth == 0)
            out += c;
    }
    return Trimmed(out);
}

// One per thread: a Xapian::Stem keeps its working state in the object (its copies share it), so
// two threads stemming with one stemmer corrupt each other's words and the heap.
const Xapian::Stem& EnglishStemmer() {
    thread_local const Xapian::Stem stem("english");
    return stem;
}

// The Snowball stem of a word in American spelling (haemorrhage and hemorrhage stem alike).
std::string StemWord(const std::string& w) {
    if (w.size() <= 3 || std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return w;
    thread_local std::unordered_map<std::string, std::string> cache;
    auto it = cache.find(w);
    if (it != cache.end()) return it->second;
    std::string s = EnglishStemmer()(AmericanSpelling(w));
    if (cache.size() > 200000) cache.clear();
    cache.emplace(w, s);
    return s;
}

// The SearchKey of a dictionary term without spaces (Japanese terms are written without them).
std::string CjkKey(std::string_view term) {
    std::string k = text::SearchKey(term), out;
    for (char c : k)
        if (c != ' ') out += c;
    return out;
}

MeCab::Tagger* ThreadTagger() {
    thread_local std::unique_ptr<MeCab::Tagger> tagger;
    thread_local bool tried = false;
    if (!tried) {
        tried = true;
        tagger.reset(MeCab::createTagger(""));
        if (!tagger) log::Error("MeCab could not start: {}", MeCab::getTaggerError());
    }
    return tagger.get();
}

std::vector<std::string> SplitFeature(const char* feature) {
    std::vector<std::string> out;
    std::string cur;
    for (const char* p = feature; *p; ++p) {
        if (*p == ',') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += *p;
        }
    }
    out.push_back(cur);
    return out;
}

}  // namespace

bool IsStopWord(std::string_view w) {
    static const std::set<std::string_view> words = {
        "a",     "an",     "the",     "and",      "or",   "but",   "of",      "to",     "in",    "on",    "at",
        "by",    "for",    "with",    "from",     "as",   "is",    "are",     "was",    "were",  "be",    "been",
        "being", "it",     "its",     "this",     "that", "these", "those",   "we",     "our",   "us",    "you",
        "your",  "they",   "their",   "them",     "he",   "she",   "his",     "her",    "i",     "my",    "me",
        "not",   "no",     "so",      "if",       "then", "than",  "there",   "which",  "who",   "whom",  "what",
        "when",  "where",  "how",     "why",      "can",  "could", "would",   "should", "will",  "shall", "may",
        "might", "must",   "do",      "does",     "did",  "have",  "has",     "had",    "into",  "about", "over",
        "under", "after",  "before",  "up",       "down", "out",   "off",     "also",   "only",  "just",  "very",
        "more",  "most",   "less",    "some",     "any",  "all",   "each",    "every",  "both",  "other", "such",
        "own",   "same",   "too",     "via",      "per",  "one",   "two",     "get",    "gets",  "got",   "like",
        "want",  "need",   "needs",   "use",      "used", "using", "e",       "g",      "eg",    "ie",    "etc",
        "s",     "t",      "d",       "ll",       "re",   "ve",    "m",       "don",    "won",   "let",   "lets",
        "many",  "much",   "often",   "still",    "yet",  "even",  "because", "while",  "until", "again", "once",
        "here",  "what's", "patient", "patients", "our",  "ours",  "we'd",    "x"};
    return words.count(w) > 0;
}

// ---------------------------------------------------------------------------------------------
// ConceptDictionary

void ConceptDictionary::Add(const std::string& id, const std::vector<std::string>& terms) {
    if (id.empty()) return;
    size_t index;
    auto found = by_id_.find(id);
    if (found == by_id_.end()) {
        index = concepts_.size();
        concepts_.push_back(Concept{id, "", "", {}});
        by_id_[id] = index;
    } else {
        index = found->second;
    }
    Concept& c = concepts_[index];
    for (const auto& raw : terms) {
        std::string term = Trimmed(raw);
        if (term.empty()) continue;
        if (std::find(c.terms.begin(), c.terms.end(), term) != c.terms.end()) continue;
        c.terms.push_back(term);
        bool cjk = HasNonAscii(text::Normalize(term));
        if (cjk && c.label_ja.empty()) c.label_ja = term;
        if (!cjk && c.label_en.empty()) c.label_en = term;
        if (cjk) {
            std::string key = CjkKey(term);
            if (Utf8Length(key) < 2) continue;
            size_t i = 0;
            NextCodePoint(key, i);
            cjk_[key.substr(0, i)].emplace_back(key, index);
        } else {
            std::vector<std::string> stems;
            for (const auto& w : AsciiWords(text::Normalize(term))) stems.push_back(StemWord(w));
            if (stems.empty()) continue;
            ascii_[stems.front()].emplace_back(stems, index);
        }
    }
}

void ConceptDictionary::AddTsv(std::string_view tsv) {
    std::istringstream in{std::string(tsv)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        std::vector<std::string> terms;
        std::string rest = line.substr(tab + 1), cur;
        for (char c : rest) {
            if (c == '|' || c == '\t') {
                terms.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        terms.push_back(cur);
        Add(Trimmed(line.substr(0, tab)), terms);
    }
}

const Concept* ConceptDictionary::Find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &concepts_[it->second];
}

std::vector<ConceptDictionary::Hit> ConceptDictionary::Match(const std::string& key, const std::string& original,
                                                             const std::vector<std::string>& stems) const {
    std::vector<Hit> hits;
    // Japanese (and mixed) terms: substring matches; a katakana term must not sit inside a
    // longer katakana word (カテ in カテゴリー), so its neighbours must not be katakana.
    size_t i = 0;
    while (i < key.size()) {
        size_t start = i;
        char32_t cp = NextCodePoint(key, i);
        auto it = cjk_.find(key.substr(start, i - start));
        if (it != cjk_.end()) {
            for (const auto& [term, index] : it->second) {
                if (key.compare(start, term.size(), term) != 0) continue;
                bool katakana_term = IsKatakana(cp);
                if (katakana_term && original.size() == key.size()) {
                    // Neighbours as written: hiragana (a particle after いびき) is a boundary.
                    size_t end = start + term.size(), j = end;
                    char32_t next = end < original.size() ? NextCodePoint(original, j) : 0;
                    char32_t before = 0;
                    if (start > 0) {
                        size_t b = start - 1;
                        while (b > 0 && (static_cast<unsigned char>(original[b]) & 0xC0) == 0x80) --b;
                        size_t k = b;
                        before = NextCodePoint(original, k);
                    }
                    auto cps = CodePoints(term);
                    if ((IsKatakana(before) && before != 0x30FC) || (IsKatakana(next) && IsKatakana(cps.back())))
                        continue;
                }
                hits.push_back({concepts_[index].id, term});
            }
        }
    }
    for (size_t s = 0; s < stems.size(); ++s) {
        auto it = ascii_.find(stems[s]);
        if (it == ascii_.end()) continue;
        for (const auto& [seq, index] : it->second) {
            if (s + seq.size() > stems.size()) continue;
            if (std::equal(seq.begin(), seq.end(), stems.begin() + static_cast<long>(s))) {
                std::string surface;
                for (const auto& w : seq) surface += (surface.empty() ? "" : " ") + w;
                hits.push_back({concepts_[index].id, surface});
            }
        }
    }
    return hits;
}

std::vector<const Concept*> ConceptDictionary::Lookup(const std::string& needle, size_t limit) const {
    std::vector<const Concept*> out;
    for (const auto& c : concepts_) {
        if (out.size() >= limit) break;
        bool hit = needle.empty() || c.id.find(needle) != std::string::npos;
        for (const auto& t : c.terms)
            if (!hit && text::SearchKey(t).find(needle) != std::string::npos) hit = true;
        if (hit) out.push_back(&c);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Edict

namespace {

// Sense tags after which a sense says nothing a clinician or a researcher means: archaic, obscure
// or rare senses, counters, and the vocabularies of games, sports and religion.
bool SkippedSenseTag(std::string_view tag) {
    static const std::set<std::string_view> tags = {
        "arch", "obs",    "obsc",  "rare", "ok", "ctr", "Buddh", "Shinto", "hanaf", "sumo",   "mahj", "shogi",
        "go",   "astron", "baseb", "vulg", "X",  "sl",  "joc",   "derog",  "music", "sports", "MA",   "poet"};
    return tags.count(tag) > 0;
}
// Sense tags of medicine and the body: such a sense is kept wherever it stands in the entry.
bool MedicalSenseTag(std::string_view tag) {
    return tag == "med" || tag == "anat" || tag == "physiol" || tag == "pharm" || tag == "biol" || tag == "biochem";
}

struct EdictEntry {
    std::string head, reading;
    bool common = false, usually_kana = false;
    std::vector<std::string> words;  // English content words of the chosen senses, in order
};

// One line of EDICT: "head [reading] /(pos) (1) (tag) gloss/gloss/(2) gloss/.../". The first sense
// that is not archaic, obscure or of a game, and every sense tagged as medicine or anatomy; of
// each gloss the content words when there are at most three of them.
std::optional<EdictEntry> ParseEdictLine(const std::string& line) {
    auto slash = line.find(" /");
    if (slash == std::string::npos) return std::nullopt;
    EdictEntry e;
    std::string head_part = line.substr(0, slash);
    e.head = head_part;
    auto bracket = head_part.find(" [");
    if (bracket != std::string::npos) {
        e.head = head_part.substr(0, bracket);
        auto close = head_part.find(']', bracket);
        if (close != std::string::npos) e.reading = head_part.substr(bracket + 2, close - bracket - 2);
    }
    e.common = line.find("/(P)/") != std::string::npos;
    e.usually_kana = line.find("(uk)") != std::string::npos;
    std::string body = line.substr(slash + 2);
    int sense = 1;
    bool sense_skipped = false, sense_medical = false, took_this_sense = false, took_a_sense = false;
    size_t pos = 0;
    while (pos < body.size()) {
        auto end = body.find('/', pos);
        if (end == std::string::npos) end = body.size();
        std::string gloss = body.substr(pos, end - pos);
        pos = end + 1;
        if (gloss.rfind("EntL", 0) == 0 || gloss == "(P)" || gloss.empty()) continue;
        // Leading "(...)" groups: part of speech, the sense number, tags.
        std::vector<std::string> tags;
        size_t i = 0;
        while (i < gloss.size() && (gloss[i] == '(' || gloss[i] == ' ')) {
            if (gloss[i] == ' ') {
                ++i;
                continue;
            }
            auto close = gloss.find(')', i);
            if (close == std::string::npos) break;
            std::string group = gloss.substr(i + 1, close - i - 1);
            size_t start = 0;
            while (start <= group.size()) {
                auto comma = group.find(',', start);
                if (comma == std::string::npos) comma = group.size();
                tags.push_back(group.substr(start, comma - start));
                start = comma + 1;
            }
            i = close + 1;
        }
        for (const auto& t : tags) {
            if (t.empty() || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
            int n = std::atoi(t.c_str());
            if (n != sense) {  // a new sense: its own tags from here on
                sense = n;
                if (took_this_sense) took_a_sense = true;
                took_this_sense = sense_skipped = sense_medical = false;
            }
        }
        for (const auto& t : tags) {
            if (SkippedSenseTag(t)) sense_skipped = true;
            if (MedicalSenseTag(t)) sense_medical = true;
        }
        if (sense_skipped || (took_a_sense && !sense_medical)) continue;
        took_this_sense = true;
        auto words = AsciiWords(StripGroups(gloss));
        std::vector<std::string> content;
        for (const auto& w : words)
            if (!IsStopWord(w) && w.size() >= 2) content.push_back(w);
        if (content.empty() || content.size() > 3 || words.size() > 5) continue;
        for (auto& w : content)
            if (std::find(e.words.begin(), e.words.end(), w) == e.words.end()) e.words.push_back(std::move(w));
    }
    if (e.words.empty()) return std::nullopt;
    return e;
}

}  // namespace

bool Edict::Load(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::string raw((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    icu::UnicodeString u(raw.data(), static_cast<int32_t>(raw.size()), "EUC-JP");
    std::string utf8;
    u.toUTF8String(utf8);
    std::istringstream in(utf8);
    std::string line;
    bool first = true;
    std::vector<EdictEntry> entries;
    while (std::getline(in, line)) {
        if (first) {  // the header line
            first = false;
            continue;
        }
        if (auto e = ParseEdictLine(line)) entries.push_back(std::move(*e));
    }
    // Every English word EDICT uses, stemmed: a word derived by rule (morphology.hpp) is used only
    // when it is one of them.
    for (const auto& e : entries)
        for (const auto& w : e.words) stems_.insert(StemWord(w));
    // Common words (P) first, so that a head shared by several entries glosses as the common one.
    std::stable_sort(entries.begin(), entries.end(),
                     [](const EdictEntry& a, const EdictEntry& b) { return a.common && !b.common; });
    std::unordered_set<std::string> common_keys;
    std::unordered_map<std::string, std::vector<std::string>> derived;  // gloss word → derived stems
    for (const auto& e : entries) {
        std::vector<std::string> stems;
        for (const auto& w : e.words) {
            if (stems.size() >= 4) break;
            std::string s = StemWord(w);
            if (std::find(stems.begin(), stems.end(), s) == stems.end()) stems.push_back(s);
        }
        // The plain words of Latin and Greek glosses (hepatic → liver), after the glosses themselves.
        for (const auto& w : e.words) {
            auto [it, fresh] = derived.try_emplace(w);
            if (fresh)
                for (const auto& d : DerivedWords(AmericanSpelling(w))) it->second.push_back(StemWord(d));
            for (const auto& s : it->second)
                if (stems.size() < 6 && stems_.count(s) && std::find(stems.begin(), stems.end(), s) == stems.end())
                    stems.push_back(s);
        }
        auto add = [&](const std::string& key) {
            // A head shared by several entries glosses as the common one alone (目: "eye", not the
            // biological "order" of 目 [もく]).
            if (e.common)
                common_keys.insert(key);
            else if (common_keys.count(key))
                return;
            auto& v = glosses_[key];
            for (const auto& s : stems)
                if (v.size() < 6 && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
        };
        add(text::SearchKey(e.head));
        if (e.usually_kana && !e.reading.empty()) {
            std::string key = text::SearchKey(e.reading);
            if (Utf8Length(key) >= 3) {
                auto it = glosses_.find(key);
                if (it == glosses_.end() || e.common) add(key);
            }
        }
    }
    return true;
}

bool Edict::KnowsStem(const std::string& stem) const { return stems_.count(stem) > 0; }

const std::vector<std::string>* Edict::Glosses(const std::string& key) const {
    auto it = glosses_.find(key);
    return it == glosses_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------------------------------------
// Analyzer

Analyzer::Analyzer() {
    auto base = std::make_shared<ConceptDictionary>();
    // RENKEI_NO_CURATED_SYNONYMS=1 leaves data/synonyms out: bench/matching measures what the
    // engine does without the curated list (issue 16: how much of a score the list carries).
    const char* no_curated = std::getenv("RENKEI_NO_CURATED_SYNONYMS");
    if (!(no_curated && *no_curated && std::string_view(no_curated) != "0")) base->AddTsv(kShippedSynonyms);
    base_ = base;
    current_ = base;
    const char* env = std::getenv("RENKEI_EDICT");
    std::string path = env && *env ? env : "/usr/share/edict/edict";
    if (!edict_.Load(path)) log::Warn("EDICT not found at {}: Japanese-English glosses are off", path);
}

std::shared_ptr<const ConceptDictionary> Analyzer::dictionary() const {
    std::shared_lock lock(mutex_);
    return current_;
}

void Analyzer::SetExtraConcepts(const std::vector<Concept>& extra) {
    auto dict = std::make_shared<ConceptDictionary>(*base_);
    for (const auto& c : extra) dict->Add(c.id, c.terms);
    std::unique_lock lock(mutex_);
    current_ = dict;
    ++generation_;
}

std::string Analyzer::Stem(const std::string& w) const { return StemWord(w); }

const std::vector<std::string>& Analyzer::Derived(const std::string& word) const {
    // Per thread, like the stems; every Analyzer loads the same EDICT, so the cache is shared.
    thread_local std::unordered_map<std::string, std::vector<std::string>> cache;
    auto it = cache.find(word);
    if (it != cache.end()) return it->second;
    if (cache.size() > 200000) cache.clear();
    std::vector<std::string> stems;
    std::string own = StemWord(word);
    for (const auto& d : DerivedWords(AmericanSpelling(word))) {
        std::string s = StemWord(d);
        if (s != own && edict_.KnowsStem(s) && std::find(stems.begin(), stems.end(), s) == stems.end())
            stems.push_back(s);
    }
    return cache.emplace(word, std::move(stems)).first->second;
}

void Analyzer::RememberLabel(const std::string& term, const std::string& surface) const {
    std::lock_guard lock(labels_mutex_);
    if (labels_.size() > 500000) {
        labels_.clear();
        ++generation_;
        ++labels_generation_;
    }
    labels_.try_emplace(term, surface);
}

std::vector<Analyzer::Token> Analyzer::Tokens(std::string_view normalized) const {
    std::vector<Token> tokens;
    MeCab::Tagger* tagger = ThreadTagger();
    if (!tagger) return tokens;
    std::string input(normalized);
    const MeCab::Node* node = tagger->parseToNode(input.c_str());
    const auto& stop = JapaneseStopWords();
    for (; node; node = node->next) {
        if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
        std::string surface(node->surface, node->length);
        if (!HasNonAscii(surface)) {
            tokens.push_back({surface, ""});  // ASCII is handled separately; keeps compounds apart
            continue;
        }
        auto f = SplitFeature(node->feature);
        const std::string& pos = f[0];
        std::string sub = f.size() > 1 ? f[1] : "";
        std::string base = f.size() > 6 && f[6] != "*" ? f[6] : surface;
        std::string term;
        if (pos == "名詞" && sub != "数" && sub != "非自立" && sub != "代名詞" && sub != "接尾") {
            term = FoldKana(surface);
        } else if ((pos == "動詞" || pos == "形容詞") && sub == "自立") {
            term = FoldKana(base);
        }
        if (!term.empty()) {
            size_t n = Utf8Length(term);
            if (stop.count(term) || (n < 2 && AllKana(term))) term.clear();
        }
        Token t{surface, term};
        // Mark nouns for compounding with a leading tab in surface-less slot: reuse via POS.
        if (pos == "名詞" || (pos == "接頭詞" && sub == "名詞接続")) t.surface = "\x01" + surface;
        tokens.push_back(std::move(t));
    }
    return tokens;
}

void Analyzer::Analyze(std::string_view text_in, double field_weight, std::map<std::string, double>& out) const {
    if (text_in.empty() || field_weight <= 0) return;
    std::string normalized = text::Normalize(text_in);
    std::string key = FoldKana(normalized);

    // English (and every ASCII word inside Japanese text: ＰＣＲ, CV, cfDNA).
    std::vector<std::string> stems;
    for (const auto& w : AsciiWords(normalized)) {
        std::string s = StemWord(w);
        stems.push_back(s);
        bool numeric = std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (numeric || IsStopWord(w) || w.size() < 2) continue;
        out["W" + s] += field_weight;
        RememberLabel("W" + s, w);
        for (const auto& d : Derived(w)) out["W" + d] += kDerivedWeight * field_weight;
        // A word EDICT does not know may be a drug or product name that Japanese writes in katakana.
        if (w.size() >= 5 && !edict_.KnowsStem(s)) {
            for (const auto& k : EnglishLoanwordKeys(s)) {
                out["P" + k] += kLoanwordWeight * field_weight;
                RememberLabel("P" + k, w);
            }
        }
    }

    // Japanese words, compound nouns and EDICT glosses.
    auto tokens = Tokens(normalized);
    std::string compound;
    int compound_parts = 0;
    bool compound_has_content = false;  // a part that is a reason on its own (医療現場 has none)
    auto gloss = [&](const std::string& word_key, double weight) {
        if (Utf8Length(word_key) < 2) return;
        if (const auto* g = edict_.Glosses(word_key)) {
            for (const auto& s : *g) out["W" + s] += weight * field_weight;
        }
    };
    auto flush = [&]() {
        if (compound_parts >= 2) {
            std::string k = FoldKana(compound);
            out["W" + k] += field_weight;
            if (compound_has_content) RememberLabel("W" + k, compound);
            gloss(k, 1.0);  // a compound's gloss is specific (腎移植: kidney transplant)
        }
        compound.clear();
        compound_parts = 0;
        compound_has_content = false;
    };
    for (const auto& t : tokens) {
        bool noun = !t.surface.empty() && t.surface[0] == '\x01';
        std::string surface = noun ? t.surface.substr(1) : t.surface;
        if (noun) {
            compound += surface;
            ++compound_parts;
            if (!compound_has_content && IsReasonLabel(surface)) compound_has_content = true;
        } else {
            flush();
        }
        if (t.term.empty()) continue;
        double w = Utf8Length(t.term) < 2 ? 0.5 : 1.0;
        out["W" + t.term] += w * field_weight;
        // Verbs and adjectives help ranking but name nothing two texts share, so they get no
        // label and never become a reason (a verb's surface is a stem like 貼り).
        if (noun) RememberLabel("W" + t.term, surface);
        // Nouns and, as lay Japanese says what it sees with them (漏れる, 震える, むける), verbs and
        // adjectives too: their glosses are not reasons, but they rank.
        gloss(t.term, 0.4);
    }
    flush();

    AddConcepts(key, normalized, stems, field_weight, out);

    // Katakana words EDICT does not gloss, by their loanword key (クラリスロマイシン ↔ clarithromycin).
    auto cps = CodePoints(normalized);
    for (size_t i = 0; i < cps.size();) {
        size_t j = i;
        while (j < cps.size() && IsKatakana(cps[j])) ++j;
        if (j - i >= 4) {
            std::string run;
            for (size_t k = i; k < j; ++k) run += Utf8(cps[k]);
            if (!edict_.Glosses(run)) {
                std::string key = RomajiLoanwordKey(Romaji(run));
                if (!key.empty()) {
                    out["P" + key] += kLoanwordWeight * field_weight;
                    RememberLabel("P" + key, run);
                }
            }
        }
        i = j > i ? j : i + 1;
    }

    // Bigrams of kanji/katakana runs.
    for (size_t i = 0; i + 1 < cps.size(); ++i) {
        auto cjk = [](char32_t c) { return IsKanji(c) || IsKatakana(c); };
        if (cjk(cps[i]) && cjk(cps[i + 1])) out["B" + Utf8(cps[i]) + Utf8(cps[i + 1])] += field_weight;
    }
}

void Analyzer::AddConcepts(const std::string& key, const std::string& normalized, const std::vector<std::string>& stems,
                           double field_weight, std::map<std::string, double>& out) const {
    std::shared_ptr<const ConceptDictionary> dict;
    {
        std::shared_lock lock(mutex_);
        dict = current_;
    }
    std::set<std::string> seen;
    for (const auto& hit : dict->Match(key, normalized, stems)) {
        // A concept counts once per mention kind, not once per synonym that overlaps.
        if (!seen.insert(hit.concept_id + "\x1f" + hit.surface).second) continue;
        out["C" + hit.concept_id] += field_weight;
    }
}

void Analyzer::AnalyzeConcepts(std::string_view text_in, double field_weight,
                               std::map<std::string, double>& out) const {
    if (text_in.empty() || field_weight <= 0) return;
    std::string normalized = text::Normalize(text_in);
    std::vector<std::string> stems;
    for (const auto& w : AsciiWords(normalized)) stems.push_back(StemWord(w));
    AddConcepts(FoldKana(normalized), normalized, stems, field_weight, out);
}

std::string Analyzer::Label(const std::string& term, const std::string& language) const {
    if (term.empty()) return term;
    if (term[0] == 'C') {
        std::shared_lock lock(mutex_);
        if (const Concept* c = current_->Find(term.substr(1))) {
            if (language == "en") return c->label_en.empty() ? c->label_ja : c->label_en;
            return c->label_ja.empty() ? c->label_en : c->label_ja;
        }
        return term.substr(1);
    }
    std::lock_guard lock(labels_mutex_);
    auto it = labels_.find(term);
    return it == labels_.end() ? std::string() : it->second;  // a gloss stem alone is no reason to show
}

std::shared_ptr<const Analyzer::SurfacePairs> Analyzer::SurfacesOf(std::string_view text_in) const {
    std::string key(text_in);
    key += '\x1d';
    key += std::to_string(generation());
    {
        std::lock_guard lock(surfaces_mutex_);
        if (auto it = surfaces_.find(key); it != surfaces_.end()) return it->second;
    }
    auto pairs = std::make_shared<SurfacePairs>();
    std::string normalized = text::Normalize(text_in);
    for (const auto& w : AsciiWords(normalized)) pairs->emplace_back("W" + StemWord(w), w);
    std::string compound;
    int parts = 0;
    auto flush = [&] {
        if (parts >= 2) pairs->emplace_back("W" + text::SearchKey(compound), compound);
        compound.clear();
        parts = 0;
    };
    for (const auto& t : Tokens(normalized)) {
        bool noun = !t.surface.empty() && t.surface[0] == '\x01';
        std::string surface = noun ? t.surface.substr(1) : t.surface;
        if (noun) {
            compound += surface;
            ++parts;
        } else {
            flush();
        }
        if (!t.term.empty()) pairs->emplace_back("W" + t.term, surface);
    }
    flush();
    std::shared_ptr<const ConceptDictionary> dict;
    {
        std::shared_lock lock(mutex_);
        dict = current_;
    }
    std::vector<std::string> stems;
    for (const auto& w : AsciiWords(normalized)) stems.push_back(StemWord(w));
    for (const auto& hit : dict->Match(FoldKana(normalized), normalized, stems))
        if (HasNonAscii(hit.surface)) pairs->emplace_back("C" + hit.concept_id, hit.surface);
    std::lock_guard lock(surfaces_mutex_);
    if (surfaces_.size() >= 10000) surfaces_.clear();  // bounded: emptied when full
    surfaces_.try_emplace(std::move(key), pairs);
    return pairs;
}

std::vector<std::string> Analyzer::Surfaces(std::string_view text_in, const std::vector<std::string>& terms) const {
    std::set<std::string> wanted(terms.begin(), terms.end());
    std::set<std::string> out;
    for (const auto& [term, surface] : *SurfacesOf(text_in))
        if (wanted.count(term)) out.insert(surface);
    return {out.begin(), out.end()};
}

const Analyzer& SharedAnalyzer() { return MutableSharedAnalyzer(); }

Analyzer& MutableSharedAnalyzer() {
    static Analyzer analyzer;
    return analyzer;
}

}  // namespace renkei::exchange
