// Calls: creating, opening, the review's start, the selection sent and the committee's decision.
#include "modules/opencall/service.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "modules/centre/service.hpp"
#include "modules/coi/service.hpp"
#include "modules/exchange/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/notifications/service.hpp"
#include "modules/opencall/internal.hpp"
#include "modules/opencall/selection.hpp"
#include "modules/opencall/store.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::opencall {

namespace json = boost::json;

// ---- shared helpers (internal.hpp) ----

Call LoadCall(db::Tx& tx, const Me& me, const std::string& id) {
    auto c = LooksLikeId(id) ? store::FindCall(tx, id) : std::nullopt;
    if (!c || (c->status == CallStatus::kDraft && !IsOffice(me))) throw NotFound("call");
    return *c;
}

Proposal LoadProposal(db::Tx& tx, const std::string& id) {
    auto p = LooksLikeId(id) ? store::FindProposal(tx, id) : std::nullopt;
    if (!p) throw NotFound("proposal");
    return *p;
}

bool MaySee(db::Tx& tx, const Me& me, const Call& call, const Proposal& p) {
    auto named = p.People();
    if (std::find(named.begin(), named.end(), me.person_id) != named.end()) return true;
    if (p.status == ProposalStatus::kDraft) return false;
    if (IsOffice(me)) return true;
    bool in_review = call.status != CallStatus::kDraft && call.status != CallStatus::kOpen;
    if (in_review && store::IsAssigned(tx, p.id, me.person_id)) return true;
    bool with_committee = call.status == CallStatus::kCommittee || call.status == CallStatus::kDecided;
    return with_committee && IsCommittee(me) && p.status != ProposalStatus::kWithdrawn;
}

void FillNames(people::NameBook& names, PersonRef& p) {
    const auto& n = names.Of(p.id);
    p.name_ja = n.name_ja;
    p.name_en = n.name_en;
}

void FillNames(people::NameBook& names, Proposal& p) {
    FillNames(names, p.applicant);
    if (p.company_lead) FillNames(names, *p.company_lead);
    for (auto& m : p.team) FillNames(names, m.person);
}

json::value Snapshot(const Call& c) {
    json::array criteria, reviewers, areas;
    for (const auto& x : c.criteria)
        criteria.push_back(
            {{"code", x.code}, {"label_ja", x.label_ja}, {"label_en", x.label_en}, {"weight", x.weight}});
    for (const auto& r : c.reviewers) reviewers.push_back({{"person_id", r.person.id}, {"load_cap", r.load_cap}});
    for (const auto& a : c.areas) areas.emplace_back(a);
    return {{"title_ja", c.title_ja},
            {"title_en", c.title_en},
            {"theme", c.theme},
            {"areas", std::move(areas)},
            {"total_budget_yen", c.total_budget_yen},
            {"per_project_cap_yen", c.per_project_cap_yen},
            {"opens_on", c.opens_on},
            {"closes_on", c.closes_on},
            {"reviews_per_proposal", c.reviews_per_proposal},
            {"disagreement_milli", c.disagreement_milli},
            {"normalise", c.normalise},
            {"criteria", std::move(criteria)},
            {"reviewers", std::move(reviewers)},
            {"status", Text(c.status)},
            {"selection_note", c.selection_note},
            {"decision_note", c.decision_note}};
}

json::value Snapshot(const Proposal& p) {
    json::array team, budgets, links;
    for (const auto& m : p.team) team.push_back({{"person_id", m.person.id}, {"role", m.role}});
    for (const auto& b : p.budgets) budgets.push_back({{"fiscal_year", b.fiscal_year}, {"amount_yen", b.amount_yen}});
    for (const auto& l : p.links) links.push_back({{"kind", l.kind}, {"target_id", l.target_id}});
    return {{"call_id", p.call_id},
            {"applicant_id", p.applicant.id},
            {"company_lead_id", p.company_lead ? json::value(p.company_lead->id) : json::value(nullptr)},
            {"title_ja", p.title_ja},
            {"title_en", p.title_en},
            {"aims", p.aims},
            {"team", std::move(team)},
            {"budgets", std::move(budgets)},
            {"links", std::move(links)},
            {"status", Text(p.status)},
            {"sent", p.sent},
            {"project_id", p.project_id ? json::value(*p.project_id) : json::value(nullptr)}};
}

