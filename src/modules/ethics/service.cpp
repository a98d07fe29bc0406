// Committees, protocols and their statuses, enrolment, adverse events, deadlines and turnaround.
#include "modules/ethics/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <mutex>
#include <set>

#include "modules/ethics/internal.hpp"
#include "modules/ethics/store.hpp"
#include "modules/inbox/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::ethics {

namespace json = boost::json;

// ---- context and access ----

bool IsOffice(const Me& me) { return me.HasAnyRole({"office", "admin"}); }

Context::Context(db::Tx& tx, const Me& me) : tx_(tx), me_(me), committees_(store::Committees(tx)), names_(tx) {}

const Committee* Context::FindCommittee(const std::string& id) const {
    for (const auto& c : committees_)
        if (c.id == id) return &c;
    return nullptr;
}

const std::vector<Rule>& Context::rules() {
    if (!rules_) rules_ = store::Rules(tx_);
    return *rules_;
}

const projects::Project* Context::Project(const std::string& id) {
    auto it = projects_.find(id);
    if (it == projects_.end()) it = projects_.emplace(id, projects::FindProjectForModule(tx_, id)).first;
    return it->second ? &*it->second : nullptr;
}

PersonRef Context::Ref(const std::string& id) {
    const auto& n = names_.Of(id);
    return {id, n.name_ja, n.name_en};
}

void Context::Name(Protocol& p) {
    std::vector<std::string> ids{p.pi.id};
    for (const auto& s : p.sub_investigators) ids.push_back(s.id);
    names_.Load(ids);
    p.pi = Ref(p.pi.id);
    for (auto& s : p.sub_investigators) s = Ref(s.id);
}

Relation Context::RelationTo(const Protocol& p) {
    Relation r;
    r.office = IsOffice(me_);
    r.sees_all = r.office || me_.HasRole("committee");
    bool academic = me_.HasAnyRole({"clinician", "researcher"});
    if (const auto* project = Project(p.project_id))
        if (const auto* m = project->FindMember(me_.person_id)) {
            r.member = true;
            r.investigator = academic && m->role != "company_lead";
        }
    if (p.IsInvestigator(me_.person_id)) r.member = r.investigator = true;
    if (const auto* c = FindCommittee(p.committee_id)) r.reviewer = c->HasMember(me_.person_id);
    return r;
}

std::optional<Side> SideOf(const Relation& r) {
    if (r.office) return Side::kOffice;
    if (r.investigator) return Side::kInvestigator;
    if (r.reviewer) return Side::kReviewer;
    return std::nullopt;
}

Protocol LoadFor(Context& ctx, const std::string& id, Relation* relation) {
    auto p = store::FindProtocol(ctx.tx(), id);
    if (!p) throw NotFound("protocol");
    auto r = ctx.RelationTo(*p);
    if (!r.Sees()) throw NotFound("protocol");
    if (relation) *relation = r;
    p->history = store::History(ctx.tx(), id);
    return *p;
}

Protocol LoadForInvestigators(Context& ctx, const std::string& id, const std::string& what) {
    Relation r;
    auto p = LoadFor(ctx, id, &r);
    auto side = SideOf(r);
    if (!side || *side == Side::kReviewer) throw Forbidden("only the investigators and the office " + what);
    return p;
}

