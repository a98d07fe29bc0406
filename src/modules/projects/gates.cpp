// Stages and their gates: the requirement checks other modules register, a gate's checklist,
// the next gate of a project, stage requests and their decisions, the office's hand
// confirmations, and the gates' configuration.
#include <algorithm>
#include <boost/json.hpp>

#include "modules/inbox/service.hpp"
#include "modules/projects/internal.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::projects {

std::map<std::string, RequirementCheck>& RequirementChecks() {
    static std::map<std::string, RequirementCheck> checks;
    return checks;
}

void RegisterRequirementCheck(const std::string& code, RequirementCheck check) {
    RequirementChecks()[code] = std::move(check);
}

std::vector<StandingBlocker>& StandingBlockers() {
    static std::vector<StandingBlocker> blockers;
    return blockers;
}

void RegisterStandingBlocker(StandingBlocker blocker) {
    for (auto& b : StandingBlockers())
        if (b.code == blocker.code) {
            b = std::move(blocker);
            return;
        }
    StandingBlockers().push_back(std::move(blocker));
}

std::vector<ChainStep>& ChainSteps() {
    static std::vector<ChainStep> steps;
    return steps;
}

void RegisterChainStep(ChainStep step) {
    auto& steps = ChainSteps();
    std::erase_if(steps, [&](const ChainStep& s) { return s.code == step.code; });
    steps.push_back(std::move(step));
    std::stable_sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
}

GateFacts FactsFor(db::Tx& tx, const Project& p, Seconds now) {
    std::string today = TokyoDate(now);
    GateFacts f = store::Facts(tx, p.id, today, FiscalYearOf(today));
    f.has_pi = p.WithRole("pi") != nullptr;
    f.has_company_lead = p.WithRole("company_lead") != nullptr;
    f.has_aims = !Trim(p.aims).empty();
    for (const auto& c : store::Confirmations(tx, p.id)) f.confirmed.insert(c.code);
    for (const auto& [code, check] : RequirementChecks()) f.external[code] = check(tx, p.id, now);
    return f;
}

std::vector<ChecklistItem> ChecklistFor(db::Tx& tx, const Project& p, Stage to_stage, std::optional<Gate>* gate_out,
                                        Seconds now) {
    auto gate = store::FindGate(tx, to_stage);
    if (gate_out) *gate_out = gate;
    if (!gate) return {};
    return EvaluateGate(gate->requirements, FactsFor(tx, p, now));
}

namespace {

std::vector<std::string> GateApprovers(db::Tx& tx, const Project& p, const std::string& approver) {
    if (approver == "pi" || approver == "company_lead") {
        const Member* m = p.WithRole(approver);
        return m ? std::vector<std::string>{m->person.id} : std::vector<std::string>{};
    }
    return PeopleWithRole(tx, approver);
}

void EnterStage(db::Tx& tx, Project& p, Stage to, const std::optional<std::string>& requested_by,
                const std::optional<std::string>& approved_by, const std::string& note, const Me& me, Seconds now) {
    auto before = Snapshot(p);
    StageChange c;
    c.id = NewId();
    if (p.status == Status::kActive && p.active_since) c.from_stage = p.stage;
    c.to_stage = to;
    c.at = now;
    if (requested_by) c.requested_by = PersonRef{*requested_by, "", ""};
    if (approved_by) c.approved_by = PersonRef{*approved_by, "", ""};
    c.note = note;
    store::InsertStageChange(tx, p.id, c);
    p.stage = to;
    p.stage_since = c.at;
    p.updated_at = c.at;
    store::UpdateProject(tx, p, SearchKeyOf(p));
    audit::Record(tx, me.person_id, "stage_change", "project", p.id, before,
                  boost::json::object{{"stage", Text(to)},
                                      {"from_stage", c.from_stage ? boost::json::value(Text(*c.from_stage)) : nullptr},
                                      {"approved_by", approved_by ? boost::json::value(*approved_by) : nullptr},
                                      {"note", note}});
}

}  // namespace

NextGateView NextGate(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto next = NextStage(p.stage);
    if (!next) return {};
    std::optional<Gate> gate;
    NextGateView v;
    v.to_stage = *next;
    v.items = ChecklistFor(tx, p, *next, &gate, now);
    if (gate) v.approver = gate->approver;
    v.passes = gate && GatePasses(v.items);
    return v;
}

// ---- stages ----

