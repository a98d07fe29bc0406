#include "modules/deadlines/service.hpp"

#include <map>
#include <set>

#include "modules/coi/service.hpp"
#include "modules/contracts/service.hpp"
#include "modules/ethics/service.hpp"
#include "modules/ip/service.hpp"
#include "modules/opencall/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/error.hpp"

namespace renkei::deadlines {

namespace {

bool MaySee(const Me& me) { return me.HasRole("office") || me.HasRole("admin"); }

// Every module's obligations in [from, to].
std::vector<Obligation> Collect(db::Tx& tx, const Me& me, const std::string& from, const std::string& to, Seconds now) {
    std::vector<Obligation> all = projects::ObligationsBetween(tx, me, from, to);
    auto add = [&all](std::vector<Obligation> more) {
        all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    };
    add(contracts::ObligationsBetween(tx, me, from, to));
    add(coi::ObligationsBetween(tx, me, from, to, now));
    add(ethics::ObligationsBetween(tx, me, from, to, now));
    add(ip::ObligationsBetween(tx, me, from, to, now));
    add(opencall::ObligationsBetween(tx, me, from, to));
    return all;
}

// The obligations with their projects and people named, one read each for the whole list.
std::vector<Deadline> Named(db::Tx& tx, const std::vector<Obligation>& all) {
    std::set<std::string> ids;
    for (const auto& o : all) ids.insert(o.people.begin(), o.people.end());
    people::NameBook names(tx);
    names.Load({ids.begin(), ids.end()});
    auto titles = projects::TitlesForModule(tx);
    std::vector<Deadline> out;
    out.reserve(all.size());
    for (const auto& o : all) {
        Deadline d;
        d.due_on = o.due_on;
        d.kind = o.kind;
        d.title_ja = o.title_ja;
        d.title_en = o.title_en.empty() ? o.title_ja : o.title_en;
        d.about_ja = o.about_ja;
        d.about_en = o.about_en.empty() ? o.about_ja : o.about_en;
        if (o.project_id) {
            auto t = titles.find(*o.project_id);
            d.project = ProjectName{*o.project_id, t != titles.end() ? t->second.title_ja : "",
                                    t != titles.end() ? t->second.title_en : ""};
        }
        d.people.reserve(o.people.size());
        for (const auto& id : o.people) {
            const auto& n = names.Of(id);
            d.people.push_back({id, n.name_ja, n.name_en});
        }
        d.link = o.link;
        d.legal = o.legal;
        out.push_back(std::move(d));
    }
    return out;
}

struct Texts {
    std::vector<std::string> head;
    std::string yes, sheet, title;
};
Texts TextsFor(const std::string& language) {
    if (language == "en")
        return {{"Due", "Week of", "Kind", "Deadline", "About", "Project", "Responsible", "Legal", "Link"},
                "yes",
                "Deadlines",
                "Deadlines"};
    return {{"期限", "週", "種別", "内容", "対象", "プロジェクト", "担当者", "法定", "リンク"},
            "法定",
            "期限一覧",
            "期限一覧"};
}

std::vector<std::string> Cells(const Deadline& d, const std::string& week, const std::string& language,
                               const Texts& text) {
    bool en = language == "en";
    std::string people;
    for (const auto& p : d.people) {
        if (!people.empty()) people += en ? ", " : "、";
        people += en && !p.name_en.empty() ? p.name_en : p.name_ja;
    }
    std::string project;
    if (d.project) project = en && !d.project->title_en.empty() ? d.project->title_en : d.project->title_ja;
    return {d.due_on,
            week,
            KindLabel(d.kind, language),
            en ? d.title_en : d.title_ja,
            en ? d.about_en : d.about_ja,
            project,
            people,
            d.legal ? text.yes : "",
            d.link};
}

}  // namespace

View List(db::Tx& tx, const Me& me, const Query& q, Seconds now) {
    if (!MaySee(me)) throw Forbidden("the office's view of deadlines is for the office and admins");
    View v;
    v.from = q.from.empty() ? TokyoDate(now) : q.from;
    if (!ParseDate(v.from)) throw Invalid("from", "from must be a date YYYY-MM-DD");
    if (q.days < 1 || q.days > kMaxDays)
        throw Invalid("days", "days must be between 1 and " + std::to_string(kMaxDays));
    v.days = q.days;
    v.to = AddDays(v.from, q.days - 1);
    auto all = Named(tx, Collect(tx, me, v.from, v.to, now));
    SortDeadlines(all);
    std::set<std::string> kinds;
    std::map<std::string, ProjectName> projects;
    std::map<std::string, PersonName> people;
    std::vector<Deadline> shown;
    for (const auto& d : all) {
        kinds.insert(d.kind);
        if (d.project) projects.emplace(d.project->id, *d.project);
        for (const auto& p : d.people) people.emplace(p.id, p);
        if (Matches(d, q.filter)) shown.push_back(d);
    }
    v.total = static_cast<int>(shown.size());
    v.weeks = ByWeek(shown);
    v.kinds.assign(kinds.begin(), kinds.end());
    v.projects.reserve(projects.size());
    for (auto& [id, p] : projects) v.projects.push_back(std::move(p));
    v.people.reserve(people.size());
    for (auto& [id, p] : people) v.people.push_back(std::move(p));
    return v;
}

office::Table Export(const View& v, const std::string& language, Seconds now) {
    auto text = TextsFor(language);
    office::Table t{.sheet = text.sheet,
                    .title = text.title,
                    .lines = {v.from + " – " + v.to + " (" + TokyoDate(now) + ")"},
                    .head = text.head,
                    .widths = {12, 12, 16, 36, 36, 30, 24, 8, 30}};
    for (const auto& w : v.weeks)
        for (const auto& d : w.items) t.Row(Cells(d, w.week_start, language, text));
    return t;
}

}  // namespace renkei::deadlines
