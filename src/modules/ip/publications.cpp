// Planned publications and the guard: a paper, a talk at one of the centre's events or an abstract
// planned before a related invention is filed warns the office and the inventors (and a talk's
// organiser, without naming the invention) until it is filed or confirmed to hold no invention;
// the joint research agreement's publication review period gives the partner company its task.
#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "modules/building/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/ip/internal.hpp"
#include "modules/ip/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::ip {
namespace {

namespace json = boost::json;
using detail::IsOffice;
using detail::kSource;
using detail::Projects;
using detail::Sees;

std::string GuardKey(const std::string& id) { return "guard:" + id; }
std::string ReviewKey(const std::string& id) { return "publication-review:" + id; }

bool MemberOrOffice(const Me& me, const projects::Project& p) {
    return IsOffice(me) || p.FindMember(me.person_id) != nullptr;
}

// The inventions a publication concerns: the one named, or else every invention of its project.
std::vector<Invention> Related(db::Tx& tx, const Publication& p) {
    if (p.invention_id) {
        auto inv = store::FindInvention(tx, *p.invention_id);
        return inv ? std::vector<Invention>{*inv} : std::vector<Invention>{};
    }
    return store::Inventions(tx, p.project_id);
}

// Those of them the publication would come before.
std::vector<Invention> Unfiled(db::Tx& tx, const Publication& p) {
    std::vector<Invention> out;
    for (auto& inv : Related(tx, p))
        if (BeforeFiling(inv, p.planned_on)) out.push_back(std::move(inv));
    return out;
}

PublicationView ViewOf(db::Tx& tx, const Me& me, Publication p, Projects& projects) {
    PublicationView v;
    auto who = people::NameBook(tx);
    who.Load(std::vector<std::string>{p.person.id});
    p.person.name_ja = who.Of(p.person.id).name_ja;
    p.person.name_en = who.Of(p.person.id).name_en;
    bool sees_related = false, inventor = false;
    for (const auto& inv : Related(tx, p)) {
        if (Sees(me, inv, projects)) sees_related = true;
        if (inv.IsInventor(me.person_id)) inventor = true;
    }
    // Whether an unfiled invention lies behind it is itself confidential.
    v.show_guard = p.guarded && sees_related;
    if (p.invention_id && !sees_related) p.invention_id.reset();
    v.may_clear = p.guarded && !p.clearance && (IsOffice(me) || inventor);
    if (p.review_due_on && !p.review)
        if (const auto* project = projects.Find(p.project_id))
            if (const auto* lead = project->WithRole("company_lead")) v.may_review = lead->person.id == me.person_id;
    if (p.event_id) {
        try {
            auto e = building::GetEvent(tx, me, *p.event_id);
            v.event_title_ja = e.title_ja;
            v.event_title_en = e.title_en;
        } catch (const Error&) {  // an event the caller may not see keeps its id only
        }
    }
    v.publication = std::move(p);
    return v;
}

json::value Snapshot(const Publication& p) {
    return json::object{{"project_id", p.project_id},
                        {"kind", Text(p.kind)},
                        {"title", p.title},
                        {"planned_on", p.planned_on},
                        {"guarded", p.guarded},
                        {"clearance", p.clearance ? json::value(Text(*p.clearance)) : json::value(nullptr)}};
}

// The guard's inbox items: the office and the inventors of the unfiled inventions (who may see
// them), and the organiser of the event a talk is given at, in words that name no invention.
void Warn(db::Tx& tx, const Publication& p, const std::vector<Invention>& unfiled,
          const std::optional<building::Event>& event, Seconds now) {
    std::set<std::string> told;
    std::string when = p.planned_on + (p.venue.empty() ? "" : "・" + p.venue);
    auto post = [&](const std::string& person, const std::string& link) {
        if (!told.insert(person).second) return;
        inbox::Post(tx,
                    {person, "ip.publication_guard", kSource, GuardKey(p.id),
                     "出願前の発表です: 出願するか、発明を含まないことを確認: " + p.title,
                     "Publication before filing: file first, or confirm it holds no invention: " + p.title, when, when,
                     link, p.planned_on, std::nullopt},
                    now);
    };
    for (const auto& office : people::ListPeople(tx, "", "office", "", 1))
        post(office.id, detail::InventionPage(unfiled.front().id, "publications"));
    for (const auto& inv : unfiled)
        for (const auto& i : inv.inventors) post(i.person.id, detail::InventionPage(inv.id, "publications"));
    if (event && told.insert(event->organiser_id).second)
        inbox::Post(tx,
                    {event->organiser_id, "ip.publication_guard", kSource, GuardKey(p.id),
                     "発表内容の確認待ち: " + p.title, "Talk awaiting the IP office's check: " + p.title,
                     "知財担当が出願前の確認をしています。確認が済むまで資料の公開をお待ちください。（" +
                         event->title_ja + "）",
                     "The IP office is checking the talk before any filing; please hold its slides until then. (" +
                         (event->title_en.empty() ? event->title_ja : event->title_en) + ")",
                     "/events/" + event->id, p.planned_on, std::nullopt},
                    now);
}

void Clear(db::Tx& tx, Publication& p, Clearance how, const std::optional<std::string>& actor, Seconds now) {
    auto before = Snapshot(p);
    p.clearance = how;
    p.cleared_by = actor;
    store::UpdatePublication(tx, p);
    audit::Record(tx, actor, "clear", "ip_publication", p.id, before, Snapshot(p));
    inbox::Resolve(tx, kSource, GuardKey(p.id), actor, now);
}

}  // namespace

