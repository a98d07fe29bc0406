// Introductions: "I'm interested" requests, the other side's decision, the meeting of both sides
// (a room booked through the building module) and the outcome, up to the project it led to.
#include <boost/json.hpp>

#include "modules/building/service.hpp"
#include "modules/exchange/internal.hpp"
#include "modules/exchange/store.hpp"
#include "modules/inbox/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::exchange {

ChainCounts CountChain(db::Tx& tx) {
    ChainCounts c;
    tx.sql() << "SELECT COUNT(*) FROM exchange_needs WHERE status <> 'draft'", soci::into(c.needs);
    tx.sql() << "SELECT COUNT(*) FROM exchange_introductions WHERE status = 'accepted'", soci::into(c.introductions);
    return c;
}

namespace {

// What an introduction, its inbox items and its meeting's booking call the item: for a
// confidential item with a teaser, the teaser's title (the requester, the booking's attendees and
// the meeting room's calendar may not be entitled to the details).
std::string ItemTitle(db::Tx& tx, const std::string& type, const std::string& id) {
    if (type == "need") {
        if (auto n = store::FindNeed(tx, id))
            return n->confidential && !n->teaser.Empty() ? n->teaser.title_ja : n->title;
    } else if (auto s = store::FindSeed(tx, id)) {
        return s->confidential && !s->teaser.Empty() ? s->teaser.title_ja : s->title;
    }
    return "";
}

Introduction WithTitle(db::Tx& tx, Introduction i) {
    i.item_title = ItemTitle(tx, i.item_type, i.item_id);
    return i;
}

}  // namespace

Introduction RequestIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& item_type,
                                 const std::string& item_id, const std::string& via_type, const std::string& via_id,
                                 const std::string& message, Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    std::string owner;
    if (item_type == "need") {
        Need n = LoadNeedFor(tx, v, item_id);
        if (n.status != NeedStatus::kOpen) throw Error{ErrorCode::kConflict, "item_id", "this need is not open"};
        owner = n.author_id;
    } else if (item_type == "seed") {
        Seed s = LoadSeedFor(tx, v, item_id);
        if (s.status != SeedStatus::kOpen) throw Error{ErrorCode::kConflict, "item_id", "this seed is not open"};
        owner = s.author_id;
    } else {
        throw Invalid("item_type", "item_type must be need or seed");
    }
    if (owner == me.person_id) throw Invalid("item_id", "this is your own item");
    if (!via_type.empty()) {
        if (via_type == "need") {
            if (LoadNeedFor(tx, v, via_id).author_id != me.person_id) throw Invalid("via_id", "not your own need");
        } else if (via_type == "seed") {
            if (LoadSeedFor(tx, v, via_id).author_id != me.person_id) throw Invalid("via_id", "not your own seed");
        } else {
            throw Invalid("via_type", "via_type must be need or seed");
        }
    }
    RequireText(message, "message", 2000, false);
    if (store::OpenIntroduction(tx, me.person_id, item_id))
        throw Error{ErrorCode::kConflict, "item_id", "you have already asked for this introduction"};
    Introduction i;
    i.id = NewId();
    i.requester_id = me.person_id;
    i.owner_id = owner;
    i.item_type = item_type;
    i.item_id = item_id;
    i.via_type = via_type;
    i.via_id = via_type.empty() ? "" : via_id;
    i.message = Trim(message);
    i.created_at = i.updated_at = now;
    store::InsertIntroduction(tx, i);
    audit::Record(tx, me.person_id, "create", "introduction", i.id, nullptr, boost::json::value_from(i));
    return WithTitle(tx, i);
}

Introduction GetIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& id) {
    auto i = store::FindIntroduction(tx, id);
    if (!i || (i->requester_id != me.person_id && i->owner_id != me.person_id && !IsOfficeStaff(me)))
        throw NotFound("introduction");
    return WithTitle(tx, *i);
}

Introduction DecideIntroduction(db::Tx& tx, const auth::Principal& me, const std::string& id, bool accept,
                                std::optional<Seconds> meeting_at, Seconds now) {
    Introduction before = GetIntroduction(tx, me, id);
    if (before.owner_id != me.person_id && !IsOfficeStaff(me))
        throw Forbidden("only the other side or the office decides");
    if (before.status != IntroductionStatus::kRequested &&
        !(accept && before.status == IntroductionStatus::kAccepted && meeting_at))
        throw Error{ErrorCode::kConflict, "status", "this introduction has already been decided"};
    Introduction i = before;
    i.status = accept ? IntroductionStatus::kAccepted : IntroductionStatus::kDeclined;
    i.decided_by = me.person_id;
    i.decided_at = now;
    if (meeting_at) {
        if (!accept) throw Invalid("meeting_at", "a declined introduction has no meeting");
        i.meeting_at = meeting_at;
    }
    i.updated_at = now;
    store::UpdateIntroduction(tx, i);
    audit::Record(tx, me.person_id, accept ? "accept" : "decline", "introduction", id, boost::json::value_from(before),
                  boost::json::value_from(i));
    if (accept && before.status == IntroductionStatus::kRequested && !i.meeting_at) {
        // Both sides are asked to pick a meeting time (proposed on the introduction).
        std::string title = ItemTitle(tx, i.item_type, i.item_id);
        for (const auto& person : {i.requester_id, i.owner_id})
            inbox::Post(tx,
                        {person, "exchange.book_meeting", "exchange", "intro_meeting:" + i.id, "紹介の面談日時を決める",
                         "Pick a time to meet", title, title, "/introductions", std::nullopt, std::nullopt},
                        now);
    }
    if (i.meeting_at) inbox::Resolve(tx, "exchange", "intro_meeting:" + i.id, me.person_id, now, "done");
    return WithTitle(tx, i);
}

