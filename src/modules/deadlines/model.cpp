#include "modules/deadlines/model.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <tuple>

#include "platform/time.hpp"

namespace renkei::deadlines {

namespace json = boost::json;

namespace {

struct Label {
    std::string_view kind, ja, en;
};
// Exact kinds first, then modules (the kinds of ethics and ip are many: their title says which).
constexpr std::array<Label, 11> kLabels = {{
    {"projects.report_due", "進捗報告", "Progress report"},
    {"projects.milestone", "マイルストーン", "Milestone"},
    {"contracts.expiry", "契約満了", "Contract end"},
    {"coi.declaration", "利益相反自己申告", "COI declaration"},
    {"opencall.closing", "学内公募の締切", "Open call closes"},
    {"ethics", "倫理審査", "Ethics"},
    {"ip", "知的財産", "IP"},
    {"projects", "プロジェクト", "Project"},
    {"contracts", "契約", "Contract"},
    {"coi", "利益相反", "COI"},
    {"opencall", "学内公募", "Open call"},
}};

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

std::string_view ModuleOf(std::string_view kind) { return kind.substr(0, kind.find('.')); }

bool IsKindText(std::string_view kind) {
    if (kind.empty() || kind.size() > 64) return false;
    auto dot = kind.find('.');
    if (dot == 0 || dot + 1 == kind.size()) return false;
    for (size_t i = 0; i < kind.size(); ++i)
        if (i != dot && !IsWordChar(kind[i])) return false;
    return true;
}

bool Matches(const Deadline& d, const Filter& f) {
    if (!f.kind.empty() && d.kind != f.kind && ModuleOf(d.kind) != f.kind) return false;
    if (!f.project_id.empty() && (!d.project || d.project->id != f.project_id)) return false;
    if (!f.person_id.empty() &&
        std::none_of(d.people.begin(), d.people.end(), [&](const PersonName& p) { return p.id == f.person_id; }))
        return false;
    return true;
}

std::string WeekStart(std::string_view date) {
    auto d = ParseDate(date);
    if (!d) return "";
    std::chrono::sys_days day{*d};
    std::chrono::weekday wd{day};
    // iso_encoding: Monday 1 … Sunday 7.
    return FormatDate(Date{day - std::chrono::days{wd.iso_encoding() - 1}});
}

void SortDeadlines(std::vector<Deadline>& items) {
    std::stable_sort(items.begin(), items.end(), [](const Deadline& a, const Deadline& b) {
        return std::tie(a.due_on, a.kind, a.title_ja, a.about_ja) < std::tie(b.due_on, b.kind, b.title_ja, b.about_ja);
    });
}

std::vector<Week> ByWeek(const std::vector<Deadline>& sorted) {
    std::vector<Week> out;
    for (const auto& d : sorted) {
        auto start = WeekStart(d.due_on);
        if (out.empty() || out.back().week_start != start) out.push_back({start, {}});
        out.back().items.push_back(d);
    }
    return out;
}

std::string KindLabel(std::string_view kind, std::string_view language) {
    auto module = ModuleOf(kind);
    const Label* found = nullptr;
    for (const auto& l : kLabels)
        if (l.kind == kind || (!found && l.kind == module)) {
            found = &l;
            if (l.kind == kind) break;
        }
    if (!found) return std::string(kind);
    return std::string(language == "en" ? found->en : found->ja);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const PersonName& p) {
    jv = {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const ProjectName& p) {
    jv = {{"id", p.id}, {"title_ja", p.title_ja}, {"title_en", p.title_en}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Deadline& d) {
    jv = {{"due_on", d.due_on},
          {"kind", d.kind},
          {"kind_label_ja", KindLabel(d.kind, "ja")},
          {"kind_label_en", KindLabel(d.kind, "en")},
          {"title_ja", d.title_ja},
          {"title_en", d.title_en},
          {"about_ja", d.about_ja},
          {"about_en", d.about_en},
          {"project", d.project ? json::value_from(*d.project) : json::value(nullptr)},
          {"people", json::value_from(d.people)},
          {"link", d.link},
          {"legal", d.legal}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const Week& w) {
    jv = {{"week_start", w.week_start}, {"items", json::value_from(w.items)}};
}

}  // namespace renkei::deadlines
