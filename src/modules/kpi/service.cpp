#include "modules/kpi/service.hpp"

#include <cstdio>

#include "modules/centre/service.hpp"
#include "modules/exchange/model.hpp"
#include "modules/kpi/store.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/model.hpp"
#include "platform/error.hpp"

namespace renkei::kpi {
namespace {

void RequireReader(const auth::Principal& me) {
    if (!me.HasAnyRole({"office", "committee", "admin"})) throw Forbidden("only the office, the committee and admins");
}

Date DateOf(const std::string& field, const std::string& text) {
    auto d = ParseDate(text);
    if (!d) throw Invalid(field, field + " must be a date (YYYY-MM-DD)");
    return *d;
}

Range RangeOf(const Query& q, Seconds now) {
    Range r = FiscalYearRange(TokyoDay(now));
    if (q.from) r.from = DateOf("from", *q.from);
    if (q.to) r.to = DateOf("to", *q.to);
    if (std::chrono::sys_days{r.from} > std::chrono::sys_days{r.to})
        throw Invalid(q.from ? "from" : "to", "from must not be after to");
    return r;
}

Filter FilterOf(db::Tx& tx, const Query& q) {
    Filter f;
    auto given = [](const std::optional<std::string>& v) { return v && !v->empty(); };
    if (given(q.area)) {
        if (!exchange::IsArea(*q.area) && !centre::FindArea(tx, *q.area))
            throw Invalid("area", "unknown strategic area");
        f.area = q.area;
    }
    if (given(q.department) || given(q.company)) {
        std::map<std::string, std::string> kinds;
        for (const auto& o : people::ListOrganisations(tx, -1)) kinds[o.id] = o.kind;
        if (given(q.department)) {
            if (!kinds.count(*q.department)) throw Invalid("department", "unknown organisation");
            f.department = q.department;
        }
        if (given(q.company)) {
            if (!kinds.count(*q.company) || kinds[*q.company] != "company") throw Invalid("company", "unknown company");
            f.company = q.company;
        }
    }
    return f;
}

By ByOf(const Query& q) {
    if (!q.by || q.by->empty() || *q.by == "month") return By::kMonth;
    if (*q.by == "fiscal_year") return By::kFiscalYear;
    throw Invalid("by", "by must be month or fiscal_year");
}

std::string Fixed(std::optional<double> v, int decimals) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
    return buf;
}

struct Label {
    const char* ja;
    const char* en;
};
const std::map<std::string, Label>& StepLabels() {
    static const std::map<std::string, Label> labels = {
        {"need", {"臨床ニーズの登録", "Needs posted"}},        {"introduction", {"紹介の成立", "Introductions made"}},
        {"nda", {"秘密保持契約の締結", "NDAs signed"}},        {"project", {"プロジェクトの開始", "Projects started"}},
        {"invention", {"発明の届出", "Inventions disclosed"}}, {"product", {"製品の上市", "Products launched"}}};
    return labels;
}

}  // namespace

Funnel FunnelOf(db::Tx& tx, const auth::Principal& me, const Query& q, Seconds now) {
    RequireReader(me);
    Range range = RangeOf(q, now);
    Filter filter = FilterOf(tx, q);
    return ComputeFunnel(store::LoadFacts(tx), range, filter);
}

Series SeriesOf(db::Tx& tx, const auth::Principal& me, const Query& q, Seconds now) {
    RequireReader(me);
    Range range = RangeOf(q, now);
    By by = ByOf(q);
    Filter filter = FilterOf(tx, q);
    return ComputeSeries(store::LoadFacts(tx), range, by, filter);
}

office::Table Export(db::Tx& tx, const auth::Principal& me, const Query& q, const std::string& language, Seconds now) {
    RequireReader(me);
    bool ja = language != "en";
    Range range = RangeOf(q, now);
    Filter filter = FilterOf(tx, q);
    By by = ByOf(q);
    Facts facts = store::LoadFacts(tx);
    Funnel funnel = ComputeFunnel(facts, range, filter);
    Series series = ComputeSeries(facts, range, by, filter);
    std::string span = FormatDate(range.from) + (ja ? "〜" : " to ") + FormatDate(range.to);
    office::Table t{
        .sheet = "KPI",
        .title = ja ? "センターのKPI" : "Centre KPIs",
        .lines = {span, ja ? "作成日 " + TokyoDate(now) : "Made on " + TokyoDate(now)},
        .head = ja ? std::vector<std::string>{"区分", "期間", "項目", "件数", "転換率", "所要日数（中央値）"}
                   : std::vector<std::string>{"Section", "Period", "Item", "Count", "Conversion", "Median days"},
        .widths = {10, 24, 36, 10, 10, 16},
        .numbers = {3}};
    const std::string funnel_name = ja ? "ファネル" : "Funnel";
    for (const auto& s : funnel.steps) {
        const Label& l = StepLabels().at(s.name);
        t.Row({funnel_name, span, ja ? l.ja : l.en, std::to_string(s.count), Fixed(s.conversion, 3),
               Fixed(s.median_days, 1)});
    }
    std::map<std::string, std::string> area_names;
    for (const auto& a : centre::ListAreas(tx)) area_names[a.code] = ja ? a.name_ja : a.name_en;
    const std::string series_name = ja ? "推移" : "Series";
    for (const auto& p : series.points) {
        auto row = [&](const std::string& item, const std::string& count, const std::string& median = "") {
            t.Row({series_name, p.period, item, count, "", median});
        };
        row(ja ? "ニーズの登録" : "Needs posted", std::to_string(p.needs));
        row(ja ? "シーズの登録" : "Seeds posted", std::to_string(p.seeds));
        row(ja ? "紹介の成立" : "Introductions made", std::to_string(p.introductions));
        row(ja ? "プロジェクトの開始" : "Projects started", std::to_string(p.projects_started));
        for (const auto& st : projects::kStageTexts) {
            auto it = p.stages.find(std::string(st.text));
            if (it == p.stages.end()) continue;
            row(ja ? "ステージ入り：" + std::string(st.label_ja) : "Entered stage: " + std::string(st.text),
                std::to_string(it->second));
        }
        for (const auto& [code, n] : p.areas) {
            std::string name =
                code.empty() ? (ja ? "（領域なし）" : "(no area)") : (area_names.count(code) ? area_names[code] : code);
            row(ja ? "開始（領域）：" + name : "Started in area: " + name, std::to_string(n));
        }
        row(ja ? "関与した企業" : "Companies involved", std::to_string(p.companies));
        row(ja ? "関与した臨床医" : "Clinicians involved", std::to_string(p.clinicians));
        row(ja ? "契約の所要日数" : "Contract turnaround", "", Fixed(p.contract_turnaround_days, 1));
        row(ja ? "倫理審査の所要日数" : "Ethics turnaround", "", Fixed(p.ethics_turnaround_days, 1));
        row(ja ? "臨床医の事務作業の削減（分・推定）" : "Clinician paperwork saved (minutes, estimate)",
            std::to_string(p.minutes_saved));
    }
    const std::string by_period = ja ? "ファネル（期間別）" : "Funnel by period";
    for (const auto& p : series.points)
        for (const auto& s : p.funnel) {
            const Label& l = StepLabels().at(s.name);
            t.Row({by_period, p.period, ja ? l.ja : l.en, std::to_string(s.count), Fixed(s.conversion, 3),
                   Fixed(s.median_days, 1)});
        }
    return t;
}

}  // namespace renkei::kpi