Introduction RecordOutcome(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& outcome,
                           const std::string& note, Seconds now) {
    Introduction before = GetIntroduction(tx, me, id);
    auto parsed = FromText<Outcome>(outcome);
    if (!parsed) throw Invalid("outcome", "outcome must be no_follow_up, project_proposal or project_started");
    if (before.status != IntroductionStatus::kAccepted)
        throw Error{ErrorCode::kConflict, "status", "only an accepted introduction has an outcome"};
    RequireText(note, "note", 2000, false);
    Introduction i = before;
    i.outcome = parsed;
    i.outcome_note = Trim(note);
    i.outcome_at = now;
    i.updated_at = now;
    store::UpdateIntroduction(tx, i);
    audit::Record(tx, me.person_id, "outcome", "introduction", id, boost::json::value_from(before),
                  boost::json::value_from(i));
    return i;
}

std::vector<building::SlotProposal> MeetingSlots(db::Tx& tx, const auth::Principal& me, const std::string& id,
                                                 Seconds now) {
    Introduction i = GetIntroduction(tx, me, id);
    if (i.status != IntroductionStatus::kAccepted || i.meeting_at || i.booking_id) return {};
    building::SlotQuery q;
    q.people = {i.requester_id, i.owner_id};
    q.minutes = 60;
    q.from = now;
    q.to = q.from + std::chrono::hours{24 * 14};
    q.limit = 6;
    try {
        return building::ProposeSlots(tx, q, now);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalid) throw;
        return {};  // a side has left the centre: no common slot to offer
    }
}

Introduction BookMeeting(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& space_id,
                         Seconds start, Seconds end, Seconds now) {
    Introduction before = GetIntroduction(tx, me, id);
    if (before.status != IntroductionStatus::kAccepted)
        throw Error{ErrorCode::kConflict, "status", "only an accepted introduction has a meeting"};
    if (before.booking_id) throw Error{ErrorCode::kConflict, "booking_id", "a meeting is booked already"};
    if (end <= start) throw Invalid("end", "end must be after start");
    building::NewBooking b;
    b.space_id = space_id;
    std::string title = ItemTitle(tx, before.item_type, before.item_id);
    b.title = "面談: " + (Utf8Length(title) > 150 ? std::string("紹介") : title);
    b.purpose = "introduction";
    for (const auto& person : {before.requester_id, before.owner_id})
        if (person != me.person_id) b.attendee_ids.push_back(person);
    b.attendees = 2;
    b.start = start;
    b.end = end;
    building::BookingResult booked;
    try {
        booked = building::Book(tx, me, b, now);
    } catch (const building::BookingConflict& c) {
        throw Error{ErrorCode::kConflict, "space_id", "the room was taken meanwhile: pick another time"}.WithDetails(
            c.details());
    }
    if (booked.bookings.empty()) throw Error{ErrorCode::kConflict, "space_id", "the room could not be booked"};
    Introduction i = before;
    i.booking_id = booked.bookings.front().id;
    i.meeting_at = start;
    i.updated_at = now;
    store::UpdateIntroduction(tx, i);
    audit::Record(tx, me.person_id, "book_meeting", "introduction", id, boost::json::value_from(before),
                  boost::json::value_from(i));
    inbox::Resolve(tx, "exchange", "intro_meeting:" + i.id, me.person_id, now, "done");
    return WithTitle(tx, i);
}

Introduction AttachProject(db::Tx& tx, const auth::Principal& me, const std::string& id, const std::string& project_id,
                           const std::string& outcome, Seconds now) {
    Introduction before = GetIntroduction(tx, me, id);
    auto parsed = FromText<Outcome>(outcome);
    if (parsed != Outcome::kProjectProposal && parsed != Outcome::kProjectStarted)
        throw Invalid("outcome", "outcome must be project_proposal or project_started");
    if (before.status != IntroductionStatus::kAccepted)
        throw Error{ErrorCode::kConflict, "introduction_id", "only an accepted introduction leads to a project"};
    Introduction i = before;
    i.project_id = project_id;
    if (i.outcome != Outcome::kProjectStarted) {
        i.outcome = parsed;
        i.outcome_at = now;
    }
    i.updated_at = now;
    store::UpdateIntroduction(tx, i);
    audit::Record(tx, me.person_id, "outcome", "introduction", id, boost::json::value_from(before),
                  boost::json::value_from(i));
    return WithTitle(tx, i);
}

std::vector<Introduction> ListIntroductions(db::Tx& tx, const auth::Principal& me, bool all) {
    if (all && !IsOfficeStaff(me)) throw Forbidden("only the office sees every introduction");
    std::vector<Introduction> out;
    for (auto& i : store::ListIntroductions(tx, all ? "" : me.person_id)) out.push_back(WithTitle(tx, i));
    return out;
}

}  // namespace renkei::exchange
