#include "modules/committee/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "modules/approvals/service.hpp"
#include "modules/building/service.hpp"
#include "modules/coi/service.hpp"
#include "modules/committee/internal.hpp"
#include "modules/committee/store.hpp"
#include "modules/contracts/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/opencall/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::committee {
namespace {

namespace json = boost::json;

PersonRef Ref(people::NameBook& names, const std::string& id) {
    const auto& n = names.Of(id);
    return PersonRef{id, n.name_ja, n.name_en};
}

bool InTerm(const store::StoredMember& m, const std::string& date) {
    return m.term_from <= date && (!m.term_to || date <= *m.term_to);
}

// Organisations and their company groups (a company's topmost company), read once per request.
class Orgs {
  public:
    explicit Orgs(db::Tx& tx) : tx_(tx) {
        for (auto& o : people::ListOrganisations(tx, -1)) by_id_[o.id] = o;
    }
    // The company group an organisation belongs to; "" when it is no company's.
    std::string GroupOf(const std::optional<std::string>& org) {
        if (!org || org->empty()) return "";
        auto cached = groups_.find(*org);
        if (cached != groups_.end()) return cached->second;
        std::string root = coi::CompanyGroupOf(tx_, *org);
        auto it = by_id_.find(root);
        // A company, or a division with no organisation above it (a division of a university or
        // the hospital is its own root but no company).
        bool company = it != by_id_.end() &&
                       (it->second.kind == "company" || (it->second.kind == "division" && !it->second.parent_id));
        std::string group = company ? root : "";
        groups_[*org] = group;
        return group;
    }
    std::string NameJa(const std::string& id) const {
        auto it = by_id_.find(id);
        return it == by_id_.end() ? id : it->second.name_ja;
    }
    std::string NameEn(const std::string& id) const {
        auto it = by_id_.find(id);
        if (it == by_id_.end()) return id;
        return it->second.name_en.empty() ? it->second.name_ja : it->second.name_en;
    }
    std::pair<std::string, std::string> Names(const std::optional<std::string>& id) const {
        if (!id) return {"", ""};
        auto it = by_id_.find(*id);
        if (it == by_id_.end()) return {"", ""};
        return {it->second.name_ja, it->second.name_en};
    }

  private:
    db::Tx& tx_;
    std::map<std::string, people::Organisation> by_id_;
    std::map<std::string, std::string> groups_;
};

std::optional<std::string> OrganisationOf(db::Tx& tx, const std::string& person_id) {
    auto p = people::FindPerson(tx, person_id);
    return p ? p->organisation_id : std::nullopt;
}

// An item's subject as the recusal rules read it, with what each reason is about.
struct Subject {
    SubjectFacts facts;
    std::map<std::string, std::string> roles;  // person → role on the project ("applicant" …)
};

Subject SubjectOf(db::Tx& tx, Orgs& orgs, const Me& me, const Item& item, Seconds now) {
    Subject s;
    if (!item.subject_id) return s;
    if (item.kind == ItemKind::kProjectProposal) {
        auto p = projects::FindProject(tx, *item.subject_id);
        if (!p) return s;
        for (const auto& m : p->members) {
            s.facts.people.insert(m.person.id);
            s.roles[m.person.id] = m.role;
            auto g = orgs.GroupOf(m.organisation_id ? m.organisation_id : OrganisationOf(tx, m.person.id));
            if (!g.empty() && m.role == "company_lead") s.facts.company_groups.insert(g);
        }
        for (const auto& o : p->organisations)
            if (auto g = orgs.GroupOf(o.organisation_id); !g.empty()) s.facts.company_groups.insert(g);
    } else if (item.kind == ItemKind::kApproval) {
        // A contract's chain: the members of its project, and whoever works for a company party.
        auto chain = approvals::FindChainForModule(tx, *item.subject_id);
        if (!chain || chain->subject.kind != approvals::SubjectKind::kContract) return s;
        auto c = contracts::FindContractForModule(tx, chain->subject.id);
        if (!c) return s;
        if (c->project_id)
            if (auto p = projects::FindProject(tx, *c->project_id))
                for (const auto& m : p->members) {
                    s.facts.people.insert(m.person.id);
                    s.roles[m.person.id] = m.role;
                }
        for (const auto& party : c->parties)
            if (auto g = orgs.GroupOf(party.organisation_id); !g.empty()) s.facts.company_groups.insert(g);
    } else if (item.kind == ItemKind::kOpenCallSelection) {
        auto selection = opencall::PeopleOfSelection(tx, *item.subject_id);
        s.facts.people.insert(selection.people.begin(), selection.people.end());
        s.roles = selection.roles;
        for (const auto& lead : selection.company_leads)
            if (auto g = orgs.GroupOf(OrganisationOf(tx, lead)); !g.empty()) s.facts.company_groups.insert(g);
    }
    return s;
}

std::map<std::string, MemberFacts> FactsOf(db::Tx& tx, Orgs& orgs, const std::vector<Member>& members, Seconds now) {
    std::vector<std::string> ids;
    ids.reserve(members.size());
    for (const auto& m : members) ids.push_back(m.person.id);
    auto declared = coi::DeclaredCompanyGroups(tx, ids, FiscalYearOf(TokyoDay(now)));
    std::map<std::string, MemberFacts> out;
    for (const auto& m : members) {
        MemberFacts f{m.person.id, orgs.GroupOf(OrganisationOf(tx, m.person.id)), {}};
        if (auto it = declared.find(m.person.id); it != declared.end()) f.declared_groups = it->second;
        out[m.person.id] = f;
    }
    return out;
}

std::string LinkOf(db::Tx& tx, const Item& i) {
    if (!i.subject_id) return "";
    if (i.kind == ItemKind::kApproval) {
        auto chain = approvals::FindChainForModule(tx, *i.subject_id);
        return chain ? chain->subject.link : "";
    }
    if (i.kind == ItemKind::kProjectProposal) return "/projects/" + *i.subject_id;
    if (i.kind == ItemKind::kOpenCallSelection) return "/opencall/" + *i.subject_id;
    return "";
}

json::value Snapshot(const Item& i) {
    json::object o{{"kind", Text(i.kind)},
                   {"subject_id", i.subject_id ? json::value(*i.subject_id) : json::value(nullptr)},
                   {"title_ja", i.title_ja},
                   {"meeting_id", i.meeting_id ? json::value(*i.meeting_id) : json::value(nullptr)},
                   {"position", i.position},
                   {"decision", i.decision ? json::value(Text(*i.decision)) : json::value(nullptr)},
                   {"decision_note", i.decision_note}};
    if (i.tally)
        o["tally"] = {{"present", i.tally->present},
                      {"eligible", i.tally->eligible},
                      {"for", i.tally->votes_for},
                      {"against", i.tally->against},
                      {"abstain", i.tally->abstain}};
    return o;
}

json::value Snapshot(const Meeting& m) {
    return {{"kind", Text(m.kind)},
            {"title_ja", m.title_ja},
            {"starts_at", FormatUtc(m.starts_at)},
            {"ends_at", FormatUtc(m.ends_at)},
            {"status", Text(m.status)}};
}

std::string CheckText(const std::string& field, const std::string& value, size_t max, bool required,
                      bool multiline = false) {
    std::string t = Trim(value);
    if (required && t.empty()) throw Invalid(field, field + " is required");
    if (Utf8Length(t) > max) throw Invalid(field, field + " must be at most " + std::to_string(max) + " characters");
    if (!CleanUtf8(t, multiline)) throw Invalid(field, field + " must be clean text");
    return t;
}

std::string Clock(Seconds t) { return FormatTokyo(t).substr(0, 16).replace(10, 1, " "); }

}  // namespace