namespace {

std::string Today(Seconds now) { return TokyoDate(now); }
Date Horizon(Seconds now, int days) { return Date{TokyoDays(now) + std::chrono::days{days}}; }

May MayOf(const Relation& r, const Protocol& p) {
    May may;
    auto side = SideOf(r);
    if (!side) return may;
    bool investigator = *side != Side::kReviewer;
    may.edit = investigator && !IsTerminal(p.status);
    may.submit = MayMove(*side, p.status, Status::kSubmitted);
    may.review = MayMove(*side, p.status, Status::kApproved) || MayMove(*side, p.status, Status::kSuspended);
    may.start = MayMove(*side, p.status, Status::kActive);
    may.complete = MayMove(*side, p.status, Status::kCompleted);
    may.withdraw = MayMove(*side, p.status, Status::kWithdrawn);
    may.report = investigator && p.status != Status::kPreparing && p.status != Status::kWithdrawn;
    return may;
}

json::value Snapshot(const Protocol& p) {
    return json::object{{"project_id", p.project_id},
                        {"title_ja", p.title_ja},
                        {"category", Text(p.category)},
                        {"committee_id", p.committee_id},
                        {"review_type", p.review_type},
                        {"status", Text(p.status)},
                        {"pi_id", p.pi.id},
                        {"approval_no", p.approval_no},
                        {"jrct_id", p.jrct_id}};
}

std::string ProtocolPage(const std::string& id) { return "/ethics/protocols/" + id; }
std::string DeadlineKey(const Protocol& p, const Deadline& d) {
    return "deadline:" + p.id + ":" + d.kind + ":" + d.subject_id + ":" + d.due_on;
}
std::string ReviewKey(const std::string& id) { return "review:" + id; }

void CheckDate(const std::optional<std::string>& d, const char* field) {
    if (d && !ParseDate(*d)) throw Invalid(field, std::string(field) + " must be a date YYYY-MM-DD");
}

Category CategoryIn(const std::string& text) {
    auto c = FromText<Category>(text);
    if (!c)
        throw Invalid("category",
                      "category must be observational, interventional, specified_clinical or clinical_trial");
    return *c;
}

// Applies the input's fields to `p` (validated); the people named must exist.
void Apply(Context& ctx, Protocol& p, const ProtocolInput& in) {
    if (in.title_ja) {
        auto t = Trim(*in.title_ja);
        if (t.empty() || Utf8Length(t) > 300) throw Invalid("title_ja", "a title of 1 to 300 characters is required");
        p.title_ja = t;
    }
    if (in.title_en) {
        if (Utf8Length(*in.title_en) > 300) throw Invalid("title_en", "title_en is at most 300 characters");
        p.title_en = Trim(*in.title_en);
    }
    if (in.category) p.category = CategoryIn(*in.category);
    if (in.committee_id) {
        const auto* c = ctx.FindCommittee(*in.committee_id);
        if (!c || !c->active) throw Invalid("committee_id", "no active ethics committee has this id");
        p.committee_id = c->id;
    }
    if (in.review_type) {
        if (std::find(kReviewTypes.begin(), kReviewTypes.end(), *in.review_type) == kReviewTypes.end())
            throw Invalid("review_type", "review_type must be full or expedited");
        p.review_type = *in.review_type;
    }
    if (in.sites) {
        if (in.sites->size() > kMaxSites) throw Invalid("sites", "at most 50 sites");
        p.sites.clear();
        for (const auto& s : *in.sites) {
            auto t = Trim(s);
            if (t.empty() || Utf8Length(t) > 200 || !CleanUtf8(t, false))
                throw Invalid("sites", "each site is a name of 1 to 200 characters");
            p.sites.push_back(t);
        }
    }
    if (in.planned_start) {
        CheckDate(*in.planned_start, "planned_start");
        p.planned_start = *in.planned_start;
    }
    if (in.planned_end) {
        CheckDate(*in.planned_end, "planned_end");
        p.planned_end = *in.planned_end;
    }
    if (p.planned_start && p.planned_end && *p.planned_end < *p.planned_start)
        throw Invalid("planned_end", "the planned end is before the planned start");
    if (in.target_enrolment) {
        if (*in.target_enrolment && (**in.target_enrolment < 0 || **in.target_enrolment > kMaxEnrolment))
            throw Invalid("target_enrolment", "target_enrolment is a count from 0 to 10,000,000");
        p.target_enrolment = *in.target_enrolment;
    }
    if (in.jrct_id) {
        auto t = Trim(*in.jrct_id);
        if (Utf8Length(t) > 40 || !CleanUtf8(t, false)) throw Invalid("jrct_id", "jrct_id is at most 40 characters");
        p.jrct_id = t;
    }
    if (in.jrct_registered_on) {
        CheckDate(*in.jrct_registered_on, "jrct_registered_on");
        p.jrct_registered_on = *in.jrct_registered_on;
    }
    if (in.investigator_ids) {
        std::set<std::string> seen;
        p.sub_investigators.clear();
        for (const auto& id : *in.investigator_ids) {
            if (id == p.pi.id || !seen.insert(id).second) continue;
            if (!people::FindPerson(ctx.tx(), id)) throw Invalid("investigator_ids", "no person has the id " + id);
            p.sub_investigators.push_back({id, "", ""});
        }
    }
}

void Audit(Context& ctx, const std::string& action, const std::optional<json::value>& before, const Protocol& after) {
    audit::Record(ctx.tx(), ctx.me().person_id, action, "ethics_protocol", after.id,
                  before ? *before : json::value(nullptr), Snapshot(after));
}

void PostReviewRequest(db::Tx& tx, const Committee& c, const Protocol& p, Seconds now) {
    for (const auto& m : c.members) {
        if (p.IsInvestigator(m.id)) continue;
        inbox::Post(tx,
                    {m.id, "ethics.review", kSource, ReviewKey(p.id), "倫理審査: " + p.title_ja,
                     "Ethics review: " + (p.title_en.empty() ? p.title_ja : p.title_en), c.name_ja,
                     c.name_en.empty() ? c.name_ja : c.name_en, ProtocolPage(p.id), std::nullopt, std::nullopt},
                    now);
    }
}

}  // namespace