std::string CheckText(const std::string& field, const std::string& value, size_t max, bool required, bool multiline) {
    std::string v = Trim(value);
    if (required && v.empty()) throw Invalid(field, field + " is required");
    if (Utf8Length(v) > max) throw Invalid(field, field + " must be at most " + std::to_string(max) + " characters");
    if (!CleanUtf8(v, multiline)) throw Invalid(field, field + " contains characters that are not allowed");
    return v;
}

namespace {

std::string CallPage(const std::string& id) { return "/opencall/" + id; }
std::string ProposalPage(const std::string& id) { return "/opencall/proposals/" + id; }
std::string En(const std::string& en, const std::string& ja) { return en.empty() ? ja : en; }

void RequireOffice(const Me& me, const char* what) {
    if (!IsOffice(me)) throw Forbidden(std::string("only the office may ") + what);
}
void RequireStatus(const Call& c, CallStatus status, const char* message) {
    if (c.status != status) throw Error{ErrorCode::kConflict, "status", message};
}

Call CheckCall(db::Tx& tx, const CallInput& in, Call c) {
    c.title_ja = CheckText("title_ja", in.title_ja, 200, true, false);
    c.title_en = CheckText("title_en", in.title_en, 200, false, false);
    c.theme = CheckText("theme", in.theme, 4000, false);
    if (in.areas.size() > 10) throw Invalid("areas", "at most 10 areas");
    c.areas.clear();
    for (size_t i = 0; i < in.areas.size(); ++i) {
        if (!centre::FindArea(tx, in.areas[i]))
            throw Invalid("areas[" + std::to_string(i) + "]", "unknown strategic area: " + in.areas[i]);
        if (std::find(c.areas.begin(), c.areas.end(), in.areas[i]) == c.areas.end()) c.areas.push_back(in.areas[i]);
    }
    constexpr std::int64_t max_yen = 1'000'000'000'000;  // one trillion yen: far above any call
    if (in.total_budget_yen <= 0 || in.total_budget_yen > max_yen)
        throw Invalid("total_budget_yen", "the total budget must be a positive amount of yen");
    if (in.per_project_cap_yen <= 0 || in.per_project_cap_yen > in.total_budget_yen)
        throw Invalid("per_project_cap_yen", "the per-project cap must be positive and within the total budget");
    c.total_budget_yen = in.total_budget_yen;
    c.per_project_cap_yen = in.per_project_cap_yen;
    if (!ParseDate(in.opens_on)) throw Invalid("opens_on", "opens_on must be a date YYYY-MM-DD");
    if (!ParseDate(in.closes_on)) throw Invalid("closes_on", "closes_on must be a date YYYY-MM-DD");
    if (in.closes_on < in.opens_on) throw Invalid("closes_on", "the call cannot close before it opens");
    c.opens_on = in.opens_on;
    c.closes_on = in.closes_on;
    if (in.reviews_per_proposal < 1 || in.reviews_per_proposal > 10)
        throw Invalid("reviews_per_proposal", "reviews_per_proposal must be 1 to 10");
    c.reviews_per_proposal = in.reviews_per_proposal;
    if (in.disagreement_milli < 0 || in.disagreement_milli > 4000)
        throw Invalid("disagreement_threshold", "the disagreement threshold must be 0 to 4 points");
    c.disagreement_milli = in.disagreement_milli;
    c.normalise = in.normalise;
    if (in.criteria.empty() || in.criteria.size() > 10) throw Invalid("criteria", "give 1 to 10 criteria");
    static const std::regex code_pattern("[a-z][a-z0-9_]{0,39}");
    std::set<std::string> codes;
    c.criteria.clear();
    for (size_t i = 0; i < in.criteria.size(); ++i) {
        const auto& x = in.criteria[i];
        std::string field = "criteria[" + std::to_string(i) + "]";
        if (!std::regex_match(x.code, code_pattern))
            throw Invalid(field + ".code", "a criterion's code is lower-case letters, digits and _ (at most 40)");
        if (!codes.insert(x.code).second) throw Invalid(field + ".code", "two criteria have the code " + x.code);
        if (x.weight < 1 || x.weight > 100) throw Invalid(field + ".weight", "a weight is 1 to 100");
        c.criteria.push_back({x.code, CheckText(field + ".label_ja", x.label_ja, 100, true, false),
                              CheckText(field + ".label_en", x.label_en, 100, false, false), x.weight});
    }
    if (in.reviewers.size() > 500) throw Invalid("reviewers", "at most 500 reviewers");
    std::set<std::string> seen;
    c.reviewers.clear();
    for (size_t i = 0; i < in.reviewers.size(); ++i) {
        const auto& r = in.reviewers[i];
        std::string field = "reviewers[" + std::to_string(i) + "]";
        auto person = LooksLikeId(r.person_id) ? people::FindPerson(tx, r.person_id) : std::nullopt;
        if (!person || !person->active) throw Invalid(field + ".person_id", "no active person with this id");
        if (!seen.insert(r.person_id).second) throw Invalid(field + ".person_id", "a reviewer is listed twice");
        if (r.load_cap < 1 || r.load_cap > 100) throw Invalid(field + ".load_cap", "a load cap is 1 to 100");
        c.reviewers.push_back({PersonRef{r.person_id, "", ""}, r.load_cap});
    }
    return c;
}

CallPermissions PermissionsOf(const Me& me, const Call& c, Seconds now) {
    CallPermissions may;
    bool office = IsOffice(me), committee = IsCommittee(me);
    auto closing = ClosingInstant(c.closes_on);
    may.edit = office && (c.status == CallStatus::kDraft || c.status == CallStatus::kOpen);
    may.open = office && c.status == CallStatus::kDraft;
    may.apply = IsAcademic(me) && Accepting(c, now);
    may.assign = office && c.status == CallStatus::kOpen;
    may.start_review =
        office && c.status == CallStatus::kOpen && closing && now > *closing && c.solved_at && !c.assignment_stale;
    bool later =
        c.status == CallStatus::kReview || c.status == CallStatus::kCommittee || c.status == CallStatus::kDecided;
    bool with_committee = c.status == CallStatus::kCommittee || c.status == CallStatus::kDecided;
    may.rank = (office && later) || (committee && with_committee);
    may.select = office && c.status == CallStatus::kReview;
    may.decide = committee && c.status == CallStatus::kCommittee;
    return may;
}

std::optional<std::string> OnAgenda(db::Tx& tx, const std::string& call_id);

CallView ViewOf(db::Tx& tx, const Me& me, Call c, Seconds now, bool detail) {
    CallView v;
    v.accepting = Accepting(c, now);
    v.may = PermissionsOf(me, c, now);
    if (v.may.decide && OnAgenda(tx, c.id)) v.may.decide = false;  // the committee decides it as a body
    v.detail = detail;
    people::NameBook names(tx);
    if (c.decided_by) FillNames(names, *c.decided_by);
    if (!IsOffice(me)) c.reviewers.clear();
    for (auto& r : c.reviewers) FillNames(names, r.person);
    if (detail) {
        for (const auto& p : store::ListProposals(tx, c.id)) {
            auto named = p.People();
            if (std::find(named.begin(), named.end(), me.person_id) != named.end())
                v.my_proposals.push_back({p.id, p.title_ja, p.title_en, p.status});
        }
        if (c.status != CallStatus::kDraft && c.status != CallStatus::kOpen) {
            for (const auto& id : store::AssignedTo(tx, c.id, me.person_id)) {
                auto p = store::FindProposal(tx, id);
                if (!p) continue;
                auto r = store::FindReview(tx, id, me.person_id);
                v.my_reviews.push_back({id, p->title_ja, p->title_en, r && r->submitted_at});
            }
        }
    }
    v.call = std::move(c);
    return v;
}

std::vector<std::string> PeopleWithRoles(db::Tx& tx, std::initializer_list<const char*> roles) {
    std::vector<std::string> out;
    for (const char* role : roles)
        for (const auto& p : people::ListPeople(tx, "", role, "", 1))
            if (std::find(out.begin(), out.end(), p.id) == out.end()) out.push_back(p.id);
    return out;
}

}  // namespace

