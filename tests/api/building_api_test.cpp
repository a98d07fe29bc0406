// The building over HTTP: spaces, bookings (single, recurring, approval), calendar feeds,
// events with registration, and the notifications they cause. Runs on SQLite and PostgreSQL.
#include <chrono>
#include <cstdio>
#include <fstream>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

using namespace std::chrono;

// "YYYY-MM-DDTHH:MM:00+09:00", `days_ahead` days after today in Asia/Tokyo.
std::string TokyoAt(int days_ahead, int hour, int minute = 0) {
    auto local_today = floor<days>(system_clock::now() + hours{9});
    year_month_day d{local_today + days{days_ahead}};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:00+09:00", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), hour, minute);
    return buf;
}

std::string Str(const json::value& v) { return std::string(v.as_string()); }

class BuildingApi : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        ASSERT_EQ(
            admin->Request("PUT", "/api/floors/1F", R"({"name_ja":"1階","name_en":"1F","area_m2":888,"position":1})")
                .status,
            200);
        room = AddSpace("1F-MR1", "meeting_room", "会議室1", true, false, 12);
        other_room = AddSpace("1F-MR2", "meeting_room", "会議室2", true, false, 12);
        hall = AddSpace("1F-HALL", "hall", "ホール", true, true, 150, 600);
        office_room = AddSpace("1F-OFFICE", "office", "産学医連携支援室", false, false, 10);
        CreatePerson(*admin, "tanaka@test.example", {"clinician"});
        CreatePerson(*admin, "shimizu@test.example", {"company_researcher"});
        CreatePerson(*admin, "nakamura@test.example", {"office"});
        clinician = std::make_unique<Client>(server->port());
        clinician->Login("tanaka@test.example", "password-123");
        researcher = std::make_unique<Client>(server->port());
        researcher->Login("shimizu@test.example", "password-123");
        office = std::make_unique<Client>(server->port());
        office->Login("nakamura@test.example", "password-123");
    }

    std::string AddSpace(const std::string& code, const std::string& kind, const std::string& name, bool bookable,
                         bool approval, int capacity, int max_minutes = 240) {
        auto r = admin->Post("/api/spaces", json::object{{"code", code},
                                                         {"floor", "1F"},
                                                         {"kind", kind},
                                                         {"name_ja", name},
                                                         {"name_en", code},
                                                         {"capacity", capacity},
                                                         {"bookable", bookable},
                                                         {"needs_approval", approval},
                                                         {"opens_at", "08:00"},
                                                         {"closes_at", "22:00"},
                                                         {"max_minutes", max_minutes},
                                                         {"area_m2", 40}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? Str(r.json().at("id")) : "";
    }

    HttpResponse Book(Client& c, const std::string& space, const std::string& start, const std::string& end,
                      const std::string& title = "打合せ", json::object extra = {}) {
        json::object body{{"space_id", space}, {"start", start}, {"end", end}, {"title", title}};
        for (auto& [k, v] : extra) body[k] = v;
        return c.Post("/api/bookings", body);
    }

    int CountBookings(const std::string& space, int days_ahead_from = 0, int span_days = 60) {
        auto r = admin->Get("/api/bookings?space_id=" + space + "&from=" + TokyoAt(days_ahead_from, 0).substr(0, 10) +
                            "&to=" + TokyoAt(days_ahead_from + span_days, 0).substr(0, 10));
        EXPECT_EQ(r.status, 200) << r.body;
        return static_cast<int>(r.json().at("items").as_array().size());
    }

    std::string room, other_room, hall, office_room;
    std::unique_ptr<Client> clinician, researcher, office;
};

TEST_F(BuildingApi, ListsSpacesFloorByFloorWithKindCapacityAndWhetherBookable) {
    auto r = clinician->Get("/api/spaces");
    ASSERT_EQ(r.status, 200) << r.body;
    std::map<std::string, json::object> by_code;
    auto body = r.json();
    for (const auto& s : body.at("items").as_array()) by_code[Str(s.at("code"))] = s.as_object();
    ASSERT_EQ(by_code.size(), 4u);
    EXPECT_EQ(by_code["1F-MR1"].at("name"), "会議室1");
    EXPECT_EQ(Str(by_code["1F-MR1"].at("id")), room);
    EXPECT_EQ(by_code["1F-MR1"].at("floor"), "1F");
    EXPECT_EQ(by_code["1F-MR1"].at("kind"), "meeting_room");
    EXPECT_EQ(by_code["1F-MR1"].at("capacity"), 12);
    EXPECT_EQ(by_code["1F-MR1"].at("bookable"), true);
    EXPECT_EQ(by_code["1F-OFFICE"].at("bookable"), false);
    EXPECT_EQ(by_code["1F-HALL"].at("needs_approval"), true);
    EXPECT_EQ(r.json().at("floors").as_array()[0].at("area_m2"), 888);
}

TEST_F(BuildingApi, BooksAFreeSlotAndRefusesAnOverlapWith409ShowingTheClash) {
    auto first = Book(*clinician, room, TokyoAt(2, 10), TokyoAt(2, 11), "循環器 定例");
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.json().at("status"), "confirmed");
    EXPECT_EQ(Str(first.json().at("start")), TokyoAt(2, 1).substr(0, 10) + "T01:00:00Z")
        << "stored and returned in UTC";

    auto clash = Book(*researcher, room, TokyoAt(2, 10, 30), TokyoAt(2, 11, 30));
    ASSERT_EQ(clash.status, 409) << clash.body;
    EXPECT_EQ(clash.ErrorCode(), "conflict");
    EXPECT_EQ(clash.json().at("conflict").at("id"), first.json().at("id"));
    EXPECT_EQ(clash.json().at("conflict").at("title"), "循環器 定例");
    EXPECT_TRUE(clash.json().at("conflict").at("purpose").is_null()) << "another person's purpose stays private";

    // Half-open: ending at 10:00 and starting at 11:00 touch but do not clash.
    EXPECT_EQ(Book(*researcher, room, TokyoAt(2, 9), TokyoAt(2, 10)).status, 201);
    EXPECT_EQ(Book(*researcher, room, TokyoAt(2, 11), TokyoAt(2, 12)).status, 201);
    // The same time in another room is free.
    EXPECT_EQ(Book(*researcher, other_room, TokyoAt(2, 10), TokyoAt(2, 11)).status, 201);
    EXPECT_EQ(CountBookings(room), 3);
}

