// Inventions: disclosure from a project, the office's decision, filings and their deadlines.
#include "modules/ip/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <set>

#include "modules/contracts/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/ip/internal.hpp"
#include "modules/ip/store.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::ip::detail {

const projects::Project* Projects::Find(const std::string& id) {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) it = by_id_.emplace(id, projects::FindProjectForModule(tx_, id)).first;
    return it->second ? &*it->second : nullptr;
}

bool Sees(const Me& me, const Invention& inv, Projects& projects) {
    if (IsOffice(me)) return true;
    if (inv.IsInventor(me.person_id)) return true;
    const auto* p = projects.Find(inv.project_id);
    if (!p) return false;
    if (const auto* pi = p->WithRole("pi"); pi && pi->person.id == me.person_id) return true;
    if (const auto* lead = p->WithRole("company_lead"); lead && lead->person.id == me.person_id && inv.contract_id)
        if (auto c = contracts::FindContractForModule(projects.tx(), *inv.contract_id))
            return contracts::IsInForce(c->status) && c->terms.ip_share_company.value_or(0) > 0;
    return false;
}

Invention LoadFor(db::Tx& tx, const Me& me, const std::string& id, Projects& projects) {
    auto inv = store::FindInvention(tx, id);
    if (!inv || !Sees(me, *inv, projects)) throw NotFound("invention");
    return *inv;
}

std::optional<contracts::Contract> AgreementOf(db::Tx& tx, const Me& me, const std::string& project_id, Seconds now) {
    contracts::ListFilter f;
    f.project_id = project_id;
    f.type = "joint_research";
    std::optional<contracts::Contract> best;
    for (const auto& c : contracts::List(tx, me, f, now)) {
        bool in_force =
            c.contract.status == contracts::Status::kActive || c.contract.status == contracts::Status::kSigned;
        if (!best || in_force) best = c.contract;
        if (in_force) break;
    }
    return best;
}

void CheckPastDate(const std::optional<std::string>& d, const char* field, const std::string& today) {
    if (!d) return;
    if (!ParseDate(*d)) throw Invalid(field, std::string(field) + " must be a date YYYY-MM-DD");
    if (*d > today) throw Invalid(field, std::string(field) + " cannot be in the future");
}

std::string LapsedBefore(Seconds now) { return FormatDate(Date{TokyoDays(now) - std::chrono::days{30}}); }

std::string InventionPage(const std::string& id, const std::string& tab) {
    return "/ip/inventions/" + id + (tab.empty() ? "" : "?tab=" + tab);
}

}  // namespace renkei::ip::detail

