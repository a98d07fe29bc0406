#include "modules/committee/routes.hpp"

#include <boost/json.hpp>

#include "modules/committee/internal.hpp"
#include "modules/committee/service.hpp"
#include "modules/opencall/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/download.hpp"
#include "platform/json.hpp"

namespace renkei::committee {

// JSON for the service's views (the wire format is docs/committee.md and docs/openapi.yaml).
namespace {
json::value OptTime(const std::optional<Seconds>& t) { return t ? json::value(FormatUtc(*t)) : json::value(nullptr); }
json::value OptText(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const PersonRef& p) {
    jv = {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const Member& m) {
    jv = {{"person", json::value_from(m.person)},
          {"side", Text(m.side)},
          {"term_from", m.term_from},
          {"term_to", OptText(m.term_to)},
          {"organisation_ja", m.organisation_ja},
          {"organisation_en", m.organisation_en},
          {"in_term", m.in_term}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const Rules& r) {
    jv = {{"quorum", Text(r.quorum)}, {"each_side", r.each_side}, {"pass", Text(r.pass)}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const Tally& t) {
    jv = {{"members", t.members},
          {"present", t.present},
          {"present_university", t.present_university},
          {"present_company", t.present_company},
          {"quorum_needed", t.quorum_needed},
          {"quorum", t.quorum},
          {"eligible", t.eligible},
          {"for", t.votes_for},
          {"against", t.against},
          {"abstain", t.abstain},
          {"not_voted", t.not_voted},
          {"outcome", Text(t.outcome)}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const ItemView& v) {
    const auto& i = v.item;
    json::array recused, recusals, votes;
    for (const auto& r : v.recusals) {
        if (std::find(recused.begin(), recused.end(), json::value(r.person.id)) == recused.end())
            recused.emplace_back(r.person.id);
        recusals.push_back({{"person", json::value_from(r.person)},
                            {"reason", Text(r.reason)},
                            {"detail", r.detail},
                            {"detail_en", r.detail_en}});
    }
    for (const auto& c : v.votes)
        votes.push_back({{"person", json::value_from(c.person)},
                         {"vote", Text(c.vote)},
                         {"cast_at", FormatUtc(c.cast_at)},
                         {"recorded_by", c.recorded_by}});
    jv = {{"id", i.id},
          {"meeting_id", OptText(i.meeting_id)},
          {"position", i.position},
          {"kind", Text(i.kind)},
          {"subject_id", OptText(i.subject_id)},
          {"link", v.link},
          {"title_ja", i.title_ja},
          {"title_en", i.title_en},
          {"note", i.note},
          {"vote_deadline", OptTime(i.vote_deadline)},
          {"decision", i.decision ? json::value(Text(*i.decision)) : json::value(nullptr)},
          {"decision_note", i.decision_note},
          {"decided_by", i.decided_by ? json::value_from(*i.decided_by) : json::value(nullptr)},
          {"decided_at", OptTime(i.decided_at)},
          {"recused", std::move(recused)},
          {"recusals", std::move(recusals)},
          {"votes", std::move(votes)},
          {"tally", json::value_from(v.tally)},
          {"my_vote", v.my_vote ? json::value(Text(*v.my_vote)) : json::value(nullptr)},
          {"may", {{"vote", v.may_vote}, {"recuse", v.may_recuse}, {"decide", v.may_decide}}}};
}

namespace {

json::object MeetingSummary(const Meeting& m) {
    return {{"id", m.id},
            {"kind", Text(m.kind)},
            {"title_ja", m.title_ja},
            {"title_en", m.title_en},
            {"starts_at", FormatUtc(m.starts_at)},
            {"ends_at", FormatUtc(m.ends_at)},
            {"space_id", OptText(m.space_id)},
            {"booking_id", OptText(m.booking_id)},
            {"space_name_ja", m.space_name_ja},
            {"space_name_en", m.space_name_en},
            {"status", Text(m.status)},
            {"sent_at", OptTime(m.sent_at)},
            {"closed_at", OptTime(m.closed_at)},
            {"closed_by", m.closed_by ? json::value_from(*m.closed_by) : json::value(nullptr)},
            {"items_total", m.items},
            {"items_open", m.open_items}};
}

json::object MeetingJson(const MeetingView& v) {
    auto o = MeetingSummary(v.meeting);
    json::array attendance;
    for (const auto& a : v.attendance)
        attendance.push_back({{"person", json::value_from(a.person)}, {"side", Text(a.side)}, {"present", a.present}});
    auto agenda = json::value_from(v.items);
    o["attendance"] = std::move(attendance);
    o["agenda"] = agenda;
    o["items"] = std::move(agenda);
    o["rules"] = json::value_from(v.rules);
    o["may_manage"] = v.may_manage;
    return o;
}

const std::string& Id(http::Call& call) { return call.req.params.at("id"); }

Seconds TimeField(const json::object& o, std::string_view field) { return RequiredTime(o, field); }

Rules ReadRules(const json::object& o) {
    Rules r;
    auto quorum = FromText<QuorumRule>(RequiredString(o, "quorum", 40));
    if (!quorum) throw Invalid("quorum", "quorum must be majority or two_thirds");
    auto pass = FromText<PassRule>(RequiredString(o, "pass", 40));
    if (!pass) throw Invalid("pass", "pass must be majority_of_votes, majority_of_eligible or two_thirds_of_eligible");
    auto each = OptionalBool(o, "each_side");
    if (!each) throw Invalid("each_side", "each_side (true or false) is required");
    r.quorum = *quorum;
    r.pass = *pass;
    r.each_side = *each;
    return r;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    using http::Access;
    using http::Response;
    // The log shows a meeting's and an item's snapshots to whoever may read the committee's business.
    auto readable = audit::Readable([](db::Tx&, const Me& me, const std::string&) { RequireRead(me); });
    audit::DeclareReadPolicy("committee_meeting", readable);
    audit::DeclareReadPolicy("committee_item", readable);
    audit::DeclareReadPolicy("committee_member", readable);
    audit::DeclareReadPolicy("committee_rules", readable);
    // A matter on an open agenda is decided by the committee as a body, not by one member alone.
    projects::RegisterAgendaCheck(OnOpenAgenda);
    opencall::RegisterAgendaCheck(OnOpenAgenda);
    audit::DeclareNames("committee_meeting",
                        audit::NamesFromTable("SELECT id, title_ja, title_en FROM committee_meetings WHERE id IN"));
    audit::DeclareNames("committee_item",
                        audit::NamesFromTable("SELECT id, title_ja, title_en FROM committee_items WHERE id IN"));
    audit::DeclareNames("committee_member", [](db::Tx& tx, const std::vector<std::string>& ids) {
        std::map<std::string, audit::Name> out;
        for (const auto& [id, n] : people::NamesOf(tx, ids)) out[id] = audit::Name{n.name_ja, n.name_en};
        return out;
    });

    router.Add("GET", "/api/committee/members", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200,
                              json::object{{"items", json::value_from(ListMembers(call.tx(), call.me(), call.now))}});
    });
    router.Add("PUT", "/api/committee/members/{id}", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        MemberInput in{Id(call), RequiredString(body, "side", 20), RequiredString(body, "term_from", 10), std::nullopt};
        if (auto to = OptionalString(body, "term_to", 10); to && !to->empty()) in.term_to = *to;
        return Response::Json(200, json::value_from(PutMember(call.tx(), call.me(), in, call.now)));
    });
    router.Add("DELETE", "/api/committee/members/{id}", Access::kSignedIn, [](http::Call& call) {
        RemoveMember(call.tx(), call.me(), Id(call), call.now);
        return Response::NoContent();
    });
    router.Add("GET", "/api/committee/rules", Access::kSignedIn,
               [](http::Call& call) { return Response::Json(200, json::value_from(GetRules(call.tx(), call.me()))); });
    router.Add("PUT", "/api/committee/rules", Access::kSignedIn, [](http::Call& call) {
        auto in = ReadRules(ParseObject(call.req.Body()));
        return Response::Json(200, json::value_from(SetRules(call.tx(), call.me(), in, call.now)));
    });
    router.Add("GET", "/api/committee/pending", Access::kSignedIn, [](http::Call& call) {
        json::array items;
        for (const auto& p : ListPending(call.tx(), call.me(), call.now))
            items.push_back({{"kind", Text(p.kind)},
                             {"subject_id", p.subject_id},
                             {"title_ja", p.title_ja},
                             {"title_en", p.title_en},
                             {"link", p.link}});
        return Response::Json(200, json::object{{"items", std::move(items)}});
    });

    router.Add("GET", "/api/committee/meetings", Access::kSignedIn, [](http::Call& call) {
        json::array items;
        for (const auto& m : ListMeetings(call.tx(), call.me(), call.now)) items.push_back(MeetingSummary(m));
        return Response::Json(200, json::object{{"items", std::move(items)}});
    });
    router.Add("POST", "/api/committee/meetings", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        NewMeeting in;
        in.kind = OptionalString(body, "kind", 20).value_or("regular");
        in.title_ja = OptionalString(body, "title_ja", 400).value_or("");
        in.title_en = OptionalString(body, "title_en", 400).value_or("");
        in.starts_at = TimeField(body, "starts_at");
        in.ends_at = TimeField(body, "ends_at");
        if (auto space = OptionalString(body, "space_id", 64); space && !space->empty()) in.space_id = *space;
        return Response::Json(201, MeetingJson(CreateMeeting(call.tx(), call.me(), in, call.now)));
    });
    router.Add("GET", "/api/committee/meetings/{id}", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, MeetingJson(GetMeeting(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/committee/meetings/{id}/gather", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, MeetingJson(GatherAgenda(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/committee/meetings/{id}/items", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        NewItem in{OptionalString(body, "title_ja", 400).value_or(""),
                   OptionalString(body, "title_en", 400).value_or(""), OptionalString(body, "note", 4000).value_or("")};
        return Response::Json(201, MeetingJson(AddItem(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("PUT", "/api/committee/meetings/{id}/order", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        auto ids = OptionalStringArray(body, "item_ids", 200, 64);
        if (!ids) throw Invalid("item_ids", "item_ids is required");
        return Response::Json(200, MeetingJson(OrderAgenda(call.tx(), call.me(), Id(call), *ids, call.now)));
    });
    router.Add("POST", "/api/committee/meetings/{id}/send", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, MeetingJson(SendAgenda(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PUT", "/api/committee/meetings/{id}/attendance", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        auto person = RequiredString(body, "person_id", 64);
        auto present = OptionalBool(body, "present");
        if (!present) throw Invalid("present", "present (true or false) is required");
        return Response::Json(200,
                              MeetingJson(SetAttendance(call.tx(), call.me(), Id(call), person, *present, call.now)));
    });
    router.Add("POST", "/api/committee/meetings/{id}/close", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, MeetingJson(CloseMeeting(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("GET", "/api/committee/meetings/{id}/minutes.docx", Access::kSignedIn, [](http::Call& call) {
        auto doc = Minutes(call.tx(), call.me(), Id(call), call.now);
        return http::Download(std::move(doc.bytes), doc.content_type, doc.filename);
    });

    router.Add("GET", "/api/committee/items/{id}", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(GetItem(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("DELETE", "/api/committee/items/{id}", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, MeetingJson(RemoveItem(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/committee/items/{id}/votes", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        auto vote = FromText<Vote>(RequiredString(body, "vote", 20));
        if (!vote) throw Invalid("vote", "vote must be for, against or abstain");
        auto person = OptionalString(body, "person_id", 64).value_or("");
        return Response::Json(200,
                              json::value_from(CastVoteOn(call.tx(), call.me(), Id(call), person, *vote, call.now)));
    });
    router.Add("POST", "/api/committee/items/{id}/recusal", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        auto reason = OptionalString(body, "reason", 1000).value_or("");
        return Response::Json(200, json::value_from(DeclareRecusal(call.tx(), call.me(), Id(call), reason, call.now)));
    });
    router.Add("POST", "/api/committee/items/{id}/decision", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        auto note = OptionalString(body, "note", 2000).value_or("");
        return Response::Json(200, json::value_from(DecideItem(call.tx(), call.me(), Id(call), note, call.now)));
    });

    router.Add("GET", "/api/committee/written", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200,
                              json::object{{"items", json::value_from(ListWritten(call.tx(), call.me(), call.now))}});
    });
    router.Add("POST", "/api/committee/written", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        NewWritten in;
        in.kind = OptionalString(body, "kind", 40).value_or("other");
        in.subject_id = OptionalString(body, "subject_id", 64);
        if (in.subject_id && in.subject_id->empty()) in.subject_id.reset();
        in.title_ja = OptionalString(body, "title_ja", 400).value_or("");
        in.title_en = OptionalString(body, "title_en", 400).value_or("");
        in.note = OptionalString(body, "note", 4000).value_or("");
        in.vote_deadline = TimeField(body, "vote_deadline");
        return Response::Json(201, json::value_from(CreateWritten(call.tx(), call.me(), in, call.now)));
    });
}

}  // namespace renkei::committee