// The bookings export: the rows of GET /api/bookings for a range, as CSV and .xlsx, with the
// purpose only for whoever the list shows it to; the range is required and at most 366 days.
TEST_F(BuildingApi, ExportsBookingsAsCsvAndXlsxWithTheListsVisibility) {
    ASSERT_EQ(
        Book(*clinician, room, TokyoAt(2, 10), TokyoAt(2, 11), "循環器 定例", {{"purpose", "症例検討の非公開メモ"}})
            .status,
        201);
    std::string range = "from=" + TokyoAt(0, 0).substr(0, 10) + "&to=" + TokyoAt(7, 0).substr(0, 10);
    auto csv = clinician->Get("/api/bookings/export.csv?" + range);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_NE(csv.headers["content-type"].find("text/csv"), std::string::npos);
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF開始,終了,施設,件名,予約者,状態,人数,目的,招待者\r\n", 0), 0u) << csv.body;
    EXPECT_NE(csv.body.find("会議室1,循環器 定例,"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("症例検討の非公開メモ"), std::string::npos) << "the organiser sees the purpose";
    auto other = researcher->Get("/api/bookings/export.csv?" + range);
    ASSERT_EQ(other.status, 200);
    EXPECT_NE(other.body.find("循環器 定例"), std::string::npos) << "who booked what and when is public";
    EXPECT_EQ(other.body.find("症例検討の非公開メモ"), std::string::npos) << "another person's purpose stays private";
    EXPECT_NE(office->Get("/api/bookings/export.csv?" + range + "&lang=en").body.find("Start,End,Space,Title"),
              std::string::npos);

    auto xlsx = researcher->Get("/api/bookings/export.xlsx?" + range + "&space_id=" + room);
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a zip (Office Open XML)";
    auto strings = XlsxStrings(xlsx.body);
    EXPECT_NE(strings.find("施設予約一覧"), std::string::npos) << strings.substr(0, 500);
    EXPECT_NE(strings.find("循環器 定例"), std::string::npos);
    EXPECT_EQ(strings.find("症例検討の非公開メモ"), std::string::npos);

    EXPECT_EQ(office->Get("/api/bookings/export.csv?from=" + TokyoAt(0, 0).substr(0, 10)).ErrorField(), "to");
    EXPECT_EQ(office->Get("/api/bookings/export.xlsx?to=" + TokyoAt(0, 0).substr(0, 10)).ErrorField(), "from");
    auto long_range = office->Get("/api/bookings/export.csv?from=2026-01-01&to=2027-01-03");
    EXPECT_EQ(long_range.status, 422);
    EXPECT_EQ(long_range.ErrorField(), "to");
    EXPECT_EQ(office->Get("/api/bookings/export.csv?from=2026-01-01&to=2027-01-02").status, 200) << "366 days";
}

TEST_F(BuildingApi, RefusesBadTimesAndUnknownSpacesWith422NamingTheField) {
    struct Case {
        std::string space, start, end, field;
    } cases[] = {
        {room, TokyoAt(2, 11), TokyoAt(2, 10), "end"},
        {room, TokyoAt(2, 10), TokyoAt(2, 10), "end"},
        {"nosuchspace00000", TokyoAt(2, 10), TokyoAt(2, 11), "space_id"},
        {room, TokyoAt(-2, 10), TokyoAt(-2, 11), "start"},
        {room, "tomorrow at ten", TokyoAt(2, 11), "start"},
        {room, TokyoAt(2, 6), TokyoAt(2, 7), "start"},              // before opening (08:00)
        {room, TokyoAt(2, 21), TokyoAt(2, 23), "start"},            // after closing (22:00)
        {room, TokyoAt(2, 9), TokyoAt(2, 14), "end"},               // longer than 240 minutes
        {office_room, TokyoAt(2, 10), TokyoAt(2, 11), "space_id"},  // not bookable
    };
    for (const auto& c : cases) {
        auto r = Book(*clinician, c.space, c.start, c.end);
        EXPECT_EQ(r.status, 422) << c.start << " " << c.end << " " << r.body;
        EXPECT_EQ(r.ErrorField(), c.field) << c.start << " " << c.end << " " << r.body;
    }
    auto no_title = clinician->Post(
        "/api/bookings", json::object{{"space_id", room}, {"start", TokyoAt(2, 10)}, {"end", TokyoAt(2, 11)}});
    EXPECT_EQ(no_title.ErrorField(), "title");
    auto too_many = Book(*clinician, room, TokyoAt(2, 10), TokyoAt(2, 11), "x", {{"attendees", 40}});
    EXPECT_EQ(too_many.ErrorField(), "attendees");
    EXPECT_EQ(CountBookings(room), 0) << "nothing stored";
    EXPECT_NE(Book(*clinician, room, TokyoAt(2, 21), TokyoAt(2, 23))
                  .json()
                  .at("error")
                  .at("message")
                  .as_string()
                  .find("08:00"),
              std::string::npos)
        << "the reason names the opening hours";
}

TEST_F(BuildingApi, ARecurringSeriesIsCheckedWholeBeforeAnythingIsStored) {
    // Somebody already has the third weekly occurrence.
    ASSERT_EQ(Book(*researcher, room, TokyoAt(16, 10, 30), TokyoAt(16, 11, 30)).status, 201);
    json::object weekly{{"freq", "weekly"}, {"count", 5}};
    auto check = clinician->Post("/api/bookings/check", json::object{{"space_id", room},
                                                                     {"start", TokyoAt(2, 10)},
                                                                     {"end", TokyoAt(2, 11)},
                                                                     {"title", "定例"},
                                                                     {"recurrence", weekly}});
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_EQ(check.json().at("occurrences").as_array().size(), 5u);
    ASSERT_EQ(check.json().at("conflicts").as_array().size(), 1u);
    EXPECT_EQ(Str(check.json().at("conflicts").as_array()[0].at("start")).substr(0, 10), TokyoAt(16, 0).substr(0, 10));

    auto refused = Book(*clinician, room, TokyoAt(2, 10), TokyoAt(2, 11), "定例", {{"recurrence", weekly}});
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.json().at("conflicts").as_array().size(), 1u);
    EXPECT_EQ(CountBookings(room), 1) << "nothing of the series was stored";

    auto booked = Book(*clinician, room, TokyoAt(2, 10), TokyoAt(2, 11), "定例",
                       {{"recurrence", weekly}, {"skip_conflicts", true}});
    ASSERT_EQ(booked.status, 201) << booked.body;
    EXPECT_EQ(booked.json().at("occurrences").as_array().size(), 4u);
    EXPECT_EQ(booked.json().at("skipped").as_array().size(), 1u);
    EXPECT_FALSE(booked.json().at("series_id").is_null());
    EXPECT_EQ(CountBookings(room), 5);

    // Cancel one occurrence, then this-and-following from the third remaining one.
    auto occurrences = booked.json().at("occurrences").as_array();
    auto one = clinician->Delete("/api/bookings/" + Str(occurrences[1].at("id")) + "?scope=this");
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.json().at("items").as_array().size(), 1u);
    EXPECT_EQ(CountBookings(room), 4);
    auto following = clinician->Delete("/api/bookings/" + Str(occurrences[2].at("id")) + "?scope=following");
    ASSERT_EQ(following.status, 200) << following.body;
    EXPECT_EQ(following.json().at("items").as_array().size(), 2u);
    EXPECT_EQ(CountBookings(room), 2) << "the first occurrence and the other person's booking remain";
}