namespace renkei::ip {
namespace {

namespace json = boost::json;

using detail::AgreementOf;
using detail::CheckPastDate;
using detail::IsOffice;
using detail::kSource;
using detail::LoadFor;
using detail::Projects;
using detail::Sees;

std::string ReviewKey(const std::string& id) { return "review:" + id; }
std::string ConsentKey(const std::string& id) { return "consent:" + id; }

InventionView ViewOf(db::Tx& tx, const Me& me, Invention inv, Projects& projects, Seconds now) {
    InventionView v;
    std::vector<std::string> ids;
    for (const auto& i : inv.inventors) ids.push_back(i.person.id);
    auto rewards = store::Rewards(tx, inv.id, IsOffice(me) ? std::nullopt : std::optional<std::string>(me.person_id));
    for (const auto& r : rewards) ids.push_back(r.person.id);
    people::NameBook names(tx);
    names.Load(ids);
    for (auto& i : inv.inventors) {
        const auto& n = names.Of(i.person.id);
        i.person.name_ja = n.name_ja;
        i.person.name_en = n.name_en;
    }
    for (auto& r : rewards) {
        const auto& n = names.Of(r.person.id);
        r.person.name_ja = n.name_ja;
        r.person.name_en = n.name_en;
    }
    if (const auto* p = projects.Find(inv.project_id)) {
        v.project_title_ja = p->title_ja;
        v.project_title_en = p->title_en;
    }
    v.deadlines = Deadlines(inv, Date{TokyoDays(now) + std::chrono::days{366 * 3}});
    std::erase_if(v.deadlines, [&](const InventionDeadline& d) { return d.due_on < detail::LapsedBefore(now); });
    bool open = inv.status == InventionStatus::kDisclosed || inv.status == InventionStatus::kEvaluating;
    v.may.edit = open && (IsOffice(me) || inv.IsInventor(me.person_id));
    v.may.decide = open && IsOffice(me);
    v.may.file = IsOffice(me) && (inv.status == InventionStatus::kDecided || inv.status == InventionStatus::kFiled);
    v.may.license = IsOffice(me) && !open && inv.status != InventionStatus::kAbandoned;
    if (inv.NeedsCompanyConsent() && !inv.company_consent_on && inv.status == InventionStatus::kDecided) {
        const auto* p = projects.Find(inv.project_id);
        const auto* lead = p ? p->WithRole("company_lead") : nullptr;
        v.may.consent = IsOffice(me) || (lead && lead->person.id == me.person_id);
    }
    v.licences = store::Licences(tx, inv.id);
    v.rewards = std::move(rewards);
    v.invention = std::move(inv);
    return v;
}

json::value Snapshot(const Invention& inv) {
    json::array inventors;
    for (const auto& i : inv.inventors)
        inventors.push_back({{"person_id", i.person.id}, {"share_percent", i.share_percent}});
    return json::object{{"project_id", inv.project_id},
                        {"title", inv.title},
                        {"status", Text(inv.status)},
                        {"decision", inv.decision ? json::value(Text(*inv.decision)) : json::value(nullptr)},
                        {"inventors", std::move(inventors)}};
}

Employer EmployerOf(db::Tx& tx, const std::string& person_id) {
    auto p = people::FindPerson(tx, person_id);
    return p && p->HasRole("company_researcher") ? Employer::kCompany : Employer::kUniversity;
}

std::string AffiliationOf(db::Tx& tx, const std::string& person_id) {
    auto p = people::FindPerson(tx, person_id);
    if (!p || !p->organisation_id) return "";
    for (const auto& o : people::ListOrganisations(tx, -1))
        if (o.id == *p->organisation_id) return o.name_ja;
    return "";
}

std::vector<Inventor> InventorsFrom(db::Tx& tx, const std::vector<InventorInput>& in) {
    std::vector<Inventor> out;
    for (const auto& i : in) {
        if (!people::FindPerson(tx, i.person_id)) throw Invalid("inventors", "no person has the id " + i.person_id);
        Inventor x;
        x.person.id = i.person_id;
        x.share_percent = i.share_percent;
        if (i.employer) {
            auto e = FromText<Employer>(*i.employer);
            if (!e) throw Invalid("inventors", "an inventor's employer is university or company");
            x.employer = *e;
        } else {
            x.employer = EmployerOf(tx, i.person_id);
        }
        x.affiliation = AffiliationOf(tx, i.person_id);
        out.push_back(std::move(x));
    }
    CheckInventors(out);
    return out;
}

void Apply(db::Tx& tx, Invention& inv, const InventionInput& in, const std::string& today) {
    if (in.title) {
        auto t = Trim(*in.title);
        if (t.empty() || Utf8Length(t) > 300) throw Invalid("title", "a title of 1 to 300 characters is required");
        inv.title = t;
    }
    if (in.summary) {
        if (Utf8Length(*in.summary) > 5000 || !CleanUtf8(*in.summary, true))
            throw Invalid("summary", "summary is at most 5000 characters");
        inv.summary = Trim(*in.summary);
    }
    if (in.conceived_on) {
        CheckPastDate(*in.conceived_on, "conceived_on", today);
        inv.conceived_on = *in.conceived_on;
    }
    if (in.disclosed_on) {
        CheckPastDate(*in.disclosed_on, "disclosed_on", today);
        inv.disclosed_on = *in.disclosed_on;
    }
    if (in.inventors) inv.inventors = InventorsFrom(tx, *in.inventors);
}

}  // namespace

std::vector<InventionView> ListInventions(db::Tx& tx, const Me& me, const std::optional<std::string>& project_id,
                                          Seconds now) {
    Projects projects(tx);
    std::vector<InventionView> out;
    for (auto& inv : store::Inventions(tx, project_id && !project_id->empty() ? project_id : std::nullopt))
        if (Sees(me, inv, projects)) out.push_back(ViewOf(tx, me, std::move(inv), projects, now));
    return out;
}

InventionView ReadInvention(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Projects projects(tx);
    return ViewOf(tx, me, LoadFor(tx, me, id, projects), projects, now);
}

void RequireVisible(db::Tx& tx, const Me& me, const std::string& id) {
    Projects projects(tx);
    LoadFor(tx, me, id, projects);
}

InventionView Disclose(db::Tx& tx, const Me& me, const InventionInput& in, Seconds now) {
    if (!in.project_id || in.project_id->empty()) throw Invalid("project_id", "project_id is required");
    Projects projects(tx);
    const auto* project = projects.Find(*in.project_id);
    bool member = project && project->FindMember(me.person_id) != nullptr;
    if (!project || !(member || IsOffice(me))) throw Invalid("project_id", "no project you belong to has this id");
    Invention inv;
    inv.id = NewId();
    inv.project_id = project->id;
    inv.title = project->title_ja;
    for (const auto& m : project->members)
        if (m.role != "company_lead" && m.role != "coordinator") {
            Inventor i;
            i.person.id = m.person.id;
            inv.inventors.push_back(std::move(i));
        }
    auto shares = EvenShares(inv.inventors.size());
    for (size_t i = 0; i < inv.inventors.size(); ++i) {
        inv.inventors[i].share_percent = shares[i];
        inv.inventors[i].employer = EmployerOf(tx, inv.inventors[i].person.id);
        inv.inventors[i].affiliation = AffiliationOf(tx, inv.inventors[i].person.id);
    }
    Apply(tx, inv, in, TokyoDate(now));
    if (!in.inventors) CheckInventors(inv.inventors);
    if (auto agreement = AgreementOf(tx, me, project->id, now)) inv.contract_id = agreement->id;
    inv.created_by = me.person_id;
    inv.created_at = inv.updated_at = now;
    store::InsertInvention(tx, inv);
    audit::Record(tx, me.person_id, "create", "ip_invention", inv.id, nullptr, Snapshot(inv));
    for (const auto& office : people::ListPeople(tx, "", "office", "", 1))
        inbox::Post(tx,
                    {office.id, "ip.review", kSource, ReviewKey(inv.id), "発明届出の評価: " + inv.title,
                     "Evaluate an invention disclosure: " + inv.title, project->title_ja,
                     project->title_en.empty() ? project->title_ja : project->title_en, "/ip/inventions/" + inv.id,
                     std::nullopt, std::nullopt},
                    now);
    detail::SyncDeadlines(tx, inv, now);
    return ViewOf(tx, me, std::move(inv), projects, now);
}

InventionView UpdateInvention(db::Tx& tx, const Me& me, const std::string& id, const InventionInput& in, Seconds now) {
    Projects projects(tx);
    auto inv = LoadFor(tx, me, id, projects);
    if (!(IsOffice(me) || inv.IsInventor(me.person_id)))
        throw Forbidden("the inventors and the office change a disclosure");
    if (inv.status != InventionStatus::kDisclosed && inv.status != InventionStatus::kEvaluating)
        throw Error{ErrorCode::kConflict, "status", "the office has decided on this invention"};
    if (in.project_id && *in.project_id != inv.project_id)
        throw Invalid("project_id", "an invention stays with its project");
    auto before = Snapshot(inv);
    Apply(tx, inv, in, TokyoDate(now));
    inv.updated_at = now;
    store::UpdateInvention(tx, inv);
    audit::Record(tx, me.person_id, "update", "ip_invention", inv.id, before, Snapshot(inv));
    detail::SyncDeadlines(tx, inv, now);
    return ViewOf(tx, me, std::move(inv), projects, now);
}

InventionView StartEvaluation(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Projects projects(tx);
    auto inv = LoadFor(tx, me, id, projects);
    if (!IsOffice(me)) throw Forbidden("the office evaluates inventions");
    if (inv.status != InventionStatus::kDisclosed)
        throw Error{ErrorCode::kConflict, "status", "the invention is " + std::string(Text(inv.status))};
    auto before = Snapshot(inv);
    inv.status = InventionStatus::kEvaluating;
    inv.updated_at = now;
    store::UpdateInvention(tx, inv);
    audit::Record(tx, me.person_id, "evaluation", "ip_invention", inv.id, before, Snapshot(inv));
    return ViewOf(tx, me, std::move(inv), projects, now);
}

InventionView Decide(db::Tx& tx, const Me& me, const std::string& id, const DecisionInput& in, Seconds now) {
    Projects projects(tx);
    auto inv = LoadFor(tx, me, id, projects);
    if (!IsOffice(me)) throw Forbidden("the office decides on inventions");
    auto decision = FromText<Decision>(in.decision);
    if (!decision) throw Invalid("decision", "decision must be file, hold, abandon or company");
    auto to = *decision == Decision::kAbandon ? InventionStatus::kAbandoned : InventionStatus::kDecided;
    if (!MayMove(inv.status, to))
        throw Error{ErrorCode::kConflict, "status", "the invention is " + std::string(Text(inv.status))};
    for (const auto& [field, text, max] :
         {std::tuple{"note", &in.note, 2000}, std::tuple{"novelty_notes", &in.novelty_notes, 5000},
          std::tuple{"prior_art", &in.prior_art, 5000}})
        if (Utf8Length(*text) > static_cast<size_t>(max) || !CleanUtf8(*text, true))
            throw Invalid(field, std::string(field) + " is at most " + std::to_string(max) + " characters");
    std::optional<int> university = in.university_share;
    if (!university && inv.contract_id)
        if (auto agreement = AgreementOf(tx, me, inv.project_id, now))
            if (agreement->id == *inv.contract_id) university = agreement->terms.ip_share_university;
    if (university && (*university < 0 || *university > 100))
        throw Invalid("university_share", "university_share is 0 to 100 percent");
    auto before = Snapshot(inv);
    inv.decision = *decision;
    inv.decision_note = Trim(in.note);
    inv.novelty_notes = Trim(in.novelty_notes);
    inv.prior_art = Trim(in.prior_art);
    inv.university_share = university;
    inv.company_share = university ? std::optional<int>(100 - *university) : std::nullopt;
    inv.status = to;
    inv.updated_at = now;
    store::UpdateInvention(tx, inv);
    audit::Record(tx, me.person_id, "decision", "ip_invention", inv.id, before, Snapshot(inv));
    inbox::Resolve(tx, kSource, ReviewKey(inv.id), me.person_id, now);
    if (inv.NeedsCompanyConsent() && !inv.company_consent_on)
        if (const auto* p = projects.Find(inv.project_id))
            if (const auto* lead = p->WithRole("company_lead")) {
                Me as_lead;
                as_lead.person_id = lead->person.id;
                if (Sees(as_lead, inv, projects))
                    inbox::Post(
                        tx,
                        {lead->person.id, "ip.consent", kSource, ConsentKey(inv.id), "共同出願への同意: " + inv.title,
                         "Consent to the joint application: " + inv.title,
                         "特許法 第38条（共有に係る特許を受ける権利は共同で出願）",
                         "Patent Act art. 38: co-owners file jointly", detail::InventionPage(inv.id), std::nullopt,
                         inbox::Action{"POST", "/api/ip/inventions/" + inv.id + "/consent",
                                       json::object{{"consented_on", TokyoDate(now)}}, "同意する", "Consent"}},
                        now);
            }
    detail::SyncDeadlines(tx, inv, now);
    return ViewOf(tx, me, std::move(inv), projects, now);
}

InventionView RecordCompanyConsent(db::Tx& tx, const Me& me, const std::string& id, const std::string& consented_on,
                                   Seconds now) {
    Projects projects(tx);
    auto inv = LoadFor(tx, me, id, projects);
    if (!ViewOf(tx, me, inv, projects, now).may.consent) {
        if (!inv.NeedsCompanyConsent() || inv.company_consent_on || inv.status != InventionStatus::kDecided)
            throw Error{ErrorCode::kConflict, "status", "no consent is awaited for this invention"};
        throw Forbidden("the partner company's lead or the office records the consent");
    }
    if (consented_on.empty()) throw Invalid("consented_on", "consented_on is required");
    CheckPastDate(consented_on, "consented_on", TokyoDate(now));
    auto before = Snapshot(inv);
    inv.company_consent_on = consented_on;
    inv.company_consent_by = me.person_id;
    inv.updated_at = now;
    store::UpdateInvention(tx, inv);
    audit::Record(tx, me.person_id, "consent", "ip_invention", inv.id, before,
                  json::object{{"company_consent_on", consented_on}});
    inbox::Resolve(tx, kSource, ConsentKey(inv.id), me.person_id, now);
    return ViewOf(tx, me, std::move(inv), projects, now);
}

namespace {
// What a filing sets going: the rewards it earns, the guarded publications it now precedes, the
// deadlines it starts and ends.
void AfterFiling(db::Tx& tx, const std::string& id, Seconds now) {
    auto inv = store::FindInvention(tx, id);
    detail::GrantRewards(tx, *inv, now);
    detail::ClearFiledPublications(tx, *inv, now);
    detail::SyncDeadlines(tx, *inv, now);
}

void CheckFiling(const FilingInput& in, const std::string& today) {
    CheckPastDate(in.filed_on, "filed_on", today);
    CheckPastDate(in.priority_date, "priority_date", today);
    CheckPastDate(in.examination_requested_on, "examination_requested_on", today);
    CheckPastDate(in.registered_on, "registered_on", today);
    CheckPastDate(in.grace_proof_on, "grace_proof_on", today);
    if (in.priority_date && *in.priority_date > in.filed_on)
        throw Invalid("priority_date", "the priority date is the earlier filing's");
    if (Utf8Length(in.number) > 60 || !CleanUtf8(in.number, false))
        throw Invalid("number", "number is at most 60 characters");
}
}  // namespace

InventionView AddFiling(db::Tx& tx, const Me& me, const std::string& id, const FilingInput& in, Seconds now) {
    Projects projects(tx);
    auto inv = LoadFor(tx, me, id, projects);
    if (!IsOffice(me)) throw Forbidden("the office records filings");
    if (inv.status != InventionStatus::kDecided && inv.status != InventionStatus::kFiled)
        throw Error{ErrorCode::kConflict, "status", "decide to file first"};
    auto kind = FromText<FilingKind>(in.kind);
    if (!kind) throw Invalid("kind", "kind must be jp, pct or national");
    if (in.filed_on.empty()) throw Invalid("filed_on", "filed_on is required");
    CheckFiling(in, TokyoDate(now));
    auto country = Trim(in.country);
    if (country.empty()) country = *kind == FilingKind::kPct ? "WO" : "JP";
    if (country.size() != 2 || !std::all_of(country.begin(), country.end(), ::isupper))
        throw Invalid("country", "country is a two-letter code (JP, US, WO)");
    if (inv.filings.empty() && inv.NeedsCompanyConsent() && !inv.company_consent_on)
        throw Error{
            ErrorCode::kConflict, "company_consent",
            "the company co-owns this invention: record its consent to the joint application first (特許法 第38条)"};
    Filing f;
    f.id = NewId();
    f.kind = *kind;
    f.country = country;
    f.number = Trim(in.number);
    f.filed_on = in.filed_on;
    f.priority_date = in.priority_date;
    f.examination_requested_on = in.examination_requested_on;
    f.registered_on = in.registered_on;
    f.grace_proof_on = in.grace_proof_on;
    store::InsertFiling(tx, inv.id, f, me.person_id, now);
    auto before = Snapshot(inv);
    if (inv.status == InventionStatus::kDecided) {
        inv.status = InventionStatus::kFiled;
        inv.updated_at = now;
        store::UpdateInvention(tx, inv);
    }
    audit::Record(
        tx, me.person_id, "filing", "ip_invention", inv.id, before,
        json::object{{"filing_id", f.id}, {"kind", in.kind}, {"country", f.country}, {"filed_on", f.filed_on}});
    AfterFiling(tx, id, now);
    return ReadInvention(tx, me, id, now);
}

InventionView UpdateFiling(db::Tx& tx, const Me& me, const std::string& id, const std::string& filing_id,
                           const FilingInput& in, Seconds now) {
    Projects projects(tx);
    auto inv = LoadFor(tx, me, id, projects);
    if (!IsOffice(me)) throw Forbidden("the office records filings");
    auto it = std::find_if(inv.filings.begin(), inv.filings.end(), [&](const Filing& f) { return f.id == filing_id; });
    if (it == inv.filings.end()) throw NotFound("filing");
    FilingInput checked = in;
    checked.filed_on = it->filed_on;
    CheckFiling(checked, TokyoDate(now));
    if (!in.number.empty()) it->number = Trim(in.number);
    if (in.priority_date) it->priority_date = in.priority_date;
    if (in.examination_requested_on) it->examination_requested_on = in.examination_requested_on;
    if (in.registered_on) it->registered_on = in.registered_on;
    if (in.grace_proof_on) it->grace_proof_on = in.grace_proof_on;
    store::UpdateFiling(tx, *it);
    auto before = Snapshot(inv);
    if (it->registered_on && inv.status == InventionStatus::kFiled) {
        inv.status = InventionStatus::kRegistered;
        inv.updated_at = now;
        store::UpdateInvention(tx, inv);
    }
    audit::Record(
        tx, me.person_id, "filing", "ip_invention", inv.id, before,
        json::object{{"filing_id", it->id},
                     {"registered_on", it->registered_on ? json::value(*it->registered_on) : json::value(nullptr)}});
    AfterFiling(tx, id, now);
    return ReadInvention(tx, me, id, now);
}

std::vector<DeadlineRow> DeadlinesBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                          Seconds now) {
    (void)now;
    auto f = ParseDate(from);
    if (!f) throw Invalid("from", "from must be a date YYYY-MM-DD");
    auto t = ParseDate(to);
    if (!t) throw Invalid("to", "to must be a date YYYY-MM-DD");
    if (to < from) throw Invalid("to", "to is before from");
    if (std::chrono::sys_days{*t} - std::chrono::sys_days{*f} > std::chrono::days{5 * 366})
        throw Invalid("to", "at most five years at a time");
    Projects projects(tx);
    std::vector<DeadlineRow> out;
    for (const auto& inv : store::Inventions(tx, std::nullopt)) {
        if (!Sees(me, inv, projects)) continue;
        for (const auto& d : Deadlines(inv, *t))
            if (d.due_on >= from) out.push_back({d, inv.id, inv.title, inv.project_id});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const DeadlineRow& a, const DeadlineRow& b) { return a.deadline.due_on < b.deadline.due_on; });
    return out;
}

