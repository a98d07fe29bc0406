// Reading projects: the project page (full or public summary), lists, the next gate, the
// portfolio for the office and committee, its CSV export and the committee's goal.
#include <algorithm>
#include <boost/json.hpp>

#include "modules/centre/service.hpp"
#include "modules/exchange/service.hpp"
#include "modules/inbox/model.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/internal.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::projects {
namespace {

boost::json::value OptPerson(const Member* m, NameBook& names) {
    if (!m) return nullptr;
    return boost::json::value_from(names.Get(m->person.id));
}

boost::json::object SummaryJson(const Project& p, NameBook& names) {
    boost::json::object o{{"id", p.id},
                          {"kind", p.kind},
                          {"title_ja", p.title_ja},
                          {"title_en", p.title_en},
                          {"public_summary", p.public_summary},
                          {"status", p.status},
                          {"stage", p.stage},
                          {"stage_since", FormatUtc(p.stage_since)},
                          {"access", "summary"}};
    o["area_code"] = p.area_code ? boost::json::value(*p.area_code) : nullptr;
    o["pi"] = OptPerson(p.WithRole("pi"), names);
    o["company_lead"] = OptPerson(p.WithRole("company_lead"), names);
    return o;
}

std::string GoalDate(db::Tx& tx) { return store::Setting(tx, "goal_date").value_or("2022-03-31"); }

void RequirePortfolioReader(const Me& me) {
    if (!me.HasAnyRole({"office", "committee", "admin"}))
        throw Forbidden("the portfolio is for the office and the committee");
}

// One row of the portfolio: a project with what the board, funnel and lists need.
struct Row {
    const Project* project;
    int reports = 0;
    std::string last_report_on, next_report_due;
    bool report_overdue = false;
    store::MilestoneStats milestones;
    std::string pending_stage;
};

}  // namespace

boost::json::value ProjectJson(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto found = store::FindProject(tx, id);
    if (!found) throw NotFound("project");
    Project& p = *found;
    auto rel = RelationOf(p, me);
    NameBook names(tx);
    if (!MaySeeFull(rel)) {
        if (p.status == "proposed" || p.status == "rejected") throw NotFound("project");
        return SummaryJson(p, names);
    }
    auto o = SummaryJson(p, names);
    o["access"] = "full";
    o["aims"] = p.aims;
    o["report_period"] = p.report_period;
    o["created_at"] = FormatUtc(p.created_at);
    o["active_since"] = p.active_since ? boost::json::value(FormatUtc(*p.active_since)) : nullptr;
    o["proposed_by"] = boost::json::value_from(names.Get(p.proposed_by.id));
    o["decided_by"] = p.decided_by ? boost::json::value_from(names.Get(p.decided_by->id)) : boost::json::value(nullptr);
    o["decided_at"] = p.decided_at ? boost::json::value(FormatUtc(*p.decided_at)) : nullptr;
    o["decision_reason"] = p.decision_reason;
    for (auto& m : p.members) names.Fill(m.person);
    o["members"] = boost::json::value_from(p.members);
    if (!p.organisations.empty()) {
        std::map<std::string, std::pair<std::string, std::string>> orgs;
        for (const auto& org : people::ListOrganisations(tx, -1)) orgs[org.id] = {org.name_ja, org.name_en};
        for (auto& org : p.organisations)
            if (auto it = orgs.find(org.organisation_id); it != orgs.end())
                std::tie(org.name_ja, org.name_en) = it->second;
    }
    o["organisations"] = boost::json::value_from(p.organisations);
    o["budgets"] = boost::json::value_from(p.budgets);
    // Only the needs and seeds this caller may see (a confidential seed stays hidden from members
    // not covered by its company's agreement).
    boost::json::array links;
    for (const auto& l : p.links) {
        auto item = exchange::VisibleItem(tx, me, l.kind, l.target_id, now);
        if (!item) continue;
        links.push_back({{"kind", l.kind},
                         {"target_id", l.target_id},
                         {"title", item->title},
                         {"status", item->status},
                         {"confidential", item->confidential}});
    }
    o["links"] = std::move(links);
    auto history = store::StageHistory(tx, p.id);
    for (auto& c : history) {
        if (c.requested_by) names.Fill(*c.requested_by);
        if (c.approved_by) names.Fill(*c.approved_by);
    }
    o["history"] = boost::json::value_from(history);
    auto pending = store::PendingStageRequest(tx, p.id);
    if (pending) {
        names.Fill(pending->requested_by);
        o["pending_request"] = boost::json::value_from(*pending);
    } else {
        o["pending_request"] = nullptr;
    }
    auto confirmations = store::Confirmations(tx, p.id);
    for (auto& c : confirmations) names.Fill(c.confirmed_by);
    o["confirmations"] = boost::json::value_from(confirmations);
    auto product = store::FindProduct(tx, p.id);
    o["product"] = product ? boost::json::value_from(*product) : boost::json::value(nullptr);
    // Report rhythm: when the next one is due.
    auto last = store::Reports(tx, p.id, 1);
    std::string today = TokyoDate(now);
    std::string from = !last.empty()    ? last.front().report_on
                       : p.active_since ? TokyoDate(*p.active_since)
                                        : std::string();
    o["last_report_on"] = last.empty() ? boost::json::value(nullptr) : boost::json::value(last.front().report_on);
    if (p.status == "active" && !from.empty()) {
        auto due = NextReportDue(p.report_period, from);
        o["next_report_due"] = due;
        o["report_overdue"] = due < today;
    } else {
        o["next_report_due"] = nullptr;
        o["report_overdue"] = false;
    }
    bool steer = MaySteer(rel);
    bool can_approve_pending =
        pending && MayApproveGate(pending->approver, rel, pending->requested_by.id == me.person_id);
    o["permissions"] = boost::json::object{{"edit", steer && p.status != "rejected" && p.status != "closed"},
                                           {"decide", me.HasRole("committee") && p.status == "proposed"},
                                           {"request_stage", steer && p.status == "active" && !pending},
                                           {"approve_stage", can_approve_pending},
                                           {"report", rel.is_member && p.status == "active"},
                                           {"acknowledge", rel.is_pi || rel.is_company_lead},
                                           {"upload", rel.is_member || rel.is_office},
                                           {"confirm", me.HasRole("office")},
                                           {"member", rel.is_member}};
    return o;
}

