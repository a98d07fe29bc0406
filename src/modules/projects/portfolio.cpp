// Reading projects: the project page (full or public summary), lists, the
// portfolio for the office and committee, its CSV export and the committee's goal.
#include <algorithm>
#include <boost/json.hpp>

#include "modules/centre/service.hpp"
#include "modules/exchange/service.hpp"
#include "modules/inbox/model.hpp"
#include "modules/projects/internal.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::projects {
namespace {

std::optional<PersonRef> OptPerson(const Member* m, NameBook& names) {
    if (!m) return std::nullopt;
    return names.Get(m->person.id);
}

ProjectSummary SummaryOf(Project p, NameBook& names, bool full_access) {
    ProjectSummary s;
    s.pi = OptPerson(p.WithRole("pi"), names);
    s.company_lead = OptPerson(p.WithRole("company_lead"), names);
    s.project = std::move(p);
    s.full_access = full_access;
    return s;
}

std::string GoalDate(db::Tx& tx) { return store::Setting(tx, "goal_date").value_or("2022-03-31"); }

void RequirePortfolioReader(const Me& me) {
    if (!me.HasAnyRole({"office", "committee", "admin"}))
        throw Forbidden("the portfolio is for the office and the committee");
}

// One row of the portfolio: a project with what the board, funnel and lists need.
struct Row {
    const Project* project = nullptr;
    int reports = 0;
    std::string last_report_on, next_report_due;
    bool report_overdue = false;
    store::MilestoneStats milestones;
    std::optional<Stage> pending_stage;
};

}  // namespace

ProjectView GetProject(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto p = Load(tx, id);
    auto rel = RelationOf(p, me);
    NameBook names(tx);
    ProjectView v;
    if (!MaySeeFull(rel)) {
        if (IsHiddenFromOutsiders(p.status)) throw NotFound("project");
        v.summary = SummaryOf(std::move(p), names, false);
        return v;
    }
    FillNames(names, p);
    FillOrganisationNames(tx, p);
    // Only the needs and seeds this caller may see (a confidential seed stays hidden from members
    // not covered by its company's agreement).
    for (const auto& l : p.links) {
        auto item = exchange::VisibleItem(tx, me, l.kind, l.target_id, now);
        if (!item) continue;
        v.links.push_back({l, item->title, item->status, item->confidential});
    }
    v.history = store::StageHistory(tx, p.id);
    for (auto& c : v.history) {
        if (c.requested_by) names.Fill(*c.requested_by);
        if (c.approved_by) names.Fill(*c.approved_by);
    }
    v.pending_request = store::PendingStageRequest(tx, p.id);
    if (v.pending_request) names.Fill(v.pending_request->requested_by);
    v.confirmations = store::Confirmations(tx, p.id);
    for (auto& c : v.confirmations) names.Fill(c.confirmed_by);
    v.product = store::FindProduct(tx, p.id);
    // Report rhythm: when the next one is due.
    auto last = store::Reports(tx, p.id, 1);
    std::string today = TokyoDate(now);
    std::string from = !last.empty()    ? last.front().report_on
                       : p.active_since ? TokyoDate(*p.active_since)
                                        : std::string();
    if (!last.empty()) v.last_report_on = last.front().report_on;
    if (p.status == Status::kActive && !from.empty()) {
        v.next_report_due = NextReportDue(p.report_period, from);
        v.report_overdue = *v.next_report_due < today;
    }
    bool steer = MaySteer(rel);
    const auto& pending = v.pending_request;
    auto& may = v.permissions;
    may.edit = steer && !IsClosed(p.status);
    may.decide = me.HasRole("committee") && p.status == Status::kProposed && !OnAgenda(tx, p.id);
    may.request_stage = steer && p.status == Status::kActive && !pending;
    // A stage request on the committee's agenda is decided there, as a body.
    may.approve_stage = pending && MayApproveGate(pending->approver, rel, pending->requested_by.id == me.person_id) &&
                        !OnAgenda(tx, pending->id);
    may.report = rel.is_member && p.status == Status::kActive;
    may.acknowledge = rel.is_pi || rel.is_company_lead;
    may.upload = rel.is_member || rel.is_office;
    may.confirm = me.HasRole("office");
    may.member = rel.is_member;
    v.summary = SummaryOf(std::move(p), names, true);
    return v;
}

std::vector<ListedProject> ListProjects(db::Tx& tx, const Me& me, const ListFilter& f, Seconds now) {
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
    std::vector<ListedProject> items;
    for (auto& p : projects) {
        bool member = mine.count(p.id) > 0;
        if (!member && !sees_all && IsHiddenFromOutsiders(p.status)) continue;
        items.push_back({SummaryOf(std::move(p), names, member || sees_all), member});
    }
    return items;
}

