#include "modules/budget/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/budget/internal.hpp"
#include "modules/budget/store.hpp"
#include "modules/centre/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::budget {
namespace {

namespace json = boost::json;

std::string CheckText(const std::string& field, const std::string& value, size_t max, bool required,
                      bool multiline = false) {
    std::string t = Trim(value);
    if (required && t.empty()) throw Invalid(field, field + " is required");
    if (Utf8Length(t) > max) throw Invalid(field, field + " must be at most " + std::to_string(max) + " characters");
    if (!CleanUtf8(t, multiline)) throw Invalid(field, field + " must be clean text");
    return t;
}

void CheckYear(int fiscal_year) {
    if (fiscal_year < 2000 || fiscal_year > 2100) throw Invalid("fiscal_year", "fiscal_year must be 2000–2100");
}

std::string AreaOf(const std::optional<std::string>& area_code, const std::string& kind) {
    if (kind == "strategic" && area_code && !area_code->empty()) return *area_code;
    return std::string(kOtherArea);
}

std::optional<long long> AllocationOf(const projects::Project& p, int fiscal_year) {
    for (const auto& b : p.budgets)
        if (b.fiscal_year == fiscal_year) return b.amount_yen;
    return std::nullopt;
}

std::string RoleOf(const projects::Project& p, const std::string& person_id) {
    const auto* m = p.FindMember(person_id);
    return m ? m->role : "";
}
// The PI and the company lead read their own project's budget.
bool IsLead(const projects::Project& p, const Me& me) {
    auto role = RoleOf(p, me.person_id);
    return role == "pi" || role == "company_lead";
}

// The project a caller asks about: kNotFound for an unknown id or one the caller may not see the
// budget of (office, committee, admin, its PI and company lead may).
projects::Project ReadableProject(db::Tx& tx, const Me& me, const std::string& project_id) {
    auto p = projects::FindProjectForModule(tx, project_id);
    if (!p || (!MayReadAll(me) && !IsLead(*p, me))) throw NotFound("project");
    return *p;
}

// A project spending may be recorded on: active or closed (its allocation was decided).
projects::Project SpendableProject(db::Tx& tx, const std::string& project_id, const std::string& field) {
    auto p = projects::FindProjectForModule(tx, project_id);
    if (!p) throw Invalid(field, "project_id must name a project");
    if (p->status != projects::Status::kActive && p->status != projects::Status::kClosed)
        throw Invalid(field, "spending is recorded on active or closed projects only");
    return *p;
}

PersonRef Ref(people::NameBook& names, const std::string& id) {
    const auto& n = names.Of(id);
    return PersonRef{id, n.name_ja, n.name_en};
}

json::value Snapshot(const store::StoredSpending& s) {
    return {{"project_id", s.project_id}, {"fiscal_year", s.fiscal_year},        {"spent_on", s.spent_on},
            {"amount_yen", s.amount_yen}, {"category", Text(s.category)},        {"description", s.description},
            {"reference", s.reference},   {"imported", s.import_key.has_value()}};
}

json::value Snapshot(const store::StoredChange& c) {
    return {{"project_id", c.project_id},
            {"fiscal_year", c.fiscal_year},
            {"current_yen", c.current_yen ? json::value(*c.current_yen) : json::value(nullptr)},
            {"new_yen", c.new_yen},
            {"reason", c.reason},
            {"status", Text(c.status)},
            {"decision_note", c.decision_note}};
}

std::string Yen(long long v) {
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (v < 0 ? "-" : "") + out;
}

std::string OverKey(const std::string& project_id, int fiscal_year, int crossing) {
    return "over:" + project_id + ":" + std::to_string(fiscal_year) + ":" + std::to_string(crossing);
}

// After the project's spending or allocation for a year changed: when it has just gone over its
// allocation, the office and its PI get one inbox item (keyed by the crossing, so a later line
// adds none); when it is back within it, the warning is resolved.
Effect CheckOverspend(db::Tx& tx, const projects::Project& p, int fiscal_year, Seconds now) {
    long long spent = store::SpentOf(tx, p.id, fiscal_year);
    auto allocated = AllocationOf(p, fiscal_year);
    Effect e{HealthOf(allocated, spent), false};
    bool over = e.health == Health::kOver;
    auto state = store::ReadOverspend(tx, p.id, fiscal_year);
    if (over == state.over_now) return e;
    if (over) {
        ++state.crossings;
        e.crossed = true;
        std::set<std::string> people;
        for (const auto& person : people::ListPeople(tx, "", "office", "", 1)) people.insert(person.id);
        if (const auto* pi = p.WithRole("pi")) people.insert(pi->person.id);
        std::string fy = std::to_string(fiscal_year);
        for (const auto& person : people) {
            inbox::NewItem n;
            n.person_id = person;
            n.kind = "budget.overspend";
            n.source = kSource;
            n.source_key = OverKey(p.id, fiscal_year, state.crossings);
            n.title_ja = fy + "年度の予算超過: " + p.title_ja;
            n.title_en = "Over budget in FY" + fy + ": " + (p.title_en.empty() ? p.title_ja : p.title_en);
            n.context_ja = "配分 " + Yen(allocated.value_or(0)) + " 円・支出 " + Yen(spent) + " 円";
            n.context_en = "allocated ¥" + Yen(allocated.value_or(0)) + ", spent ¥" + Yen(spent);
            n.link = "/budget?fy=" + fy + "&project=" + p.id;
            inbox::Post(tx, n, now);
        }
    } else {
        inbox::Resolve(tx, kSource, OverKey(p.id, fiscal_year, state.crossings), std::nullopt, now);
    }
    state.over_now = over;
    store::WriteOverspend(tx, p.id, fiscal_year, state, now);
    return e;
}

// The project's year may not hold more than 10^15 yen (what every engine sums exactly).
void CheckYearTotal(db::Tx& tx, const std::string& project_id, int fiscal_year, long long adding) {
    if (store::SpentOf(tx, project_id, fiscal_year) > kMaxYen - adding)
        throw Invalid("amount_yen", "the project's spending for the year would exceed 1,000,000,000,000,000 yen");
}

std::vector<Spending> Views(db::Tx& tx, const std::vector<store::StoredSpending>& stored) {
    people::NameBook names(tx);
    std::vector<std::string> ids;
    ids.reserve(stored.size() * 2);
    for (const auto& s : stored) {
        ids.push_back(s.created_by);
        ids.push_back(s.updated_by);
    }
    names.Load(ids);
    auto titles = projects::TitlesForModule(tx);
    std::vector<Spending> out;
    out.reserve(stored.size());
    for (const auto& s : stored) {
        Spending v{s.id,
                   s.project_id,
                   "",
                   "",
                   s.fiscal_year,
                   s.spent_on,
                   s.amount_yen,
                   s.category,
                   s.description,
                   s.reference,
                   s.import_key.has_value(),
                   Ref(names, s.created_by),
                   Ref(names, s.updated_by),
                   s.created_at,
                   s.updated_at};
        if (auto it = titles.find(s.project_id); it != titles.end()) {
            v.project_title_ja = it->second.title_ja;
            v.project_title_en = it->second.title_en;
        }
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<Change> ChangeViews(db::Tx& tx, const Me& me, const std::vector<store::StoredChange>& stored, Seconds now) {
    people::NameBook names(tx);
    std::vector<std::string> ids;
    ids.reserve(stored.size() * 2);
    for (const auto& c : stored) {
        ids.push_back(c.requested_by);
        if (c.decided_by) ids.push_back(*c.decided_by);
    }
    names.Load(ids);
    auto titles = projects::TitlesForModule(tx);
    std::vector<Change> out;
    out.reserve(stored.size());
    for (const auto& c : stored) {
        Change v;
        v.id = c.id;
        v.project_id = c.project_id;
        if (auto it = titles.find(c.project_id); it != titles.end()) {
            v.project_title_ja = it->second.title_ja;
            v.project_title_en = it->second.title_en;
        }
        v.fiscal_year = c.fiscal_year;
        v.current_yen = c.current_yen;
        v.new_yen = c.new_yen;
        v.reason = c.reason;
        v.status = c.status;
        v.requested_by = Ref(names, c.requested_by);
        v.requested_at = c.requested_at;
        if (c.decided_by) v.decided_by = Ref(names, *c.decided_by);
        v.decided_at = c.decided_at;
        v.decision_note = c.decision_note;
        v.may_withdraw = c.status == ChangeStatus::kPending && (me.HasRole("office") || c.requested_by == me.person_id);
        v.approval = approvals::StateOf(tx, me, approvals::SubjectKind::kBudgetChange, c.id, now);
        out.push_back(std::move(v));
    }
    return out;
}

Spending ViewOne(db::Tx& tx, const store::StoredSpending& s) { return Views(tx, {s}).front(); }

store::StoredSpending LoadSpending(db::Tx& tx, const std::string& id) {
    auto s = LooksLikeId(id) ? store::FindSpending(tx, id) : std::nullopt;
    if (!s) throw NotFound("spending line");
    return *s;
}

std::string YearRange(int fy) { return std::to_string(fy) + "-04-01 – " + std::to_string(fy + 1) + "-03-31"; }

}  // namespace

void RequireReadAll(const Me& me) {
    if (!MayReadAll(me)) throw Forbidden("only the office, the committee and admins see the centre's budget");
}
void RequireWrite(const Me& me) {
    if (!MayWrite(me)) throw Forbidden("only the office and admins change the budget");
}

// ---- the overview ----

Overview GetOverview(db::Tx& tx, const Me& me, int fiscal_year, Seconds now) {
    RequireReadAll(me);
    CheckYear(fiscal_year);
    (void)now;
    Overview o;
    o.fiscal_year = fiscal_year;
    o.from = std::to_string(fiscal_year) + "-04-01";
    o.to = std::to_string(fiscal_year + 1) + "-03-31";
    o.may_write = MayWrite(me);
    auto plans = store::Plans(tx, fiscal_year);
    auto spent = store::SpentByProject(tx, fiscal_year);
    std::map<std::string, size_t> area_index;
    for (const auto& a : centre::ListAreas(tx)) {
        area_index[a.code] = o.areas.size();
        o.areas.push_back({a.code, a.name_ja, a.name_en, 0, 0, 0});
    }
    area_index[std::string(kOtherArea)] = o.areas.size();
    o.areas.push_back(
        {std::string(kOtherArea), "その他（学内公募・共同研究）", "Other (open call, joint research)", 0, 0, 0});
    for (auto& a : o.areas)
        if (auto it = plans.find(a.area_code); it != plans.end()) a.planned_yen = it->second;
    for (const auto& alloc : projects::AllocationsForModule(tx, fiscal_year)) {
        ProjectLine line;
        line.project_id = alloc.project_id;
        line.title_ja = alloc.title_ja;
        line.title_en = alloc.title_en;
        line.kind = alloc.kind;
        line.area_code = AreaOf(alloc.area_code, alloc.kind);
        if (!area_index.count(line.area_code)) line.area_code = std::string(kOtherArea);  // an area since retired
        line.allocated_yen = alloc.amount_yen;
        if (auto it = spent.find(alloc.project_id); it != spent.end()) {
            line.spent_yen = it->second.yen;
            line.lines = it->second.lines;
        }
        // A closed project with nothing for the year is not part of it.
        if (alloc.status == projects::Status::kClosed && !line.allocated_yen && line.lines == 0) continue;
        line.remaining_yen = line.allocated_yen.value_or(0) - line.spent_yen;
        line.health = HealthOf(line.allocated_yen, line.spent_yen);
        auto& area = o.areas[area_index[line.area_code]];
        area.allocated_yen += line.allocated_yen.value_or(0);
        area.spent_yen += line.spent_yen;
        o.projects.push_back(std::move(line));
    }
    o.total = {"total", "合計", "Total", 0, 0, 0};
    for (const auto& a : o.areas) {
        o.total.planned_yen += a.planned_yen;
        o.total.allocated_yen += a.allocated_yen;
        o.total.spent_yen += a.spent_yen;
    }
    for (const auto& c : store::ListChanges(tx, "pending", std::nullopt))
        if (c.fiscal_year == fiscal_year) ++o.pending_changes;
    return o;
}

office::Table OverviewExport(db::Tx& tx, const Me& me, int fiscal_year, const std::string& language, Seconds now) {
    auto o = GetOverview(tx, me, fiscal_year, now);
    bool ja = language != "en";
    office::Table t;
    t.sheet = ja ? "予算" : "Budget";
    t.title = ja ? std::to_string(fiscal_year) + "年度 予算の状況" : "Budget, FY" + std::to_string(fiscal_year);
    t.lines = {YearRange(fiscal_year)};
    if (ja)
        t.head = {"区分",       "領域",       "プロジェクトID", "名称", "計画（円）",
                  "配分（円）", "支出（円）", "残額（円）",     "状態"};
    else
        t.head = {
            "Row",   "Area", "Project id", "Name", "Planned (yen)", "Allocated (yen)", "Spent (yen)", "Remaining (yen)",
            "Status"};
    t.widths = {10, 28, 24, 40, 16, 16, 16, 16, 10};
    t.numbers = {4, 5, 6, 7};
    std::map<std::string, std::string> area_names;
    for (const auto& a : o.areas) area_names[a.area_code] = ja ? a.name_ja : a.name_en;
    auto status_label = [&](Health h) -> std::string {
        if (ja) return h == Health::kOver ? "超過" : h == Health::kNear ? "残りわずか" : "正常";
        return std::string(Text(h));
    };
    for (const auto& a : o.areas)
        t.Row({ja ? "領域" : "area", area_names[a.area_code], "", "", std::to_string(a.planned_yen),
               std::to_string(a.allocated_yen), std::to_string(a.spent_yen),
               std::to_string(a.allocated_yen - a.spent_yen), ""});
    t.Row({ja ? "合計" : "total", "", "", "", std::to_string(o.total.planned_yen),
           std::to_string(o.total.allocated_yen), std::to_string(o.total.spent_yen),
           std::to_string(o.total.allocated_yen - o.total.spent_yen), ""});
    for (const auto& p : o.projects)
        t.Row({ja ? "プロジェクト" : "project", area_names[p.area_code], p.project_id,
               ja || p.title_en.empty() ? p.title_ja : p.title_en, "",
               p.allocated_yen ? std::to_string(*p.allocated_yen) : "", std::to_string(p.spent_yen),
               std::to_string(p.remaining_yen), status_label(p.health)});
    return t;
}

AreaLine SetPlan(db::Tx& tx, const Me& me, int fiscal_year, const std::string& area_code, long long amount_yen,
                 Seconds now) {
    RequireWrite(me);
    CheckYear(fiscal_year);
    if (amount_yen < 0 || amount_yen > kMaxYen)
        throw Invalid("amount_yen", "amount_yen must be 0 to 1,000,000,000,000,000");
    AreaLine line{area_code, "その他（学内公募・共同研究）", "Other (open call, joint research)", amount_yen, 0, 0};
    if (area_code != kOtherArea) {
        auto area = centre::FindArea(tx, area_code);
        if (!area) throw Invalid("area_code", "area_code must name a strategic area or be \"other\"");
        line.name_ja = area->name_ja;
        line.name_en = area->name_en;
    }
    auto plans = store::Plans(tx, fiscal_year);
    json::value before = nullptr;
    if (auto it = plans.find(area_code); it != plans.end()) before = json::object{{"amount_yen", it->second}};
    store::PutPlan(tx, fiscal_year, area_code, amount_yen, me.person_id, now);
    audit::Record(tx, me.person_id, before.is_null() ? "create" : "update", "budget_plan",
                  std::to_string(fiscal_year) + ":" + area_code, before,
                  json::object{{"fiscal_year", fiscal_year}, {"area_code", area_code}, {"amount_yen", amount_yen}});
    return line;
}

// ---- spending lines ----

std::vector<Spending> ListSpending(db::Tx& tx, const Me& me, const SpendingFilter& f, Seconds now) {
    (void)now;
    if (f.fiscal_year) CheckYear(*f.fiscal_year);
    if (!MayReadAll(me)) {
        if (!f.project_id) throw Forbidden("only the office, the committee and admins see every project's spending");
        ReadableProject(tx, me, *f.project_id);
    }
    return Views(tx, store::ListSpending(tx, f.fiscal_year, f.project_id));
}

office::Table SpendingExport(db::Tx& tx, const Me& me, const SpendingFilter& f, const std::string& language,
                             Seconds now) {
    auto lines = ListSpending(tx, me, f, now);
    bool ja = language != "en";
    office::Table t;
    t.sheet = ja ? "支出" : "Spending";
    t.title = ja ? "支出の明細" : "Spending lines";
    if (f.fiscal_year)
        t.lines = {(ja ? std::to_string(*f.fiscal_year) + "年度 " : "FY" + std::to_string(*f.fiscal_year) + " ") +
                   YearRange(*f.fiscal_year)};
    if (ja)
        t.head = {"日付", "年度", "プロジェクトID", "プロジェクト", "金額（円）", "費目", "摘要", "伝票番号", "取込"};
    else
        t.head = {"Date",     "Fiscal year", "Project id", "Project", "Amount (yen)",
                  "Category", "Description", "Reference",  "Imported"};
    t.widths = {12, 8, 24, 36, 14, 12, 40, 16, 6};
    t.numbers = {4};
    for (const auto& s : lines) {
        const auto& c = EntryOf(s.category);
        t.Row({s.spent_on, std::to_string(s.fiscal_year), s.project_id,
               ja || s.project_title_en.empty() ? s.project_title_ja : s.project_title_en, std::to_string(s.amount_yen),
               std::string(ja ? c.label_ja : c.label_en), s.description, s.reference,
               s.imported ? (ja ? "取込" : "yes") : ""});
    }
    return t;
}

Recorded RecordSpending(db::Tx& tx, const Me& me, const SpendingInput& in, Seconds now) {
    RequireWrite(me);
    auto p = SpendableProject(tx, in.project_id, "project_id");
    auto day = ParseDay(in.spent_on);
    if (!day) throw Invalid("spent_on", "spent_on must be a date (YYYY-MM-DD)");
    if (in.amount_yen < 1 || in.amount_yen > kMaxYen)
        throw Invalid("amount_yen", "amount_yen must be 1 to 1,000,000,000,000,000");
    auto category = FromText<Category>(in.category);
    if (!category) throw Invalid("category", "category must be personnel, equipment, travel, honoraria or other");
    store::StoredSpending s;
    s.id = NewId();
    s.project_id = p.id;
    s.spent_on = *day;
    s.fiscal_year = FiscalYearOf(*day);
    s.amount_yen = in.amount_yen;
    s.category = *category;
    s.description = CheckText("description", in.description, 500, false, true);
    s.reference = CheckText("reference", in.reference, 100, false);
    s.created_by = s.updated_by = me.person_id;
    s.created_at = s.updated_at = now;
    CheckYearTotal(tx, p.id, s.fiscal_year, s.amount_yen);
    store::InsertSpending(tx, s);
    audit::Record(tx, me.person_id, "create", "budget_spending", s.id, nullptr, Snapshot(s));
    auto effect = CheckOverspend(tx, p, s.fiscal_year, now);
    return {ViewOne(tx, s), effect};
}

Recorded UpdateSpending(db::Tx& tx, const Me& me, const std::string& id, const SpendingPatch& in, Seconds now) {
    RequireWrite(me);
    auto s = LoadSpending(tx, id);
    auto before = s;
    if (in.spent_on) {
        auto day = ParseDay(*in.spent_on);
        if (!day) throw Invalid("spent_on", "spent_on must be a date (YYYY-MM-DD)");
        s.spent_on = *day;
        s.fiscal_year = FiscalYearOf(*day);
    }
    if (in.amount_yen) {
        if (*in.amount_yen < 1 || *in.amount_yen > kMaxYen)
            throw Invalid("amount_yen", "amount_yen must be 1 to 1,000,000,000,000,000");
        s.amount_yen = *in.amount_yen;
    }
    if (in.category) {
        auto category = FromText<Category>(*in.category);
        if (!category) throw Invalid("category", "category must be personnel, equipment, travel, honoraria or other");
        s.category = *category;
    }
    if (in.description) s.description = CheckText("description", *in.description, 500, false, true);
    if (in.reference) s.reference = CheckText("reference", *in.reference, 100, false);
    long long already = before.fiscal_year == s.fiscal_year ? before.amount_yen : 0;
    if (store::SpentOf(tx, s.project_id, s.fiscal_year) - already > kMaxYen - s.amount_yen)
        throw Invalid("amount_yen", "the project's spending for the year would exceed 1,000,000,000,000,000 yen");
    s.updated_by = me.person_id;
    s.updated_at = now;
    store::UpdateSpending(tx, s);
    audit::Record(tx, me.person_id, "update", "budget_spending", s.id, Snapshot(before), Snapshot(s));
    auto p = projects::FindProjectForModule(tx, s.project_id);
    Effect effect;
    if (p) {
        if (before.fiscal_year != s.fiscal_year) CheckOverspend(tx, *p, before.fiscal_year, now);
        effect = CheckOverspend(tx, *p, s.fiscal_year, now);
    }
    return {ViewOne(tx, s), effect};
}

void DeleteSpending(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    RequireWrite(me);
    auto s = LoadSpending(tx, id);
    store::DeleteSpending(tx, s.id);
    audit::Record(tx, me.person_id, "delete", "budget_spending", s.id, Snapshot(s), nullptr);
    if (auto p = projects::FindProjectForModule(tx, s.project_id)) CheckOverspend(tx, *p, s.fiscal_year, now);
}

// ---- CSV import ----

Preview PreviewImport(db::Tx& tx, const Me& me, const std::string& bytes, const std::optional<std::string>& project_id,
                      Seconds now) {
    RequireWrite(me);
    (void)now;
    if (project_id) SpendableProject(tx, *project_id, "project_id");
    Preview out;
    auto text = DecodeCsv(bytes);
    if (!text) {
        out.errors.push_back({1, "file", "the file is neither UTF-8 nor Shift_JIS text"});
        return out;
    }
    auto parsed = ParseImport(*text, project_id);
    out.errors = parsed.errors;
    // The projects named, checked once each.
    std::map<std::string, std::optional<projects::Project>> named;
    for (const auto& l : parsed.lines)
        if (!named.count(l.project_id)) named[l.project_id] = projects::FindProjectForModule(tx, l.project_id);
    std::set<std::string> known_projects;
    for (const auto& [id, p] : named)
        if (p) known_projects.insert(id);
    auto known = store::KnownKeys(tx, known_projects);
    std::map<std::string, long long> adding;  // per project and year
    out.lines.reserve(parsed.lines.size());
    for (const auto& l : parsed.lines) {
        const auto& p = named[l.project_id];
        if (!p) {
            out.errors.push_back({l.line, "project", "no project has the id " + l.project_id});
            continue;
        }
        if (p->status != projects::Status::kActive && p->status != projects::Status::kClosed) {
            out.errors.push_back({l.line, "project", "spending is recorded on active or closed projects only"});
            continue;
        }
        PreviewLine v{l, p->title_ja, p->title_en, FiscalYearOf(l.spent_on), known.count(l.key) > 0};
        if (v.duplicate) {
            ++out.duplicates;
        } else {
            ++out.new_lines;
            out.new_total_yen = std::min(kMaxYen * 100, out.new_total_yen + l.amount_yen);
            auto& sum = adding[l.project_id + ":" + std::to_string(v.fiscal_year)];
            if (sum == 0) sum = store::SpentOf(tx, l.project_id, v.fiscal_year);
            sum += l.amount_yen;
            if (sum > kMaxYen)
                out.errors.push_back(
                    {l.line, "amount", "the project's spending for the year would exceed 1,000,000,000,000,000 yen"});
        }
        out.lines.push_back(std::move(v));
    }
    std::sort(out.errors.begin(), out.errors.end(),
              [](const RowError& a, const RowError& b) { return a.line < b.line; });
    return out;
}

Imported Import(db::Tx& tx, const Me& me, const std::string& bytes, const std::optional<std::string>& project_id,
                Seconds now) {
    auto preview = PreviewImport(tx, me, bytes, project_id, now);
    if (!preview.errors.empty()) {
        const auto& e = preview.errors.front();
        std::string more = preview.errors.size() > 1
                               ? " (and " + std::to_string(preview.errors.size() - 1) + " more: see the preview)"
                               : "";
        throw Invalid(e.field, "line " + std::to_string(e.line) + ": " + e.message + more);
    }
    Imported out;
    std::map<std::string, std::set<int>> touched;
    for (const auto& v : preview.lines) {
        if (v.duplicate) {
            ++out.duplicates;
            continue;
        }
        store::StoredSpending s;
        s.id = NewId();
        s.project_id = v.line.project_id;
        s.spent_on = v.line.spent_on;
        s.fiscal_year = v.fiscal_year;
        s.amount_yen = v.line.amount_yen;
        s.category = v.line.category;
        s.description = v.line.description;
        s.reference = v.line.reference;
        s.import_key = v.line.key;
        s.created_by = s.updated_by = me.person_id;
        s.created_at = s.updated_at = now;
        store::InsertSpending(tx, s);
        audit::Record(tx, me.person_id, "import", "budget_spending", s.id, nullptr, Snapshot(s));
        ++out.imported;
        out.total_yen += s.amount_yen;
        touched[s.project_id].insert(s.fiscal_year);
    }
    for (const auto& [id, years] : touched) {
        auto p = projects::FindProjectForModule(tx, id);
        if (!p) continue;
        for (int fy : years)
            if (CheckOverspend(tx, *p, fy, now).crossed) out.crossed.push_back(id);
    }
    return out;
}

// ---- budget changes ----

Change RequestChange(db::Tx& tx, const Me& me, const ChangeInput& in, Seconds now) {
    auto p = projects::FindProjectForModule(tx, in.project_id);
    bool office = me.HasRole("office");
    if (!p || (!MayReadAll(me) && !IsLead(*p, me))) throw NotFound("project");
    if (!office && RoleOf(*p, me.person_id) != "pi")
        throw Forbidden("only the office and the project's PI ask for a budget change");
    if (p->status != projects::Status::kActive)
        throw Invalid("project_id", "a budget change is asked for an active project only");
    CheckYear(in.fiscal_year);
    if (in.new_yen < 0 || in.new_yen > kMaxYen) throw Invalid("new_yen", "new_yen must be 0 to 1,000,000,000,000,000");
    auto current = AllocationOf(*p, in.fiscal_year);
    if (current && *current == in.new_yen) throw Invalid("new_yen", "new_yen is the allocation already");
    store::StoredChange c;
    c.id = NewId();
    c.project_id = p->id;
    c.fiscal_year = in.fiscal_year;
    c.current_yen = current;
    c.new_yen = in.new_yen;
    c.reason = CheckText("reason", in.reason, 2000, true, true);
    c.status = ChangeStatus::kPending;
    c.requested_by = me.person_id;
    c.requested_at = now;
    if (store::PendingChangeExists(tx, p->id, in.fiscal_year))
        throw Error{ErrorCode::kConflict, "project_id",
                    "a change of this project's budget for the year already awaits the committee"};
    store::InsertChange(tx, c);
    audit::Record(tx, me.person_id, "create", "budget_change", c.id, nullptr, Snapshot(c));
    approvals::Subject subject;
    subject.kind = approvals::SubjectKind::kBudgetChange;
    subject.id = c.id;
    long long size = c.new_yen - c.current_yen.value_or(0);
    subject.amount_yen = size < 0 ? -size : size;
    std::string fy = std::to_string(c.fiscal_year);
    subject.title_ja = fy + "年度の予算変更: " + p->title_ja;
    subject.title_en = "FY" + fy + " budget change: " + (p->title_en.empty() ? p->title_ja : p->title_en);
    subject.link = "/budget?change=" + c.id;
    subject.prepared_by = me.person_id;
    approvals::Start(tx, me, subject, now);
    return ChangeViews(tx, me, {c}, now).front();
}

Change WithdrawChange(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto c = LooksLikeId(id) ? store::FindChange(tx, id) : std::nullopt;
    if (!c) throw NotFound("budget change");
    if (!MayReadAll(me) && c->requested_by != me.person_id) {
        auto p = projects::FindProjectForModule(tx, c->project_id);
        if (!p || !IsLead(*p, me)) throw NotFound("budget change");
    }
    if (!me.HasRole("office") && c->requested_by != me.person_id)
        throw Forbidden("only the requester or the office withdraws a budget change");
    if (c->status != ChangeStatus::kPending) throw Error{ErrorCode::kConflict, "status", "the change is not pending"};
    auto before = Snapshot(*c);
    c->status = ChangeStatus::kWithdrawn;
    c->decided_by = me.person_id;
    c->decided_at = now;
    store::UpdateChange(tx, *c);
    audit::Record(tx, me.person_id, "withdraw", "budget_change", c->id, before, Snapshot(*c));
    approvals::Withdraw(tx, me.person_id, approvals::SubjectKind::kBudgetChange, c->id, "withdrawn by the requester",
                        now);
    return ChangeViews(tx, me, {*c}, now).front();
}

std::vector<Change> ListChanges(db::Tx& tx, const Me& me, const std::string& status,
                                const std::optional<std::string>& project_id, Seconds now) {
    (void)now;
    if (!MayReadAll(me)) {
        if (!project_id) throw Forbidden("only the office, the committee and admins see every budget change");
        ReadableProject(tx, me, *project_id);
    }
    if (!status.empty() && !FromText<ChangeStatus>(status))
        throw Invalid("status", "status must be pending, approved, rejected or withdrawn");
    return ChangeViews(tx, me, store::ListChanges(tx, status, project_id), now);
}

std::vector<Change> ChangesAwaitingCommittee(db::Tx& tx) {
    std::set<std::string> at_committee;
    for (const auto& a : approvals::ChainsAwaitingCommittee(tx))
        if (a.kind == approvals::SubjectKind::kBudgetChange) at_committee.insert(a.subject_id);
    std::vector<store::StoredChange> stored;
    for (auto& c : store::ListChanges(tx, "pending", std::nullopt))
        if (at_committee.count(c.id) ||
            !approvals::StateOf(tx, auth::Principal{}, approvals::SubjectKind::kBudgetChange, c.id, c.requested_at))
            stored.push_back(std::move(c));
    std::reverse(stored.begin(), stored.end());
    auth::Principal nobody;
    std::vector<Change> out;
    out.reserve(stored.size());
    for (const auto& c : stored) out.push_back(ChangeViews(tx, nobody, {c}, c.requested_at).front());
    return out;
}

std::optional<std::string> ProjectOfChange(db::Tx& tx, const std::string& change_id) {
    auto c = LooksLikeId(change_id) ? store::FindChange(tx, change_id) : std::nullopt;
    if (!c) return std::nullopt;
    return c->project_id;
}

namespace {

// The change was decided (by its chain's last step, or by the committee for a change asked before
// chains): approved, the allocation changes; otherwise it is rejected.
void ApplyDecision(db::Tx& tx, const std::optional<std::string>& actor, const std::string& change_id, bool approved,
                   const std::string& note, Seconds now) {
    auto c = LooksLikeId(change_id) ? store::FindChange(tx, change_id) : std::nullopt;
    if (!c) throw NotFound("budget change");
    if (c->status != ChangeStatus::kPending)
        throw Error{ErrorCode::kConflict, "status", "the budget change is not pending"};
    auto before = Snapshot(*c);
    c->status = approved ? ChangeStatus::kApproved : ChangeStatus::kRejected;
    c->decided_by = actor;
    c->decided_at = now;
    c->decision_note = CheckText("note", note, 1000, false, true);
    store::UpdateChange(tx, *c);
    audit::Record(tx, actor, approved ? "approve" : "reject", "budget_change", c->id, before, Snapshot(*c));
    if (approved) {
        auto p = projects::SetAllocationForModule(tx, actor, c->project_id, c->fiscal_year, c->new_yen,
                                                  c->decision_note.empty() ? c->reason : c->decision_note, now);
        CheckOverspend(tx, p, c->fiscal_year, now);
    }
}

}  // namespace

Change DecideChangeForCommittee(db::Tx& tx, const Me& recorder, const std::string& change_id, bool approved,
                                const std::string& note, Seconds now) {
    if (!recorder.HasRole("office")) throw Forbidden("only the office records the committee's decisions");
    auto c = LooksLikeId(change_id) ? store::FindChange(tx, change_id) : std::nullopt;
    if (!c) throw NotFound("budget change");
    if (c->status != ChangeStatus::kPending)
        throw Error{ErrorCode::kConflict, "status", "the budget change is not pending"};
    if (auto chain = approvals::InProgress(tx, approvals::SubjectKind::kBudgetChange, c->id))
        approvals::DecideForCommittee(tx, recorder, chain->id, approved, note, now);  // its end applies it
    else if (approvals::StateOf(tx, recorder, approvals::SubjectKind::kBudgetChange, c->id, now))
        throw Error{ErrorCode::kConflict, "status", "the budget change's approval chain has ended"};
    else
        ApplyDecision(tx, recorder.person_id, c->id, approved, note, now);  // asked before chains
    auto after = store::FindChange(tx, c->id);
    return ChangeViews(tx, recorder, {*after}, now).front();
}

void RegisterApprovalSubject() {
    approvals::SubjectHooks hooks;
    hooks.may_see = [](db::Tx& tx, const Me& me, const std::string& id) {
        auto c = LooksLikeId(id) ? store::FindChange(tx, id) : std::nullopt;
        if (!c) return false;
        if (MayReadAll(me) || c->requested_by == me.person_id) return true;
        if (approvals::NamedIn(tx, approvals::SubjectKind::kBudgetChange, id, me.person_id)) return true;
        auto p = projects::FindProjectForModule(tx, c->project_id);
        return p && IsLead(*p, me);
    };
    hooks.on_decided = [](db::Tx& tx, const approvals::Decided& d) {
        ApplyDecision(tx, d.actor, d.subject_id, d.approved, d.comment, d.at);
    };
    approvals::RegisterSubject(approvals::SubjectKind::kBudgetChange, hooks);
}

// ---- a project's page ----

ProjectBudget GetProjectBudget(db::Tx& tx, const Me& me, const std::string& project_id, int fiscal_year, Seconds now) {
    auto p = ReadableProject(tx, me, project_id);
    CheckYear(fiscal_year);
    ProjectBudget out;
    out.project_id = p.id;
    out.fiscal_year = fiscal_year;
    out.allocated_yen = AllocationOf(p, fiscal_year);
    out.lines = ListSpending(tx, me, {fiscal_year, p.id}, now);
    for (const auto& l : out.lines) out.spent_yen += l.amount_yen;
    out.remaining_yen = out.allocated_yen.value_or(0) - out.spent_yen;
    out.health = HealthOf(out.allocated_yen, out.spent_yen);
    out.changes = ChangeViews(tx, me, store::ListChanges(tx, "", p.id), now);
    out.may_request_change =
        p.status == projects::Status::kActive && (me.HasRole("office") || RoleOf(p, me.person_id) == "pi");
    return out;
}

}  // namespace renkei::budget
