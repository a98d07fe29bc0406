#include "modules/ip/routes.hpp"

#include <boost/json.hpp>

#include "modules/ip/model.hpp"
#include "modules/ip/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::ip {
namespace {

namespace bj = boost::json;
using http::Access;
using http::Call;
using http::Response;

bj::value Opt(const std::optional<std::string>& s) { return s ? bj::value(*s) : bj::value(nullptr); }
bj::value Opt(const std::optional<int>& n) { return n ? bj::value(*n) : bj::value(nullptr); }

bj::value DeadlineJson(const InventionDeadline& d, const std::string& invention_id) {
    const auto& rule = EntryOf(d.kind);
    return {{"kind", rule.text},          {"due_on", d.due_on},
            {"period_end", d.period_end}, {"invention_id", invention_id},
            {"filing_id", d.filing_id},   {"source_ja", rule.source_ja}};
}

bj::value Person(const PersonRef& p) { return {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}}; }

bj::object RewardJson(const Reward& r) {
    return {{"id", r.id},
            {"invention_id", r.invention_id},
            {"person", Person(r.person)},
            {"kind", Text(r.kind)},
            {"basis_on", r.basis_on},
            {"amount_yen", r.amount_yen},
            {"paid_on", Opt(r.paid_on)}};
}

bj::object RewardRowJson(const RewardRow& row) {
    auto o = RewardJson(row.reward);
    o["invention_title"] = row.invention_title;
    return o;
}

bj::object RulesJson(const RewardRules& r) {
    return {
        {"filing_yen", r.filing_yen}, {"registration_yen", r.registration_yen}, {"revenue_percent", r.revenue_percent}};
}

bj::object PublicationJson(const PublicationView& v) {
    const auto& p = v.publication;
    return {{"id", p.id},
            {"project_id", p.project_id},
            {"invention_id", Opt(p.invention_id)},
            {"person", Person(p.person)},
            {"kind", Text(p.kind)},
            {"title", p.title},
            {"venue", p.venue},
            {"planned_on", p.planned_on},
            {"event_id", Opt(p.event_id)},
            {"event_title_ja", Opt(v.event_title_ja)},
            {"event_title_en", Opt(v.event_title_en)},
            {"guarded", v.show_guard},
            {"status", p.clearance ? "cleared" : "planned"},
            {"clearance", p.clearance && v.show_guard ? bj::value(Text(*p.clearance)) : bj::value(nullptr)},
            {"review_due_on", Opt(p.review_due_on)},
            {"review", p.review ? bj::value(Text(*p.review)) : bj::value(nullptr)},
            {"review_note", p.review_note},
            {"may", {{"clear", v.may_clear}, {"review", v.may_review}}}};
}

