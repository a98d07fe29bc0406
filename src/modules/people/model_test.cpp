#include "modules/people/model.hpp"

#include <gtest/gtest.h>

#include "platform/error.hpp"

namespace renkei::people {
namespace {

TEST(PeopleRules, RecognisesPlausibleEmailAddresses) {
    struct Case {
        const char* email;
        bool ok;
    } cases[] = {
        {"tanaka@keio.example", true},  {"a.b+c@hospital.example.jp", true},
        {"no-at-sign", false},          {"@keio.example", false},
        {"two@@keio.example", false},   {"x@nodot", false},
        {"x@.example", false},          {"x@example.", false},
        {"sp ace@keio.example", false}, {"田中@keio.example", false},
    };
    for (const auto& c : cases) EXPECT_EQ(LooksLikeEmail(c.email), c.ok) << c.email;
}

TEST(PeopleRules, EmailKeyIgnoresCaseAndSurroundingSpace) {
    EXPECT_EQ(EmailKey(" Tanaka@Keio.Example "), "tanaka@keio.example");
}

TEST(PeopleRules, CanonicalRolesAreSortedUniqueAndKnown) {
    EXPECT_EQ(CanonicalRoles({"office", "admin", "office"}), (std::vector<std::string>{"admin", "office"}));
    try {
        CanonicalRoles({"clinician", "emperor"});
        FAIL() << "an unknown role must be refused";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kInvalid);
        EXPECT_EQ(e.field(), "roles");
    }
}

TEST(OrganisationTree, RefusesAParentThatWouldCreateACycle) {
    // university <- faculty <- department; hospital stands alone.
    std::map<std::string, std::optional<std::string>> parents = {
        {"uni", std::nullopt}, {"fac", "uni"}, {"dep", "fac"}, {"hos", std::nullopt}};
    struct Case {
        const char* id;
        std::optional<std::string> parent;
        bool cycle;
    } cases[] = {
        {"uni", "dep", true},  {"uni", "uni", true},         {"fac", "dep", true},  {"dep", "hos", false},
        {"hos", "dep", false}, {"fac", std::nullopt, false}, {"new", "dep", false},
    };
    for (const auto& c : cases)
        EXPECT_EQ(CreatesCycle(parents, c.id, c.parent), c.cycle) << c.id << " under " << c.parent.value_or("(root)");
}

TEST(OrganisationTree, AnExistingLoopInTheDataIsRefusedNotLoopedForever) {
    std::map<std::string, std::optional<std::string>> parents = {{"a", "b"}, {"b", "a"}};
    EXPECT_TRUE(CreatesCycle(parents, "c", "a"));
}

TEST(LoginThrottle, WaitsGrowAfterTheFreeFailuresAndNeverLockForGood) {
    struct Case {
        int failures;
        long long since_last;  // seconds since the last failure
        long long wait;        // still to wait
    };
    // 5 free failures, 30 s after the 5th, doubling, at most 900 s.
    const Case cases[] = {{0, 0, 0},    {4, 0, 0},      {5, 0, 30},     {5, 10, 20},    {5, 30, 0},
                          {6, 0, 60},   {7, 0, 120},    {8, 59, 181},   {9, 0, 480},    {10, 0, 900},
                          {50, 0, 900}, {1000, 0, 900}, {1000, 900, 0}, {1000, 899, 1}, {2'000'000'000, 0, 900}};
    for (const auto& c : cases)
        EXPECT_EQ(LoginWait(c.failures, 1'000'000, 1'000'000 + c.since_last, 5, 30, 900), c.wait)
            << c.failures << " failures, " << c.since_last << " s ago";
}

TEST(PersonJson, NeverCarriesSecretsAndShowsOrganisation) {
    Person p;
    p.id = "p1";
    p.email = "a@b.example";
    p.name_ja = "田中 健二";
    p.roles = {"clinician"};
    Organisation o;
    o.id = "o1";
    o.name_ja = "循環器内科学教室";
    p.organisation = o;
    p.organisation_id = "o1";
    auto v = boost::json::value_from(p);
    EXPECT_EQ(v.at("organisation").at("name_ja"), "循環器内科学教室");
    EXPECT_FALSE(v.as_object().contains("password_hash"));
    EXPECT_EQ(v.at("roles").as_array().size(), 1u);
}

}  // namespace
}  // namespace renkei::people
