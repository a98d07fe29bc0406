#include "modules/contracts/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/contracts/internal.hpp"
#include "modules/contracts/store.hpp"
#include "modules/exchange/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::contracts {

namespace json = boost::json;

bool IsOffice(const Me& me) { return me.HasAnyRole({"office", "admin"}); }
bool SeesAll(const Me& me) { return me.HasAnyRole({"office", "admin", "committee"}); }
Actor ActorOf(const Me& me, const Contract& c) {
    return Actor{me.HasRole("office"), me.HasRole("admin"), false, c.created_by == me.person_id};
}

Orgs::Orgs(db::Tx& tx) {
    for (auto& o : people::ListOrganisations(tx, -1)) by_id_.emplace(o.id, o);
}

const people::Organisation* Orgs::Find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &it->second;
}

std::vector<std::string> Orgs::Chain(const std::optional<std::string>& id) const {
    std::vector<std::string> out;
    std::optional<std::string> at = id;
    for (int depth = 0; at && depth < 32; ++depth) {
        auto* o = Find(*at);
        if (!o) break;
        out.push_back(o->id);
        at = o->parent_id;
    }
    return out;
}

std::optional<std::string> Orgs::CompanyOf(const std::optional<std::string>& id) const {
    for (auto& x : Chain(id))
        if (Find(x)->kind == "company") return x;
    return std::nullopt;
}

std::optional<std::string> Orgs::EntityOf(const std::optional<std::string>& id) const {
    if (auto company = CompanyOf(id)) return company;
    auto chain = Chain(id);
    if (chain.empty()) return std::nullopt;
    return chain.back();
}

// One person's display name and reference (a single contract's signatory, creator or decider);
// someone unknown has empty names.
std::string PersonName(db::Tx& tx, const std::optional<std::string>& id, bool english) {
    auto p = id ? people::FindPerson(tx, *id) : std::nullopt;
    if (!p) return "";
    return english && !p->name_en.empty() ? p->name_en : p->name_ja;
}

std::optional<PersonRef> PersonRefOf(db::Tx& tx, const std::optional<std::string>& id) {
    if (!id) return std::nullopt;
    auto p = people::FindPerson(tx, *id);
    return p ? PersonRef{p->id, p->name_ja, p->name_en} : PersonRef{*id, "", ""};
}

