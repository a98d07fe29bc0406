#include "modules/approvals/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "modules/approvals/internal.hpp"
#include "modules/approvals/store.hpp"
#include "modules/inbox/service.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::approvals {
namespace {

namespace json = boost::json;

std::map<SubjectKind, SubjectHooks>& Hooks() {
    static std::map<SubjectKind, SubjectHooks> hooks;
    return hooks;
}
std::map<SubjectKind, std::vector<std::string>>& Types() {
    static std::map<SubjectKind, std::vector<std::string>> types;
    return types;
}

std::string StepKey(const Step& s) { return "step:" + s.id; }

PersonRef Ref(people::NameBook& names, const std::string& id) {
    const auto& n = names.Of(id);
    return PersonRef{id, n.name_ja, n.name_en};
}

json::value Snapshot(const Chain& c, const std::vector<Step>& steps) {
    json::array a;
    for (const auto& s : steps) {
        json::object o{{"position", s.position},
                       {"label_ja", s.label_ja},
                       {"approver", Text(s.approver)},
                       {"status", Text(s.status)},
                       {"comment", s.comment}};
        if (s.person_id) o["person_id"] = *s.person_id;
        if (s.role) o["role"] = *s.role;
        if (s.decided_by) o["decided_by"] = *s.decided_by;
        a.push_back(std::move(o));
    }
    return json::object{
        {"subject_kind", Text(c.subject.kind)},
        {"subject_id", c.subject.id},
        {"title_ja", c.subject.title_ja},
        {"amount_yen", c.subject.amount_yen ? json::value(*c.subject.amount_yen) : json::value(nullptr)},
        {"status", Text(c.status)},
        {"steps", a}};
}

json::value Snapshot(const Rule& r) {
    json::array steps;
    for (const auto& s : r.steps) {
        json::object o{{"label_ja", s.label_ja}, {"label_en", s.label_en}, {"approver", Text(s.approver)}};
        if (s.approver == Approver::kPerson) o["person_id"] = s.person_id;
        if (s.approver == Approver::kRole) o["role"] = s.role;
        steps.push_back(std::move(o));
    }
    return json::object{{"kind", Text(r.kind)},
                        {"subject_type", r.subject_type},
                        {"amount_from", r.amount_from},
                        {"amount_to", r.amount_to ? json::value(*r.amount_to) : json::value(nullptr)},
                        {"steps", steps},
                        {"note", r.note}};
}

Actor ActorOf(const Me& me) { return Actor{me.person_id, me.roles}; }

// Who is asked when the step becomes current: the person, the role's active holders other than
// the preparer, or the office (to put the chain on the committee's agenda).
std::vector<std::string> AskedOf(db::Tx& tx, const Chain& c, const Step& s) {
    std::vector<std::string> out;
    if (s.approver == Approver::kPerson && s.person_id) {
        if (auto p = people::FindPerson(tx, *s.person_id); p && p->active) out.push_back(p->id);
        return out;
    }
    std::string role = s.approver == Approver::kRole && s.role ? *s.role : "office";
    for (const auto& p : people::ListPeople(tx, "", role, "", 1))
        if (s.approver == Approver::kCommittee || !c.subject.prepared_by || p.id != *c.subject.prepared_by)
            out.push_back(p.id);
    return out;
}

void Ask(db::Tx& tx, const Chain& c, const Step& s, Seconds now) {
    std::string en_title = c.subject.title_en.empty() ? c.subject.title_ja : c.subject.title_en;
    for (const auto& person : AskedOf(tx, c, s)) {
        inbox::NewItem n;
        n.person_id = person;
        n.source = kSource;
        n.source_key = StepKey(s);
        n.link = c.subject.link;
        if (s.approver == Approver::kCommittee) {
            n.kind = "approvals.committee";
            n.title_ja = "稟議を運営委員会の議題へ: " + c.subject.title_ja;
            n.title_en = "Approval for the steering committee's agenda: " + en_title;
            n.context_ja = s.label_ja;
            n.context_en = s.label_en.empty() ? s.label_ja : s.label_en;
            n.link = "/committee";
        } else {
            n.kind = "approvals.step";
            n.title_ja = "稟議の承認: " + c.subject.title_ja;
            n.title_en = "Approve: " + en_title;
            n.context_ja = s.label_ja + "（第" + std::to_string(s.position) + "段階）";
            n.context_en =
                (s.label_en.empty() ? s.label_ja : s.label_en) + " (step " + std::to_string(s.position) + ")";
            n.action = inbox::Action{"POST", "/api/approvals/steps/" + s.id + "/decision",
                                     json::object{{"decision", "approve"}}, "承認する", "Approve"};
        }
        inbox::Post(tx, n, now);
    }
}

ChainView View(db::Tx& tx, const Me& me, const Chain& c, Seconds now) {
    ChainView v;
    v.chain = c;
    auto steps = store::StepsOf(tx, c.id);
    people::NameBook names(tx);
    std::vector<std::string> ids;
    for (const auto& s : steps) {
        if (s.person_id) ids.push_back(*s.person_id);
        if (s.decided_by) ids.push_back(*s.decided_by);
    }
    if (c.started_by) ids.push_back(*c.started_by);
    names.Load(ids);
    if (c.started_by) v.started_by = Ref(names, *c.started_by);
    auto actor = ActorOf(me);
    v.steps.reserve(steps.size());
    for (auto& s : steps) {
        StepView sv;
        sv.step = s;
        if (s.person_id) sv.person = Ref(names, *s.person_id);
        if (s.decided_by) sv.decided_by = Ref(names, *s.decided_by);
        if (s.started_at) sv.days = DaysBetween(*s.started_at, s.decided_at.value_or(now));
        if (s.status == StepStatus::kCurrent) {
            v.current_step_id = s.id;
            sv.may_act = IsApprover(s, c.subject.prepared_by, actor);
        }
        v.steps.push_back(std::move(sv));
    }
    v.days = DaysBetween(c.started_at, c.ended_at.value_or(now));
    return v;
}

Chain LoadChain(db::Tx& tx, const std::string& id) {
    auto c = store::FindChain(tx, id);
    if (!c) throw NotFound("approval chain");
    return *c;
}

// The chain's next waiting step becomes current, or the chain is complete.
void Advance(db::Tx& tx, Chain& c, std::vector<Step>& steps, const std::optional<std::string>& actor,
             const std::string& comment, Seconds now) {
    for (auto& s : steps) {
        if (s.status != StepStatus::kWaiting) continue;
        s.status = StepStatus::kCurrent;
        s.started_at = now;
        store::UpdateStep(tx, s);
        Ask(tx, c, s, now);
        return;
    }
    c.status = ChainStatus::kApproved;
    c.ended_at = now;
    store::UpdateChain(tx, c);
    auto it = Hooks().find(c.subject.kind);
    if (it != Hooks().end() && it->second.on_decided)
        it->second.on_decided(tx, Decided{c.subject.kind, c.subject.id, c.id, true, actor, comment, now});
}

// Ends the chain early: its later steps are cancelled, their inbox items too.
void End(db::Tx& tx, Chain& c, std::vector<Step>& steps, ChainStatus status, const std::optional<std::string>& actor,
         Seconds now) {
    for (auto& s : steps) {
        if (s.status != StepStatus::kWaiting && s.status != StepStatus::kCurrent) continue;
        if (s.status == StepStatus::kCurrent) inbox::Resolve(tx, kSource, StepKey(s), actor, now, "cancelled");
        s.status = StepStatus::kCancelled;
        store::UpdateStep(tx, s);
    }
    c.status = status;
    c.ended_at = now;
    store::UpdateChain(tx, c);
}

// Records the decision on the current step and moves the chain on.
ChainView Apply(db::Tx& tx, const Me& me, Chain c, std::vector<Step> steps, Step& step, bool approve,
                const std::string& comment, Seconds now) {
    auto before = Snapshot(c, steps);
    for (auto& s : steps) {
        if (s.id != step.id) continue;
        s.status = approve ? StepStatus::kApproved : StepStatus::kReturned;
        s.decided_at = now;
        s.decided_by = me.person_id;
        s.comment = comment;
        store::UpdateStep(tx, s);
        inbox::Resolve(tx, kSource, StepKey(s), me.person_id, now);
    }
    if (approve) {
        Advance(tx, c, steps, me.person_id, comment, now);
    } else {
        End(tx, c, steps, ChainStatus::kReturned, me.person_id, now);
        auto it = Hooks().find(c.subject.kind);
        if (it != Hooks().end() && it->second.on_decided)
            it->second.on_decided(tx, Decided{c.subject.kind, c.subject.id, c.id, false, me.person_id, comment, now});
    }
    audit::Record(tx, me.person_id, approve ? "approve" : "return", "approval_chain", c.id, before,
                  Snapshot(c, store::StepsOf(tx, c.id)));
    return View(tx, me, *store::FindChain(tx, c.id), now);
}

std::string CheckComment(const std::string& comment) {
    std::string t = Trim(comment);
    if (Utf8Length(t) > 2000) throw Invalid("comment", "comment must be at most 2000 characters");
    if (!CleanUtf8(t, true)) throw Invalid("comment", "comment must be clean text");
    return t;
}

RuleView ViewRule(db::Tx& tx, const Rule& r) {
    RuleView v;
    v.rule = r;
    people::NameBook names(tx);
    for (const auto& s : r.steps)
        v.step_people.push_back(s.approver == Approver::kPerson ? std::optional(Ref(names, s.person_id))
                                                                : std::nullopt);
    if (r.updated_by) v.updated_by = Ref(names, *r.updated_by);
    return v;
}

Rule CheckedRule(db::Tx& tx, const RuleInput& in, const std::string& id) {
    Rule r;
    r.id = id;
    auto kind = FromText<SubjectKind>(in.kind);
    if (!kind) throw Invalid("kind", "kind must be contract or budget_change");
    r.kind = *kind;
    r.subject_type = Trim(in.subject_type);
    if (!r.subject_type.empty()) {
        const auto& known = Types()[r.kind];
        if (std::find(known.begin(), known.end(), r.subject_type) == known.end())
            throw Invalid("subject_type", "subject_type must be empty (any) or a known type of " + in.kind);
    }
    r.amount_from = in.amount_from;
    r.amount_to = in.amount_to;
    r.steps = in.steps;
    for (auto& s : r.steps) {
        s.label_ja = Trim(s.label_ja);
        s.label_en = Trim(s.label_en);
        if (s.approver != Approver::kPerson) s.person_id.clear();
        if (s.approver != Approver::kRole) s.role.clear();
    }
    r.note = Trim(in.note);
    if (auto p = CheckRule(r)) throw Invalid(p->field, p->message);
    for (size_t i = 0; i < r.steps.size(); ++i) {
        const auto& s = r.steps[i];
        std::string at = "steps[" + std::to_string(i) + "].";
        if (s.approver == Approver::kPerson) {
            auto p = people::FindPerson(tx, s.person_id);
            if (!p || !p->active) throw Invalid(at + "person_id", "person_id must name an active person");
        }
        if (s.approver == Approver::kRole && !people::IsRole(s.role))
            throw Invalid(at + "role", "role must be one of the roles people hold");
    }
    for (const auto& other : store::Rules(tx)) {
        if (other.id == r.id || !Overlaps(r, other)) continue;
        auto to = [](const Rule& x) { return x.amount_to ? std::to_string(*x.amount_to) : std::string("∞"); };
        throw Invalid(r.amount_to && r.amount_from < other.amount_from ? "amount_to" : "amount_from",
                      "the band overlaps another rule for the same kind and type: [" +
                          std::to_string(other.amount_from) + ", " + to(other) + ")");
    }
    return r;
}

}  // namespace