namespace {

std::vector<Row> Rows(db::Tx& tx, const std::vector<Project>& projects, const std::string& today) {
    auto reports = store::ReportStatsByProject(tx);
    auto milestones = store::MilestoneStatsByProject(tx, today);
    auto pending = store::PendingRequestsByProject(tx);
    std::vector<Row> rows;
    rows.reserve(projects.size());
    for (const auto& p : projects) {
        Row r;
        r.project = &p;
        if (auto it = reports.find(p.id); it != reports.end()) {
            r.reports = it->second.count;
            r.last_report_on = it->second.last_report_on;
        }
        if (auto it = milestones.find(p.id); it != milestones.end()) r.milestones = it->second;
        if (auto it = pending.find(p.id); it != pending.end()) r.pending_stage = it->second;
        if (p.status == Status::kActive) {
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

std::optional<std::string> Unless(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

PortfolioRow RowOf(const Row& r, NameBook& names) {
    const Project& p = *r.project;
    PortfolioRow o;
    o.id = p.id;
    o.kind = p.kind;
    o.title_ja = p.title_ja;
    o.title_en = p.title_en;
    o.status = p.status;
    o.stage = p.stage;
    o.area_code = p.area_code;
    o.stage_since = p.stage_since;
    o.pi = OptPerson(p.WithRole("pi"), names);
    o.company_lead = OptPerson(p.WithRole("company_lead"), names);
    o.reports = r.reports;
    o.open_milestones = r.milestones.open;
    o.overdue_milestones = r.milestones.overdue;
    o.report_overdue = r.report_overdue;
    o.last_report_on = Unless(r.last_report_on);
    o.next_report_due = Unless(r.next_report_due);
    o.pending_stage = r.pending_stage;
    return o;
}

GoalView GoalFor(db::Tx& tx, const std::vector<Project>& projects, Seconds now) {
    GoalView g;
    g.date = GoalDate(tx);
    std::map<std::string, const Project*> by_id;
    for (const auto& p : projects) by_id[p.id] = &p;
    for (auto& product : store::AllProducts(tx)) {
        ProductSales ps{product.launched_on, {}};
        for (const auto& s : product.sales)
            if (s.amount_yen > 0) ps.sale_periods.push_back(s.period);
        GoalProduct gp;
        gp.counts_towards_goal = CountsTowardsGoal(ps, g.date);
        g.products_counting += gp.counts_towards_goal ? 1 : 0;
        if (auto it = by_id.find(product.project_id); it != by_id.end()) {
            gp.project_title_ja = it->second->title_ja;
            gp.project_title_en = it->second->title_en;
        }
        gp.product = std::move(product);
        g.products.push_back(std::move(gp));
    }
    for (const auto& s : kStageTexts) g.funnel.push_back({s.value, 0});
    for (const auto& p : projects)
        if (p.status == Status::kActive) g.funnel[StageIndex(p.stage)].projects += 1;
    // The chain: this module's steps and the exchange's, with those other modules registered.
    auto exchange = exchange::CountChain(tx);
    long long started = 0, selling = 0;
    for (const auto& p : projects) started += p.status == Status::kActive || p.status == Status::kClosed ? 1 : 0;
    for (const auto& gp : g.products)
        selling += std::any_of(gp.product.sales.begin(), gp.product.sales.end(),
                               [](const auto& s) { return s.amount_yen > 0; });
    std::vector<std::pair<int, ChainCount>> chain = {
        {10, {"need", "臨床ニーズ", "Clinical needs", exchange.needs}},
        {20, {"introduction", "紹介の承諾", "Introductions accepted", exchange.introductions}},
        {40, {"project", "共同研究の開始", "Joint projects started", started}},
        {70, {"product", "売上のある製品", "Products with sales", selling}}};
    for (const auto& step : ChainSteps())
        chain.push_back({step.order, {step.code, step.label_ja, step.label_en, step.count(tx)}});
    std::stable_sort(chain.begin(), chain.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [order, c] : chain) g.chain.push_back(std::move(c));
    g.met = g.products_counting > 0;
    g.today = TokyoDate(now);
    return g;
}

}  // namespace

PortfolioView Portfolio(db::Tx& tx, const Me& me, Seconds now) {
    RequirePortfolioReader(me);
    PortfolioView v;
    v.today = TokyoDate(now);
    auto projects = store::ListProjects(tx, {});
    auto rows = Rows(tx, projects, v.today);
    NameBook names(tx);
    names.Load(projects);
    std::vector<const Row*> active;
    for (const auto& r : rows) {
        if (r.project->status == Status::kActive) active.push_back(&r);
        auto o = RowOf(r, names);
        if (r.project->status == Status::kProposed) v.proposed.push_back(o);
        if (r.report_overdue) v.overdue_reports.push_back(o);
        if (r.milestones.overdue > 0) v.overdue_milestones.push_back(o);
        if (r.project->status == Status::kActive) v.projects.push_back(std::move(o));
    }
    // Closest to market: furthest stage first, then longest in it; with what blocks each.
    std::sort(active.begin(), active.end(), [](const Row* a, const Row* b) {
        int sa = StageIndex(a->project->stage), sb = StageIndex(b->project->stage);
        if (sa != sb) return sa > sb;
        if (a->project->stage_since != b->project->stage_since)
            return a->project->stage_since < b->project->stage_since;
        return a->project->id < b->project->id;
    });
    for (size_t i = 0; i < active.size() && i < 10; ++i) {
        const Row& r = *active[i];
        MarketRow m{RowOf(r, names), std::nullopt, {}};
        if (auto next = NextStage(r.project->stage)) {
            // The full project (members) for the gate rules.
            auto full = store::FindProject(tx, r.project->id);
            for (auto& c : ChecklistFor(tx, *full, *next, nullptr, now))
                if (!c.satisfied) m.blockers.push_back(std::move(c));
            m.next_stage = *next;
        }
        for (const auto& b : StandingBlockers())
            if (b.blocked(tx, r.project->id, now))
                m.blockers.push_back({b.code, b.module, b.label_ja, b.label_en, false, "", true});
        v.closest_to_market.push_back(std::move(m));
    }
    v.areas = centre::ListAreas(tx);
    for (const auto& s : kStageTexts) v.stages.push_back(s.value);
    v.goal = GoalFor(tx, projects, now);
    return v;
}

office::Table PortfolioExport(db::Tx& tx, const Me& me, const std::string& language, Seconds now) {
    RequirePortfolioReader(me);
    bool ja = language != "en";
    std::string today = TokyoDate(now);
    auto projects = store::ListProjects(tx, {});
    auto rows = Rows(tx, projects, today);
    std::map<std::string, std::string> area_names;
    for (const auto& a : centre::ListAreas(tx)) area_names[a.code] = ja ? a.name_ja : a.name_en;
    static const std::map<std::string, std::string> kind_ja = {
        {"strategic", "戦略研究"}, {"open_call", "学内公募"}, {"joint", "共同・受託研究"}};
    NameBook names(tx);
    names.Load(projects);
    office::Table t{
        .sheet = ja ? "ポートフォリオ" : "Portfolio",
        .title = ja ? "プロジェクト・ポートフォリオ" : "Project portfolio",
        .lines = {today},
        .head =
            ja ? std::vector<std::string>{"ID", "課題名", "英語課題名", "種別", "領域", "状況", "ステージ",
                                          "ステージ開始日", "PI", "企業側リーダー", "進捗報告数", "最終報告日",
                                          "次回報告期限", "報告遅延", "未完了マイルストーン", "期限切れマイルストーン"}
               : std::vector<std::string>{"ID", "Title (ja)", "Title (en)", "Kind", "Area", "Status", "Stage",
                                          "Stage since", "PI", "Company lead", "Reports", "Last report",
                                          "Next report due", "Report overdue", "Open milestones", "Overdue milestones"},
        .widths = {12, 36, 36, 14, 20, 10, 12, 12, 16, 16, 10, 12, 12, 10, 12, 12},
        .numbers = {10, 14, 15}};
    auto name = [&](const Member* m) {
        if (!m) return std::string();
        auto ref = names.Get(m->person.id);
        return ja || ref.name_en.empty() ? ref.name_ja : ref.name_en;
    };
    for (const auto& r : rows) {
        const Project& p = *r.project;
        std::string area =
            p.area_code ? (area_names.count(*p.area_code) ? area_names[*p.area_code] : *p.area_code) : "";
        std::string stage(ja ? LabelJa(p.stage) : Text(p.stage));
        std::string status(ja ? LabelJa(p.status) : Text(p.status));
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
        cells.insert(cells.end(), {std::to_string(r.reports), r.last_report_on, r.next_report_due,
                                   r.report_overdue ? (ja ? "遅延" : "overdue") : "", std::to_string(r.milestones.open),
                                   std::to_string(r.milestones.overdue)});
        t.Row(std::move(cells));
    }
    return t;
}

GoalView Goal(db::Tx& tx, const Me& me, Seconds now) {
    RequirePortfolioReader(me);
    return GoalFor(tx, store::ListProjects(tx, {}), now);
}

GoalView SetGoal(db::Tx& tx, const Me& me, const std::string& date, Seconds now) {
    if (!me.HasAnyRole({"office", "admin"})) throw Forbidden("only the office sets the goal date");
    if (!ParseDate(date)) throw Invalid("date", "date must be YYYY-MM-DD");
    std::string before = GoalDate(tx);
    store::SetSetting(tx, "goal_date", date);
    audit::Record(tx, me.person_id, "update", "project_setting", "goal_date", boost::json::value(before),
                  boost::json::value(date));
    return Goal(tx, me, now);
}

}  // namespace renkei::projects
