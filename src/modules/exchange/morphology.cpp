#include "modules/exchange/morphology.hpp"

#include <algorithm>
#include <array>

namespace renkei::exchange {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool StartsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}
bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }
bool IsConsonant(char c) { return IsLetter(c) && !IsVowel(c); }

// British spellings that no general rule below catches (the "oe" of Greek words, and a few
// single words), replaced wherever they occur in the word.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kSpellingParts{{
    {"oedem", "edem"},
    {"oesophag", "esophag"},
    {"oestr", "estr"},
    {"rrhoe", "rrhe"},  // diarrhoea, gonorrhoea
    {"pnoe", "pne"},    // apnoea, dyspnoea
    {"foet", "fet"},
    {"coeli", "celi"},
    {"amoeb", "ameb"},
    {"homoeo", "homeo"},
    {"manoeuv", "maneuv"},
    {"sulph", "sulf"},
    {"aluminium", "aluminum"},
    {"ageing", "aging"},
    {"programme", "program"},
}};

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

// ---- derivation -------------------------------------------------------------------------------

// An adjective's suffix and the noun's that replaces it (cirrhot-ic → cirrhos-is). Every rule is
// tried; a wrong guess (genetic → genesis) only adds a word that matches nothing.
struct SuffixRule {
    std::string_view from, to;
};
constexpr std::array<SuffixRule, 27> kNounOfAdjective{{
    {"otic", "osis"},  // cirrhotic, necrotic, thrombotic, fibrotic, stenotic
    {"ytic", "ysis"},  // hemolytic, paralytic, dialytic
    {"etic", "esis"},  // diuretic, prosthetic, emetic
    {"etic", "esia"},  // anesthetic
    {"stic", "sis"},   // diagnostic, prognostic
    {"ptic", "psis"},  // septic, aseptic
    {"ic", "ia"},      // anemic, ischemic, hypoxic, hypoglycemic
    {"ic", "y"},       // allergic, endoscopic, atrophic
    {"ic", "is"},      // pelvic
    {"ical", "y"},     // anatomical, pathological
    {"ial", "ium"},    // epithelial, myocardial, cranial
    {"eal", "us"},     // esophageal
    {"al", "a"},       // bacterial, vaginal, vertebral, tracheal, retinal
    {"al", "e"},       // spinal
    {"al", "us"},      // viral, fungal
    {"ular", "le"},    // muscular, ventricular, follicular
    {"ular", "ule"},   // capsular, granular, molecular
    {"ular", ""},      // cellular, glandular
    {"atous", "a"},    // edematous, erythematous
    {"ous", ""},       // cancerous
    {"ous", "us"},     // mucous
    {"iary", "e"},     // biliary
    {"ary", "e"},      // urinary
    {"ary", "a"},      // salivary
    {"ine", "us"},     // uterine
    {"ile", "is"},     // (febrile is a root below; penile → penis)
    {"ian", "y"},      // ovarian → ovary
}};

// Greek suffixes: the part before names the organ (found by the roots below), the suffix what is
// done to it or wrong with it.
struct GreekSuffix {
    std::string_view suffix;
    std::string_view meaning;  // "" for none worth adding
};
constexpr std::array<GreekSuffix, 19> kGreekSuffixes{{
    {"ectomy", "removal"},    {"ectomies", "removal"},  {"ostomy", "stoma"},       {"otomy", "incision"},
    {"itis", "inflammation"}, {"algia", "pain"},        {"emia", "blood"},         {"uria", "urine"},
    {"pathy", "disease"},     {"lithiasis", "stone"},   {"megaly", "enlargement"}, {"rrhage", "bleeding"},
    {"rrhagia", "bleeding"},  {"cytes", "cell"},        {"cyte", "cell"},          {"scopy", ""},
    {"graphy", ""},           {"toxicity", "toxicity"}, {"plasty", "repair"},
}};