bool MaySeeSubject(db::Tx& tx, const Me& me, SubjectKind kind, const std::string& subject_id) {
    auto it = Hooks().find(kind);
    if (it == Hooks().end() || !it->second.may_see) return me.HasAnyRole({"office", "admin"});
    return it->second.may_see(tx, me, subject_id);
}

void RegisterSubject(SubjectKind kind, SubjectHooks hooks) { Hooks()[kind] = std::move(hooks); }
void RegisterTypes(SubjectKind kind, std::vector<std::string> types) { Types()[kind] = std::move(types); }

ChainView Start(db::Tx& tx, const Me& starter, const Subject& subject, Seconds now) {
    if (InProgress(tx, subject.kind, subject.id))
        throw Error{ErrorCode::kConflict, "status", "an approval chain (稟議) is already in progress"};
    auto rule = ChooseRule(store::Rules(tx), subject.kind, subject.type, subject.amount_yen);
    if (!rule)
        throw Error{ErrorCode::kConflict, "steps",
                    "no approval rule applies to this " + std::string(Text(subject.kind)) +
                        ": the office configures one (/approvals)"};
    Chain c;
    c.id = NewId();
    c.subject = subject;
    c.rule_id = rule->id;
    c.status = ChainStatus::kInProgress;
    c.started_by = starter.person_id;
    c.started_at = now;
    store::InsertChain(tx, c);
    std::vector<Step> steps;
    steps.reserve(rule->steps.size());
    int position = 1;
    for (const auto& r : rule->steps) {
        Step s;
        s.id = NewId();
        s.chain_id = c.id;
        s.position = position++;
        s.label_ja = r.label_ja;
        s.label_en = r.label_en;
        s.approver = r.approver;
        if (r.approver == Approver::kPerson) s.person_id = r.person_id;
        if (r.approver == Approver::kRole) s.role = r.role;
        s.status = StepStatus::kWaiting;
        store::InsertStep(tx, s);
        steps.push_back(std::move(s));
    }
    Advance(tx, c, steps, starter.person_id, "", now);
    audit::Record(tx, starter.person_id, "start", "approval_chain", c.id, nullptr,
                  Snapshot(c, store::StepsOf(tx, c.id)));
    return View(tx, starter, c, now);
}

