// The free-slot finder and booking attendees over HTTP: a person is busy during the bookings
// they organise or attend; GET /api/slots proposes times where a room and everybody are free.
// Runs on SQLite and PostgreSQL.
#include <chrono>
#include <cstdio>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

using namespace std::chrono;

std::string Str(const json::value& v) { return std::string(v.as_string()); }

// Days from today (Asia/Tokyo) to the n-th weekday that is at least two days ahead.
int WeekdayAhead(int n) {
    auto local_today = floor<days>(system_clock::now() + hours{9});
    int ahead = 2;
    for (;; ++ahead) {
        unsigned wd = weekday{local_today + days{ahead}}.iso_encoding();
        if (wd <= 5 && --n <= 0) return ahead;
    }
}

// "YYYY-MM-DDTHH:MM:00+09:00", `days_ahead` days after today in Asia/Tokyo.
std::string TokyoAt(int days_ahead, int hour, int minute = 0) {
    auto local_today = floor<days>(system_clock::now() + hours{9});
    year_month_day d{local_today + days{days_ahead}};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:00+09:00", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), hour, minute);
    return buf;
}

// The same instant as TokyoAt, in UTC as the API answers ("...Z").
std::string UtcAt(int days_ahead, int hour, int minute = 0) {
    auto local_today = floor<days>(system_clock::now() + hours{9});
    auto t = sys_seconds{local_today + days{days_ahead}} + hours{hour} + minutes{minute} - hours{9};
    auto d = floor<days>(t);
    year_month_day ymd{d};
    hh_mm_ss hms{t - d};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:00Z", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
    return buf;
}

std::string Q(const std::string& time) {  // a "+" in a query string must be %2B
    std::string out;
    for (char c : time) out += c == '+' ? std::string("%2B") : std::string(1, c);
    return out;
}