void RequireRead(const Me& me) {
    if (!MayRead(me)) throw Forbidden("only the office, the committee and admins see the committee's business");
}
void RequireOffice(const Me& me) {
    if (!IsOffice(me)) throw Forbidden("only the office runs the committee's meetings");
}

std::vector<Member> MembersOn(db::Tx& tx, const std::string& date) {
    auto stored = store::Members(tx);
    people::NameBook names(tx);
    std::vector<std::string> ids;
    ids.reserve(stored.size());
    for (const auto& m : stored) ids.push_back(m.person_id);
    names.Load(ids);
    Orgs orgs(tx);
    std::vector<Member> out;
    for (const auto& m : stored) {
        if (!date.empty() && !InTerm(m, date)) continue;
        Member v{Ref(names, m.person_id), m.side, m.term_from, m.term_to, "", "", InTerm(m, date)};
        std::tie(v.organisation_ja, v.organisation_en) = orgs.Names(OrganisationOf(tx, m.person_id));
        out.push_back(std::move(v));
    }
    std::sort(out.begin(), out.end(), [](const Member& a, const Member& b) {
        if (a.side != b.side) return a.side < b.side;
        return std::tie(a.person.name_ja, a.person.id) < std::tie(b.person.name_ja, b.person.id);
    });
    return out;
}

Meeting LoadMeeting(db::Tx& tx, const std::string& id) {
    auto m = store::FindMeeting(tx, id);
    if (!m) throw NotFound("meeting");
    if (m->space_id) {
        if (auto s = building::FindSpace(tx, *m->space_id)) {
            m->space_name_ja = s->name_ja;
            m->space_name_en = s->name_en;
        }
    }
    if (m->closed_by) {
        people::NameBook names(tx);
        m->closed_by = Ref(names, m->closed_by->id);
    }
    return *m;
}

std::optional<std::string> OnOpenAgenda(db::Tx& tx, const std::string& subject_id) {
    auto item = store::OpenItemAbout(tx, subject_id);
    if (!item) return std::nullopt;
    if (!item->meeting_id)
        return "put to the steering committee in writing until " + Clock(*item->vote_deadline) +
               ": the committee decides it as a body";
    auto m = store::FindMeeting(tx, *item->meeting_id);
    return "on the agenda of the steering committee's meeting of " + (m ? Clock(m->starts_at) : std::string("?")) +
           ": the committee decides it as a body";
}

// ---- members and rules ----

std::vector<Member> ListMembers(db::Tx& tx, const Me& me, Seconds now) {
    RequireRead(me);
    auto all = MembersOn(tx, "");
    auto today = TokyoDate(now);
    for (auto& m : all) m.in_term = m.term_from <= today && (!m.term_to || today <= *m.term_to);
    return all;
}