ProtocolView ViewOf(Context& ctx, Protocol p, Seconds now) {
    ProtocolView v;
    ctx.Name(p);
    if (const auto* project = ctx.Project(p.project_id)) {
        v.project_title_ja = project->title_ja;
        v.project_title_en = project->title_en;
    }
    const auto* c = ctx.FindCommittee(p.committee_id);
    if (c) {
        v.committee_name_ja = c->name_ja;
        v.committee_name_en = c->name_en;
        if (p.meeting_id) {
            for (const auto& m : c->meetings)
                if (m.id == *p.meeting_id) v.meeting = m;
        } else if (IsEditable(p.status)) {
            v.meeting = NextMeeting(c->meetings, Today(now));
        }
    }
    v.deadlines = Deadlines(p, ctx.rules(), Horizon(now, 366));
    for (const auto& d : v.deadlines)
        if (!d.filed_on) {
            v.next_deadline = d;
            break;
        }
    v.may = MayOf(ctx.RelationTo(p), p);
    v.protocol = std::move(p);
    return v;
}

int SyncInbox(db::Tx& tx, Context& ctx, const Protocol& p, Seconds now) {
    std::set<std::string> wanted, filed;
    int posted = 0;
    auto horizon = Horizon(now, 90);
    for (const auto& d : Deadlines(p, ctx.rules(), Horizon(now, 366 * 3))) {
        auto key = DeadlineKey(p, d);
        if (d.filed_on) {
            filed.insert(key);
            continue;
        }
        if (*ParseDate(d.due_on) > horizon) continue;
        wanted.insert(key);
        inbox::Post(
            tx,
            {p.pi.id, "ethics.deadline", kSource, key, (d.label_ja.empty() ? d.kind : d.label_ja) + "：" + p.title_ja,
             (d.label_en.empty() ? d.kind : d.label_en) + ": " + (p.title_en.empty() ? p.title_ja : p.title_en),
             d.source_ja, d.source_ja, ProtocolPage(p.id), d.due_on,
             inbox::Action{"POST", "/api/ethics/protocols/" + p.id + "/reports",
                           json::object{{"kind", d.kind}, {"subject_id", d.subject_id}, {"due_on", d.due_on}},
                           "提出済みにする", "Mark as filed"}},
            now);
        ++posted;
    }
    // Items of deadlines that were met, or moved (a rule changed) or no longer apply.
    std::string prefix = "deadline:" + p.id + ":";
    for (const auto& item : inbox::OpenItemsOf(tx, p.pi.id, kSource, now))
        if (item.source_key.rfind(prefix, 0) == 0 && !wanted.count(item.source_key))
            inbox::ResolveItem(tx, item.id, std::nullopt, filed.count(item.source_key) ? "done" : "cancelled", now);
    return posted;
}

// ---- install ----

bool Approved(db::Tx& tx, const std::string& project_id) {
    static const auto statuses = [] {
        std::vector<Status> out;
        for (const auto& s : kStatuses)
            if (CountsAsApproved(s.value)) out.push_back(s.value);
        return out;
    }();
    return store::AnyWithStatus(tx, project_id, statuses);
}

bool Suspended(db::Tx& tx, const std::string& project_id) {
    return store::AnyWithStatus(tx, project_id, {Status::kSuspended});
}

void Install() {
    static std::once_flag once;
    std::call_once(once, [] {
        projects::RegisterRequirementCheck("ethics_protocol_approved",
                                           [](db::Tx& tx, const std::string& id, Seconds) { return Approved(tx, id); });
        projects::RegisterStandingBlocker(
            {"ethics_protocol_suspended", "ethics", "倫理審査で研究が中断されている",
             "A research protocol is suspended by the ethics committee",
             [](db::Tx& tx, const std::string& id, Seconds) { return Suspended(tx, id); }});
    });
}

// ---- committees ----