std::optional<Chain> InProgress(db::Tx& tx, SubjectKind kind, const std::string& subject_id) {
    for (auto& c : store::ChainsOf(tx, kind, subject_id))
        if (c.status == ChainStatus::kInProgress) return c;
    return std::nullopt;
}

std::optional<ChainView> StateOf(db::Tx& tx, const Me& me, SubjectKind kind, const std::string& subject_id,
                                 Seconds now) {
    auto all = store::ChainsOf(tx, kind, subject_id);
    if (all.empty()) return std::nullopt;
    return View(tx, me, all.back(), now);
}

std::vector<ChainView> ChainsOf(db::Tx& tx, const Me& me, SubjectKind kind, const std::string& subject_id,
                                Seconds now) {
    std::vector<ChainView> out;
    for (const auto& c : store::ChainsOf(tx, kind, subject_id)) out.push_back(View(tx, me, c, now));
    return out;
}

bool NamedIn(db::Tx& tx, SubjectKind kind, const std::string& subject_id, const std::string& person_id) {
    if (person_id.empty()) return false;
    return store::PersonInChains(tx, kind, subject_id, person_id);
}

void Withdraw(db::Tx& tx, const std::optional<std::string>& actor, SubjectKind kind, const std::string& subject_id,
              const std::string& reason, Seconds now) {
    auto c = InProgress(tx, kind, subject_id);
    if (!c) return;
    auto steps = store::StepsOf(tx, c->id);
    auto before = Snapshot(*c, steps);
    End(tx, *c, steps, ChainStatus::kWithdrawn, actor, now);
    auto after = Snapshot(*c, steps);
    after.as_object()["reason"] = reason;
    audit::Record(tx, actor, "withdraw", "approval_chain", c->id, before, after);
}