Member PutMember(db::Tx& tx, const Me& me, const MemberInput& in, Seconds now) {
    if (!me.HasAnyRole({"office", "admin"})) throw Forbidden("only the office and admins keep the committee's roll");
    auto person = people::FindPerson(tx, in.person_id);
    if (!person || !person->active) throw Invalid("person_id", "person_id must name an active person");
    if (!person->HasRole("committee"))
        throw Invalid("person_id", "the person must hold the committee role first (people: roles)");
    auto side = FromText<Side>(in.side);
    if (!side) throw Invalid("side", "side must be university or company");
    if (!ParseDate(in.term_from)) throw Invalid("term_from", "term_from must be a date YYYY-MM-DD");
    if (in.term_to && (!ParseDate(*in.term_to) || *in.term_to < in.term_from))
        throw Invalid("term_to", "term_to must be a date YYYY-MM-DD on or after term_from");
    std::optional<store::StoredMember> before;
    for (const auto& m : store::Members(tx))
        if (m.person_id == in.person_id) before = m;
    store::StoredMember m{in.person_id, *side, in.term_from, in.term_to};
    store::PutMember(tx, m, now);
    auto snap = [](const store::StoredMember& s) {
        return json::value{{"side", Text(s.side)},
                           {"term_from", s.term_from},
                           {"term_to", s.term_to ? json::value(*s.term_to) : json::value(nullptr)}};
    };
    audit::Record(tx, me.person_id, before ? "update" : "create", "committee_member", in.person_id,
                  before ? snap(*before) : json::value(nullptr), snap(m));
    for (auto& v : ListMembers(tx, me, now))
        if (v.person.id == in.person_id) return v;
    throw Error{ErrorCode::kInternal, "", "the member just stored is missing"};
}

void RemoveMember(db::Tx& tx, const Me& me, const std::string& person_id, Seconds /*now*/) {
    if (!me.HasAnyRole({"office", "admin"})) throw Forbidden("only the office and admins keep the committee's roll");
    if (!store::DeleteMember(tx, person_id)) throw NotFound("member");
    audit::Record(tx, me.person_id, "delete", "committee_member", person_id, json::object{}, nullptr);
}

Rules GetRules(db::Tx& tx, const Me& me) {
    RequireRead(me);
    return store::ReadRules(tx);
}

Rules SetRules(db::Tx& tx, const Me& me, const Rules& rules, Seconds now) {
    if (!me.HasAnyRole({"office", "admin"})) throw Forbidden("only the office and admins set the committee's rules");
    auto before = store::ReadRules(tx);
    store::WriteRules(tx, rules, now);
    auto snap = [](const Rules& r) {
        return json::value{{"quorum", Text(r.quorum)}, {"each_side", r.each_side}, {"pass", Text(r.pass)}};
    };
    audit::Record(tx, me.person_id, "update", "committee_rules", "1", snap(before), snap(rules));
    return rules;
}

// ---- items ----