TEST_F(BuildingApi, MonthlyAndDailySeriesFollowTheRuleAndRefuseBadRules) {
    auto daily = Book(*clinician, other_room, TokyoAt(2, 10), TokyoAt(2, 11), "朝会",
                      {{"recurrence", json::object{{"freq", "daily"}, {"interval", 2}, {"count", 3}}}});
    ASSERT_EQ(daily.status, 201) << daily.body;
    auto occ = daily.json().at("occurrences").as_array();
    ASSERT_EQ(occ.size(), 3u);
    EXPECT_EQ(Str(occ[2].at("start")).substr(0, 10), TokyoAt(6, 0).substr(0, 10));
    auto bad = Book(*clinician, other_room, TokyoAt(2, 12), TokyoAt(2, 13), "x",
                    {{"recurrence", json::object{{"freq", "weekly"}, {"weekdays", json::array{"XX"}}, {"count", 2}}}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "recurrence.weekdays");
    auto both = Book(*clinician, other_room, TokyoAt(2, 12), TokyoAt(2, 13), "x",
                     {{"recurrence", json::object{{"freq", "monthly"}}}});
    EXPECT_EQ(both.ErrorField(), "recurrence.until");
}

TEST_F(BuildingApi, HallBookingIsARequestTheOfficeApprovesOrDeclinesAndTheRequesterIsTold) {
    auto request = Book(*researcher, hall, TokyoAt(5, 13), TokyoAt(5, 17), "技術セミナー");
    ASSERT_EQ(request.status, 201) << request.body;
    EXPECT_EQ(request.json().at("status"), "pending");
    std::string id = Str(request.json().at("id"));

    EXPECT_EQ(researcher->Post("/api/bookings/" + id + "/approve", json::object{}).status, 403);
    auto queue = office->Get("/api/bookings?status=pending&to=" + TokyoAt(30, 0).substr(0, 10));
    ASSERT_EQ(queue.status, 200);
    ASSERT_EQ(queue.json().at("items").as_array().size(), 1u);

    auto approved = office->Post("/api/bookings/" + id + "/approve", json::object{});
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(approved.json().at("status"), "confirmed");
    auto notes = researcher->Get("/api/notifications");
    ASSERT_EQ(notes.status, 200);
    EXPECT_EQ(notes.json().at("unread_count"), 1);
    EXPECT_EQ(notes.json().at("items").as_array()[0].at("kind"), "booking_approved");
    EXPECT_NE(Str(notes.json().at("items").as_array()[0].at("title_ja")).find("技術セミナー"), std::string::npos);

    // A second request for an overlapping time: declined with a reason.
    auto second = Book(*clinician, hall, TokyoAt(6, 13), TokyoAt(6, 15), "講演会");
    ASSERT_EQ(second.status, 201);
    std::string second_id = Str(second.json().at("id"));
    auto no_reason = office->Post("/api/bookings/" + second_id + "/decline", json::object{});
    EXPECT_EQ(no_reason.ErrorField(), "reason");
    auto declined = office->Post("/api/bookings/" + second_id + "/decline", json::object{{"reason", "設営日のため"}});
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(declined.json().at("decision_reason"), "設営日のため");
    auto told = clinician->Get("/api/notifications").json().at("items").as_array();
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].at("kind"), "booking_declined");
    EXPECT_NE(Str(told[0].at("title_ja")).find("設営日のため"), std::string::npos);
    EXPECT_EQ(office->Post("/api/bookings/" + second_id + "/approve", json::object{}).status, 409)
        << "no longer pending";
}