std::vector<CallView> ListCalls(db::Tx& tx, const Me& me, const std::string& status, Seconds now) {
    if (!status.empty() && !FromText<CallStatus>(status))
        throw Invalid("status", "status must be draft, open, review, committee or decided");
    std::vector<CallView> out;
    for (auto& c : store::ListCalls(tx, IsOffice(me), status)) out.push_back(ViewOf(tx, me, std::move(c), now, false));
    return out;
}

CallView GetCall(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    return ViewOf(tx, me, LoadCall(tx, me, id), now, true);
}

CallView CreateCall(db::Tx& tx, const Me& me, const CallInput& in, Seconds now) {
    RequireOffice(me, "open a call");
    Call c;
    c.id = NewId();
    c = CheckCall(tx, in, c);
    c.status = CallStatus::kDraft;
    c.created_by = me.person_id;
    c.created_at = c.updated_at = now;
    store::InsertCall(tx, c);
    store::ReplaceReviewers(tx, c.id, c.reviewers);
    audit::Record(tx, me.person_id, "create", "opencall_call", c.id, nullptr, Snapshot(c));
    return GetCall(tx, me, c.id, now);
}

CallView UpdateCall(db::Tx& tx, const Me& me, const std::string& id, const CallInput& in, Seconds now) {
    auto c = LoadCall(tx, me, id);
    RequireOffice(me, "change a call");
    if (c.status != CallStatus::kDraft && c.status != CallStatus::kOpen)
        throw Error{ErrorCode::kConflict, "status", "a call in review or later cannot be changed"};
    auto before = Snapshot(c);
    c = CheckCall(tx, in, c);
    c.updated_at = now;
    if (c.solved_at) c.assignment_stale = true;
    store::UpdateCall(tx, c);
    store::ReplaceReviewers(tx, c.id, c.reviewers);
    audit::Record(tx, me.person_id, "update", "opencall_call", c.id, before, Snapshot(c));
    if (c.status == CallStatus::kOpen)
        inbox::Reword(
            tx, kSource, "call:" + c.id,
            {"学内公募: " + c.title_ja, "Open call: " + En(c.title_en, c.title_ja), std::nullopt, std::nullopt},
            me.person_id);
    return GetCall(tx, me, c.id, now);
}