Response Download(std::string bytes, const char* content_type, const char* filename) {
    Response r = Response::Text(200, std::move(bytes), content_type);
    r.headers.emplace_back("Content-Disposition", std::string("attachment; filename=\"") + filename + "\"");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

bj::object InventionJson(const InventionView& v) {
    const auto& inv = v.invention;
    bj::array inventors, filings, deadlines;
    for (const auto& i : inv.inventors)
        inventors.push_back(
            {{"person", {{"id", i.person.id}, {"name_ja", i.person.name_ja}, {"name_en", i.person.name_en}}},
             {"share_percent", i.share_percent},
             {"employer", Text(i.employer)},
             {"affiliation", i.affiliation}});
    for (const auto& f : inv.filings)
        filings.push_back({{"id", f.id},
                           {"kind", Text(f.kind)},
                           {"country", f.country},
                           {"number", f.number},
                           {"filed_on", f.filed_on},
                           {"priority_date", Opt(f.priority_date)},
                           {"examination_requested_on", Opt(f.examination_requested_on)},
                           {"registered_on", Opt(f.registered_on)},
                           {"grace_proof_on", Opt(f.grace_proof_on)}});
    for (const auto& d : v.deadlines) deadlines.push_back(DeadlineJson(d, inv.id));
    bj::array licences, rewards;
    for (const auto& l : v.licences) {
        bj::array revenue;
        for (const auto& r : l.revenue)
            revenue.push_back(
                {{"id", r.id}, {"received_on", r.received_on}, {"amount_yen", r.amount_yen}, {"note", r.note}});
        licences.push_back({{"id", l.id},
                            {"licensee", l.licensee},
                            {"contract_id", Opt(l.contract_id)},
                            {"exclusive", l.exclusive},
                            {"signed_on", l.signed_on},
                            {"note", l.note},
                            {"revenue", std::move(revenue)},
                            {"revenue_total_yen", l.RevenueTotal()}});
    }
    for (const auto& r : v.rewards) rewards.push_back(RewardJson(r));
    return {{"id", inv.id},
            {"title", inv.title},
            {"summary", inv.summary},
            {"project_id", inv.project_id},
            {"project_title_ja", v.project_title_ja},
            {"project_title_en", v.project_title_en},
            {"status", Text(inv.status)},
            {"conceived_on", Opt(inv.conceived_on)},
            {"disclosed_on", Opt(inv.disclosed_on)},
            {"decision", inv.decision ? bj::value(Text(*inv.decision)) : bj::value(nullptr)},
            {"decision_note", inv.decision_note},
            {"novelty_notes", inv.novelty_notes},
            {"prior_art", inv.prior_art},
            {"university_share", Opt(inv.university_share)},
            {"company_share", Opt(inv.company_share)},
            {"contract_id", Opt(inv.contract_id)},
            {"company_consent_required", inv.NeedsCompanyConsent()},
            {"company_consent_on", Opt(inv.company_consent_on)},
            {"inventors", std::move(inventors)},
            {"filings", std::move(filings)},
            {"deadlines", std::move(deadlines)},
            {"licences", std::move(licences)},
            {"rewards", std::move(rewards)},
            {"may",
             {{"edit", v.may.edit},
              {"decide", v.may.decide},
              {"file", v.may.file},
              {"license", v.may.license},
              {"consent", v.may.consent}}},
            {"created_at", FormatUtc(inv.created_at)}};
}

const std::string& Id(Call& call, const char* name = "id") { return call.req.params.at(name); }

InventionInput InventionBody(const bj::object& o) {
    InventionInput in;
    in.project_id = OptionalString(o, "project_id", 64);
    in.title = OptionalString(o, "title", 300);
    in.summary = OptionalString(o, "summary", 5000);
    in.conceived_on = NullableString(o, "conceived_on", 10);
    in.disclosed_on = NullableString(o, "disclosed_on", 10);
    if (auto it = o.find("inventors"); it != o.end() && !it->value().is_null()) {
        if (!it->value().is_array()) throw Invalid("inventors", "inventors must be a list");
        std::vector<InventorInput> list;
        for (const auto& v : it->value().as_array()) {
            if (!v.is_object()) throw Invalid("inventors", "inventors must be a list of objects");
            const auto& x = v.as_object();
            InventorInput i;
            i.person_id = OptionalString(x, "person_id", 64).value_or("");
            i.share_percent = static_cast<int>(RequiredInteger(x, "share_percent", 0, 100, "inventors"));
            i.employer = OptionalString(x, "employer", 20);
            list.push_back(std::move(i));
        }
        in.inventors = std::move(list);
    }
    return in;
}

FilingInput FilingBody(const bj::object& o) {
    FilingInput in;
    in.kind = OptionalString(o, "kind", 20).value_or("");
    in.country = OptionalString(o, "country", 2).value_or("");
    in.number = OptionalString(o, "number", 60).value_or("");
    in.filed_on = OptionalString(o, "filed_on", 10).value_or("");
    auto date = [&](const char* field) -> std::optional<std::string> {
        auto v = OptionalString(o, field, 10);
        return v && !v->empty() ? v : std::nullopt;
    };
    in.priority_date = date("priority_date");
    in.examination_requested_on = date("examination_requested_on");
    in.registered_on = date("registered_on");
    in.grace_proof_on = date("grace_proof_on");
    return in;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    Install();
    audit::DeclareReadPolicy("ip_invention", audit::Readable(RequireVisible));
    audit::DeclareNames("ip_invention",
                        audit::NamesFromTable("SELECT id, title, title FROM ip_inventions WHERE id IN"));
    audit::DeclareReadPolicy("ip_publication", audit::Readable(RequirePublicationVisible));
    audit::DeclareNames("ip_publication",
                        audit::NamesFromTable("SELECT id, title, title FROM ip_publications WHERE id IN"));
    audit::DeclareReadPolicy("ip_reward_rules", audit::OpenToAuditors);

    router.Add("GET", "/api/ip/inventions", Access::kSignedIn, [](Call& call) {
        bj::array items;
        for (const auto& v : ListInventions(call.tx(), call.me(), call.req.Query("project_id"), call.now))
            items.push_back(InventionJson(v));
        return Response::Json(200, bj::object{{"items", std::move(items)}});
    });
    router.Add("POST", "/api/ip/inventions", Access::kSignedIn, [](Call& call) {
        auto v = Disclose(call.tx(), call.me(), InventionBody(ParseObject(call.req.Body())), call.now);
        return Response::Json(201, InventionJson(v));
    });
    router.Add("GET", "/api/ip/inventions/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, InventionJson(ReadInvention(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("PATCH", "/api/ip/inventions/{id}", Access::kSignedIn, [](Call& call) {
        auto v = UpdateInvention(call.tx(), call.me(), Id(call), InventionBody(ParseObject(call.req.Body())), call.now);
        return Response::Json(200, InventionJson(v));
    });
    router.Add("POST", "/api/ip/inventions/{id}/evaluation", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, InventionJson(StartEvaluation(call.tx(), call.me(), Id(call), call.now)));
    });
    router.Add("POST", "/api/ip/inventions/{id}/decision", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        DecisionInput in;
        in.decision = RequiredString(body, "decision", 20);
        in.note = OptionalString(body, "note", 2000).value_or("");
        in.novelty_notes = OptionalString(body, "novelty_notes", 5000).value_or("");
        in.prior_art = OptionalString(body, "prior_art", 5000).value_or("");
        if (auto u = OptionalInteger(body, "university_share", 0, 100)) in.university_share = static_cast<int>(*u);
        return Response::Json(200, InventionJson(Decide(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("POST", "/api/ip/inventions/{id}/consent", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto on = OptionalString(body, "consented_on", 10).value_or("");
        return Response::Json(200, InventionJson(RecordCompanyConsent(call.tx(), call.me(), Id(call), on, call.now)));
    });
    router.Add("POST", "/api/ip/inventions/{id}/filings", Access::kSignedIn, [](Call& call) {
        auto v = AddFiling(call.tx(), call.me(), Id(call), FilingBody(ParseObject(call.req.Body())), call.now);
        return Response::Json(201, InventionJson(v));
    });
    router.Add("PATCH", "/api/ip/inventions/{id}/filings/{filing_id}", Access::kSignedIn, [](Call& call) {
        auto v = UpdateFiling(call.tx(), call.me(), Id(call), Id(call, "filing_id"),
                              FilingBody(ParseObject(call.req.Body())), call.now);
        return Response::Json(200, InventionJson(v));
    });
    router.Add("GET", "/api/ip/deadlines", Access::kSignedIn, [](Call& call) {
        auto from = call.req.Query("from").value_or("");
        auto to = call.req.Query("to").value_or("");
        if (from.empty()) from = TokyoDate(call.now);
        if (to.empty()) to = ParseDate(from) ? AddDays(from, 365) : from;
        bj::array items;
        for (const auto& row : DeadlinesBetween(call.tx(), call.me(), from, to, call.now)) {
            auto o = DeadlineJson(row.deadline, row.invention_id).as_object();
            o["title"] = row.title;
            o["project_id"] = row.project_id;
            items.push_back(std::move(o));
        }
        return Response::Json(200, bj::object{{"from", from}, {"to", to}, {"items", std::move(items)}});
    });

    router.Add("POST", "/api/ip/inventions/{id}/licences", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        LicenceInput in;
        in.licensee = OptionalString(body, "licensee", 200).value_or("");
        in.signed_on = OptionalString(body, "signed_on", 10).value_or("");
        in.note = OptionalString(body, "note", 2000).value_or("");
        in.contract_id = OptionalString(body, "contract_id", 64);
        in.exclusive = OptionalBool(body, "exclusive").value_or(false);
        return Response::Json(201, InventionJson(AddLicence(call.tx(), call.me(), Id(call), in, call.now)));
    });
    router.Add("POST", "/api/ip/inventions/{id}/licences/{licence_id}/revenue", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        RevenueInput in;
        in.received_on = OptionalString(body, "received_on", 10).value_or("");
        in.amount_yen = RequiredInteger(body, "amount_yen", 1, 100'000'000'000);
        in.note = OptionalString(body, "note", 2000).value_or("");
        return Response::Json(
            201, InventionJson(AddRevenue(call.tx(), call.me(), Id(call), Id(call, "licence_id"), in, call.now)));
    });

    router.Add("GET", "/api/ip/reward-rules", Access::kSignedIn,
               [](Call& call) { return Response::Json(200, RulesJson(GetRewardRules(call.tx()))); });
    router.Add("PUT", "/api/ip/reward-rules", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        RewardRules r;
        r.filing_yen = RequiredInteger(body, "filing_yen", 0, 100'000'000);
        r.registration_yen = RequiredInteger(body, "registration_yen", 0, 100'000'000);
        r.revenue_percent = static_cast<int>(RequiredInteger(body, "revenue_percent", 0, 100));
        return Response::Json(200, RulesJson(SetRewardRules(call.tx(), call.me(), r, call.now)));
    });
    router.Add("GET", "/api/ip/rewards", Access::kSignedIn, [](Call& call) {
        auto format = call.req.Query("format").value_or("json");
        auto language = call.req.Query("lang").value_or("ja");
        if (language != "ja" && language != "en") throw Invalid("lang", "lang must be ja or en");
        if (format == "csv")
            return Download(LedgerCsv(call.tx(), call.me(), language, call.now), "text/csv; charset=utf-8",
                            "rewards.csv");
        if (format == "xlsx")
            return Download(LedgerXlsx(call.tx(), call.me(), language, call.now),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "rewards.xlsx");
        if (format != "json") throw Invalid("format", "format must be json, csv or xlsx");
        auto ledger = RewardLedger(call.tx(), call.me(), call.now);
        bj::array items;
        for (const auto& row : ledger.items) items.push_back(RewardRowJson(row));
        return Response::Json(200, bj::object{{"items", std::move(items)},
                                              {"due_total_yen", ledger.due_total_yen},
                                              {"paid_total_yen", ledger.paid_total_yen}});
    });
    router.Add("POST", "/api/ip/rewards/{id}/paid", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto paid_on = RequiredString(body, "paid_on", 10);
        return Response::Json(200, RewardRowJson(MarkRewardPaid(call.tx(), call.me(), Id(call), paid_on, call.now)));
    });

    router.Add("GET", "/api/ip/publications", Access::kSignedIn, [](Call& call) {
        bj::array items;
        for (const auto& v : ListPublications(call.tx(), call.me(), call.req.Query("project_id"), call.now))
            items.push_back(PublicationJson(v));
        return Response::Json(200, bj::object{{"items", std::move(items)}});
    });
    router.Add("POST", "/api/ip/publications", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        PublicationInput in;
        in.project_id = OptionalString(body, "project_id", 64).value_or("");
        in.kind = OptionalString(body, "kind", 20).value_or("");
        in.title = OptionalString(body, "title", 300).value_or("");
        in.venue = OptionalString(body, "venue", 200).value_or("");
        in.invention_id = OptionalString(body, "invention_id", 64);
        in.planned_on = OptionalString(body, "planned_on", 10);
        in.event_id = OptionalString(body, "event_id", 64);
        return Response::Json(201, PublicationJson(PlanPublication(call.tx(), call.me(), in, call.now)));
    });
    router.Add("POST", "/api/ip/publications/{id}/clear", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto v = ClearPublication(call.tx(), call.me(), Id(call), RequiredString(body, "resolution", 20), call.now);
        return Response::Json(200, PublicationJson(v));
    });
    router.Add("POST", "/api/ip/publications/{id}/review", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto v = ReviewPublication(call.tx(), call.me(), Id(call), RequiredString(body, "outcome", 20),
                                   OptionalString(body, "note", 2000).value_or(""), call.now);
        return Response::Json(200, PublicationJson(v));
    });

    // A pure calculation over public law: no session, no database.
    router.Add("POST", "/api/ip/deadlines/compute", http::Access::kPublic,
               [](http::Call& call) {
                   auto body = ParseObject(call.req.Body());
                   auto kind_text = RequiredString(body, "kind", 40);
                   auto kind = FromText<DeadlineKind>(kind_text);
                   if (!kind)
                       throw Invalid("kind",
                                     "kind must be paris_priority, pct_national_phase, jp_examination_request, "
                                     "grace_period_filing or grace_period_proof");
                   auto from_text = RequiredString(body, "from", 10);
                   auto from = ParseDate(from_text);
                   if (!from || static_cast<int>(from->year()) < 1900 || static_cast<int>(from->year()) > 2200)
                       throw Invalid("from", "from must be a date YYYY-MM-DD");
                   auto legal = LegalEnd(*kind, *from);
                   auto due = DueOn(*kind, *from);
                   const auto& rule = EntryOf(*kind);
                   return http::Response::Json(200, boost::json::object{{"kind", kind_text},
                                                                        {"from", FormatDate(*from)},
                                                                        {"due_on", FormatDate(due)},
                                                                        {"period_end", FormatDate(legal)},
                                                                        {"moved", due != legal},
                                                                        {"counted_from_ja", rule.from_ja},
                                                                        {"source_ja", rule.source_ja}});
               },
               {.tx = http::TxKind::kNone});
}

}  // namespace renkei::ip