TEST_F(BuildingApi, ApprovingARequestWhoseSlotWasTakenMeanwhileIs409) {
    auto request = Book(*researcher, hall, TokyoAt(5, 13), TokyoAt(5, 17), "技術セミナー");
    ASSERT_EQ(request.status, 201);
    auto office_booking = Book(*office, hall, TokyoAt(5, 16), TokyoAt(5, 18), "事務局利用");
    ASSERT_EQ(office_booking.status, 201) << office_booking.body;
    EXPECT_EQ(office_booking.json().at("status"), "confirmed") << "the office books the hall directly";
    auto approve = office->Post("/api/bookings/" + Str(request.json().at("id")) + "/approve", json::object{});
    ASSERT_EQ(approve.status, 409) << approve.body;
    EXPECT_EQ(approve.json().at("conflict").at("id"), office_booking.json().at("id"));
}

TEST_F(BuildingApi, OnlyTheOrganiserOrTheOfficeCancelsAndTheSlotBecomesFree) {
    auto b = Book(*clinician, room, TokyoAt(3, 10), TokyoAt(3, 11));
    ASSERT_EQ(b.status, 201);
    std::string id = Str(b.json().at("id"));
    EXPECT_EQ(researcher->Delete("/api/bookings/" + id).status, 403);
    EXPECT_EQ(Book(*researcher, room, TokyoAt(3, 10), TokyoAt(3, 11)).status, 409);
    auto cancelled = clinician->Delete("/api/bookings/" + id);
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.json().at("items").as_array()[0].at("status"), "cancelled");
    EXPECT_EQ(clinician->Delete("/api/bookings/" + id).status, 409) << "already cancelled";
    EXPECT_EQ(Book(*researcher, room, TokyoAt(3, 10), TokyoAt(3, 11)).status, 201);
    auto mine = clinician->Get("/api/bookings?mine=true&to=" + TokyoAt(30, 0).substr(0, 10));
    EXPECT_EQ(mine.json().at("items").as_array().size(), 0u);
    auto audit = admin->Get("/api/audit?entity=booking&entity_id=" + id);
    ASSERT_EQ(audit.status, 200);
    EXPECT_EQ(audit.json().at("items").as_array()[0].at("action"), "cancel");
}