// ---- deadlines in the inboxes ----

namespace {

constexpr int kInboxHorizonDays = 90;

}  // namespace

namespace detail {

int SyncDeadlines(db::Tx& tx, const Invention& inv, Seconds now) {
    std::set<std::string> people;
    for (const auto& i : inv.inventors) people.insert(i.person.id);
    for (const auto& office : people::ListPeople(tx, "", "office", "", 1)) people.insert(office.id);
    std::string prefix = "deadline:" + inv.id + ":";
    std::map<std::string, inbox::NewItem> wanted;
    auto lapsed = LapsedBefore(now);
    for (const auto& d : Deadlines(inv, Date{TokyoDays(now) + std::chrono::days{kInboxHorizonDays}})) {
        // A last day long past is a right lost, not a task: it leaves the inbox (the deadlines
        // page still lists it).
        if (d.due_on < lapsed) continue;
        const auto& label = LabelOf(d.kind);
        const auto& rule = EntryOf(d.kind);
        std::string key = prefix + std::string(rule.text) + ":" + d.filing_id;
        wanted[key] = {"",
                       "ip.deadline",
                       kSource,
                       key,
                       std::string(label.ja) + "：" + inv.title,
                       std::string(label.en) + ": " + inv.title,
                       std::string(rule.source_ja),
                       std::string(rule.source_ja),
                       InventionPage(inv.id, "filings"),
                       d.due_on,
                       std::nullopt};
    }
    int open = 0;
    for (const auto& person : people) {
        for (const auto& item : inbox::OpenItemsOf(tx, person, kSource, now))
            if (item.source_key.rfind(prefix, 0) == 0 && !wanted.count(item.source_key))
                inbox::ResolveItem(tx, item.id, std::nullopt, "done", now);
        for (auto [key, item] : wanted) {
            item.person_id = person;
            inbox::Post(tx, item, now);
            ++open;
        }
    }
    return open;
}

}  // namespace detail

int SyncAllInboxes(db::Tx& tx, Seconds now) {
    int open = 0;
    for (const auto& inv : store::Inventions(tx, std::nullopt)) open += detail::SyncDeadlines(tx, inv, now);
    return open;
}

void Install() {
    static std::once_flag once;
    std::call_once(once, [] {
        projects::RegisterChainStep({"invention", 50, "発明届出", "Inventions disclosed",
                                     [](db::Tx& tx) { return store::CountInventions(tx); }});
        projects::RegisterChainStep(
            {"licence", 60, "ライセンス", "Licences", [](db::Tx& tx) { return store::CountLicences(tx); }});
    });
}

}  // namespace renkei::ip