CallView OpenCall(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto c = LoadCall(tx, me, id);
    RequireOffice(me, "open a call");
    RequireStatus(c, CallStatus::kDraft, "the call is already open");
    auto closing = ClosingInstant(c.closes_on);
    if (!closing || now > *closing) throw Invalid("closes_on", "the closing date has passed; move it first");
    auto before = Snapshot(c);
    c.status = CallStatus::kOpen;
    c.updated_at = now;
    store::UpdateCall(tx, c);
    audit::Record(tx, me.person_id, "open", "opencall_call", c.id, before, Snapshot(c));
    for (const auto& person : PeopleWithRoles(tx, {"clinician", "researcher"}))
        inbox::Post(tx,
                    {person, "opencall.call", kSource, "call:" + c.id, "学内公募: " + c.title_ja,
                     "Open call: " + En(c.title_en, c.title_ja), "締切 " + c.closes_on, "Closes on " + c.closes_on,
                     CallPage(c.id), c.closes_on, std::nullopt},
                    now);
    return GetCall(tx, me, c.id, now);
}

CallView StartReview(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto c = LoadCall(tx, me, id);
    RequireOffice(me, "start the review");
    RequireStatus(c, CallStatus::kOpen, "the review starts once, from an open call");
    auto closing = ClosingInstant(c.closes_on);
    if (!closing || now <= *closing)
        throw Error{ErrorCode::kConflict, "closes_on", "the call is still accepting proposals until " + c.closes_on};
    if (!c.solved_at) throw Error{ErrorCode::kConflict, "assignment", "solve the reviewer assignment first"};
    if (c.assignment_stale)
        throw Error{ErrorCode::kConflict, "assignment", "proposals, the pool or the pairs changed: solve again first"};
    auto assigned = store::ListAssigned(tx, c.id);
    if (assigned.empty()) throw Error{ErrorCode::kConflict, "assignment", "no proposal has a reviewer"};
    auto before = Snapshot(c);
    c.status = CallStatus::kReview;
    c.updated_at = now;
    store::UpdateCall(tx, c);
    audit::Record(tx, me.person_id, "start_review", "opencall_call", c.id, before, Snapshot(c));
    inbox::Resolve(tx, kSource, "call:" + c.id, me.person_id, now, "cancelled");
    std::map<std::string, Proposal> proposals;
    for (auto& p : store::ListProposals(tx, c.id)) proposals.emplace(p.id, std::move(p));
    for (const auto& a : assigned) {
        const auto& p = proposals.at(a.proposal_id);
        inbox::Post(tx,
                    {a.reviewer_id, "opencall.review", kSource, "review:" + p.id, "公募の審査: " + p.title_ja,
                     "Review a proposal: " + En(p.title_en, p.title_ja), c.title_ja, En(c.title_en, c.title_ja),
                     ProposalPage(p.id) + "?review=1", std::nullopt, std::nullopt},
                    now);
    }
    return GetCall(tx, me, c.id, now);
}