TEST_F(BuildingApi, OfficeEditsSpacesAndOpeningHoursApplyToNewBookings) {
    EXPECT_EQ(clinician->Patch("/api/spaces/" + room, json::object{{"capacity", 20}}).status, 403);
    auto bad = office->Patch("/api/spaces/" + room, json::object{{"opens_at", "25:00"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.ErrorField(), "opens_at");
    auto r = office->Patch(
        "/api/spaces/" + room,
        json::object{{"opens_at", "09:00"}, {"closes_at", "18:00"}, {"max_minutes", 60}, {"capacity", 8}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("opens_at"), "09:00");
    EXPECT_EQ(Book(*clinician, room, TokyoAt(2, 8, 30), TokyoAt(2, 9, 30)).ErrorField(), "start");
    EXPECT_EQ(Book(*clinician, room, TokyoAt(2, 10), TokyoAt(2, 12)).ErrorField(), "end");
    EXPECT_EQ(Book(*clinician, room, TokyoAt(2, 10), TokyoAt(2, 11)).status, 201);
    auto off = office->Patch("/api/spaces/" + room, json::object{{"bookable", false}});
    ASSERT_EQ(off.status, 200);
    EXPECT_EQ(Book(*clinician, room, TokyoAt(2, 12), TokyoAt(2, 13)).ErrorField(), "space_id");
    EXPECT_EQ(clinician
                  ->Post("/api/spaces",
                         json::object{{"code", "X"}, {"floor", "1F"}, {"kind", "meeting_room"}, {"name_ja", "X"}})
                  .status,
              403);
}

TEST_F(BuildingApi, CalendarFeedWorksWithoutACookieAndRotatingTheTokenEndsTheOldUrl) {
    ASSERT_EQ(Book(*clinician, room, TokyoAt(2, 10), TokyoAt(2, 11), "単発, 打合せ; 確認").status, 201);
    ASSERT_EQ(Book(*clinician, other_room, TokyoAt(2, 12), TokyoAt(2, 13), "週次定例",
                   {{"recurrence", json::object{{"freq", "weekly"}, {"count", 4}}}})
                  .status,
              201);
    auto status = clinician->Get("/api/calendar/token");
    EXPECT_EQ(status.json().at("exists"), false);
    auto issued = clinician->Post("/api/calendar/token", json::object{});
    ASSERT_EQ(issued.status, 201) << issued.body;
    std::string url = Str(issued.json().at("person_feed"));

    Client anonymous(server->port());
    auto feed = anonymous.Get(url);
    ASSERT_EQ(feed.status, 200) << feed.body;
    EXPECT_NE(feed.headers["content-type"].find("text/calendar"), std::string::npos);
    EXPECT_EQ(feed.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
    EXPECT_NE(feed.body.find("RRULE:FREQ=WEEKLY;BYDAY="), std::string::npos);
    EXPECT_NE(feed.body.find("単発\\, 打合せ\\; 確認"), std::string::npos) << "TEXT values are escaped";
    size_t pos = 0;
    while (pos < feed.body.size()) {
        size_t end = feed.body.find("\r\n", pos);
        ASSERT_NE(end, std::string::npos) << "every line ends with CRLF";
        EXPECT_LE(end - pos, 75u) << "lines are folded at 75 octets";
        pos = end + 2;
    }

    // A real client library reads it: python3-icalendar, with the series as one recurring event.
    std::string path = ::testing::TempDir() + "/renkei-feed.ics";
    std::ofstream(path, std::ios::binary) << feed.body;
    std::string script =
        "import icalendar,sys\n"
        "cal=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
        "ev=[c for c in cal.walk('VEVENT')]\n"
        "rr=[e for e in ev if e.get('RRULE')]\n"
        "print(len(ev), len(rr), rr[0]['RRULE']['FREQ'][0], rr[0]['DTSTART'].dt.tzinfo is not None)\n";
    std::string script_path = ::testing::TempDir() + "/renkei-feed.py";
    std::ofstream(script_path) << script;
    // Debian's interpreter: python3-icalendar is a Debian package, and PATH may hold another python3.
    FILE* p = popen(("/usr/bin/python3 " + script_path + " " + path + " 2>&1").c_str(), "r");
    ASSERT_NE(p, nullptr);
    char buf[512];
    std::string out;
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
    EXPECT_EQ(out, "2 1 WEEKLY True\n");

    // Cancelling one occurrence shows up as EXDATE, not as a missing event.
    auto list =
        clinician->Get("/api/bookings?mine=true&space_id=" + other_room + "&to=" + TokyoAt(60, 0).substr(0, 10));
    auto second = Str(list.json().at("items").as_array()[1].at("id"));
    ASSERT_EQ(clinician->Delete("/api/bookings/" + second).status, 200);
    EXPECT_NE(anonymous.Get(url).body.find("EXDATE;TZID=Asia/Tokyo:"), std::string::npos);

    // The space feed needs a valid token too.
    auto space_url = "/api/calendar/spaces/" + room + "/calendar.ics?token=" + url.substr(url.find("token=") + 6);
    auto space_feed = anonymous.Get(space_url);
    ASSERT_EQ(space_feed.status, 200);
    EXPECT_NE(space_feed.body.find("SUMMARY:単発"), std::string::npos);
    EXPECT_EQ(anonymous.Get("/api/calendar/spaces/" + room + "/calendar.ics?token=wrong").status, 404);

    auto rotated = clinician->Post("/api/calendar/token", json::object{});
    ASSERT_EQ(rotated.status, 201);
    EXPECT_EQ(anonymous.Get(url).status, 404) << "the old URL stops working";
    EXPECT_EQ(anonymous.Get(Str(rotated.json().at("person_feed"))).status, 200);
    EXPECT_EQ(clinician->Get("/api/calendar/token").json().at("exists"), true);
}

// The personal feed carries the person's open inbox items with a due date (issue 17): all-day
// VTODOs in the person's language with alarms the day before and on the day; a resolved item leaves.
TEST_F(BuildingApi, CalendarFeedCarriesOpenInboxDeadlinesAsTodosWithAlarms) {
    std::string pi_id = Person("pi@test.example", {"clinician"}, "");
    std::string lead_id = Person("lead@test.example", {"company_researcher"}, "");
    Person("committee@test.example", {"committee"}, "");
    auto pi = Login("pi@test.example");
    auto lead = Login("lead@test.example");
    auto committee = Login("committee@test.example");
    auto proposed = lead->Post("/api/projects", json::object{{"kind", "joint"},
                                                             {"title_ja", "貼付型心電図パッチ"},
                                                             {"title_en", "ECG patch"},
                                                             {"pi_id", pi_id},
                                                             {"company_lead_id", lead_id}});
    ASSERT_EQ(proposed.status, 201) << proposed.body;
    std::string project = Str(proposed.json().at("id"));
    ASSERT_EQ(committee->Post("/api/projects/" + project + "/decision", json::object{{"decision", "approve"}}).status,
              200);
    std::string due = TokyoAt(12, 0).substr(0, 10);
    auto milestone = pi->Post("/api/projects/" + project + "/milestones",
                              json::object{{"title", "試作機, 完成"}, {"owner_id", pi_id}, {"due_on", due}});
    ASSERT_EQ(milestone.status, 201) << milestone.body;
    std::string milestone_id = Str(milestone.json().at("id"));
    std::string item_id;
    auto inbox = pi->Get("/api/inbox").json();
    for (const auto& i : inbox.at("items").as_array())
        if (i.at("kind") == "projects.milestone_due") item_id = Str(i.at("id"));
    ASSERT_FALSE(item_id.empty());
    ASSERT_EQ(pi->Patch("/api/me", json::object{{"language", "en"}}).status, 200);
    auto issued = pi->Post("/api/calendar/token", json::object{});
    ASSERT_EQ(issued.status, 201) << issued.body;
    std::string url = Str(issued.json().at("person_feed"));

    Client anonymous(server->port());
    auto feed = anonymous.Get(url);
    ASSERT_EQ(feed.status, 200) << feed.body;
    std::string compact = due.substr(0, 4) + due.substr(5, 2) + due.substr(8, 2);
    auto todo_at = feed.body.find("BEGIN:VTODO\r\nUID:inbox-" + item_id + "@renkei\r\n");
    ASSERT_NE(todo_at, std::string::npos) << feed.body;
    std::string todo = feed.body.substr(todo_at, feed.body.find("END:VTODO\r\n", todo_at) - todo_at);
    EXPECT_NE(todo.find("DUE;VALUE=DATE:" + compact + "\r\n"), std::string::npos) << todo;
    EXPECT_NE(todo.find("SUMMARY:Milestone: 試作機\\, 完成\r\n"), std::string::npos) << "in English, escaped: " << todo;
    EXPECT_NE(todo.find("DESCRIPTION:ECG patch\\n/projects/" + project), std::string::npos) << todo;
    EXPECT_NE(todo.find("STATUS:NEEDS-ACTION\r\n"), std::string::npos);
    EXPECT_NE(todo.find("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=END:-PT15H\r\n"), std::string::npos)
        << "the day before";
    EXPECT_NE(todo.find("TRIGGER;RELATED=END:PT9H\r\n"), std::string::npos) << "on the day";
    size_t pos = 0;
    while (pos < feed.body.size()) {
        size_t end = feed.body.find("\r\n", pos);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - pos, 75u);
        pos = end + 2;
    }
    // python3-icalendar reads the to-do with its due date and two alarms.
    std::string path = ::testing::TempDir() + "/renkei-todos.ics";
    std::ofstream(path, std::ios::binary) << feed.body;
    std::string script =
        "import icalendar,sys\n"
        "cal=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
        "t=[c for c in cal.walk('VTODO')]\n"
        "print(len(t), t[0]['DUE'].dt.isoformat(), len(t[0].walk('VALARM')), str(t[0]['STATUS']))\n";
    std::string script_path = ::testing::TempDir() + "/renkei-todos.py";
    std::ofstream(script_path) << script;
    FILE* p = popen(("/usr/bin/python3 " + script_path + " " + path + " 2>&1").c_str(), "r");
    ASSERT_NE(p, nullptr);
    char buf[512];
    std::string out;
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
    EXPECT_EQ(out, "1 " + due + " 2 NEEDS-ACTION\n");

    // Done: the item is resolved, and the to-do leaves the feed.
    ASSERT_EQ(
        pi->Patch("/api/projects/" + project + "/milestones/" + milestone_id, json::object{{"done", true}}).status,
        200);
    auto after = anonymous.Get(url);
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(after.body.find("UID:inbox-" + item_id + "@renkei"), std::string::npos) << after.body;
    EXPECT_EQ(after.body.find("BEGIN:VTODO"), std::string::npos);
    // The company lead's feed carries the report due, in Japanese.
    auto lead_feed = anonymous.Get(Str(lead->Post("/api/calendar/token", json::object{}).json().at("person_feed")));
    EXPECT_NE(lead_feed.body.find("SUMMARY:進捗報告の提出"), std::string::npos) << lead_feed.body;
}

TEST_F(BuildingApi, EventsHaveRegistrationAWaitingListThatMovesUpCheckInAndCsv) {
    json::object in{{"space_id", hall},        {"kind", "symposium"},      {"title_ja", "産学医連携シンポジウム"},
                    {"title_en", "Symposium"}, {"start", TokyoAt(10, 13)}, {"end", TokyoAt(10, 17)},
                    {"capacity", 1},           {"open_to_public", true},   {"tags", json::array{"precision_medicine"}}};
    EXPECT_EQ(clinician->Post("/api/events", in).status, 403);
    auto bad = office->Post("/api/events", json::object{{"space_id", hall},
                                                        {"kind", "party"},
                                                        {"title_ja", "x"},
                                                        {"start", TokyoAt(10, 13)},
                                                        {"end", TokyoAt(10, 17)},
                                                        {"capacity", 5}});
    EXPECT_EQ(bad.ErrorField(), "kind");
    auto created = office->Post("/api/events", in);
    ASSERT_EQ(created.status, 201) << created.body;
    std::string id = Str(created.json().at("id"));
    EXPECT_EQ(Book(*clinician, hall, TokyoAt(10, 14), TokyoAt(10, 15)).status, 409) << "the event holds the hall";

    auto first = clinician->Post("/api/events/" + id + "/registrations", json::object{});
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.json().at("status"), "registered");
    EXPECT_EQ(clinician->Post("/api/events/" + id + "/registrations", json::object{}).status, 409);
    auto second = researcher->Post("/api/events/" + id + "/registrations", json::object{});
    ASSERT_EQ(second.status, 201);
    EXPECT_EQ(second.json().at("status"), "waitlisted");
    EXPECT_EQ(second.json().at("waitlist_position"), 1);

    // A guest registers on the public page, without any session.
    Client guest(server->port());
    auto page = guest.Get("/api/public/events/" + id);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.json().at("title_ja"), "産学医連携シンポジウム");
    auto bad_guest = guest.Post("/api/public/events/" + id + "/registrations",
                                json::object{{"name", "高田 理恵"}, {"email", "not-an-email"}});
    EXPECT_EQ(bad_guest.ErrorField(), "email");
    auto g = guest.Post(
        "/api/public/events/" + id + "/registrations",
        json::object{{"name", "高田 理恵"}, {"affiliation", "東京医療機器株式会社"}, {"email", "takada@example.com"}});
    ASSERT_EQ(g.status, 201) << g.body;
    EXPECT_EQ(g.json().at("status"), "waitlisted");
    EXPECT_EQ(g.json().at("waitlist_position"), 2);

    // The registered clinician cancels: the first on the waiting list moves up and is told.
    ASSERT_EQ(clinician->Delete("/api/events/" + id + "/registrations/" + Str(first.json().at("id"))).status, 200);
    auto ev = researcher->Get("/api/events/" + id);
    EXPECT_EQ(ev.json().at("my_status"), "registered");
    EXPECT_EQ(ev.json().at("registered"), 1);
    EXPECT_EQ(ev.json().at("waitlisted"), 1);
    auto notes = researcher->Get("/api/notifications").json().at("items").as_array();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].at("kind"), "waitlist_promoted");

    // Registrations: the office only; check-in; CSV for Excel.
    EXPECT_EQ(researcher->Get("/api/events/" + id + "/registrations").status, 403);
    auto regs = office->Get("/api/events/" + id + "/registrations");
    ASSERT_EQ(regs.status, 200);
    auto items = regs.json().at("items").as_array();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].at("status"), "registered");
    EXPECT_EQ(
        researcher->Post("/api/events/" + id + "/registrations/" + Str(items[0].at("id")) + "/check-in", json::object{})
            .status,
        403);
    auto checked =
        office->Post("/api/events/" + id + "/registrations/" + Str(items[0].at("id")) + "/check-in", json::object{});
    ASSERT_EQ(checked.status, 200) << checked.body;
    EXPECT_FALSE(checked.json().at("checked_in_at").is_null());
    EXPECT_EQ(
        office->Post("/api/events/" + id + "/registrations/" + Str(items[1].at("id")) + "/check-in", json::object{})
            .status,
        409)
        << "the waiting list is not checked in";
    auto csv = office->Get("/api/events/" + id + "/registrations.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 BOM for Excel";
    EXPECT_NE(csv.headers["content-type"].find("text/csv"), std::string::npos);
    EXPECT_NE(csv.body.find("高田 理恵,東京医療機器株式会社,takada@example.com,ゲスト,キャンセル待ち,1"),
              std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find("\r\n"), std::string::npos);
    auto csv_en = office->Get("/api/events/" + id + "/registrations.csv?lang=en");
    EXPECT_EQ(csv_en.body.rfind("\xEF\xBB\xBFName,Affiliation,E-mail,Kind,Status,", 0), 0u) << csv_en.body;
    EXPECT_NE(csv_en.body.find("高田 理恵,東京医療機器株式会社,takada@example.com,guest,waitlisted,1"),
              std::string::npos)
        << csv_en.body;
    auto xlsx = office->Get("/api/events/" + id + "/registrations.xlsx");
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a zip (Office Open XML)";
    EXPECT_NE(xlsx.headers["content-disposition"].find("registrations.xlsx"), std::string::npos);
    auto strings = XlsxStrings(xlsx.body);
    EXPECT_NE(strings.find("参加登録"), std::string::npos) << strings.substr(0, 500);
    EXPECT_NE(strings.find("高田 理恵"), std::string::npos);
    EXPECT_EQ(researcher->Get("/api/events/" + id + "/registrations.xlsx").status, 403);

    // Members-only events have no public page.
    auto closed = office->Post("/api/events", json::object{{"space_id", other_room},
                                                           {"kind", "meetup"},
                                                           {"title_ja", "交流会"},
                                                           {"start", TokyoAt(11, 17)},
                                                           {"end", TokyoAt(11, 19)},
                                                           {"capacity", 10}});
    ASSERT_EQ(closed.status, 201) << closed.body;
    EXPECT_EQ(guest.Get("/api/public/events/" + Str(closed.json().at("id"))).status, 404);
    EXPECT_EQ(guest
                  .Post("/api/public/events/" + Str(closed.json().at("id")) + "/registrations",
                        json::object{{"name", "x"}, {"email", "x@example.com"}})
                  .status,
              404);
    auto listed = guest.Get("/api/public/events");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json().at("items").as_array().size(), 1u);

    // Cancelling the event frees the hall and tells registered members.
    auto cancel = office->Patch("/api/events/" + id, json::object{{"status", "cancelled"}});
    ASSERT_EQ(cancel.status, 200) << cancel.body;
    EXPECT_EQ(Book(*clinician, hall, TokyoAt(10, 14), TokyoAt(10, 15)).status, 201);
    EXPECT_EQ(researcher->Get("/api/notifications/unread-count").json().at("unread_count"), 2);
}

TEST_F(BuildingApi, NotificationsAreOnlyEverOnesOwn) {
    auto request = Book(*researcher, hall, TokyoAt(5, 13), TokyoAt(5, 17), "技術セミナー");
    ASSERT_EQ(office->Post("/api/bookings/" + Str(request.json().at("id")) + "/approve", json::object{}).status, 200);
    auto mine = researcher->Get("/api/notifications").json().at("items").as_array();
    ASSERT_EQ(mine.size(), 1u);
    std::string nid = Str(mine[0].at("id"));
    EXPECT_EQ(clinician->Post("/api/notifications/" + nid + "/read", json::object{}).status, 404);
    auto read = researcher->Post("/api/notifications/" + nid + "/read", json::object{});
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.json().at("read"), true);
    EXPECT_EQ(researcher->Get("/api/notifications/unread-count").json().at("unread_count"), 0);
    EXPECT_EQ(researcher->Get("/api/notifications?unread=true").json().at("items").as_array().size(), 0u);
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.Get("/api/notifications").status, 401);
}

}  // namespace
}  // namespace renkei::testing
