// The demo building of the paper (§5-2): 3,657 m² on four floors — B1 841 m² (chemistry labs,
// electrical and machine rooms), 1F 888 m² (lounge, hall, gallery, three meeting rooms, the
// collaboration support office), 2F and 3F 953 m² each (open labs, lab offices, discussion
// rooms, storage). Rooms add up to less than each floor: corridors, stairs and lifts take
// the rest. Bookings and events are placed relative to today, so the demo always looks alive.
#include <chrono>
#include <map>
#include <set>

#include "modules/building/service.hpp"
#include "modules/people/service.hpp"

namespace renkei::app {
namespace {

using namespace std::chrono;
using building::Space;
using building::SpaceKind;

struct DemoSpace {
    const char* code;
    const char* floor;
    building::SpaceKind kind;
    const char* name_ja;
    const char* name_en;
    int area_m2;
    int capacity;
    bool bookable;
    bool needs_approval;
    int opens_at, closes_at, max_minutes;
    const char* description_ja;
};

constexpr int H = 60;
const DemoSpace kSpaces[] = {
    {"B1-CHEM-A", "B1", SpaceKind::kChemistryLab, "化学実験室A", "Chemistry Lab A", 180, 16, false, false, 8 * H,
     22 * H, 240, "合成・分析用ドラフトチャンバー8台"},
    {"B1-CHEM-B", "B1", SpaceKind::kChemistryLab, "化学実験室B", "Chemistry Lab B", 160, 14, false, false, 8 * H,
     22 * H, 240, "高分子材料・表面処理"},
    {"B1-CHEM-C", "B1", SpaceKind::kChemistryLab, "化学実験室C", "Chemistry Lab C", 120, 10, false, false, 8 * H,
     22 * H, 240, "分析機器室(NMR・質量分析)"},
    {"B1-REAGENT", "B1", SpaceKind::kStorage, "試薬保管庫", "Reagent Store", 40, 0, false, false, 8 * H, 22 * H, 240,
     "危険物・毒劇物の保管庫"},
    {"B1-ELEC", "B1", SpaceKind::kElectricalRoom, "電気室", "Electrical Room", 95, 0, false, false, 8 * H, 22 * H, 240,
     ""},
    {"B1-MACH", "B1", SpaceKind::kMachineRoom, "機械室", "Machine Room", 130, 0, false, false, 8 * H, 22 * H, 240,
     "空調・純水製造装置"},
    {"1F-LOUNGE", "1F", SpaceKind::kLounge, "ラウンジ", "Lounge", 220, 80, true, false, 8 * H, 22 * H, 240,
     "医師・研究者が気軽に集まる交流スペース"},
    {"1F-HALL", "1F", SpaceKind::kHall, "ホール", "Hall", 240, 150, true, true, 8 * H, 22 * H, 600,
     "シンポジウム・セミナー用(要事務局承認)"},
    {"1F-GALLERY", "1F", SpaceKind::kGallery, "ギャラリー", "Gallery", 110, 40, true, true, 9 * H, 20 * H, 600,
     "研究成果・製品の展示(要事務局承認)"},
    {"1F-MR1", "1F", SpaceKind::kMeetingRoom, "会議室1", "Meeting Room 1", 36, 12, true, false, 8 * H, 22 * H, 240,
     "モニター・Web会議システム"},
    {"1F-MR2", "1F", SpaceKind::kMeetingRoom, "会議室2", "Meeting Room 2", 36, 12, true, false, 8 * H, 22 * H, 240,
     "モニター・Web会議システム"},
    {"1F-MR3", "1F", SpaceKind::kMeetingRoom, "会議室3", "Meeting Room 3", 54, 20, true, false, 8 * H, 22 * H, 240,
     "プロジェクター・ホワイトボード"},
    {"1F-OFFICE", "1F", SpaceKind::kOffice, "産学医連携支援室", "Collaboration Support Office", 85, 10, false, false,
     8 * H, 22 * H, 240, "契約・倫理審査・COI・知財の窓口"},
    {"2F-LAB-A", "2F", SpaceKind::kOpenLab, "オープンラボ2A", "Open Lab 2A", 300, 30, false, false, 8 * H, 22 * H, 240,
     "細胞培養・生化学"},
    {"2F-LAB-B", "2F", SpaceKind::kOpenLab, "オープンラボ2B", "Open Lab 2B", 220, 22, false, false, 8 * H, 22 * H, 240,
     "マイクロバイオーム解析"},
    {"2F-LABOFFICE", "2F", SpaceKind::kLabOffice, "ラボオフィス2", "Lab Office 2", 150, 36, false, false, 8 * H, 22 * H,
     240, ""},
    {"2F-DR-A", "2F", SpaceKind::kDiscussionRoom, "ディスカッションルーム2A", "Discussion Room 2A", 24, 6, true, false,
     8 * H, 22 * H, 180, ""},
    {"2F-DR-B", "2F", SpaceKind::kDiscussionRoom, "ディスカッションルーム2B", "Discussion Room 2B", 24, 6, true, false,
     8 * H, 22 * H, 180, ""},
    {"2F-DR-C", "2F", SpaceKind::kDiscussionRoom, "ディスカッションルーム2C", "Discussion Room 2C", 30, 8, true, false,
     8 * H, 22 * H, 180, ""},
    {"2F-STORE", "2F", SpaceKind::kStorage, "倉庫2", "Storage 2", 45, 0, false, false, 8 * H, 22 * H, 240, ""},
    {"3F-LAB-A", "3F", SpaceKind::kOpenLab, "オープンラボ3A", "Open Lab 3A", 300, 30, false, false, 8 * H, 22 * H, 240,
     "医療機器試作・評価"},
    {"3F-LAB-B", "3F", SpaceKind::kOpenLab, "オープンラボ3B", "Open Lab 3B", 220, 22, false, false, 8 * H, 22 * H, 240,
     "材料評価"},
    {"3F-LABOFFICE", "3F", SpaceKind::kLabOffice, "ラボオフィス3", "Lab Office 3", 150, 36, false, false, 8 * H, 22 * H,
     240, ""},
    {"3F-DR-A", "3F", SpaceKind::kDiscussionRoom, "ディスカッションルーム3A", "Discussion Room 3A", 24, 6, true, false,
     8 * H, 22 * H, 180, ""},
    {"3F-DR-B", "3F", SpaceKind::kDiscussionRoom, "ディスカッションルーム3B", "Discussion Room 3B", 24, 6, true, false,
     8 * H, 22 * H, 180, ""},
    {"3F-DR-C", "3F", SpaceKind::kDiscussionRoom, "ディスカッションルーム3C", "Discussion Room 3C", 30, 8, true, false,
     8 * H, 22 * H, 180, ""},
    {"3F-STORE", "3F", SpaceKind::kStorage, "倉庫3", "Storage 3", 45, 0, false, false, 8 * H, 22 * H, 240, ""},
};

auth::Principal As(db::Tx& tx, const std::string& email, std::set<std::string> roles) {
    auto p = people::FindPersonByEmail(tx, email);
    return {p ? p->id : "", "", std::move(roles), "ja", ""};
}

// The n-th working day (Monday–Friday) after the day of `now`, at hh:mm Asia/Tokyo.
Seconds WorkDay(Seconds now, int n, int hour, int minute = 0) {
    sys_days d{TokyoDay(now)};
    while (n > 0) {
        d += days{1};
        auto wd = weekday{d}.iso_encoding();
        if (wd <= 5) --n;
    }
    return FromTokyo(year_month_day{d}, hour * 60 + minute);
}

}  // namespace

void LoadBuildingDemo(db::Tx& tx, Seconds now) {
    auto work_day = [now](int n, int hour, int minute = 0) { return WorkDay(now, n, hour, minute); };
    building::EnsureFloor(tx, {"B1", "地下1階", "B1", 841, 0});
    building::EnsureFloor(tx, {"1F", "1階", "1F", 888, 1});
    building::EnsureFloor(tx, {"2F", "2階", "2F", 953, 2});
    building::EnsureFloor(tx, {"3F", "3階", "3F", 953, 3});
    std::map<std::string, std::string> ids;
    int position = 0;
    for (const auto& d : kSpaces) {
        Space s;
        s.code = d.code;
        s.floor = d.floor;
        s.kind = d.kind;
        s.name_ja = d.name_ja;
        s.name_en = d.name_en;
        s.description_ja = d.description_ja;
        s.area_m2 = d.area_m2;
        s.capacity = d.capacity;
        s.bookable = d.bookable;
        s.needs_approval = d.needs_approval;
        s.opens_at = d.opens_at;
        s.closes_at = d.closes_at;
        s.max_minutes = d.max_minutes;
        s.position = position++;
        ids[d.code] = building::CreateSpace(tx, std::nullopt, s, now).id;
    }

    auto tanaka = As(tx, "tanaka.kenji@renkei.example", {"clinician"});
    auto shimizu = As(tx, "shimizu.hikaru@renkei.example", {"company_researcher"});
    auto nakamura = As(tx, "nakamura.yumi@renkei.example", {"office"});
    auto yamaguchi = As(tx, "yamaguchi.naoto@renkei.example", {"company_researcher"});
    auto mori = As(tx, "mori.aya@renkei.example", {"company_researcher"});
    auto sato = As(tx, "sato.seiichi@renkei.example", {"committee", "clinician"});
    auto book = [&](const auth::Principal& who, const char* space, const char* title, Seconds start, int minutes,
                    int attendees, std::optional<building::Recurrence> rule = std::nullopt,
                    std::vector<std::string> invite = {}) {
        if (who.person_id.empty()) return;
        building::NewBooking b;
        b.space_id = ids.at(space);
        b.title = title;
        b.start = start;
        b.end = start + std::chrono::minutes{minutes};
        b.attendees = attendees;
        b.recurrence = std::move(rule);
        b.skip_conflicts = true;
        for (auto& id : invite)
            if (!id.empty()) b.attendee_ids.push_back(std::move(id));
        try {
            building::Book(tx, who, b, now);
        } catch (const Error&) {
            // A demo slot that does not fit (e.g. loaded late at night) is simply left out.
        }
    };

    // Today's grid is not empty either: the slots still ahead of the loading time are booked
    // (one in the past is refused and left out).
    book(shimizu, "1F-MR2", "JSR 研究打合せ", work_day(0, 13), 60, 4);
    book(tanaka, "1F-MR1", "症例検討（心電図パッチ）", work_day(0, 15), 60, 5, std::nullopt, {shimizu.person_id});
    book(mori, "2F-DR-A", "看護記録 音声入力の評価", work_day(0, 17), 60, 3);

    building::Recurrence weekly;
    weekly.freq = "weekly";
    weekly.count = 8;
    // The cardiology team's weekly meeting with the company researcher (an attendee), so the
    // slot finder has something to step around.
    book(tanaka, "1F-MR1", "循環器デバイス共同研究 定例", work_day(1, 10), 60, 6, weekly, {shimizu.person_id});
    book(shimizu, "2F-DR-A", "材料評価データ検討", work_day(1, 14), 90, 4);
    book(yamaguchi, "1F-MR2", "マイクロバイオーム解析 打合せ", work_day(1, 16), 60, 5);
    book(nakamura, "1F-MR3", "共同研究契約 説明会", work_day(2, 13), 120, 15, std::nullopt,
         {tanaka.person_id, yamaguchi.person_id, mori.person_id});
    book(mori, "3F-DR-B", "試作品レビュー(信濃町メディテック)", work_day(2, 10, 30), 90, 5);
    book(tanaka, "2F-DR-C", "臨床ニーズ ヒアリング", work_day(3, 17), 60, 3);
    book(shimizu, "1F-MR1", "JSR研究開発部 週次", work_day(3, 9), 60, 8);
    book(sato, "1F-MR3", "運営委員会 事前打合せ", work_day(4, 15), 90, 8);
    book(yamaguchi, "3F-DR-A", "細胞培養材料 進捗確認", work_day(4, 11), 60, 4);
    book(nakamura, "1F-MR2", "倫理審査申請 相談会", work_day(5, 10), 120, 6);
    // A request for the hall that waits for the office's approval.
    book(shimizu, "1F-HALL", "JSR ライフサイエンス技術セミナー", work_day(7, 14), 180, 80);

    // Events: a symposium in the hall (open to the public) and a lounge meet-up (members only).
    auto create_event = [&](const building::NewEvent& e) -> std::optional<building::Event> {
        try {
            return building::CreateEvent(tx, nakamura, e, now);
        } catch (const Error&) {
            return std::nullopt;
        }
    };
    building::NewEvent symposium;
    symposium.space_id = ids.at("1F-HALL");
    symposium.kind = building::EventKind::kSymposium;
    symposium.title_ja = "第3回 産学医連携シンポジウム「臨床ニーズから製品へ」";
    symposium.title_en = "3rd Industry-Academia-Medicine Symposium: From Clinical Needs to Products";
    symposium.description_ja =
        "臨床医と企業研究者が、医療機器・プレシジョンメディシンの共同研究成果と事業化への道筋を議論します。";
    symposium.description_en =
        "Clinicians and company researchers discuss joint research in medical devices and precision medicine, and the "
        "road to market.";
    symposium.start = work_day(8, 13);
    symposium.end = work_day(8, 17, 30);
    symposium.capacity = 120;
    symposium.open_to_public = true;
    symposium.tags = {"precision_medicine", "medical_device"};
    auto sym = create_event(symposium);

    building::NewEvent meetup;
    meetup.space_id = ids.at("1F-LOUNGE");
    meetup.kind = building::EventKind::kMeetup;
    meetup.title_ja = "ラウンジ交流会:幹細胞・細胞医療";
    meetup.title_en = "Lounge Meet-up: Stem Cells and Cell-Based Medicine";
    meetup.description_ja = "医師と研究者が気軽に話せる交流会です。軽食をご用意します。";
    meetup.description_en = "An informal meet-up for clinicians and researchers. Light refreshments provided.";
    meetup.start = work_day(3, 17, 30);
    meetup.end = work_day(3, 19);
    meetup.capacity = 3;
    meetup.open_to_public = false;
    meetup.tags = {"stem_cell"};
    auto meet = create_event(meetup);

    if (sym) {
        for (const auto* who : {&tanaka, &shimizu, &sato})
            if (!who->person_id.empty()) building::RegisterMember(tx, *who, sym->id, now);
        building::RegisterGuest(tx, sym->id, {"高田 理恵", "東京医療機器株式会社", "takada@example.com"}, now);
        building::RegisterGuest(tx, sym->id, {"Emily Clarke", "University of Cambridge", "e.clarke@example.org"}, now);
    }
    if (meet) {
        // Three places, four people: the last one waits.
        for (const auto* who : {&tanaka, &yamaguchi, &mori, &shimizu})
            if (!who->person_id.empty()) building::RegisterMember(tx, *who, meet->id, now);
    }
}

}  // namespace renkei::app