namespace {

CommitteeView CommitteeViewOf(db::Tx& tx, people::NameBook& names, Committee c, Seconds now) {
    std::vector<std::string> ids;
    for (const auto& m : c.members) ids.push_back(m.id);
    names.Load(ids);
    for (auto& m : c.members) {
        const auto& n = names.Of(m.id);
        m.name_ja = n.name_ja;
        m.name_en = n.name_en;
    }
    CommitteeView v;
    v.next_meeting = NextMeeting(c.meetings, Today(now));
    v.template_version = store::LatestTemplateVersion(tx, c.id);
    v.committee = std::move(c);
    return v;
}

Committee LoadCommittee(db::Tx& tx, const std::string& id) {
    auto c = store::FindCommittee(tx, id);
    if (!c) throw NotFound("ethics committee");
    return *c;
}

void ApplyCommittee(db::Tx& tx, Committee& c, const CommitteeInput& in) {
    if (in.name_ja) {
        auto t = Trim(*in.name_ja);
        if (t.empty() || Utf8Length(t) > 200) throw Invalid("name_ja", "a name of 1 to 200 characters is required");
        c.name_ja = t;
    }
    if (in.name_en) {
        if (Utf8Length(*in.name_en) > 200) throw Invalid("name_en", "name_en is at most 200 characters");
        c.name_en = Trim(*in.name_en);
    }
    if (in.kind) {
        if (std::find(kCommitteeKinds.begin(), kCommitteeKinds.end(), *in.kind) == kCommitteeKinds.end())
            throw Invalid("kind", "kind must be institutional or certified");
        c.kind = *in.kind;
    }
    if (in.certification_no) {
        if (Utf8Length(*in.certification_no) > 40) throw Invalid("certification_no", "at most 40 characters");
        c.certification_no = Trim(*in.certification_no);
    }
    if (in.approval_valid_months) {
        if (*in.approval_valid_months && (**in.approval_valid_months < 1 || **in.approval_valid_months > 120))
            throw Invalid("approval_valid_months", "approval_valid_months is 1 to 120, or null for no expiry");
        c.approval_valid_months = *in.approval_valid_months;
    }
    if (in.active) c.active = *in.active;
    if (in.member_ids) {
        std::set<std::string> seen;
        c.members.clear();
        for (const auto& id : *in.member_ids) {
            if (!seen.insert(id).second) continue;
            if (!people::FindPerson(tx, id)) throw Invalid("member_ids", "no person has the id " + id);
            c.members.push_back({id, "", ""});
        }
    }
}

json::value CommitteeSnapshot(const Committee& c) {
    json::array members;
    for (const auto& m : c.members) members.emplace_back(m.id);
    return json::object{{"name_ja", c.name_ja},
                        {"kind", c.kind},
                        {"approval_valid_months",
                         c.approval_valid_months ? json::value(*c.approval_valid_months) : json::value(nullptr)},
                        {"active", c.active},
                        {"members", std::move(members)}};
}

void RequireOffice(const Me& me) {
    if (!IsOffice(me)) throw Forbidden("only the office keeps the ethics committees");
}

}  // namespace

std::vector<CommitteeView> ListCommittees(db::Tx& tx, Seconds now) {
    people::NameBook names(tx);
    std::vector<std::string> ids;
    auto all = store::Committees(tx);
    for (const auto& c : all)
        for (const auto& m : c.members) ids.push_back(m.id);
    names.Load(ids);
    std::vector<CommitteeView> out;
    out.reserve(all.size());
    for (auto& c : all) out.push_back(CommitteeViewOf(tx, names, std::move(c), now));
    return out;
}

CommitteeView CreateCommittee(db::Tx& tx, const Me& me, const CommitteeInput& in, Seconds now) {
    RequireOffice(me);
    if (!in.name_ja) throw Invalid("name_ja", "name_ja is required");
    Committee c;
    c.id = NewId();
    ApplyCommittee(tx, c, in);
    store::InsertCommittee(tx, c, now);
    std::vector<std::string> ids;
    for (const auto& m : c.members) ids.push_back(m.id);
    store::SetCommitteeMembers(tx, c.id, ids);
    audit::Record(tx, me.person_id, "create", "ethics_committee", c.id, nullptr, CommitteeSnapshot(c));
    people::NameBook names(tx);
    return CommitteeViewOf(tx, names, LoadCommittee(tx, c.id), now);
}

CommitteeView UpdateCommittee(db::Tx& tx, const Me& me, const std::string& id, const CommitteeInput& in, Seconds now) {
    RequireOffice(me);
    auto c = LoadCommittee(tx, id);
    auto before = CommitteeSnapshot(c);
    ApplyCommittee(tx, c, in);
    store::UpdateCommittee(tx, c, now);
    if (in.member_ids) {
        std::vector<std::string> ids;
        for (const auto& m : c.members) ids.push_back(m.id);
        store::SetCommitteeMembers(tx, c.id, ids);
    }
    audit::Record(tx, me.person_id, "update", "ethics_committee", c.id, before, CommitteeSnapshot(c));
    people::NameBook names(tx);
    return CommitteeViewOf(tx, names, LoadCommittee(tx, c.id), now);
}

CommitteeView AddMeeting(db::Tx& tx, const Me& me, const std::string& id, const std::string& meets_on,
                         const std::string& cutoff_on, Seconds now) {
    RequireOffice(me);
    auto c = LoadCommittee(tx, id);
    if (!ParseDate(meets_on)) throw Invalid("meets_on", "meets_on must be a date YYYY-MM-DD");
    if (!ParseDate(cutoff_on)) throw Invalid("cutoff_on", "cutoff_on must be a date YYYY-MM-DD");
    if (cutoff_on > meets_on) throw Invalid("cutoff_on", "the submission cut-off is after the meeting");
    for (const auto& m : c.meetings)
        if (m.meets_on == meets_on)
            throw Error{ErrorCode::kConflict, "meets_on", "the committee already meets that day"};
    Meeting m{NewId(), id, meets_on, cutoff_on};
    store::InsertMeeting(tx, m);
    audit::Record(tx, me.person_id, "create", "ethics_meeting", m.id, nullptr,
                  json::object{{"committee_id", id}, {"meets_on", meets_on}, {"cutoff_on", cutoff_on}});
    people::NameBook names(tx);
    return CommitteeViewOf(tx, names, LoadCommittee(tx, id), now);
}

