// English spelling and derivation rules (morphology.hpp), EDICT's sense structure and what both
// do to the analyzer's terms.
#include "modules/exchange/morphology.hpp"

#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "modules/exchange/analyzer.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::exchange {
namespace {

TEST(ExchangeMorphology, BritishSpellingsBecomeAmerican) {
    struct Case {
        const char* word;
        const char* american;
    } cases[] = {
        {"haemorrhage", "hemorrhage"},
        {"anaemia", "anemia"},
        {"paediatric", "pediatric"},
        {"oesophagus", "esophagus"},
        {"oedema", "edema"},
        {"oestrogen", "estrogen"},
        {"diarrhoea", "diarrhea"},
        {"apnoea", "apnea"},
        {"foetal", "fetal"},
        {"coeliac", "celiac"},
        {"leukaemia", "leukemia"},
        {"ischaemic", "ischemic"},
        {"faecal", "fecal"},
        {"caesarean", "cesarean"},
        {"aetiology", "etiology"},
        {"tumour", "tumor"},
        {"tumours", "tumors"},
        {"behavioural", "behavioral"},
        {"centre", "center"},
        {"fibres", "fibers"},
        {"litre", "liter"},
        {"sterilise", "sterilize"},
        {"catheterisation", "catheterization"},
        {"organised", "organized"},
        {"analyse", "analyze"},
        {"dialysed", "dialyzed"},
        {"catalogue", "catalog"},
        {"travelled", "traveled"},
        {"labelling", "labeling"},
        {"sulphate", "sulfate"},
        {"ageing", "aging"},
        {"aluminium", "aluminum"},
        // words that only look British stay as they are
        {"aerobic", "aerobic"},
        {"four", "four"},
        {"hour", "hour"},
        {"your", "your"},
        {"hours", "hours"},
        {"rise", "rise"},
        {"noise", "noise"},
        {"raise", "raise"},
        {"otherwise", "otherwise"},
        {"incise", "incise"},
        {"excised", "excised"},
        {"advise", "advise"},
        {"revised", "revised"},
        {"swelling", "swelling"},
        {"spelled", "spelled"},
        {"does", "does"},
        {"shoes", "shoes"},
        {"algae", "algae"},
        {"rogue", "rogue"},
        {"analysis", "analysis"},
        {"disease", "disease"},
        {"hemorrhage", "hemorrhage"},
        {"pcr", "pcr"},
        {"covid19", "covid19"},
    };
    for (const auto& c : cases) EXPECT_EQ(AmericanSpelling(c.word), c.american) << c.word;
}

bool Derives(const std::string& word, const std::string& to) {
    auto d = DerivedWords(word);
    return std::find(d.begin(), d.end(), to) != d.end();
}

TEST(ExchangeMorphology, AdjectivesDeriveTheirNouns) {
    struct Case {
        const char* adjective;
        const char* noun;
    } cases[] = {
        {"cirrhotic", "cirrhosis"},   {"necrotic", "necrosis"},      {"thrombotic", "thrombosis"},
        {"hemolytic", "hemolysis"},   {"prosthetic", "prosthesis"},  {"anesthetic", "anesthesia"},
        {"diagnostic", "diagnosis"},  {"septic", "sepsis"},          {"anemic", "anemia"},
        {"hypoxic", "hypoxia"},       {"allergic", "allergy"},       {"endoscopic", "endoscopy"},
        {"pelvic", "pelvis"},         {"pathological", "pathology"}, {"epithelial", "epithelium"},
        {"myocardial", "myocardium"}, {"esophageal", "esophagus"},   {"bacterial", "bacteria"},
        {"vaginal", "vagina"},        {"spinal", "spine"},           {"viral", "virus"},
        {"fungal", "fungus"},         {"muscular", "muscle"},        {"ventricular", "ventricle"},
        {"capsular", "capsule"},      {"molecular", "molecule"},     {"cellular", "cell"},
        {"edematous", "edema"},       {"cancerous", "cancer"},       {"mucous", "mucus"},
        {"biliary", "bile"},          {"urinary", "urine"},          {"salivary", "saliva"},
        {"uterine", "uterus"},        {"ovarian", "ovary"},
    };
    for (const auto& c : cases) EXPECT_TRUE(Derives(c.adjective, c.noun)) << c.adjective << " → " << c.noun;
}

TEST(ExchangeMorphology, LatinAndGreekRootsGiveThePlainWord) {
    struct Case {
        const char* word;
        const char* plain;
    } cases[] = {
        {"renal", "kidney"},
        {"nephrotoxicity", "kidney"},
        {"nephrectomy", "kidney"},
        {"hepatic", "liver"},
        {"hepatocellular", "liver"},
        {"hepatitis", "liver"},
        {"venous", "vein"},
        {"intravenous", "vein"},
        {"phlebitis", "vein"},
        {"arterial", "artery"},
        {"cardiac", "heart"},
        {"pulmonary", "lung"},
        {"cardiopulmonary", "lung"},
        {"gastric", "stomach"},
        {"nasogastric", "stomach"},
        {"cutaneous", "skin"},
        {"subcutaneous", "skin"},
        {"dermatitis", "skin"},
        {"osteoporosis", "bone"},
        {"chondrocyte", "cartilage"},
        {"arthroplasty", "joint"},
        {"ocular", "eye"},
        {"ophthalmic", "eye"},
        {"cerebral", "brain"},
        {"encephalopathy", "brain"},
        {"neuropathy", "nerve"},
        {"hemodialysis", "blood"},
        {"hematoma", "blood"},
        {"vascular", "vessel"},
        {"urinary", "urine"},
        {"fecal", "stool"},
        {"oral", "mouth"},
        {"dental", "tooth"},
        {"nasal", "nose"},
        {"gingival", "gum"},
        {"thoracic", "chest"},
        {"abdominal", "abdomen"},
        {"pediatric", "child"},
        {"neonatal", "newborn"},
        {"geriatric", "elderly"},
        {"postpartum", "childbirth"},
        {"hemorrhagic", "bleeding"},
        {"thrombus", "clot"},
        {"oncology", "cancer"},
        {"carcinoma", "cancer"},
        {"respiratory", "breathing"},
        {"apnea", "breathing"},
        {"stenosis", "narrowing"},
        {"alopecia", "hair"},
        {"pruritus", "itch"},
        {"edema", "swelling"},
        {"dysphagia", "swallowing"},
        {"insomnia", "sleep"},
        {"febrile", "fever"},
        {"antiemetic", "vomiting"},
        {"analgesic", "pain"},
        {"hypothermia", "temperature"},
    };
    for (const auto& c : cases) EXPECT_TRUE(Derives(c.word, c.plain)) << c.word << " → " << c.plain;
}

TEST(ExchangeMorphology, GreekSuffixesNameTheOrganAndWhatIsDone) {
    struct Case {
        const char* word;
        std::vector<std::string> derived;
    } cases[] = {
        {"prostatectomy", {"prostat", "removal"}},
        {"gastritis", {"gastr", "inflammation", "stomach"}},
        {"colostomy", {"stoma"}},
        {"neuralgia", {"pain", "nerve"}},
        {"hematuria", {"urine", "blood"}},
        {"nephrolithiasis", {"stone", "kidney"}},
        {"hepatocytes", {"cell", "liver"}},
    };
    for (const auto& c : cases)
        for (const auto& d : c.derived) EXPECT_TRUE(Derives(c.word, d)) << c.word << " → " << d;
}

TEST(ExchangeMorphology, RootsAreNotFoundInsideUnrelatedWords) {
    struct Case {
        const char* word;
        const char* not_derived;
    } cases[] = {
        {"chemotherapy", "blood"},  // "hemo" only at the start or after a prefix
        {"adrenal", "kidney"},      // "renal" only as a whole word
        {"moral", "mouth"},        {"enterprise", "intestine"}, {"render", "kidney"},
        {"prevent", "vein"},       {"poster", "bone"},          {"ambulance", "breathing"},
    };
    for (const auto& c : cases) EXPECT_FALSE(Derives(c.word, c.not_derived)) << c.word << " ↛ " << c.not_derived;
    EXPECT_TRUE(DerivedWords("pcr").empty());
    EXPECT_TRUE(DerivedWords("the").empty());
    auto d = DerivedWords("renal");
    EXPECT_EQ(std::count(d.begin(), d.end(), "renal"), 0) << "the word itself is not derived";
}

TEST(ExchangeMorphology, LoanwordKeysMeetAcrossScripts) {
    // English stems and the romaji ICU's Katakana-Latin gives for the katakana of the same word.
    struct Case {
        const char* english;
        const char* romaji;
    } cases[] = {
        {"clarithromycin", "kurarisuromaishin"},
        {"metronidazol", "metoronidazōru"},
        {"lactulos", "rakutsurōsu"},
        {"rifaximin", "rifakishimin"},
        {"vonoprazan", "bonopurazan"},
        {"amoxicillin", "amokishishirin"},
        {"trastuzumab", "torasutsuzumabu"},
        {"troponin", "toroponin"},
        {"clopidogrel", "kuropidogureru"},
        {"fidaxomicin", "fidakisomaishin"},
        {"anthracyclin", "antorasaikurin"},
        {"vancomycin", "bankomaishin"},
        {"taxan", "takisan"},
        {"prasugrel", "purasugureru"},
    };
    for (const auto& c : cases) {
        auto keys = EnglishLoanwordKeys(c.english);
        std::string romaji = RomajiLoanwordKey(c.romaji);
        EXPECT_FALSE(romaji.empty()) << c.romaji;
        EXPECT_NE(std::find(keys.begin(), keys.end(), romaji), keys.end()) << c.english << " / " << c.romaji;
    }
    struct Apart {
        const char* english;
        const char* romaji;
    } apart[] = {{"clarithromycin", "bankomaishin"}, {"troponin", "toromubin"}, {"lactulos", "rakutōsu"}};
    for (const auto& c : apart) {
        auto keys = EnglishLoanwordKeys(c.english);
        EXPECT_EQ(std::find(keys.begin(), keys.end(), RomajiLoanwordKey(c.romaji)), keys.end())
            << c.english << " / " << c.romaji;
    }
    EXPECT_TRUE(EnglishLoanwordKeys("sepsis").empty()) << "fewer than four consonants: no key";
    EXPECT_EQ(RomajiLoanwordKey("sensā"), "") << "fewer than four consonants: no key";
    EXPECT_TRUE(EnglishLoanwordKeys("pcr2").empty());
}

// ---- EDICT's sense structure, on a small dictionary in EDICT's own format and encoding ----

std::string WriteEucJp(const std::string& utf8) {
    auto path = std::filesystem::temp_directory_path() / ("renkei-edict-test-" + std::to_string(::getpid()));
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    std::string bytes(static_cast<size_t>(u.extract(0, u.length(), nullptr, 0, "EUC-JP")), '\0');
    u.extract(0, u.length(), bytes.data(), static_cast<uint32_t>(bytes.size()), "EUC-JP");
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

TEST(ExchangeEdict, SensesCommonWordsAndKanaForms) {
    std::string path = WriteEucJp(
        "　？？？ /EDICT header/\n"
        "腰 [こし] /(ctr) (1) (arch) counter for swords worn around the waist/(ctr) (2) (arch) counter for quivers/\n"
        "腰 [こし] /(n) (1) lower back/waist/hips/lumbar region/(n) (2) body (of hair, noodle, paper, etc.)/(P)/\n"
        "目 [もく] /(n) (1) (biol) order/(n) (2) item (of a budget revision, etc.)/\n"
        "目 [め] /(n) (1) eye/eyeball/(n) (2) eyesight/sight/vision/(P)/\n"
        "便 [べん] /(n,adj-na) (1) convenience/service/(n) (2) (med) excreta/stool/\n"
        "肝硬変 [かんこうへん] /(n) cirrhosis of the liver/(P)/\n"
        "浮腫 [むくみ] /(n) (med) (uk) swelling/edema/oedema/\n"
        "肝性脳症 [かんせいのうしょう] /(n) hepatic encephalopathy/\n"
        "脳 [のう] /(n) (1) brain/(n) (2) brains/mind/(P)/\n"
        "長い説明 [ながいせつめい] /(n) a gloss that is far too long to be a word at all/\n");
    Edict edict;
    ASSERT_TRUE(edict.Load(path));
    std::filesystem::remove(path);
    auto glosses = [&](const char* word) {
        const auto* g = edict.Glosses(text::SearchKey(word));
        return g ? *g : std::vector<std::string>{};
    };
    auto has = [](const std::vector<std::string>& v, const char* s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    struct Case {
        const char* word;
        std::vector<const char*> present, absent;
    } cases[] = {
        {"腰", {"lower", "waist", "hip"}, {"sword", "counter", "quiver", "bodi"}},  // archaic counters skipped
        {"目", {"eye", "eyebal"}, {"order", "item"}},  // the common entry of a shared head wins
        {"便", {"conveni", "excreta", "stool"}, {}},   // a (med) sense is kept
        {"肝硬変", {"cirrhosi", "liver"}, {}},         // content words, not all words
        {"むくみ", {"swell", "edema"}, {}},            // the kana a lay person writes
        {"浮腫", {"swell", "edema"}, {}},
        {"肝性脳症", {"hepat", "encephalopathi", "liver", "brain"}, {}},  // plain words of Latin glosses
        {"長い説明", {}, {"gloss", "word"}},
    };
    for (const auto& c : cases) {
        auto g = glosses(c.word);
        for (const char* s : c.present) EXPECT_TRUE(has(g, s)) << c.word << " has " << s;
        for (const char* s : c.absent) EXPECT_FALSE(has(g, s)) << c.word << " has no " << s;
    }
    EXPECT_TRUE(edict.KnowsStem("kidney") == false) << "only this dictionary's words";
    EXPECT_TRUE(edict.KnowsStem("cirrhosi"));
}

// ---- what the analyzer makes of it (the shipped analyzer, with the system's EDICT) ----

bool ShareWord(const std::string& a, const std::string& b) {
    std::map<std::string, double> ta, tb;
    SharedAnalyzer().Analyze(a, 1, ta);
    SharedAnalyzer().Analyze(b, 1, tb);
    for (const auto& [t, w] : ta)
        if (t[0] == 'W' && tb.count(t)) return true;
    return false;
}

TEST(ExchangeAnalyzer, LatinAdjectivesMeetPlainEnglishAndJapanese) {
    if (SharedAnalyzer().edict_size() == 0) GTEST_SKIP() << "EDICT is not installed";
    struct Case {
        const char* a;
        const char* b;
    } cases[] = {
        {"renal function", "kidney transplant"},   {"腎臓が心配", "renal injury"},
        {"hepatic encephalopathy", "肝臓の病気"},  {"venous access", "vein finder"},
        {"cirrhotic patients", "liver cirrhosis"}, {"haemorrhage", "hemorrhage control"},
        {"paediatric ward", "pediatric"},          {"bacterial load", "bacteria"},
        {"urinary retention", "尿検査"},           {"prostatectomy", "前立腺"},
    };
    for (const auto& c : cases) EXPECT_TRUE(ShareWord(c.a, c.b)) << c.a << " / " << c.b;
    EXPECT_FALSE(ShareWord("chemotherapy", "blood test")) << "chemo is not hemo";
}

TEST(ExchangeAnalyzer, LayVerbsMeetTheirEnglish) {
    if (SharedAnalyzer().edict_size() == 0) GTEST_SKIP() << "EDICT is not installed";
    struct Case {
        const char* ja;
        const char* en;
    } cases[] = {
        {"手が震える", "trembling hands"},
        {"尿が漏れる", "the catheter leaks"},
        {"テープで皮がむける", "the tape peels the epidermis"},
    };
    for (const auto& c : cases) EXPECT_TRUE(ShareWord(c.ja, c.en)) << c.ja << " / " << c.en;
}

bool ShareLoanword(const std::string& a, const std::string& b) {
    std::map<std::string, double> ta, tb;
    SharedAnalyzer().Analyze(a, 1, ta);
    SharedAnalyzer().Analyze(b, 1, tb);
    for (const auto& [t, w] : ta)
        if (t[0] == 'P' && tb.count(t)) return true;
    return false;
}

TEST(ExchangeAnalyzer, KatakanaDrugNamesMeetTheirEnglish) {
    if (SharedAnalyzer().edict_size() == 0) GTEST_SKIP() << "EDICT is not installed";
    struct Case {
        const char* ja;
        const char* en;
        bool share;
    } cases[] = {
        {"クラリスロマイシン耐性", "clarithromycin resistance", true},
        {"ﾒﾄﾛﾆﾀﾞｿﾞｰﾙに変更", "switch to metronidazole", true},
        {"トラスツズマブの心毒性", "trastuzumab cardiotoxicity", true},
        {"アモキシシリン", "vancomycin", false},
    };
    for (const auto& c : cases) EXPECT_EQ(ShareLoanword(c.ja, c.en), c.share) << c.ja << " / " << c.en;
}

// The index's build analyses on every core and requests analyse side by side: each thread stems
// as one thread alone does (a stemmer shared between threads garbled words and the heap).
TEST(ExchangeAnalyzer, ThreadsStemAsOneThreadDoes) {
    const std::vector<std::string> roots = {"haemorrhag", "cardiolog", "nephrolog", "catheteris", "ulcerat",
                                            "transplant", "inflammat", "vasculari", "oxygenat",   "paediatric"};
    const std::vector<std::string> endings = {"ing", "ed", "ation", "ational", "ically", "ness", "ities", "ised"};
    std::vector<std::string> words;
    for (int i = 0; i < 6000; ++i) {
        std::string infix;  // letters only: a word with a digit is not stemmed
        for (int n = i; n > 0; n /= 26) infix += static_cast<char>('a' + n % 26);
        words.push_back(roots[i % roots.size()] + infix + endings[(i / 7) % endings.size()]);
    }
    std::vector<std::string> expected;
    expected.reserve(words.size());
    for (const auto& w : words) expected.push_back(SharedAnalyzer().Stem(w));
    constexpr int threads_count = 4;
    std::vector<int> wrong(threads_count, 0);
    std::vector<std::thread> threads;
    threads.reserve(threads_count);
    for (int t = 0; t < threads_count; ++t)
        threads.emplace_back([&, t] {
            // Each thread its own order, so that the threads stem different words at once.
            for (size_t k = 0; k < words.size(); ++k) {
                size_t i = (k * (2 * t + 1) + static_cast<size_t>(t) * 977) % words.size();
                if (SharedAnalyzer().Stem(words[i]) != expected[i]) ++wrong[t];
            }
        });
    for (auto& th : threads) th.join();
    for (int t = 0; t < threads_count; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
    EXPECT_EQ(SharedAnalyzer().Stem("haemorrhaging"), SharedAnalyzer().Stem("hemorrhage"));
}

// Every thread analyses a text as the first one did: the index is filled by a pool of threads and
// queries are analysed on the server's, and a need must meet the same seeds whichever thread read it.
TEST(ExchangeAnalyzer, ThreadsAnalyseAsOneThreadDoes) {
    const std::vector<std::string> texts = {
        "褥瘡の被覆材をはがすと痛い。被覆材をはがすときに皮膚が傷つく。シリコーン粘着材を検討したい。",
        "シリコーン粘着材の被覆材。褥瘡向けの低刺激シリコーン粘着材。はがすときの痛みが少ない。",
        "褥瘡のハイドロゲル被覆材。褥瘡の被覆材としてのハイドロゲル。",
        "The tape peels the epidermis of elderly patients; haemorrhage control after catheterisation.",
        "腸内細菌叢の解析サービス。便検体からの菌叢解析を受託します。",
    };
    std::vector<std::map<std::string, double>> expected(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) SharedAnalyzer().Analyze(texts[i], 1.0, expected[i]);
    constexpr int threads_count = 4;
    std::vector<std::string> wrong(threads_count);
    std::vector<std::thread> threads;
    threads.reserve(threads_count);
    for (int t = 0; t < threads_count; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round)
                for (size_t i = 0; i < texts.size(); ++i) {
                    size_t k = (i + static_cast<size_t>(t)) % texts.size();
                    std::map<std::string, double> terms;
                    SharedAnalyzer().Analyze(texts[k], 1.0, terms);
                    if (terms != expected[k] && wrong[t].empty()) {
                        for (const auto& [term, w] : expected[k])
                            if (!terms.count(term)) wrong[t] += " -" + term;
                        for (const auto& [term, w] : terms)
                            if (!expected[k].count(term)) wrong[t] += " +" + term;
                        if (wrong[t].empty()) wrong[t] = " (weights differ)";
                        wrong[t] = "text " + std::to_string(k) + ":" + wrong[t];
                    }
                }
        });
    for (auto& th : threads) th.join();
    for (int t = 0; t < threads_count; ++t) EXPECT_EQ(wrong[t], "") << "thread " << t;
}

}  // namespace
}  // namespace renkei::exchange