namespace {

// What the person is to contracts: their organisation chain and projects, for visibility.
struct Viewer {
    std::string person_id;
    bool all = false, office = false;
    std::set<std::string> org_chain;
    std::map<std::string, bool> project_member;  // cache
};

Viewer ViewerOf(db::Tx& tx, const Me& me, const Orgs& orgs) {
    Viewer v;
    v.person_id = me.person_id;
    v.all = SeesAll(me);
    v.office = IsOffice(me);
    if (auto p = people::FindPerson(tx, me.person_id))
        for (auto& x : orgs.Chain(p->organisation_id)) v.org_chain.insert(x);
    return v;
}

bool IsProjectMember(db::Tx& tx, Viewer& v, const std::string& project_id) {
    auto it = v.project_member.find(project_id);
    if (it != v.project_member.end()) return it->second;
    bool member = false;
    if (auto p = projects::FindProjectForModule(tx, project_id)) member = p->FindMember(v.person_id) != nullptr;
    v.project_member[project_id] = member;
    return member;
}

// Office, committee and admins see every contract; others when they are covered by it, sign it,
// are members of its project, or belong to a party on the company side or to a party that is a
// department or division (a whole university or hospital is too wide a circle), or are named as
// an approver in its approval chain.
bool MaySee(db::Tx& tx, Viewer& v, const Contract& c, const Orgs& orgs) {
    if (v.all) return true;
    if (std::find(c.covered.begin(), c.covered.end(), v.person_id) != c.covered.end()) return true;
    for (const auto& p : c.parties) {
        if (p.signatory_person_id == v.person_id) return true;
        auto* o = orgs.Find(p.organisation_id);
        if (o && v.org_chain.count(o->id) && (o->kind == "company" || o->kind == "division" || o->kind == "department"))
            return true;
    }
    if (c.project_id && IsProjectMember(tx, v, *c.project_id)) return true;
    // An approver named in its approval chain (稟議) sees what they approve.
    return approvals::NamedIn(tx, approvals::SubjectKind::kContract, c.id, v.person_id);
}

void CheckParties(db::Tx& tx, std::vector<Party>& parties, const Orgs& orgs) {
    if (parties.size() < 2) throw Invalid("parties", "a contract has at least two parties");
    if (parties.size() > 6) throw Invalid("parties", "a contract has at most six parties");
    std::set<std::string> seen;
    for (auto& p : parties) {
        auto* o = orgs.Find(p.organisation_id);
        if (!o) throw Invalid("parties", "unknown organisation " + p.organisation_id);
        if (!seen.insert(p.organisation_id).second) throw Invalid("parties", "an organisation is a party only once");
        if (p.role.empty())
            p.role = o->kind == "company" || orgs.CompanyOf(o->id) ? "company"
                     : o->kind == "hospital"                       ? "hospital"
                     : o->kind == "other"                          ? "other"
                                                                   : "university";
        if (!IsPartyRole(p.role)) throw Invalid("parties", "a party's role is company, university, hospital or other");
        if (p.signatory_person_id && p.signatory_person_id->empty()) p.signatory_person_id.reset();
        if (p.signatory_person_id) {
            auto person = people::FindPerson(tx, *p.signatory_person_id);
            if (!person) throw Invalid("parties", "unknown signatory");
            if (p.signatory_name.empty()) p.signatory_name = person->name_ja;
        }
        if (Utf8Length(p.signatory_name) > 100 || Utf8Length(p.signatory_title) > 100)
            throw Invalid("parties", "a signatory's name or title is at most 100 characters");
    }
}

void CheckCovered(db::Tx& tx, const std::vector<std::string>& covered) {
    if (covered.size() > 100) throw Invalid("covered", "too many people");
    for (const auto& id : covered) {
        if (!people::FindPerson(tx, id)) throw Invalid("covered", "unknown person " + id);
    }
}

void CheckProject(db::Tx& tx, const std::optional<std::string>& project_id) {
    if (project_id && !projects::FindProjectForModule(tx, *project_id)) throw Invalid("project_id", "no such project");
}

// The parties' signatories by name, for showing the contract.
void FillSignatories(db::Tx& tx, Contract& c) {
    for (auto& p : c.parties) p.signatory = PersonRefOf(tx, p.signatory_person_id);
}

ContractSummary SummaryOf(Contract c, Seconds now) {
    double days = static_cast<double>((now - c.status_since).count()) / 86400.0;
    int threshold = StaleAfterDays(c.status);
    ContractSummary s;
    s.contract = std::move(c);
    s.days_in_status = static_cast<int>(days);
    s.waiting_long = threshold > 0 && days > threshold;
    return s;
}

}  // namespace

void FillParties(Contract& c, const Orgs& orgs) {
    for (auto& p : c.parties)
        if (auto* o = orgs.Find(p.organisation_id)) {
            p.name_ja = o->name_ja;
            p.name_en = o->name_en;
            p.kind = o->kind;
        }
}

std::string SearchKeyOf(const Contract& c) {
    std::string text = c.title + " " + c.terms.purpose + " " + std::string(TypeLabelJa(c.type));
    for (const auto& p : c.parties) text += " " + p.name_ja + " " + p.name_en + " " + p.signatory_name;
    return text::SearchKey(text);
}

Contract Load(db::Tx& tx, const std::string& id) {
    if (!LooksLikeId(id)) throw NotFound("contract");
    auto c = store::FindContract(tx, id);
    if (!c) throw NotFound("contract");
    return *c;
}

Contract LoadFor(db::Tx& tx, const Me& me, const std::string& id, const Orgs& orgs) {
    auto c = Load(tx, id);
    auto v = ViewerOf(tx, me, orgs);
    if (!MaySee(tx, v, c, orgs)) throw NotFound("contract");
    FillParties(c, orgs);
    return c;
}

json::value Snapshot(const Contract& c) {
    json::array parties;
    for (const auto& p : c.parties)
        parties.push_back(json::object{{"organisation_id", p.organisation_id},
                                       {"role", p.role},
                                       {"signatory_name", p.signatory_name},
                                       {"signatory_title", p.signatory_title}});
    json::array covered;
    for (const auto& p : c.covered) covered.emplace_back(p);
    return json::object{{"id", c.id},
                        {"type", ToText(c.type)},
                        {"title", c.title},
                        {"project_id", c.project_id ? json::value(*c.project_id) : json::value(nullptr)},
                        {"status", ToText(c.status)},
                        {"waiting_on", c.waiting_on},
                        {"terms", TermsToJson(c.terms)},
                        {"parties", parties},
                        {"covered", covered},
                        {"notes", c.notes}};
}

