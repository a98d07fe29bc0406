// Demo surveys (issue 18): the paper's survey of 111 doctors (§3) as a finished, imported survey
// holding only what the paper publishes (40 % had an idea they wanted to commercialise; the reasons
// it names come without figures), and an open survey about the centre's services sent to the
// clinicians, two of whom have answered. Through the surveys' services, as the office would.
#include <string>

#include "app/demo_support.hpp"
#include "modules/surveys/service.hpp"

namespace renkei::app {
namespace {

surveys::Option Opt(const char* ja, const char* en, std::optional<int> jump = std::nullopt) {
    return surveys::Option{ja, en, jump};
}

}  // namespace

void LoadSurveysDemo(db::Tx& tx, Seconds now) {
    using std::chrono::days;
    using surveys::QuestionKind;
    auto office = DemoPerson(tx, "nakamura.yumi@renkei.example");

    // The paper's survey (§3): a web survey of the School of Medicine's doctors and graduates, 111
    // answers, all doctors. Published: 40 % have an idea they are considering commercialising. The
    // paper names what holds them back but gives no figures for it: those options carry none.
    {
        surveys::SurveyInput in;
        in.title_ja = "医学系研究者の企業との共同研究に関する意識調査";
        in.title_en = "Medical researchers on joint research with companies";
        in.description_ja =
            "慶應義塾大学医学部の医師及び卒業生を対象とした WEB アンケート（回答 111 名、全員医師）。"
            "論文に公表された割合のみを収録しています。公表されていない項目は「公表値なし」と表示します。";
        in.description_en =
            "A web survey of the School of Medicine's doctors and graduates (111 answers, all doctors). Only the "
            "proportions the paper publishes are kept; items without a published figure say so.";
        surveys::Question idea;
        idea.kind = QuestionKind::kSingle;
        idea.text_ja = "事業化を考えているアイデア等の有無";
        idea.text_en = "Do you have an idea you are considering commercialising?";
        idea.options = {Opt("有", "Yes"), Opt("無", "No")};
        surveys::Question obstacles;
        obstacles.kind = QuestionKind::kMultiple;
        obstacles.text_ja = "企業と連携してアイデアの実現を目指すうえでの障壁";
        obstacles.text_en = "What stands in the way of realising an idea with a company";
        obstacles.options = {Opt("サポート体制の不足", "Too little support"),
                             Opt("研究者自身の多忙さ", "Researchers' own lack of time"),
                             Opt("企業と共同研究の相談をするネットワークの不足",
                                 "No network for discussing joint research with companies"),
                             Opt("利益相反の心配", "Worry about conflicts of interest"),
                             Opt("倫理審査等の事務的なサポート体制の不足",
                                 "Too little administrative support for ethics review and the like")};
        in.questions = {idea, obstacles};
        surveys::ImportedResults imported;
        imported.sample_size = 111;
        imported.conducted = "";  // the paper does not say when it was run
        imported.citation_ja =
            "仁賀建夫・清水喬雄「産学医連携の新しいモデルについて－JSR・慶應義塾大学医学化学イノベーションセンター－」"
            "§3（調査の原典: 仁賀建夫ほか、研究・技術計画学会 第28回年次学術大会 2E14）";
        imported.citation_en =
            "Niga T., Shimizu T., \"A new model of industry-academia-medicine collaboration: the JSR-Keio University "
            "Medical and Chemical Innovation Center\", §3 (survey first reported by Niga T. et al., 28th annual "
            "conference of the Japan Society for Research Policy and Innovation Management, 2E14)";
        imported.results = {{{std::nullopt, 40.0}, {std::nullopt, std::nullopt}},
                            std::vector<surveys::ImportedOption>(5)};
        in.imported = imported;
        surveys::CreateSurvey(tx, office, in, now - days{60});
    }

    // An open survey of the centre's services, sent to the clinicians three days ago.
    {
        surveys::SurveyInput in;
        in.title_ja = "連携センターのサービスに関するアンケート";
        in.title_en = "The centre's services: a short survey";
        in.description_ja = "センターの支援を改善するため、5 分ほどでお答えいただけるアンケートにご協力ください。";
        in.description_en = "Five minutes to help the centre improve its support.";
        surveys::Question used;
        used.kind = QuestionKind::kSingle;
        used.required = true;
        used.text_ja = "この 1 年間に連携センターの支援を利用しましたか";
        used.text_en = "Have you used the centre's support in the past year?";
        used.options = {Opt("利用した", "Yes"), Opt("利用していない", "No", 3)};
        surveys::Question useful;
        useful.kind = QuestionKind::kMultiple;
        useful.max_choices = 2;
        useful.text_ja = "役に立った支援（2 つまで）";
        useful.text_en = "Which support helped most (up to two)?";
        useful.options = {Opt("契約・倫理審査の手続き支援", "Contracts and ethics review paperwork"),
                          Opt("利益相反の相談", "Conflict-of-interest advice"),
                          Opt("知財の相談", "Intellectual property advice"),
                          Opt("企業との面談の調整", "Arranging meetings with companies"),
                          Opt("共同研究スペースの予約", "Booking joint research space")};
        surveys::Question satisfied;
        satisfied.kind = QuestionKind::kScale;
        satisfied.text_ja = "センターの支援への満足度";
        satisfied.text_en = "How satisfied are you with the centre's support?";
        satisfied.scale_min = 1;
        satisfied.scale_max = 5;
        satisfied.min_label_ja = "不満";
        satisfied.min_label_en = "Dissatisfied";
        satisfied.max_label_ja = "満足";
        satisfied.max_label_en = "Satisfied";
        surveys::Question wishes;
        wishes.kind = QuestionKind::kText;
        wishes.text_ja = "ご要望・ご意見";
        wishes.text_en = "Requests and comments";
        in.questions = {used, useful, satisfied, wishes};
        in.audience_roles = {"clinician"};
        in.results_to_respondents = true;
        in.closes_on = TokyoDate(now + days{14});
        auto sent = now - days{3};
        auto s = surveys::CreateSurvey(tx, office, in, sent - days{1});
        surveys::SendSurvey(tx, office, s.survey.id, sent);

        auto answer = [](int c) {
            surveys::Answer a;
            a.choice = c;
            return std::optional<surveys::Answer>(a);
        };
        surveys::Answers tanaka{
            answer(0), surveys::Answer{std::nullopt, {0, 3}, std::nullopt, ""},
            surveys::Answer{std::nullopt, {}, 4, ""},
            surveys::Answer{std::nullopt, {}, std::nullopt, "倫理審査の締切を早めに知らせていただけると助かります。"}};
        surveys::Respond(tx, DemoPerson(tx, "tanaka.kenji@renkei.example"), s.survey.id, tanaka, sent + days{1});
        surveys::Answers kato{
            answer(1), std::nullopt, std::nullopt,
            surveys::Answer{std::nullopt, {}, std::nullopt, "外来の合間に相談できる時間帯があると利用しやすいです。"}};
        surveys::Respond(tx, DemoPerson(tx, "kato.sakura@renkei.example"), s.survey.id, kato, sent + days{2});
    }
}

}  // namespace renkei::app
