#include "modules/projects/routes.hpp"

#include <boost/json.hpp>

#include "modules/projects/service.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/http/download.hpp"
#include "platform/json.hpp"

namespace renkei::projects {

// JSON for the service's views, written once per type (the wire format is docs/openapi.yaml).
namespace {
json::value OptText(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value OptPerson(const std::optional<PersonRef>& p) { return p ? json::value_from(*p) : json::value(nullptr); }
json::value OptStage(const std::optional<Stage>& s) { return s ? json::value(Text(*s)) : json::value(nullptr); }
}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const ProjectSummary& s) {
    const Project& p = s.project;
    json::object o{{"id", p.id},
                   {"kind", p.kind},
                   {"title_ja", p.title_ja},
                   {"title_en", p.title_en},
                   {"public_summary", p.public_summary},
                   {"status", Text(p.status)},
                   {"stage", Text(p.stage)},
                   {"stage_since", FormatUtc(p.stage_since)},
                   {"access", s.full_access ? "full" : "summary"}};
    o["area_code"] = OptText(p.area_code);
    o["pi"] = OptPerson(s.pi);
    o["company_lead"] = OptPerson(s.company_lead);
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const ListedProject& l) {
    jv = json::value_from(l.summary);
    jv.as_object()["member"] = l.member;
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const ProjectView& v) {
    jv = json::value_from(v.summary);
    if (!v.summary.full_access) return;
    auto& o = jv.as_object();
    const Project& p = v.summary.project;
    o["aims"] = p.aims;
    o["report_period"] = p.report_period;
    o["created_at"] = FormatUtc(p.created_at);
    o["active_since"] = p.active_since ? json::value(FormatUtc(*p.active_since)) : nullptr;
    o["proposed_by"] = json::value_from(p.proposed_by);
    o["decided_by"] = OptPerson(p.decided_by);
    o["decided_at"] = p.decided_at ? json::value(FormatUtc(*p.decided_at)) : nullptr;
    o["decision_reason"] = p.decision_reason;
    o["members"] = json::value_from(p.members);
    o["organisations"] = json::value_from(p.organisations);
    o["budgets"] = json::value_from(p.budgets);
    json::array links;
    for (const auto& l : v.links)
        links.push_back({{"kind", l.link.kind},
                         {"target_id", l.link.target_id},
                         {"title", l.title},
                         {"status", l.status},
                         {"confidential", l.confidential}});
    o["links"] = std::move(links);
    o["history"] = json::value_from(v.history);
    o["pending_request"] = v.pending_request ? json::value_from(*v.pending_request) : json::value(nullptr);
    o["confirmations"] = json::value_from(v.confirmations);
    o["product"] = v.product ? json::value_from(*v.product) : json::value(nullptr);
    o["last_report_on"] = OptText(v.last_report_on);
    o["next_report_due"] = OptText(v.next_report_due);
    o["report_overdue"] = v.report_overdue;
    const auto& may = v.permissions;
    o["permissions"] = json::object{{"edit", may.edit},
                                    {"decide", may.decide},
                                    {"request_stage", may.request_stage},
                                    {"approve_stage", may.approve_stage},
                                    {"report", may.report},
                                    {"acknowledge", may.acknowledge},
                                    {"upload", may.upload},
                                    {"confirm", may.confirm},
                                    {"member", may.member}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const NextGateView& g) {
    jv = {{"to_stage", OptStage(g.to_stage)},
          {"approver", OptText(g.approver)},
          {"items", json::value_from(g.items)},
          {"passes", g.passes}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const GoalProduct& g) {
    jv = json::value_from(g.product);
    auto& o = jv.as_object();
    o["counts_towards_goal"] = g.counts_towards_goal;
    o["project_id"] = g.product.project_id;
    if (g.project_title_ja) o["project_title_ja"] = *g.project_title_ja;
    if (g.project_title_en) o["project_title_en"] = *g.project_title_en;
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const GoalView& g) {
    json::object funnel;
    for (const auto& c : g.funnel) funnel[Text(c.stage)] = c.projects;
    json::array chain;
    for (const auto& c : g.chain)
        chain.push_back({{"code", c.code}, {"label_ja", c.label_ja}, {"label_en", c.label_en}, {"count", c.count}});
    jv = {{"date", g.date},
          {"met", g.met},
          {"products_counting", g.products_counting},
          {"products", json::value_from(g.products)},
          {"funnel", std::move(funnel)},
          {"chain", std::move(chain)},
          {"today", g.today}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const PortfolioRow& r) {
    json::object o{{"id", r.id},
                   {"kind", r.kind},
                   {"title_ja", r.title_ja},
                   {"title_en", r.title_en},
                   {"status", Text(r.status)},
                   {"stage", Text(r.stage)},
                   {"stage_since", FormatUtc(r.stage_since)},
                   {"reports", r.reports},
                   {"report_overdue", r.report_overdue},
                   {"open_milestones", r.open_milestones},
                   {"overdue_milestones", r.overdue_milestones}};
    o["area_code"] = OptText(r.area_code);
    o["pi"] = OptPerson(r.pi);
    o["company_lead"] = OptPerson(r.company_lead);
    o["last_report_on"] = OptText(r.last_report_on);
    o["next_report_due"] = OptText(r.next_report_due);
    o["pending_stage"] = OptStage(r.pending_stage);
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const MarketRow& m) {
    jv = json::value_from(m.row);
    auto& o = jv.as_object();
    o["next_stage"] = OptStage(m.next_stage);
    o["blockers"] = json::value_from(m.blockers);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const PortfolioView& v) {
    json::array stages;
    for (auto s : v.stages) stages.emplace_back(Text(s));
    jv = {{"today", v.today},
          {"areas", json::value_from(v.areas)},
          {"stages", std::move(stages)},
          {"projects", json::value_from(v.projects)},
          {"proposed", json::value_from(v.proposed)},
          {"closest_to_market", json::value_from(v.closest_to_market)},
          {"overdue_reports", json::value_from(v.overdue_reports)},
          {"overdue_milestones", json::value_from(v.overdue_milestones)},
          {"goal", json::value_from(v.goal)}};
}

namespace {

using http::Access;
using http::Call;
using http::Response;

const std::string& Id(Call& call, const char* name = "id") { return call.req.params.at(name); }

const json::array* OptionalArray(const json::object& o, std::string_view field) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return nullptr;
    if (!it->value().is_array()) throw Invalid(std::string(field), std::string(field) + " must be a list");
    if (it->value().as_array().size() > 100)
        throw Invalid(std::string(field), std::string(field) + " has too many items");
    return &it->value().as_array();
}

const json::object& Item(const json::value& v, const std::string& field) {
    if (!v.is_object()) throw Invalid(field, field + " must be a list of objects");
    return v.as_object();
}

std::optional<std::vector<MemberInput>> Members(const json::object& o) {
    auto* a = OptionalArray(o, "members");
    if (!a) return std::nullopt;
    std::vector<MemberInput> out;
    for (const auto& v : *a) {
        const auto& m = Item(v, "members");
        auto person = OptionalString(m, "person_id", 64).value_or("");
        auto role = OptionalString(m, "role", 40).value_or("");
        if (person.empty()) throw Invalid("members", "each member needs person_id");
        out.push_back({person, role.empty() ? "researcher" : role});
    }
    return out;
}

std::optional<std::vector<OrganisationRef>> Organisations(const json::object& o) {
    auto* a = OptionalArray(o, "organisations");
    if (!a) return std::nullopt;
    std::vector<OrganisationRef> out;
    for (const auto& v : *a) {
        const auto& x = Item(v, "organisations");
        out.push_back({OptionalString(x, "organisation_id", 64).value_or(""),
                       OptionalString(x, "role", 20).value_or(""), "", ""});
    }
    return out;
}

std::optional<std::vector<Budget>> Budgets(const json::object& o) {
    auto* a = OptionalArray(o, "budgets");
    if (!a) return std::nullopt;
    std::vector<Budget> out;
    for (const auto& v : *a) {
        const auto& x = Item(v, "budgets");
        out.push_back({static_cast<int>(RequiredInteger(x, "fiscal_year", 2000, 2100, "budgets")),
                       RequiredInteger(x, "amount_yen", 0, kMaxYen, "budgets")});
    }
    return out;
}

std::optional<std::vector<Link>> Links(const json::object& o) {
    auto* a = OptionalArray(o, "links");
    if (!a) return std::nullopt;
    std::vector<Link> out;
    for (const auto& v : *a) {
        const auto& x = Item(v, "links");
        out.push_back({OptionalString(x, "kind", 20).value_or(""), OptionalString(x, "target_id", 64).value_or("")});
    }
    return out;
}

std::string Text(const json::object& o, std::string_view field, size_t max) {
    return OptionalString(o, field, max).value_or("");
}

Upload ReadUpload(Call& call) {
    Upload in;
    in.title = call.req.Query("title").value_or("");
    in.visibility = call.req.Query("visibility").value_or("");
    in.filename = call.req.Query("filename").value_or("");
    in.content_type = std::string(call.req.Header("Content-Type"));
    in.bytes = call.req.Body();
    return in;
}

std::optional<TaskInput> ReadTask(const json::object& o) {
    auto owner = OptionalString(o, "owner_id", 64).value_or("");
    auto due = OptionalString(o, "due_on", 10).value_or("");
    if (owner.empty() && due.empty()) return std::nullopt;
    if (owner.empty()) throw Invalid("owner_id", "a task needs an owner");
    if (due.empty()) throw Invalid("due_on", "a task needs a due date");
    return TaskInput{owner, due};
}

json::value MeetingsJson(const std::vector<Meeting>& list) { return json::object{{"items", json::value_from(list)}}; }

}  // namespace

void RegisterRoutes(http::Router& router) {
    // A confidential document's records are for its project's members; the rest of a project's
    // records are for the office and admins, who see every project in full.
    audit::DeclareReadPolicy("project_document", [](db::Tx& tx, const Me& reader, const std::string& id, Seconds) {
        return MayReadDocument(tx, reader, id);
    });
    for (const char* kind : {"project", "project_gate", "project_milestone", "project_report", "project_product",
                             "project_meeting", "project_meeting_decision", "project_setting"})
        audit::DeclareReadPolicy(kind, audit::OpenToAuditors);
    audit::DeclareNames("project", audit::NamesFromTable(store::kProjectNames));
    router.Add("GET", "/api/projects", Access::kSignedIn, [](Call& call) {
        ListFilter f;
        f.q = call.req.Query("q").value_or("");
        f.area = call.req.Query("area").value_or("");
        f.stage = call.req.Query("stage").value_or("");
        f.kind = call.req.Query("kind").value_or("");
        f.status = call.req.Query("status").value_or("");
        f.need = call.req.Query("need").value_or("");
        f.seed = call.req.Query("seed").value_or("");
        if (!f.need.empty() && !f.seed.empty()) throw Invalid("seed", "filter by a need or by a seed, not both");
        if (!f.stage.empty() && !IsStage(f.stage)) throw Invalid("stage", "unknown stage");
        if (!f.kind.empty() && !IsKind(f.kind)) throw Invalid("kind", "unknown kind");
        auto mine = call.req.Query("mine").value_or("");
        if (!mine.empty() && mine != "true" && mine != "false") throw Invalid("mine", "mine must be true or false");
        f.mine = mine == "true";
        return Response::Json(
            200, json::object{{"items", json::value_from(ListProjects(call.tx(), call.me(), f, call.now))}});
    });

    router.Add("POST", "/api/projects", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        NewProject in;
        in.kind = RequiredString(body, "kind", 20);
        auto area = NullableString(body, "area_code");
        if (area) in.area_code = *area;
        in.title_ja = RequiredString(body, "title_ja", 200);
        in.title_en = Text(body, "title_en", 200);
        in.aims = Text(body, "aims", 4000);
        in.public_summary = Text(body, "public_summary", 1000);
        in.report_period = OptionalString(body, "report_period", 20).value_or("monthly");
        if (in.report_period.empty()) in.report_period = "monthly";
        in.pi_id = RequiredString(body, "pi_id", 64);
        in.company_lead_id = RequiredString(body, "company_lead_id", 64);
        in.members = Members(body).value_or(std::vector<MemberInput>{});
        in.organisations = Organisations(body).value_or(std::vector<OrganisationRef>{});
        in.budgets = Budgets(body).value_or(std::vector<Budget>{});
        in.links = Links(body).value_or(std::vector<Link>{});
        if (auto intro = OptionalString(body, "introduction_id", 64); intro && !intro->empty())
            in.introduction_id = *intro;
        auto p = Propose(call.tx(), call.me(), in, call.now);
        return Response::Json(201, json::value_from(GetProject(call.tx(), call.me(), p.id, call.now)));
    });

    router.Add("GET", "/api/projects/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(GetProject(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("PATCH", "/api/projects/{id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        ProjectPatch in;
        in.kind = OptionalString(body, "kind", 20);
        in.area_code = NullableString(body, "area_code");
        in.title_ja = OptionalString(body, "title_ja", 200);
        in.title_en = OptionalString(body, "title_en", 200);
        in.aims = OptionalString(body, "aims", 4000);
        in.public_summary = OptionalString(body, "public_summary", 1000);
        in.report_period = OptionalString(body, "report_period", 20);
        in.members = Members(body);
        in.organisations = Organisations(body);
        in.budgets = Budgets(body);
        in.links = Links(body);
        Update(call.tx(), call.me(), Id(call), in, call.now);
        return Response::Json(200, json::value_from(GetProject(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("POST", "/api/projects/{id}/introductions", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        LinkIntroduction(call.tx(), call.me(), Id(call), RequiredString(body, "introduction_id", 64), call.now);
        return Response::Json(200, json::value_from(GetProject(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("POST", "/api/projects/{id}/decision", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto decision = RequiredString(body, "decision", 20);
        if (decision != "approve" && decision != "reject")
            throw Invalid("decision", "decision must be approve or reject");
        Decide(call.tx(), call.me(), Id(call), decision == "approve", Text(body, "reason", 1000), call.now);
        return Response::Json(200, json::value_from(GetProject(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("GET", "/api/projects/{id}/gate", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(NextGate(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("POST", "/api/projects/{id}/stage-requests", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto r = RequestStage(call.tx(), call.me(), Id(call), RequiredString(body, "to_stage", 40),
                              Text(body, "note", 1000), call.now);
        return Response::Json(201, boost::json::value_from(r));
    });

    router.Add("POST", "/api/projects/{id}/stage-requests/{request_id}/decision", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto r = DecideStage(call.tx(), call.me(), Id(call), Id(call, "request_id"),
                             RequiredString(body, "decision", 20), Text(body, "reason", 1000), call.now);
        return Response::Json(200, boost::json::value_from(r));
    });

    router.Add("POST", "/api/projects/{id}/confirmations", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto c = Confirm(call.tx(), call.me(), Id(call), RequiredString(body, "code", 60),
                         RequiredString(body, "note", 1000), call.now);
        return Response::Json(201, boost::json::value_from(c));
    });

    router.Add("GET", "/api/project-gates", Access::kSignedIn, [](Call& call) {
        boost::json::array requirements;
        for (const auto& r : RequirementCatalogue())
            requirements.push_back(
                {{"code", r.code}, {"module", r.module}, {"label_ja", r.label_ja}, {"label_en", r.label_en}});
        return Response::Json(200, boost::json::object{{"items", boost::json::value_from(ListGates(call.tx()))},
                                                       {"requirements", std::move(requirements)}});
    });

    router.Add("PUT", "/api/project-gates/{stage}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        GateInput g;
        g.stage = Id(call, "stage");
        g.approver = RequiredString(body, "approver", 20);
        auto reqs = OptionalStringArray(body, "requirements", 20, 60);
        if (!reqs) throw Invalid("requirements", "requirements is required");
        g.requirements = *reqs;
        return Response::Json(200, boost::json::value_from(UpdateGate(call.tx(), call.me(), g, call.now)));
    });

    router.Add("GET", "/api/projects/{id}/milestones", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, boost::json::object{{"items", boost::json::value_from(ListMilestones(
                                                                     call.tx(), call.me(), Id(call), call.now))}});
    });

    router.Add("POST", "/api/projects/{id}/milestones", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto m = AddMilestone(call.tx(), call.me(), Id(call), RequiredString(body, "title", 200),
                              RequiredString(body, "owner_id", 64), RequiredString(body, "due_on", 10), call.now);
        return Response::Json(201, boost::json::value_from(m));
    });

    router.Add("PATCH", "/api/projects/{id}/milestones/{milestone_id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        MilestonePatch in;
        in.title = OptionalString(body, "title", 200);
        in.owner_id = OptionalString(body, "owner_id", 64);
        in.due_on = OptionalString(body, "due_on", 10);
        in.done = OptionalBool(body, "done");
        return Response::Json(200, boost::json::value_from(UpdateMilestone(call.tx(), call.me(), Id(call),
                                                                           Id(call, "milestone_id"), in, call.now)));
    });

    router.Add("GET", "/api/projects/{id}/reports", Access::kSignedIn, [](Call& call) {
        int limit = 50;
        if (auto l = call.req.Query("limit"); l && !l->empty())
            limit = static_cast<int>(IntegerText(*l, "limit", 1, 500));
        return Response::Json(200, boost::json::object{{"items", boost::json::value_from(ListReports(
                                                                     call.tx(), call.me(), Id(call), limit))}});
    });

    router.Add("POST", "/api/projects/{id}/reports", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        NewReport in{Text(body, "done", 2000), Text(body, "next", 2000), Text(body, "risks", 2000),
                     Text(body, "help", 2000)};
        return Response::Json(201, boost::json::value_from(SubmitReport(call.tx(), call.me(), Id(call), in, call.now)));
    });

    router.Add("POST", "/api/projects/{id}/reports/{report_id}/acknowledge", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, boost::json::value_from(Acknowledge(call.tx(), call.me(), Id(call), Id(call, "report_id"), call.now)));
    });

    router.Add("GET", "/api/projects/{id}/documents", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200,
            boost::json::object{{"items", boost::json::value_from(ListDocuments(call.tx(), call.me(), Id(call)))}});
    });

    router.Add("POST", "/api/projects/{id}/documents", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            201, boost::json::value_from(UploadDocument(call.tx(), call.me(), Id(call), ReadUpload(call), call.now)));
    });

    router.Add("POST", "/api/projects/{id}/documents/{document_id}/versions", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            201, boost::json::value_from(UploadVersion(call.tx(), call.me(), Id(call), Id(call, "document_id"),
                                                       ReadUpload(call), call.now)));
    });

    router.Add("PATCH", "/api/projects/{id}/documents/{document_id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto d = ChangeDocument(call.tx(), call.me(), Id(call), Id(call, "document_id"),
                                OptionalString(body, "title", 200), OptionalString(body, "visibility", 20), call.now);
        return Response::Json(200, boost::json::value_from(d));
    });

    router.Add("GET", "/api/projects/{id}/documents/{document_id}/content", Access::kSignedIn, [](Call& call) {
        std::optional<int> version;
        if (auto v = call.req.Query("version"); v && !v->empty())
            version = static_cast<int>(IntegerText(*v, "version", 1, 1'000'000));
        auto file = DownloadDocument(call.tx(), call.me(), Id(call), Id(call, "document_id"), version);
        auto r = Response::Text(200, std::move(file.bytes), file.content_type);
        r.headers.emplace_back("Content-Disposition", http::AttachmentDisposition(file.filename));
        r.headers.emplace_back("X-Content-Type-Options", "nosniff");
        return r;
    });

    router.Add("PUT", "/api/projects/{id}/product", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        ProductInput in;
        in.kind = RequiredString(body, "kind", 20);
        in.name_ja = RequiredString(body, "name_ja", 200);
        in.name_en = Text(body, "name_en", 200);
        in.description = Text(body, "description", 2000);
        auto launched = NullableString(body, "launched_on");
        if (launched) in.launched_on = *launched;
        return Response::Json(200, boost::json::value_from(SaveProduct(call.tx(), call.me(), Id(call), in, call.now)));
    });

    router.Add("POST", "/api/projects/{id}/product/sales", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        Sale s{RequiredString(body, "period", 7), RequiredInteger(body, "amount_yen", -kMaxYen, kMaxYen)};
        return Response::Json(200, boost::json::value_from(RecordSale(call.tx(), call.me(), Id(call), s, call.now)));
    });

    router.Add("GET", "/api/projects/{id}/meetings", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, MeetingsJson(ListMeetings(call.tx(), call.me(), Id(call), call.now)));
    });

    router.Add("POST", "/api/projects/{id}/meetings", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        NewMeeting in;
        in.title = RequiredString(body, "title", 200);
        auto people = OptionalStringArray(body, "attendee_ids", 20, 64);
        if (!people) throw Invalid("attendee_ids", "attendee_ids is required");
        in.attendee_ids = *people;
        in.start = RequiredTime(body, "start");
        in.end = RequiredTime(body, "end");
        if (auto space = OptionalString(body, "space_id", 64); space && !space->empty()) in.space_id = *space;
        return Response::Json(201, json::value_from(CreateMeeting(call.tx(), call.me(), Id(call), in, call.now)));
    });

    router.Add("PATCH", "/api/projects/{id}/meetings/{meeting_id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        MeetingPatch in;
        in.title = OptionalString(body, "title", 200);
        in.minutes = OptionalString(body, "minutes", 20000);
        in.status = OptionalString(body, "status", 20);
        return Response::Json(
            200, json::value_from(UpdateMeeting(call.tx(), call.me(), Id(call), Id(call, "meeting_id"), in, call.now)));
    });

    router.Add("POST", "/api/projects/{id}/meetings/{meeting_id}/decisions", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto m = AddDecision(call.tx(), call.me(), Id(call), Id(call, "meeting_id"), RequiredString(body, "text", 2000),
                             ReadTask(body), call.now);
        return Response::Json(201, json::value_from(m));
    });

    router.Add("POST", "/api/projects/{id}/meetings/{meeting_id}/decisions/{decision_id}/task", Access::kSignedIn,
               [](Call& call) {
                   auto body = ParseObject(call.req.Body());
                   auto task = ReadTask(body);
                   if (!task) throw Invalid("owner_id", "a task needs an owner and a due date");
                   auto m = DecisionToTask(call.tx(), call.me(), Id(call), Id(call, "meeting_id"),
                                           Id(call, "decision_id"), *task, call.now);
                   return Response::Json(200, json::value_from(m));
               });

    router.Add("GET", "/api/portfolio", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(Portfolio(call.tx(), call.me(), call.now)));
    });

    for (const char* format : {"csv", "xlsx"})
        router.Add("GET", std::string("/api/portfolio/export.") + format, Access::kSignedIn, [format](Call& call) {
            auto table = PortfolioExport(call.tx(), call.me(), http::ExportLanguage(call.req), call.now);
            return http::TableDownload(table, format, "portfolio");
        });

    router.Add("GET", "/api/portfolio/goal", Access::kSignedIn,
               [](Call& call) { return Response::Json(200, json::value_from(Goal(call.tx(), call.me(), call.now))); });

    router.Add("PUT", "/api/portfolio/goal", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        return Response::Json(
            200, json::value_from(SetGoal(call.tx(), call.me(), RequiredString(body, "date", 10), call.now)));
    });
}

}  // namespace renkei::projects
