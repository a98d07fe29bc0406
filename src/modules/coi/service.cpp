#include "modules/coi/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

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

// Names of people and organisations, looked up once per request; a list of cases loads the names
// of everyone it names first (Load: one query).
class Names {
  public:
    explicit Names(db::Tx& tx) : tx_(tx), book_(tx) {}
    void Load(const std::vector<Case>& cases) {
        std::vector<std::string> ids;
        for (const auto& c : cases) {
            ids.push_back(c.person.id);
            if (c.decided_by) ids.push_back(c.decided_by->id);
        }
        book_.Load(ids);
    }
    const people::Person* Person(const std::string& id) {
        auto it = people_.find(id);
        if (it != people_.end()) return it->second ? &*it->second : nullptr;
        return (people_[id] = people::FindPerson(tx_, id)) ? &*people_[id] : nullptr;
    }
    PersonRef Ref(const std::string& id) {
        const auto& n = book_.Of(id);
        return PersonRef{id, n.name_ja, n.name_en};
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
    people::NameBook book_;
    std::map<std::string, std::optional<people::Person>> people_;
    std::optional<std::map<std::string, people::Organisation>> orgs_;
    std::optional<CompanyNameIndex> companies_;
    std::map<std::string, std::optional<projects::Project>> projects_;
};

OrgRef OrgRefOf(Names& names, const std::string& id) {
    auto [ja, en] = names.Org(id);
    return OrgRef{id, ja, en};
}

std::vector<std::string> MemberIds(const projects::Project& p) {
    std::vector<std::string> out;
    for (const auto& m : p.members) out.push_back(m.person.id);
    return out;
}

// What the audit log keeps of a declaration: no companies, no amounts (admins read the log).
boost::json::value Snapshot(const Declaration& d) {
    return boost::json::object{{"person_id", d.person.id},
                               {"fiscal_year", d.fiscal_year},
                               {"nothing_to_declare", d.nothing_to_declare},
                               {"relationships", static_cast<long long>(d.relationships.size())}};
}

boost::json::value Snapshot(const Case& c) {
    boost::json::object o{{"project_id", c.project_id},           {"person_id", c.person.id},
                          {"organisation_id", c.organisation_id}, {"fiscal_year", c.fiscal_year},
                          {"status", ToText(c.status)},           {"measures", c.measures}};
    o["decision"] = c.decision ? boost::json::value(ToText(*c.decision)) : boost::json::value(nullptr);
    return o;
}

void RecordRead(db::Tx& tx, const Me& me, const Declaration& d, const std::string& via) {
    audit::Record(tx, me.person_id, "read", "coi_declaration", d.id, nullptr,
                  boost::json::object{{"person_id", d.person.id}, {"fiscal_year", d.fiscal_year}, {"via", via}});
}

void CheckFiscalYear(int fy, Seconds now) {
    int current = CurrentFiscalYear(now);
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
            throw Invalid("relationships", row +
                                               "category must be consulting, lecture, equity, royalty, "
                                               "research_funding, gift or position");
        if (r.organisation_id && !r.organisation_id->empty()) {
            auto& orgs = names.Organisations();
            auto it = orgs.find(*r.organisation_id);
            if (it == orgs.end()) throw Invalid("relationships", row + "no such organisation");
            r.company_name.clear();
        } else {
            r.organisation_id.reset();
            r.company_name = Trim(r.company_name);
            if (r.company_name.empty())
                throw Invalid("relationships", row + "name the company (organisation_id or company_name)");
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

void AskPerson(db::Tx& tx, const std::string& person_id, int fy, Seconds now) {
    std::string year = std::to_string(fy);
    inbox::Post(tx,
                {person_id, "coi.declare", kSource, DeclareKey(fy), year + "年度の利益相反自己申告",
                 "Declare conflicts of interest for FY" + year, "利益相反マネジメント", "Conflict of interest",
                 "/coi/declaration?fy=" + year, TokyoDate(now + std::chrono::days{kDeclarationDays}),
                 inbox::Action{"POST", "/api/coi/declarations/mine/nothing", boost::json::object{{"fiscal_year", fy}},
                               "申告事項なし", "Nothing to declare"}},
                now);
}

void PostCase(db::Tx& tx, Names& names, const Case& c, Seconds now) {
    Case shown = c;
    names.Fill(shown);
    auto person = names.Ref(c.person.id);
    std::string who_ja = person.name_ja, who_en = person.name_en.empty() ? person.name_ja : person.name_en;
    for (const auto& member : PeopleWithRole(tx, "coi_committee")) {
        if (member == c.person.id) continue;  // nobody reviews their own case
        inbox::Post(
            tx,
            {member, "coi.case", kSource, CaseKey(c.id), "利益相反の審査: " + who_ja,
             "Review a conflict of interest: " + who_en, shown.project_title_ja + " / " + shown.organisation_name_ja,
             (shown.project_title_en.empty() ? shown.project_title_ja : shown.project_title_en) + " / " +
                 (shown.organisation_name_en.empty() ? shown.organisation_name_ja : shown.organisation_name_en),
             CasePage(c.id), std::nullopt, std::nullopt},
            now);
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

void ScanLoaded(db::Tx& tx, Names& names, const projects::Project& p, const std::optional<std::string>& actor,
                Seconds now) {
    if (p.status != projects::Status::kProposed && p.status != projects::Status::kActive) return;
    int fy = CurrentFiscalYear(now);
    auto thresholds = store::Thresholds(tx);
    auto tree = names.Tree();
    auto roots = CompanyRoots(names, p);
    std::map<std::string, std::set<std::string>> groups;
    for (const auto& root : roots) groups[root] = GroupOf(tree, root);
    bool active = p.status == projects::Status::kActive;
    bool round_open = store::RoundOpened(tx, fy).has_value();
    std::set<std::pair<std::string, std::string>> crossing_now;  // (person, root)

    // The members' declarations and the project's cases of the year, each in one read.
    std::vector<std::string> member_ids;
    for (const auto& m : p.members) member_ids.push_back(m.person.id);
    auto declarations = store::DeclarationsOf(tx, member_ids, fy);
    store::CaseFilter f;
    f.project_id = p.id;
    f.fiscal_year = fy;
    auto cases = store::Cases(tx, f);
    std::map<std::tuple<std::string, std::string>, Case*> case_of;  // (person, organisation)
    for (auto& c : cases) case_of.emplace(std::make_tuple(c.person.id, c.organisation_id), &c);

    for (const auto& m : p.members) {
        auto* person = names.Person(m.person.id);
        if (!person || !person->active || !MustDeclare(person->roles, active)) continue;
        auto decl = declarations.find(m.person.id);
        bool declared = decl != declarations.end();
        if (!declared && active && round_open) AskPerson(tx, m.person.id, fy, now);
        std::vector<Relationship> rels = declared ? decl->second.relationships : std::vector<Relationship>{};
        for (auto& r : rels) names.Fill(r);  // free-text companies resolved to registered ones
        for (const auto& [root, group] : groups) {
            auto crossings = Evaluate(rels, thresholds, group);
            if (!AnyCrossed(crossings)) continue;
            crossing_now.insert({m.person.id, root});
            auto fp = Fingerprint(crossings);
            auto found = case_of.find(std::make_tuple(m.person.id, root));
            if (found == case_of.end()) {
                Case c;
                c.id = NewId();
                c.project_id = p.id;
                c.person.id = m.person.id;
                c.organisation_id = root;
                c.fiscal_year = fy;
                c.status = CaseStatus::kOpen;
                c.findings = FindingsJson(crossings);
                c.fingerprint = fp;
                c.created_at = c.updated_at = now;
                store::InsertCase(tx, c);
                audit::Record(tx, actor, "open", "coi_case", c.id, nullptr, Snapshot(c));
                PostCase(tx, names, c, now);
                continue;
            }
            Case& existing = *found->second;
            if (existing.status == CaseStatus::kOpen && existing.fingerprint == fp) continue;
            if (existing.status == CaseStatus::kDecided && existing.fingerprint == fp) continue;
            auto before = Snapshot(existing);
            bool reopen = existing.status != CaseStatus::kOpen;
            existing.status = CaseStatus::kOpen;
            existing.findings = FindingsJson(crossings);
            existing.fingerprint = fp;
            if (reopen) {
                existing.decision.reset();
                existing.decided_by.reset();
                existing.decided_at.reset();
            }
            existing.updated_at = now;
            store::UpdateCase(tx, existing);
            audit::Record(tx, actor, reopen ? "reopen" : "update", "coi_case", existing.id, before, Snapshot(existing));
            if (reopen) PostCase(tx, names, existing, now);
        }
    }
    // Open cases that no longer hold (the person left, the company left, the declaration changed),
    // and "not allowed" decisions whose relationship has ended while the person stays on the
    // project. Other decisions stay as the record of what was decided. (Cases still crossing were
    // the only ones changed above, so the list read before is current for the others.)
    for (auto& c : cases) {
        if (crossing_now.count({c.person.id, c.organisation_id})) continue;
        bool ended_not_allowed =
            c.status == CaseStatus::kDecided && c.decision == Decision::kNotAllowed && p.FindMember(c.person.id);
        if (c.status != CaseStatus::kOpen && !ended_not_allowed) continue;
        auto before = Snapshot(c);
        c.status = CaseStatus::kWithdrawn;
        c.updated_at = now;
        store::UpdateCase(tx, c);
        audit::Record(tx, actor, "withdraw", "coi_case", c.id, before, Snapshot(c));
        inbox::Resolve(tx, kSource, CaseKey(c.id), actor, now, "cancelled");
    }
}

std::map<std::string, bool> ActiveMembers(db::Tx& tx) {
    std::map<std::string, bool> out;  // person -> member of an active project
    for (const auto& id : projects::ProjectIdsWithStatus(tx, projects::Status::kActive)) {
        auto p = projects::FindProject(tx, id);
        if (!p) continue;
        for (const auto& m : p->members) out[m.person.id] = true;
    }
    return out;
}

void RescanPerson(db::Tx& tx, Names& names, const std::string& person_id, const std::optional<std::string>& actor,
                  Seconds now) {
    for (const auto& id : projects::ProjectsOfMember(tx, person_id)) {
        auto p = projects::FindProject(tx, id);
        if (p) ScanLoaded(tx, names, *p, actor, now);
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
    // The projects module's hooks pass on the clock reading of the request that runs them.
    std::call_once(once, [] {
        projects::RegisterRequirementCheck(
            "coi_declared", [](db::Tx& tx, const std::string& id, Seconds now) { return Declared(tx, id, now); });
        projects::RegisterRequirementCheck(
            "coi_cleared", [](db::Tx& tx, const std::string& id, Seconds now) { return Cleared(tx, id, now); });
        projects::OnProjectChanged([](db::Tx& tx, const projects::Project& p, Seconds now) {
            Names names(tx);
            ScanLoaded(tx, names, p, std::nullopt, now);
        });
    });
}

int CurrentFiscalYear(Seconds now) { return FiscalYearOf(TokyoDay(now)); }

std::map<std::string, Declaration> DeclarationsForModule(db::Tx& tx, const std::vector<std::string>& people,
                                                         int fiscal_year) {
    if (people.empty()) return {};
    return store::DeclarationsOf(tx, people, fiscal_year);
}

std::map<std::string, std::set<std::string>> DeclaredCompanyGroups(db::Tx& tx, const std::vector<std::string>& people,
                                                                   int fiscal_year) {
    std::map<std::string, std::set<std::string>> out;
    if (people.empty()) return out;
    Names names(tx);
    auto tree = names.Tree();
    for (auto& [person, declaration] : store::DeclarationsOf(tx, people, fiscal_year)) {
        for (auto& r : declaration.relationships) {
            names.Fill(r);
            if (const auto& org = r.CountsFor()) out[person].insert(GroupRoot(tree, *org));
        }
    }
    return out;
}

std::string CompanyGroupOf(db::Tx& tx, const std::string& organisation_id) {
    Names names(tx);
    return GroupRoot(names.Tree(), organisation_id);
}

// ---- thresholds ----

std::vector<Threshold> ListThresholds(db::Tx& tx) { return Complete(store::Thresholds(tx)); }

std::vector<Threshold> UpdateThresholds(db::Tx& tx, const Me& me, const std::vector<Threshold>& in, Seconds now) {
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
        store::UpsertThreshold(tx, t, me.person_id, now);
    }
    auto after = ListThresholds(tx);
    audit::Record(tx, me.person_id, "update", "coi_thresholds", "coi", before, boost::json::value_from(after));
    ScanAll(tx, me.person_id, now);
    return after;
}

// ---- declarations ----

Declaration File(db::Tx& tx, const Me& me, const DeclarationInput& in, Seconds now) {
    CheckFiscalYear(in.fiscal_year, now);
    Names names(tx);
    auto rels = CheckRelationships(names, in.relationships);
    if (in.nothing_to_declare && !rels.empty())
        throw Invalid("relationships", "a declaration of nothing to declare lists no relationships");
    if (!in.nothing_to_declare && rels.empty())
        throw Invalid("relationships", "list at least one relationship, or declare that there is nothing to declare");
    auto existing = store::DeclarationOf(tx, me.person_id, in.fiscal_year);
    Declaration d;
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
    inbox::ResolveFor(tx, kSource, DeclareKey(in.fiscal_year), me.person_id, me.person_id, now, "done");
    if (in.fiscal_year == CurrentFiscalYear(now)) RescanPerson(tx, names, me.person_id, me.person_id, now);
    names.Fill(d);
    return d;
}

Declaration NothingToDeclare(db::Tx& tx, const Me& me, int fiscal_year, Seconds now) {
    CheckFiscalYear(fiscal_year, now);
    auto existing = store::DeclarationOf(tx, me.person_id, fiscal_year);
    if (existing && !existing->relationships.empty())
        throw Error{ErrorCode::kConflict, "relationships",
                    "this year's declaration lists relationships; change it on the declaration page"};
    if (existing) {
        inbox::ResolveFor(tx, kSource, DeclareKey(fiscal_year), me.person_id, me.person_id, now, "done");
        Names names(tx);
        names.Fill(*existing);
        return *existing;
    }
    return File(tx, me, {fiscal_year, true, {}}, now);
}

MyDeclaration ReadMyDeclaration(db::Tx& tx, const Me& me, int fiscal_year, Seconds now) {
    CheckFiscalYear(fiscal_year, now);
    Names names(tx);
    MyDeclaration out;
    out.fiscal_year = fiscal_year;
    out.current_fiscal_year = CurrentFiscalYear(now);
    out.declaration = store::DeclarationOf(tx, me.person_id, fiscal_year);
    if (out.declaration) {
        names.Fill(*out.declaration);
        RecordRead(tx, me, *out.declaration, "mine");
    }
    // Last year's answers, to pre-fill the form.
    if (auto last = store::DeclarationOf(tx, me.person_id, fiscal_year - 1)) {
        names.Fill(*last);
        RecordRead(tx, me, *last, "prefill");
        for (auto r : last->relationships) {
            r.id.clear();
            out.prefill.push_back(std::move(r));
        }
        out.prefill_from = fiscal_year - 1;
    }
    out.thresholds = ListThresholds(tx);
    return out;
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

YearStatus DeclarationStatus(db::Tx& tx, const Me& me, int fiscal_year) {
    if (!MaySeeAll(me)) throw Forbidden("only the office and the COI committee see who has declared");
    auto declared = store::DeclarationsForYear(tx, fiscal_year);
    auto active = ActiveMembers(tx);
    Names names(tx);
    YearStatus out;
    out.fiscal_year = fiscal_year;
    for (const auto& p : people::ListPeople(tx, "", "", "", 1)) {
        bool member = active.count(p.id) > 0;
        bool must_declare = MustDeclare(p.roles, member);
        auto it = declared.find(p.id);
        if (!must_declare && it == declared.end()) continue;
        DeclarerStatus row;
        row.person = PersonRef{p.id, p.name_ja, p.name_en};
        row.roles = p.roles;
        row.member_of_active_project = member;
        row.must_declare = must_declare;
        if (p.organisation_id) row.organisation = OrgRefOf(names, *p.organisation_id);
        if (it != declared.end())
            row.declaration = DeclarationStamp{it->second.id, it->second.filed_at, it->second.updated_at};
        if (must_declare) {
            ++out.must_declare;
            if (it != declared.end()) ++out.filed;
        }
        out.people.push_back(std::move(row));
    }
    out.round_opened_at = store::RoundOpened(tx, fiscal_year);
    return out;
}

int AskToDeclare(db::Tx& tx, const Me& me, int fiscal_year, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office asks for declarations");
    CheckFiscalYear(fiscal_year, now);
    store::OpenRound(tx, fiscal_year, me.person_id, now);
    auto declared = store::DeclarationsForYear(tx, fiscal_year);
    auto active = ActiveMembers(tx);
    int asked = 0;
    for (const auto& p : people::ListPeople(tx, "", "", "", 1)) {
        if (!MustDeclare(p.roles, active.count(p.id) > 0) || declared.count(p.id)) continue;
        AskPerson(tx, p.id, fiscal_year, now);
        ++asked;
    }
    audit::Record(tx, me.person_id, "ask_to_declare", "coi_declaration", std::to_string(fiscal_year), nullptr,
                  boost::json::object{{"fiscal_year", fiscal_year}, {"asked", asked}});
    return asked;
}

// ---- cases ----

std::vector<CaseSummary> ListCases(db::Tx& tx, const Me& me, const std::string& status) {
    store::CaseFilter f;
    if (!status.empty() && !(f.status = CaseStatusFromText(status)))
        throw Invalid("status", "status must be open, decided or withdrawn");
    if (!MaySeeAll(me)) f.person_id = me.person_id;
    Names names(tx);
    std::vector<CaseSummary> out;
    auto cases = store::Cases(tx, f);
    names.Load(cases);
    for (auto& c : cases) {
        names.Fill(c);
        CaseSummary item;
        if (c.findings.is_array())
            for (const auto& x : c.findings.as_array())
                if (x.is_object() && x.as_object().if_contains("crossed") && x.at("crossed").as_bool() &&
                    x.at("category").is_string())
                    item.categories.emplace_back(x.at("category").as_string());
        item.kase = std::move(c);
        out.push_back(std::move(item));
    }
    return out;
}

office::Table ExportCases(db::Tx& tx, const Me& me, const std::string& status, const std::string& language,
                          Seconds now) {
    if (!MaySeeAll(me)) throw Forbidden("the list of COI cases is for the office and the COI committee");
    auto cases = ListCases(tx, me, status);
    bool en = language == "en";
    static const std::map<std::string, std::pair<std::string, std::string>> category_labels = {
        {"consulting", {"顧問料・コンサルティング料", "consulting"}},
        {"lecture", {"講演料・原稿料", "lectures"}},
        {"equity", {"株式・新株予約権", "equity"}},
        {"royalty", {"特許使用料・ロイヤリティ", "royalties"}},
        {"research_funding", {"研究費・寄附金", "research funding"}},
        {"gift", {"贈答・接待", "gifts"}},
        {"position", {"役員・顧問などの職", "positions"}}};
    static const std::map<CaseStatus, std::pair<std::string, std::string>> status_labels = {
        {CaseStatus::kOpen, {"審査中", "open"}},
        {CaseStatus::kDecided, {"決定済み", "decided"}},
        {CaseStatus::kWithdrawn, {"取り下げ", "withdrawn"}}};
    office::Table t{
        .sheet = en ? "COI cases" : "利益相反審査",
        .title = en ? "COI cases" : "利益相反審査案件一覧",
        .lines = {TokyoDate(now)},
        .head =
            en ? std::vector<std::string>{"ID", "Declarant", "Fiscal year", "Project", "Company", "Categories crossed",
                                          "Status", "Decision", "Measures", "Decided on", "Opened on"}
               : std::vector<std::string>{"ID", "申告者", "年度", "プロジェクト", "企業", "該当した区分", "状況",
                                          "判定", "管理措置", "判定日", "起票日"},
        .widths = {12, 18, 8, 32, 24, 30, 10, 16, 36, 12, 12}};
    for (const auto& item : cases) {
        const Case& c = item.kase;
        std::string categories;
        for (const auto& code : item.categories) {
            if (!categories.empty()) categories += en ? ", " : "、";
            auto it = category_labels.find(code);
            categories += it == category_labels.end() ? code : (en ? it->second.second : it->second.first);
        }
        const auto& st = status_labels.at(c.status);
        std::string decision;
        if (c.decision) decision = std::string(en ? TextOf(*c.decision).label_en : TextOf(*c.decision).label_ja);
        t.Row({c.id, en && !c.person.name_en.empty() ? c.person.name_en : c.person.name_ja,
               std::to_string(c.fiscal_year),
               en && !c.project_title_en.empty() ? c.project_title_en : c.project_title_ja,
               en && !c.organisation_name_en.empty() ? c.organisation_name_en : c.organisation_name_ja, categories,
               en ? st.second : st.first, decision, c.measures, c.decided_at ? TokyoDate(*c.decided_at) : "",
               TokyoDate(c.created_at)});
    }
    return t;
}

CaseDetail ReadCase(db::Tx& tx, const Me& me, const std::string& id) {
    auto c = store::FindCase(tx, id);
    if (!c || (!MaySeeAll(me) && c->person.id != me.person_id)) throw NotFound("case");
    Names names(tx);
    names.Fill(*c);
    CaseDetail out;
    // The person, with organisation and roles.
    if (auto* person = names.Person(c->person.id)) {
        out.person_roles = person->roles;
        if (person->organisation_id) out.person_organisation = OrgRefOf(names, *person->organisation_id);
    }
    // The project: stage, members, companies.
    if (auto p = projects::FindProject(tx, c->project_id)) {
        CaseDetail::Project project;
        project.status = Text(p->status);
        project.stage = Text(p->stage);
        if (const auto* m = p->FindMember(c->person.id)) project.person_role = m->role;
        for (const auto& mm : p->members) project.members.push_back({names.Ref(mm.person.id), mm.role});
        for (const auto& x : p->organisations)
            project.organisations.push_back({OrgRefOf(names, x.organisation_id), x.role});
        for (const auto& root : CompanyRoots(names, *p)) project.companies.push_back(OrgRefOf(names, root));
        out.project = std::move(project);
    }
    // The company group and the relationships with it, from the year's declaration.
    auto group = GroupOf(names.Tree(), c->organisation_id);
    for (const auto& g : group) out.group.push_back(OrgRefOf(names, g));
    if (auto d = store::DeclarationOf(tx, c->person.id, c->fiscal_year)) {
        names.Fill(*d);
        RecordRead(tx, me, *d, "case:" + c->id);
        for (const auto& r : d->relationships)
            if (r.CountsFor() && group.count(*r.CountsFor())) out.relationships.push_back(r);
        out.declaration = DeclarationStamp{d->id, d->filed_at, d->updated_at};
        out.current = Evaluate(d->relationships, store::Thresholds(tx), group);
    }
    out.thresholds = ListThresholds(tx);
    out.may_decide = IsCoiCommittee(me) && c->person.id != me.person_id && c->status == CaseStatus::kOpen;
    out.kase = std::move(*c);
    return out;
}

Case Decide(db::Tx& tx, const Me& me, const std::string& id, const std::string& decision_text,
            const std::string& measures, Seconds now) {
    auto c = store::FindCase(tx, id);
    if (!c || (!MaySeeAll(me) && c->person.id != me.person_id)) throw NotFound("case");
    if (!IsCoiCommittee(me)) throw Forbidden("only the COI committee decides cases");
    if (c->person.id == me.person_id) throw Forbidden("a committee member does not decide their own case");
    if (c->status != CaseStatus::kOpen) throw Error{ErrorCode::kConflict, "status", "the case is not open"};
    auto decision = DecisionFromText(decision_text);
    if (!decision) throw Invalid("decision", "decision must be no_conflict, manageable or not_allowed");
    std::string text = Trim(measures);
    if (Utf8Length(text) > 4000 || !CleanUtf8(text, true))
        throw Invalid("measures", "measures must be at most 4000 characters of text");
    if (*decision == Decision::kManageable && text.empty())
        throw Invalid("measures", "a manageable conflict needs the measures that manage it");
    auto before = Snapshot(*c);
    c->status = CaseStatus::kDecided;
    c->decision = *decision;
    c->measures = text;
    c->decided_by = PersonRef{me.person_id, "", ""};
    c->decided_at = c->updated_at = now;
    store::UpdateCase(tx, *c);
    audit::Record(tx, me.person_id, "decide", "coi_case", c->id, before, Snapshot(*c));
    inbox::Resolve(tx, kSource, CaseKey(c->id), me.person_id, now, "done");
    Names names(tx);
    names.Fill(*c);
    // The person concerned hears the outcome (the measures are on the case and the project).
    const auto& label = TextOf(*decision);
    notifications::Notify(tx, c->person.id, "coi_decided",
                          "利益相反の審査結果（" + c->project_title_ja + "）: " + std::string(label.label_ja),
                          "COI review (" + (c->project_title_en.empty() ? c->project_title_ja : c->project_title_en) +
                              "): " + std::string(label.label_en),
                          CasePage(c->id), now);
    return *c;
}

// ---- projects ----

ProjectCoi ReadProject(db::Tx& tx, const Me& me, const std::string& project_id, Seconds now) {
    auto p = projects::FindProject(tx, project_id);
    if (!p || !MaySeeProject(*p, me)) throw NotFound("project");
    ProjectCoi out;
    out.project_id = p->id;
    out.fiscal_year = CurrentFiscalYear(now);
    Names names(tx);
    bool active = p->status == projects::Status::kActive;
    auto declarations = store::DeclarationsOf(tx, MemberIds(*p), out.fiscal_year);
    for (const auto& m : p->members) {
        auto* person = names.Person(m.person.id);
        bool must = person && person->active && MustDeclare(person->roles, active);
        bool declared = declarations.count(m.person.id) > 0;
        if (must && !declared) ++out.missing_declarations;
        out.members.push_back({names.Ref(m.person.id), m.role, must, declared});
    }
    store::CaseFilter f;
    f.project_id = p->id;
    auto cases = store::Cases(tx, f);
    names.Load(cases);
    for (auto& c : cases) {
        if (c.status == CaseStatus::kWithdrawn) continue;
        if (c.status == CaseStatus::kOpen && c.fiscal_year == out.fiscal_year) ++out.open_cases;
        names.Fill(c);
        out.cases.push_back(std::move(c));
    }
    for (const auto& root : CompanyRoots(names, *p)) out.companies.push_back(OrgRefOf(names, root));
    out.cleared = Cleared(tx, p->id, now);
    return out;
}

bool Declared(db::Tx& tx, const std::string& project_id, Seconds now) {
    auto p = projects::FindProject(tx, project_id);
    if (!p) return false;
    int fy = CurrentFiscalYear(now);
    Names names(tx);
    bool active = p->status == projects::Status::kActive;
    auto declarations = store::DeclarationsOf(tx, MemberIds(*p), fy);
    for (const auto& m : p->members) {
        auto* person = names.Person(m.person.id);
        if (!person || !person->active || !MustDeclare(person->roles, active)) continue;
        if (!declarations.count(m.person.id)) return false;
    }
    return true;
}

bool Cleared(db::Tx& tx, const std::string& project_id, Seconds now) {
    auto p = projects::FindProject(tx, project_id);
    if (!p || !Declared(tx, project_id, now)) return false;
    int fy = CurrentFiscalYear(now);
    std::set<std::string> members;
    for (const auto& m : p->members) members.insert(m.person.id);
    store::CaseFilter f;
    f.project_id = project_id;
    f.fiscal_year = fy;
    for (const auto& c : store::Cases(tx, f)) {
        if (c.status == CaseStatus::kOpen && members.count(c.person.id)) return false;
        if (c.status == CaseStatus::kDecided && c.decision == Decision::kNotAllowed && members.count(c.person.id))
            return false;
    }
    return true;
}

void ScanProject(db::Tx& tx, const std::string& project_id, const std::optional<std::string>& actor, Seconds now) {
    auto p = projects::FindProject(tx, project_id);
    if (!p) return;
    Names names(tx);
    ScanLoaded(tx, names, *p, actor, now);
}

void ScanAll(db::Tx& tx, const std::optional<std::string>& actor, Seconds now) {
    Names names(tx);
    for (auto status : {projects::Status::kProposed, projects::Status::kActive})
        for (const auto& id : projects::ProjectIdsWithStatus(tx, status)) {
            auto p = projects::FindProject(tx, id);
            if (p) ScanLoaded(tx, names, *p, actor, now);
        }
}

}  // namespace renkei::coi