CommitteeView RemoveMeeting(db::Tx& tx, const Me& me, const std::string& id, const std::string& meeting_id,
                            Seconds now) {
    RequireOffice(me);
    LoadCommittee(tx, id);
    if (store::MeetingInUse(tx, meeting_id))
        throw Error{ErrorCode::kConflict, "meeting_id", "a submitted protocol is booked for this meeting"};
    if (!store::DeleteMeeting(tx, id, meeting_id)) throw NotFound("meeting");
    audit::Record(tx, me.person_id, "delete", "ethics_meeting", meeting_id, json::object{{"committee_id", id}},
                  nullptr);
    people::NameBook names(tx);
    return CommitteeViewOf(tx, names, LoadCommittee(tx, id), now);
}

// ---- protocols ----

std::vector<ProtocolView> ListProtocols(db::Tx& tx, const Me& me, const ListFilter& f, Seconds now) {
    std::optional<Status> status;
    if (f.status && !f.status->empty()) {
        status = FromText<Status>(*f.status);
        if (!status) throw Invalid("status", "unknown status " + *f.status);
    }
    Context ctx(tx, me);
    std::vector<ProtocolView> out;
    for (auto& p : store::Protocols(tx, f.project_id && !f.project_id->empty() ? f.project_id : std::nullopt)) {
        if (status && p.status != *status) continue;
        if (f.committee_id && !f.committee_id->empty() && p.committee_id != *f.committee_id) continue;
        if (!ctx.RelationTo(p).Sees()) continue;
        out.push_back(ViewOf(ctx, std::move(p), now));
    }
    return out;
}

void RequireVisible(db::Tx& tx, const Me& me, const std::string& id) {
    Context ctx(tx, me);
    LoadFor(ctx, id);
}

ProtocolView ReadProtocol(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Context ctx(tx, me);
    return ViewOf(ctx, LoadFor(ctx, id), now);
}

ProtocolView CreateProtocol(db::Tx& tx, const Me& me, const ProtocolInput& in, Seconds now) {
    if (!in.project_id || in.project_id->empty()) throw Invalid("project_id", "project_id is required");
    if (!in.category) throw Invalid("category", "category is required");
    if (!in.committee_id) throw Invalid("committee_id", "committee_id is required");
    Context ctx(tx, me);
    const auto* project = ctx.Project(*in.project_id);
    Protocol p;
    p.id = NewId();
    p.project_id = *in.project_id;
    Relation r;
    if (project) r = ctx.RelationTo(p);
    // Who may not see the project learns nothing of it.
    if (!project || !(r.office || r.member || r.sees_all))
        throw Invalid("project_id", "no project you belong to has this id");
    if (!r.office && !r.investigator)
        throw Forbidden("only the PI, the project's academic members and the office prepare a protocol");
    if (project->status == projects::Status::kClosed)
        throw Error{ErrorCode::kConflict, "project_id", "the project is closed"};
    p.title_ja = project->title_ja;
    p.title_en = project->title_en;
    const auto* pi = project->WithRole("pi");
    p.pi.id = pi ? pi->person.id : me.person_id;
    for (const auto& m : project->members)
        if (m.person.id != p.pi.id && (m.role == "co_investigator" || m.role == "researcher"))
            p.sub_investigators.push_back({m.person.id, "", ""});
    if (in.title_ja && !in.title_en) p.title_en.clear();  // the project's English title is not this one's
    Apply(ctx, p, in);
    p.created_by = me.person_id;
    p.created_at = p.updated_at = now;
    store::InsertProtocol(tx, p);
    Audit(ctx, "create", std::nullopt, p);
    return ViewOf(ctx, LoadFor(ctx, p.id), now);
}

ProtocolView UpdateProtocol(db::Tx& tx, const Me& me, const std::string& id, const ProtocolInput& in, Seconds now) {
    Context ctx(tx, me);
    auto p = LoadForInvestigators(ctx, id, "change a protocol");
    if (IsTerminal(p.status)) throw Error{ErrorCode::kConflict, "status", "the protocol is closed"};
    bool contents = in.title_ja || in.title_en || in.category || in.committee_id || in.review_type || in.sites ||
                    in.planned_start || in.planned_end || in.target_enrolment || in.investigator_ids;
    if (contents && !IsEditable(p.status))
        throw Error{ErrorCode::kConflict, "status",
                    "the contents change through an amendment once the protocol is submitted"};
    if (in.project_id && *in.project_id != p.project_id)
        throw Invalid("project_id", "a protocol stays with its project");
    auto before = Snapshot(p);
    Apply(ctx, p, in);
    p.updated_at = now;
    store::UpdateProtocol(tx, p);
    Audit(ctx, "update", before, p);
    SyncInbox(tx, ctx, p, now);
    return ViewOf(ctx, LoadFor(ctx, id), now);
}

