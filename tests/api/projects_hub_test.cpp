// Projects as the hub, over HTTP: editing a project after its proposal, links to needs and seeds
// (with confidential seeds hidden from those who may not see them), introductions that lead to
// projects, and progress review meetings with minutes, decisions and tasks. SQLite and PostgreSQL.
#include <chrono>
#include <ctime>

#include "tests/api/harness.hpp"

namespace renkei::testing {
namespace {

std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

// An RFC 3339 moment `days` days from now at hh:mm UTC.
std::string At(int days, int hour, int minute = 0) {
    auto t = std::chrono::system_clock::now() + std::chrono::hours{24 * days};
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, hour,
                  minute);
    return buf;
}
std::string DateIn(int days) { return At(days, 0).substr(0, 10); }

bool HasId(const json::value& items, const std::string& key, const std::string& id) {
    for (const auto& i : items.as_array())
        if (S(i.at(key)) == id) return true;
    return false;
}

class ProjectsHub : public ApiTest {
  protected:
    void SetUp() override {
        ApiTest::SetUp();
        hospital_ = Org("慶應義塾大学病院", "hospital");
        company_a_ = Org("JSR株式会社", "company");
        company_b_ = Org("信濃町メディテック株式会社", "company");
        clinician_id = Person("pi@test.example", {"clinician"}, hospital_);
        lead_id = Person("lead@test.example", {"company_researcher"}, company_a_);
        partner_id = Person("partner@test.example", {"company_researcher"}, company_b_);
        member_id = Person("member@test.example", {"researcher"}, hospital_);
        office_id = Person("office@test.example", {"office"}, "");
        committee_id = Person("committee@test.example", {"committee"}, "");
        outsider_id = Person("outsider@test.example", {"clinician"}, hospital_);
        pi = Login("pi@test.example");
        lead = Login("lead@test.example");
        partner = Login("partner@test.example");
        member = Login("member@test.example");
        office = Login("office@test.example");
        committee = Login("committee@test.example");
        outsider = Login("outsider@test.example");
    }
    json::object Proposal(json::array links = {}) {
        return json::object{{"kind", "joint"},
                            {"title_ja", "ハイドロゲル創傷被覆材の共同研究"},
                            {"aims", "褥瘡の浸出液を吸収し交換回数を減らす"},
                            {"pi_id", clinician_id},
                            {"company_lead_id", lead_id},
                            {"members", json::array{json::object{{"person_id", member_id}, {"role", "researcher"}}}},
                            {"links", std::move(links)}};
    }
    std::string Active(json::array links = {}) {
        auto r = lead->Post("/api/projects", Proposal(std::move(links)));
        EXPECT_EQ(r.status, 201) << r.body;
        std::string id = S(r.json().at("id"));
        EXPECT_EQ(committee->Post("/api/projects/" + id + "/decision", json::object{{"decision", "approve"}}).status,
                  200);
        return id;
    }
    std::string PostNeed(Client& c, const std::string& title) {
        auto r = c.Post(
            "/api/exchange/needs",
            json::object{{"title", title}, {"problem", "浸出液が多くガーゼ交換が頻回"}, {"area", "medical_device"}});
        EXPECT_EQ(r.status, 201) << r.body;
        return S(r.json().at("id"));
    }
    std::string PostSeed(Client& c, const std::string& title, bool confidential) {
        auto r = c.Post("/api/exchange/seeds", json::object{{"kind", "material"},
                                                            {"title", title},
                                                            {"description", "高吸水性のハイドロゲル"},
                                                            {"confidential", confidential}});
        EXPECT_EQ(r.status, 201) << r.body;
        return S(r.json().at("id"));
    }
    json::array AuditActions(const std::string& entity, const std::string& id) {
        auto r = admin->Get("/api/audit?entity=" + entity + "&entity_id=" + id);
        EXPECT_EQ(r.status, 200) << r.body;
        json::array out;
        auto body = r.json();
        for (const auto& e : body.at("items").as_array()) out.push_back(e.at("action"));
        return out;
    }
    static bool Has(const json::array& a, const std::string& v) {
        for (const auto& x : a)
            if (S(x) == v) return true;
        return false;
    }
    std::string hospital_, company_a_, company_b_;
    std::string clinician_id, lead_id, partner_id, member_id, office_id, committee_id, outsider_id;
    std::unique_ptr<Client> pi, lead, partner, member, office, committee, outsider;
};

TEST_F(ProjectsHub, PiLeadAndOfficeEditAProjectAfterItsProposalAndEveryEditIsAudited) {
    auto id = Active();
    auto path = "/api/projects/" + id;
    auto r = pi->Patch(
        path,
        json::object{{"title_ja", "ハイドロゲル被覆材（改題）"},
                     {"aims", "交換回数を半分にする"},
                     {"kind", "open_call"},
                     {"members", json::array{json::object{{"person_id", clinician_id}, {"role", "pi"}},
                                             json::object{{"person_id", lead_id}, {"role", "company_lead"}},
                                             json::object{{"person_id", partner_id}, {"role", "co_investigator"}}}},
                     {"organisations", json::array{json::object{{"organisation_id", company_a_}, {"role", "sponsor"}},
                                                   json::object{{"organisation_id", company_b_}, {"role", "partner"}}}},
                     {"budgets", json::array{json::object{{"fiscal_year", 2026}, {"amount_yen", 3000000}},
                                             json::object{{"fiscal_year", 2027}, {"amount_yen", 5000000}}}}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto p = r.json();
    EXPECT_EQ(S(p.at("title_ja")), "ハイドロゲル被覆材（改題）");
    EXPECT_EQ(S(p.at("kind")), "open_call");
    EXPECT_EQ(p.at("members").as_array().size(), 3u) << "the member left, the partner joined";
    EXPECT_EQ(p.at("organisations").as_array().size(), 2u);
    EXPECT_EQ(p.at("budgets").as_array().size(), 2u);
    EXPECT_EQ(member->Get(path).json().at("access"), "summary") << "a removed member sees the summary only";

    // A new company lead takes over the next progress report.
    auto due = [&](Client& c) {
        auto inbox = c.Get("/api/inbox").json();
        int n = 0;
        for (const auto& i : inbox.at("items").as_array()) n += i.at("kind") == "projects.report_due";
        return n;
    };
    EXPECT_EQ(due(*lead), 1);
    ASSERT_EQ(
        office
            ->Patch(path,
                    json::object{
                        {"members", json::array{json::object{{"person_id", clinician_id}, {"role", "pi"}},
                                                json::object{{"person_id", partner_id}, {"role", "company_lead"}}}}})
            .status,
        200);
    EXPECT_EQ(due(*lead), 0);
    EXPECT_EQ(due(*partner), 1);
    ASSERT_EQ(
        office
            ->Patch(path,
                    json::object{
                        {"members", json::array{json::object{{"person_id", clinician_id}, {"role", "pi"}},
                                                json::object{{"person_id", lead_id}, {"role", "company_lead"}},
                                                json::object{{"person_id", partner_id}, {"role", "co_investigator"}}}}})
            .status,
        200);
    EXPECT_EQ(due(*lead), 1);
    EXPECT_EQ(due(*partner), 0);

    EXPECT_EQ(lead->Patch(path, json::object{{"title_en", "Hydrogel dressing"}}).status, 200);
    EXPECT_EQ(office->Patch(path, json::object{{"public_summary", "創傷被覆材の共同研究"}}).status, 200);
    EXPECT_EQ(partner->Patch(path, json::object{{"title_ja", "x"}}).status, 403) << "a co-investigator does not edit";
    EXPECT_EQ(committee->Patch(path, json::object{{"title_ja", "x"}}).status, 403);
    EXPECT_EQ(outsider->Patch(path, json::object{{"title_ja", "x"}}).status, 403);

    EXPECT_EQ(pi->Patch(path, json::object{{"title_ja", "  "}}).ErrorField(), "title_ja");
    EXPECT_EQ(
        pi->Patch(path, json::object{{"budgets", json::array{json::object{{"fiscal_year", 1999}, {"amount_yen", 1}}}}})
            .ErrorField(),
        "budgets");
    EXPECT_EQ(
        pi->Patch(path, json::object{{"budgets", json::array{json::object{{"fiscal_year", 2026}, {"amount_yen", 1}},
                                                             json::object{{"fiscal_year", 2026}, {"amount_yen", 2}}}}})
            .ErrorField(),
        "budgets");
    EXPECT_EQ(pi->Patch(path, json::object{{"members", json::array{json::object{{"person_id", lead_id},
                                                                                {"role", "company_lead"}}}}})
                  .ErrorField(),
              "pi_id")
        << "a project keeps exactly one PI";
    EXPECT_EQ(pi->Patch(path, json::object{{"organisations", json::array{json::object{{"organisation_id", company_a_},
                                                                                      {"role", "owner"}}}}})
                  .ErrorField(),
              "organisations");
    EXPECT_EQ(pi->Patch(path, json::object{{"kind", "strategic"}}).ErrorField(), "area_code");

    auto actions = AuditActions("project", id);
    int updates = 0;
    for (const auto& a : actions) updates += S(a) == "update";
    EXPECT_EQ(updates, 5) << "five accepted edits, refused ones leave no trace";
}

TEST_F(ProjectsHub, LinkedNeedsAndSeedsShowOnlyWhatTheViewerMaySee) {
    auto need = PostNeed(*pi, "褥瘡の浸出液でガーゼ交換が大変");
    auto secret = PostSeed(*lead, "新規ハイドロゲル（社外秘）", true);
    auto open_seed = PostSeed(*partner, "吸水ポリマー不織布", false);
    auto id = Active(json::array{json::object{{"kind", "need"}, {"target_id", need}},
                                 json::object{{"kind", "seed"}, {"target_id", secret}},
                                 json::object{{"kind", "seed"}, {"target_id", open_seed}}});
    auto path = "/api/projects/" + id;

    auto as_lead = lead->Get(path).json();
    ASSERT_EQ(as_lead.at("links").as_array().size(), 3u) << S(as_lead.at("links"));
    auto as_pi = pi->Get(path).json();
    EXPECT_EQ(as_pi.at("links").as_array().size(), 2u) << "the PI is not covered by company A's agreement";
    EXPECT_FALSE(HasId(as_pi.at("links"), "target_id", secret));
    EXPECT_TRUE(HasId(as_pi.at("links"), "target_id", need));
    for (const auto& l : as_pi.at("links").as_array()) EXPECT_FALSE(S(l.at("title")).empty());
    EXPECT_EQ(as_pi.at("links").as_array()[0].at("title"), "褥瘡の浸出液でガーゼ交換が大変");
    EXPECT_EQ(S(as_pi).find("社外秘"), std::string::npos) << "no trace of the confidential seed";
    EXPECT_EQ(outsider->Get(path).json().as_object().count("links"), 0u) << "non-members see the summary only";

    // The PI edits the links they see; the confidential one stays.
    ASSERT_EQ(pi->Patch(path, json::object{{"links", json::array{json::object{{"kind", "need"}, {"target_id", need}}}}})
                  .status,
              200);
    auto after = lead->Get(path).json().at("links");
    EXPECT_EQ(after.as_array().size(), 2u);
    EXPECT_TRUE(HasId(after, "target_id", secret));
    EXPECT_FALSE(HasId(after, "target_id", open_seed));
    // A seed the caller may not see, or one that does not exist, cannot be linked.
    EXPECT_EQ(
        pi->Patch(path, json::object{{"links", json::array{json::object{{"kind", "seed"}, {"target_id", secret}}}}})
            .ErrorField(),
        "links");
    EXPECT_EQ(
        pi->Patch(path, json::object{{"links", json::array{json::object{{"kind", "need"}, {"target_id", "nope"}}}}})
            .ErrorField(),
        "links");
    EXPECT_EQ(
        pi->Patch(path, json::object{{"links", json::array{json::object{{"kind", "contract"}, {"target_id", need}}}}})
            .ErrorField(),
        "links");

    // The need and the seed show the projects they led to.
    auto by_need = outsider->Get("/api/projects?need=" + need);
    ASSERT_EQ(by_need.status, 200) << by_need.body;
    EXPECT_TRUE(HasId(by_need.json().at("items"), "id", id));
    EXPECT_TRUE(HasId(lead->Get("/api/projects?seed=" + secret).json().at("items"), "id", id));
    EXPECT_EQ(pi->Get("/api/projects?seed=" + secret).status, 404) << "the seed does not exist for the PI";
    EXPECT_EQ(pi->Get("/api/projects?need=" + need + "&seed=" + open_seed).ErrorField(), "seed");
    EXPECT_TRUE(pi->Get("/api/projects?seed=" + open_seed).json().at("items").as_array().empty());
}

TEST_F(ProjectsHub, AnAcceptedIntroductionLeadsToAProposalOrAnExistingProject) {
    auto need = PostNeed(*pi, "寝たきり患者の床ずれ対策");
    auto seed = PostSeed(*lead, "吸水ゲルシート", false);
    auto intro =
        lead->Post("/api/exchange/introductions",
                   json::object{{"item_type", "need"}, {"item_id", need}, {"via_type", "seed"}, {"via_id", seed}});
    ASSERT_EQ(intro.status, 201) << intro.body;
    std::string intro_id = S(intro.json().at("id"));

    auto body = Proposal(json::array{json::object{{"kind", "need"}, {"target_id", need}},
                                     json::object{{"kind", "seed"}, {"target_id", seed}}});
    body["introduction_id"] = intro_id;
    EXPECT_EQ(pi->Post("/api/projects", body).status, 409) << "the introduction is not accepted yet";
    ASSERT_EQ(pi->Post("/api/exchange/introductions/" + intro_id + "/accept", json::object{}).status, 200);
    body["introduction_id"] = "unknown";
    EXPECT_EQ(pi->Post("/api/projects", body).status, 404);
    body["introduction_id"] = intro_id;
    EXPECT_EQ(outsider->Post("/api/projects", body).status, 404) << "not a party of the introduction";
    auto created = pi->Post("/api/projects", body);
    ASSERT_EQ(created.status, 201) << created.body;
    std::string project = S(created.json().at("id"));
    auto i = lead->Get("/api/exchange/introductions/" + intro_id).json();
    EXPECT_EQ(S(i.at("project_id")), project);
    EXPECT_EQ(S(i.at("outcome")), "project_proposal");
    EXPECT_TRUE(HasId(pi->Get("/api/projects?need=" + need).json().at("items"), "id", project));

    // A second introduction is linked to an existing, active project: the outcome is "started".
    auto other_need = PostNeed(*outsider, "おむつ内の皮膚トラブル");
    auto intro2 =
        lead->Post("/api/exchange/introductions", json::object{{"item_type", "need"}, {"item_id", other_need}});
    ASSERT_EQ(intro2.status, 201);
    std::string intro2_id = S(intro2.json().at("id"));
    ASSERT_EQ(outsider->Post("/api/exchange/introductions/" + intro2_id + "/accept", json::object{}).status, 200);
    auto active = Active();
    EXPECT_EQ(
        member->Post("/api/projects/" + active + "/introductions", json::object{{"introduction_id", intro2_id}}).status,
        403);
    EXPECT_EQ(
        pi->Post("/api/projects/" + active + "/introductions", json::object{{"introduction_id", intro2_id}}).status,
        404)
        << "the PI is not a party of that introduction";
    auto linked =
        lead->Post("/api/projects/" + active + "/introductions", json::object{{"introduction_id", intro2_id}});
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_TRUE(HasId(linked.json().at("links"), "target_id", other_need)) << "the need joined the links";
    auto i2 = outsider->Get("/api/exchange/introductions/" + intro2_id).json();
    EXPECT_EQ(S(i2.at("outcome")), "project_started");
    EXPECT_EQ(S(i2.at("project_id")), active);
    EXPECT_TRUE(Has(AuditActions("project", active), "link_introduction"));
}

TEST_F(ProjectsHub, ReviewMeetingsRecordMinutesAndDecisionsThatBecomeTasks) {
    auto id = Active();
    auto base = "/api/projects/" + id + "/meetings";
    json::object meeting{{"title", "第1回 進捗レビュー"},
                         {"attendee_ids", json::array{lead_id, member_id}},
                         {"start", At(7, 1)},
                         {"end", At(7, 2)}};
    EXPECT_EQ(outsider->Post(base, meeting).status, 403);
    EXPECT_EQ(committee->Post(base, meeting).status, 403) << "the committee reads, members meet";
    auto bad = meeting;
    bad["attendee_ids"] = json::array{outsider_id};
    EXPECT_EQ(pi->Post(base, bad).ErrorField(), "attendee_ids");
    bad = meeting;
    bad["end"] = At(7, 0);
    EXPECT_EQ(pi->Post(base, bad).ErrorField(), "end");
    bad = meeting;
    bad["start"] = At(7, 1, 7);
    EXPECT_EQ(pi->Post(base, bad).ErrorField(), "start");
    bad = meeting;
    bad["start"] = "tomorrow";
    EXPECT_EQ(pi->Post(base, bad).ErrorField(), "start");

    auto r = pi->Post(base, meeting);
    ASSERT_EQ(r.status, 201) << r.body;
    std::string mid = S(r.json().at("id"));
    EXPECT_EQ(r.json().at("attendees").as_array().size(), 3u) << "the PI joins their own meeting";
    EXPECT_EQ(r.json().at("status"), "planned");
    auto mpath = base + "/" + mid;
    auto notes = member->Get("/api/notifications").json();
    EXPECT_NE(S(notes).find("第1回 進捗レビュー"), std::string::npos) << "attendees are told: " << S(notes);

    auto minutes = member->Patch(
        mpath, json::object{{"minutes", "試作3号の吸水量を確認。\n次回までに動物試験計画。"}, {"status", "held"}});
    ASSERT_EQ(minutes.status, 200) << minutes.body;
    EXPECT_EQ(minutes.json().at("status"), "held");
    EXPECT_EQ(member->Patch(mpath, json::object{{"status", "done"}}).ErrorField(), "status");
    EXPECT_EQ(outsider->Patch(mpath, json::object{{"minutes", "x"}}).status, 403);

    // A decision, then a decision that is a task at once.
    auto d1 = member->Post(mpath + "/decisions", json::object{{"text", "動物試験の計画書を作成する"}});
    ASSERT_EQ(d1.status, 201) << d1.body;
    std::string decision = S(d1.json().at("decisions").as_array()[0].at("id"));
    EXPECT_EQ(
        member->Post(mpath + "/decisions", json::object{{"text", "x"}, {"owner_id", lead_id}, {"due_on", DateIn(14)}})
            .status,
        403)
        << "tasks are milestones: the PI, the company lead or the office plan them";
    EXPECT_EQ(pi->Post(mpath + "/decisions", json::object{{"text", "x"}, {"owner_id", lead_id}}).ErrorField(),
              "due_on");
    EXPECT_EQ(
        pi->Post(mpath + "/decisions", json::object{{"text", "x"}, {"owner_id", outsider_id}, {"due_on", DateIn(3)}})
            .ErrorField(),
        "owner_id");
    EXPECT_EQ(pi->Post(mpath + "/decisions", json::object{{"text", " "}}).ErrorField(), "text");
    auto d2 = pi->Post(mpath + "/decisions",
                       json::object{{"text", "試作4号を納品する"}, {"owner_id", lead_id}, {"due_on", DateIn(14)}});
    ASSERT_EQ(d2.status, 201) << d2.body;
    auto decisions = d2.json().at("decisions").as_array();
    ASSERT_EQ(decisions.size(), 2u);
    EXPECT_EQ(S(decisions[1].at("task").at("owner").at("id")), lead_id);
    EXPECT_EQ(S(decisions[1].at("task").at("due_on")), DateIn(14));

    // The task is in the owner's inbox and among the milestones.
    bool found = false;
    auto inbox = lead->Get("/api/inbox").json();
    for (const auto& item : inbox.at("items").as_array())
        found = found || (item.at("kind") == "projects.milestone_due" &&
                          S(item.at("title_ja")).find("試作4号") != std::string::npos);
    EXPECT_TRUE(found) << lead->Get("/api/inbox").body;
    EXPECT_EQ(pi->Get("/api/projects/" + id + "/milestones").json().at("items").as_array().size(), 1u);

    // The first decision becomes a task later, once.
    auto t = lead->Post(mpath + "/decisions/" + decision + "/task",
                        json::object{{"owner_id", clinician_id}, {"due_on", DateIn(21)}});
    ASSERT_EQ(t.status, 200) << t.body;
    EXPECT_EQ(S(t.json().at("decisions").as_array()[0].at("task").at("owner").at("id")), clinician_id);
    EXPECT_EQ(lead->Post(mpath + "/decisions/" + decision + "/task",
                         json::object{{"owner_id", clinician_id}, {"due_on", DateIn(21)}})
                  .status,
              409);
    EXPECT_EQ(
        lead->Post(mpath + "/decisions/nope/task", json::object{{"owner_id", clinician_id}, {"due_on", DateIn(21)}})
            .status,
        404);

    auto list = committee->Get(base);
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.json().at("items").as_array().size(), 1u);
    EXPECT_EQ(outsider->Get(base).status, 403);
    auto actions = AuditActions("project_meeting", mid);
    EXPECT_TRUE(Has(actions, "create"));
    EXPECT_TRUE(Has(actions, "update"));
    EXPECT_TRUE(Has(AuditActions("project_meeting_decision", decision), "make_task"));

    // Cancelled meetings take no decisions and stay cancelled.
    ASSERT_EQ(pi->Patch(mpath, json::object{{"status", "cancelled"}}).status, 200);
    EXPECT_EQ(pi->Post(mpath + "/decisions", json::object{{"text", "y"}}).status, 409);
    EXPECT_EQ(pi->Patch(mpath, json::object{{"status", "planned"}}).status, 409);
}

TEST_F(ProjectsHub, AReviewMeetingBooksARoomAndCancellingFreesIt) {
    ASSERT_EQ(admin->Request("PUT", "/api/floors/1F", R"({"name_ja":"1階","name_en":"1F","area_m2":888,"position":1})")
                  .status,
              200);
    auto room = admin->Post("/api/spaces", json::object{{"code", "MR-HUB"},
                                                        {"floor", "1F"},
                                                        {"kind", "meeting_room"},
                                                        {"name_ja", "会議室H"},
                                                        {"name_en", "Room H"},
                                                        {"capacity", 8},
                                                        {"bookable", true},
                                                        {"needs_approval", false},
                                                        {"opens_at", "08:00"},
                                                        {"closes_at", "22:00"},
                                                        {"max_minutes", 240},
                                                        {"area_m2", 20}});
    ASSERT_EQ(room.status, 201) << room.body;
    std::string space = S(room.json().at("id"));
    auto id = Active();
    auto base = "/api/projects/" + id + "/meetings";
    json::object meeting{{"title", "キックオフ"},
                         {"attendee_ids", json::array{lead_id}},
                         {"start", At(8, 2)},
                         {"end", At(8, 3)},
                         {"space_id", space}};
    auto r = pi->Post(base, meeting);
    ASSERT_EQ(r.status, 201) << r.body;
    auto m = r.json();
    ASSERT_TRUE(m.at("booking_id").is_string());
    EXPECT_EQ(S(m.at("space_name_ja")), "会議室H");
    std::string booking = S(m.at("booking_id"));
    EXPECT_EQ(S(pi->Get("/api/bookings/" + booking).json().at("status")), "confirmed");

    auto clash = lead->Post(base, meeting);
    EXPECT_EQ(clash.status, 409) << clash.body;
    EXPECT_EQ(clash.ErrorField(), "space_id");
    auto unknown = meeting;
    unknown["space_id"] = "nope";
    unknown["start"] = At(9, 2);
    unknown["end"] = At(9, 3);
    EXPECT_EQ(pi->Post(base, unknown).ErrorField(), "space_id");
    EXPECT_EQ(pi->Get(base).json().at("items").as_array().size(), 1u) << "refused meetings are not stored";

    EXPECT_EQ(lead->Patch(base + "/" + S(m.at("id")), json::object{{"status", "cancelled"}}).status, 403)
        << "the room was booked by the PI";
    ASSERT_EQ(pi->Patch(base + "/" + S(m.at("id")), json::object{{"status", "cancelled"}}).status, 200);
    EXPECT_EQ(S(pi->Get("/api/bookings/" + booking).json().at("status")), "cancelled");
    EXPECT_EQ(lead->Post(base, meeting).status, 201) << "the room is free again";
}

TEST_F(ProjectsHub, AnAcceptedIntroductionProposesFreeRoomsAndEitherSideBooksOneForBoth) {
    ASSERT_EQ(admin->Request("PUT", "/api/floors/1F", R"({"name_ja":"1階","name_en":"1F","area_m2":888,"position":1})")
                  .status,
              200);
    auto room = admin->Post("/api/spaces", json::object{{"code", "MR-INTRO"},
                                                        {"floor", "1F"},
                                                        {"kind", "meeting_room"},
                                                        {"name_ja", "面談室"},
                                                        {"name_en", "Interview room"},
                                                        {"capacity", 4},
                                                        {"bookable", true},
                                                        {"needs_approval", false},
                                                        {"opens_at", "09:00"},
                                                        {"closes_at", "18:00"},
                                                        {"max_minutes", 240},
                                                        {"area_m2", 12}});
    ASSERT_EQ(room.status, 201) << room.body;
    auto need = PostNeed(*pi, "夜間の点滴漏れに早く気づきたい");
    auto intro = lead->Post("/api/exchange/introductions", json::object{{"item_type", "need"}, {"item_id", need}});
    ASSERT_EQ(intro.status, 201) << intro.body;
    std::string id = S(intro.json().at("id"));
    auto path = "/api/exchange/introductions/" + id;
    EXPECT_TRUE(intro.json().at("meeting_slots").as_array().empty()) << "nothing to book before it is accepted";

    auto accepted = pi->Post(path + "/accept", json::object{});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    auto slots = accepted.json().at("meeting_slots").as_array();
    ASSERT_FALSE(slots.empty()) << accepted.body;
    EXPECT_EQ(S(slots[0].at("space_name_ja")), "面談室");
    EXPECT_TRUE(accepted.json().at("proposed_slots").as_array().empty()) << "rooms, not dates to agree";
    // Both sides are asked to pick a time.
    for (auto* c : {pi.get(), lead.get()}) {
        auto inbox = c->Get("/api/inbox").json();
        bool asked = false;
        for (const auto& item : inbox.at("items").as_array())
            asked = asked || item.at("kind") == "exchange.book_meeting";
        EXPECT_TRUE(asked) << S(inbox);
    }
    // The requester sees the same proposals.
    EXPECT_EQ(lead->Get(path).json().at("meeting_slots").as_array().size(), slots.size());

    json::object pick{
        {"space_id", slots[0].at("space_id")}, {"start", slots[0].at("start")}, {"end", slots[0].at("end")}};
    EXPECT_EQ(outsider->Post(path + "/meeting", pick).status, 404);
    auto bad = pick;
    bad["end"] = slots[0].at("start");
    EXPECT_EQ(lead->Post(path + "/meeting", bad).ErrorField(), "end");
    auto booked = lead->Post(path + "/meeting", pick);
    ASSERT_EQ(booked.status, 200) << booked.body;
    auto b = booked.json();
    ASSERT_TRUE(b.at("booking_id").is_string());
    EXPECT_EQ(S(b.at("meeting_at")), S(slots[0].at("start")));
    EXPECT_TRUE(b.at("meeting_slots").as_array().empty());
    EXPECT_EQ(lead->Post(path + "/meeting", pick).status, 409) << "booked once";

    // The booking holds the room with both sides; the clinician is now busy then.
    auto booking = pi->Get("/api/bookings/" + S(b.at("booking_id")));
    ASSERT_EQ(booking.status, 200) << booking.body;
    EXPECT_EQ(S(booking.json().at("status")), "confirmed");
    EXPECT_NE(S(booking.json()).find(clinician_id), std::string::npos) << "the clinician attends";
    EXPECT_EQ(pi->Get("/api/inbox/count").json().at("open"), 0) << "the pick-a-time items are done";
    EXPECT_EQ(lead->Get("/api/inbox/count").json().at("open"), 0);
    EXPECT_TRUE(Has(AuditActions("introduction", id), "book_meeting"));
}

}  // namespace
}  // namespace renkei::testing