std::vector<ItemView> ViewItems(db::Tx& tx, const Me& me, const std::vector<Item>& items,
                                const std::optional<Meeting>& meeting, Seconds now) {
    std::vector<ItemView> out;
    if (items.empty()) return out;
    Orgs orgs(tx);
    people::NameBook names(tx);
    auto rules = store::ReadRules(tx);
    std::map<std::string, bool> attendance;
    if (meeting) attendance = store::Attendance(tx, meeting->id);
    std::map<std::string, std::vector<Member>> members_on;  // by date
    std::map<std::string, std::map<std::string, MemberFacts>> facts_on;
    for (const auto& item : items) {
        std::string date = TokyoDate(meeting ? meeting->starts_at : item.created_at);
        if (!members_on.count(date)) members_on[date] = MembersOn(tx, date);
        const auto& members = members_on[date];
        ItemView v;
        v.item = item;
        v.link = LinkOf(tx, item);
        if (v.item.decided_by) v.item.decided_by = Ref(names, v.item.decided_by->id);
        std::map<std::string, const Member*> by_id;
        for (const auto& m : members) by_id[m.person.id] = &m;
        // Recusals: what is stored (declared ones; every one once decided), and while the item is
        // open the automatic ones worked out now.
        std::set<std::string> recused;
        for (const auto& r : store::Recusals(tx, item.id)) {
            v.recusals.push_back(
                {Ref(names, r.person_id), r.reason, r.detail, r.detail_en.empty() ? r.detail : r.detail_en});
            recused.insert(r.person_id);
        }
        if (!item.decision) {
            if (!facts_on.count(date)) facts_on[date] = FactsOf(tx, orgs, members, now);
            auto subject = SubjectOf(tx, orgs, me, item, now);
            for (const auto& m : members) {
                for (auto reason : RecusalsFor(subject.facts, facts_on[date].at(m.person.id))) {
                    std::string company;
                    if (reason == RecusalReason::kPartnerEmployee)
                        company = facts_on[date].at(m.person.id).company_group;
                    if (reason == RecusalReason::kCoiDeclared)
                        for (const auto& g : facts_on[date].at(m.person.id).declared_groups)
                            if (subject.facts.company_groups.count(g)) company = g;
                    if (reason == RecusalReason::kProjectMember)
                        v.recusals.push_back(
                            {m.person, reason, subject.roles[m.person.id], subject.roles[m.person.id]});
                    else
                        v.recusals.push_back({m.person, reason, orgs.NameJa(company), orgs.NameEn(company)});
                    recused.insert(m.person.id);
                }
            }
        }
        std::map<std::string, Vote> votes;
        for (const auto& s : store::Votes(tx, item.id)) {
            v.votes.push_back({Ref(names, s.person_id), s.vote, s.cast_at, s.recorded_by});
            votes[s.person_id] = s.vote;
        }
        std::vector<Seat> seats;
        bool all_voted = true;
        for (const auto& m : members) {
            Seat seat{m.person.id, m.side, false, recused.count(m.person.id) > 0, std::nullopt};
            if (auto it = votes.find(m.person.id); it != votes.end()) seat.vote = it->second;
            if (meeting) {
                auto a = attendance.find(m.person.id);
                seat.present = a != attendance.end() && a->second;
            } else {
                seat.present = seat.vote.has_value() || seat.recused;
            }
            if (!seat.recused && !seat.vote) all_voted = false;
            seats.push_back(seat);
        }
        v.tally = item.tally ? *item.tally : Count(rules, seats);
        bool open = !item.decision && (!meeting || meeting->status != MeetingStatus::kClosed);
        const Member* mine = by_id.count(me.person_id) ? by_id[me.person_id] : nullptr;
        if (auto it = votes.find(me.person_id); it != votes.end()) v.my_vote = it->second;
        bool me_present = meeting ? (attendance.count(me.person_id) && attendance[me.person_id]) : true;
        bool before_deadline = !item.vote_deadline || now <= *item.vote_deadline;
        v.may_vote = open && mine && !recused.count(me.person_id) && me_present && before_deadline;
        v.may_recuse = open && mine && std::none_of(v.recusals.begin(), v.recusals.end(), [&](const Recusal& r) {
                           return r.person.id == me.person_id && r.reason == RecusalReason::kDeclared;
                       });
        v.may_decide = open && IsOffice(me) && (meeting || !before_deadline || all_voted);
        out.push_back(std::move(v));
    }
    return out;
}

namespace {

std::vector<Pending> PendingMatters(db::Tx& tx, const Me& me, Seconds now) {
    auto taken = store::OpenSubjects(tx);
    std::set<std::string> on_agenda(taken.begin(), taken.end());
    std::vector<Pending> out;
    for (const auto& id : projects::ProjectIdsWithStatus(tx, projects::Status::kProposed)) {
        if (on_agenda.count(id)) continue;
        auto p = projects::FindProject(tx, id);
        if (!p) continue;
        out.push_back({ItemKind::kProjectProposal, id, "プロジェクトの提案: " + p->title_ja,
                       "Project proposal: " + (p->title_en.empty() ? p->title_ja : p->title_en), "/projects/" + id});
    }
    for (const auto& c : opencall::CallsAwaitingCommittee(tx)) {
        if (on_agenda.count(c.id)) continue;
        out.push_back({ItemKind::kOpenCallSelection, c.id, "学内公募の採択案: " + c.title_ja,
                       "Open-call selection: " + (c.title_en.empty() ? c.title_ja : c.title_en), "/opencall/" + c.id});
    }
    for (const auto& a : approvals::ChainsAwaitingCommittee(tx)) {
        if (on_agenda.count(a.chain_id)) continue;
        out.push_back({ItemKind::kApproval, a.chain_id, "稟議: " + a.title_ja,
                       "Approval: " + (a.title_en.empty() ? a.title_ja : a.title_en), a.link});
    }
    return out;
}

// The matter's own "decide this" inbox items give way to the committee's.
void TakeUp(db::Tx& tx, const Item& i, Seconds now) {
    if (!i.subject_id) return;
    if (i.kind == ItemKind::kProjectProposal) projects::TakenUpByCommittee(tx, *i.subject_id, now);
    if (i.kind == ItemKind::kOpenCallSelection) opencall::TakenUpByCommittee(tx, *i.subject_id, now);
}

int NextPosition(const std::vector<Item>& items) {
    int max = 0;
    for (const auto& i : items) max = std::max(max, i.position);
    return max + 1;
}

void Gather(db::Tx& tx, const Me& me, const Meeting& m, Seconds now) {
    auto items = store::ItemsOfMeeting(tx, m.id);
    int position = NextPosition(items);
    for (const auto& p : PendingMatters(tx, me, now)) {
        Item i;
        i.id = NewId();
        i.meeting_id = m.id;
        i.position = position++;
        i.kind = p.kind;
        i.subject_id = p.subject_id;
        i.title_ja = p.title_ja;
        i.title_en = p.title_en;
        i.created_by = me.person_id;
        i.created_at = now;
        store::InsertItem(tx, i);
        audit::Record(tx, me.person_id, "create", "committee_item", i.id, nullptr, Snapshot(i));
        TakeUp(tx, i, now);
    }
}

Meeting OpenMeeting(db::Tx& tx, const std::string& id) {
    auto m = LoadMeeting(tx, id);
    if (m.status == MeetingStatus::kClosed)
        throw Error{ErrorCode::kConflict, "status", "the meeting is closed: its minutes are approved"};
    return m;
}

Item LoadItem(db::Tx& tx, const std::string& id) {
    auto i = store::FindItem(tx, id);
    if (!i) throw NotFound("item");
    return *i;
}

ItemView ViewOne(db::Tx& tx, const Me& me, const Item& item, Seconds now) {
    std::optional<Meeting> meeting;
    if (item.meeting_id) meeting = LoadMeeting(tx, *item.meeting_id);
    return ViewItems(tx, me, {item}, meeting, now).front();
}

// An undecided item on a meeting that is not closed (or in writing), with the members in term on
// its day: what voting, recusing and deciding start from.
struct OpenItem {
    Item item;
    std::optional<Meeting> meeting;
    std::vector<Member> members;
    bool HasMember(const std::string& person_id) const {
        return std::any_of(members.begin(), members.end(), [&](const Member& m) { return m.person.id == person_id; });
    }
};
OpenItem LoadUndecided(db::Tx& tx, const std::string& item_id) {
    OpenItem o{LoadItem(tx, item_id), std::nullopt, {}};
    if (o.item.meeting_id) o.meeting = OpenMeeting(tx, *o.item.meeting_id);
    if (o.item.decision) throw Error{ErrorCode::kConflict, "decision", "the item is decided"};
    o.members = MembersOn(tx, TokyoDate(o.meeting ? o.meeting->starts_at : o.item.created_at));
    return o;
}

void Touch(db::Tx& tx, Meeting m, Seconds now) {
    m.updated_at = now;
    store::UpdateMeeting(tx, m);
}

}  // namespace