class BuildingSlots : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        ASSERT_EQ(
            admin->Request("PUT", "/api/floors/1F", R"({"name_ja":"1階","name_en":"1F","area_m2":888,"position":1})")
                .status,
            200);
        small_room = AddSpace("1F-MR1", "meeting_room", "会議室1", false, 6);
        big_room = AddSpace("1F-MR3", "meeting_room", "会議室3", false, 20);
        hall = AddSpace("1F-HALL", "hall", "ホール", true, 150);
        clinician_id = CreatePerson(*admin, "tanaka@test.example", {"clinician"});
        researcher_id = CreatePerson(*admin, "shimizu@test.example", {"company_researcher"});
        office_id = CreatePerson(*admin, "nakamura@test.example", {"office"});
        clinician = std::make_unique<Client>(server->port());
        clinician->Login("tanaka@test.example", "password-123");
        researcher = std::make_unique<Client>(server->port());
        researcher->Login("shimizu@test.example", "password-123");
        office = std::make_unique<Client>(server->port());
        office->Login("nakamura@test.example", "password-123");
        day = WeekdayAhead(1);
    }

    std::string AddSpace(const std::string& code, const std::string& kind, const std::string& name, bool approval,
                         int capacity) {
        auto r = admin->Post("/api/spaces", json::object{{"code", code},
                                                         {"floor", "1F"},
                                                         {"kind", kind},
                                                         {"name_ja", name},
                                                         {"name_en", code},
                                                         {"capacity", capacity},
                                                         {"bookable", true},
                                                         {"needs_approval", approval},
                                                         {"opens_at", "09:00"},
                                                         {"closes_at", "18:00"},
                                                         {"max_minutes", 240},
                                                         {"area_m2", 40}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? Str(r.json().at("id")) : "";
    }

    HttpResponse Slots(Client& c, const std::string& people, const std::string& from, const std::string& to,
                       const std::string& extra = "") {
        return c.Get("/api/slots?people=" + people + "&minutes=60&from=" + Q(from) + "&to=" + Q(to) + extra);
    }

    std::vector<std::string> Starts(const HttpResponse& r) {
        std::vector<std::string> out;
        auto body = r.json();
        for (const auto& s : body.at("slots").as_array()) out.push_back(Str(s.at("start")));
        return out;
    }

    std::string small_room, big_room, hall, clinician_id, researcher_id, office_id;
    std::unique_ptr<Client> clinician, researcher, office;
    int day = 2;
};

TEST_F(BuildingSlots, ABusyAttendeeRemovesTheSlotAndIntervalsAreHalfOpen) {
    // Before anything is booked, the first free hour is when the rooms open (09:00 Tokyo), in
    // the smallest room that fits.
    auto free = Slots(*office, clinician_id + "," + researcher_id, TokyoAt(day, 6), TokyoAt(day, 18));
    ASSERT_EQ(free.status, 200) << free.body;
    ASSERT_FALSE(free.json().at("slots").as_array().empty());
    auto first = free.json().at("slots").as_array()[0];
    EXPECT_EQ(Str(first.at("start")), UtcAt(day, 9)) << "opening hours in Asia/Tokyo";
    EXPECT_EQ(Str(first.at("end")), UtcAt(day, 10));
    EXPECT_EQ(Str(first.at("space_id")), small_room);
    EXPECT_EQ(Str(first.at("space_name_ja")), "会議室1");
    EXPECT_EQ(Str(first.at("space_name_en")), "1F-MR1");

    // The clinician books the big room 09:00–10:00 and invites the researcher.
    auto booked =
        clinician->Post("/api/bookings", json::object{{"space_id", big_room},
                                                      {"start", TokyoAt(day, 9)},
                                                      {"end", TokyoAt(day, 10)},
                                                      {"title", "共同研究 打合せ"},
                                                      {"purpose", "試作品の評価"},
                                                      {"attendee_ids", json::array{json::value(researcher_id)}}});
    ASSERT_EQ(booked.status, 201) << booked.body;
    EXPECT_EQ(booked.json().at("attendee_ids").as_array().size(), 1u);

    // The researcher is now busy 09:00–10:00: a meeting with the office starts at 10:00
    // (ending 10:00 and starting 10:00 do not clash).
    auto with_researcher = Slots(*office, researcher_id + "," + office_id, TokyoAt(day, 6), TokyoAt(day, 18));
    ASSERT_EQ(with_researcher.status, 200) << with_researcher.body;
    ASSERT_FALSE(Starts(with_researcher).empty());
    EXPECT_EQ(Starts(with_researcher)[0], UtcAt(day, 10));
    // The office alone is still free at 09:00 (in the small room; the big one is taken).
    auto office_alone = Slots(*office, office_id, TokyoAt(day, 6), TokyoAt(day, 18));
    ASSERT_EQ(Starts(office_alone)[0], UtcAt(day, 9));
    EXPECT_EQ(Str(office_alone.json().at("slots").as_array()[0].at("space_id")), small_room);
    // Twelve people do not fit the small room: the big one is busy at 09:00, free at 10:00.
    auto twelve = Slots(*office, office_id, TokyoAt(day, 6), TokyoAt(day, 18), "&min_capacity=12");
    ASSERT_EQ(twelve.status, 200) << twelve.body;
    ASSERT_FALSE(Starts(twelve).empty());
    EXPECT_EQ(Starts(twelve)[0], UtcAt(day, 10));
    EXPECT_EQ(Str(twelve.json().at("slots").as_array()[0].at("space_id")), big_room);

    // One day's window: at most two proposals, not overlapping.
    auto starts = Starts(with_researcher);
    ASSERT_EQ(starts.size(), 2u);
    EXPECT_EQ(starts[1], UtcAt(day, 11));

    // A cancelled booking no longer makes anybody busy.
    ASSERT_EQ(clinician->Delete("/api/bookings/" + Str(booked.json().at("id"))).status, 200);
    EXPECT_EQ(Starts(Slots(*office, researcher_id, TokyoAt(day, 6), TokyoAt(day, 18)))[0], UtcAt(day, 9));
}

TEST_F(BuildingSlots, SpacesThatNeedApprovalAreNeverProposed) {
    auto halls = Slots(*clinician, clinician_id, TokyoAt(day, 6), TokyoAt(day, 18), "&kind=hall");
    ASSERT_EQ(halls.status, 200) << halls.body;
    EXPECT_TRUE(halls.json().at("slots").as_array().empty()) << "the hall needs the office's approval";
    auto any = Slots(*clinician, clinician_id, TokyoAt(day, 6), TokyoAt(day + 7, 18), "&kind=&limit=20");
    ASSERT_EQ(any.status, 200) << any.body;
    ASSERT_FALSE(any.json().at("slots").as_array().empty());
    auto any_body = any.json();
    for (const auto& s : any_body.at("slots").as_array()) EXPECT_NE(Str(s.at("space_id")), hall);
    // The default kind is meeting_room.
    auto rooms = clinician->Get("/api/slots?people=" + clinician_id);
    ASSERT_EQ(rooms.status, 200) << rooms.body;
    auto rooms_body = rooms.json();
    for (const auto& s : rooms_body.at("slots").as_array()) EXPECT_NE(Str(s.at("space_id")), hall);
}

TEST_F(BuildingSlots, PendingRequestsMakeTheOrganiserBusyToo) {
    auto request = researcher->Post(
        "/api/bookings",
        json::object{
            {"space_id", hall}, {"start", TokyoAt(day, 9)}, {"end", TokyoAt(day, 12)}, {"title", "技術セミナー"}});
    ASSERT_EQ(request.status, 201) << request.body;
    EXPECT_EQ(request.json().at("status"), "pending");
    EXPECT_EQ(Starts(Slots(*office, researcher_id, TokyoAt(day, 6), TokyoAt(day, 18)))[0], UtcAt(day, 12));
}

TEST_F(BuildingSlots, BadQueriesAre422NamingTheField) {
    struct Case {
        std::string query, field;
    } cases[] = {
        {"people=nosuchperson0000", "people"},
        {"people=" + clinician_id + "&minutes=5", "minutes"},
        {"people=" + clinician_id + "&minutes=abc", "minutes"},
        {"people=" + clinician_id + "&from=" + Q(TokyoAt(day, 9)) + "&to=" + Q(TokyoAt(day + 40, 9)), "to"},
        {"people=" + clinician_id + "&from=" + Q(TokyoAt(day, 9)) + "&to=" + Q(TokyoAt(day, 8)), "to"},
        {"people=" + clinician_id + "&from=tomorrow", "from"},
        {"people=" + clinician_id + "&kind=castle", "kind"},
    };
    for (const auto& c : cases) {
        auto r = clinician->Get("/api/slots?" + c.query);
        EXPECT_EQ(r.status, 422) << c.query << " " << r.body;
        EXPECT_EQ(r.ErrorField(), c.field) << c.query;
    }
    std::string many;
    for (int i = 0; i < 21; ++i) many += (i ? "," : "") + clinician_id;
    auto r = clinician->Get("/api/slots?people=" + many);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.ErrorField(), "people");
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.Get("/api/slots?people=" + clinician_id).status, 401);
    // An unencoded "+09:00" (read as a space) is understood too.
    auto plus =
        clinician->Get("/api/slots?people=" + clinician_id + "&from=" + TokyoAt(day, 6) + "&to=" + TokyoAt(day, 18));
    EXPECT_EQ(plus.status, 200) << plus.body;
}