// Latin and Greek roots and the plain English words EDICT glosses the Japanese terms with.
// kAnywhere: the root may sit anywhere in the word (intravenous, nephrotoxicity);
// kStart: at the start, or after one of kPrefixes (hemodialysis, but not chemotherapy);
// kWord: the whole word (renal, oral: too short to look for inside others).
enum class Where { kAnywhere, kStart, kWord };
struct Root {
    std::string_view root;
    Where where;
    std::string_view words;  // space-separated
};
constexpr Root kRoots[] = {
    // organs and parts of the body
    {"renal", Where::kWord, "kidney"},
    {"nephr", Where::kAnywhere, "kidney"},
    {"hepat", Where::kAnywhere, "liver"},
    {"venous", Where::kAnywhere, "vein"},
    {"venul", Where::kAnywhere, "vein"},
    {"venipunct", Where::kAnywhere, "vein"},
    {"venepunct", Where::kAnywhere, "vein"},
    {"phleb", Where::kAnywhere, "vein"},
    {"arteri", Where::kAnywhere, "artery"},
    {"cardi", Where::kAnywhere, "heart"},
    {"coronar", Where::kAnywhere, "heart"},
    {"pulmon", Where::kAnywhere, "lung"},
    {"gastr", Where::kAnywhere, "stomach"},
    {"entero", Where::kStart, "intestine"},
    {"enteric", Where::kWord, "intestine"},
    {"enteral", Where::kWord, "intestine"},
    {"intestin", Where::kAnywhere, "intestine bowel"},
    {"colorect", Where::kAnywhere, "colon rectum"},
    {"rectal", Where::kWord, "rectum"},
    {"anal", Where::kWord, "anus"},
    {"derm", Where::kAnywhere, "skin"},
    {"cutane", Where::kAnywhere, "skin"},
    {"osteo", Where::kAnywhere, "bone"},
    {"osseo", Where::kAnywhere, "bone"},
    {"osseous", Where::kAnywhere, "bone"},
    {"chondr", Where::kAnywhere, "cartilage"},
    {"arthr", Where::kAnywhere, "joint"},
    {"tendin", Where::kAnywhere, "tendon"},
    {"muscul", Where::kAnywhere, "muscle"},
    {"myocard", Where::kAnywhere, "heart muscle"},
    {"sarcopen", Where::kAnywhere, "muscle"},
    {"ophthalm", Where::kAnywhere, "eye"},
    {"ocul", Where::kAnywhere, "eye"},
    {"cerebr", Where::kAnywhere, "brain"},
    {"encephal", Where::kAnywhere, "brain"},
    {"neur", Where::kAnywhere, "nerve"},
    {"cranial", Where::kWord, "skull"},
    {"hemat", Where::kStart, "blood"},
    {"hemo", Where::kStart, "blood"},
    {"sanguin", Where::kAnywhere, "blood"},
    {"vascul", Where::kAnywhere, "blood vessel"},
    {"vaso", Where::kStart, "blood vessel"},
    {"urin", Where::kAnywhere, "urine"},
    {"uro", Where::kStart, "urine"},
    {"fecal", Where::kWord, "stool"},
    {"feces", Where::kWord, "stool"},
    {"oral", Where::kWord, "mouth"},
    {"dental", Where::kWord, "tooth"},
    {"nasal", Where::kWord, "nose"},
    {"rhin", Where::kStart, "nose"},
    {"aural", Where::kWord, "ear"},
    {"otic", Where::kWord, "ear"},
    {"otitis", Where::kWord, "ear"},
    {"otolog", Where::kStart, "ear"},
    {"lingual", Where::kWord, "tongue"},
    {"labial", Where::kWord, "lip"},
    {"gingiv", Where::kAnywhere, "gum"},
    {"periodont", Where::kAnywhere, "gum"},
    {"thorac", Where::kAnywhere, "chest"},
    {"abdomin", Where::kAnywhere, "abdomen"},
    {"mammar", Where::kAnywhere, "breast"},
    {"mammo", Where::kStart, "breast"},
    {"mastect", Where::kStart, "breast"},
    {"hyster", Where::kStart, "uterus"},
    {"pancreat", Where::kAnywhere, "pancreas"},
    {"splen", Where::kStart, "spleen"},
    {"esophag", Where::kAnywhere, "esophagus"},
    {"laryng", Where::kAnywhere, "larynx"},
    {"pharyng", Where::kAnywhere, "pharynx throat"},
    {"trache", Where::kStart, "trachea"},
    {"vertebr", Where::kAnywhere, "spine"},
    {"spinal", Where::kWord, "spine"},
    {"femor", Where::kStart, "thigh"},
    {"biliar", Where::kAnywhere, "bile"},
    {"cholecyst", Where::kAnywhere, "gallbladder"},
    {"adipo", Where::kAnywhere, "fat"},
    {"thorax", Where::kWord, "chest"},
    // age and life stages
    {"pediatr", Where::kAnywhere, "child"},
    {"neonat", Where::kAnywhere, "newborn"},
    {"geriatr", Where::kAnywhere, "elderly"},
    {"gravid", Where::kAnywhere, "pregnancy"},
    {"gestat", Where::kAnywhere, "pregnancy"},
    {"partum", Where::kAnywhere, "childbirth"},
    {"puerper", Where::kAnywhere, "childbirth"},
    // findings and what is done
    {"hemorrhag", Where::kAnywhere, "bleeding"},
    {"thromb", Where::kAnywhere, "clot"},
    {"onco", Where::kStart, "cancer"},
    {"carcinom", Where::kAnywhere, "cancer"},
    {"malignan", Where::kAnywhere, "cancer"},
    {"neoplas", Where::kAnywhere, "tumor"},
    {"purul", Where::kAnywhere, "pus"},
    {"respir", Where::kAnywhere, "breathing"},
    {"pnea", Where::kAnywhere, "breathing"},
    {"steno", Where::kAnywhere, "narrowing"},
    {"strictur", Where::kAnywhere, "narrowing"},
    {"occlu", Where::kAnywhere, "blockage"},
    {"cicatri", Where::kAnywhere, "scar"},
    {"sutur", Where::kAnywhere, "stitch"},
    {"excis", Where::kAnywhere, "removal"},
    {"resect", Where::kAnywhere, "removal"},
    {"alopec", Where::kAnywhere, "hair loss"},
    {"lithot", Where::kAnywhere, "stone"},
    {"syncop", Where::kAnywhere, "fainting"},
    {"vertig", Where::kAnywhere, "dizziness"},
    {"paresis", Where::kAnywhere, "paralysis"},
    {"plegi", Where::kAnywhere, "paralysis"},
    {"analges", Where::kAnywhere, "pain"},
    {"prurit", Where::kAnywhere, "itch"},
    {"edem", Where::kAnywhere, "swelling"},
    {"erythem", Where::kAnywhere, "redness"},
    {"hypox", Where::kAnywhere, "oxygen"},
    {"glycem", Where::kAnywhere, "blood sugar"},
    {"febri", Where::kAnywhere, "fever"},
    {"pyret", Where::kAnywhere, "fever"},
    {"tussi", Where::kAnywhere, "cough"},
    {"emesis", Where::kAnywhere, "vomiting"},
    {"emetic", Where::kAnywhere, "vomiting"},
    {"noctur", Where::kAnywhere, "night"},
    {"somn", Where::kAnywhere, "sleep"},
    {"ambul", Where::kStart, "walking"},
    {"olfact", Where::kAnywhere, "smell"},
    {"haptic", Where::kAnywhere, "touch"},
    {"therm", Where::kAnywhere, "temperature"},
    {"cryo", Where::kStart, "freezing"},
    {"dysphag", Where::kAnywhere, "swallowing"},
    {"deglut", Where::kAnywhere, "swallowing"},
    {"decubit", Where::kAnywhere, "bedsore"},
};