// ---- meetings ----

std::vector<Meeting> ListMeetings(db::Tx& tx, const Me& me, Seconds /*now*/) {
    RequireRead(me);
    auto out = store::ListMeetings(tx);
    std::map<std::string, building::Space> spaces;
    for (auto& s : building::ListSpaces(tx)) spaces[s.id] = s;
    for (auto& m : out) {
        if (!m.space_id) continue;
        if (auto it = spaces.find(*m.space_id); it != spaces.end()) {
            m.space_name_ja = it->second.name_ja;
            m.space_name_en = it->second.name_en;
        }
    }
    return out;
}

MeetingView GetMeeting(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    RequireRead(me);
    MeetingView v;
    v.meeting = LoadMeeting(tx, id);
    auto attendance = store::Attendance(tx, id);
    for (const auto& m : MembersOn(tx, TokyoDate(v.meeting.starts_at))) {
        auto a = attendance.find(m.person.id);
        v.attendance.push_back({m.person, m.side, a != attendance.end() && a->second});
    }
    v.items = ViewItems(tx, me, store::ItemsOfMeeting(tx, id), v.meeting, now);
    v.rules = store::ReadRules(tx);
    v.may_manage = IsOffice(me) && v.meeting.status != MeetingStatus::kClosed;
    return v;
}

MeetingView CreateMeeting(db::Tx& tx, const Me& me, const NewMeeting& in, Seconds now) {
    RequireOffice(me);
    Meeting m;
    auto kind = FromText<MeetingKind>(in.kind);
    if (!kind) throw Invalid("kind", "kind must be regular or extraordinary");
    m.kind = *kind;
    m.title_ja = CheckText("title_ja", in.title_ja, 200, true);
    m.title_en = CheckText("title_en", in.title_en, 200, false);
    if (in.ends_at <= in.starts_at) throw Invalid("ends_at", "ends_at must be after starts_at");
    if (in.ends_at - in.starts_at > std::chrono::hours{12})
        throw Invalid("ends_at", "a meeting lasts at most 12 hours");
    m.id = NewId();
    m.starts_at = in.starts_at;
    m.ends_at = in.ends_at;
    m.status = MeetingStatus::kPlanned;
    m.created_by = me.person_id;
    m.created_at = m.updated_at = now;
    if (in.space_id) {
        auto members = MembersOn(tx, TokyoDate(in.starts_at));
        building::NewBooking b;
        b.space_id = *in.space_id;
        b.title = m.title_ja;
        b.purpose = "運営委員会";
        b.start = in.starts_at;
        b.end = in.ends_at;
        b.attendees = static_cast<int>(members.size()) + 1;
        for (const auto& x : members)
            if (x.person.id != me.person_id) b.attendee_ids.push_back(x.person.id);
        auto booked = building::Book(tx, me, b, now);
        if (booked.bookings.empty()) throw Error{ErrorCode::kConflict, "start", "the room could not be booked"};
        m.space_id = in.space_id;
        m.booking_id = booked.bookings.front().id;
    }
    store::InsertMeeting(tx, m);
    audit::Record(tx, me.person_id, "create", "committee_meeting", m.id, nullptr, Snapshot(m));
    Gather(tx, me, m, now);
    return GetMeeting(tx, me, m.id, now);
}

MeetingView GatherAgenda(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    RequireOffice(me);
    auto m = OpenMeeting(tx, id);
    Gather(tx, me, m, now);
    Touch(tx, m, now);
    return GetMeeting(tx, me, id, now);
}