CallView SendSelection(db::Tx& tx, const Me& me, const std::string& id, const std::vector<std::string>& proposal_ids,
                       const std::string& note, Seconds now) {
    auto c = LoadCall(tx, me, id);
    RequireOffice(me, "send the selection");
    RequireStatus(c, CallStatus::kReview, "the selection is sent from the review");
    if (proposal_ids.empty()) throw Invalid("proposal_ids", "select at least one proposal");
    auto proposals = store::ListProposals(tx, c.id);
    std::set<std::string> chosen;
    std::int64_t total = 0;
    for (size_t i = 0; i < proposal_ids.size(); ++i) {
        std::string field = "proposal_ids[" + std::to_string(i) + "]";
        auto it = std::find_if(proposals.begin(), proposals.end(),
                               [&](const Proposal& p) { return p.id == proposal_ids[i]; });
        if (it == proposals.end() || it->status != ProposalStatus::kSubmitted)
            throw Invalid(field, "not a submitted proposal of this call");
        if (!chosen.insert(it->id).second) throw Invalid(field, "a proposal is listed twice");
        if (it->RequestedYen() > c.per_project_cap_yen)
            throw Invalid(field, "the proposal asks for more than the per-project cap");
        total += it->RequestedYen();
    }
    if (total > c.total_budget_yen)
        throw Invalid("proposal_ids", "the selection asks for ¥" + std::to_string(total) + ", above the budget of ¥" +
                                          std::to_string(c.total_budget_yen));
    auto before = Snapshot(c);
    for (auto& p : proposals) {
        bool sent = chosen.count(p.id) > 0;
        if (p.sent != sent) {
            p.sent = sent;
            p.updated_at = now;
            store::UpdateProposal(tx, p);
        }
        inbox::Resolve(tx, kSource, "review:" + p.id, me.person_id, now, "cancelled");
    }
    c.status = CallStatus::kCommittee;
    c.selection_note = CheckText("note", note, 2000, false);
    c.updated_at = now;
    store::UpdateCall(tx, c);
    json::value after = Snapshot(c);
    json::array sent_ids;
    for (const auto& s : proposal_ids) sent_ids.emplace_back(s);
    after.as_object()["selection"] = std::move(sent_ids);
    audit::Record(tx, me.person_id, "send_selection", "opencall_call", c.id, before, after);
    for (const auto& member : PeopleWithRoles(tx, {"committee"}))
        inbox::Post(tx,
                    {member, "opencall.decision", kSource, "decision:" + c.id, "公募の採択決定: " + c.title_ja,
                     "Decide an open call's selection: " + En(c.title_en, c.title_ja),
                     std::to_string(chosen.size()) + "件の採択案",
                     std::to_string(chosen.size()) + " proposals proposed", CallPage(c.id), std::nullopt, std::nullopt},
                    now);
    return GetCall(tx, me, c.id, now);
}

