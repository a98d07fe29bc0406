#include "modules/exchange/routes.hpp"

#include <boost/json.hpp>
#include <map>
#include <variant>

#include "modules/exchange/service.hpp"
#include "modules/exchange/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::exchange {

// JSON for the search and suggestion results, written once per type.
void tag_invoke(const json::value_from_tag&, json::value& jv, const Reason& r) {
    jv = {{"kind", r.kind}, {"label", r.label}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Segment& s) {
    jv = {{"text", s.text}, {"hit", s.hit}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Match& m) {
    auto item = std::visit([](const auto& x) { return json::value_from(x); }, m.item);
    if (std::holds_alternative<Profile>(m.item)) item.as_object()["id"] = m.id;  // a profile's is its person's
    json::object o{{"type", m.type},
                   {"id", m.id},
                   {"item", std::move(item)},
                   {"score", m.score ? json::value(*m.score) : json::value(nullptr)},
                   {"reasons", json::value_from(m.reasons)}};
    if (m.title_highlight) o["title_highlight"] = json::value_from(*m.title_highlight);
    if (m.snippet) o["snippet"] = json::value_from(*m.snippet);
    if (m.judged_relevant) o["judgment"] = json::object{{"relevant", *m.judged_relevant}};
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const SearchResult& r) {
    jv = {{"total", r.total}, {"items", json::value_from(r.items)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const NeedSuggestions& s) {
    jv = {{"need_id", s.need_id}, {"seeds", json::value_from(s.seeds)}, {"people", json::value_from(s.people)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const SeedSuggestions& s) {
    jv = {{"seed_id", s.seed_id}, {"needs", json::value_from(s.needs)}, {"people", json::value_from(s.people)}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const MySuggestions& s) {
    jv = {{"personalised", s.personalised}, {"needs", json::value_from(s.needs)}, {"seeds", json::value_from(s.seeds)}};
}

namespace {

using http::Access;
using http::Call;
using http::Response;

constexpr size_t kLongText = 4000;

std::string Language(const Call& call) {
    auto q = call.req.Query("lang");
    if (q && (*q == "ja" || *q == "en")) return *q;
    return call.me().language == "en" ? "en" : "ja";
}

int IntQuery(const Call& call, const char* name, int fallback, int lo, int hi) {
    auto v = call.req.Query(name);
    if (!v || v->empty()) return fallback;
    return static_cast<int>(IntegerText(*v, name, lo, hi));
}

// "teaser": an object (title_ja, title_en, body, area, kind), or null to remove it.
std::optional<Teaser> ReadTeaser(const json::object& body) {
    auto it = body.find("teaser");
    if (it == body.end()) return std::nullopt;
    if (it->value().is_null()) return Teaser{};
    if (!it->value().is_object()) throw Invalid("teaser", "teaser is an object or null");
    const auto& t = it->value().as_object();
    Teaser out;
    out.title_ja = OptionalString(t, "title_ja", 4000).value_or("");
    out.title_en = OptionalString(t, "title_en", 4000).value_or("");
    out.body = OptionalString(t, "body", 4000).value_or("");
    out.area = OptionalString(t, "area", 4000).value_or("");
    out.kind = OptionalString(t, "kind", 4000).value_or("");
    return out;
}

NeedInput ReadNeed(const json::object& body) {
    NeedInput in;
    in.title = OptionalString(body, "title", 200);
    in.problem = OptionalString(body, "problem", kLongText);
    in.current_practice = OptionalString(body, "current_practice", kLongText);
    in.patients = OptionalString(body, "patients", 1000);
    in.desired_outcome = OptionalString(body, "desired_outcome", kLongText);
    in.area = OptionalString(body, "area", 40);
    in.status = OptionalString(body, "status", 20);
    in.tags = OptionalStringArray(body, "tags", 20, 100);
    in.confidential = OptionalBool(body, "confidential");
    in.teaser = ReadTeaser(body);
    return in;
}

SeedInput ReadSeed(const json::object& body) {
    SeedInput in;
    in.kind = OptionalString(body, "kind", 20);
    in.title = OptionalString(body, "title", 200);
    in.description = OptionalString(body, "description", kLongText);
    in.area = OptionalString(body, "area", 40);
    in.status = OptionalString(body, "status", 20);
    in.capabilities = OptionalStringArray(body, "capabilities", 30, 200);
    in.confidential = OptionalBool(body, "confidential");
    in.teaser = ReadTeaser(body);
    return in;
}

json::value DisclosureRequestJson(const DisclosureRequestRef& r) {
    return json::object{{"id", r.id},
                        {"item_type", r.item_type},
                        {"item_id", r.item_id},
                        {"contract_id", r.contract_id},
                        {"link", "/contracts/" + r.contract_id},
                        {"created_at", FormatUtc(r.created_at)},
                        {"notified_at", r.notified_at ? json::value(FormatUtc(*r.notified_at)) : json::value(nullptr)}};
}

// A need or seed as the caller gets it; a teaser carries the caller's request for the details.
template <class Item>
json::value ItemJson(Call& call, const char* type, const Item& item) {
    auto v = json::value_from(item);
    if (item.teaser_only) {
        auto request = MyDisclosureRequest(call.tx(), call.me(), type, item.id);
        v.as_object()["disclosure_request"] = request ? DisclosureRequestJson(*request) : json::value(nullptr);
    }
    return v;
}

SearchInput ReadSearch(const Call& call, const std::string& type) {
    SearchInput in;
    in.q = call.req.Query("q").value_or("");
    in.type = type.empty() ? call.req.Query("type").value_or("") : type;
    in.area = call.req.Query("area").value_or("");
    in.kind = call.req.Query("kind").value_or("");
    in.status = call.req.Query("status").value_or("");
    in.organisation_id = call.req.Query("organisation_id").value_or("");
    in.author_id = call.req.Query("author_id").value_or("");
    if (call.req.Query("mine").value_or("") == "true") in.author_id = call.me().person_id;
    in.language = Language(call);
    in.offset = IntQuery(call, "offset", 0, 0, 100000);
    in.limit = IntQuery(call, "limit", 20, 1, 100);
    return in;
}

json::value ConceptsJson(const std::vector<Concept>& concepts) {
    json::array out;
    for (const auto& c : concepts)
        out.push_back(json::object{{"concept", c.id},
                                   {"label_ja", c.label_ja},
                                   {"label_en", c.label_en},
                                   {"terms", json::value_from(c.terms)}});
    return json::object{{"items", out}};
}

// An introduction with what its two sides need to meet: once accepted and until a meeting is
// booked, free meeting-room slots for both (`meeting_slots`, building module); when no room is
// free, a few dates to agree on instead (`proposed_slots`).
json::value IntroductionJson(Call& call, const Introduction& i) {
    auto v = json::value_from(i);
    json::array rooms, dates;
    if (i.status == IntroductionStatus::kAccepted && !i.meeting_at) {
        for (const auto& s : MeetingSlots(call.tx(), call.me(), i.id, call.now))
            rooms.push_back(json::object{{"space_id", s.space_id},
                                         {"space_name_ja", s.space_name_ja},
                                         {"space_name_en", s.space_name_en},
                                         {"start", FormatUtc(s.start)},
                                         {"end", FormatUtc(s.end)}});
        if (rooms.empty())
            for (auto t : ProposedMeetingSlots(i.decided_at.value_or(i.updated_at), 3))
                dates.push_back(json::value(FormatUtc(t)));
    }
    v.as_object()["meeting_slots"] = std::move(rooms);
    v.as_object()["proposed_slots"] = std::move(dates);
    return v;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
    // The audit log shows a need's, seed's or introduction's snapshots only to whom it is shown:
    // by the grants in force when the log is read.
    for (const char* kind : {"need", "seed"})
        audit::DeclareReadPolicy(kind, [kind = std::string(kind)](db::Tx& tx, const auth::Principal& reader,
                                                                  const std::string& id, Seconds now) {
            auto item = VisibleItem(tx, reader, kind, id, now);
            return item && !item->teaser_only;  // the snapshots hold the details
        });
    audit::DeclareReadPolicy("introduction",
                             audit::Readable([](db::Tx& tx, const auth::Principal& reader, const std::string& id) {
                                 GetIntroduction(tx, reader, id);
                             }));
    // A ranking run holds counts and weights only (no item, no person).
    for (const char* kind : {"profile", "confidentiality_grant", "synonyms", "exchange_ranking"})
        audit::DeclareReadPolicy(kind, audit::OpenToAuditors);
    // A judgment ("<need_id>:<seed_id>") to whom both items are shown (a seed's teaser is enough:
    // the snapshots hold ids and the answer only), named by both titles as the log names them.
    audit::DeclareReadPolicy("exchange_judgment",
                             [](db::Tx& tx, const auth::Principal& reader, const std::string& id, Seconds now) {
                                 auto colon = id.find(':');
                                 if (colon == std::string::npos) return false;
                                 return VisibleItem(tx, reader, "need", id.substr(0, colon), now).has_value() &&
                                        VisibleItem(tx, reader, "seed", id.substr(colon + 1), now).has_value();
                             });
    audit::DeclareNames("exchange_judgment", [](db::Tx& tx, const std::vector<std::string>& ids) {
        std::vector<std::string> needs, seeds;
        for (const auto& id : ids)
            if (auto colon = id.find(':'); colon != std::string::npos) {
                needs.push_back(id.substr(0, colon));
                seeds.push_back(id.substr(colon + 1));
            }
        auto need_names = audit::SelectNames(tx, store::kNeedNames, needs);
        auto seed_names = audit::SelectNames(tx, store::kSeedNames, seeds);
        std::map<std::string, audit::Name> out;
        for (size_t i = 0; i < needs.size(); ++i) {
            auto n = need_names.find(needs[i]);
            auto s = seed_names.find(seeds[i]);
            if (n == need_names.end() || s == seed_names.end()) continue;
            out[needs[i] + ":" + seeds[i]] =
                audit::Name{n->second.ja + " ／ " + s->second.ja, n->second.en + " / " + s->second.en};
        }
        return out;
    });
    audit::DeclareNames("need", audit::NamesFromTable(store::kNeedNames));
    audit::DeclareNames("seed", audit::NamesFromTable(store::kSeedNames));
    // A profile is its person's (entity id: the person).
    audit::DeclareNames("profile", people::AuditNames);
    router.Add("GET", "/api/exchange/needs", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(Search(call.tx(), call.me(), ReadSearch(call, "need"), call.now)));
    });
    router.Add("POST", "/api/exchange/needs", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        return Response::Json(201, json::value_from(CreateNeed(call.tx(), call.me(), ReadNeed(body), call.now)));
    });
    router.Add("GET", "/api/exchange/needs/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, ItemJson(call, "need", GetNeed(call.tx(), call.me(), call.req.params.at("id"), call.now)));
    });
    router.Add("PATCH", "/api/exchange/needs/{id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        return Response::Json(200, json::value_from(UpdateNeed(call.tx(), call.me(), call.req.params.at("id"),
                                                               ReadNeed(body), call.now)));
    });
    // "詳細を見る (NDA を依頼)": no body; the caller is the person to be covered.
    for (const char* type : {"need", "seed"})
        router.Add("POST", std::string("/api/exchange/") + type + "s/{id}/disclosure-request", Access::kSignedIn,
                   [type = std::string(type)](Call& call) {
                       return Response::Json(201, DisclosureRequestJson(RequestDetails(
                                                      call.tx(), call.me(), type, call.req.params.at("id"), call.now)));
                   });
    router.Add("GET", "/api/exchange/needs/{id}/suggestions", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, json::value_from(SuggestionsForNeed(call.tx(), call.me(), call.req.params.at("id"),
                                                     IntQuery(call, "limit", 10, 1, 50), Language(call), call.now)));
    });

    // The office's judgments on a need's suggestions (one click: relevant or not; undo clears).
    // A list of judgments, each with the other side's item under `key` ("seed" or "need").
    auto judged = [](const auto& list, const char* key, auto item) {
        json::array items;
        for (const auto& j : list) {
            auto v = json::value_from(j.judgment);
            v.as_object()[key] = json::value_from(item(j));
            items.push_back(std::move(v));
        }
        return Response::Json(200, json::object{{"items", std::move(items)}});
    };
    router.Add("GET", "/api/exchange/needs/{id}/judgments", Access::kSignedIn, [judged](Call& call) {
        return judged(NeedJudgments(call.tx(), call.me(), call.req.params.at("id"), call.now), "seed",
                      [](const JudgedSeed& j) { return j.seed; });
    });
    router.Add("GET", "/api/exchange/seeds/{id}/judgments", Access::kSignedIn, [judged](Call& call) {
        return judged(SeedJudgments(call.tx(), call.me(), call.req.params.at("id"), call.now), "need",
                      [](const JudgedNeed& j) { return j.need; });
    });
    router.Add("PUT", "/api/exchange/needs/{id}/judgments/{seed_id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto relevant = OptionalBool(body, "relevant");
        if (!relevant) throw Invalid("relevant", "relevant is required: true or false");
        return Response::Json(200, json::value_from(JudgePair(call.tx(), call.me(), call.req.params.at("id"),
                                                              call.req.params.at("seed_id"), *relevant, call.now)));
    });
    router.Add("DELETE", "/api/exchange/needs/{id}/judgments/{seed_id}", Access::kSignedIn, [](Call& call) {
        ClearJudgment(call.tx(), call.me(), call.req.params.at("id"), call.req.params.at("seed_id"), call.now);
        return Response::NoContent();
    });

    // How suggestions are ranked: the latest run of `renkei exchange train` (office and admin).
    router.Add("GET", "/api/exchange/ranking", Access::kSignedIn, [](Call& call) {
        auto run = LatestRanking(call.tx(), call.me());
        if (!run) return Response::Json(200, json::object{{"run", nullptr}});
        json::array weights;
        for (const auto& [name, w] : run->weights) weights.push_back(json::object{{"feature", name}, {"weight", w}});
        json::object o{{"id", run->id},
                       {"trained_at", FormatUtc(run->trained_at)},
                       {"trained_by", run->trained_by ? json::value(*run->trained_by) : json::value(nullptr)},
                       {"adopted", run->adopted},
                       {"reason", run->reason},
                       {"decisions", run->decisions},
                       {"lists", run->lists},
                       {"pairs", run->pairs},
                       {"ndcg_before", run->ndcg_before},
                       {"ndcg_after", run->ndcg_after},
                       {"weights", std::move(weights)}};
        return Response::Json(200, json::object{{"run", std::move(o)}});
    });

    router.Add("GET", "/api/exchange/seeds", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(Search(call.tx(), call.me(), ReadSearch(call, "seed"), call.now)));
    });
    router.Add("POST", "/api/exchange/seeds", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        return Response::Json(201, json::value_from(CreateSeed(call.tx(), call.me(), ReadSeed(body), call.now)));
    });
    router.Add("GET", "/api/exchange/seeds/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, ItemJson(call, "seed", GetSeed(call.tx(), call.me(), call.req.params.at("id"), call.now)));
    });
    router.Add("PATCH", "/api/exchange/seeds/{id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        return Response::Json(200, json::value_from(UpdateSeed(call.tx(), call.me(), call.req.params.at("id"),
                                                               ReadSeed(body), call.now)));
    });
    router.Add("GET", "/api/exchange/seeds/{id}/suggestions", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, json::value_from(SuggestionsForSeed(call.tx(), call.me(), call.req.params.at("id"),
                                                     IntQuery(call, "limit", 10, 1, 50), Language(call), call.now)));
    });

    router.Add("GET", "/api/exchange/profiles/{person_id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(GetProfile(call.tx(), call.req.params.at("person_id"))));
    });
    router.Add("PUT", "/api/exchange/profiles/{person_id}", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto expertise = OptionalString(body, "expertise", kLongText).value_or("");
        auto keywords = OptionalStringArray(body, "keywords", 30, 100).value_or(std::vector<std::string>{});
        return Response::Json(200, json::value_from(SaveProfile(call.tx(), call.me(), call.req.params.at("person_id"),
                                                                expertise, keywords, call.now)));
    });

    router.Add("GET", "/api/exchange/search", Access::kSignedIn, [](Call& call) {
        return Response::Json(200, json::value_from(Search(call.tx(), call.me(), ReadSearch(call, ""), call.now)));
    });
    router.Add("GET", "/api/exchange/suggestions", Access::kSignedIn, [](Call& call) {
        return Response::Json(200,
                              json::value_from(SuggestionsForMe(call.tx(), call.me(), IntQuery(call, "limit", 5, 1, 50),
                                                                Language(call), call.now)));
    });

    router.Add("GET", "/api/exchange/grants", Access::kSignedIn, [](Call& call) {
        auto grants = ListGrants(call.tx(), call.me(), call.req.Query("person_id").value_or(""), call.now);
        return Response::Json(200, json::object{{"items", json::value_from(grants)}});
    });
    router.Add("POST", "/api/exchange/grants", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto person = RequiredString(body, "person_id", 64);
        auto company = RequiredString(body, "company_id", 64);
        auto starts = RequiredTime(body, "starts_at");
        auto ends = RequiredTime(body, "ends_at");
        auto note = OptionalString(body, "note", 500).value_or("");
        return Response::Json(
            201, json::value_from(CreateGrant(call.tx(), call.me(), person, company, starts, ends, note, call.now)));
    });
    router.Add("POST", "/api/exchange/grants/{id}/revoke", Access::kSignedIn, [](Call& call) {
        return Response::Json(200,
                              json::value_from(RevokeGrant(call.tx(), call.me(), call.req.params.at("id"), call.now)));
    });

    router.Add("GET", "/api/exchange/introductions", Access::kSignedIn, [](Call& call) {
        bool all = call.req.Query("all").value_or("") == "true";
        json::array items;
        for (const auto& i : ListIntroductions(call.tx(), call.me(), all)) items.push_back(IntroductionJson(call, i));
        return Response::Json(200, json::object{{"items", items}});
    });
    router.Add("POST", "/api/exchange/introductions", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto type = RequiredString(body, "item_type", 10);
        auto item = RequiredString(body, "item_id", 64);
        auto via_type = OptionalString(body, "via_type", 10).value_or("");
        auto via_id = OptionalString(body, "via_id", 64).value_or("");
        if (!via_type.empty() && via_id.empty()) throw Invalid("via_id", "via_id is required with via_type");
        auto message = OptionalString(body, "message", 2000).value_or("");
        return Response::Json(201, IntroductionJson(call, RequestIntroduction(call.tx(), call.me(), type, item,
                                                                              via_type, via_id, message, call.now)));
    });
    router.Add("GET", "/api/exchange/introductions/{id}", Access::kSignedIn, [](Call& call) {
        return Response::Json(200,
                              IntroductionJson(call, GetIntroduction(call.tx(), call.me(), call.req.params.at("id"))));
    });
    router.Add("POST", "/api/exchange/introductions/{id}/accept", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body().empty() ? "{}" : call.req.Body());
        std::optional<Seconds> meeting;
        if (auto v = OptionalString(body, "meeting_at", 40); v && !v->empty())
            meeting = RequiredTime(body, "meeting_at");
        return Response::Json(
            200, IntroductionJson(call, DecideIntroduction(call.tx(), call.me(), call.req.params.at("id"), true,
                                                           meeting, call.now)));
    });
    router.Add("POST", "/api/exchange/introductions/{id}/decline", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, IntroductionJson(call, DecideIntroduction(call.tx(), call.me(), call.req.params.at("id"), false,
                                                           std::nullopt, call.now)));
    });
    router.Add("POST", "/api/exchange/introductions/{id}/meeting", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto space = RequiredString(body, "space_id", 64);
        auto start = RequiredTime(body, "start");
        auto end = RequiredTime(body, "end");
        return Response::Json(200, IntroductionJson(call, BookMeeting(call.tx(), call.me(), call.req.params.at("id"),
                                                                      space, start, end, call.now)));
    });
    router.Add("POST", "/api/exchange/introductions/{id}/outcome", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto outcome = RequiredString(body, "outcome", 40);
        auto note = OptionalString(body, "note", 2000).value_or("");
        return Response::Json(200, IntroductionJson(call, RecordOutcome(call.tx(), call.me(), call.req.params.at("id"),
                                                                        outcome, note, call.now)));
    });

    router.Add("GET", "/api/exchange/synonyms", Access::kSignedIn, [](Call& call) {
        return Response::Json(
            200, ConceptsJson(FindSynonyms(call.tx(), call.req.Query("q").value_or(""),
                                           static_cast<size_t>(IntQuery(call, "limit", 50, 1, 500)), call.now)));
    });
    router.Add("POST", "/api/exchange/synonyms", Access::kSignedIn, [](Call& call) {
        auto body = ParseObject(call.req.Body());
        auto concept_id = OptionalString(body, "concept", 80).value_or("");
        auto terms = OptionalStringArray(body, "terms", 30, 100);
        if (!terms) throw Invalid("terms", "terms is required");
        return Response::Json(201, ConceptsJson(AddSynonyms(call.tx(), call.me(), concept_id, *terms, call.now)));
    });
}

}  // namespace renkei::exchange