// The people an NDA covers: those named, or else the project's members and the signatories who
// are not on the company side; each paired with every company party they do not belong to.
std::vector<std::pair<std::string, std::string>> CoveredPairs(db::Tx& tx, const Contract& c, const Orgs& orgs) {
    std::vector<std::string> companies;
    for (const auto& p : c.parties)
        if (auto company = orgs.EntityOf(p.organisation_id)) companies.push_back(*company);
    std::vector<std::string> people_ids = c.covered;
    if (people_ids.empty()) {
        if (c.project_id)
            if (auto project = projects::FindProjectForModule(tx, *c.project_id))
                for (const auto& m : project->members) people_ids.push_back(m.person.id);
        for (const auto& p : c.parties)
            if (p.signatory_person_id) people_ids.push_back(*p.signatory_person_id);
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& person : people_ids) {
        auto found = people::FindPerson(tx, person);
        if (!found) continue;
        std::optional<std::string> own = orgs.EntityOf(found->organisation_id);
        for (const auto& company : companies)
            if (own != company) out.push_back({person, company});
    }
    return out;
}

namespace {

// A new draft, checked; `actor` is who prepared it (the office, or for a disclosure request the
// person who asked, see OpenDisclosureNda).
std::string CreateDraft(db::Tx& tx, const std::optional<std::string>& actor, const NewContract& given, Seconds now) {
    NewContract in = given;
    auto type = TypeFromText(in.type);
    if (!type) throw Invalid("type", "type is nda, joint_research, mta, collaboration_fee, consulting or licence");
    Orgs orgs(tx);
    CheckParties(tx, in.parties, orgs);
    CheckProject(tx, in.project_id);
    CheckCovered(tx, in.covered);
    Contract c;
    c.id = NewId();
    c.type = *type;
    c.title = in.title;
    c.project_id = in.project_id;
    c.parties = in.parties;
    c.terms = in.terms;
    c.covered = in.covered;
    c.notes = in.notes;
    c.created_by = actor;
    c.created_at = c.updated_at = c.status_since = now;
    FillParties(c, orgs);
    store::InsertContract(tx, c, SearchKeyOf(c));
    store::ReplaceParties(tx, c.id, c.parties);
    store::ReplaceCovered(tx, c.id, c.covered);
    store::InsertHistory(tx, c.id, HistoryEntry{NewId(), std::nullopt, Status::kDraft, c.created_at, actor, ""});
    audit::Record(tx, actor, "create", "contract", c.id, nullptr, Snapshot(c));
    return c.id;
}

// The exchange's "詳細を見る (NDA を依頼)": a draft NDA between the two organisations covering
// the requester, in the office's queue (the contracts list, status draft).
std::string OpenDisclosureNda(db::Tx& tx, const exchange::NdaRequest& r, Seconds now) {
    NewContract in;
    in.type = "nda";
    in.title = "秘密保持契約（" + r.item_title + "）";
    in.notes = r.notes;
    in.parties = {Party{r.requester_organisation_id, ""}, Party{r.owner_organisation_id, ""}};
    in.covered = {r.requester_id};
    in.terms.purpose = r.purpose;
    return CreateDraft(tx, r.requester_id, in, now);
}

}  // namespace

std::string Create(db::Tx& tx, const Me& me, const NewContract& given, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office prepares contracts");
    return CreateDraft(tx, me.person_id, given, now);
}

void RegisterExchangeHooks() { exchange::RegisterNdaOpener(OpenDisclosureNda); }

namespace {
approvals::Subject SubjectOf(const Contract& c) {
    approvals::Subject s;
    s.kind = approvals::SubjectKind::kContract;
    s.id = c.id;
    s.type = std::string(ToText(c.type));
    s.amount_yen = c.terms.amount_yen;
    s.title_ja = std::string(TypeLabelJa(c.type)) + "「" + c.title + "」";
    s.title_en = std::string(TypeLabelEn(c.type)) + " \u201c" + c.title + "\u201d";
    s.link = "/contracts/" + c.id;
    s.prepared_by = c.created_by;
    return s;
}
}  // namespace