MeetingView AddItem(db::Tx& tx, const Me& me, const std::string& id, const NewItem& in, Seconds now) {
    RequireOffice(me);
    auto m = OpenMeeting(tx, id);
    Item i;
    i.id = NewId();
    i.meeting_id = m.id;
    i.position = NextPosition(store::ItemsOfMeeting(tx, m.id));
    i.kind = ItemKind::kOther;
    i.title_ja = CheckText("title_ja", in.title_ja, 200, true);
    i.title_en = CheckText("title_en", in.title_en, 200, false);
    i.note = CheckText("note", in.note, 2000, false, true);
    i.created_by = me.person_id;
    i.created_at = now;
    store::InsertItem(tx, i);
    audit::Record(tx, me.person_id, "create", "committee_item", i.id, nullptr, Snapshot(i));
    Touch(tx, m, now);
    return GetMeeting(tx, me, id, now);
}

MeetingView OrderAgenda(db::Tx& tx, const Me& me, const std::string& id, const std::vector<std::string>& item_ids,
                        Seconds now) {
    RequireOffice(me);
    auto m = OpenMeeting(tx, id);
    auto items = store::ItemsOfMeeting(tx, id);
    std::set<std::string> have, given(item_ids.begin(), item_ids.end());
    for (const auto& i : items) have.insert(i.id);
    if (given != have || item_ids.size() != items.size())
        throw Invalid("item_ids", "item_ids must list every item of the agenda exactly once");
    std::map<std::string, Item> by_id;
    for (auto& i : items) by_id[i.id] = i;
    int position = 1;
    for (const auto& item_id : item_ids) {
        auto& i = by_id[item_id];
        if (i.position != position) {
            auto before = Snapshot(i);
            i.position = position;
            store::UpdateItem(tx, i);
            audit::Record(tx, me.person_id, "order", "committee_item", i.id, before, Snapshot(i));
        }
        ++position;
    }
    Touch(tx, m, now);
    return GetMeeting(tx, me, id, now);
}

MeetingView RemoveItem(db::Tx& tx, const Me& me, const std::string& item_id, Seconds now) {
    RequireOffice(me);
    auto i = LoadItem(tx, item_id);
    if (i.decision) throw Error{ErrorCode::kConflict, "decision", "a decided item stays on the record"};
    if (!i.meeting_id) throw Invalid("item_id", "a written resolution is not on an agenda");
    auto m = OpenMeeting(tx, *i.meeting_id);
    audit::Record(tx, me.person_id, "remove", "committee_item", i.id, Snapshot(i), nullptr);
    store::DeleteItem(tx, i.id);
    Touch(tx, m, now);
    return GetMeeting(tx, me, m.id, now);
}

MeetingView SendAgenda(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    RequireOffice(me);
    auto m = OpenMeeting(tx, id);
    if (m.status != MeetingStatus::kPlanned)
        throw Error{ErrorCode::kConflict, "status", "the agenda has been sent already"};
    auto items = store::ItemsOfMeeting(tx, id);
    if (items.empty()) throw Error{ErrorCode::kConflict, "items", "the agenda is empty: add an item first"};
    auto before = Snapshot(m);
    m.status = MeetingStatus::kSent;
    m.sent_at = now;
    m.updated_at = now;
    store::UpdateMeeting(tx, m);
    audit::Record(tx, me.person_id, "send", "committee_meeting", m.id, before, Snapshot(m));
    std::string when = Clock(m.starts_at);
    for (const auto& member : MembersOn(tx, TokyoDate(m.starts_at))) {
        inbox::NewItem n;
        n.person_id = member.person.id;
        n.kind = "committee.agenda";
        n.source = kSource;
        n.source_key = "agenda:" + m.id;
        n.title_ja = "運営委員会の議題: " + m.title_ja;
        n.title_en = "Steering committee agenda: " + (m.title_en.empty() ? m.title_ja : m.title_en);
        n.context_ja = when + "・議題 " + std::to_string(items.size()) + " 件";
        n.context_en = when + " · " + std::to_string(items.size()) + " item(s)";
        n.link = "/committee/meetings/" + m.id;
        n.due_on = TokyoDate(m.starts_at);
        inbox::Post(tx, n, now);
    }
    return GetMeeting(tx, me, id, now);
}

MeetingView SetAttendance(db::Tx& tx, const Me& me, const std::string& id, const std::string& person_id, bool present,
                          Seconds now) {
    RequireOffice(me);
    auto m = OpenMeeting(tx, id);
    auto members = MembersOn(tx, TokyoDate(m.starts_at));
    if (std::none_of(members.begin(), members.end(), [&](const Member& x) { return x.person.id == person_id; }))
        throw Invalid("person_id", "person_id must name a member in term on the meeting's day");
    auto before = store::Attendance(tx, id);
    bool was = before.count(person_id) && before[person_id];
    store::SetAttendance(tx, id, person_id, present);
    if (was != present)
        audit::Record(tx, me.person_id, "attend", "committee_meeting", id, json::object{{person_id, was}},
                      json::object{{person_id, present}});
    Touch(tx, m, now);
    return GetMeeting(tx, me, id, now);
}