TEST_F(BuildingSlots, AttendeesAreValidatedNotifiedAndSeeTheBookingAsTheirOwn) {
    auto unknown = clinician->Post("/api/bookings", json::object{{"space_id", big_room},
                                                                 {"start", TokyoAt(day, 13)},
                                                                 {"end", TokyoAt(day, 14)},
                                                                 {"title", "打合せ"},
                                                                 {"attendee_ids", json::array{"nosuchperson0000"}}});
    EXPECT_EQ(unknown.status, 422) << unknown.body;
    EXPECT_EQ(unknown.ErrorField(), "attendee_ids");
    auto not_a_list = clinician->Post("/api/bookings", json::object{{"space_id", big_room},
                                                                    {"start", TokyoAt(day, 13)},
                                                                    {"end", TokyoAt(day, 14)},
                                                                    {"title", "打合せ"},
                                                                    {"attendee_ids", researcher_id}});
    EXPECT_EQ(not_a_list.ErrorField(), "attendee_ids");

    auto booked = clinician->Post(
        "/api/bookings",
        json::object{{"space_id", big_room},
                     {"start", TokyoAt(day, 13)},
                     {"end", TokyoAt(day, 14)},
                     {"title", "臨床ニーズ面談"},
                     {"purpose", "秘密の議題"},
                     {"attendee_ids", json::array{json::value(researcher_id), json::value(clinician_id)}}});
    ASSERT_EQ(booked.status, 201) << booked.body;
    std::string id = Str(booked.json().at("id"));
    EXPECT_EQ(booked.json().at("attendee_ids").as_array().size(), 1u) << "the organiser is not their own attendee";

    // The attendee is told, sees it among "my bookings" with its details, and in their feed.
    auto notes = researcher->Get("/api/notifications").json().at("items").as_array();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].at("kind"), "booking_invited");
    EXPECT_NE(Str(notes[0].at("title_ja")).find("臨床ニーズ面談"), std::string::npos);
    auto mine = researcher->Get("/api/bookings?mine=true&from=" + TokyoAt(0, 0).substr(0, 10) +
                                "&to=" + TokyoAt(day + 3, 0).substr(0, 10));
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_EQ(mine.json().at("items").as_array().size(), 1u);
    auto item = mine.json().at("items").as_array()[0];
    EXPECT_EQ(item.at("purpose"), "秘密の議題") << "attendees see the details like the organiser";
    EXPECT_EQ(item.at("can_cancel"), false) << "only the organiser and the office cancel";
    ASSERT_EQ(item.at("attendee_people").as_array().size(), 1u);
    EXPECT_EQ(item.at("attendee_people").as_array()[0].at("id"), json::value(researcher_id));
    // Somebody else sees who booked the room, not the purpose or who attends.
    auto other = office->Get("/api/bookings/" + id);
    EXPECT_EQ(other.json().at("purpose"), "秘密の議題") << "the office sees everything";
    auto token = researcher->Post("/api/calendar/token", json::object{});
    ASSERT_EQ(token.status, 201);
    Client anonymous(server->port());
    auto feed = anonymous.Get(Str(token.json().at("person_feed")));
    ASSERT_EQ(feed.status, 200);
    EXPECT_NE(feed.body.find("臨床ニーズ面談"), std::string::npos) << "the attendee's feed has the booking";

    // A third person sees neither purpose nor attendees.
    CreatePerson(*admin, "mori@test.example", {"company_researcher"});
    Client third(server->port());
    third.Login("mori@test.example", "password-123");
    auto seen = third.Get("/api/bookings/" + id);
    ASSERT_EQ(seen.status, 200);
    EXPECT_TRUE(seen.json().at("purpose").is_null());
    EXPECT_TRUE(seen.json().at("attendee_ids").is_null());

    // When the organiser cancels, the attendee is told.
    ASSERT_EQ(clinician->Delete("/api/bookings/" + id).status, 200);
    auto after = researcher->Get("/api/notifications").json().at("items").as_array();
    ASSERT_EQ(after.size(), 2u);
    bool told = false;
    for (const auto& n : after) told = told || n.at("kind") == "booking_cancelled";
    EXPECT_TRUE(told);
}

