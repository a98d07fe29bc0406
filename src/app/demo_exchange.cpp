// The demo exchange (研究創出): clinical needs written the way clinicians write them (short,
// colloquial, abbreviations), seeds and research themes of the company researchers (JSR:
// materials, polymers, bioprocess, diagnostics; Shinanomachi Meditech: devices), two
// confidential seeds, one confidential need with its teaser (tiered disclosure), expertise
// profiles, one confidentiality grant and a few introductions.
// Everything goes through the exchange service, as the API would.
#include <chrono>
#include <map>
#include <set>

#include "modules/exchange/service.hpp"
#include "modules/people/service.hpp"

namespace renkei::app {
namespace {

using namespace std::chrono;

auth::Principal DemoPrincipal(db::Tx& tx, const std::string& login, std::set<std::string> roles) {
    auto p = people::FindPersonByEmail(tx, login + "@renkei.example");
    return {p ? p->id : "", "", std::move(roles), "ja"};
}

struct DemoNeed {
    const char* key;
    const char* author;
    const char* title;
    const char* problem;
    const char* current_practice;
    const char* patients;
    const char* desired_outcome;
    const char* area;
    std::vector<std::string> tags;
    const char* status;
};

const std::vector<DemoNeed>& Needs() {
    static const std::vector<DemoNeed> needs = {
        {"hf_home",
         "tanaka.kenji",
         "心不全の在宅モニタリング(体重・うっ血)",
         "退院後のHF再入院が多い。体重増えてても気づくのが遅くて、来院時にはもう肺うっ血。毎日体重つけてと言っても続か"
         "ない人が多い。",
         "紙の心不全手帳。外来は1〜3か月おき。訪問看護が入ってる人だけ何とか拾えてる。",
         "HFrEF・HFpEFの外来患者 約300人、ほぼ75歳以上。独居も多い。",
         "うっ血の兆候を1週間早く拾えれば利尿薬の調整で再入院を減らせるはず。患者が何もしなくても測れるのが理想。",
         "medical_device",
         {"心不全", "遠隔モニタリング", "ウェアラブル"},
         "open"},
        {"tri_band",
         "tanaka.kenji",
         "TRI後の止血バンド、もっと短時間で",
         "橈骨動脈アプローチのカテ後、止血バンドで4〜6時間圧迫。手のしびれ・痛みの訴え多い。RAO(橈骨動脈閉塞)"
         "もたまにある。",
         "TRバンドで加圧→1時間ごとに減圧。病棟Nsの手間もかかる。",
         "PCI・CAG後の患者、年間1200件くらい。",
         "圧迫時間を半分にできて、RAOが減れば外来カテも増やせる。止血を促す材料との組み合わせもアリ。",
         "medical_device",
         {"カテーテル", "止血"},
         "open"},
        {"pu_dressing",
         "kato.sakura",
         "褥瘡の被覆材、はがすとき痛くないもの",
         "ドレッシング交換のたびに高齢の患者さんが痛がる。皮膚が薄くてスキンテアを起こす。ステロイド長期の人は特にひど"
         "い。",
         "シリコン系フォーム材+剥離剤。交換は2〜3日ごと。浸出液多いと毎日。",
         "寝たきりの高齢者、ステロイド・抗凝固薬内服中の人。病棟に常時10〜20人。",
         "はがしても表皮が剥けない、でも浸出液はしっかり吸って、ズレない。交換回数も減らしたい。",
         "medical_device",
         {"褥瘡", "スキンテア", "創傷被覆材"},
         "open"},
        {"ad_itch",
         "kato.sakura",
         "アトピーの痒みを客観的に測りたい",
         "AD(アトピー性皮膚炎)の治験・外来で痒みの評価がNRS頼み。夜間の掻破は本人も覚えてない。",
         "VAS/NRSの問診、EASI。睡眠は質問票だけ。",
         "中等症〜重症のAD、生物学的製剤・JAK阻害薬を使ってる人 約150人。",
         "夜の掻き行動を客観的に数値化できれば薬の効果判定と切り替えの判断が早くなる。",
         "precision_medicine",
         {"アトピー性皮膚炎", "掻痒"},
         "open"},
        {"vcf_bone",
         "yoshida.sho",
         "椎体骨折のBKP、骨に置き換わるセメントがほしい",
         "骨粗鬆症性椎体骨折でBKPやるけど、PMMAセメントは骨にならない。隣接椎体の続発骨折も気になる。",
         "BKP(PMMA)、テリパラチド併用。CPCは強度が足りない。",
         "80代女性中心、年間60〜80例。",
         "注入できて、最初は強度があって、数か月で自分の骨に置き換わる材料。",
         "medical_device",
         {"骨粗鬆症", "骨セメント", "生体吸収性"},
         "open"},
        {"ssi_early",
         "yoshida.sho",
         "人工関節術後の感染(SSI)を早く見つけたい",
         "TKA/THA後のSSI、CRPは術後もともと高いので判断しづらい。見つかった時には深部感染で再置換になることも。",
         "CRP・白血球の推移と創部の見た目。怪しければ関節穿刺。",
         "人工関節置換の術後患者、年間400件。",
         "術後2週以内に感染の兆候をつかめるマーカーかセンサー。外来でもすぐ結果が出るもの。",
         "precision_medicine",
         {"手術部位感染", "人工関節"},
         "open"},
        {"ibd_flare",
         "yamada.hanako",
         "IBDの再燃を便で早めに予測",
         "UC・クローンの再燃、症状出てからだと遅い。便中カルプロテクチンは毎月は測れないし、結果も数日かかる。",
         "症状+採血、3〜6か月ごとの内視鏡。カルプロは保険の回数制限あり。",
         "IBD外来 約500人(UC 7割、CD 3割)。",
         "家で採った便で腸内細菌叢やマーカーを見て、再燃しそうな人を先回りして治療強化したい。",
         "microbiome",
         {"炎症性腸疾患", "腸内細菌叢", "バイオマーカー"},
         "open"},
        {"esd_sheet",
         "yamada.hanako",
         "ESD後潰瘍をおおうシート、貼りやすいもの",
         "胃・大腸のESD後、後出血と遅発穿孔が心配。抗血栓薬飲んでる人だと後出血5〜10%。",
         "PGAシート+フィブリン糊を鉗子で貼ってる。内視鏡下だと貼るのに時間がかかる、うまく広がらない。",
         "ESD 年間250件、うち抗血栓薬内服が3割。",
         "スコープから出してすぐ貼れて、潰瘍を覆って数週間で吸収されるシートかゲル。",
         "medical_device",
         {"内視鏡", "ESD", "後出血"},
         "open"},
        {"dry_eye",
         "matsumoto.ryo",
         "ドライアイ点眼、1日1〜2回で済むように",
         "ドライアイは1日6回点眼とか普通。高齢者はアドヒアランスが悪くて、効かないと言われる。",
         "ヒアルロン酸・ジクアホソル点眼、涙点プラグ。",
         "ドライアイ外来の患者さん、VDT作業の若年者からシェーグレンまで。",
         "目の表面に長くとどまる点眼か、徐放できる材料。回数が減れば続けてもらえる。",
         "other",
         {"ドライアイ", "徐放"},
         "open"},
        {"antivegf",
         "matsumoto.ryo",
         "抗VEGF硝子体注射の回数を減らしたい",
         "nAMD・DMEで抗VEGFを4〜8週ごとに打ってる。通院負担が大きくて、脱落すると視力が落ちる。",
         "アフリベルセプト・ファリシマブのTreat and Extend。",
         "加齢黄斑変性・糖尿病黄斑浮腫 約400人。",
         "半年に1回で済む徐放デバイスかポリマー。硝子体内で安全に分解されること。",
         "medical_device",
         {"加齢黄斑変性", "硝子体内注射", "DDS"},
         "open"},
        {"iv_extravasation",
         "inoue.megumi",
         "点滴の血管外漏出(EV)にすぐ気づきたい",
         "抗がん剤の点滴漏れ、夜間の巡回で見つかることが多い。腫れてからだと壊死性の薬剤は大変。高齢者は痛みを訴えない"
         "ことも。",
         "1〜2時間ごとに刺入部を目視・触診。自然滴下の輸液ポンプのアラームは閉塞しか拾わない。",
         "化学療法中の入院患者、病棟で1日10件くらい。",
         "漏れ始めで知らせてくれるセンサー。貼っても皮膚トラブルにならないこと。",
         "medical_device",
         {"血管外漏出", "化学療法", "看護"},
         "open"},
        {"iad_diaper",
         "inoue.megumi",
         "おむつ内の排便を知らせてほしい",
         "失禁のある患者さん、排便に気づくのが遅れてIAD(失禁関連皮膚炎)になる。",
         "2〜3時間ごとのおむつ確認。",
         "寝たきり・認知症の高齢患者。",
         "",
         "medical_device",
         {},
         "draft"},
    };
    return needs;
}

struct DemoSeed {
    const char* key;
    const char* author;
    const char* kind;
    const char* title;
    const char* description;
    std::vector<std::string> capabilities;
    const char* area;
    bool confidential;
};

const std::vector<DemoSeed>& Seeds() {
    static const std::vector<DemoSeed> seeds = {
        {"silicone_gel",
         "shimizu.hikaru",
         "material",
         "低刺激シリコーンゲル粘着材(皮膚にやさしい貼付材)",
         "剥離時に角質をほとんど持っていかない低刺激のシリコーンゲル粘着材。高透湿で蒸れにくく、繰り返し貼り直せる。"
         "創傷被覆材やウェアラブルセンサーの固定に使える。高齢者・脆弱皮膚でのスキンテア低減を狙う。",
         {"皮膚貼付材の設計", "剥離力・皮膚刺激性の評価", "透湿度の制御", "シリコーン・アクリル系粘着剤"},
         "medical_device",
         false},
        {"thermo_gel",
         "shimizu.hikaru",
         "material",
         "温度応答性ハイドロゲル(薬剤徐放)",
         "室温では液体、体温でゲル化するブロック共重合体。薬剤・タンパク質を数週間〜数か月かけて徐放できる。"
         "点眼・眼内、関節内、内視鏡下の局所投与を想定。生体適合性データあり。",
         {"ブロック共重合体の合成", "徐放プロファイル設計", "滅菌・安定性評価"},
         "other",
         false},
        {"bioabsorbable_sheet",
         "shimizu.hikaru",
         "material",
         "生体吸収性ポリマーシート JR-221(開発コード)",
         "柔軟で組織に密着する生体吸収性ポリマーシート。湿潤面にも貼り付き、2〜4週で分解・吸収。"
         "スプレー状・ロール状に加工でき、内視鏡の鉗子口からの送達も検討中。",
         {"生体吸収性ポリマー", "組織接着", "内視鏡下デリバリー"},
         "medical_device",
         true},
        {"microbiome_seq",
         "yamaguchi.naoto",
         "technology",
         "腸内細菌叢の高精度解析(16S・ショットガン)",
         "便検体から腸内細菌叢を16S rRNA・ショットガンメタゲノムで解析。常温保存できる採便キット、"
         "代謝物(短鎖脂肪酸・胆汁酸)の同時測定、疾患予測モデルの構築まで一貫して対応。",
         {"メタゲノム解析", "採便キット", "代謝物測定", "機械学習による予測モデル"},
         "microbiome",
         false},
        {"ips_substrate",
         "yamaguchi.naoto",
         "material",
         "iPS細胞培養用ゼノフリー合成基材",
         "動物由来成分を含まない合成ペプチド・ポリマー基材。iPS細胞の未分化維持と大量培養、"
         "分化誘導(心筋・網膜色素上皮)に対応。GMP製造を見据えたロット管理。",
         {"細胞培養基材", "GMP対応", "分化誘導プロトコル"},
         "stem_cell",
         false},
        {"magnetic_beads",
         "yamaguchi.naoto",
         "technology",
         "高感度イムノアッセイ用磁性粒子(体外診断薬)",
         "単分散の磁性粒子で、血液・尿・便中のバイオマーカーを高感度に測定。化学発光イムノアッセイ、"
         "POCT(迅速診断)向けの小型化も可能。炎症マーカー・感染症マーカーの実績あり。",
         {"磁性粒子", "化学発光イムノアッセイ", "POCT", "体外診断薬の薬事"},
         "precision_medicine",
         false},
        {"bioprocess_theme",
         "yamaguchi.naoto",
         "theme",
         "研究テーマ: 抗体医薬・細胞医療のバイオプロセス",
         "抗体医薬の連続生産、細胞医療製品の培養・精製プロセスを臨床ニーズから設計したい。"
         "製造コストを下げて、患者さんに届く治療を増やすのがねらい。共同研究先の臨床医を募集中。",
         {"連続生産", "精製", "細胞培養プロセス"},
         "stem_cell",
         false},
        {"chest_patch",
         "mori.aya",
         "device",
         "胸に貼るだけの心電・胸郭インピーダンスパッチ",
         "胸部に貼る使い捨てパッチで心電図・胸郭インピーダンス・体動を7日間連続記録。"
         "肺うっ血(体液貯留)の兆候を推定し、スマホ経由で医療者に通知する。",
         {"ウェアラブルセンサー", "胸郭インピーダンス", "遠隔モニタリング", "医療機器承認"},
         "medical_device",
         true},
        {"ev_sensor",
         "mori.aya",
         "device",
         "静脈留置針まわりの漏れ検知センサー",
         "留置針の刺入部周囲に貼る薄型センサーで、皮下の水分変化を検出して点滴漏れを早期に通知する。"
         "ナースコール・輸液ポンプとの連携を開発中。",
         {"薄型センサー", "インピーダンス計測", "ナースコール連携"},
         "medical_device",
         false},
    };
    return seeds;
}

struct DemoProfile {
    const char* person;
    const char* expertise;
    std::vector<std::string> keywords;
};

const std::vector<DemoProfile>& Profiles() {
    static const std::vector<DemoProfile> profiles = {
        {"sato.seiichi",
         "医学部長。循環器内科。心不全の臨床研究と、医療機器の臨床評価・治験の支援。",
         {"心不全", "医療機器", "臨床研究"}},
        {"suzuki.masaki",
         "病院長。皮膚科出身。アトピー性皮膚炎と創傷の臨床、病院への医療機器の導入と評価。",
         {"アトピー性皮膚炎", "ウェアラブル", "医療安全"}},
        {"tanaka.kenji",
         "循環器内科。心不全診療と遠隔モニタリング、カテーテル治療(PCI・TRI)。心不全手帳の電子化に関心。",
         {"心不全", "遠隔モニタリング", "PCI", "ウェアラブル"}},
        {"kato.sakura",
         "皮膚科。褥瘡・創傷ケア、アトピー性皮膚炎の臨床研究。皮膚バリア機能の評価。",
         {"褥瘡", "創傷治癒", "アトピー性皮膚炎", "皮膚バリア"}},
        {"yoshida.sho",
         "整形外科。脊椎外科(骨粗鬆症性椎体骨折)、人工関節、骨代謝。",
         {"骨粗鬆症", "脊椎", "人工関節", "骨補填材"}},
        {"yamada.hanako",
         "消化器内科。炎症性腸疾患(IBD)診療、内視鏡治療(ESD)。腸内細菌叢と再燃予測。",
         {"炎症性腸疾患", "内視鏡", "腸内細菌叢", "ESD"}},
        {"matsumoto.ryo",
         "眼科。網膜硝子体疾患(加齢黄斑変性)、ドライアイ。眼内DDSに関心。",
         {"加齢黄斑変性", "ドライアイ", "硝子体", "ドラッグデリバリー"}},
        {"inoue.megumi",
         "看護師(病棟・化学療法)。皮膚・排泄ケア、医療安全。現場の困りごとを集めています。",
         {"看護", "化学療法", "スキンケア", "医療安全"}},
        {"kimura.takuya",
         "腸内細菌叢と宿主免疫の基礎研究。無菌マウス、メタゲノム解析。",
         {"マイクロバイオーム", "腸管免疫", "メタゲノム"}},
        {"hayashi.mariko",
         "iPS細胞由来心筋細胞の作製と成熟化。細胞治療の前臨床研究。",
         {"iPS細胞", "心筋細胞", "再生医療"}},
        {"shimizu.hikaru",
         "高分子材料(シリコーン・ハイドロゲル・生体吸収性ポリマー)の設計と医療応用。粘着・徐放の評価系。",
         {"高分子", "ハイドロゲル", "粘着材", "生体吸収性ポリマー", "徐放"}},
        {"yamaguchi.naoto",
         "ライフサイエンス。体外診断薬(イムノアッセイ)、バイオプロセス、腸内細菌叢解析サービス。",
         {"体外診断", "イムノアッセイ", "バイオプロセス", "マイクロバイオーム"}},
        {"mori.aya",
         "医療機器の製品開発(ウェアラブルセンサー、生体インピーダンス)。薬事申請の経験あり。",
         {"医療機器", "ウェアラブル", "センサー", "薬事"}},
    };
    return profiles;
}

std::set<std::string> RolesOf(db::Tx& tx, const std::string& login) {
    auto p = people::FindPersonByEmail(tx, login + "@renkei.example");
    if (!p) return {};
    return {p->roles.begin(), p->roles.end()};
}

}  // namespace

void LoadExchangeDemo(db::Tx& tx, Seconds now) {
    auto as = [&](const std::string& login) { return DemoPrincipal(tx, login, RolesOf(tx, login)); };

    for (const auto& p : Profiles()) {
        auto me = as(p.person);
        if (me.person_id.empty()) continue;
        exchange::SaveProfile(tx, me, me.person_id, p.expertise, p.keywords, now);
    }

    // Tiered disclosure: the ophthalmologist's idea is confidential; the centre sees his teaser,
    // the details stay within the university, the office and whoever an NDA covers.
    {
        exchange::NeedInput in;
        in.title = "加齢黄斑変性：硝子体内に置く生分解性の徐放インプラント";
        in.problem =
            "抗VEGF薬の硝子体内注射を4〜8週ごとに続けている人が多い。通院も注射も負担で、途中でやめてしまう人もいる。"
            "外来で考えているのは、生分解性ポリマーのロッドに抗VEGF薬を封入して半年かけて放出させる方法。"
            "前房に移動しない形状と、分解産物で炎症が起きないことが鍵。";
        in.current_practice = "抗VEGF薬の硝子体内注射(4〜8週ごと)。";
        in.patients = "滲出型加齢黄斑変性の外来患者 約400人。";
        in.desired_outcome = "注射を年2回に減らせれば、通院をやめてしまう人を減らせる。";
        in.area = "medical_device";
        in.tags = {"加齢黄斑変性", "ドラッグデリバリー", "生体吸収性ポリマー"};
        in.confidential = true;
        in.teaser = exchange::Teaser{"眼科領域で、注射の回数を減らしたい", "Fewer injections in ophthalmology",
                                     "慢性の眼疾患で、通院と注射の負担が続いている患者さんが多くいます。材料とドラッグ"
                                     "デリバリーの知見をお持ちの企業と"
                                     "の共同検討を希望します。詳細は秘密保持契約の締結後にお伝えします。",
                                     "medical_device", "治療"};
        exchange::CreateNeed(tx, as("matsumoto.ryo"), in, now);
    }

    std::map<std::string, std::string> need_ids, seed_ids;
    for (const auto& n : Needs()) {
        exchange::NeedInput in;
        in.title = n.title;
        in.problem = n.problem;
        in.current_practice = n.current_practice;
        in.patients = n.patients;
        in.desired_outcome = n.desired_outcome;
        in.area = n.area;
        in.tags = n.tags;
        in.status = n.status;
        need_ids[n.key] = exchange::CreateNeed(tx, as(n.author), in, now).id;
    }
    for (const auto& s : Seeds()) {
        exchange::SeedInput in;
        in.kind = s.kind;
        in.title = s.title;
        in.description = s.description;
        in.capabilities = s.capabilities;
        in.area = s.area;
        in.confidential = s.confidential;
        seed_ids[s.key] = exchange::CreateSeed(tx, as(s.author), in, now).id;
    }

    // The cardiologist is under an NDA with the device company: he sees its confidential patch.
    auto office = as("nakamura.yumi");
    std::string meditech;
    for (const auto& o : people::ListOrganisations(tx, -1))
        if (o.kind == "company" && o.name_en == "Shinanomachi Meditech Co., Ltd.") meditech = o.id;
    auto tanaka = as("tanaka.kenji");
    if (!meditech.empty())
        exchange::CreateGrant(tx, office, tanaka.person_id, meditech, now - days{30}, now + days{335},
                              "秘密保持契約 2026-NDA-014(心不全在宅モニタリングの共同検討)", now);

    // Introductions: one accepted with a meeting and a project proposal, one waiting for an answer.
    auto mori = as("mori.aya");
    auto intro = exchange::RequestIntroduction(
        tx, mori, "need", need_ids.at("hf_home"), "seed", seed_ids.at("chest_patch"),
        "胸郭インピーダンスのパッチで、うっ血の早期検知をご一緒できないかと思いご連絡しました。", now);
    auto meeting = floor<days>(now) + days{5} + hours{6};  // 15:00 JST
    exchange::DecideIntroduction(tx, tanaka, intro.id, true, meeting, now);
    exchange::RecordOutcome(tx, tanaka, intro.id, "project_proposal", "在宅HF患者30人でのパイロット研究を提案予定",
                            now);

    exchange::RequestIntroduction(
        tx, as("shimizu.hikaru"), "need", need_ids.at("pu_dressing"), "seed", seed_ids.at("silicone_gel"),
        "低刺激のシリコーンゲル粘着材で、はがすときの痛みとスキンテアを減らせるかもしれません。一度お話を伺えますか。",
        now);
    exchange::RequestIntroduction(
        tx, as("yamada.hanako"), "seed", seed_ids.at("microbiome_seq"), "need", need_ids.at("ibd_flare"),
        "IBD外来の便検体で再燃予測をやってみたいです。採便キットについて教えてください。", now);
}

}  // namespace renkei::app