ItemView CastVoteOn(db::Tx& tx, const Me& me, const std::string& item_id, const std::string& person_id, Vote vote,
                    Seconds now) {
    RequireRead(me);
    auto open = LoadUndecided(tx, item_id);
    const auto& item = open.item;
    const auto& meeting = open.meeting;
    std::string voter = person_id.empty() ? me.person_id : person_id;
    if (voter != me.person_id) {
        if (!IsOffice(me)) throw Forbidden("only the office records another member's vote");
        if (!meeting) throw Forbidden("a written vote is cast by the member alone");
    }
    auto v = ViewItems(tx, me, {item}, meeting, now).front();
    if (!open.HasMember(voter)) {
        if (voter == me.person_id) throw Forbidden("only the committee's members in term vote");
        throw Invalid("person_id", "person_id must name a member in term");
    }
    if (std::any_of(v.recusals.begin(), v.recusals.end(), [&](const Recusal& r) { return r.person.id == voter; }))
        throw Error{ErrorCode::kConflict, "person_id", "a recused member does not vote on this item"};
    if (meeting) {
        auto attendance = store::Attendance(tx, meeting->id);
        if (!attendance.count(voter) || !attendance[voter])
            throw Error{ErrorCode::kConflict, "person_id", "only a member present at the meeting votes on its agenda"};
    } else if (item.vote_deadline && now > *item.vote_deadline) {
        throw Error{ErrorCode::kConflict, "vote_deadline", "the written vote closed on " + Clock(*item.vote_deadline)};
    }
    std::optional<Vote> before;
    for (const auto& s : store::Votes(tx, item.id))
        if (s.person_id == voter) before = s.vote;
    store::PutVote(tx, item.id, {voter, vote, now, me.person_id});
    audit::Record(tx, me.person_id, "vote", "committee_item", item.id,
                  json::object{{voter, before ? json::value(Text(*before)) : json::value(nullptr)}},
                  json::object{{voter, Text(vote)}});
    if (!meeting) inbox::ResolveFor(tx, kSource, "vote:" + item.id, voter, me.person_id, now);
    return ViewOne(tx, me, item, now);
}

ItemView DeclareRecusal(db::Tx& tx, const Me& me, const std::string& item_id, const std::string& reason, Seconds now) {
    RequireRead(me);
    auto open = LoadUndecided(tx, item_id);
    const auto& item = open.item;
    const auto& meeting = open.meeting;
    if (!open.HasMember(me.person_id)) throw Forbidden("only the committee's members in term declare a recusal");
    auto why = CheckText("reason", reason, 500, true, true);
    store::InsertRecusal(tx, item.id, {me.person_id, RecusalReason::kDeclared, why, why});
    store::DeleteVote(tx, item.id, me.person_id);
    audit::Record(tx, me.person_id, "recuse", "committee_item", item.id, nullptr, json::object{{"reason", why}});
    if (!meeting) inbox::ResolveFor(tx, kSource, "vote:" + item.id, me.person_id, me.person_id, now, "cancelled");
    return ViewOne(tx, me, item, now);
}

ItemView DecideItem(db::Tx& tx, const Me& me, const std::string& item_id, const std::string& note, Seconds now) {
    RequireOffice(me);
    auto open = LoadUndecided(tx, item_id);
    auto& item = open.item;
    const auto& meeting = open.meeting;
    auto v = ViewItems(tx, me, {item}, meeting, now).front();
    if (!v.may_decide)
        throw Error{ErrorCode::kConflict, "vote_deadline",
                    "the written vote is open until " + Clock(*item.vote_deadline) + " and not every member has voted"};
    const auto& t = v.tally;
    if (t.outcome == Outcome::kNoQuorum)
        throw Error{ErrorCode::kConflict, "quorum",
                    "no quorum: " + std::to_string(t.present) + " of " + std::to_string(t.members) +
                        " members present (university " + std::to_string(t.present_university) + ", company " +
                        std::to_string(t.present_company) + "), " + std::to_string(t.quorum_needed) + " needed"};
    if (t.outcome == Outcome::kNobodyEligible)
        throw Error{ErrorCode::kConflict, "quorum", "every member present is recused: nobody may decide this item"};
    bool approved = t.outcome == Outcome::kApproved;
    std::string count = "賛成 " + std::to_string(t.votes_for) + "・反対 " + std::to_string(t.against) + "・棄権 " +
                        std::to_string(t.abstain);
    std::string why = CheckText("note", note, 1000, false, true);
    std::string reason = why.empty() ? std::string("運営委員会の決議（") + count + "）" : why;
    // The decision takes effect in this transaction.
    if (item.subject_id && item.kind == ItemKind::kProjectProposal)
        projects::DecideForCommittee(tx, me, *item.subject_id, approved, reason, now);
    if (item.subject_id && item.kind == ItemKind::kOpenCallSelection)
        opencall::DecideForCommittee(tx, me, *item.subject_id, approved, reason, now);
    if (item.subject_id && item.kind == ItemKind::kApproval)
        approvals::DecideForCommittee(tx, me, *item.subject_id, approved, reason, now);
    auto before = Snapshot(item);
    item.decision = approved ? Decision::kApproved : Decision::kRejected;
    item.decision_note = why;
    item.decided_by = PersonRef{me.person_id, "", ""};
    item.decided_at = now;
    item.tally = t;
    for (const auto& r : v.recusals)
        if (r.reason != RecusalReason::kDeclared)
            store::InsertRecusal(tx, item.id, {r.person.id, r.reason, r.detail, r.detail_en});
    store::UpdateItem(tx, item);
    audit::Record(tx, me.person_id, approved ? "approve" : "reject", "committee_item", item.id, before, Snapshot(item));
    if (!meeting) inbox::Resolve(tx, kSource, "vote:" + item.id, me.person_id, now, "cancelled");
    return ViewOne(tx, me, item, now);
}