// Prefixes after which a kStart root may begin (hypo-thermia, intra-venous, peri-operative).
constexpr std::string_view kPrefixes[] = {"intra", "trans", "sub",   "peri",  "para", "endo",  "epi",
                                          "inter", "retro", "hyper", "hypo",  "post", "pre",   "anti",
                                          "non",   "extra", "supra", "infra", "naso", "cardio"};

bool RootAt(std::string_view word, const Root& r) {
    switch (r.where) {
        case Where::kWord:
            return word == r.root;
        case Where::kAnywhere:
            return word.find(r.root) != std::string_view::npos;
        case Where::kStart:
            if (StartsWith(word, r.root)) return true;
            for (auto p : kPrefixes)
                if (StartsWith(word, p) && StartsWith(word.substr(p.size()), r.root)) return true;
            return false;
    }
    return false;
}

}  // namespace

std::string AmericanSpelling(std::string_view word_in) {
    std::string w(word_in);
    if (w.size() < 4 || !std::all_of(w.begin(), w.end(), IsLetter)) return w;
    for (const auto& [from, to] : kSpellingParts)
        if (w.find(from) != std::string::npos) ReplaceAll(w, from, to);
    // "ae" before a consonant, except the "aer" of air words: haem-, paed-, anaem-, aetiology.
    for (size_t i = 0; i + 2 < w.size(); ++i) {
        if (w[i] == 'a' && w[i + 1] == 'e' && IsConsonant(w[i + 2]) && !(i == 0 && w[i + 2] == 'r')) w.erase(i, 1);
    }
    // Word-initial "oe" before a consonant (oestrogen, oedema already handled): oenology → enology.
    if (w.size() > 4 && w[0] == 'o' && w[1] == 'e' && IsConsonant(w[2])) w.erase(1, 1);
    // -our → -or (tumour, colour, behaviour, labour), not four, hour, your, tour.
    if (w.size() >= 5 && EndsWith(w, "our"))
        w.erase(w.size() - 2, 1);
    else if (w.size() >= 6 && EndsWith(w, "ours"))
        w.erase(w.size() - 3, 1);
    else if (w.size() >= 8 && EndsWith(w, "oural"))
        w.erase(w.size() - 4, 1);
    // -tre, -bre → -ter, -ber (centre, fibre, litre, theatre, calibre).
    for (std::string_view end : {"tres", "bres", "tre", "bre"}) {
        if (w.size() >= 5 && EndsWith(w, end)) {
            size_t at = w.size() - end.size();
            std::swap(w[at + 1], w[at + 2]);
            break;
        }
    }
    // -ise, -isation, ... → -ize, -ization (sterilise, catheterisation), after a consonant and a
    // stem of three letters or more (rise, arise, noise, raise stay), not after c or v (incise,
    // excise, advise, revise are spelt so in American English too); -yse → -yze (analyse).
    for (std::string_view end : {"isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise"}) {
        if (w.size() > end.size() + 2 && EndsWith(w, end)) {
            size_t at = w.size() - end.size();
            if (IsConsonant(w[at - 1]) && w[at - 1] != 'w' && w[at - 1] != 'c' && w[at - 1] != 'v') w[at + 1] = 'z';
            break;
        }
    }
    for (std::string_view end : {"ysing", "ysed", "yser", "yse"}) {
        if (w.size() > end.size() + 2 && EndsWith(w, end)) {
            w[w.size() - end.size() + 1] = 'z';
            break;
        }
    }
    // -ogue → -og (analogue, catalogue), not rogue, vogue.
    if (w.size() >= 7 && EndsWith(w, "ogue")) w.erase(w.size() - 2);
    // Doubled l before -ed, -ing, -er after v, b, d, c, n (travelled, labelled, modelling,
    // cancelled, channelled), not swelling, spelled.
    for (std::string_view end : {"lled", "lling", "ller", "llers"}) {
        if (w.size() > end.size() + 2 && EndsWith(w, end)) {
            size_t at = w.size() - end.size();
            char before = w[at - 2];
            if (w[at - 1] == 'e' && (before == 'v' || before == 'b' || before == 'd' || before == 'c' || before == 'n'))
                w.erase(at, 1);
            break;
        }
    }
    return w;
}