ProtocolView MoveProtocol(db::Tx& tx, const Me& me, const std::string& id, const StatusChange& in, Seconds now) {
    auto to = FromText<Status>(in.status);
    if (!to) throw Invalid("status", "unknown status " + in.status);
    if (Utf8Length(in.note) > 2000) throw Invalid("note", "note is at most 2000 characters");
    if (Utf8Length(in.approval_no) > 60) throw Invalid("approval_no", "approval_no is at most 60 characters");
    CheckDate(in.on, "on");
    Context ctx(tx, me);
    Relation r;
    auto p = LoadFor(ctx, id, &r);
    auto side = SideOf(r);
    if (!side || !MayMove(*side, p.status, *to)) {
        if (side && (IsTerminal(p.status) || !MayMove(Side::kOffice, p.status, *to)))
            throw Error{ErrorCode::kConflict, "status",
                        "a protocol " + std::string(Text(p.status)) + " cannot become " + in.status};
        throw Forbidden("you may not move this protocol to " + in.status);
    }
    auto today = Today(now);
    auto on = in.on.value_or(today);
    if (on > today) throw Invalid("on", "the day cannot be in the future");
    const auto* committee = ctx.FindCommittee(p.committee_id);
    auto before = Snapshot(p);
    switch (*to) {
        case Status::kSubmitted: {
            if (p.title_ja.empty()) throw Invalid("title_ja", "a title is required to submit");
            if (!committee || !committee->active) throw Invalid("committee_id", "choose an active committee to submit");
            if (!p.planned_start || !p.planned_end)
                throw Invalid("planned_start", "the planned period is required to submit");
            if (!p.submitted_on) p.submitted_on = on;
            if (auto m = NextMeeting(committee->meetings, today)) p.meeting_id = m->id;
            PostReviewRequest(tx, *committee, p, now);
            break;
        }
        case Status::kRevisionsRequested:
            if (Trim(in.note).empty()) throw Invalid("note", "say what is to be revised");
            p.meeting_id.reset();
            inbox::Resolve(tx, kSource, ReviewKey(p.id), me.person_id, now);
            break;
        case Status::kApproved:
            if (p.submitted_on && on < *p.submitted_on) throw Invalid("on", "the approval is before the submission");
            p.approved_on = on;
            p.approval_no = Trim(in.approval_no);
            p.expires_on.reset();
            if (committee && committee->approval_valid_months)
                p.expires_on = FormatDate(AddMonths(*ParseDate(on), *committee->approval_valid_months));
            inbox::Resolve(tx, kSource, ReviewKey(p.id), me.person_id, now);
            break;
        case Status::kActive:
            if (p.status == Status::kApproved) {
                if (p.category == Category::kSpecifiedClinical && !p.jrct_registered_on)
                    throw Invalid("jrct_registered_on",
                                  "a 特定臨床研究 starts only after its plan is on jRCT (臨床研究法 第5条第1項)");
                p.activated_on = on;
            }
            break;
        case Status::kCompleted:
            if (p.activated_on && on < *p.activated_on) throw Invalid("on", "the study ended before it started");
            p.completed_on = on;
            break;
        case Status::kWithdrawn:
            inbox::Resolve(tx, kSource, ReviewKey(p.id), me.person_id, now, "cancelled");
            break;
        default:
            break;
    }
    Transition t;
    t.from = std::string(Text(p.status));
    t.to = in.status;
    t.on = on;
    t.note = Trim(in.note);
    t.actor = PersonRef{me.person_id, "", ""};
    t.at = now;
    p.status = *to;
    p.updated_at = now;
    store::UpdateProtocol(tx, p);
    store::InsertTransition(tx, p.id, t);
    audit::Record(tx, me.person_id, "status", "ethics_protocol", p.id, before, Snapshot(p));
    SyncInbox(tx, ctx, p, now);
    return ViewOf(ctx, LoadFor(ctx, id), now);
}

ProtocolView RecordEnrolment(db::Tx& tx, const Me& me, const std::string& id, const EnrolmentCount& in, Seconds now) {
    Context ctx(tx, me);
    auto p = LoadForInvestigators(ctx, id, "record enrolment");
    if (p.status != Status::kActive && p.status != Status::kSuspended && p.status != Status::kCompleted)
        throw Error{ErrorCode::kConflict, "status", "enrolment is counted once the study is active"};
    if (!ParseDate(in.counted_on)) throw Invalid("counted_on", "counted_on must be a date YYYY-MM-DD");
    if (in.counted_on > Today(now)) throw Invalid("counted_on", "a count cannot be in the future");
    if (p.activated_on && in.counted_on < *p.activated_on) throw Invalid("counted_on", "the count is before the start");
    if (in.enrolled < 0 || in.enrolled > kMaxEnrolment) throw Invalid("enrolled", "enrolled is 0 to 10,000,000");
    store::UpsertEnrolment(tx, p.id, in, me.person_id, now);
    audit::Record(tx, me.person_id, "enrolment", "ethics_protocol", p.id, nullptr,
                  json::object{{"counted_on", in.counted_on}, {"enrolled", in.enrolled}});
    return ViewOf(ctx, LoadFor(ctx, id), now);
}