namespace detail {

void ClearFiledPublications(db::Tx& tx, const Invention& inv, Seconds now) {
    for (auto& p : store::Publications(tx, inv.project_id)) {
        if (!p.guarded || p.clearance) continue;
        if (p.invention_id && *p.invention_id != inv.id) continue;
        if (Unfiled(tx, p).empty()) Clear(tx, p, Clearance::kFiled, std::nullopt, now);
    }
}

}  // namespace detail

std::vector<PublicationView> ListPublications(db::Tx& tx, const Me& me, const std::optional<std::string>& project_id,
                                              Seconds now) {
    (void)now;
    Projects projects(tx);
    if (project_id && !project_id->empty()) {
        const auto* p = projects.Find(*project_id);
        if (!p || !MemberOrOffice(me, *p)) throw NotFound("project");
    }
    std::vector<PublicationView> out;
    for (auto& pub : store::Publications(tx, project_id && !project_id->empty() ? project_id : std::nullopt)) {
        const auto* p = projects.Find(pub.project_id);
        if (p && MemberOrOffice(me, *p)) out.push_back(ViewOf(tx, me, std::move(pub), projects));
    }
    return out;
}

PublicationView PlanPublication(db::Tx& tx, const Me& me, const PublicationInput& in, Seconds now) {
    Projects projects(tx);
    if (in.project_id.empty()) throw Invalid("project_id", "project_id is required");
    const auto* project = projects.Find(in.project_id);
    if (!project || !MemberOrOffice(me, *project)) throw Invalid("project_id", "no project you belong to has this id");
    Publication p;
    p.id = NewId();
    p.project_id = project->id;
    p.person.id = me.person_id;
    auto kind = FromText<PublicationKind>(in.kind);
    if (!kind) throw Invalid("kind", "kind must be paper, talk or abstract");
    p.kind = *kind;
    p.title = Trim(in.title);
    if (p.title.empty() || Utf8Length(p.title) > 300 || !CleanUtf8(p.title, false))
        throw Invalid("title", "a title of 1 to 300 characters is required");
    p.venue = Trim(in.venue);
    if (Utf8Length(p.venue) > 200 || !CleanUtf8(p.venue, false))
        throw Invalid("venue", "venue is at most 200 characters");
    if (in.invention_id && !in.invention_id->empty()) {
        auto inv = store::FindInvention(tx, *in.invention_id);
        if (!inv || inv->project_id != project->id || !Sees(me, *inv, projects))
            throw Invalid("invention_id", "no invention of this project that you can see has this id");
        p.invention_id = inv->id;
    }
    std::optional<building::Event> event;
    if (in.event_id && !in.event_id->empty()) {
        try {
            event = building::GetEvent(tx, me, *in.event_id);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::kNotFound) throw;
        }
        if (!event) throw Invalid("event_id", "no centre event has this id");
        p.event_id = event->id;
        p.venue = p.venue.empty() ? event->title_ja : p.venue;
    }
    std::string today = TokyoDate(now);
    if (in.planned_on && !in.planned_on->empty()) {
        if (!ParseDate(*in.planned_on)) throw Invalid("planned_on", "planned_on must be a date YYYY-MM-DD");
        p.planned_on = *in.planned_on;
    } else if (event) {
        p.planned_on = TokyoDate(event->start);
    } else {
        throw Invalid("planned_on", "planned_on is required");
    }
    if (p.planned_on < today) throw Invalid("planned_on", "planned_on is today or later");
    auto unfiled = Unfiled(tx, p);
    p.guarded = !unfiled.empty();
    if (auto agreement = detail::AgreementOf(tx, me, project->id, now))
        if (agreement->terms.publication_review_days && *agreement->terms.publication_review_days > 0)
            if (const auto* lead = project->WithRole("company_lead")) {
                p.review_due_on = TokyoDate(now + std::chrono::days{*agreement->terms.publication_review_days});
                inbox::Post(
                    tx,
                    {lead->person.id, "ip.publication_review", kSource, ReviewKey(p.id), "公表前審査: " + p.title,
                     "Review before publication: " + p.title,
                     "共同研究契約の公表前審査期間（" + std::to_string(*agreement->terms.publication_review_days) +
                         "日）・発表予定 " + p.planned_on,
                     "The joint research agreement's review period (" +
                         std::to_string(*agreement->terms.publication_review_days) + " days); planned for " +
                         p.planned_on,
                     "/projects/" + project->id + "?tab=ip", p.review_due_on,
                     inbox::Action{"POST", "/api/ip/publications/" + p.id + "/review",
                                   json::object{{"outcome", "approved"}}, "異議なし", "No objection"}},
                    now);
            }
    p.created_at = now;
    store::InsertPublication(tx, p);
    audit::Record(tx, me.person_id, "create", "ip_publication", p.id, nullptr, Snapshot(p));
    if (p.guarded) Warn(tx, p, unfiled, event, now);
    return ViewOf(tx, me, std::move(p), projects);
}