// Series approval and the waiting list seen by members and guests.
class BuildingSeries : public BuildingSlots {};

TEST_F(BuildingSeries, TheOfficeDecidesARecurringRequestAsAWholeAndTheRequesterIsToldOnce) {
    auto request =
        researcher->Post("/api/bookings", json::object{{"space_id", hall},
                                                       {"start", TokyoAt(day, 13)},
                                                       {"end", TokyoAt(day, 15)},
                                                       {"title", "連続講座"},
                                                       {"recurrence", json::object{{"freq", "weekly"}, {"count", 4}}}});
    ASSERT_EQ(request.status, 201) << request.body;
    auto occurrences = request.json().at("occurrences").as_array();
    ASSERT_EQ(occurrences.size(), 4u);
    for (const auto& o : occurrences) EXPECT_EQ(o.at("status"), "pending");
    std::string first_id = Str(occurrences[0].at("id")), third_id = Str(occurrences[2].at("id"));

    // The office uses the hall during the third occurrence: approving the series is refused
    // whole, listing the clash, and nothing changes.
    auto office_use = office->Post("/api/bookings", json::object{{"space_id", hall},
                                                                 {"start", occurrences[2].at("start")},
                                                                 {"end", occurrences[2].at("end")},
                                                                 {"title", "設営"}});
    ASSERT_EQ(office_use.status, 201) << office_use.body;
    EXPECT_EQ(office_use.json().at("status"), "confirmed");
    EXPECT_EQ(researcher->Post("/api/bookings/" + first_id + "/approve", json::object{{"scope", "series"}}).status,
              403);
    auto refused = office->Post("/api/bookings/" + first_id + "/approve", json::object{{"scope", "series"}});
    ASSERT_EQ(refused.status, 409) << refused.body;
    ASSERT_EQ(refused.json().at("conflicts").as_array().size(), 1u);
    EXPECT_EQ(refused.json().at("conflicts").as_array()[0].at("booking").at("id"), office_use.json().at("id"));
    auto still = office->Get("/api/bookings?status=pending&from=" + TokyoAt(0, 0).substr(0, 10) +
                             "&to=" + TokyoAt(day + 30, 0).substr(0, 10));
    EXPECT_EQ(still.json().at("items").as_array().size(), 4u) << "nothing was approved";

    // Per occurrence is still possible: the third is declined; then the rest in one click.
    auto one = office->Post("/api/bookings/" + third_id + "/decline", json::object{{"reason", "設営日のため"}});
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.json().at("occurrences").as_array().size(), 1u);
    auto approved = office->Post("/api/bookings/" + first_id + "/approve", json::object{{"scope", "series"}});
    ASSERT_EQ(approved.status, 200) << approved.body;
    auto decided = approved.json().at("occurrences").as_array();
    ASSERT_EQ(decided.size(), 3u);
    for (const auto& b : decided) EXPECT_EQ(b.at("status"), "confirmed");

    auto notes = researcher->Get("/api/notifications").json().at("items").as_array();
    ASSERT_EQ(notes.size(), 2u) << "one for the declined occurrence, one for the approved series";
    // Both within one second: their order is not part of the test.
    const auto& approved_note = notes[0].at("kind") == "booking_approved" ? notes[0] : notes[1];
    const auto& declined_note = notes[0].at("kind") == "booking_approved" ? notes[1] : notes[0];
    EXPECT_EQ(approved_note.at("kind"), "booking_approved");
    EXPECT_NE(Str(approved_note.at("title_ja")).find("全3回"), std::string::npos) << Str(approved_note.at("title_ja"));
    EXPECT_EQ(declined_note.at("kind"), "booking_declined");

    // A second series declined as a whole: one notification.
    auto second =
        researcher->Post("/api/bookings", json::object{{"space_id", hall},
                                                       {"start", TokyoAt(day, 16)},
                                                       {"end", TokyoAt(day, 17)},
                                                       {"title", "勉強会"},
                                                       {"recurrence", json::object{{"freq", "daily"}, {"count", 3}}}});
    ASSERT_EQ(second.status, 201) << second.body;
    std::string second_id = Str(second.json().at("id"));
    EXPECT_EQ(office->Post("/api/bookings/" + second_id + "/decline", json::object{{"reason", "x"}, {"scope", "all"}})
                  .ErrorField(),
              "scope");
    auto declined = office->Post("/api/bookings/" + second_id + "/decline",
                                 json::object{{"reason", "改修工事"}, {"scope", "series"}});
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(declined.json().at("occurrences").as_array().size(), 3u);
    EXPECT_EQ(researcher->Get("/api/notifications").json().at("items").as_array().size(), 3u);

    // A single booking has no series.
    auto single = researcher->Post(
        "/api/bookings",
        json::object{
            {"space_id", hall}, {"start", TokyoAt(day + 1, 9)}, {"end", TokyoAt(day + 1, 10)}, {"title", "単発"}});
    ASSERT_EQ(single.status, 201) << single.body;
    auto no_series =
        office->Post("/api/bookings/" + Str(single.json().at("id")) + "/approve", json::object{{"scope", "series"}});
    EXPECT_EQ(no_series.status, 422);
    EXPECT_EQ(no_series.ErrorField(), "scope");
}