void Retitle(db::Tx& tx, SubjectKind kind, const std::string& subject_id, const std::string& title_ja,
             const std::string& title_en) {
    auto c = InProgress(tx, kind, subject_id);
    if (!c || (c->subject.title_ja == title_ja && c->subject.title_en == title_en)) return;
    c->subject.title_ja = title_ja;
    c->subject.title_en = title_en;
    store::UpdateChain(tx, *c);
    std::string en = title_en.empty() ? title_ja : title_en;
    for (const auto& s : store::StepsOf(tx, c->id))
        if (s.status == StepStatus::kCurrent && s.approver != Approver::kCommittee)
            inbox::Reword(tx, kSource, StepKey(s), {"稟議の承認: " + title_ja, "Approve: " + en, {}, {}}, std::nullopt);
}

ChainView GetChain(db::Tx& tx, const Me& me, const std::string& chain_id, Seconds now) {
    if (!LooksLikeId(chain_id)) throw NotFound("approval chain");
    auto c = LoadChain(tx, chain_id);
    if (!MaySeeSubject(tx, me, c.subject.kind, c.subject.id)) throw NotFound("approval chain");
    return View(tx, me, c, now);
}

ChainView Decide(db::Tx& tx, const Me& me, const std::string& step_id, Decision decision, const std::string& comment,
                 Seconds now) {
    if (!LooksLikeId(step_id)) throw NotFound("approval step");
    auto step = store::FindStep(tx, step_id);
    if (!step) throw NotFound("approval step");
    auto c = LoadChain(tx, step->chain_id);
    if (!MaySeeSubject(tx, me, c.subject.kind, c.subject.id)) throw NotFound("approval step");
    auto why = CheckComment(comment);
    if (step->status != StepStatus::kCurrent)
        throw Error{ErrorCode::kConflict, "status",
                    step->status == StepStatus::kWaiting
                        ? "this step's turn has not come: an earlier step is pending"
                        : "this step is decided already (" + std::string(Text(step->status)) + ")"};
    if (step->approver == Approver::kCommittee)
        throw Error{ErrorCode::kConflict, "status",
                    "this step is the steering committee's: it is decided at its meeting"};
    if (!IsApprover(*step, c.subject.prepared_by, ActorOf(me)))
        throw Forbidden(step->approver == Approver::kRole && c.subject.prepared_by == me.person_id
                            ? "whoever prepared it does not approve it: another approver acts on this step"
                            : "only this step's approver acts on it");
    if (decision == Decision::kReturn && why.empty()) throw Invalid("comment", "say why when sending it back");
    return Apply(tx, me, c, store::StepsOf(tx, c.id), *step, decision == Decision::kApprove, why, now);
}