std::vector<std::string> DerivedWords(std::string_view word) {
    std::vector<std::string> out;
    auto add = [&](std::string w) {
        if (w.size() < 3 || w == word || std::find(out.begin(), out.end(), w) != out.end()) return;
        out.push_back(std::move(w));
    };
    auto add_words = [&](std::string_view words) {
        size_t start = 0;
        while (start < words.size()) {
            size_t end = words.find(' ', start);
            if (end == std::string_view::npos) end = words.size();
            add(std::string(words.substr(start, end - start)));
            start = end + 1;
        }
    };
    if (word.size() < 4 || !std::all_of(word.begin(), word.end(), IsLetter)) return out;
    std::vector<std::string> forms = {std::string(word)};
    // Greek suffixes: the stem before them, and what the suffix means.
    for (const auto& g : kGreekSuffixes) {
        if (word.size() >= g.suffix.size() + 3 && EndsWith(word, g.suffix)) {
            std::string stem(word.substr(0, word.size() - g.suffix.size()));
            forms.push_back(stem);
            add(stem);
            if (!g.meaning.empty()) add_words(g.meaning);
            break;
        }
    }
    // Nouns of adjectives.
    for (const auto& r : kNounOfAdjective) {
        if (word.size() >= r.from.size() + 2 && EndsWith(word, r.from)) {
            std::string noun = std::string(word.substr(0, word.size() - r.from.size())) + std::string(r.to);
            forms.push_back(noun);
            add(noun);
        }
    }
    // Roots, in the word and in what it was derived to.
    for (const auto& r : kRoots) {
        bool hit = false;
        for (const auto& f : forms) hit = hit || RootAt(f, r);
        if (hit) add_words(r.words);
    }
    return out;
}