void Update(db::Tx& tx, const Me& me, const std::string& id, const ContractPatch& in, Seconds now) {
    if (!IsOffice(me)) {
        Orgs orgs(tx);
        LoadFor(tx, me, id, orgs);  // 404 for those who may not know it
        throw Forbidden("only the office edits contracts");
    }
    Orgs orgs(tx);
    auto c = Load(tx, id);
    FillParties(c, orgs);
    json::value before = Snapshot(c);
    bool fixed = IsInForce(c.status) || IsFinal(c.status);
    if (fixed && (in.parties || in.terms || in.project_id || in.covered || in.title))
        throw Error{ErrorCode::kConflict, "status", "a signed contract's parties and terms are fixed"};
    bool renamed = in.title && *in.title != c.title;
    if (in.title) c.title = *in.title;
    if (in.notes) c.notes = *in.notes;
    if (in.waiting_on) {
        if (!IsSide(*in.waiting_on)) throw Invalid("waiting_on", "waiting_on is us, company or university");
        c.waiting_on = *in.waiting_on;
    }
    if (in.project_id) {
        CheckProject(tx, *in.project_id);
        c.project_id = *in.project_id;
    }
    if (in.parties) {
        auto parties = *in.parties;
        CheckParties(tx, parties, orgs);
        auto before_signing = SignatoryPeople(c);
        c.parties = parties;
        FillParties(c, orgs);
        store::ReplaceParties(tx, c.id, c.parties);
        if (c.status == Status::kApproved) {  // signatories changed while awaiting signature
            auto now_signing = SignatoryPeople(c);
            std::vector<std::string> dropped;
            for (const auto& p : before_signing)
                if (std::find(now_signing.begin(), now_signing.end(), p) == now_signing.end()) dropped.push_back(p);
            CloseSignRequests(tx, c, dropped, me.person_id, "cancelled", now);
            for (const auto& p : now_signing) AskToSign(tx, c, p, now);
        }
    }
    auto amount_before = c.terms.amount_yen;
    if (in.terms) c.terms = *in.terms;
    if (in.covered) {
        CheckCovered(tx, *in.covered);
        c.covered = *in.covered;
        store::ReplaceCovered(tx, c.id, c.covered);
    }
    c.updated_at = now;
    store::UpdateContract(tx, c, SearchKeyOf(c));
    if (renamed) RewordItems(tx, c, me.person_id);
    // The chain was chosen for the amount: another amount needs the chain of its band.
    if (c.terms.amount_yen != amount_before)
        approvals::Withdraw(tx, me.person_id, approvals::SubjectKind::kContract, c.id,
                            "the amount changed: ask for approval again", now);
    if (renamed) {
        auto s = SubjectOf(c);
        approvals::Retitle(tx, approvals::SubjectKind::kContract, c.id, s.title_ja, s.title_en);
    }
    audit::Record(tx, me.person_id, "update", "contract", c.id, before, Snapshot(c));
}

void Transition(db::Tx& tx, const Me& me, const std::string& id, const std::string& to_text, const std::string& note,
                const std::optional<std::string>& signed_on, Seconds now) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    auto to = StatusFromText(to_text);
    if (!to) throw Invalid("to", "unknown status");
    if (!IsOffice(me)) throw Forbidden("only the office moves a contract");
    if (!IsAllowedTransition(c.status, *to))
        throw Error{ErrorCode::kConflict, "status",
                    "a contract cannot move from " + std::string(ToText(c.status)) + " to " + to_text};
    if (*to == Status::kApproved) {
        auto chain = approvals::InProgress(tx, approvals::SubjectKind::kContract, c.id);
        throw Error{ErrorCode::kConflict, "status",
                    chain ? "the approval chain (稟議) is in progress: the contract is approved when its last step "
                            "approves"
                          : "a contract is approved through its approval chain (稟議): start it first"};
    }
    if (!MayTransition(c.status, *to, ActorOf(me, c)))
        throw Forbidden(*to == Status::kApproved
                            ? "approval needs an admin or another office member than the one who prepared it"
                            : "not allowed to move this contract");
    if (*to == Status::kSigned) {
        if (auto p = ReadyToSign(c.terms)) throw Invalid(p->field, p->message);
        std::string on = signed_on.value_or(TokyoDate(now));
        if (!IsDate(on)) throw Invalid("signed_on", "a date is YYYY-MM-DD");
        c.signed_on = on;
    }
    Apply(tx, me.person_id, c, *to, note, orgs, now);
}