MeetingView CloseMeeting(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    RequireOffice(me);
    auto m = OpenMeeting(tx, id);
    if (m.status != MeetingStatus::kSent)
        throw Error{ErrorCode::kConflict, "status", "send the agenda before closing the meeting"};
    auto items = store::ItemsOfMeeting(tx, id);
    auto open = std::count_if(items.begin(), items.end(), [](const Item& i) { return !i.decision; });
    if (open > 0)
        throw Error{ErrorCode::kConflict, "items",
                    std::to_string(open) + " item(s) undecided: decide them or take them off the agenda"};
    auto before = Snapshot(m);
    m.status = MeetingStatus::kClosed;
    m.closed_by = PersonRef{me.person_id, "", ""};
    m.closed_at = now;
    m.updated_at = now;
    store::UpdateMeeting(tx, m);
    audit::Record(tx, me.person_id, "close", "committee_meeting", m.id, before, Snapshot(m));
    inbox::Resolve(tx, kSource, "agenda:" + m.id, me.person_id, now);
    return GetMeeting(tx, me, id, now);
}

// ---- written resolutions ----

ItemView CreateWritten(db::Tx& tx, const Me& me, const NewWritten& in, Seconds now) {
    RequireOffice(me);
    auto kind = FromText<ItemKind>(in.kind);
    if (!kind) throw Invalid("kind", "kind must be project_proposal, opencall_selection, approval or other");
    if (in.vote_deadline <= now) throw Invalid("vote_deadline", "vote_deadline must be in the future");
    if (in.vote_deadline - now > std::chrono::days{60})
        throw Invalid("vote_deadline", "vote_deadline must be within 60 days");
    Item i;
    i.id = NewId();
    i.kind = *kind;
    i.note = CheckText("note", in.note, 2000, false, true);
    if (*kind == ItemKind::kOther) {
        i.title_ja = CheckText("title_ja", in.title_ja, 200, true);
        i.title_en = CheckText("title_en", in.title_en, 200, false);
    } else {
        if (!in.subject_id) throw Invalid("subject_id", "subject_id is required for " + in.kind);
        auto pending = PendingMatters(tx, me, now);
        auto it = std::find_if(pending.begin(), pending.end(),
                               [&](const Pending& p) { return p.kind == *kind && p.subject_id == *in.subject_id; });
        if (it == pending.end())
            throw Invalid("subject_id", "subject_id must name a matter awaiting the committee and on no open agenda");
        i.subject_id = it->subject_id;
        i.title_ja = it->title_ja;
        i.title_en = it->title_en;
    }
    i.vote_deadline = in.vote_deadline;
    i.created_by = me.person_id;
    i.created_at = now;
    store::InsertItem(tx, i);
    audit::Record(tx, me.person_id, "create", "committee_item", i.id, nullptr, Snapshot(i));
    TakeUp(tx, i, now);
    auto v = ViewOne(tx, me, i, now);
    std::set<std::string> recused;
    for (const auto& r : v.recusals) recused.insert(r.person.id);
    for (const auto& member : MembersOn(tx, TokyoDate(now))) {
        if (recused.count(member.person.id)) continue;
        inbox::NewItem n;
        n.person_id = member.person.id;
        n.kind = "committee.vote";
        n.source = kSource;
        n.source_key = "vote:" + i.id;
        n.title_ja = "書面決議: " + i.title_ja;
        n.title_en = "Written resolution: " + (i.title_en.empty() ? i.title_ja : i.title_en);
        n.context_ja = Clock(in.vote_deadline) + " まで";
        n.context_en = "until " + Clock(in.vote_deadline);
        n.link = "/committee/written/" + i.id;
        n.due_on = TokyoDate(in.vote_deadline);
        inbox::Post(tx, n, now);
    }
    return v;
}

std::vector<ItemView> ListWritten(db::Tx& tx, const Me& me, Seconds now) {
    RequireRead(me);
    return ViewItems(tx, me, store::WrittenItems(tx), std::nullopt, now);
}

ItemView GetItem(db::Tx& tx, const Me& me, const std::string& item_id, Seconds now) {
    RequireRead(me);
    return ViewOne(tx, me, LoadItem(tx, item_id), now);
}

std::vector<Pending> ListPending(db::Tx& tx, const Me& me, Seconds now) {
    RequireRead(me);
    return PendingMatters(tx, me, now);
}

}  // namespace renkei::committee
