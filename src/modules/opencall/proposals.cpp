// Proposals: drafts, edits until the deadline, submission, withdrawal and attachments.
#include <algorithm>
#include <set>

#include "modules/coi/service.hpp"
#include "modules/exchange/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/opencall/internal.hpp"
#include "modules/opencall/store.hpp"
#include "modules/projects/model.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/text/base64.hpp"

namespace renkei::opencall {

namespace {

constexpr std::int64_t kMaxProposalYen = 1'000'000'000'000;
constexpr size_t kMaxAttachments = 10;

// Proposals change only while the call accepts them: kConflict naming what stops it.
void RequireAccepting(const Call& c, Seconds now) {
    if (c.status != CallStatus::kOpen)
        throw Error{ErrorCode::kConflict, "status", "the call is not open for proposals"};
    if (TokyoDate(now) < c.opens_on) throw Error{ErrorCode::kConflict, "opens_on", "the call opens on " + c.opens_on};
    auto closing = ClosingInstant(c.closes_on);
    if (!closing || now > *closing)
        throw Error{ErrorCode::kConflict, "closes_on",
                    "the call closed on " + c.closes_on + " at 23:59 (JST); late proposals are not accepted"};
}

Proposal LoadOwn(db::Tx& tx, const Me& me, const std::string& id, Call* call_out) {
    auto p = LoadProposal(tx, id);
    auto call = store::FindCall(tx, p.call_id);
    if (!call || !MaySee(tx, me, *call, p)) throw NotFound("proposal");
    if (p.applicant.id != me.person_id) throw Forbidden("only the applicant may change the proposal");
    *call_out = *call;
    return p;
}

void CheckInput(db::Tx& tx, const Me& me, const ProposalInput& in, Proposal& p, Seconds now) {
    p.title_ja = CheckText("title_ja", in.title_ja, 200, false, false);
    p.title_en = CheckText("title_en", in.title_en, 200, false, false);
    p.aims = CheckText("aims", in.aims, 8000, false);
    p.company_lead.reset();
    if (in.company_lead_id && !in.company_lead_id->empty()) {
        auto lead = LooksLikeId(*in.company_lead_id) ? people::FindPerson(tx, *in.company_lead_id) : std::nullopt;
        if (!lead || !lead->active) throw Invalid("company_lead_id", "no active person with this id");
        if (!lead->HasRole("company_researcher"))
            throw Invalid("company_lead_id", "the company lead must be a company researcher");
        if (lead->id == p.applicant.id) throw Invalid("company_lead_id", "the applicant cannot be the company lead");
        p.company_lead = PersonRef{lead->id, "", ""};
    }
    if (in.team.size() > 20) throw Invalid("team", "at most 20 team members");
    std::set<std::string> seen{p.applicant.id};
    if (p.company_lead) seen.insert(p.company_lead->id);
    p.team.clear();
    for (size_t i = 0; i < in.team.size(); ++i) {
        const auto& m = in.team[i];
        std::string field = "team[" + std::to_string(i) + "]";
        auto person = LooksLikeId(m.person_id) ? people::FindPerson(tx, m.person_id) : std::nullopt;
        if (!person || !person->active) throw Invalid(field + ".person_id", "no active person with this id");
        if (std::find(kTeamRoles.begin(), kTeamRoles.end(), m.role) == kTeamRoles.end())
            throw Invalid(field + ".role", "role must be co_investigator or researcher");
        if (!seen.insert(m.person_id).second) throw Invalid(field + ".person_id", "a person is on the proposal twice");
        p.team.push_back({PersonRef{m.person_id, "", ""}, m.role});
    }
    if (in.budgets.size() > 10) throw Invalid("budgets", "at most 10 budget lines");
    std::set<int> years;
    p.budgets.clear();
    for (size_t i = 0; i < in.budgets.size(); ++i) {
        const auto& b = in.budgets[i];
        std::string field = "budgets[" + std::to_string(i) + "]";
        if (b.fiscal_year < 2000 || b.fiscal_year > 2100) throw Invalid(field + ".fiscal_year", "not a fiscal year");
        if (!years.insert(b.fiscal_year).second) throw Invalid(field + ".fiscal_year", "a fiscal year is listed twice");
        if (b.amount_yen < 0 || b.amount_yen > kMaxProposalYen)
            throw Invalid(field + ".amount_yen", "not an amount of yen");
        p.budgets.push_back(b);
    }
    std::sort(p.budgets.begin(), p.budgets.end(),
              [](const BudgetLine& a, const BudgetLine& b) { return a.fiscal_year < b.fiscal_year; });
    if (in.links.size() > 20) throw Invalid("links", "at most 20 links");
    p.links.clear();
    for (size_t i = 0; i < in.links.size(); ++i) {
        const auto& l = in.links[i];
        std::string field = "links[" + std::to_string(i) + "]";
        if (l.kind != "need" && l.kind != "seed") throw Invalid(field + ".kind", "kind must be need or seed");
        if (!LooksLikeId(l.target_id) || !exchange::VisibleItem(tx, me, l.kind, l.target_id, now))
            throw Invalid(field + ".target_id", "no " + l.kind + " you may see has this id");
        bool twice = std::any_of(p.links.begin(), p.links.end(),
                                 [&](const LinkRef& x) { return x.kind == l.kind && x.target_id == l.target_id; });
        if (!twice) p.links.push_back(l);
    }
}

// What a submitted proposal must have.
void CheckComplete(const Call& c, const Proposal& p) {
    if (p.title_ja.empty()) throw Invalid("title_ja", "a title is required to submit");
    if (p.aims.empty()) throw Invalid("aims", "the aims are required to submit");
    if (!p.company_lead) throw Invalid("company_lead_id", "name the company lead who will co-lead the project");
    if (p.budgets.empty() || p.RequestedYen() <= 0) throw Invalid("budgets", "give the budget by fiscal year");
    if (p.RequestedYen() > c.per_project_cap_yen)
        throw Invalid("budgets", "the budget asks for ¥" + std::to_string(p.RequestedYen()) +
                                     ", above the call's per-project cap of ¥" + std::to_string(c.per_project_cap_yen));
}

void MarkStale(db::Tx& tx, Call& c, Seconds now) {
    if (!c.solved_at || c.assignment_stale) return;
    c.assignment_stale = true;
    c.updated_at = now;
    store::UpdateCall(tx, c);
}

ProposalView ViewOf(db::Tx& tx, const Me& me, Proposal p, const Call& c, Seconds now) {
    ProposalView v;
    people::NameBook names(tx);
    FillNames(names, p);
    if (p.company_lead)
        if (auto lead = people::FindPerson(tx, p.company_lead->id); lead && lead->organisation_id) {
            auto root = coi::CompanyGroupOf(tx, *lead->organisation_id);
            for (const auto& o : people::ListOrganisations(tx, -1))
                if (o.id == root) v.partner_company = OrganisationRef{o.id, o.name_ja, o.name_en};
        }
    for (const auto& l : p.links) {
        auto item = exchange::VisibleItem(tx, me, l.kind, l.target_id, now);
        if (item) v.links.push_back({l, item->title});
    }
    v.call = c;
    v.call.reviewers.clear();
    v.accepting = Accepting(c, now);
    bool mine = p.applicant.id == me.person_id;
    bool changeable = p.status == ProposalStatus::kDraft || p.status == ProposalStatus::kSubmitted;
    v.may.edit = mine && changeable && v.accepting;
    v.may.submit = mine && p.status == ProposalStatus::kDraft && v.accepting;
    v.may.withdraw = mine && changeable && v.accepting;
    v.may.review =
        c.status != CallStatus::kDraft && c.status != CallStatus::kOpen && store::IsAssigned(tx, p.id, me.person_id);
    v.proposal = std::move(p);
    return v;
}

}  // namespace

std::vector<Proposal> ListProposals(db::Tx& tx, const Me& me, const std::string& call_id, Seconds) {
    auto c = LoadCall(tx, me, call_id);
    std::vector<Proposal> out;
    for (auto& p : store::ListProposals(tx, c.id))
        if (MaySee(tx, me, c, p)) out.push_back(std::move(p));
    people::NameBook names(tx);
    for (auto& p : out) FillNames(names, p);
    return out;
}

ProposalView GetProposal(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto p = LoadProposal(tx, id);
    auto c = store::FindCall(tx, p.call_id);
    if (!c || !MaySee(tx, me, *c, p)) throw NotFound("proposal");
    return ViewOf(tx, me, std::move(p), *c, now);
}

ProposalView CreateProposal(db::Tx& tx, const Me& me, const std::string& call_id, const ProposalInput& in,
                            Seconds now) {
    auto c = LoadCall(tx, me, call_id);
    if (!IsAcademic(me)) throw Forbidden("proposals come from clinicians and researchers");
    RequireAccepting(c, now);
    Proposal p;
    p.id = NewId();
    p.call_id = c.id;
    p.applicant = PersonRef{me.person_id, "", ""};
    CheckInput(tx, me, in, p, now);
    p.status = ProposalStatus::kDraft;
    p.created_at = p.updated_at = now;
    store::InsertProposal(tx, p);
    store::ReplaceTeam(tx, p.id, p.team);
    audit::Record(tx, me.person_id, "create", "opencall_proposal", p.id, nullptr, Snapshot(p));
    return ViewOf(tx, me, p, c, now);
}

ProposalView UpdateProposal(db::Tx& tx, const Me& me, const std::string& id, const ProposalInput& in, Seconds now) {
    Call c;
    auto p = LoadOwn(tx, me, id, &c);
    RequireAccepting(c, now);
    if (p.status != ProposalStatus::kDraft && p.status != ProposalStatus::kSubmitted)
        throw Error{ErrorCode::kConflict, "status", "a withdrawn proposal cannot be changed"};
    auto before = Snapshot(p);
    CheckInput(tx, me, in, p, now);
    if (p.status == ProposalStatus::kSubmitted) {
        CheckComplete(c, p);
        MarkStale(tx, c, now);
    }
    p.updated_at = now;
    store::UpdateProposal(tx, p);
    store::ReplaceTeam(tx, p.id, p.team);
    audit::Record(tx, me.person_id, "update", "opencall_proposal", p.id, before, Snapshot(p));
    return ViewOf(tx, me, LoadProposal(tx, p.id), c, now);
}

ProposalView SubmitProposal(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Call c;
    auto p = LoadOwn(tx, me, id, &c);
    RequireAccepting(c, now);
    if (p.status != ProposalStatus::kDraft)
        throw Error{ErrorCode::kConflict, "status", "only a draft can be submitted"};
    CheckComplete(c, p);
    auto before = Snapshot(p);
    p.status = ProposalStatus::kSubmitted;
    p.submitted_at = now;
    p.updated_at = now;
    store::UpdateProposal(tx, p);
    MarkStale(tx, c, now);
    audit::Record(tx, me.person_id, "submit", "opencall_proposal", p.id, before, Snapshot(p));
    inbox::ResolveFor(tx, kSource, "call:" + c.id, me.person_id, me.person_id, now, "done");
    return ViewOf(tx, me, LoadProposal(tx, p.id), c, now);
}

ProposalView WithdrawProposal(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Call c;
    auto p = LoadOwn(tx, me, id, &c);
    RequireAccepting(c, now);
    if (p.status != ProposalStatus::kDraft && p.status != ProposalStatus::kSubmitted)
        throw Error{ErrorCode::kConflict, "status", "the proposal is already withdrawn"};
    auto before = Snapshot(p);
    if (p.status == ProposalStatus::kSubmitted) MarkStale(tx, c, now);
    p.status = ProposalStatus::kWithdrawn;
    p.updated_at = now;
    store::UpdateProposal(tx, p);
    audit::Record(tx, me.person_id, "withdraw", "opencall_proposal", p.id, before, Snapshot(p));
    return ViewOf(tx, me, LoadProposal(tx, p.id), c, now);
}

Attachment AddAttachment(db::Tx& tx, const Me& me, const std::string& proposal_id, const Upload& in, Seconds now) {
    Call c;
    auto p = LoadOwn(tx, me, proposal_id, &c);
    RequireAccepting(c, now);
    if (p.status != ProposalStatus::kDraft && p.status != ProposalStatus::kSubmitted)
        throw Error{ErrorCode::kConflict, "status", "a withdrawn proposal cannot be changed"};
    if (!projects::IsSafeFileName(in.filename))
        throw Invalid("filename", "a file name without slashes, quotes or control characters is required");
    if (!projects::IsAllowedDocumentType(in.content_type))
        throw Invalid("content_type", "allowed: PDF, Word, Excel, PowerPoint, PNG, JPEG, text and CSV files");
    if (in.bytes.empty()) throw Invalid("file", "the file is empty");
    if (in.bytes.size() > projects::kMaxDocumentBytes)
        throw Error{ErrorCode::kPayloadTooLarge, "file", "an attachment may have at most 900 KB"};
    if (p.attachments.size() >= kMaxAttachments) throw Invalid("file", "a proposal has at most 10 attachments");
    Attachment a{NewId(), in.filename, in.content_type, static_cast<long long>(in.bytes.size()), me.person_id, now};
    store::InsertAttachment(tx, p.id, a, text::ToBase64(in.bytes));
    audit::Record(tx, me.person_id, "attach", "opencall_proposal", p.id, nullptr,
                  boost::json::object{{"attachment_id", a.id}, {"filename", a.filename}, {"size_bytes", a.size_bytes}});
    return a;
}

Download ReadAttachment(db::Tx& tx, const Me& me, const std::string& proposal_id, const std::string& attachment_id,
                        Seconds) {
    auto p = LoadProposal(tx, proposal_id);
    auto c = store::FindCall(tx, p.call_id);
    if (!c || !MaySee(tx, me, *c, p)) throw NotFound("proposal");
    auto found = LooksLikeId(attachment_id) ? store::FindAttachment(tx, p.id, attachment_id) : std::nullopt;
    if (!found) throw NotFound("attachment");
    return {found->attachment.filename, found->attachment.content_type,
            text::DecodeStored(found->base64, "attachment")};
}

void RemoveAttachment(db::Tx& tx, const Me& me, const std::string& proposal_id, const std::string& attachment_id,
                      Seconds now) {
    Call c;
    auto p = LoadOwn(tx, me, proposal_id, &c);
    RequireAccepting(c, now);
    if (!LooksLikeId(attachment_id) || !store::DeleteAttachment(tx, p.id, attachment_id)) throw NotFound("attachment");
    audit::Record(tx, me.person_id, "detach", "opencall_proposal", p.id,
                  boost::json::object{{"attachment_id", attachment_id}}, nullptr);
}

}  // namespace renkei::opencall