approvals::ChainView StartApproval(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    if (!IsOffice(me)) throw Forbidden("only the office asks for a contract's approval");
    if (c.status != Status::kNegotiating)
        throw Error{ErrorCode::kConflict, "status", "only a contract in negotiation goes to approval"};
    auto chain = approvals::Start(tx, me, SubjectOf(c), now);
    audit::Record(tx, me.person_id, "start_approval", "contract", c.id, nullptr,
                  json::object{{"chain_id", chain.chain.id}, {"steps", static_cast<int>(chain.steps.size())}});
    return chain;
}

void RegisterApprovalSubject() {
    std::vector<std::string> types;
    types.reserve(kTypes.size());
    for (const auto& t : kTypes) types.emplace_back(t.text);
    approvals::RegisterTypes(approvals::SubjectKind::kContract, types);
    approvals::SubjectHooks hooks;
    hooks.may_see = [](db::Tx& tx, const Me& me, const std::string& id) {
        try {
            Orgs orgs(tx);
            LoadFor(tx, me, id, orgs);
            return true;
        } catch (const Error& e) {
            if (e.code() == ErrorCode::kNotFound) return false;
            throw;
        }
    };
    hooks.on_decided = [](db::Tx& tx, const approvals::Decided& d) {
        if (!d.approved) return;  // sent back: the contract stays in negotiation
        Orgs orgs(tx);
        auto c = Load(tx, d.subject_id);
        FillParties(c, orgs);
        Actor chain;
        chain.by_chain = true;
        if (!MayTransition(c.status, Status::kApproved, chain))
            throw Error{ErrorCode::kConflict, "status", "the contract is no longer in negotiation"};
        Apply(tx, d.actor, c, Status::kApproved, d.comment.empty() ? "稟議の完了" : "稟議の完了: " + d.comment, orgs,
              d.at);
    };
    approvals::RegisterSubject(approvals::SubjectKind::kContract, hooks);
}

void AddRound(db::Tx& tx, const Me& me, const std::string& id, const RoundInput& in, Seconds now) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    if (!IsOffice(me)) throw Forbidden("only the office records negotiation rounds");
    if (IsInForce(c.status) || IsFinal(c.status))
        throw Error{ErrorCode::kConflict, "status", "the contract is no longer negotiated"};
    if (!IsSide(in.sent_by)) throw Invalid("sent_by", "sent_by is us, company or university");
    if (!IsSide(in.waiting_on)) throw Invalid("waiting_on", "waiting_on is us, company or university");
    if (!IsDate(in.sent_on)) throw Invalid("sent_on", "a date is YYYY-MM-DD");
    if (in.clauses.size() > 50) throw Invalid("clauses", "too many clauses");
    json::value before = Snapshot(c);
    Round r;
    r.id = NewId();
    r.round_no = store::MaxRoundNo(tx, c.id) + 1;
    r.sent_by = in.sent_by;
    r.sent_on = in.sent_on;
    r.clauses = in.clauses;
    r.summary = in.summary;
    r.waiting_on = in.waiting_on;
    r.recorded_by = me.person_id;
    r.recorded_at = now;
    store::InsertRound(tx, c.id, r);
    c.waiting_on = in.waiting_on;
    c.updated_at = r.recorded_at;
    store::UpdateContract(tx, c, SearchKeyOf(c));
    json::array clauses;
    for (auto& x : r.clauses) clauses.emplace_back(x);
    audit::Record(tx, me.person_id, "round", "contract", c.id, before,
                  json::object{{"round_no", r.round_no},
                               {"sent_by", r.sent_by},
                               {"sent_on", r.sent_on},
                               {"clauses", clauses},
                               {"summary", r.summary},
                               {"waiting_on", r.waiting_on}});
}

std::optional<Contract> FindContractForModule(db::Tx& tx, const std::string& id) { return store::FindContract(tx, id); }

