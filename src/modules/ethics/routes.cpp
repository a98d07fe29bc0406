#include "modules/ethics/routes.hpp"

#include <boost/json.hpp>

#include "modules/ethics/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/message.hpp"
#include "platform/json.hpp"

namespace renkei::ethics {
namespace {

namespace bj = boost::json;
using http::Access;
using http::Call;
using http::Response;

bj::value Opt(const std::optional<std::string>& s) { return s ? bj::value(*s) : bj::value(nullptr); }
bj::value Opt(const std::optional<int>& n) { return n ? bj::value(*n) : bj::value(nullptr); }
bj::value Person(const PersonRef& p) { return {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}}; }
bj::value MeetingJson(const std::optional<Meeting>& m) {
    if (!m) return nullptr;
    return {{"id", m->id}, {"meets_on", m->meets_on}, {"cutoff_on", m->cutoff_on}};
}

bj::value CommitteeJson(const CommitteeView& v) {
    const auto& c = v.committee;
    bj::array members, meetings;
    for (const auto& m : c.members) members.push_back(Person(m));
    for (const auto& m : c.meetings) meetings.push_back(MeetingJson(m));
    return {{"id", c.id},
            {"name_ja", c.name_ja},
            {"name_en", c.name_en},
            {"kind", c.kind},
            {"certification_no", c.certification_no},
            {"approval_valid_months", Opt(c.approval_valid_months)},
            {"active", c.active},
            {"members", std::move(members)},
            {"meetings", std::move(meetings)},
            {"next_meeting", MeetingJson(v.next_meeting)},
            {"template_version", v.template_version}};
}

bj::value DeadlineJson(const Deadline& d) {
    return {{"kind", d.kind},
            {"due_on", d.due_on},
            {"legal_due_on", d.legal_due_on},
            {"protocol_id", d.protocol_id},
            {"rule_code", d.rule_code},
            {"subject_id", d.subject_id},
            {"label_ja", d.label_ja},
            {"label_en", d.label_en},
            {"source_ja", d.source_ja},
            {"source_url", d.source_url},
            {"falls_on_holiday", d.falls_on_holiday},
            {"filed_on", Opt(d.filed_on)}};
}

bj::object SummaryJson(const ProtocolView& v) {
    const auto& p = v.protocol;
    return {{"id", p.id},
            {"project_id", p.project_id},
            {"project_title_ja", v.project_title_ja},
            {"project_title_en", v.project_title_en},
            {"title_ja", p.title_ja},
            {"title_en", p.title_en},
            {"category", Text(p.category)},
            {"committee", p.committee_id},
            {"committee_name_ja", v.committee_name_ja},
            {"committee_name_en", v.committee_name_en},
            {"review_type", p.review_type},
            {"status", Text(p.status)},
            {"pi", Person(p.pi)},
            {"submitted_on", Opt(p.submitted_on)},
            {"approved_on", Opt(p.approved_on)},
            {"target_enrolment", Opt(p.target_enrolment)},
            {"enrolled", p.Enrolled()},
            {"next_deadline", v.next_deadline ? DeadlineJson(*v.next_deadline) : bj::value(nullptr)}};
}

bj::value ProtocolJson(const ProtocolView& v) {
    const auto& p = v.protocol;
    auto o = SummaryJson(v);
    bj::array sites, investigators, history, enrolment, events, deadlines;
    for (const auto& s : p.sites) sites.emplace_back(s);
    investigators.push_back({{"person", Person(p.pi)}, {"role", "pi"}});
    for (const auto& s : p.sub_investigators) investigators.push_back({{"person", Person(s)}, {"role", "sub"}});
    for (const auto& t : p.history)
        history.push_back({{"from", t.from},
                           {"to", t.to},
                           {"on", t.on},
                           {"note", t.note},
                           {"actor", t.actor ? Person(*t.actor) : bj::value(nullptr)},
                           {"at", FormatUtc(t.at)}});
    for (const auto& e : p.enrolment) enrolment.push_back({{"counted_on", e.counted_on}, {"enrolled", e.enrolled}});
    for (const auto& e : p.adverse_events)
        events.push_back({{"id", e.id},
                          {"occurred_on", Opt(e.occurred_on)},
                          {"learned_on", e.learned_on},
                          {"seriousness", Text(e.seriousness)},
                          {"expected", e.expected},
                          {"unapproved", e.unapproved},
                          {"summary", e.summary},
                          {"created_at", FormatUtc(e.created_at)}});
    for (const auto& d : v.deadlines) deadlines.push_back(DeadlineJson(d));
    bj::array amendments;
    for (const auto& a : p.amendments)
        amendments.push_back({{"id", a.id},
                              {"kind", Text(a.kind)},
                              {"number", a.number},
                              {"summary", a.summary},
                              {"filename", a.filename},
                              {"size_bytes", a.size_bytes},
                              {"status", Text(a.status)},
                              {"note", a.note},
                              {"submitted_on", a.submitted_on},
                              {"decided_on", Opt(a.decided_on)}});
    o["amendments"] = std::move(amendments);
    o["consent_version"] = p.ConsentVersion();
    o["sites"] = std::move(sites);
    o["planned_start"] = Opt(p.planned_start);
    o["planned_end"] = Opt(p.planned_end);
    o["investigators"] = std::move(investigators);
    o["jrct_id"] = p.jrct_id;
    o["jrct_registered_on"] = Opt(p.jrct_registered_on);
    o["approval_no"] = p.approval_no;
    o["expires_on"] = Opt(p.expires_on);
    o["activated_on"] = Opt(p.activated_on);
    o["completed_on"] = Opt(p.completed_on);
    o["meeting"] = MeetingJson(v.meeting);
    o["history"] = std::move(history);
    o["enrolment"] = std::move(enrolment);
    o["adverse_events"] = std::move(events);
    o["deadlines"] = std::move(deadlines);
    o["may"] = {{"edit", v.may.edit},    {"submit", v.may.submit},     {"review", v.may.review},
                {"start", v.may.start},  {"complete", v.may.complete}, {"withdraw", v.may.withdraw},
                {"report", v.may.report}};
    return o;
}

bj::value RuleJson(const Rule& r) {
    bj::array categories, seriousness;
    for (auto c : r.categories) categories.emplace_back(Text(c));
    if (r.seriousness)
        for (auto s : *r.seriousness) seriousness.emplace_back(Text(s));
    auto tri = [](const std::optional<bool>& b) { return b ? bj::value(*b) : bj::value(nullptr); };
    return {{"code", r.code},
            {"kind", r.kind},
            {"trigger", r.trigger},
            {"categories", std::move(categories)},
            {"seriousness", r.seriousness ? bj::value(std::move(seriousness)) : bj::value(nullptr)},
            {"expected", tri(r.expected)},
            {"unapproved", tri(r.unapproved)},
            {"amount", r.amount},
            {"unit", Text(r.unit)},
            {"first_day_counts", r.first_day_counts},
            {"repeat_months", r.repeat_months},
            {"moves_to_business_day", r.moves_to_business_day},
            {"label_ja", r.label_ja},
            {"label_en", r.label_en},
            {"source_ja", r.source_ja},
            {"source_url", r.source_url},
            {"note", r.note}};
}

const std::string& Id(Call& call, const char* name = "id") { return call.req.params.at(name); }

Response FileResponse(const File& f, const char* fallback) {
    Response r = Response::Text(200, f.bytes, f.content_type);
    r.headers.emplace_back("Content-Disposition", http::AttachmentDisposition(f.filename, fallback));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

// A date field: absent → nullopt; null or "" → cleared; otherwise the text (checked by the service).
std::optional<std::optional<std::string>> DateField(const bj::object& o, std::string_view field) {
    return NullableString(o, field, 10);
}

std::optional<std::optional<int>> NullableInt(const bj::object& o, std::string_view field, long long max) {
    std::optional<std::optional<int>> out;
    auto it = o.find(field);
    if (it == o.end()) return out;
    out.emplace();
    if (!it->value().is_null()) *out = static_cast<int>(OptionalInteger(o, field, 0, max, field).value_or(0));
    return out;
}

ProtocolInput ProtocolBody(const bj::object& o) {
    ProtocolInput in;
    in.project_id = OptionalString(o, "project_id", 64);
    in.category = OptionalString(o, "category", 40);
    in.committee_id = OptionalString(o, "committee_id", 64);
    in.review_type = OptionalString(o, "review_type", 20);
    in.title_ja = OptionalString(o, "title_ja", 300);
    in.title_en = OptionalString(o, "title_en", 300);
    in.sites = OptionalStringArray(o, "sites", kMaxSites, 200);
    in.investigator_ids = OptionalStringArray(o, "investigator_ids", 100, 64);
    in.planned_start = DateField(o, "planned_start");
    in.planned_end = DateField(o, "planned_end");
    in.jrct_registered_on = DateField(o, "jrct_registered_on");
    in.target_enrolment = NullableInt(o, "target_enrolment", kMaxEnrolment);
    in.jrct_id = OptionalString(o, "jrct_id", 40);
    return in;
}

CommitteeInput CommitteeBody(const bj::object& o) {
    CommitteeInput in;
    in.name_ja = OptionalString(o, "name_ja", 200);
    in.name_en = OptionalString(o, "name_en", 200);
    in.kind = OptionalString(o, "kind", 20);
    in.certification_no = OptionalString(o, "certification_no", 40);
    in.approval_valid_months = NullableInt(o, "approval_valid_months", 120);
    in.active = OptionalBool(o, "active");
    in.member_ids = OptionalStringArray(o, "member_ids", 100, 64);
    return in;
}

bj::value Items(bj::array items) { return bj::object{{"items", std::move(items)}}; }

}  // namespace

void RegisterRoutes(http::Router& router) {
    Install();
    for (const char* kind : {"ethics_committee", "ethics_meeting", "ethics_template", "ethics_rule"})
        audit::DeclareReadPolicy(kind, audit::OpenToAuditors);
    audit::DeclareReadPolicy("ethics_protocol", audit::Readable(RequireVisible));
    audit::DeclareNames("ethics_protocol",
                        audit::NamesFromTable("SELECT id, title_ja, title_en FROM ethics_protocols WHERE id IN"));
    audit::DeclareNames("ethics_committee",
                        audit::NamesFromTable("SELECT id, name_ja, name_en FROM ethics_committees WHERE id IN"));

    router.Add("GET", "/api/ethics/committees", Access::kSignedIn, [](Call& call) {
        bj::array items;
        for (const auto& c : ListCommittees(call.tx(), call.now)) items.push_back(CommitteeJson(c));
        return Response::Json(200, Items(std::move(items)));
    });
    router.Add("POST", "/api/ethics/committees", Access::kSignedIn, [](Call& call) {
        auto c = CreateCommittee(call.tx(), call.me(), CommitteeBody(ParseObject(call.req.Body())), call.now);
        return Response::Json(201, CommitteeJson(c));
    });
    router.Add("PATCH", "/api/ethics/committees/{id}", Access::kSignedIn, [](Call& call) {
        auto c = UpdateCommittee(call.tx(), call.me(), Id(call), CommitteeBody(ParseObject(call.req.Body())), call.now);
        return Response::Json(200, CommitteeJson(c));
    });
    router.Add("POST", "/api/ethics/committees/{id}/meetings", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto c = AddMeeting(call.tx(), call.me(), Id(call), RequiredString(body, "meets_on", 10),
                            RequiredString(body, "cutoff_on", 10), call.now);
        return Response::Json(201, CommitteeJson(c));
    });
    router.Add("DELETE", "/api/ethics/committees/{id}/meetings/{meeting_id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, CommitteeJson(RemoveMeeting(call.tx(), call.me(), Id(call), Id(call, "meeting_id"), call.now)));
    });
    router.Add("GET", "/api/ethics/committees/{id}/template", Access::kSignedIn, [](Call& call) {
        std::optional<int> version;
        if (auto v = call.req.Query("version"); v && !v->empty())
            version = static_cast<int>(IntegerText(*v, "version", 0, 1'000'000));
        return FileResponse(TemplateFile(call.tx(), call.me(), Id(call), version), "application.docx");
    });
    router.Add("POST", "/api/ethics/committees/{id}/template", Access::kSignedIn, [](Call& call) {
        auto t = UploadTemplate(call.tx(), call.me(), Id(call), call.req.Query("filename").value_or(""),
                                call.req.Body(), call.req.Query("note").value_or(""), call.now);
        bj::array fields, unknown;
        for (const auto& f : t.merge_fields) fields.emplace_back(f);
        for (const auto& f : t.unknown_merge_fields) unknown.emplace_back(f);
        return Response::Json(201, bj::object{{"version", t.version},
                                              {"filename", t.filename},
                                              {"merge_fields", std::move(fields)},
                                              {"unknown_merge_fields", std::move(unknown)}});
    });
    router.Add("GET", "/api/ethics/merge-fields", Access::kSignedIn, [](Call&) {
        bj::array items;
        for (const auto& f : ApplicationFields())
            items.push_back({{"name", f.name}, {"label_ja", f.label_ja}, {"label_en", f.label_en}});
        return Response::Json(200, Items(std::move(items)));
    });

    router.Add("GET", "/api/ethics/protocols", Access::kSignedIn, [](Call& call) {
        ListFilter f;
        f.project_id = call.req.Query("project_id");
        f.status = call.req.Query("status");
        f.committee_id = call.req.Query("committee_id");
        bj::array items;
        for (const auto& p : ListProtocols(call.tx(), call.me(), f, call.now)) items.push_back(SummaryJson(p));
        return Response::Json(200, Items(std::move(items)));
    });
    router.Add("POST", "/api/ethics/protocols", Access::kSignedIn, [](Call& call) {
        auto p = CreateProtocol(call.tx(), call.me(), ProtocolBody(ParseObject(call.req.Body())), call.now);
        return Response::Json(201, ProtocolJson(p));
    });
    router.Add("GET", "/api/ethics/protocols/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, ProtocolJson(ReadProtocol(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PATCH", "/api/ethics/protocols/{id}", Access::kSignedIn, [](Call& call) {
        auto p = UpdateProtocol(call.tx(), call.me(), Id(call), ProtocolBody(ParseObject(call.req.Body())), call.now);
        return Response::Json(200, ProtocolJson(p));
    });
    router.Add("POST", "/api/ethics/protocols/{id}/status", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        StatusChange in;
        in.status = RequiredString(body, "status", 40);
        in.note = OptionalString(body, "note", 2000).value_or("");
        in.approval_no = OptionalString(body, "approval_no", 60).value_or("");
        if (auto on = OptionalString(body, "on", 10); on && !on->empty()) in.on = *on;
        return Response::Json(200, ProtocolJson(MoveProtocol(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("POST", "/api/ethics/protocols/{id}/application", Access::kSignedIn, [](Call& call) {
        return FileResponse(Application(call.tx(), call.me(), Id(call), call.now), "application.docx");
    });
    router.Add("POST", "/api/ethics/protocols/{id}/coi-forms", Access::kSignedIn, [](Call& call) {
        return FileResponse(CoiForms(call.tx(), call.me(), Id(call), call.now), "coi-forms.xlsx");
    });
    router.Add("POST", "/api/ethics/protocols/{id}/amendments", Access::kSignedIn, [](Call& call) {
        AmendmentInput in;
        in.kind = call.req.Query("kind").value_or("");
        in.summary = call.req.Query("summary").value_or("");
        in.filename = call.req.Query("filename").value_or("");
        in.bytes = call.req.Body();
        return Response::Json(201, ProtocolJson(SubmitAmendment(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("POST", "/api/ethics/protocols/{id}/amendments/{amendment_id}/status", Access::kSignedIn,
               [](Call& call) {
                   auto body = ParseObject(call.req.Body());
                   auto p = MoveAmendment(call.tx(), call.me(), Id(call), Id(call, "amendment_id"),
                                          RequiredString(body, "status", 40),
                                          OptionalString(body, "note", 2000).value_or(""), call.now);
                   return Response::Json(200, ProtocolJson(p));
               });
    router.Add("GET", "/api/ethics/protocols/{id}/amendments/{amendment_id}/file", Access::kSignedIn, [](Call& call) {
        return FileResponse(AmendmentDocument(call.tx(), call.me(), Id(call), Id(call, "amendment_id")), "document");
    });
    router.Add("PUT", "/api/ethics/protocols/{id}/enrolment", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        EnrolmentCount in{RequiredString(body, "counted_on", 10),
                          static_cast<int>(RequiredInteger(body, "enrolled", 0, kMaxEnrolment))};
        return Response::Json(200, ProtocolJson(RecordEnrolment(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("POST", "/api/ethics/protocols/{id}/adverse-events", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        AdverseEventInput in;
        in.learned_on = RequiredString(body, "learned_on", 10);
        if (auto o = OptionalString(body, "occurred_on", 10); o && !o->empty()) in.occurred_on = *o;
        in.seriousness = RequiredString(body, "seriousness", 40);
        auto expected = OptionalBool(body, "expected");
        if (!expected) throw Invalid("expected", "say whether the event was expected (true or false)");
        auto unapproved = OptionalBool(body, "unapproved");
        if (!unapproved)
            throw Invalid("unapproved", "say whether the product is unapproved or off-label (true or false)");
        in.expected = *expected;
        in.unapproved = *unapproved;
        in.summary = OptionalString(body, "summary", 2000).value_or("");
        return Response::Json(201, ProtocolJson(AddAdverseEvent(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("POST", "/api/ethics/protocols/{id}/reports", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        Report in;
        in.kind = RequiredString(body, "kind", 40);
        in.subject_id = OptionalString(body, "subject_id", 64).value_or("");
        in.due_on = OptionalString(body, "due_on", 10).value_or("");
        in.filed_on = OptionalString(body, "filed_on", 10).value_or("");
        return Response::Json(200, ProtocolJson(FileReport(call.tx(), call.me(), Id(call), in, call.now)));
    });

    router.Add("GET", "/api/ethics/deadlines", Access::kSignedIn, [](Call& call) {
        auto today = TokyoDate(call.now);
        auto from = call.req.Query("from").value_or("");
        auto to = call.req.Query("to").value_or("");
        // The default view (no `from`) also lists what is overdue; an explicit range only on request.
        auto overdue_param = call.req.Query("include_overdue").value_or("");
        bool overdue = from.empty() || overdue_param == "true";
        if (from.empty()) from = today;
        if (to.empty()) to = ParseDate(from) ? AddDays(from, 90) : today;
        bj::array items;
        for (const auto& row : DeadlinesBetween(call.tx(), call.me(), from, to, overdue, call.now)) {
            auto o = DeadlineJson(row.deadline).as_object();
            o["protocol_title_ja"] = row.protocol_title_ja;
            o["protocol_title_en"] = row.protocol_title_en;
            o["project_id"] = row.project_id;
            o["status"] = row.status;
            o["pi"] = Person(row.pi);
            o["overdue"] = row.overdue;
            items.push_back(std::move(o));
        }
        return Response::Json(200, bj::object{{"from", from}, {"to", to}, {"items", std::move(items)}});
    });
    router.Add("GET", "/api/ethics/rules", Access::kSignedIn, [](Call& call) {
        bj::array items;
        for (const auto& r : ListRules(call.tx())) items.push_back(RuleJson(r));
        return Response::Json(200, Items(std::move(items)));
    });
    router.Add("PUT", "/api/ethics/rules/{code}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        RuleInput in;
        if (auto a = OptionalInteger(body, "amount", 0, 3650)) in.amount = static_cast<int>(*a);
        if (auto r = OptionalInteger(body, "repeat_months", 0, 120)) in.repeat_months = static_cast<int>(*r);
        in.unit = OptionalString(body, "unit", 10);
        in.source_ja = OptionalString(body, "source_ja", 300);
        in.source_url = OptionalString(body, "source_url", 300);
        in.note = OptionalString(body, "note", 1000);
        in.first_day_counts = OptionalBool(body, "first_day_counts");
        in.moves_to_business_day = OptionalBool(body, "moves_to_business_day");
        return Response::Json(200, RuleJson(UpdateRule(call.tx(), call.me(), Id(call, "code"), in, call.now)));
    });
    router.Add("GET", "/api/ethics/turnaround", Access::kSignedIn, [](Call& call) {
        auto v = Turnaround(call.tx(), call.me());
        auto rows = [](const std::vector<TurnaroundRow>& rs) {
            bj::array a;
            for (const auto& r : rs)
                a.push_back({{"key", r.key},
                             {"label_ja", r.label_ja},
                             {"label_en", r.label_en},
                             {"approved", r.approved},
                             {"median_days", r.median_days ? bj::value(*r.median_days) : bj::value(nullptr)}});
            return a;
        };
        return Response::Json(200, bj::object{{"committees", rows(v.committees)}, {"categories", rows(v.categories)}});
    });
}

}  // namespace renkei::ethics
