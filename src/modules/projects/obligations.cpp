// The projects module's dated obligations for the office's view of deadlines: progress reports
// and milestones (docs/deadlines.md).
#include "modules/projects/internal.hpp"
#include "modules/projects/store.hpp"

namespace renkei::projects {

namespace {

bool SeesAll(const Me& me) { return me.HasRole("office") || me.HasRole("admin"); }

}  // namespace

std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to) {
    std::vector<Obligation> out;
    if (!SeesAll(me)) return out;
    store::ProjectFilter f;
    f.status = "active";
    auto projects = store::ListProjects(tx, f);
    auto reports = store::ReportStatsByProject(tx);
    std::map<std::string, const Project*> by_id;
    for (const auto& p : projects) by_id[p.id] = &p;
    auto milestones = store::OpenMilestonesBetween(tx, from, to);
    out.reserve(projects.size() + milestones.size());
    for (const auto& p : projects) {
        const Member* lead = p.WithRole("company_lead");
        if (!lead) continue;  // as PostReportDue: the company lead reports
        auto stats = reports.find(p.id);
        std::string last = stats != reports.end() && !stats->second.last_report_on.empty()
                               ? stats->second.last_report_on
                           : p.active_since ? TokyoDate(*p.active_since)
                                            : std::string();
        if (last.empty()) continue;
        std::string due = NextReportDue(p.report_period, last);
        if (due < from || due > to) continue;
        Obligation o;
        o.due_on = due;
        o.kind = "projects.report_due";
        o.title_ja = "進捗報告の提出";
        o.title_en = "Progress report due";
        o.about_ja = p.title_ja;
        o.about_en = p.title_en.empty() ? p.title_ja : p.title_en;
        o.project_id = p.id;
        o.people = {lead->person.id};
        o.link = PageOf(p.id) + "/report";
        out.push_back(std::move(o));
    }
    for (const auto& m : milestones) {
        auto p = by_id.find(m.project_id);
        if (p == by_id.end()) continue;  // milestones of closed projects are nobody's task
        Obligation o;
        o.due_on = m.due_on;
        o.kind = "projects.milestone";
        o.title_ja = "マイルストーン: " + m.title;
        o.title_en = "Milestone: " + m.title;
        o.about_ja = p->second->title_ja;
        o.about_en = p->second->title_en.empty() ? p->second->title_ja : p->second->title_en;
        o.project_id = m.project_id;
        o.people = {m.owner.id};
        o.link = PageOf(m.project_id);
        out.push_back(std::move(o));
    }
    return out;
}

std::map<std::string, TitleOf> TitlesForModule(db::Tx& tx) {
    std::map<std::string, TitleOf> out;
    for (const auto& p : store::ListProjects(tx, {})) out[p.id] = {p.title_ja, p.title_en};
    return out;
}

}  // namespace renkei::projects