ProtocolView AddAdverseEvent(db::Tx& tx, const Me& me, const std::string& id, const AdverseEventInput& in,
                             Seconds now) {
    Context ctx(tx, me);
    auto p = LoadForInvestigators(ctx, id, "report adverse events");
    if (p.status != Status::kActive && p.status != Status::kSuspended && p.status != Status::kCompleted &&
        p.status != Status::kApproved)
        throw Error{ErrorCode::kConflict, "status", "adverse events are reported for an approved study"};
    auto seriousness = FromText<Seriousness>(in.seriousness);
    if (!seriousness)
        throw Invalid("seriousness", "seriousness must be death, life_threatening, serious or non_serious");
    if (!ParseDate(in.learned_on)) throw Invalid("learned_on", "learned_on must be a date YYYY-MM-DD");
    if (in.learned_on > Today(now)) throw Invalid("learned_on", "learned_on cannot be in the future");
    CheckDate(in.occurred_on, "occurred_on");
    if (in.occurred_on && *in.occurred_on > in.learned_on)
        throw Invalid("occurred_on", "the event cannot occur after it was learnt of");
    if (Utf8Length(in.summary) > 2000 || !CleanUtf8(in.summary, true))
        throw Invalid("summary", "summary is at most 2000 characters (no patient data)");
    AdverseEvent e;
    e.id = NewId();
    e.occurred_on = in.occurred_on;
    e.learned_on = in.learned_on;
    e.seriousness = *seriousness;
    e.expected = in.expected;
    e.unapproved = in.unapproved;
    e.summary = Trim(in.summary);
    e.entered_by.id = me.person_id;
    e.created_at = now;
    store::InsertAdverseEvent(tx, p.id, e);
    audit::Record(tx, me.person_id, "adverse_event", "ethics_protocol", p.id, nullptr,
                  json::object{{"event_id", e.id},
                               {"learned_on", e.learned_on},
                               {"seriousness", in.seriousness},
                               {"expected", e.expected},
                               {"unapproved", e.unapproved}});
    p.adverse_events.push_back(e);
    SyncInbox(tx, ctx, p, now);
    return ViewOf(ctx, LoadFor(ctx, id), now);
}

ProtocolView FileReport(db::Tx& tx, const Me& me, const std::string& id, const Report& in, Seconds now) {
    Context ctx(tx, me);
    auto p = LoadForInvestigators(ctx, id, "file reports");
    auto today = Today(now);
    auto filed_on = in.filed_on.empty() ? today : in.filed_on;
    if (!ParseDate(filed_on)) throw Invalid("filed_on", "filed_on must be a date YYYY-MM-DD");
    if (filed_on > today) throw Invalid("filed_on", "filed_on cannot be in the future");
    const Deadline* match = nullptr;
    auto all = Deadlines(p, ctx.rules(), Horizon(now, 366 * 3));
    for (const auto& d : all)
        if (d.kind == in.kind && d.subject_id == in.subject_id && (in.due_on.empty() || d.due_on == in.due_on))
            match = &d;
    if (!match) throw Invalid("kind", "the protocol has no such deadline");
    if (match->kind == "jrct_registration") {  // met by the registration's date on the protocol
        auto before = Snapshot(p);
        p.jrct_registered_on = filed_on;
        p.updated_at = now;
        store::UpdateProtocol(tx, p);
        Audit(ctx, "update", before, p);
        SyncInbox(tx, ctx, p, now);
        return ViewOf(ctx, LoadFor(ctx, id), now);
    }
    Report rep{match->kind, match->subject_id, match->due_on, filed_on};
    if (store::InsertReport(tx, p.id, rep, me.person_id, now)) {
        audit::Record(tx, me.person_id, "report", "ethics_protocol", p.id, nullptr,
                      json::object{{"kind", rep.kind},
                                   {"subject_id", rep.subject_id},
                                   {"due_on", rep.due_on},
                                   {"filed_on", rep.filed_on}});
        p.reports.push_back(rep);
    }
    SyncInbox(tx, ctx, p, now);
    return ViewOf(ctx, LoadFor(ctx, id), now);
}

// ---- deadlines, rules, turnaround ----