boost::json::value ListJson(db::Tx& tx, const Me& me, const ListFilter& f, Seconds now) {
    store::ProjectFilter sf;
    sf.search = text::SearchKey(Trim(f.q));
    sf.area = f.area;
    sf.stage = f.stage;
    sf.kind = f.kind;
    sf.status = f.status;
    if (f.mine) sf.member_id = me.person_id;
    for (const auto& [kind, target] :
         {std::pair{std::string("need"), f.need}, std::pair{std::string("seed"), f.seed}}) {
        if (target.empty()) continue;
        if (!exchange::VisibleItem(tx, me, kind, target, now)) throw NotFound(kind);
        sf.link_kind = kind;
        sf.link_target = target;
    }
    auto mine = store::ProjectsOf(tx, me.person_id);
    bool sees_all = me.HasAnyRole({"office", "committee", "admin"});
    auto projects = store::ListProjects(tx, sf);
    NameBook names(tx);
    names.Load(projects);
    boost::json::array items;
    for (const auto& p : projects) {
        bool member = mine.count(p.id) > 0;
        if (!member && !sees_all && (p.status == "proposed" || p.status == "rejected")) continue;
        auto o = SummaryJson(p, names);
        o["access"] = member || sees_all ? "full" : "summary";
        o["member"] = member;
        items.push_back(std::move(o));
    }
    return boost::json::object{{"items", std::move(items)}};
}

boost::json::value NextGateJson(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto p = store::FindProject(tx, id);
    if (!p) throw NotFound("project");
    auto rel = RelationOf(*p, me);
    if (!MaySeeFull(rel)) {
        if (p->status == "proposed" || p->status == "rejected") throw NotFound("project");
        throw Forbidden("only the project's members see this");
    }
    auto next = NextStage(p->stage);
    if (!next)
        return boost::json::object{
            {"to_stage", nullptr}, {"approver", nullptr}, {"items", boost::json::array{}}, {"passes", false}};
    std::optional<Gate> gate;
    auto items = ChecklistFor(tx, *p, *next, &gate, now);
    return boost::json::object{{"to_stage", *next},
                               {"approver", gate ? boost::json::value(gate->approver) : nullptr},
                               {"items", boost::json::value_from(items)},
                               {"passes", gate && GatePasses(items)}};
}