std::vector<ChainView> AwaitingMe(db::Tx& tx, const Me& me, Seconds now) {
    std::vector<ChainView> out;
    auto actor = ActorOf(me);
    for (const auto& c : store::ChainsWith(tx, std::nullopt, ChainStatus::kInProgress)) {
        for (const auto& s : store::StepsOf(tx, c.id))
            if (s.status == StepStatus::kCurrent && IsApprover(s, c.subject.prepared_by, actor) &&
                MaySeeSubject(tx, me, c.subject.kind, c.subject.id))
                out.push_back(View(tx, me, c, now));
    }
    return out;
}

std::vector<AwaitingCommittee> ChainsAwaitingCommittee(db::Tx& tx) {
    std::vector<AwaitingCommittee> out;
    for (const auto& c : store::ChainsWith(tx, std::nullopt, ChainStatus::kInProgress))
        for (const auto& s : store::StepsOf(tx, c.id))
            if (s.status == StepStatus::kCurrent && s.approver == Approver::kCommittee)
                out.push_back(
                    {c.id, c.subject.kind, c.subject.id, c.subject.title_ja, c.subject.title_en, c.subject.link});
    return out;
}

std::optional<Chain> FindChainForModule(db::Tx& tx, const std::string& chain_id) {
    return store::FindChain(tx, chain_id);
}