TEST_F(BuildingSeries, MembersAndGuestsSeeTheirOwnPlaceOnTheWaitingList) {
    auto created = office->Post("/api/events", json::object{{"space_id", big_room},
                                                            {"kind", "seminar"},
                                                            {"title_ja", "少人数セミナー"},
                                                            {"start", TokyoAt(day, 15)},
                                                            {"end", TokyoAt(day, 17)},
                                                            {"capacity", 1},
                                                            {"open_to_public", true}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string id = Str(created.json().at("id"));
    EXPECT_TRUE(clinician->Get("/api/events/" + id).json().at("my_registration").is_null());
    auto first = clinician->Post("/api/events/" + id + "/registrations", json::object{});
    ASSERT_EQ(first.status, 201) << first.body;
    ASSERT_EQ(researcher->Post("/api/events/" + id + "/registrations", json::object{}).status, 201);

    // After a reload the member sees their own state and place.
    auto mine = researcher->Get("/api/events/" + id).json().at("my_registration");
    EXPECT_EQ(mine.at("status"), "waitlisted");
    EXPECT_EQ(mine.at("waitlist_position"), 1);
    EXPECT_EQ(clinician->Get("/api/events/" + id).json().at("my_registration").at("status"), "registered");

    // A guest gets a secret link to their own registration.
    Client guest(server->port());
    auto g = guest.Post(
        "/api/public/events/" + id + "/registrations",
        json::object{{"name", "高田 理恵"}, {"affiliation", "東京医療機器"}, {"email", "takada@example.com"}});
    ASSERT_EQ(g.status, 201) << g.body;
    EXPECT_EQ(g.json().at("waitlist_position"), 2);
    std::string token = Str(g.json().at("cancel_token"));
    ASSERT_GE(token.size(), 20u);
    EXPECT_EQ(Str(g.json().at("manage_url")), "/public/events/" + id + "?registration=" + token);
    auto state = [&] { return guest.Get("/api/public/events/" + id + "/registration?token=" + token); };
    ASSERT_EQ(state().status, 200) << state().body;
    EXPECT_EQ(state().json().at("waitlist_position"), 2);
    EXPECT_EQ(guest.Get("/api/public/events/" + id + "/registration?token=wrong-token").status, 404);
    EXPECT_EQ(guest.Get("/api/public/events/" + id + "/registration").status, 404);

    // The waitlisted member leaves: the guest moves to first place; the registered one leaves:
    // the guest gets the place.
    ASSERT_EQ(researcher->Delete("/api/events/" + id + "/registrations/" + Str(mine.at("id"))).status, 200);
    EXPECT_EQ(state().json().at("waitlist_position"), 1);
    EXPECT_TRUE(researcher->Get("/api/events/" + id).json().at("my_registration").is_null());
    ASSERT_EQ(clinician->Delete("/api/events/" + id + "/registrations/" + Str(first.json().at("id"))).status, 200);
    EXPECT_EQ(state().json().at("status"), "registered");
    EXPECT_EQ(state().json().at("waitlist_position"), 0);

    // The guest cancels with the link; the link cannot be used twice or guessed.
    EXPECT_EQ(guest.Post("/api/public/events/" + id + "/registration/cancel", json::object{{"token", "nope"}}).status,
              404);
    EXPECT_EQ(guest.Post("/api/public/events/" + id + "/registration/cancel", json::object{}).ErrorField(), "token");
    auto cancelled = guest.Post("/api/public/events/" + id + "/registration/cancel", json::object{{"token", token}});
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.json().at("status"), "cancelled");
    EXPECT_EQ(guest.Post("/api/public/events/" + id + "/registration/cancel", json::object{{"token", token}}).status,
              409);
    EXPECT_EQ(office->Get("/api/events/" + id).json().at("registered"), 0);
}

}  // namespace
}  // namespace renkei::testing