namespace {

std::vector<Row> Rows(db::Tx& tx, const std::vector<Project>& projects, const std::string& today) {
    auto reports = store::ReportStatsByProject(tx);
    auto milestones = store::MilestoneStatsByProject(tx, today);
    auto pending = store::PendingRequestsByProject(tx);
    std::vector<Row> rows;
    rows.reserve(projects.size());
    for (const auto& p : projects) {
        Row r{&p};
        if (auto it = reports.find(p.id); it != reports.end()) {
            r.reports = it->second.count;
            r.last_report_on = it->second.last_report_on;
        }
        if (auto it = milestones.find(p.id); it != milestones.end()) r.milestones = it->second;
        if (auto it = pending.find(p.id); it != pending.end()) r.pending_stage = it->second;
        if (p.status == "active") {
            std::string from = !r.last_report_on.empty() ? r.last_report_on
                               : p.active_since          ? TokyoDate(*p.active_since)
                                                         : TokyoDate(p.created_at);
            r.next_report_due = NextReportDue(p.report_period, from);
            r.report_overdue = r.next_report_due < today;
        }
        rows.push_back(r);
    }
    return rows;
}

boost::json::object RowJson(const Row& r, NameBook& names) {
    const Project& p = *r.project;
    boost::json::object o{{"id", p.id},
                          {"kind", p.kind},
                          {"title_ja", p.title_ja},
                          {"title_en", p.title_en},
                          {"status", p.status},
                          {"stage", p.stage},
                          {"stage_since", FormatUtc(p.stage_since)},
                          {"reports", r.reports},
                          {"report_overdue", r.report_overdue},
                          {"open_milestones", r.milestones.open},
                          {"overdue_milestones", r.milestones.overdue}};
    o["area_code"] = p.area_code ? boost::json::value(*p.area_code) : nullptr;
    o["pi"] = OptPerson(p.WithRole("pi"), names);
    o["company_lead"] = OptPerson(p.WithRole("company_lead"), names);
    o["last_report_on"] = r.last_report_on.empty() ? boost::json::value(nullptr) : boost::json::value(r.last_report_on);
    o["next_report_due"] =
        r.next_report_due.empty() ? boost::json::value(nullptr) : boost::json::value(r.next_report_due);
    o["pending_stage"] = r.pending_stage.empty() ? boost::json::value(nullptr) : boost::json::value(r.pending_stage);
    return o;
}

boost::json::object Goal(db::Tx& tx, const std::vector<Project>& projects, Seconds now) {
    std::string goal_date = GoalDate(tx);
    std::map<std::string, const Project*> by_id;
    for (const auto& p : projects) by_id[p.id] = &p;
    boost::json::array products;
    int counting = 0;
    for (const auto& product : store::AllProducts(tx)) {
        ProductSales ps{product.launched_on, {}};
        for (const auto& s : product.sales)
            if (s.amount_yen > 0) ps.sale_periods.push_back(s.period);
        bool counts = CountsTowardsGoal(ps, goal_date);
        counting += counts ? 1 : 0;
        auto v = boost::json::value_from(product);
        v.as_object()["counts_towards_goal"] = counts;
        v.as_object()["project_id"] = product.project_id;
        if (auto it = by_id.find(product.project_id); it != by_id.end()) {
            v.as_object()["project_title_ja"] = it->second->title_ja;
            v.as_object()["project_title_en"] = it->second->title_en;
        }
        products.push_back(std::move(v));
    }
    boost::json::object funnel;
    for (auto s : kStages) funnel[s] = 0;
    for (const auto& p : projects)
        if (p.status == "active") funnel[p.stage] = funnel[p.stage].as_int64() + 1;
    return boost::json::object{{"date", goal_date},
                               {"met", counting > 0},
                               {"products_counting", counting},
                               {"products", std::move(products)},
                               {"funnel", std::move(funnel)},
                               {"today", TokyoDate(now)}};
}

}  // namespace

boost::json::value PortfolioJson(db::Tx& tx, const Me& me, Seconds now) {
    RequirePortfolioReader(me);
    std::string today = TokyoDate(now);
    auto projects = store::ListProjects(tx, {});
    auto rows = Rows(tx, projects, today);
    NameBook names(tx);
    names.Load(projects);
    boost::json::array items, overdue_reports, overdue_milestones, proposed;
    std::vector<const Row*> active;
    for (const auto& r : rows) {
        if (r.project->status == "active") active.push_back(&r);
        auto o = RowJson(r, names);
        if (r.project->status == "proposed") proposed.push_back(o);
        if (r.report_overdue) overdue_reports.push_back(o);
        if (r.milestones.overdue > 0) overdue_milestones.push_back(o);
        if (r.project->status == "active") items.push_back(std::move(o));
    }
    // Closest to market: furthest stage first, then longest in it; with what blocks each.
    std::sort(active.begin(), active.end(), [](const Row* a, const Row* b) {
        int sa = StageIndex(a->project->stage), sb = StageIndex(b->project->stage);
        if (sa != sb) return sa > sb;
        if (a->project->stage_since != b->project->stage_since)
            return a->project->stage_since < b->project->stage_since;
        return a->project->id < b->project->id;
    });
    boost::json::array closest;
    for (size_t i = 0; i < active.size() && i < 10; ++i) {
        const Row& r = *active[i];
        auto o = RowJson(r, names);
        boost::json::array blockers;
        if (auto next = NextStage(r.project->stage)) {
            // The full project (members) for the gate rules.
            auto full = store::FindProject(tx, r.project->id);
            for (const auto& c : ChecklistFor(tx, *full, *next, nullptr, now))
                if (!c.satisfied) blockers.push_back(boost::json::value_from(c));
            o["next_stage"] = *next;
        } else {
            o["next_stage"] = nullptr;
        }
        o["blockers"] = std::move(blockers);
        closest.push_back(std::move(o));
    }
    boost::json::array areas;
    for (const auto& a : centre::ListAreas(tx)) areas.push_back(boost::json::value_from(a));
    return boost::json::object{
        {"today", today},
        {"areas", std::move(areas)},
        {"stages", boost::json::value_from(std::vector<std::string>(kStages.begin(), kStages.end()))},
        {"projects", std::move(items)},
        {"proposed", std::move(proposed)},
        {"closest_to_market", std::move(closest)},
        {"overdue_reports", std::move(overdue_reports)},
        {"overdue_milestones", std::move(overdue_milestones)},
        {"goal", Goal(tx, projects, now)}};
}