ChainView DecideForCommittee(db::Tx& tx, const Me& recorder, const std::string& chain_id, bool approve,
                             const std::string& reason, Seconds now) {
    if (!recorder.HasRole("office")) throw Forbidden("only the office records the committee's decision");
    auto c = LoadChain(tx, chain_id);
    auto steps = store::StepsOf(tx, c.id);
    auto it = std::find_if(steps.begin(), steps.end(), [](const Step& s) {
        return s.status == StepStatus::kCurrent && s.approver == Approver::kCommittee;
    });
    if (c.status != ChainStatus::kInProgress || it == steps.end())
        throw Error{ErrorCode::kConflict, "status", "the chain does not await the committee"};
    Step step = *it;
    return Apply(tx, recorder, c, steps, step, approve, Trim(reason), now);
}

// ---- configuration ----

std::vector<RuleView> ListRules(db::Tx& tx, const Me& me) {
    if (!MayReadRules(me)) throw Forbidden("only the office, the committee and admins see the approval rules");
    std::vector<RuleView> out;
    for (const auto& r : store::Rules(tx)) out.push_back(ViewRule(tx, r));
    return out;
}

RuleView CreateRule(db::Tx& tx, const Me& me, const RuleInput& in, Seconds now) {
    if (!MayConfigure(me)) throw Forbidden("only the office and admins configure approval chains");
    auto r = CheckedRule(tx, in, NewId());
    r.updated_by = me.person_id;
    r.updated_at = now;
    store::InsertRule(tx, r);
    audit::Record(tx, me.person_id, "create", "approval_rule", r.id, nullptr, Snapshot(r));
    return ViewRule(tx, r);
}

RuleView UpdateRule(db::Tx& tx, const Me& me, const std::string& id, const RuleInput& in, Seconds now) {
    if (!MayConfigure(me)) throw Forbidden("only the office and admins configure approval chains");
    auto before = store::FindRule(tx, id);
    if (!before) throw NotFound("approval rule");
    auto r = CheckedRule(tx, in, id);
    r.updated_by = me.person_id;
    r.updated_at = now;
    store::UpdateRule(tx, r);
    audit::Record(tx, me.person_id, "update", "approval_rule", r.id, Snapshot(*before), Snapshot(r));
    return ViewRule(tx, r);
}

void DeleteRule(db::Tx& tx, const Me& me, const std::string& id, Seconds /*now*/) {
    if (!MayConfigure(me)) throw Forbidden("only the office and admins configure approval chains");
    auto before = store::FindRule(tx, id);
    if (!before) throw NotFound("approval rule");
    store::DeleteRule(tx, id);
    audit::Record(tx, me.person_id, "delete", "approval_rule", id, Snapshot(*before), nullptr);
}

// ---- timing ----

std::vector<ChainTiming> Timings(db::Tx& tx, SubjectKind kind) {
    std::vector<ChainTiming> out;
    for (const auto& c : store::ChainsWith(tx, kind, std::nullopt)) {
        ChainTiming t;
        t.chain_id = c.id;
        t.subject_id = c.subject.id;
        t.subject_type = c.subject.type;
        t.status = c.status;
        t.started_at = c.started_at;
        if (c.ended_at) t.days = DaysBetween(c.started_at, *c.ended_at);
        for (const auto& s : store::StepsOf(tx, c.id)) {
            StepTiming st{s.label_ja, s.label_en, s.approver, std::nullopt};
            if (s.started_at && s.decided_at) st.days = DaysBetween(*s.started_at, *s.decided_at);
            t.steps.push_back(std::move(st));
        }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace renkei::approvals
