// Text analysis for matching and search: turns Japanese, English and mixed text into the
// weighted terms the index stores and queries.
//
//   * ICU NFKC + case folding (ＰＣＲ → pcr, ｶﾃｰﾃﾙ → カテーテル), hiragana folded to katakana;
//   * MeCab (IPAdic) segmentation of Japanese into content words, plus compound nouns;
//   * English words with the Snowball English stemmer, stop words dropped;
//   * concepts: a bilingual dictionary of medical and materials terms (shipped with Renkei, and
//     extended by the office) maps every way of writing a concept — 床ずれ, 褥瘡, pressure
//     ulcer, bedsore — to one concept term "C<id>";
//   * EDICT glosses: a Japanese word also yields the stems of its English glosses, so Japanese
//     and English text meet even where the curated dictionary is silent;
//   * English morphology (morphology.hpp): British spellings stem as American ones, and an English
//     word also yields the words it derives to (renal → kidney, cirrhotic → cirrhosis) that EDICT's
//     glosses know, so Latin adjectives meet the plain words Japanese is glossed with;
//   * EDICT's sense structure: archaic, obscure and counter senses are skipped, medical senses
//     kept wherever they stand, and a head shared by a common word glosses as that word;
//   * loanword keys: a katakana word EDICT does not know and an English word EDICT does not know
//     (drug and product names) meet by their consonant skeleton (クラリスロマイシン ↔ clarithromycin);
//   * character bigrams of kanji/katakana runs, a weak fallback for unknown compounds.
//
// Term prefixes: W (word or stem), C (concept), P (loanword key), B (bigram); the index adds Z
// (the item's area, see AreaTerm). Thread-safe.
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "modules/exchange/model.hpp"

namespace renkei::exchange {

// The concept dictionary: the shipped list (data/synonyms/medical.tsv, compiled in) and the
// office's additions. Lines: "id<TAB>term|term|..."; '#' starts a comment.
class ConceptDictionary {
  public:
    // Adds every concept of a TSV text; an id seen before gains the new terms.
    void AddTsv(std::string_view tsv);
    void Add(const std::string& id, const std::vector<std::string>& terms);
    const Concept* Find(const std::string& id) const;
    size_t size() const { return concepts_.size(); }

    struct Hit {
        std::string concept_id;
        std::string surface;
    };
    // Concepts written in `search_key` (NFKC text with hiragana folded to katakana; `original`
    // is the same text before the folding) or in the ASCII stem sequence `stems`.
    std::vector<Hit> Match(const std::string& search_key, const std::string& original,
                           const std::vector<std::string>& stems) const;
    // Every concept whose term contains `needle` (a SearchKey) — for the office's look-up.
    std::vector<const Concept*> Lookup(const std::string& needle, size_t limit) const;

  private:
    std::vector<Concept> concepts_;
    std::unordered_map<std::string, size_t> by_id_;
    // Non-ASCII terms keyed by their first code point; ASCII terms keyed by their first stem.
    std::unordered_map<std::string, std::vector<std::pair<std::string, size_t>>> cjk_;
    std::unordered_map<std::string, std::vector<std::pair<std::vector<std::string>, size_t>>> ascii_;
};

// Japanese → English glosses from EDICT (Debian package `edict`, EUC-JP).
class Edict {
  public:
    // Loads the file; a missing file leaves the dictionary empty (logged by the caller).
    bool Load(const std::string& path);
    // Stems of the English glosses of a Japanese word (SearchKey form), or null.
    const std::vector<std::string>* Glosses(const std::string& key) const;
    // Whether any gloss has a word with this stem.
    bool KnowsStem(const std::string& stem) const;
    size_t size() const { return glosses_.size(); }

  private:
    std::unordered_map<std::string, std::vector<std::string>> glosses_;
    std::unordered_set<std::string> stems_;
};

struct WeightedTerm {
    std::string term;
    double weight = 0;
};

class Analyzer {
  public:
    // Loads the shipped dictionary and EDICT (path from RENKEI_EDICT, default /usr/share/edict/edict).
    Analyzer();
    // The terms of a text, summed per term, weighted by `field_weight`; adds to `out`.
    void Analyze(std::string_view text, double field_weight, std::map<std::string, double>& out) const;
    // Only the concept terms ("C…") of Analyze: the only terms the concept dictionary decides, so a
    // text analysed before the office's concepts changed needs only these again (a rebuild).
    void AnalyzeConcepts(std::string_view text, double field_weight, std::map<std::string, double>& out) const;
    // Replaces the office's additions (rebuilds the concept matcher).
    void SetExtraConcepts(const std::vector<Concept>& extra);
    // A readable label for a term (the noun or compound as written, an English word, or the
    // concept's labels), for reasons; "" for a verb, an adjective or an EDICT gloss stem.
    std::string Label(const std::string& term, const std::string& language) const;
    // The surface words of `text` that produce any of `terms` — for highlighting. A text's words
    // and the terms they produce are kept (keyed by the text and the generation), as search
    // results highlight the same texts again and again.
    std::vector<std::string> Surfaces(std::string_view text, const std::vector<std::string>& terms) const;
    std::string Stem(const std::string& ascii_word) const;
    // The stems of the words a lower-case English word derives to by rule (morphology.hpp) that
    // EDICT knows, without the word's own stem: renal → kidney, cirrhotic → cirrhosi.
    const std::vector<std::string>& Derived(const std::string& word) const;
    // A snapshot of the current dictionary: it stays valid (and unchanged) while the caller holds
    // it, even if SetExtraConcepts replaces the dictionary meanwhile.
    std::shared_ptr<const ConceptDictionary> dictionary() const;
    size_t edict_size() const { return edict_.size(); }
    // Changes whenever the same text could analyse differently or its labels were forgotten (the
    // office's concepts replaced, the label memory cleared): what a cache of analyses keys on.
    uint64_t generation() const { return generation_.load(); }
    // Changes whenever the labels of words were forgotten: terms other than concepts analysed in
    // the same labels generation may be used again without analysing their text again.
    uint64_t labels_generation() const { return labels_generation_.load(); }

  private:
    struct Token {
        std::string surface;  // as written after NFKC
        std::string term;     // the W term it yields ("" for none)
    };
    std::vector<Token> Tokens(std::string_view normalized) const;
    void RememberLabel(const std::string& term, const std::string& surface) const;
    void AddConcepts(const std::string& key, const std::string& normalized, const std::vector<std::string>& stems,
                     double field_weight, std::map<std::string, double>& out) const;
    // Each (term, surface) pair of a text: Surfaces() keeps the surfaces of the terms it is asked for.
    using SurfacePairs = std::vector<std::pair<std::string, std::string>>;
    std::shared_ptr<const SurfacePairs> SurfacesOf(std::string_view text) const;

    Edict edict_;
    mutable std::shared_mutex mutex_;
    std::shared_ptr<const ConceptDictionary> base_, current_;
    mutable std::mutex labels_mutex_;
    mutable std::unordered_map<std::string, std::string> labels_;
    mutable std::atomic<uint64_t> generation_{0};
    mutable std::atomic<uint64_t> labels_generation_{0};
    mutable std::mutex surfaces_mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const SurfacePairs>> surfaces_;
};

// The process-wide analyzer (loading EDICT takes a moment, so it is built once).
const Analyzer& SharedAnalyzer();
Analyzer& MutableSharedAnalyzer();

// English stop words (already lower case).
bool IsStopWord(std::string_view word);

}  // namespace renkei::exchange