// ---- loanwords ------------------------------------------------------------------------------------

namespace {

constexpr size_t kMinLoanwordKey = 4;

// Consonant classes both sides are mapped to, then vowels dropped and repeats collapsed.
std::string Skeleton(const std::string& mapped) {
    std::string key;
    for (char c : mapped) {
        if (!IsConsonant(c) || c == 'y' || c == 'w') continue;
        if (!key.empty() && key.back() == c) continue;
        key += c;
    }
    return key.size() >= kMinLoanwordKey ? key : std::string();
}

std::string MapEnglish(std::string_view w, char th) {
    std::string m;
    for (size_t i = 0; i < w.size(); ++i) {
        char c = w[i];
        char next = i + 1 < w.size() ? w[i + 1] : '\0';
        auto two = [&](char a, char b) { return c == a && next == b; };
        if (two('p', 'h')) {
            m += 'h';
            ++i;
        } else if (two('t', 'h')) {
            m += th;
            ++i;
        } else if (two('c', 'h') || two('c', 'k')) {
            m += 'k';  // Greek ch (chlor-, chemo-), and ck
            ++i;
        } else if (two('s', 'h')) {
            m += 's';
            ++i;
        } else if (c == 'c') {
            m += (next == 'e' || next == 'i' || next == 'y') ? 's' : 'k';
        } else if (c == 'q') {
            m += 'k';
        } else if (c == 'x') {
            m += "ks";
        } else if (c == 'v') {
            m += 'b';
        } else if (c == 'l') {
            m += 'r';
        } else if (c == 'f') {
            m += 'h';
        } else if (c == 'z' || c == 'j') {
            m += 's';
        } else if (c == 'm' && (next == 'b' || next == 'p')) {
            m += 'n';  // katakana writes ン before b and p
        } else if ((c == 'h' && !m.empty() && IsConsonant(m.back())) ||
                   (c == 'r' && next == '\0' && !m.empty() && IsVowel(m.back()))) {
            // Nothing: a silent h after a consonant (rh, gh); a final r after a vowel is a long vowel
            // in katakana (monitor モニター).
        } else {
            m += c;
        }
    }
    return m;
}

}  // namespace

std::vector<std::string> EnglishLoanwordKeys(std::string_view word) {
    std::vector<std::string> out;
    if (word.size() < 5 || !std::all_of(word.begin(), word.end(), IsLetter)) return out;
    for (char th : {'t', 's'}) {
        std::string key = Skeleton(MapEnglish(word, th));
        if (!key.empty() && std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
        if (word.find("th") == std::string_view::npos) break;
    }
    return out;
}

std::string RomajiLoanwordKey(std::string_view romaji) {
    std::string m;
    for (size_t i = 0; i < romaji.size(); ++i) {
        char c = romaji[i];
        char next = i + 1 < romaji.size() ? romaji[i + 1] : '\0';
        if (c == 's' && next == 'h') {
            m += 's';
            ++i;
        } else if ((c == 'c' && next == 'h') || (c == 't' && next == 's')) {
            m += 't';  // チ and ツ write English t (ラクツロース lactulose)
            ++i;
        } else if (c == 'z' || c == 'j') {
            m += 's';
        } else if (c == 'f') {
            m += 'h';
        } else if (c == 'v') {
            m += 'b';
        } else if (c == 'l') {
            m += 'r';
        } else if (IsLetter(c)) {
            m += c;
        }
    }
    return Skeleton(m);
}

}  // namespace renkei::exchange