StageRequest RequestStage(db::Tx& tx, const Me& me, const std::string& id, const std::string& to_stage,
                          const std::string& note, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    RequireActive(p);
    auto to = FromText<Stage>(to_stage);
    if (!to) throw Invalid("to_stage", "unknown stage: " + to_stage);
    if (!IsAllowedMove(p.status, p.stage, *to))
        throw Invalid("to_stage", "a project moves to the next stage only (now: " + std::string(Text(p.stage)) + ")");
    if (store::PendingStageRequest(tx, p.id))
        throw Error{ErrorCode::kConflict, "to_stage", "a stage change is already waiting for approval"};
    std::optional<Gate> gate;
    auto checklist = ChecklistFor(tx, p, *to, &gate, now);
    if (!gate) throw Error{ErrorCode::kConflict, "to_stage", "no gate is configured for this stage"};
    if (!GatePasses(checklist)) {
        std::string missing;
        for (const auto& c : checklist)
            if (!c.satisfied) missing += (missing.empty() ? "" : ", ") + c.code;
        throw Error{ErrorCode::kConflict, "requirements", "the gate is not passed yet: " + missing};
    }
    StageRequest r;
    r.id = NewId();
    r.project_id = p.id;
    r.from_stage = p.stage;
    r.to_stage = *to;
    r.approver = gate->approver;
    r.note = CheckText("note", note, 1000, false, true);
    r.state = "pending";
    r.requested_by = PersonRef{me.person_id, "", ""};
    r.requested_at = now;
    store::InsertStageRequest(tx, r);
    audit::Record(tx, me.person_id, "request_stage", "project", p.id, nullptr,
                  boost::json::object{{"request_id", r.id},
                                      {"from_stage", Text(r.from_stage)},
                                      {"to_stage", Text(r.to_stage)},
                                      {"approver", r.approver}});
    auto rel = RelationOf(p, me);
    if ((r.approver == "pi" && rel.is_pi) || (r.approver == "company_lead" && rel.is_company_lead)) {
        r.state = "approved";
        r.decided_by = PersonRef{me.person_id, "", ""};
        r.decided_at = r.requested_at;
        store::UpdateStageRequest(tx, r);
        EnterStage(tx, p, *to, me.person_id, me.person_id, r.note, me, now);
    } else {
        for (const auto& person : GateApprovers(tx, p, r.approver)) {
            if (person == me.person_id) continue;
            inbox::Post(tx,
                        {person, "projects.approve_stage", kSource, "stage_request:" + r.id,
                         "ステージ移行の確認: " + std::string(LabelJa(*to)), "Approve the move to " + to_stage,
                         p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en, PageOf(p.id), std::nullopt,
                         inbox::Action{"POST", "/api/projects/" + p.id + "/stage-requests/" + r.id + "/decision",
                                       boost::json::object{{"decision", "approve"}}, "確認して承認",
                                       "Acknowledge and approve"}},
                        now);
        }
    }
    NameBook names(tx);
    names.Fill(r.requested_by);
    if (r.decided_by) names.Fill(*r.decided_by);
    return r;
}

namespace {

// Records the decision on a pending request (`decider` decided; `me` is who acts in the audit log)
// and, approved, moves the project on after checking the gate again.
void ApplyStageDecision(db::Tx& tx, Project& p, StageRequest& r, const Me& me, const std::string& decision,
                        const std::string& why, Seconds now) {
    r.state = decision == "approve" ? "approved" : decision == "reject" ? "rejected" : "withdrawn";
    r.decided_by = PersonRef{me.person_id, "", ""};
    r.decided_at = now;
    r.reason = why;
    if (decision == "approve") {
        RequireActive(p);
        // The checklist may have changed since the request (a milestone slipped).
        auto checklist = ChecklistFor(tx, p, r.to_stage, nullptr, now);
        if (!GatePasses(checklist)) throw Error{ErrorCode::kConflict, "requirements", "the gate is no longer passed"};
        if (p.stage != r.from_stage) throw Error{ErrorCode::kConflict, "decision", "the project has moved on since"};
        store::UpdateStageRequest(tx, r);
        EnterStage(tx, p, r.to_stage, r.requested_by.id, me.person_id, r.note, me, now);
    } else {
        store::UpdateStageRequest(tx, r);
        audit::Record(tx, me.person_id, decision == "reject" ? "reject_stage" : "withdraw_stage", "project", p.id,
                      nullptr,
                      boost::json::object{{"request_id", r.id}, {"to_stage", Text(r.to_stage)}, {"reason", why}});
    }
    inbox::Resolve(tx, kSource, "stage_request:" + r.id, me.person_id, now,
                   decision == "approve" ? "done" : "cancelled");
}

CommitteeStageRequest ForCommittee(const Project& p, const StageRequest& r) {
    return {r.id, p.id, p.title_ja, p.title_en, r.from_stage, r.to_stage};
}

}  // namespace