namespace {

projects::NewProject ProjectOf(db::Tx& tx, const Me& me, const Call& c, const Proposal& p, Seconds now) {
    projects::NewProject in;
    in.kind = "open_call";
    if (c.areas.size() == 1) in.area_code = c.areas.front();
    in.title_ja = p.title_ja;
    in.title_en = p.title_en;
    in.aims = p.aims;
    in.pi_id = p.applicant.id;
    in.company_lead_id = p.company_lead ? p.company_lead->id : "";
    for (const auto& m : p.team) in.members.push_back({m.person.id, m.role});
    for (const auto& b : p.budgets) in.budgets.push_back({b.fiscal_year, b.amount_yen});
    for (const auto& l : p.links)
        if (exchange::VisibleItem(tx, me, l.kind, l.target_id, now)) in.links.push_back({l.kind, l.target_id});
    if (p.company_lead)
        if (auto lead = people::FindPerson(tx, p.company_lead->id); lead && lead->organisation_id)
            in.organisations.push_back({coi::CompanyGroupOf(tx, *lead->organisation_id), "partner", "", ""});
    return in;
}

}  // namespace

namespace {

std::vector<AgendaCheck>& AgendaChecks() {
    static std::vector<AgendaCheck> checks;
    return checks;
}
std::optional<std::string> OnAgenda(db::Tx& tx, const std::string& call_id) {
    for (const auto& check : AgendaChecks())
        if (auto why = check(tx, call_id)) return why;
    return std::nullopt;
}
CallView ApplyDecision(db::Tx& tx, const Me& me, Call c, bool approve, const std::string& note, Seconds now);

}  // namespace

void RegisterAgendaCheck(AgendaCheck check) { AgendaChecks().push_back(std::move(check)); }

std::vector<AwaitingCall> CallsAwaitingCommittee(db::Tx& tx) {
    std::vector<AwaitingCall> out;
    for (const auto& c : store::ListCalls(tx, false, std::string(Text(CallStatus::kCommittee))))
        out.push_back({c.id, c.title_ja, c.title_en});
    return out;
}

SelectionPeople PeopleOfSelection(db::Tx& tx, const std::string& call_id) {
    SelectionPeople out;
    for (const auto& p : store::ListProposals(tx, call_id)) {
        if (!p.sent) continue;
        for (const auto& id : p.People())
            if (std::find(out.people.begin(), out.people.end(), id) == out.people.end()) out.people.push_back(id);
        out.roles.emplace(p.applicant.id, "applicant");
        if (p.company_lead) {
            out.company_leads.push_back(p.company_lead->id);
            out.roles.emplace(p.company_lead->id, "company_lead");
        }
        for (const auto& t : p.team) out.roles.emplace(t.person.id, t.role);
    }
    return out;
}