ContractDetail GetContract(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    FillSignatories(tx, c);
    ContractDetail d;
    d.approved_by = PersonRefOf(tx, c.approved_by);
    d.created_by = PersonRefOf(tx, c.created_by);
    if (c.project_id)
        if (auto p = projects::FindProjectForModule(tx, *c.project_id))
            d.project = ProjectRef{p->id, p->title_ja, p->title_en};
    for (auto& p : c.covered) d.covered.push_back(*PersonRefOf(tx, p));
    std::set<std::string> seen;
    if (c.type == ContractType::kNda)
        for (auto& [person, company] : CoveredPairs(tx, c, orgs))
            if (seen.insert(person).second) d.covered_effective.push_back(*PersonRefOf(tx, person));
    auto entries = store::History(tx, c.id);
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& h = entries[i];
        Seconds until = i + 1 < entries.size() ? entries[i + 1].at : now;
        d.history.push_back({h, PersonRefOf(tx, h.by), static_cast<double>((until - h.at).count()) / 86400.0});
    }
    for (auto& r : store::Rounds(tx, c.id)) d.rounds.push_back({r, PersonRefOf(tx, r.recorded_by)});
    if (IsOffice(me)) d.next_statuses = NextStatuses(c.status, ActorOf(me, c));
    d.may_edit = IsOffice(me) && !IsInForce(c.status) && !IsFinal(c.status);
    d.may_draft = true;
    d.approvals = approvals::ChainsOf(tx, me, approvals::SubjectKind::kContract, c.id, now);
    bool chain_running = !d.approvals.empty() && d.approvals.back().chain.status == approvals::ChainStatus::kInProgress;
    d.may_start_approval = IsOffice(me) && c.status == Status::kNegotiating && !chain_running;
    d.approval_needs_other = false;
    d.summary = SummaryOf(std::move(c), now);
    return d;
}

std::vector<ContractSummary> List(db::Tx& tx, const Me& me, const ListFilter& f, Seconds now) {
    store::Filter sf;
    if (!f.type.empty() && !(sf.type = TypeFromText(f.type))) throw Invalid("type", "unknown type");
    if (!f.status.empty() && !(sf.status = StatusFromText(f.status))) throw Invalid("status", "unknown status");
    sf.project_id = f.project_id;
    sf.search = text::SearchKey(f.q);
    Orgs orgs(tx);
    auto v = ViewerOf(tx, me, orgs);
    std::vector<ContractSummary> items;
    for (auto& c : store::ListContracts(tx, sf)) {
        if (!MaySee(tx, v, c, orgs)) continue;
        auto s = SummaryOf(std::move(c), now);
        if (f.waiting_long && !s.waiting_long) continue;
        FillParties(s.contract, orgs);
        FillSignatories(tx, s.contract);
        items.push_back(std::move(s));
    }
    return items;
}

office::Table Export(db::Tx& tx, const Me& me, const ListFilter& f, const std::string& language, Seconds now) {
    auto items = List(tx, me, f, now);
    bool en = language == "en";
    auto projects = projects::TitlesForModule(tx);
    static const std::map<std::string, std::pair<std::string, std::string>> sides = {
        {"us", {"当方（事務局）", "Us (office)"}},
        {"company", {"企業", "Company"}},
        {"university", {"大学", "University"}}};
    office::Table t{
        .sheet = en ? "Contracts" : "契約一覧",
        .title = en ? "Contracts" : "契約一覧",
        .lines = {TokyoDate(now)},
        .head = en ? std::vector<std::string>{"ID", "Type", "Title", "Parties", "Project", "Status", "Days in status",
                                              "Waiting on", "Amount (yen)", "Starts", "Ends", "Signed on"}
                   : std::vector<std::string>{"ID", "種別", "件名", "当事者", "プロジェクト", "状況", "経過日数",
                                              "対応待ち", "金額（円）", "開始日", "終了日", "締結日"},
        .widths = {12, 16, 36, 40, 30, 12, 10, 16, 14, 12, 12, 12},
        .numbers = {6, 8}};
    for (const auto& s : items) {
        const Contract& c = s.contract;
        std::string parties;
        for (const auto& p : c.parties) {
            if (!parties.empty()) parties += en ? "; " : "、";
            parties += en && !p.name_en.empty() ? p.name_en : p.name_ja;
        }
        std::string project;
        if (c.project_id)
            if (auto it = projects.find(*c.project_id); it != projects.end())
                project = en && !it->second.title_en.empty() ? it->second.title_en : it->second.title_ja;
        std::string waiting;
        if (c.status == Status::kNegotiating) {
            auto side = sides.find(c.waiting_on);
            waiting = side == sides.end() ? c.waiting_on : (en ? side->second.second : side->second.first);
        }
        t.Row({c.id, std::string(en ? TypeLabelEn(c.type) : TypeLabelJa(c.type)), c.title, parties, project,
               std::string(en ? ToText(c.status) : StatusLabelJa(c.status)), std::to_string(s.days_in_status), waiting,
               c.terms.amount_yen ? std::to_string(*c.terms.amount_yen) : "", c.terms.starts_on.value_or(""),
               c.terms.ends_on.value_or(""), c.signed_on.value_or("")});
    }
    return t;
}

}  // namespace renkei::contracts