void RequirePublicationVisible(db::Tx& tx, const Me& me, const std::string& id) {
    Projects projects(tx);
    auto p = store::FindPublication(tx, id);
    const auto* project = p ? projects.Find(p->project_id) : nullptr;
    if (!p || !project || !MemberOrOffice(me, *project)) throw NotFound("publication");
}

PublicationView ClearPublication(db::Tx& tx, const Me& me, const std::string& id, const std::string& resolution,
                                 Seconds now) {
    Projects projects(tx);
    auto p = store::FindPublication(tx, id);
    const auto* project = p ? projects.Find(p->project_id) : nullptr;
    if (!p || !project || !MemberOrOffice(me, *project)) throw NotFound("publication");
    if (resolution != "no_invention") throw Invalid("resolution", "resolution must be no_invention");
    auto view = ViewOf(tx, me, *p, projects);
    if (!view.may_clear) {
        if (!p->guarded || p->clearance)
            throw Error{ErrorCode::kConflict, "status", "nothing is waiting to be cleared"};
        throw Forbidden("the office or an inventor confirms a publication holds no invention");
    }
    Clear(tx, *p, Clearance::kNoInvention, me.person_id, now);
    return ViewOf(tx, me, std::move(*p), projects);
}

PublicationView ReviewPublication(db::Tx& tx, const Me& me, const std::string& id, const std::string& outcome,
                                  const std::string& note, Seconds now) {
    Projects projects(tx);
    auto p = store::FindPublication(tx, id);
    const auto* project = p ? projects.Find(p->project_id) : nullptr;
    if (!p || !project || !MemberOrOffice(me, *project)) throw NotFound("publication");
    auto o = FromText<ReviewOutcome>(outcome);
    if (!o) throw Invalid("outcome", "outcome must be approved or objection");
    if (Utf8Length(note) > 2000 || !CleanUtf8(note, true)) throw Invalid("note", "note is at most 2000 characters");
    if (!p->review_due_on || p->review) throw Error{ErrorCode::kConflict, "review", "no review is open"};
    if (!ViewOf(tx, me, *p, projects).may_review) throw Forbidden("the partner company's lead reviews publications");
    auto before = Snapshot(*p);
    p->review = *o;
    p->review_note = Trim(note);
    store::UpdatePublication(tx, *p);
    audit::Record(tx, me.person_id, "review", "ip_publication", p->id, before,
                  json::object{{"review", outcome}, {"note", p->review_note}});
    inbox::Resolve(tx, kSource, ReviewKey(p->id), me.person_id, now);
    return ViewOf(tx, me, std::move(*p), projects);
}

}  // namespace renkei::ip