std::string PortfolioCsv(db::Tx& tx, const Me& me, const std::string& language, Seconds now) {
    RequirePortfolioReader(me);
    bool ja = language != "en";
    std::string today = TokyoDate(now);
    auto projects = store::ListProjects(tx, {});
    auto rows = Rows(tx, projects, today);
    std::map<std::string, std::string> area_names;
    for (const auto& a : centre::ListAreas(tx)) area_names[a.code] = ja ? a.name_ja : a.name_en;
    static const char* stage_ja[] = {"探索",     "実現可能性検討", "共同研究", "前臨床",
                                     "臨床研究", "薬事",           "上市",     "販売"};
    static const std::map<std::string, std::string> status_ja = {
        {"proposed", "申請中"}, {"active", "実施中"}, {"rejected", "不承認"}, {"closed", "終了"}};
    static const std::map<std::string, std::string> kind_ja = {
        {"strategic", "戦略研究"}, {"open_call", "学内公募"}, {"joint", "共同・受託研究"}};
    NameBook names(tx);
    names.Load(projects);
    std::string out = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
    out += ja ? "ID,課題名,英語課題名,種別,領域,状況,ステージ,ステージ開始日,PI,企業側リーダー,進捗報告数,最終報告日,"
                "次回報告期限,報告遅延,未完了マイルストーン,期限切れマイルストーン\r\n"
              : "ID,Title (ja),Title (en),Kind,Area,Status,Stage,Stage since,PI,Company lead,Reports,Last report,Next "
                "report due,Report overdue,Open milestones,Overdue milestones\r\n";
    auto name = [&](const Member* m) {
        if (!m) return std::string();
        auto ref = names.Get(m->person.id);
        return ja || ref.name_en.empty() ? ref.name_ja : ref.name_en;
    };
    for (const auto& r : rows) {
        const Project& p = *r.project;
        std::string area =
            p.area_code ? (area_names.count(*p.area_code) ? area_names[*p.area_code] : *p.area_code) : "";
        std::string stage = ja ? stage_ja[std::max(0, StageIndex(p.stage))] : p.stage;
        std::string status = ja && status_ja.count(p.status) ? status_ja.at(p.status) : p.status;
        std::string kind = ja && kind_ja.count(p.kind) ? kind_ja.at(p.kind) : p.kind;
        std::vector<std::string> cells = {p.id,
                                          p.title_ja,
                                          p.title_en,
                                          kind,
                                          area,
                                          status,
                                          stage,
                                          TokyoDate(p.stage_since),
                                          name(p.WithRole("pi")),
                                          name(p.WithRole("company_lead"))};
        for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvField(cells[i]);
        out += "," + std::to_string(r.reports) + "," + r.last_report_on + "," + r.next_report_due + "," +
               (r.report_overdue ? (ja ? "遅延" : "overdue") : "") + "," + std::to_string(r.milestones.open) + "," +
               std::to_string(r.milestones.overdue) + "\r\n";
    }
    return out;
}

boost::json::value GoalJson(db::Tx& tx, const Me& me, Seconds now) {
    RequirePortfolioReader(me);
    return Goal(tx, store::ListProjects(tx, {}), now);
}

boost::json::value SetGoalDate(db::Tx& tx, const Me& me, const std::string& date, Seconds now) {
    if (!me.HasAnyRole({"office", "admin"})) throw Forbidden("only the office sets the goal date");
    if (!ParseDate(date)) throw Invalid("date", "date must be YYYY-MM-DD");
    std::string before = GoalDate(tx);
    store::SetSetting(tx, "goal_date", date);
    audit::Record(tx, me.person_id, "update", "project_setting", "goal_date", boost::json::value(before),
                  boost::json::value(date));
    return GoalJson(tx, me, now);
}

}  // namespace renkei::projects
