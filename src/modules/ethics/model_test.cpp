#include "modules/ethics/model.hpp"

#include <gtest/gtest.h>

namespace renkei::ethics {
namespace {

TEST(EthicsStatus, WhoMayMoveAProtocolWhere) {
    using S = Status;
    struct Case {
        Side side;
        S from, to;
        bool may;
    };
    const Case cases[] = {
        {Side::kInvestigator, S::kPreparing, S::kSubmitted, true},
        {Side::kReviewer, S::kPreparing, S::kSubmitted, false},
        {Side::kInvestigator, S::kRevisionsRequested, S::kSubmitted, true},
        {Side::kInvestigator, S::kSubmitted, S::kApproved, false},  // nobody approves their own
        {Side::kReviewer, S::kSubmitted, S::kApproved, true},
        {Side::kOffice, S::kSubmitted, S::kApproved, true},
        {Side::kReviewer, S::kSubmitted, S::kRevisionsRequested, true},
        {Side::kReviewer, S::kPreparing, S::kApproved, false},  // not before it is submitted
        {Side::kInvestigator, S::kApproved, S::kActive, true},
        {Side::kReviewer, S::kApproved, S::kActive, false},
        {Side::kReviewer, S::kActive, S::kSuspended, true},
        {Side::kInvestigator, S::kActive, S::kSuspended, false},
        {Side::kReviewer, S::kSuspended, S::kActive, true},  // resumes
        {Side::kInvestigator, S::kSuspended, S::kActive, false},
        {Side::kInvestigator, S::kActive, S::kCompleted, true},
        {Side::kInvestigator, S::kApproved, S::kCompleted, false},  // never started
        {Side::kInvestigator, S::kSubmitted, S::kWithdrawn, true},
        {Side::kOffice, S::kCompleted, S::kWithdrawn, false},  // closed
        {Side::kOffice, S::kWithdrawn, S::kSubmitted, false},
        {Side::kOffice, S::kSubmitted, S::kPreparing, false},
        {Side::kOffice, S::kActive, S::kActive, false},
    };
    for (const auto& c : cases)
        EXPECT_EQ(MayMove(c.side, c.from, c.to), c.may)
            << static_cast<int>(c.side) << ": " << Text(c.from) << " → " << Text(c.to);
    EXPECT_TRUE(CountsAsApproved(S::kApproved));
    EXPECT_TRUE(CountsAsApproved(S::kActive));
    EXPECT_FALSE(CountsAsApproved(S::kSuspended)) << "a suspended protocol blocks the clinical-study gate";
    EXPECT_FALSE(CountsAsApproved(S::kCompleted));
}

TEST(EthicsAmendments, WhoMayMoveAnAmendmentWhere) {
    using A = AmendmentStatus;
    EXPECT_TRUE(MayMoveAmendment(Side::kReviewer, A::kSubmitted, A::kApproved));
    EXPECT_TRUE(MayMoveAmendment(Side::kOffice, A::kSubmitted, A::kApproved));
    EXPECT_FALSE(MayMoveAmendment(Side::kInvestigator, A::kSubmitted, A::kApproved));
    EXPECT_TRUE(MayMoveAmendment(Side::kReviewer, A::kSubmitted, A::kRevisionsRequested));
    EXPECT_TRUE(MayMoveAmendment(Side::kInvestigator, A::kRevisionsRequested, A::kSubmitted));
    EXPECT_FALSE(MayMoveAmendment(Side::kReviewer, A::kRevisionsRequested, A::kSubmitted));
    EXPECT_TRUE(MayMoveAmendment(Side::kInvestigator, A::kSubmitted, A::kWithdrawn));
    EXPECT_FALSE(MayMoveAmendment(Side::kReviewer, A::kSubmitted, A::kWithdrawn));
    EXPECT_FALSE(MayMoveAmendment(Side::kOffice, A::kApproved, A::kWithdrawn)) << "an approval stands";
    EXPECT_FALSE(MayMoveAmendment(Side::kOffice, A::kWithdrawn, A::kSubmitted));
    Protocol p;
    p.amendments = {{"a", AmendmentKind::kConsent, 1, "", "", 0, A::kApproved, "", "", {}, {}, {}},
                    {"b", AmendmentKind::kConsent, 2, "", "", 0, A::kSubmitted, "", "", {}, {}, {}},
                    {"c", AmendmentKind::kAmendment, 3, "", "", 0, A::kApproved, "", "", {}, {}, {}}};
    EXPECT_EQ(p.ConsentVersion(), 1) << "v2 is not approved yet; amendments are not consent forms";
}

TEST(EthicsMeetings, TheNextMeetingIsTheFirstWhoseCutoffHasNotPassed) {
    std::vector<Meeting> meetings = {{"m3", "c", "2027-02-08", "2027-01-18"},
                                     {"m1", "c", "2026-12-14", "2026-11-23"},
                                     {"m2", "c", "2027-01-11", "2026-12-21"}};
    EXPECT_EQ(NextMeeting(meetings, "2026-11-23")->id, "m1") << "the cut-off day itself still counts";
    EXPECT_EQ(NextMeeting(meetings, "2026-11-24")->id, "m2");
    EXPECT_EQ(NextMeeting(meetings, "2026-12-22")->id, "m3");
    EXPECT_FALSE(NextMeeting(meetings, "2027-01-19"));
    EXPECT_FALSE(NextMeeting({}, "2026-01-01"));
}

TEST(EthicsTurnaround, MedianDays) {
    EXPECT_FALSE(MedianDays({}));
    EXPECT_EQ(*MedianDays({30}), 30);
    EXPECT_EQ(*MedianDays({40, 10, 25}), 25);
    EXPECT_EQ(*MedianDays({10, 40, 20, 30}), 25);
    EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2026-01-31"), 1)), "2026-02-28");
    EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2027-02-28"), 12)), "2028-02-28");
}

}  // namespace
}  // namespace renkei::ethics
