#include "modules/opencall/routes.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "modules/opencall/internal.hpp"
#include "modules/opencall/service.hpp"
#include "modules/opencall/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::opencall {

// JSON for the service's views (the wire format is docs/opencall.md and docs/openapi.yaml).
namespace {
json::value OptTime(const std::optional<Seconds>& t) { return t ? json::value(FormatUtc(*t)) : json::value(nullptr); }
}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const PersonRef& p) {
    jv = {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const Criterion& c) {
    jv = {{"code", c.code}, {"label_ja", c.label_ja}, {"label_en", c.label_en}, {"weight", c.weight}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const BudgetLine& b) {
    jv = {{"fiscal_year", b.fiscal_year}, {"amount_yen", b.amount_yen}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const Attachment& a) {
    jv = {{"id", a.id},
          {"filename", a.filename},
          {"content_type", a.content_type},
          {"size_bytes", a.size_bytes},
          {"uploaded_at", FormatUtc(a.uploaded_at)}};
}
void tag_invoke(const json::value_from_tag&, json::value& jv, const Pair& p) {
    jv = {{"proposal_id", p.proposal_id}, {"person_id", p.person_id}, {"rule", p.rule}};
}

namespace {

json::object CallSummary(const Call& c, bool accepting) {
    json::array areas;
    for (const auto& a : c.areas) areas.emplace_back(a);
    return {{"id", c.id},
            {"title_ja", c.title_ja},
            {"title_en", c.title_en},
            {"status", Text(c.status)},
            {"opens_on", c.opens_on},
            {"closes_on", c.closes_on},
            {"accepting", accepting},
            {"total_budget_yen", c.total_budget_yen},
            {"per_project_cap_yen", c.per_project_cap_yen},
            {"areas", std::move(areas)},
            {"proposals_submitted", c.proposals_submitted}};
}

json::object ProposalSummary(const Proposal& p) {
    return {{"id", p.id},
            {"call_id", p.call_id},
            {"title_ja", p.title_ja},
            {"title_en", p.title_en},
            {"status", Text(p.status)},
            {"applicant", json::value_from(p.applicant)},
            {"requested_yen", p.RequestedYen()},
            {"submitted_at", OptTime(p.submitted_at)},
            {"project_id", p.project_id ? json::value(*p.project_id) : json::value(nullptr)}};
}

}  // namespace

void tag_invoke(const json::value_from_tag&, json::value& jv, const CallView& v) {
    const Call& c = v.call;
    auto o = CallSummary(c, v.accepting);
    if (!v.detail) {
        jv = std::move(o);
        return;
    }
    o["theme"] = c.theme;
    o["reviews_per_proposal"] = c.reviews_per_proposal;
    o["disagreement_threshold"] = static_cast<double>(c.disagreement_milli) / 1000.0;
    o["normalise"] = c.normalise;
    o["criteria"] = json::value_from(c.criteria);
    json::array reviewers;
    for (const auto& r : c.reviewers)
        reviewers.push_back({{"person", json::value_from(r.person)}, {"load_cap", r.load_cap}});
    o["reviewers"] = std::move(reviewers);
    o["created_at"] = FormatUtc(c.created_at);
    o["updated_at"] = FormatUtc(c.updated_at);
    o["decided_at"] = OptTime(c.decided_at);
    o["decided_by"] = c.decided_by ? json::value_from(*c.decided_by) : json::value(nullptr);
    o["decision_note"] = c.decision_note;
    o["selection_note"] = c.selection_note;
    json::array mine, reviews;
    for (const auto& p : v.my_proposals)
        mine.push_back({{"id", p.id}, {"title_ja", p.title_ja}, {"title_en", p.title_en}, {"status", Text(p.status)}});
    for (const auto& r : v.my_reviews)
        reviews.push_back({{"proposal_id", r.proposal_id},
                           {"title_ja", r.title_ja},
                           {"title_en", r.title_en},
                           {"submitted", r.submitted}});
    o["my_proposals"] = std::move(mine);
    o["my_reviews"] = std::move(reviews);
    const auto& may = v.may;
    o["permissions"] = json::object{{"edit", may.edit},
                                    {"open", may.open},
                                    {"apply", may.apply},
                                    {"assign", may.assign},
                                    {"start_review", may.start_review},
                                    {"rank", may.rank},
                                    {"select", may.select},
                                    {"decide", may.decide}};
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const ProposalView& v) {
    const Proposal& p = v.proposal;
    auto o = ProposalSummary(p);
    o["aims"] = p.aims;
    o["company_lead"] = p.company_lead ? json::value_from(*p.company_lead) : json::value(nullptr);
    o["partner_company"] = v.partner_company ? json::value(json::object{{"id", v.partner_company->id},
                                                                        {"name_ja", v.partner_company->name_ja},
                                                                        {"name_en", v.partner_company->name_en}})
                                             : json::value(nullptr);
    json::array team, links;
    for (const auto& m : p.team) team.push_back({{"person", json::value_from(m.person)}, {"role", m.role}});
    for (const auto& l : v.links)
        links.push_back({{"kind", l.link.kind}, {"target_id", l.link.target_id}, {"title", l.title}});
    o["team"] = std::move(team);
    o["budgets"] = json::value_from(p.budgets);
    o["links"] = std::move(links);
    o["attachments"] = json::value_from(p.attachments);
    o["updated_at"] = FormatUtc(p.updated_at);
    o["call"] = json::object{{"id", v.call.id},
                             {"title_ja", v.call.title_ja},
                             {"title_en", v.call.title_en},
                             {"status", Text(v.call.status)},
                             {"closes_on", v.call.closes_on},
                             {"accepting", v.accepting}};
    o["permissions"] = json::object{
        {"edit", v.may.edit}, {"submit", v.may.submit}, {"withdraw", v.may.withdraw}, {"review", v.may.review}};
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const AssignmentView& v) {
    json::array proposals, reviewers;
    for (const auto& p : v.proposals) {
        json::array assigned, excluded;
        for (const auto& r : p.reviewers)
            assigned.push_back({{"person", json::value_from(r.person)},
                                {"expertise", static_cast<double>(r.expertise) / kScoreScale},
                                {"pinned", r.pinned}});
        for (const auto& e : p.excluded) {
            json::array reasons;
            for (auto k : e.reasons) reasons.emplace_back(Text(k));
            excluded.push_back({{"person", json::value_from(e.person)}, {"reasons", std::move(reasons)}});
        }
        proposals.push_back({{"id", p.id},
                             {"title_ja", p.title_ja},
                             {"title_en", p.title_en},
                             {"applicant", json::value_from(p.applicant)},
                             {"reviewers", std::move(assigned)},
                             {"excluded", std::move(excluded)}});
    }
    for (const auto& r : v.reviewers)
        reviewers.push_back({{"person", json::value_from(r.person)}, {"load_cap", r.load_cap}, {"load", r.load}});
    jv = {{"solved", v.solved},
          {"stale", v.stale},
          {"solved_at", OptTime(v.solved_at)},
          {"total_expertise", static_cast<double>(v.total_expertise) / kScoreScale},
          {"proposals", std::move(proposals)},
          {"reviewers", std::move(reviewers)},
          {"pairs", json::value_from(v.pairs)}};
}

namespace {

json::value ScoresJson(const std::map<std::string, int>& scores) {
    json::object o;
    for (const auto& [code, score] : scores) o[code] = score;
    return o;
}

json::value ReviewJson(const ReviewView& v) {
    return {{"criteria", json::value_from(v.criteria)},
            {"scores", ScoresJson(v.review.scores)},
            {"comment", v.review.comment},
            {"submitted_at", OptTime(v.review.submitted_at)},
            {"editable", v.editable}};
}

json::value OptNumber(const std::optional<double>& d) { return d ? json::value(*d) : json::value(nullptr); }

json::value RankingJson(const RankingView& v) {
    json::array rows, proposed;
    for (const auto& row : v.rows) {
        json::array reviews;
        for (const auto& r : row.reviews)
            reviews.push_back({{"reviewer", json::value_from(r.reviewer)},
                               {"scores", ScoresJson(r.scores)},
                               {"weighted", r.weighted},
                               {"adjusted", r.adjusted},
                               {"comment", r.comment}});
        rows.push_back({{"proposal", ProposalSummary(row.proposal)},
                        {"reviews_done", row.reviews_done},
                        {"reviews_expected", row.reviews_expected},
                        {"score", OptNumber(row.score)},
                        {"spread", OptNumber(row.spread)},
                        {"disagreement", row.disagreement},
                        {"eligible", row.eligible},
                        {"proposed", row.proposed},
                        {"sent", row.sent},
                        {"reviews", std::move(reviews)}});
    }
    for (const auto& id : v.proposed) proposed.emplace_back(id);
    return {{"normalise", v.normalise},
            {"total_budget_yen", v.total_budget_yen},
            {"per_project_cap_yen", v.per_project_cap_yen},
            {"rows", std::move(rows)},
            {"proposed",
             {{"proposal_ids", std::move(proposed)},
              {"total_requested_yen", v.proposed_requested_yen},
              {"total_score", v.proposed_score}}}};
}

using http::Access;

using http::Response;

const std::string& Id(http::Call& call, const char* name = "id") { return call.req.params.at(name); }

const json::array& ArrayOf(const json::object& o, std::string_view field, size_t max_items) {
    static const json::array empty;
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return empty;
    if (!it->value().is_array()) throw Invalid(std::string(field), std::string(field) + " must be a list");
    if (it->value().as_array().size() > max_items)
        throw Invalid(std::string(field), std::string(field) + " has too many items");
    return it->value().as_array();
}

const json::object& ItemOf(const json::value& v, const std::string& field) {
    if (!v.is_object()) throw Invalid(field, field + " must be an object");
    return v.as_object();
}

std::string Indexed(std::string_view field, size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

CallInput ReadCall(const json::object& body) {
    CallInput in;
    in.title_ja = RequiredString(body, "title_ja", 200);
    in.title_en = OptionalString(body, "title_en", 200).value_or("");
    in.theme = OptionalString(body, "theme", 4000).value_or("");
    in.areas = OptionalStringArray(body, "areas", 10, 40).value_or(std::vector<std::string>{});
    in.total_budget_yen = RequiredInteger(body, "total_budget_yen", 1, kMaxYen);
    in.per_project_cap_yen = RequiredInteger(body, "per_project_cap_yen", 1, kMaxYen);
    in.opens_on = RequiredString(body, "opens_on", 10);
    in.closes_on = RequiredString(body, "closes_on", 10);
    in.reviews_per_proposal = static_cast<int>(RequiredInteger(body, "reviews_per_proposal", 1, 10));
    if (auto it = body.find("disagreement_threshold"); it != body.end() && !it->value().is_null()) {
        if (!it->value().is_number())
            throw Invalid("disagreement_threshold", "disagreement_threshold must be a number");
        double points = it->value().to_number<double>();
        if (!(points >= 0 && points <= 4))
            throw Invalid("disagreement_threshold", "the disagreement threshold must be 0 to 4 points");
        in.disagreement_milli = std::llround(points * 1000);
    }
    in.normalise = OptionalBool(body, "normalise").value_or(false);
    const auto& criteria = ArrayOf(body, "criteria", 10);
    for (size_t i = 0; i < criteria.size(); ++i) {
        auto field = Indexed("criteria", i);
        const auto& x = ItemOf(criteria[i], field);
        in.criteria.push_back({OptionalString(x, "code", 40).value_or(""),
                               OptionalString(x, "label_ja", 100).value_or(""),
                               OptionalString(x, "label_en", 100).value_or(""),
                               static_cast<int>(RequiredInteger(x, "weight", 1, 100, field + ".weight"))});
    }
    const auto& reviewers = ArrayOf(body, "reviewers", 500);
    for (size_t i = 0; i < reviewers.size(); ++i) {
        auto field = Indexed("reviewers", i);
        const auto& x = ItemOf(reviewers[i], field);
        in.reviewers.push_back({OptionalString(x, "person_id", 64).value_or(""),
                                static_cast<int>(RequiredInteger(x, "load_cap", 1, 100, field + ".load_cap"))});
    }
    return in;
}

ProposalInput ReadProposal(const json::object& body) {
    ProposalInput in;
    in.title_ja = OptionalString(body, "title_ja", 200).value_or("");
    in.title_en = OptionalString(body, "title_en", 200).value_or("");
    in.aims = OptionalString(body, "aims", 8000).value_or("");
    in.company_lead_id = OptionalString(body, "company_lead_id", 64);
    const auto& team = ArrayOf(body, "team", 20);
    for (size_t i = 0; i < team.size(); ++i) {
        const auto& x = ItemOf(team[i], Indexed("team", i));
        in.team.push_back(
            {OptionalString(x, "person_id", 64).value_or(""), OptionalString(x, "role", 40).value_or("")});
    }
    const auto& budgets = ArrayOf(body, "budgets", 10);
    for (size_t i = 0; i < budgets.size(); ++i) {
        auto field = Indexed("budgets", i);
        const auto& x = ItemOf(budgets[i], field);
        in.budgets.push_back({static_cast<int>(RequiredInteger(x, "fiscal_year", 2000, 2100, field + ".fiscal_year")),
                              RequiredInteger(x, "amount_yen", 0, kMaxYen, field + ".amount_yen")});
    }
    const auto& links = ArrayOf(body, "links", 20);
    for (size_t i = 0; i < links.size(); ++i) {
        const auto& x = ItemOf(links[i], Indexed("links", i));
        in.links.push_back(
            {OptionalString(x, "kind", 10).value_or(""), OptionalString(x, "target_id", 64).value_or("")});
    }
    return in;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    // A call's and a proposal's records are for whoever may read the call or the proposal itself:
    // a draft call's for the office only, a proposal's for its people, the office once submitted,
    // its reviewers and the committee as docs/opencall.md says (not for admins as such).
    audit::DeclareReadPolicy("opencall_call", audit::Readable([](db::Tx& tx, const Me& me, const std::string& id) {
                                 LoadCall(tx, me, id);
                             }));
    audit::DeclareReadPolicy("opencall_proposal", audit::Readable([](db::Tx& tx, const Me& me, const std::string& id) {
                                 auto p = LoadProposal(tx, id);
                                 auto c = store::FindCall(tx, p.call_id);
                                 if (!c || !MaySee(tx, me, *c, p)) throw NotFound("proposal");
                             }));
    audit::DeclareNames("opencall_call", audit::NamesFromTable(store::kCallNames));
    audit::DeclareNames("opencall_proposal", audit::NamesFromTable(store::kProposalNames));

    router.Add("GET", "/api/opencall/calls", Access::kSignedIn, [](http::Call& call) {
        auto list = ListCalls(call.tx(), call.me(), call.req.Query("status").value_or(""), call.now);
        return Response::Json(200, json::object{{"items", json::value_from(list)}});
    });
    router.Add("POST", "/api/opencall/calls", Access::kSignedIn, [](http::Call& call) {
        auto in = ReadCall(ParseObject(call.req.Body()));
        return Response::Json(201, json::value_from(CreateCall(call.tx(), call.me(), in, call.now)));
    });
    router.Add("GET", "/api/opencall/calls/{id}", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(GetCall(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PUT", "/api/opencall/calls/{id}", Access::kSignedIn, [](http::Call& call) {
        auto in = ReadCall(ParseObject(call.req.Body()));
        return Response::Json(200, json::value_from(UpdateCall(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("POST", "/api/opencall/calls/{id}/open", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(OpenCall(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/opencall/calls/{id}/review", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(StartReview(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/opencall/calls/{id}/selection", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        auto ids = OptionalStringArray(body, "proposal_ids", 500, 64);
        if (!ids) throw Invalid("proposal_ids", "proposal_ids is required");
        auto note = OptionalString(body, "note", 2000).value_or("");
        return Response::Json(200,
                              json::value_from(SendSelection(call.tx(), call.me(), Id(call), *ids, note, call.now)));
    });
    router.Add("POST", "/api/opencall/calls/{id}/decision", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        auto approve = OptionalBool(body, "approve");
        if (!approve) throw Invalid("approve", "approve (true or false) is required");
        auto note = OptionalString(body, "note", 2000).value_or("");
        return Response::Json(200, json::value_from(Decide(call.tx(), call.me(), Id(call), *approve, note, call.now)));
    });

    router.Add("GET", "/api/opencall/calls/{id}/proposals", Access::kSignedIn, [](http::Call& call) {
        json::array items;
        for (const auto& p : ListProposals(call.tx(), call.me(), Id(call), call.now))
            items.push_back(ProposalSummary(p));
        return Response::Json(200, json::object{{"items", std::move(items)}});
    });
    router.Add("POST", "/api/opencall/calls/{id}/proposals", Access::kSignedIn, [](http::Call& call) {
        auto in = ReadProposal(ParseObject(call.req.Body()));
        return Response::Json(201, json::value_from(CreateProposal(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("GET", "/api/opencall/proposals/{id}", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(GetProposal(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PUT", "/api/opencall/proposals/{id}", Access::kSignedIn, [](http::Call& call) {
        auto in = ReadProposal(ParseObject(call.req.Body()));
        return Response::Json(200, json::value_from(UpdateProposal(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("POST", "/api/opencall/proposals/{id}/submit", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(SubmitProposal(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/opencall/proposals/{id}/withdraw", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(WithdrawProposal(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/opencall/proposals/{id}/attachments", Access::kSignedIn, [](http::Call& call) {
        Upload in{call.req.Query("filename").value_or(""), std::string(call.req.Header("Content-Type")),
                  call.req.Body()};
        return Response::Json(201, json::value_from(AddAttachment(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("GET", "/api/opencall/proposals/{id}/attachments/{attachment_id}/content", Access::kSignedIn,
               [](http::Call& call) {
                   auto file = ReadAttachment(call.tx(), call.me(), Id(call), Id(call, "attachment_id"), call.now);
                   auto r = Response::Text(200, std::move(file.bytes), file.content_type);
                   r.headers.emplace_back("Content-Disposition", http::AttachmentDisposition(file.filename));
                   r.headers.emplace_back("X-Content-Type-Options", "nosniff");
                   return r;
               });
    router.Add("DELETE", "/api/opencall/proposals/{id}/attachments/{attachment_id}", Access::kSignedIn,
               [](http::Call& call) {
                   RemoveAttachment(call.tx(), call.me(), Id(call), Id(call, "attachment_id"), call.now);
                   return Response::NoContent();
               });

    router.Add("GET", "/api/opencall/calls/{id}/assignment", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(GetAssignment(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/opencall/calls/{id}/assignment", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, json::value_from(SolveAndStore(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PUT", "/api/opencall/calls/{id}/pairs", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        std::vector<Pair> pairs;
        const auto& list = ArrayOf(body, "pairs", 5000);
        for (size_t i = 0; i < list.size(); ++i) {
            const auto& x = ItemOf(list[i], Indexed("pairs", i));
            pairs.push_back({OptionalString(x, "proposal_id", 64).value_or(""),
                             OptionalString(x, "person_id", 64).value_or(""),
                             OptionalString(x, "rule", 10).value_or("")});
        }
        return Response::Json(200, json::value_from(SetPairs(call.tx(), call.me(), Id(call), pairs, call.now)));
    });

    router.Add("GET", "/api/opencall/proposals/{id}/review", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, ReviewJson(GetReview(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PUT", "/api/opencall/proposals/{id}/review", Access::kSignedIn, [](http::Call& call) {
        auto body = ParseObject(call.req.Body());
        std::map<std::string, int> scores;
        auto it = body.find("scores");
        if (it == body.end() || !it->value().is_object()) throw Invalid("scores", "scores must be an object");
        const auto& given = it->value().as_object();
        if (given.size() > 10) throw Invalid("scores", "too many scores");
        for (const auto& kv : given) {
            std::string field = "scores." + std::string(kv.key());
            scores[std::string(kv.key())] =
                static_cast<int>(RequiredInteger(given, kv.key(), kMinScore, kMaxScore, field));
        }
        auto comment = OptionalString(body, "comment", 4000).value_or("");
        return Response::Json(200, ReviewJson(SaveReview(call.tx(), call.me(), Id(call), scores, comment, call.now)));
    });
    router.Add("GET", "/api/opencall/calls/{id}/ranking", Access::kSignedIn, [](http::Call& call) {
        return Response::Json(200, RankingJson(Ranking(call.tx(), call.me(), Id(call), call.now)));
    });
}

}  // namespace renkei::opencall