std::vector<DeadlineRow> DeadlinesBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                          bool with_overdue, Seconds now) {
    auto f = ParseDate(from);
    if (!f) throw Invalid("from", "from must be a date YYYY-MM-DD");
    auto t = ParseDate(to);
    if (!t) throw Invalid("to", "to must be a date YYYY-MM-DD");
    if (to < from) throw Invalid("to", "to is before from");
    if (std::chrono::sys_days{*t} - std::chrono::sys_days{*f} > std::chrono::days{731})
        throw Invalid("to", "at most two years at a time");
    Context ctx(tx, me);
    auto today = Today(now);
    std::vector<DeadlineRow> out;
    for (auto& p : store::Protocols(tx, std::nullopt)) {
        if (!ctx.RelationTo(p).Sees()) continue;
        ctx.Name(p);
        for (auto& d : Deadlines(p, ctx.rules(), *t)) {
            bool overdue = !d.filed_on && d.due_on < today;
            if (d.due_on < from && !(with_overdue && overdue)) continue;
            DeadlineRow row;
            row.protocol_title_ja = p.title_ja;
            row.protocol_title_en = p.title_en;
            row.project_id = p.project_id;
            row.status = std::string(Text(p.status));
            row.pi = p.pi;
            row.overdue = overdue;
            row.deadline = std::move(d);
            out.push_back(std::move(row));
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const DeadlineRow& a, const DeadlineRow& b) { return a.deadline.due_on < b.deadline.due_on; });
    return out;
}

std::vector<Rule> ListRules(db::Tx& tx) { return store::Rules(tx); }

Rule UpdateRule(db::Tx& tx, const Me& me, const std::string& code, const RuleInput& in, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office edits the deadline rules");
    auto rules = store::Rules(tx);
    auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.code == code; });
    if (it == rules.end()) throw NotFound("deadline rule");
    Rule r = *it;
    json::object before{{"amount", r.amount}, {"unit", Text(r.unit)}, {"source_ja", r.source_ja}, {"note", r.note}};
    if (in.amount) {
        if (*in.amount < 0 || *in.amount > 3650) throw Invalid("amount", "amount is 0 to 3650");
        r.amount = *in.amount;
    }
    if (in.unit) {
        auto unit = FromText<PeriodUnit>(*in.unit);
        if (!unit) throw Invalid("unit", "unit must be day, month or year");
        r.unit = *unit;
    }
    if (in.repeat_months) {
        if (*in.repeat_months < 0 || *in.repeat_months > 120)
            throw Invalid("repeat_months", "repeat_months is 0 to 120");
        r.repeat_months = *in.repeat_months;
    }
    if (in.first_day_counts) r.first_day_counts = *in.first_day_counts;
    if (in.moves_to_business_day) r.moves_to_business_day = *in.moves_to_business_day;
    if (in.source_ja) {
        auto s = Trim(*in.source_ja);
        if (s.empty() || Utf8Length(s) > 300)
            throw Invalid("source_ja", "every rule cites its legal source (1 to 300 characters)");
        r.source_ja = s;
    }
    if (in.source_url) {
        auto u = Trim(*in.source_url);
        if (!u.empty() && u.rfind("https://", 0) != 0) throw Invalid("source_url", "source_url is an https:// address");
        r.source_url = u;
    }
    if (in.note) {
        if (Utf8Length(*in.note) > 1000) throw Invalid("note", "note is at most 1000 characters");
        r.note = Trim(*in.note);
    }
    store::UpdateRule(tx, r, me.person_id, now);
    audit::Record(
        tx, me.person_id, "update", "ethics_rule", code, before,
        json::object{{"amount", r.amount}, {"unit", Text(r.unit)}, {"source_ja", r.source_ja}, {"note", r.note}});
    SyncAllInboxes(tx, now);
    return r;
}

TurnaroundView Turnaround(db::Tx& tx, const Me& me) {
    if (!me.HasAnyRole({"office", "admin", "committee"}))
        throw Forbidden("the office and the steering committee see the turnaround");
    std::map<std::string, std::vector<int>> by_committee;
    std::map<Category, std::vector<int>> by_category;
    for (const auto& a : store::Approvals(tx)) {
        auto s = ParseDate(a.submitted_on), e = ParseDate(a.approved_on);
        if (!s || !e) continue;
        int days = static_cast<int>((std::chrono::sys_days{*e} - std::chrono::sys_days{*s}).count());
        by_committee[a.committee_id].push_back(days);
        by_category[a.category].push_back(days);
    }
    TurnaroundView v;
    for (const auto& c : store::Committees(tx)) {
        const auto& days = by_committee[c.id];
        v.committees.push_back({c.id, c.name_ja, c.name_en, static_cast<int>(days.size()), MedianDays(days)});
    }
    for (const auto& c : kCategories) {
        const auto& days = by_category[c.value];
        v.categories.push_back({std::string(c.text), std::string(c.label_ja), std::string(c.label_en),
                                static_cast<int>(days.size()), MedianDays(days)});
    }
    return v;
}

int SyncAllInboxes(db::Tx& tx, Seconds now) {
    auth::Principal system;
    system.roles = {"office"};
    Context ctx(tx, system);
    int posted = 0;
    for (const auto& p : store::Protocols(tx, std::nullopt))
        if (p.status != Status::kPreparing) posted += SyncInbox(tx, ctx, p, now);
    return posted;
}

}  // namespace renkei::ethics
