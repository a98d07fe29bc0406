// Pure rules of the exchange and its text analysis: visibility, meeting slots, normalisation,
// concepts across languages and abbreviations.
#include "modules/exchange/model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <thread>

#include "modules/exchange/analyzer.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::exchange {
namespace {

// Every status and kind reads back from its own text, no two share a text, and the texts are
// those of the API and the database.
template <typename E>
std::vector<std::string_view> TextsReadBack() {
    std::vector<std::string_view> texts;
    for (const auto& [value, text] : TextsOf(E{})) {
        EXPECT_EQ(Text(value), text);
        EXPECT_EQ(FromText<E>(text), value) << text;
        EXPECT_EQ(std::count(texts.begin(), texts.end(), text), 0) << "duplicate text " << text;
        texts.push_back(text);
    }
    EXPECT_EQ(FromText<E>(""), std::nullopt);
    EXPECT_EQ(FromText<E>("Open"), std::nullopt);
    return texts;
}

TEST(ExchangeEnums, EachValueHasOneTextThatReadsBack) {
    using V = std::vector<std::string_view>;
    EXPECT_EQ(TextsReadBack<NeedStatus>(), (V{"draft", "open", "closed"}));
    EXPECT_EQ(TextsReadBack<SeedStatus>(), (V{"draft", "open", "withdrawn"}));
    EXPECT_EQ(TextsReadBack<SeedKind>(), (V{"material", "technology", "device", "data", "method", "theme"}));
    EXPECT_EQ(TextsReadBack<IntroductionStatus>(), (V{"requested", "accepted", "declined"}));
    EXPECT_EQ(TextsReadBack<Outcome>(), (V{"no_follow_up", "project_proposal", "project_started"}));
}

// Tiered disclosure: one table of viewers × items → what each viewer gets.
TEST(ExchangeDisclosure, OneDecisionForEveryViewerAndItem) {
    using D = Disclosure;
    Viewer author{"author", false, {"keio"}};
    Viewer colleague{"colleague", false, {"keio"}};        // the owner's organisation tree
    Viewer covered{"researcher", false, {"jsr", "keio"}};  // own company + an NDA in force with keio
    Viewer outsider{"researcher2", false, {"jsr"}};        // another organisation, no NDA
    Viewer office{"office", true, {}};
    Viewer nobody{"", false, {}};
    // An NDA with the university asked for from one need: that need alone.
    Viewer asked{"researcher3", false, {"jsr"}, {"need:n1"}};
    ItemFacts need{"author", true, false, true, true, std::string("keio"), true, "need:n1"};
    ItemFacts other_need = need;
    other_need.key = "need:n2";
    ItemFacts need_no_teaser = need;
    need_no_teaser.has_teaser = false;
    ItemFacts public_need = need;
    public_need.confidential = false;
    ItemFacts draft_need = need;
    draft_need.draft = true;
    ItemFacts seed{"author", true, false, false, true, std::string("keio"), true};
    ItemFacts withdrawn_seed = seed;
    withdrawn_seed.open = false;
    ItemFacts orphan = need;  // confidential without an organisation: nobody outside is covered
    orphan.company.reset();
    struct Row {
        const char* name;
        const Viewer& viewer;
        const ItemFacts& item;
        D want;
    };
    const Row rows[] = {
        {"author sees own confidential need", author, need, D::kFull},
        {"author sees own draft", author, draft_need, D::kFull},
        {"author sees own withdrawn seed", author, withdrawn_seed, D::kFull},
        {"same organisation: details", colleague, need, D::kFull},
        {"covered by an NDA in force: details", covered, need, D::kFull},
        {"outsider: teaser", outsider, need, D::kTeaser},
        {"outsider, no teaser: nothing", outsider, need_no_teaser, D::kNone},
        {"outsider, public need: details", outsider, public_need, D::kFull},
        {"office: a need's details", office, need, D::kFull},
        {"office: a need without teaser", office, need_no_teaser, D::kFull},
        {"office: a seed is a company's, teaser", office, seed, D::kTeaser},
        {"office: draft need", office, draft_need, D::kFull},
        {"colleague: draft need is the author's", colleague, draft_need, D::kNone},
        {"outsider: seed teaser", outsider, seed, D::kTeaser},
        {"covered: seed details", covered, seed, D::kFull},
        {"withdrawn seed: nothing, not even the teaser", outsider, withdrawn_seed, D::kNone},
        {"withdrawn seed: the colleague neither", colleague, withdrawn_seed, D::kNone},
        {"no organisation: teaser only", colleague, orphan, D::kTeaser},
        {"an NDA asked for from the need: its details", asked, need, D::kFull},
        {"the same NDA: not the university's other needs", asked, other_need, D::kTeaser},
        {"an item opened alone without a teaser: details", asked, need_no_teaser, D::kFull},
        {"an empty person id is nobody's author", nobody, ItemFacts{"", true, false, true, true, std::nullopt, false},
         D::kNone},
    };
    for (const auto& r : rows) EXPECT_EQ(DisclosureFor(r.viewer, r.item), r.want) << r.name;
}

TEST(ExchangeDisclosure, FactsOfNeedsAndSeedsFeedTheSameDecision) {
    Need n;
    n.author_id = "doc";
    n.company_id = "keio";
    n.confidential = true;
    Viewer outsider{"x", false, {"jsr"}};
    EXPECT_EQ(DisclosureFor(outsider, n), Disclosure::kNone) << "no teaser yet: hidden, as before";
    n.teaser.title_ja = "低侵襲な治療";
    EXPECT_EQ(DisclosureFor(outsider, n), Disclosure::kTeaser);
    EXPECT_TRUE(CanSeeNeed(outsider, n));
    n.status = NeedStatus::kDraft;
    EXPECT_FALSE(CanSeeNeed(outsider, n));
    Seed s;
    s.author_id = "co";
    s.company_id = "jsr";
    s.confidential = true;
    s.teaser.title_ja = "新素材";
    EXPECT_EQ(DisclosureFor(Viewer{"c", false, {"keio"}}, s), Disclosure::kTeaser);
    s.status = SeedStatus::kDraft;
    EXPECT_EQ(DisclosureFor(Viewer{"c", false, {"keio"}}, s), Disclosure::kNone);
}

// A redacted item holds nothing of the hidden text, and its JSON holds only the teaser.
TEST(ExchangeDisclosure, RedactedItemsCarryOnlyTheTeaser) {
    Need n;
    n.id = "n1";
    n.author_id = "doc";
    n.author_name_ja = "秘密 太郎";
    n.organisation_id = "cardio";
    n.company_id = "keio";
    n.confidential = true;
    n.title = "HIDDENTITLE";
    n.problem = "HIDDENPROBLEM";
    n.current_practice = "HIDDENPRACTICE";
    n.patients = "HIDDENPATIENTS";
    n.desired_outcome = "HIDDENOUTCOME";
    n.tags = {"HIDDENTAG"};
    n.area = "microbiome";
    n.teaser = Teaser{"公開タイトル", "Public title", "公開の説明", "medical_device", "診断"};
    Need r = Redact(n);
    EXPECT_TRUE(r.teaser_only);
    EXPECT_EQ(r.title, "公開タイトル");
    EXPECT_EQ(r.area, "medical_device") << "the teaser's area, not the hidden one";
    std::string text = boost::json::serialize(boost::json::value_from(r));
    for (const char* hidden : {"HIDDEN", "秘密", "cardio", "doc", "microbiome"})
        EXPECT_EQ(text.find(hidden), std::string::npos) << hidden << " in " << text;
    EXPECT_NE(text.find("\"disclosure\":\"teaser\""), std::string::npos) << text;
    Seed s;
    s.id = "s1";
    s.author_id = "co";
    s.title = "HIDDENSEED";
    s.description = "HIDDENDESC";
    s.capabilities = {"HIDDENCAP"};
    s.confidential = true;
    s.teaser.title_ja = "公開";
    std::string seed_text = boost::json::serialize(boost::json::value_from(Redact(s)));
    EXPECT_EQ(seed_text.find("HIDDEN"), std::string::npos) << seed_text;
    EXPECT_EQ(seed_text.find("\"co\""), std::string::npos) << seed_text;
}

TEST(ExchangeVisibility, ConfidentialSeedOnlyForItsCompanyAndGrantHolders) {
    Seed s;
    s.author_id = "author";
    s.company_id = "jsr";
    s.confidential = true;
    Viewer outsider{"someone", false, {"other"}};
    Viewer colleague{"colleague", false, {"jsr"}};
    Viewer office{"office", true, {}};
    EXPECT_FALSE(CanSeeSeed(outsider, s));
    EXPECT_TRUE(CanSeeSeed(colleague, s));
    EXPECT_FALSE(CanSeeSeed(office, s)) << "the office records grants; it is not covered by them";
    s.confidential = false;
    EXPECT_TRUE(CanSeeSeed(outsider, s));
    s.status = SeedStatus::kWithdrawn;
    EXPECT_FALSE(CanSeeSeed(outsider, s));
    EXPECT_TRUE(CanSeeSeed(Viewer{"author", false, {}}, s));
}

TEST(ExchangeVisibility, DraftNeedForAuthorAndOffice) {
    Need n;
    n.author_id = "doc";
    n.status = NeedStatus::kDraft;
    EXPECT_TRUE(CanSeeNeed(Viewer{"doc", false, {}}, n));
    EXPECT_TRUE(CanSeeNeed(Viewer{"office", true, {}}, n));
    EXPECT_FALSE(CanSeeNeed(Viewer{"other", false, {}}, n));
}

TEST(ExchangeMeetings, ProposesWeekdaysInTokyoBusinessHours) {
    // Friday 2026-11-27 12:00 JST → Monday 30th 10:00, Tuesday 1st 15:00, Wednesday 2nd 10:00 JST.
    auto slots = ProposedMeetingSlots(*ParseRfc3339("2026-11-27T03:00:00Z"), 3);
    ASSERT_EQ(slots.size(), 3u);
    EXPECT_EQ(FormatUtc(slots[0]), "2026-11-30T01:00:00Z");
    EXPECT_EQ(FormatUtc(slots[1]), "2026-12-01T06:00:00Z");
    EXPECT_EQ(FormatUtc(slots[2]), "2026-12-02T01:00:00Z");
}

bool SharesConcept(const std::string& a, const std::string& b) {
    std::map<std::string, double> ta, tb;
    SharedAnalyzer().Analyze(a, 1, ta);
    SharedAnalyzer().Analyze(b, 1, tb);
    for (const auto& [t, w] : ta)
        if (t[0] == 'C' && tb.count(t)) return true;
    return false;
}

TEST(ExchangeAnalyzer, ConceptsMeetAcrossWordsScriptsAndLanguages) {
    struct Case {
        const char* a;
        const char* b;
    };
    for (const auto& c : std::vector<Case>{{"床ずれが治らない", "褥瘡の管理"},
                                           {"床ずれ", "pressure ulcers in the ICU"},
                                           {"カテ感染がまた出た", "CLABSI prevention"},
                                           {"ｶﾃｰﾃﾙ", "catheter"},
                                           {"ＰＣＲで同定", "multiplex pcr panel"},
                                           {"いびきがひどい", "obstructive sleep apnoea"}})
        EXPECT_TRUE(SharesConcept(c.a, c.b)) << c.a << " / " << c.b;
    EXPECT_FALSE(SharesConcept("カテゴリー分類", "catheter")) << "カテ inside a longer katakana word is not カテ";
}

TEST(ExchangeAnalyzer, WidthAndCaseFoldToTheSameWords) {
    std::map<std::string, double> a, b;
    SharedAnalyzer().Analyze("ＰＣＲ検査", 1, a);
    SharedAnalyzer().Analyze("pcr検査", 1, b);
    EXPECT_EQ(a, b);
    std::map<std::string, double> en;
    SharedAnalyzer().Analyze("Dressings", 1, en);
    EXPECT_TRUE(en.count("Wdress")) << "English words are stemmed";
}

// The office adds synonyms while searches run: a search holds a snapshot of the dictionary, which
// a replacement never frees under it (run under ASan: RENKEI_SANITIZE=ON, the debug preset).
TEST(ExchangeAnalyzer, ReplacingTheDictionaryWhileItIsReadFreesNothingInUse) {
    Analyzer analyzer;
    std::atomic<bool> stop{false};
    std::atomic<long> lookups{0};
    std::vector<std::thread> readers;
    readers.reserve(3);
    for (int r = 0; r < 3; ++r)
        readers.emplace_back([&] {
            while (!stop) {
                auto dictionary = analyzer.dictionary();
                for (const Concept* c : dictionary->Lookup(text::SearchKey("褥瘡"), 20)) ASSERT_FALSE(c->id.empty());
                std::map<std::string, double> weights;
                analyzer.Analyze("褥瘡の浸出液 pressure ulcer", 1, weights);
                ++lookups;
            }
        });
    for (int i = 0; i < 200; ++i)
        analyzer.SetExtraConcepts(
            {Concept{"office" + std::to_string(i), "", "", {"テスト用語" + std::to_string(i), "褥瘡パッド"}}});
    while (lookups < 50) std::this_thread::yield();
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_NE(analyzer.dictionary()->Find("office199"), nullptr);
    EXPECT_EQ(analyzer.dictionary()->Find("office198"), nullptr)
        << "each replacement is the shipped list plus the given extras";
}

// A rebuild for the office's new concepts keeps every other term of a text it analysed before and
// finds only the concepts again: that is right only if the concepts are the sole terms the
// dictionary decides, and AnalyzeConcepts finds exactly Analyze's.
TEST(ExchangeAnalyzer, OnlyConceptTermsDependOnTheDictionary) {
    Analyzer analyzer;
    auto split = [](const std::map<std::string, double>& all) {
        std::pair<std::map<std::string, double>, std::map<std::string, double>> out;  // concepts, the rest
        for (const auto& [t, w] : all) (t[0] == 'C' ? out.first : out.second)[t] = w;
        return out;
    };
    const std::vector<std::string> texts = {
        "床ずれが治らない。夜勤の看護師が体位変換を二時間ごとにしている",
        "Wound dressing that signals moisture; pressure ulcers in the ICU (CLABSI too)",
        "ｶﾃｰﾃﾙの固定テープでかぶれる患者が多い。テガダームは高い",
        "ぐらぐらする歯と歯周病の早期発見、唾液で測れないか",
    };
    int new_concepts = 0;
    for (const auto& text : texts) {
        std::map<std::string, double> before, after, concepts;
        analyzer.SetExtraConcepts({});
        analyzer.Analyze(text, 1.5, before);
        analyzer.SetExtraConcepts({Concept{"office_fixing", "", "", {"固定テープ", "体位変換", "dressing"}},
                                   Concept{"office_perio", "", "", {"歯周病", "唾液"}}});
        analyzer.Analyze(text, 1.5, after);
        analyzer.AnalyzeConcepts(text, 1.5, concepts);
        EXPECT_EQ(split(before).second, split(after).second) << text;
        EXPECT_EQ(split(after).first, concepts) << text;
        new_concepts += static_cast<int>(concepts.count("Coffice_fixing") + concepts.count("Coffice_perio"));
    }
    EXPECT_EQ(new_concepts, 4) << "each text but the second's ICU mentions an office concept (the test sees a change)";
}

TEST(ExchangeReasons, OnlyConceptsAndContentWordsAreReasons) {
    struct Case {
        const char* label;
        bool reason;
    } cases[] = {
        {"褥瘡", true},  {"ドレッシング材", true}, {"浸出液", true}, {"pressure ulcer", true},
        {"CT", true},    {"おむつ", true},         {"ゲル", true},   {"医療", false},
        {"研究", false}, {"Medical", false},       {"ｼｽﾃﾑ", false},  {"多い", false},
        {"貼り", false}, {"少なく", false},        {"こと", false},  {"床", false},
        {"3", false},    {"2024", false},          {"", false},
    };
    for (const auto& c : cases) EXPECT_EQ(IsReasonLabel(c.label), c.reason) << c.label;
}

TEST(ExchangeReasons, VerbsAndAdjectivesGetNoLabelNounsDo) {
    std::map<std::string, double> terms;
    const auto& a = SharedAnalyzer();
    a.Analyze("浸出液が多く、皮膚に貼りやすいドレッシング材が欲しい", 1, terms);
    std::set<std::string> labels;
    for (const auto& [term, weight] : terms)
        if (term[0] == 'W') labels.insert(a.Label(term, "ja"));
    EXPECT_TRUE(labels.count("皮膚")) << "a noun is labelled as written";
    EXPECT_TRUE(labels.count("ドレッシング材")) << "so is a compound of nouns";
    for (const char* verb_or_adjective : {"貼り", "貼る", "多く", "多い", "欲しい"})
        EXPECT_FALSE(labels.count(verb_or_adjective)) << verb_or_adjective;
}

TEST(ExchangeReasons, ACompoundOfGenericWordsIsNoReason) {
    std::map<std::string, double> terms;
    const auto& a = SharedAnalyzer();
    a.Analyze("医療現場の課題", 1, terms);
    for (const auto& [term, weight] : terms) {
        if (term[0] == 'W') {
            EXPECT_NE(a.Label(term, "ja"), "医療現場") << term;
        }
    }
}

}  // namespace
}  // namespace renkei::exchange