void TakenUpByCommittee(db::Tx& tx, const std::string& call_id, Seconds now) {
    inbox::Resolve(tx, kSource, "decision:" + call_id, std::nullopt, now, "cancelled");
}

CallView Decide(db::Tx& tx, const Me& me, const std::string& id, bool approve, const std::string& note, Seconds now) {
    auto c = LoadCall(tx, me, id);
    if (!IsCommittee(me)) throw Forbidden("only a committee member may decide an open call's selection");
    RequireStatus(c, CallStatus::kCommittee, "the call's selection is not waiting for a decision");
    if (auto why = OnAgenda(tx, c.id)) throw Error{ErrorCode::kConflict, "status", *why};
    return ApplyDecision(tx, me, std::move(c), approve, note, now);
}

CallView DecideForCommittee(db::Tx& tx, const Me& recorder, const std::string& id, bool approve,
                            const std::string& note, Seconds now) {
    if (!IsOffice(recorder)) throw Forbidden("only the office records the committee's decisions");
    auto c = LoadCall(tx, recorder, id);
    RequireStatus(c, CallStatus::kCommittee, "the call's selection is not waiting for a decision");
    return ApplyDecision(tx, recorder, std::move(c), approve, note, now);
}

namespace {

CallView ApplyDecision(db::Tx& tx, const Me& me, Call c, bool approve, const std::string& note, Seconds now) {
    auto before = Snapshot(c);
    c.decision_note = CheckText("note", note, 2000, !approve);
    c.updated_at = now;
    inbox::Resolve(tx, kSource, "decision:" + c.id, me.person_id, now, approve ? "done" : "cancelled");
    if (!approve) {
        c.status = CallStatus::kReview;
        store::UpdateCall(tx, c);
        audit::Record(tx, me.person_id, "return", "opencall_call", c.id, before, Snapshot(c));
        for (const auto& person : PeopleWithRoles(tx, {"office"}))
            notifications::Notify(tx, person, "opencall.returned", "採択案が差し戻されました: " + c.title_ja,
                                  "The selection was returned: " + En(c.title_en, c.title_ja), CallPage(c.id), now);
        return GetCall(tx, me, c.id, now);
    }
    c.status = CallStatus::kDecided;
    c.decided_by = PersonRef{me.person_id, "", ""};
    c.decided_at = now;
    store::UpdateCall(tx, c);
    audit::Record(tx, me.person_id, "approve", "opencall_call", c.id, before, Snapshot(c));
    for (auto& p : store::ListProposals(tx, c.id)) {
        if (p.status != ProposalStatus::kSubmitted) continue;
        auto p_before = Snapshot(p);
        std::vector<std::string> told = p.People();
        if (p.sent) {
            auto project =
                projects::StartFromOpenCall(tx, me, ProjectOf(tx, me, c, p, now), p.applicant.id, c.decision_note, now);
            p.status = ProposalStatus::kSelected;
            p.project_id = project.id;
            for (const auto& person : told)
                notifications::Notify(tx, person, "opencall.selected", "採択されました: " + p.title_ja,
                                      "Selected for funding: " + En(p.title_en, p.title_ja), "/projects/" + project.id,
                                      now);
        } else {
            p.status = ProposalStatus::kNotSelected;
            for (const auto& person : told)
                notifications::Notify(tx, person, "opencall.not_selected", "不採択となりました: " + p.title_ja,
                                      "Not selected: " + En(p.title_en, p.title_ja), ProposalPage(p.id), now);
        }
        p.updated_at = now;
        store::UpdateProposal(tx, p);
        audit::Record(tx, me.person_id, p.status == ProposalStatus::kSelected ? "approve" : "reject",
                      "opencall_proposal", p.id, p_before, Snapshot(p));
    }
    return GetCall(tx, me, c.id, now);
}

}  // namespace

}  // namespace renkei::opencall