StageRequest DecideStage(db::Tx& tx, const Me& me, const std::string& id, const std::string& request_id,
                         const std::string& decision, const std::string& reason, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto r = store::FindStageRequest(tx, p.id, request_id);
    if (!r) throw NotFound("stage request");
    if (decision != "approve" && decision != "reject" && decision != "withdraw")
        throw Invalid("decision", "decision must be approve, reject or withdraw");
    if (r->state != "pending") throw Error{ErrorCode::kConflict, "decision", "this request has been decided already"};
    auto rel = RelationOf(p, me);
    bool is_requester = r->requested_by.id == me.person_id;
    if (decision == "withdraw") {
        if (!is_requester && !rel.is_office) throw Forbidden("only the requester or the office may withdraw it");
    } else if (!MayApproveGate(r->approver, rel, is_requester)) {
        throw Forbidden("this gate is approved by: " + r->approver);
    } else if (auto why = OnAgenda(tx, r->id)) {
        throw Error{ErrorCode::kConflict, "decision", *why};
    }
    std::string why = CheckText("reason", reason, 1000, decision == "reject", true);
    ApplyStageDecision(tx, p, *r, me, decision, why, now);
    NameBook names(tx);
    names.Fill(r->requested_by);
    names.Fill(*r->decided_by);
    return *r;
}

std::vector<CommitteeStageRequest> StageRequestsAwaitingCommittee(db::Tx& tx) {
    std::vector<CommitteeStageRequest> out;
    for (const auto& r : store::PendingStageRequestsFor(tx, "committee")) {
        auto p = FindProject(tx, r.project_id);
        if (p && p->status == Status::kActive) out.push_back(ForCommittee(*p, r));
    }
    return out;
}

std::optional<CommitteeStageRequest> FindStageRequestForCommittee(db::Tx& tx, const std::string& request_id) {
    auto r = store::FindStageRequestById(tx, request_id);
    if (!r || r->approver != "committee") return std::nullopt;
    auto p = FindProject(tx, r->project_id);
    if (!p) return std::nullopt;
    return ForCommittee(*p, *r);
}

void StageRequestTakenUpByCommittee(db::Tx& tx, const std::string& request_id, Seconds now) {
    inbox::Resolve(tx, kSource, "stage_request:" + request_id, std::nullopt, now, "cancelled");
}

void DecideStageForCommittee(db::Tx& tx, const Me& recorder, const std::string& request_id, bool approve,
                             const std::string& reason, Seconds now) {
    if (!recorder.HasRole("office")) throw Forbidden("only the office records the committee's decisions");
    auto r = store::FindStageRequestById(tx, request_id);
    if (!r || r->approver != "committee") throw NotFound("stage request");
    if (r->state != "pending")
        throw Error{ErrorCode::kConflict, "decision", "this stage request is " + r->state + ", no longer pending"};
    auto p = Load(tx, r->project_id);
    ApplyStageDecision(tx, p, *r, recorder, approve ? "approve" : "reject",
                       CheckText("reason", reason, 1000, !approve, true), now);
}

Confirmation Confirm(db::Tx& tx, const Me& me, const std::string& id, const std::string& code, const std::string& note,
                     Seconds now) {
    auto p = LoadFull(tx, me, id);
    if (!me.HasRole("office")) throw Forbidden("only the office confirms requirements by hand");
    const Requirement* r = FindRequirement(code);
    if (!r) throw Invalid("code", "unknown requirement: " + code);
    if (r->module == "projects") throw Invalid("code", "this requirement is checked from the project's own data");
    if (RequirementChecks().count(code))
        throw Invalid("code", "the " + std::string(r->module) + " module answers this requirement");
    Confirmation c{code, CheckText("note", note, 1000, true, true), PersonRef{me.person_id, "", ""}, now};
    store::UpsertConfirmation(tx, p.id, c);
    audit::Record(tx, me.person_id, "confirm_requirement", "project", p.id, nullptr,
                  boost::json::object{{"code", code}, {"note", c.note}});
    NameBook names(tx);
    names.Fill(c.confirmed_by);
    return c;
}

std::vector<Gate> ListGates(db::Tx& tx) {
    auto gates = store::ListGates(tx);
    std::sort(gates.begin(), gates.end(),
              [](const Gate& a, const Gate& b) { return StageIndex(a.stage) < StageIndex(b.stage); });
    return gates;
}

Gate UpdateGate(db::Tx& tx, const Me& me, const GateInput& in, Seconds now) {
    if (!me.HasAnyRole({"office", "admin"})) throw Forbidden("only the office configures gates");
    auto stage = FromText<Stage>(in.stage);
    if (!stage || *stage == Stage::kExploration) throw NotFound("gate");
    Gate gate{*stage, in.approver, in.requirements};
    if (!IsApprover(gate.approver)) throw Invalid("approver", "approver must be pi, company_lead, office or committee");
    std::set<std::string> seen;
    for (const auto& code : gate.requirements) {
        if (!FindRequirement(code)) throw Invalid("requirements", "unknown requirement: " + code);
        if (!seen.insert(code).second) throw Invalid("requirements", "a requirement is listed twice");
    }
    auto before = store::FindGate(tx, gate.stage);
    store::UpdateGate(tx, gate, me.person_id, now);
    audit::Record(tx, me.person_id, "update", "project_gate", std::string(Text(gate.stage)),
                  before ? boost::json::value_from(*before) : boost::json::value(nullptr),
                  boost::json::value_from(gate));
    return gate;
}

}  // namespace renkei::projects
