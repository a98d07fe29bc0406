#include "modules/approvals/routes.hpp"

#include <boost/json.hpp>

#include "modules/approvals/internal.hpp"
#include "modules/approvals/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::approvals {

namespace {
json::value OptTime(const std::optional<Seconds>& t) { return t ? json::value(FormatUtc(*t)) : json::value(nullptr); }
json::value OptText(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value OptLong(const std::optional<long long>& n) { return n ? json::value(*n) : json::value(nullptr); }
}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const PersonRef& p) {
    jv = {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
}
namespace {
json::value OptRef(const std::optional<PersonRef>& p) { return p ? json::value_from(*p) : json::value(nullptr); }
}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const StepView& v) {
    const auto& s = v.step;
    jv = {{"id", s.id},
          {"position", s.position},
          {"label_ja", s.label_ja},
          {"label_en", s.label_en},
          {"approver", Text(s.approver)},
          {"person", OptRef(v.person)},
          {"role", OptText(s.role)},
          {"status", Text(s.status)},
          {"started_at", OptTime(s.started_at)},
          {"decided_at", OptTime(s.decided_at)},
          {"decided_by", OptRef(v.decided_by)},
          {"comment", s.comment},
          {"days", v.days ? json::value(*v.days) : json::value(nullptr)},
          {"may_act", v.may_act}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const ChainView& v) {
    const auto& c = v.chain;
    jv = {{"id", c.id},
          {"subject_kind", Text(c.subject.kind)},
          {"subject_id", c.subject.id},
          {"subject_type", c.subject.type},
          {"amount_yen", OptLong(c.subject.amount_yen)},
          {"title_ja", c.subject.title_ja},
          {"title_en", c.subject.title_en},
          {"link", c.subject.link},
          {"status", Text(c.status)},
          {"started_by", OptRef(v.started_by)},
          {"started_at", FormatUtc(c.started_at)},
          {"ended_at", OptTime(c.ended_at)},
          {"days", v.days},
          {"current_step_id", OptText(v.current_step_id)},
          {"steps", json::value_from(v.steps)}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const RuleView& v) {
    const auto& r = v.rule;
    json::array steps;
    for (size_t i = 0; i < r.steps.size(); ++i) {
        const auto& s = r.steps[i];
        steps.push_back({{"label_ja", s.label_ja},
                         {"label_en", s.label_en},
                         {"approver", Text(s.approver)},
                         {"person", i < v.step_people.size() ? OptRef(v.step_people[i]) : json::value(nullptr)},
                         {"role", s.approver == Approver::kRole ? json::value(s.role) : json::value(nullptr)}});
    }
    jv = {{"id", r.id},
          {"kind", Text(r.kind)},
          {"subject_type", r.subject_type},
          {"amount_from", r.amount_from},
          {"amount_to", OptLong(r.amount_to)},
          {"steps", std::move(steps)},
          {"note", r.note},
          {"updated_by", OptRef(v.updated_by)},
          {"updated_at", FormatUtc(r.updated_at)}};
}

namespace {

const std::string& Id(http::Call& call) { return call.req.params.at("id"); }

// Before reading a body: a caller who may not configure learns nothing of its shape.
void RequireConfigure(const Me& me) {
    if (!MayConfigure(me)) throw Forbidden("only the office and admins configure approval chains");
}

RuleInput ReadRule(const json::object& o) {
    RuleInput in;
    in.kind = RequiredString(o, "kind", 40);
    in.subject_type = OptionalString(o, "subject_type", 40).value_or("");
    in.amount_from = OptionalInteger(o, "amount_from", 0, kMaxAmount).value_or(0);
    in.amount_to = OptionalInteger(o, "amount_to", 1, kMaxAmount);
    in.note = OptionalString(o, "note", 2000).value_or("");
    const auto* steps = o.if_contains("steps");
    if (!steps || !steps->is_array()) throw Invalid("steps", "steps must be an array of steps");
    if (steps->as_array().size() > kMaxSteps) throw Invalid("steps", "a chain has at most 10 steps");
    size_t i = 0;
    for (const auto& x : steps->as_array()) {
        std::string at = "steps[" + std::to_string(i++) + "]";
        if (!x.is_object()) throw Invalid(at, "a step is an object");
        const auto& s = x.as_object();
        StepRule r;
        r.label_ja = OptionalString(s, "label_ja", 100).value_or("");
        r.label_en = OptionalString(s, "label_en", 100).value_or("");
        auto approver = FromText<Approver>(OptionalString(s, "approver", 20).value_or(""));
        if (!approver) throw Invalid(at + ".approver", "approver must be person, role or committee");
        r.approver = *approver;
        r.person_id = OptionalString(s, "person_id", 64).value_or("");
        r.role = OptionalString(s, "role", 40).value_or("");
        in.steps.push_back(std::move(r));
    }
    return in;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    using http::Access;
    using http::Response;
    // A chain's snapshots to whoever may see it (its subject's rules); rules to their readers.
    audit::DeclareReadPolicy("approval_chain", audit::Readable([](db::Tx& tx, const Me& me, const std::string& id) {
                                 GetChain(tx, me, id, Seconds{});
                             }));
    audit::DeclareReadPolicy("approval_rule", audit::Readable([](db::Tx&, const Me& me, const std::string&) {
                                 if (!MayReadRules(me)) throw Forbidden();
                             }));
    audit::DeclareNames("approval_chain",
                        audit::NamesFromTable("SELECT id, title_ja, title_en FROM approval_chains WHERE id IN"));

    router.Add("GET", "/api/approvals/rules", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::object{{"items", json::value_from(ListRules(call.tx(), call.me()))}});
    });
    router.Add("POST", "/api/approvals/rules", Access::kSignedIn, [](http::Call& call) {
        RequireConfigure(call.me());
        auto in = ReadRule(ParseObject(call.req.Body()));
        return Response::Json(201, json::value_from(CreateRule(call.tx(), call.me(), in, call.now)));
    });
    router.Add("PUT", "/api/approvals/rules/{id}", Access::kSignedIn, [](http::Call& call) {
        RequireConfigure(call.me());
        auto in = ReadRule(ParseObject(call.req.Body()));
        return Response::Json(200, json::value_from(UpdateRule(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("DELETE", "/api/approvals/rules/{id}", Access::kSignedIn, [](http::Call& call) {
        DeleteRule(call.tx(), call.me(), Id(call), call.now);
        return Response::NoContent();
    });
    router.Add("GET", "/api/approvals/chains/{id}", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(GetChain(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("GET", "/api/approvals/mine", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200,
                              json::object{{"items", json::value_from(AwaitingMe(call.tx(), call.me(), call.now))}});
    });
    router.Add("POST", "/api/approvals/steps/{id}/decision", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        auto decision = FromText<Decision>(RequiredString(body, "decision", 20));
        if (!decision) throw Invalid("decision", "decision must be approve or return");
        auto comment = OptionalString(body, "comment", 2000).value_or("");
        return Response::Json(200,
                              json::value_from(Decide(call.tx(), call.me(), Id(call), *decision, comment, call.now)));
    });
}

}  // namespace renkei::approvals
