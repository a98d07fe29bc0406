#include "modules/coi/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <set>

#include "modules/coi/company_name.hpp"
#include "modules/coi/store.hpp"
#include "modules/inbox/service.hpp"
#include "modules/notifications/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::coi {
namespace {

constexpr const char* kSource = "coi";

bool IsOffice(const Me& me) { return me.HasRole("office"); }
bool IsCoiCommittee(const Me& me) { return me.HasRole("coi_committee"); }
bool MaySeeAll(const Me& me) { return IsOffice(me) || IsCoiCommittee(me); }

std::string DeclareKey(int fy) { return "declare:" + std::to_string(fy); }
std::string CaseKey(const std::string& id) { return "case:" + id; }
std::string CasePage(const std::string& id) { return "/coi/cases/" + id; }

// Names of people and organisations, looked up once per request.
class Names {
public:
    explicit Names(db::Tx& tx) : tx_(tx) {}
    const people::Person* Person(const std::string& id) {
        auto it = people_.find(id);
        if (it != people_.end()) return it->second ? &*it->second : nullptr;
        std::optional<people::Person> p;
        try {
            p = people::GetPerson(tx_, id);
        } catch (const Error&) {
        }
        return (people_[id] = p) ? &*people_[id] : nullptr;
    }
    PersonRef Ref(const std::string& id) {
        auto* p = Person(id);
        return p ? PersonRef{id, p->name_ja, p->name_en} : PersonRef{id, "", ""};
    }
    const std::map<std::string, people::Organisation>& Organisations() {
        if (!orgs_) {
            orgs_.emplace();
            for (auto& o : people::ListOrganisations(tx_, -1)) (*orgs_)[o.id] = o;
        }
        return *orgs_;
    }
    OrgTree Tree() {
        OrgTree t;
        for (const auto& [id, o] : Organisations()) t[id] = {o.parent_id, o.kind};
        return t;
    }
    std::pair<std::string, std::string> Org(const std::string& id) {
        auto& all = Organisations();
        auto it = all.find(id);
        if (it == all.end()) return {"", ""};
        return {it->second.name_ja, it->second.name_en};
    }
    // A free-text company resolves to the one active registered company whose Japanese or
    // English name or reading has the same key. Divisions are left out: their names (研究所,
    // R&D Center) are too generic to say which company a person meant.
    const CompanyNameIndex& Companies() {
        if (!companies_) {
            std::vector<NamedOrganisation> named;
            for (const auto& [id, o] : Organisations())
                if (o.active && o.kind == "company") named.push_back({id, {o.name_ja, o.name_en, o.name_kana}});
            companies_.emplace(named);
        }
        return *companies_;
    }
    void Fill(Relationship& r) {
        if (r.organisation_id) std::tie(r.organisation_name_ja, r.organisation_name_en) = Org(*r.organisation_id);
        r.resolved_organisation_id.reset();
        r.resolved_name_ja.clear();
        r.resolved_name_en.clear();
        if (!r.organisation_id && !r.company_name.empty()) {
            r.resolved_organisation_id = Companies().Resolve(r.company_name);
            if (r.resolved_organisation_id)
                std::tie(r.resolved_name_ja, r.resolved_name_en) = Org(*r.resolved_organisation_id);
        }
    }
    void Fill(Declaration& d) {
        d.person = Ref(d.person.id);
        for (auto& r : d.relationships) Fill(r);
    }
    void Fill(Case& c) {
        c.person = Ref(c.person.id);
        if (c.decided_by) *c.decided_by = Ref(c.decided_by->id);
        std::tie(c.organisation_name_ja, c.organisation_name_en) = Org(c.organisation_id);
        auto it = projects_.find(c.project_id);
        if (it == projects_.end()) it = projects_.emplace(c.project_id, projects::FindProject(tx_, c.project_id)).first;
        if (it->second) {
            c.project_title_ja = it->second->title_ja;
            c.project_title_en = it->second->title_en;
        }
    }

private:
    db::Tx& tx_;
    std::map<std::string, std::optional<people::Person>> people_;
    std::optional<std::map<std::string, people::Organisation>> orgs_;
    std::optional<CompanyNameIndex> companies_;
    std::map<std::string, std::optional<projects::Project>> projects_;
};

// What the audit log keeps of a declaration: no companies, no amounts (admins read the log).
boost::json::value Snapshot(const Declaration& d) {
    return boost::json::object{{"person_id", d.person.id},
                               {"fiscal_year", d.fiscal_year},
                               {"nothing_to_declare", d.nothing_to_declare},
                               {"relationships", static_cast<long long>(d.relationships.size())}};
}

boost::json::value Snapshot(const Case& c) {
    boost::json::object o{{"project_id", c.project_id},
                          {"person_id", c.person.id},
                          {"organisation_id", c.organisation_id},
                          {"fiscal_year", c.fiscal_year},
                          {"status", c.status},
                          {"measures", c.measures}};
    o["decision"] = c.decision ? boost::json::value(*c.decision) : boost::json::value(nullptr);
    return o;
}

void RecordRead(db::Tx& tx, const Me& me, const Declaration& d, const std::string& via) {
    audit::Record(tx, me.person_id, "read", "coi_declaration", d.id, nullptr,
                  boost::json::object{{"person_id", d.person.id}, {"fiscal_year", d.fiscal_year}, {"via", via}});
}

void CheckFiscalYear(int fy) {
    int current = CurrentFiscalYear();
    if (fy < current - 1 || fy > current + 1)
        throw Invalid("fiscal_year", "declarations are filed for the previous, current or next fiscal year (" +
                                         std::to_string(current - 1) + "–" + std::to_string(current + 1) + ")");
}

std::vector<Relationship> CheckRelationships(Names& names, const std::vector<Relationship>& in) {
    if (in.size() > kMaxRelationships) throw Invalid("relationships", "at most 100 relationships");
    std::vector<Relationship> out;
    for (size_t i = 0; i < in.size(); ++i) {
        auto r = in[i];
        std::string row = "row " + std::to_string(i + 1) + ": ";
        r.id = NewId();
        if (!IsCategory(r.category))
            throw Invalid("relationships", row + "category must be consulting, lecture, equity, royalty, "
                                                 "research_funding, gift or position");
        if (r.organisation_id && !r.organisation_id->empty()) {
            auto& orgs = names.Organisations();
            auto it = orgs.find(*r.organisation_id);
            if (it == orgs.end()) throw Invalid("relationships", row + "no such organisation");
            r.company_name.clear();
        } else {
            r.organisation_id.reset();
            r.company_name = Trim(r.company_name);
            if (r.company_name.empty()) throw Invalid("relationships", row + "name the company (organisation_id or company_name)");
            if (Utf8Length(r.company_name) > 200 || !CleanUtf8(r.company_name, false))
                throw Invalid("relationships", row + "company_name must be at most 200 characters of text");
        }
        if (r.amount_yen < 0 || r.amount_yen > kMaxAmountYen)
            throw Invalid("relationships", row + "amount_yen must be between 0 and 1,000,000,000,000");
        r.note = Trim(r.note);
        if (Utf8Length(r.note) > 500 || !CleanUtf8(r.note, true))
            throw Invalid("relationships", row + "note must be at most 500 characters of text");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<std::string> PeopleWithRole(db::Tx& tx, const std::string& role) {
    std::vector<std::string> out;
    for (const auto& p : people::ListPeople(tx, "", role, "", 1)) out.push_back(p.id);
    return out;
}

void AskPerson(db::Tx& tx, const std::string& person_id, int fy) {
    std::string year = std::to_string(fy);
    inbox::Post(tx, {person_id, "coi.declare", kSource, DeclareKey(fy), year + "年度の利益相反自己申告",
                     "Declare conflicts of interest for FY" + year, "利益相反マネジメント", "Conflict of interest",
                     "/coi/declaration?fy=" + year, std::nullopt,
                     inbox::Action{"POST", "/api/coi/declarations/mine/nothing",
                                   boost::json::object{{"fiscal_year", fy}}, "申告事項なし", "Nothing to declare"}});
}

void PostCase(db::Tx& tx, Names& names, const Case& c) {
    Case shown = c;
    names.Fill(shown);
    auto person = names.Ref(c.person.id);
    std::string who_ja = person.name_ja, who_en = person.name_en.empty() ? person.name_ja : person.name_en;
    for (const auto& member : PeopleWithRole(tx, "coi_committee")) {
        if (member == c.person.id) continue;  // nobody reviews their own case
        inbox::Post(tx, {member, "coi.case", kSource, CaseKey(c.id), "利益相反の審査: " + who_ja,
                         "Review a conflict of interest: " + who_en,
                         shown.project_title_ja + " / " + shown.organisation_name_ja,
                         (shown.project_title_en.empty() ? shown.project_title_ja : shown.project_title_en) + " / " +
                             (shown.organisation_name_en.empty() ? shown.organisation_name_ja : shown.organisation_name_en),
                         CasePage(c.id), std::nullopt, std::nullopt});
    }
}

boost::json::value FindingsJson(const std::vector<Crossing>& crossings) { return boost::json::value_from(crossings); }

// The project's companies as group roots: its sponsor and partner organisations, and the
// companies its company members work for.
std::set<std::string> CompanyRoots(Names& names, const projects::Project& p) {
    auto tree = names.Tree();
    std::set<std::string> roots;
    for (const auto& o : p.organisations) roots.insert(GroupRoot(tree, o.organisation_id));
    for (const auto& m : p.members) {
        if (!m.organisation_id) continue;
        auto root = GroupRoot(tree, *m.organisation_id);
        auto it = tree.find(root);
        if (it != tree.end() && it->second.kind == "company") roots.insert(root);
    }
    return roots;
}

void ScanLoaded(db::Tx& tx, Names& names, const projects::Project& p, const std::optional<std::string>& actor) {
    if (p.status != "proposed" && p.status != "active") return;
    int fy = CurrentFiscalYear();
    auto thresholds = store::Thresholds(tx);
    auto tree = names.Tree();
    auto roots = CompanyRoots(names, p);
    std::map<std::string, std::set<std::string>> groups;
    for (const auto& root : roots) groups[root] = GroupOf(tree, root);
    bool active = p.status == "active";
    bool round_open = store::RoundOpened(tx, fy).has_value();
    Seconds now = Now();
    std::set<std::pair<std::string, std::string>> crossing_now;  // (person, root)

    for (const auto& m : p.members) {
        auto* person = names.Person(m.person.id);
        if (!person || !person->active || !MustDeclare(person->roles, active)) continue;
        auto decl = store::DeclarationOf(tx, m.person.id, fy);
        if (!decl && active && round_open) AskPerson(tx, m.person.id, fy);
        std::vector<Relationship> rels = decl ? decl->relationships : std::vector<Relationship>{};
        for (auto& r : rels) names.Fill(r);  // free-text companies resolved to registered ones
        for (const auto& [root, group] : groups) {
            auto crossings = Evaluate(rels, thresholds, group);
            if (!AnyCrossed(crossings)) continue;
            crossing_now.insert({m.person.id, root});
            auto fp = Fingerprint(crossings);
            auto existing = store::FindCaseFor(tx, p.id, m.person.id, root, fy);
            if (!existing) {
                Case c;
                c.id = NewId();
                c.project_id = p.id;
                c.person.id = m.person.id;
                c.organisation_id = root;
                c.fiscal_year = fy;
                c.status = "open";
                c.findings = FindingsJson(crossings);
                c.fingerprint = fp;
                c.created_at = c.updated_at = now;
                store::InsertCase(tx, c);
                audit::Record(tx, actor, "open", "coi_case", c.id, nullptr, Snapshot(c));
                PostCase(tx, names, c);
                continue;
            }
            if (existing->status == "open" && existing->fingerprint == fp) continue;
            if (existing->status == "decided" && existing->fingerprint == fp) continue;
            auto before = Snapshot(*existing);
            bool reopen = existing->status != "open";
            existing->status = "open";
            existing->findings = FindingsJson(crossings);
            existing->fingerprint = fp;
            if (reopen) {
                existing->decision.reset();
                existing->decided_by.reset();
                existing->decided_at.reset();
            }
            existing->updated_at = now;
            store::UpdateCase(tx, *existing);
            audit::Record(tx, actor, reopen ? "reopen" : "update", "coi_case", existing->id, before, Snapshot(*existing));
            if (reopen) PostCase(tx, names, *existing);
        }
    }
    // Open cases that no longer hold (the person left, the company left, the declaration changed),
    // and "not allowed" decisions whose relationship has ended while the person stays on the
    // project. Other decisions stay as the record of what was decided.
    store::CaseFilter f;
    f.project_id = p.id;
    f.fiscal_year = fy;
    for (auto c : store::Cases(tx, f)) {
        if (crossing_now.count({c.person.id, c.organisation_id})) continue;
        bool ended_not_allowed = c.status == "decided" && c.decision == "not_allowed" && p.FindMember(c.person.id);
        if (c.status != "open" && !ended_not_allowed) continue;
        auto before = Snapshot(c);
        c.status = "withdrawn";
        c.updated_at = now;
        store::UpdateCase(tx, c);
        audit::Record(tx, actor, "withdraw", "coi_case", c.id, before, Snapshot(c));
        inbox::Resolve(tx, kSource, CaseKey(c.id), actor, "cancelled");
    }
}

std::map<std::string, bool> ActiveMembers(db::Tx& tx) {
    std::map<std::string, bool> out;  // person -> member of an active project
    for (const auto& id : projects::ProjectIdsWithStatus(tx, "active")) {
        auto p = projects::FindProject(tx, id);
        if (!p) continue;
        for (const auto& m : p->members) out[m.person.id] = true;
    }
    return out;
}

void RescanPerson(db::Tx& tx, Names& names, const std::string& person_id, const std::optional<std::string>& actor) {
    for (const auto& id : projects::ProjectsOfMember(tx, person_id)) {
        auto p = projects::FindProject(tx, id);
        if (p) ScanLoaded(tx, names, *p, actor);
    }
}

// The project's panel is for whoever sees the project in full (projects' MaySeeFull): members,
// the office, the committee and admins. The COI committee reads a project through its cases.
bool MaySeeProject(const projects::Project& p, const Me& me) {
    if (me.HasAnyRole({"office", "committee", "admin"})) return true;
    return p.FindMember(me.person_id) != nullptr;
}

}  // namespace

void Install() {
    static std::once_flag once;
    std::call_once(once, [] {
        projects::RegisterRequirementCheck("coi_declared", [](db::Tx& tx, const std::string& id) { return Declared(tx, id); });
        projects::RegisterRequirementCheck("coi_cleared", [](db::Tx& tx, const std::string& id) { return Cleared(tx, id); });
        projects::OnProjectChanged([](db::Tx& tx, const projects::Project& p) {
            Names names(tx);
            ScanLoaded(tx, names, p, std::nullopt);
        });
    });
}

int CurrentFiscalYear() { return FiscalYearOf(TokyoDate(Now())); }

// ---- thresholds ----

std::vector<Threshold> ListThresholds(db::Tx& tx) { return Complete(store::Thresholds(tx)); }

std::vector<Threshold> UpdateThresholds(db::Tx& tx, const Me& me, const std::vector<Threshold>& in) {
    if (!me.HasAnyRole({"office", "admin"})) throw Forbidden("only the office sets the COI thresholds");
    if (in.empty()) throw Invalid("thresholds", "list at least one threshold");
    std::set<std::string> seen;
    for (const auto& t : in) {
        CheckThreshold(t);
        if (!seen.insert(t.category).second) throw Invalid("thresholds", "a category is listed twice: " + t.category);
    }
    auto before = boost::json::value_from(ListThresholds(tx));
    for (auto t : in) {
        if (t.rule != "amount") t.amount_yen = 0;
        store::UpsertThreshold(tx, t, me.person_id);
    }
    auto after = ListThresholds(tx);
    audit::Record(tx, me.person_id, "update", "coi_thresholds", "coi", before, boost::json::value_from(after));
    ScanAll(tx, me.person_id);
    return after;
}

// ---- declarations ----

Declaration File(db::Tx& tx, const Me& me, const DeclarationInput& in) {
    CheckFiscalYear(in.fiscal_year);
    Names names(tx);
    auto rels = CheckRelationships(names, in.relationships);
    if (in.nothing_to_declare && !rels.empty())
        throw Invalid("relationships", "a declaration of nothing to declare lists no relationships");
    if (!in.nothing_to_declare && rels.empty())
        throw Invalid("relationships", "list at least one relationship, or declare that there is nothing to declare");
    auto existing = store::DeclarationOf(tx, me.person_id, in.fiscal_year);
    Declaration d;
    Seconds now = Now();
    if (existing) {
        d = *existing;
        d.nothing_to_declare = in.nothing_to_declare;
        d.relationships = rels;
        d.updated_at = now;
        store::UpdateDeclaration(tx, d);
    } else {
        d.id = NewId();
        d.person.id = me.person_id;
        d.fiscal_year = in.fiscal_year;
        d.nothing_to_declare = in.nothing_to_declare;
        d.relationships = rels;
        d.filed_at = d.updated_at = now;
        store::InsertDeclaration(tx, d);
    }
    store::ReplaceRelationships(tx, d.id, d.relationships);
    audit::Record(tx, me.person_id, existing ? "update" : "file", "coi_declaration", d.id,
                  existing ? Snapshot(*existing) : boost::json::value(nullptr), Snapshot(d));
    inbox::ResolveFor(tx, kSource, DeclareKey(in.fiscal_year), me.person_id, me.person_id, "done");
    if (in.fiscal_year == CurrentFiscalYear()) RescanPerson(tx, names, me.person_id, me.person_id);
    names.Fill(d);
    return d;
}

Declaration NothingToDeclare(db::Tx& tx, const Me& me, int fiscal_year) {
    CheckFiscalYear(fiscal_year);
    auto existing = store::DeclarationOf(tx, me.person_id, fiscal_year);
    if (existing && !existing->relationships.empty())
        throw Error{ErrorCode::kConflict, "relationships",
                    "this year's declaration lists relationships; change it on the declaration page"};
    if (existing) {
        inbox::ResolveFor(tx, kSource, DeclareKey(fiscal_year), me.person_id, me.person_id, "done");
        Names names(tx);
        names.Fill(*existing);
        return *existing;
    }
    return File(tx, me, {fiscal_year, true, {}});
}

boost::json::value MyDeclarationJson(db::Tx& tx, const Me& me, int fiscal_year) {
    CheckFiscalYear(fiscal_year);
    Names names(tx);
    auto d = store::DeclarationOf(tx, me.person_id, fiscal_year);
    boost::json::object o{{"fiscal_year", fiscal_year}, {"current_fiscal_year", CurrentFiscalYear()}};
    if (d) {
        names.Fill(*d);
        RecordRead(tx, me, *d, "mine");
        o["declaration"] = boost::json::value_from(*d);
    } else {
        o["declaration"] = nullptr;
    }
    // Last year's answers, to pre-fill the form.
    auto last = store::DeclarationOf(tx, me.person_id, fiscal_year - 1);
    boost::json::array prefill;
    if (last) {
        names.Fill(*last);
        RecordRead(tx, me, *last, "prefill");
        for (auto r : last->relationships) {
            r.id.clear();
            prefill.push_back(boost::json::value_from(r));
        }
    }
    o["prefill"] = std::move(prefill);
    o["prefill_from"] = last ? boost::json::value(fiscal_year - 1) : boost::json::value(nullptr);
    o["thresholds"] = boost::json::value_from(ListThresholds(tx));
    return o;
}

Declaration ReadDeclaration(db::Tx& tx, const Me& me, const std::string& id) {
    auto d = store::FindDeclaration(tx, id);
    if (!d || !MayReadDeclaration(d->person.id, me.person_id, IsOffice(me), IsCoiCommittee(me)))
        throw NotFound("declaration");
    Names names(tx);
    names.Fill(*d);
    RecordRead(tx, me, *d, "declaration");
    return *d;
}

boost::json::value StatusJson(db::Tx& tx, const Me& me, int fiscal_year) {
    if (!MaySeeAll(me)) throw Forbidden("only the office and the COI committee see who has declared");
    auto declared = store::DeclarationsForYear(tx, fiscal_year);
    auto active = ActiveMembers(tx);
    Names names(tx);
    boost::json::array rows;
    int must = 0, filed = 0;
    for (const auto& p : people::ListPeople(tx, "", "", "", 1)) {
        bool member = active.count(p.id) > 0;
        bool must_declare = MustDeclare(p.roles, member);
        auto it = declared.find(p.id);
        if (!must_declare && it == declared.end()) continue;
        boost::json::object row{{"person", boost::json::value_from(PersonRef{p.id, p.name_ja, p.name_en})},
                                {"roles", boost::json::value_from(p.roles)},
                                {"member_of_active_project", member},
                                {"must_declare", must_declare}};
        if (p.organisation_id) {
            auto [ja, en] = names.Org(*p.organisation_id);
            row["organisation"] = {{"id", *p.organisation_id}, {"name_ja", ja}, {"name_en", en}};
        } else {
            row["organisation"] = nullptr;
        }
        if (it != declared.end()) {
            row["declaration"] = {{"id", it->second.id},
                                  {"filed_at", FormatUtc(it->second.filed_at)},
                                  {"updated_at", FormatUtc(it->second.updated_at)}};
        } else {
            row["declaration"] = nullptr;
        }
        if (must_declare) {
            ++must;
            if (it != declared.end()) ++filed;
        }
        rows.push_back(std::move(row));
    }
    auto round = store::RoundOpened(tx, fiscal_year);
    return boost::json::object{{"fiscal_year", fiscal_year},
                               {"round_opened_at", round ? boost::json::value(FormatUtc(*round)) : boost::json::value(nullptr)},
                               {"must_declare", must},
                               {"filed", filed},
                               {"missing", must - filed},
                               {"people", std::move(rows)}};
}

int AskToDeclare(db::Tx& tx, const Me& me, int fiscal_year) {
    if (!IsOffice(me)) throw Forbidden("only the office asks for declarations");
    CheckFiscalYear(fiscal_year);
    store::OpenRound(tx, fiscal_year, me.person_id);
    auto declared = store::DeclarationsForYear(tx, fiscal_year);
    auto active = ActiveMembers(tx);
    int asked = 0;
    for (const auto& p : people::ListPeople(tx, "", "", "", 1)) {
        if (!MustDeclare(p.roles, active.count(p.id) > 0) || declared.count(p.id)) continue;
        AskPerson(tx, p.id, fiscal_year);
        ++asked;
    }
    audit::Record(tx, me.person_id, "ask_to_declare", "coi_declaration", std::to_string(fiscal_year), nullptr,
                  boost::json::object{{"fiscal_year", fiscal_year}, {"asked", asked}});
    return asked;
}

// ---- cases ----

boost::json::value CasesJson(db::Tx& tx, const Me& me, const std::string& status) {
    if (!status.empty() && !IsCaseStatus(status)) throw Invalid("status", "status must be open, decided or withdrawn");
    store::CaseFilter f;
    f.status = status;
    if (!MaySeeAll(me)) f.person_id = me.person_id;
    Names names(tx);
    boost::json::array out;
    for (auto c : store::Cases(tx, f)) {
        names.Fill(c);
        boost::json::array categories;
        if (c.findings.is_array())
            for (const auto& x : c.findings.as_array())
                if (x.is_object() && x.as_object().if_contains("crossed") && x.at("crossed").as_bool())
                    categories.push_back(x.at("category"));
        auto v = boost::json::value_from(c);
        auto& o = v.as_object();
        o.erase("findings");  // amounts only on the case page, whose reads are audited
        o["categories"] = std::move(categories);
        out.push_back(std::move(v));
    }
    return out;
}

boost::json::value CaseJson(db::Tx& tx, const Me& me, const std::string& id) {
    auto c = store::FindCase(tx, id);
    if (!c || (!MaySeeAll(me) && c->person.id != me.person_id)) throw NotFound("case");
    Names names(tx);
    names.Fill(*c);
    auto v = boost::json::value_from(*c);
    auto& o = v.as_object();
    // The person, with organisation and roles.
    if (auto* person = names.Person(c->person.id)) {
        auto& po = o["person"].as_object();
        po["roles"] = boost::json::value_from(person->roles);
        if (person->organisation_id) {
            auto [ja, en] = names.Org(*person->organisation_id);
            po["organisation"] = {{"id", *person->organisation_id}, {"name_ja", ja}, {"name_en", en}};
        }
    }
    // The project: stage, members, companies.
    if (auto p = projects::FindProject(tx, c->project_id)) {
        auto& po = o["project"].as_object();
        po["status"] = p->status;
        po["stage"] = p->stage;
        const auto* m = p->FindMember(c->person.id);
        po["person_role"] = m ? boost::json::value(m->role) : boost::json::value(nullptr);
        boost::json::array members;
        for (const auto& mm : p->members)
            members.push_back({{"person", boost::json::value_from(names.Ref(mm.person.id))}, {"role", mm.role}});
        po["members"] = std::move(members);
        boost::json::array orgs;
        for (const auto& x : p->organisations) {
            auto [ja, en] = names.Org(x.organisation_id);
            orgs.push_back({{"id", x.organisation_id}, {"role", x.role}, {"name_ja", ja}, {"name_en", en}});
        }
        po["organisations"] = std::move(orgs);
        boost::json::array companies;
        for (const auto& root : CompanyRoots(names, *p)) {
            auto [ja, en] = names.Org(root);
            companies.push_back({{"id", root}, {"name_ja", ja}, {"name_en", en}});
        }
        po["companies"] = std::move(companies);
    }
    // The company group and the relationships with it, from the year's declaration.
    auto tree = names.Tree();
    auto group = GroupOf(tree, c->organisation_id);
    boost::json::array group_json;
    for (const auto& g : group) {
        auto [ja, en] = names.Org(g);
        group_json.push_back({{"id", g}, {"name_ja", ja}, {"name_en", en}});
    }
    o["group"] = std::move(group_json);
    auto d = store::DeclarationOf(tx, c->person.id, c->fiscal_year);
    boost::json::array rels;
    if (d) {
        names.Fill(*d);
        RecordRead(tx, me, *d, "case:" + c->id);
        for (const auto& r : d->relationships)
            if (r.CountsFor() && group.count(*r.CountsFor())) rels.push_back(boost::json::value_from(r));
        o["declaration"] = {{"id", d->id}, {"filed_at", FormatUtc(d->filed_at)}, {"updated_at", FormatUtc(d->updated_at)}};
        // What the figures come to now, with the thresholds in force.
        o["current"] = FindingsJson(Evaluate(d->relationships, store::Thresholds(tx), group));
    } else {
        o["declaration"] = nullptr;
        o["current"] = boost::json::array{};
    }
    o["relationships"] = std::move(rels);
    o["thresholds"] = boost::json::value_from(ListThresholds(tx));
    o["may_decide"] = IsCoiCommittee(me) && c->person.id != me.person_id && c->status == "open";
    return v;
}

Case Decide(db::Tx& tx, const Me& me, const std::string& id, const std::string& decision, const std::string& measures) {
    auto c = store::FindCase(tx, id);
    if (!c || (!MaySeeAll(me) && c->person.id != me.person_id)) throw NotFound("case");
    if (!IsCoiCommittee(me)) throw Forbidden("only the COI committee decides cases");
    if (c->person.id == me.person_id) throw Forbidden("a committee member does not decide their own case");
    if (c->status != "open") throw Error{ErrorCode::kConflict, "status", "the case is not open"};
    if (!IsDecision(decision)) throw Invalid("decision", "decision must be no_conflict, manageable or not_allowed");
    std::string text = Trim(measures);
    if (Utf8Length(text) > 4000 || !CleanUtf8(text, true))
        throw Invalid("measures", "measures must be at most 4000 characters of text");
    if (decision == "manageable" && text.empty())
        throw Invalid("measures", "a manageable conflict needs the measures that manage it");
    auto before = Snapshot(*c);
    c->status = "decided";
    c->decision = decision;
    c->measures = text;
    c->decided_by = PersonRef{me.person_id, "", ""};
    c->decided_at = c->updated_at = Now();
    store::UpdateCase(tx, *c);
    audit::Record(tx, me.person_id, "decide", "coi_case", c->id, before, Snapshot(*c));
    inbox::Resolve(tx, kSource, CaseKey(c->id), me.person_id, "done");
    Names names(tx);
    names.Fill(*c);
    // The person concerned hears the outcome (the measures are on the case and the project).
    static const std::map<std::string, std::pair<std::string, std::string>> kLabels = {
        {"no_conflict", {"利益相反なし", "no conflict"}},
        {"manageable", {"管理のもとで可", "manageable with measures"}},
        {"not_allowed", {"参加不可", "not allowed"}}};
    const auto& label = kLabels.at(decision);
    notifications::Notify(tx, c->person.id, "coi_decided",
                          "利益相反の審査結果（" + c->project_title_ja + "）: " + label.first,
                          "COI review (" + (c->project_title_en.empty() ? c->project_title_ja : c->project_title_en) +
                              "): " + label.second,
                          CasePage(c->id));
    return *c;
}

// ---- projects ----

boost::json::value ProjectJson(db::Tx& tx, const Me& me, const std::string& project_id) {
    auto p = projects::FindProject(tx, project_id);
    if (!p || !MaySeeProject(*p, me)) throw NotFound("project");
    int fy = CurrentFiscalYear();
    Names names(tx);
    bool active = p->status == "active";
    boost::json::array members;
    int missing = 0;
    for (const auto& m : p->members) {
        auto* person = names.Person(m.person.id);
        bool must = person && person->active && MustDeclare(person->roles, active);
        bool declared = store::DeclarationOf(tx, m.person.id, fy).has_value();
        if (must && !declared) ++missing;
        members.push_back({{"person", boost::json::value_from(names.Ref(m.person.id))},
                           {"role", m.role},
                           {"must_declare", must},
                           {"declared", declared}});
    }
    store::CaseFilter f;
    f.project_id = p->id;
    boost::json::array cases;
    int open = 0;
    for (auto c : store::Cases(tx, f)) {
        if (c.status == "withdrawn") continue;
        if (c.status == "open" && c.fiscal_year == fy) ++open;
        names.Fill(c);
        auto v = boost::json::value_from(c);
        v.as_object().erase("findings");
        cases.push_back(std::move(v));
    }
    boost::json::array companies;
    for (const auto& root : CompanyRoots(names, *p)) {
        auto [ja, en] = names.Org(root);
        companies.push_back({{"id", root}, {"name_ja", ja}, {"name_en", en}});
    }
    return boost::json::object{{"project_id", p->id},
                               {"fiscal_year", fy},
                               {"cleared", Cleared(tx, p->id)},
                               {"missing_declarations", missing},
                               {"open_cases", open},
                               {"companies", std::move(companies)},
                               {"members", std::move(members)},
                               {"cases", std::move(cases)}};
}

bool Declared(db::Tx& tx, const std::string& project_id) {
    auto p = projects::FindProject(tx, project_id);
    if (!p) return false;
    int fy = CurrentFiscalYear();
    Names names(tx);
    bool active = p->status == "active";
    for (const auto& m : p->members) {
        auto* person = names.Person(m.person.id);
        if (!person || !person->active || !MustDeclare(person->roles, active)) continue;
        if (!store::DeclarationOf(tx, m.person.id, fy)) return false;
    }
    return true;
}

bool Cleared(db::Tx& tx, const std::string& project_id) {
    auto p = projects::FindProject(tx, project_id);
    if (!p || !Declared(tx, project_id)) return false;
    int fy = CurrentFiscalYear();
    std::set<std::string> members;
    for (const auto& m : p->members) members.insert(m.person.id);
    store::CaseFilter f;
    f.project_id = project_id;
    f.fiscal_year = fy;
    for (const auto& c : store::Cases(tx, f)) {
        if (c.status == "open" && members.count(c.person.id)) return false;
        if (c.status == "decided" && c.decision == "not_allowed" && members.count(c.person.id)) return false;
    }
    return true;
}

void ScanProject(db::Tx& tx, const std::string& project_id, const std::optional<std::string>& actor) {
    auto p = projects::FindProject(tx, project_id);
    if (!p) return;
    Names names(tx);
    ScanLoaded(tx, names, *p, actor);
}

void ScanAll(db::Tx& tx, const std::optional<std::string>& actor) {
    Names names(tx);
    for (const char* status : {"proposed", "active"})
        for (const auto& id : projects::ProjectIdsWithStatus(tx, status)) {
            auto p = projects::FindProject(tx, id);
            if (p) ScanLoaded(tx, names, *p, actor);
        }
}

}  // namespace renkei::coi
