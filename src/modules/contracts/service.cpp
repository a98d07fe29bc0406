#include "modules/contracts/service.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/contracts/docx.hpp"
#include "modules/contracts/store.hpp"
#include "modules/exchange/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/base64.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::contracts {
namespace {

namespace json = boost::json;

bool IsOffice(const Me& me) { return me.HasAnyRole({"office", "admin"}); }
bool SeesAll(const Me& me) { return me.HasAnyRole({"office", "admin", "committee"}); }
Actor ActorOf(const Me& me, const Contract& c) {
    return Actor{me.HasRole("office"), me.HasRole("admin"), false, c.created_by == me.person_id};
}


// Organisations by id, loaded once per request.
struct Orgs {
    std::map<std::string, people::Organisation> by_id;
    explicit Orgs(db::Tx& tx) {
        for (auto& o : people::ListOrganisations(tx, -1)) by_id.emplace(o.id, o);
    }
    const people::Organisation* Find(const std::string& id) const {
        auto it = by_id.find(id);
        return it == by_id.end() ? nullptr : &it->second;
    }
    // The organisation and its ancestors, nearest first.
    std::vector<std::string> Chain(const std::optional<std::string>& id) const {
        std::vector<std::string> out;
        std::optional<std::string> at = id;
        for (int depth = 0; at && depth < 32; ++depth) {
            auto* o = Find(*at);
            if (!o) break;
            out.push_back(o->id);
            at = o->parent_id;
        }
        return out;
    }
    std::optional<std::string> CompanyOf(const std::optional<std::string>& id) const {
        for (auto& x : Chain(id))
            if (Find(x)->kind == "company") return x;
        return std::nullopt;
    }
};

std::string PersonName(db::Tx& tx, const std::optional<std::string>& id, bool english = false) {
    if (!id) return "";
    try {
        auto p = people::GetPerson(tx, *id);
        return english && !p.name_en.empty() ? p.name_en : p.name_ja;
    } catch (const Error&) {
        return "";
    }
}

json::value PersonRef(db::Tx& tx, const std::optional<std::string>& id) {
    if (!id) return nullptr;
    try {
        auto p = people::GetPerson(tx, *id);
        return json::object{{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
    } catch (const Error&) {
        return json::object{{"id", *id}, {"name_ja", ""}, {"name_en", ""}};
    }
}

// What the person is to contracts: their organisation chain and projects, for visibility.
struct Viewer {
    std::string person_id;
    bool all = false, office = false;
    std::set<std::string> org_chain;
    std::map<std::string, bool> project_member;  // cache
};

Viewer ViewerOf(db::Tx& tx, const Me& me, const Orgs& orgs) {
    Viewer v;
    v.person_id = me.person_id;
    v.all = SeesAll(me);
    v.office = IsOffice(me);
    try {
        auto p = people::GetPerson(tx, me.person_id);
        for (auto& x : orgs.Chain(p.organisation_id)) v.org_chain.insert(x);
    } catch (const Error&) {
    }
    return v;
}

bool IsProjectMember(db::Tx& tx, Viewer& v, const std::string& project_id) {
    auto it = v.project_member.find(project_id);
    if (it != v.project_member.end()) return it->second;
    bool member = false;
    if (auto p = projects::FindProjectForModule(tx, project_id))
        member = p->FindMember(v.person_id) != nullptr;
    v.project_member[project_id] = member;
    return member;
}

// Office, committee and admins see every contract; others when they are covered by it, sign it,
// are members of its project, or belong to a party on the company side or to a party that is a
// department or division (a whole university or hospital is too wide a circle).
bool MaySee(db::Tx& tx, Viewer& v, const Contract& c, const Orgs& orgs) {
    if (v.all) return true;
    if (std::find(c.covered.begin(), c.covered.end(), v.person_id) != c.covered.end()) return true;
    for (const auto& p : c.parties) {
        if (p.signatory_person_id == v.person_id) return true;
        auto* o = orgs.Find(p.organisation_id);
        if (o && v.org_chain.count(o->id) && (o->kind == "company" || o->kind == "division" || o->kind == "department"))
            return true;
    }
    return c.project_id && IsProjectMember(tx, v, *c.project_id);
}

void FillParties(Contract& c, const Orgs& orgs) {
    for (auto& p : c.parties)
        if (auto* o = orgs.Find(p.organisation_id)) {
            p.name_ja = o->name_ja;
            p.name_en = o->name_en;
            p.kind = o->kind;
        }
}

std::string SearchKeyOf(const Contract& c) {
    std::string text = c.title + " " + c.terms.purpose + " " + std::string(TypeLabelJa(c.type));
    for (const auto& p : c.parties) text += " " + p.name_ja + " " + p.name_en + " " + p.signatory_name;
    return text::SearchKey(text);
}

Contract Load(db::Tx& tx, const std::string& id) {
    if (!LooksLikeId(id)) throw NotFound("contract");
    auto c = store::FindContract(tx, id);
    if (!c) throw NotFound("contract");
    return *c;
}

Contract LoadFor(db::Tx& tx, const Me& me, const std::string& id, const Orgs& orgs) {
    auto c = Load(tx, id);
    auto v = ViewerOf(tx, me, orgs);
    if (!MaySee(tx, v, c, orgs)) throw NotFound("contract");
    FillParties(c, orgs);
    return c;
}

void CheckParties(db::Tx& tx, std::vector<Party>& parties, const Orgs& orgs) {
    if (parties.size() < 2) throw Invalid("parties", "a contract has at least two parties");
    if (parties.size() > 6) throw Invalid("parties", "a contract has at most six parties");
    std::set<std::string> seen;
    for (auto& p : parties) {
        auto* o = orgs.Find(p.organisation_id);
        if (!o) throw Invalid("parties", "unknown organisation " + p.organisation_id);
        if (!seen.insert(p.organisation_id).second) throw Invalid("parties", "an organisation is a party only once");
        if (p.role.empty())
            p.role = o->kind == "company" || orgs.CompanyOf(o->id) ? "company"
                     : o->kind == "hospital"                      ? "hospital"
                     : o->kind == "other"                         ? "other"
                                                                  : "university";
        if (!IsPartyRole(p.role)) throw Invalid("parties", "a party's role is company, university, hospital or other");
        if (p.signatory_person_id && p.signatory_person_id->empty()) p.signatory_person_id.reset();
        if (p.signatory_person_id) {
            try {
                auto person = people::GetPerson(tx, *p.signatory_person_id);
                if (p.signatory_name.empty()) p.signatory_name = person.name_ja;
            } catch (const Error&) {
                throw Invalid("parties", "unknown signatory");
            }
        }
        if (Utf8Length(p.signatory_name) > 100 || Utf8Length(p.signatory_title) > 100)
            throw Invalid("parties", "a signatory's name or title is at most 100 characters");
    }
}

void CheckCovered(db::Tx& tx, const std::vector<std::string>& covered) {
    if (covered.size() > 100) throw Invalid("covered", "too many people");
    for (const auto& id : covered) {
        try {
            people::GetPerson(tx, id);
        } catch (const Error&) {
            throw Invalid("covered", "unknown person " + id);
        }
    }
}

void CheckProject(db::Tx& tx, const std::optional<std::string>& project_id) {
    if (project_id && !projects::FindProjectForModule(tx, *project_id)) throw Invalid("project_id", "no such project");
}

json::value Snapshot(const Contract& c) {
    json::array parties;
    for (const auto& p : c.parties)
        parties.push_back(json::object{{"organisation_id", p.organisation_id},
                                       {"role", p.role},
                                       {"signatory_name", p.signatory_name},
                                       {"signatory_title", p.signatory_title}});
    json::array covered;
    for (const auto& p : c.covered) covered.emplace_back(p);
    return json::object{{"id", c.id},
                        {"type", c.type},
                        {"title", c.title},
                        {"project_id", c.project_id ? json::value(*c.project_id) : json::value(nullptr)},
                        {"status", c.status},
                        {"waiting_on", c.waiting_on},
                        {"terms", TermsToJson(c.terms)},
                        {"parties", parties},
                        {"covered", covered},
                        {"notes", c.notes}};
}

// The people an NDA covers: those named, or else the project's members and the signatories who
// are not on the company side; each paired with every company party they do not belong to.
std::vector<std::pair<std::string, std::string>> CoveredPairs(db::Tx& tx, const Contract& c, const Orgs& orgs) {
    std::vector<std::string> companies;
    for (const auto& p : c.parties)
        if (auto company = orgs.CompanyOf(p.organisation_id)) companies.push_back(*company);
    std::vector<std::string> people_ids = c.covered;
    if (people_ids.empty()) {
        if (c.project_id)
            if (auto project = projects::FindProjectForModule(tx, *c.project_id))
                for (const auto& m : project->members) people_ids.push_back(m.person.id);
        for (const auto& p : c.parties)
            if (p.signatory_person_id) people_ids.push_back(*p.signatory_person_id);
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& person : people_ids) {
        std::optional<std::string> own;
        try {
            own = orgs.CompanyOf(people::GetPerson(tx, person).organisation_id);
        } catch (const Error&) {
            continue;
        }
        for (const auto& company : companies)
            if (own != company) out.push_back({person, company});
    }
    return out;
}

std::string SourceKey(const Contract& c) { return "contract:" + c.id; }

// An NDA in force covers its people for its term; otherwise it grants nothing.
void SyncGrants(db::Tx& tx, const std::optional<std::string>& actor, const Contract& c, const Orgs& orgs) {
    if (c.type != "nda") return;
    if (!IsInForce(c.status) || !c.terms.starts_on || !c.terms.ends_on) {
        exchange::EndAgreementGrants(tx, actor, SourceKey(c), Now());
        return;
    }
    Seconds starts = TokyoStartOf(*c.terms.starts_on);
    Seconds ends = TokyoStartOf(*c.terms.ends_on) + std::chrono::hours{24};  // through the last day
    exchange::SetAgreementGrants(tx, actor, SourceKey(c), CoveredPairs(tx, c, orgs), starts, ends,
                                 "NDA: " + c.title, Now());
}

std::vector<std::string> OfficePeople(db::Tx& tx) {
    std::vector<std::string> out;
    for (auto& p : people::ListPeople(tx, "", "office", "", 1)) out.push_back(p.id);
    return out;
}

void ResolveStale(db::Tx& tx, const Contract& c, const std::optional<std::string>& actor) {
    inbox::Resolve(tx, "contracts", "stale:" + c.id + ":" + c.status, actor);
}

// The named signatories who are Renkei people, each once, in party order.
std::vector<std::string> SignatoryPeople(const Contract& c) {
    std::vector<std::string> out;
    for (const auto& p : c.parties)
        if (p.signatory_person_id && !p.signatory_person_id->empty() &&
            std::find(out.begin(), out.end(), *p.signatory_person_id) == out.end())
            out.push_back(*p.signatory_person_id);
    return out;
}

std::string SignKey(const Contract& c, const std::string& person_id) { return "sign:" + c.id + ":" + person_id; }

std::string SignTitleJa(const Contract& c) { return "契約「" + c.title + "」に署名してください"; }
std::string SignTitleEn(const Contract& c) { return "Sign contract \u201c" + c.title + "\u201d"; }
// What the office's reminders say a contract is: its type and title.
std::string ReminderContextJa(const Contract& c) { return std::string(TypeLabelJa(c.type)) + "：" + c.title; }
std::string ReminderContextEn(const Contract& c) { return std::string(TypeLabelEn(c.type)) + ": " + c.title; }

// A renamed contract's open items say the new title: the signatories' requests and the office's
// reminders (resolved items keep the words they were resolved with).
void RewordItems(db::Tx& tx, const Contract& c, const std::optional<std::string>& actor) {
    for (const auto& person : SignatoryPeople(c))
        inbox::Reword(tx, "contracts", SignKey(c, person), {SignTitleJa(c), SignTitleEn(c), std::nullopt, std::nullopt},
                      actor);
    inbox::Wording reminder{std::nullopt, std::nullopt, ReminderContextJa(c), ReminderContextEn(c)};
    inbox::Reword(tx, "contracts", "stale:" + c.id + ":" + c.status, reminder, actor);
    if (c.terms.ends_on) inbox::Reword(tx, "contracts", "expiry:" + c.id + ":" + *c.terms.ends_on, reminder, actor);
}

// An approved contract asks each signatory who is an active Renkei person to sign it, through the inbox
// (idempotent per contract and person); due when the approved stage counts as waiting too long.
void AskToSign(db::Tx& tx, const Contract& c, const std::string& person_id, Seconds at) {
    if (!people::GetPerson(tx, person_id).active) return;  // a deactivated account is not asked
    inbox::NewItem item;
    item.person_id = person_id;
    item.kind = "contracts.sign";
    item.source = "contracts";
    item.source_key = SignKey(c, person_id);
    item.title_ja = SignTitleJa(c);
    item.title_en = SignTitleEn(c);
    std::string parties_ja, parties_en;
    for (const auto& p : c.parties) {
        parties_ja += (parties_ja.empty() ? "" : "・") + p.name_ja;
        parties_en += (parties_en.empty() ? "" : ", ") + (p.name_en.empty() ? p.name_ja : p.name_en);
    }
    item.context_ja = std::string(TypeLabelJa(c.type)) + "：" + parties_ja;
    item.context_en = std::string(TypeLabelEn(c.type)) + ": " + parties_en;
    item.link = "/contracts/" + c.id;
    item.due_on = TokyoDate(at + std::chrono::hours{24 * StaleAfterDays("approved")});
    inbox::Post(tx, item);
}

// Leaving `approved` closes the signatories' items: done when signed, cancelled otherwise.
void CloseSignRequests(db::Tx& tx, const Contract& c, const std::vector<std::string>& people,
                       const std::optional<std::string>& actor, const std::string& state) {
    for (const auto& person : people) inbox::Resolve(tx, "contracts", SignKey(c, person), actor, state);
}

// Applies a status change: history, timestamps, grants, reminders, audit.
void Apply(db::Tx& tx, const std::optional<std::string>& actor, Contract& c, const std::string& to,
           const std::string& note, const Orgs& orgs, Seconds at) {
    json::value before = Snapshot(c);
    ResolveStale(tx, c, actor);
    HistoryEntry h{NewId(), c.status, to, at, actor, note};
    store::InsertHistory(tx, c.id, h);
    if (c.status == "approved" && to != "approved")
        CloseSignRequests(tx, c, SignatoryPeople(c), actor, to == "signed" ? "done" : "cancelled");
    c.status = to;
    c.status_since = at;
    c.updated_at = at;
    if (to == "approved") {
        c.approved_by = actor;
        for (const auto& person : SignatoryPeople(c)) AskToSign(tx, c, person, at);
    }
    if (IsFinal(to)) inbox::Resolve(tx, "contracts", "expiry:" + c.id + ":" + c.terms.ends_on.value_or(""), actor);
    store::UpdateContract(tx, c, SearchKeyOf(c));
    SyncGrants(tx, actor, c, orgs);
    auto after = Snapshot(c);
    after.as_object()["note"] = note;
    audit::Record(tx, actor, "transition", "contract", c.id, before, after);
}

json::object PartyJson(db::Tx& tx, const Party& p) {
    return json::object{{"organisation_id", p.organisation_id},
                        {"name", p.name_ja},  // the organisation's name as registered (Japanese)
                        {"name_ja", p.name_ja},
                        {"name_en", p.name_en},
                        {"organisation_kind", p.kind},
                        {"role", p.role},
                        {"signatory", PersonRef(tx, p.signatory_person_id)},
                        {"signatory_name", p.signatory_name},
                        {"signatory_title", p.signatory_title}};
}

json::object Summary(db::Tx& tx, const Contract& c, Seconds now) {
    json::array parties;
    for (const auto& p : c.parties) parties.push_back(PartyJson(tx, p));
    double days = static_cast<double>((now - c.status_since).count()) / 86400.0;
    int threshold = StaleAfterDays(c.status);
    return json::object{{"id", c.id},
                        {"type", c.type},
                        {"title", c.title},
                        {"status", c.status},
                        {"status_since", FormatUtc(c.status_since)},
                        {"days_in_status", static_cast<int>(days)},
                        {"waiting_long", threshold > 0 && days > threshold},
                        {"waiting_on", c.waiting_on},
                        {"project_id", c.project_id ? json::value(*c.project_id) : json::value(nullptr)},
                        {"parties", parties},
                        {"starts_on", c.terms.starts_on ? json::value(*c.terms.starts_on) : json::value(nullptr)},
                        {"ends_on", c.terms.ends_on ? json::value(*c.terms.ends_on) : json::value(nullptr)},
                        {"amount_yen", c.terms.amount_yen ? json::value(*c.terms.amount_yen) : json::value(nullptr)},
                        {"updated_at", FormatUtc(c.updated_at)}};
}

// Template bytes: the newest upload of the type, or the built-in one.
std::pair<int, std::string> CurrentTemplate(db::Tx& tx, const std::string& type) {
    int version = store::LatestTemplateVersion(tx, type);
    if (version > 0)
        if (auto f = store::TemplateFile(tx, type, version)) return {version, text::DecodeStored(f->second, "template")};
    return {0, docx::DefaultTemplate(type)};
}

std::map<std::string, std::string> Values(db::Tx& tx, const Contract& c, const Orgs& orgs) {
    std::map<std::string, std::string> v;
    auto blank = [](const std::string& s) { return s.empty() ? std::string("＿＿＿＿") : s; };
    auto number = [&](const std::optional<int>& n) { return n ? std::to_string(*n) : std::string("＿＿"); };
    v["contract_title"] = c.title;
    v["contract_type"] = std::string(TypeLabelJa(c.type));
    v["project_title"] = "＿＿＿＿";
    v["project_title_en"] = "";
    v["pi_name"] = "＿＿＿＿";
    if (c.project_id)
        if (auto p = projects::FindProjectForModule(tx, *c.project_id)) {
            v["project_title"] = p->title_ja;
            v["project_title_en"] = p->title_en;
            if (auto* pi = p->WithRole("pi")) v["pi_name"] = blank(PersonName(tx, pi->person.id));
        }
    const char* letters[] = {"a", "b", "c"};
    std::string all;
    for (size_t i = 0; i < 3; ++i) {
        std::string key = std::string("party_") + letters[i];
        if (i < c.parties.size()) {
            const auto& p = c.parties[i];
            v[key + "_name"] = p.name_ja;
            v[key + "_signatory"] = blank(p.signatory_name);
            v[key + "_signatory_title"] = p.signatory_title;
        } else {
            v[key + "_name"] = v[key + "_signatory"] = v[key + "_signatory_title"] = "";
        }
    }
    for (const auto& p : c.parties) all += (all.empty() ? "" : "、") + p.name_ja;
    v["parties"] = all;
    v["purpose"] = blank(c.terms.purpose);
    v["ip_share_university"] = number(c.terms.ip_share_university);
    v["ip_share_company"] = number(c.terms.ip_share_company);
    v["publication_review_days"] = number(c.terms.publication_review_days);
    v["confidentiality_years"] = number(c.terms.confidentiality_years);
    v["indirect_cost_rate"] = number(c.terms.indirect_cost_rate);
    v["amount_yen"] = c.terms.amount_yen ? GroupDigits(*c.terms.amount_yen) : "＿＿＿＿";
    v["payment_schedule"] = blank(c.terms.payment_schedule);
    v["starts_on"] = c.terms.starts_on ? JapaneseDate(*c.terms.starts_on) : "＿＿年＿＿月＿＿日";
    v["ends_on"] = c.terms.ends_on ? JapaneseDate(*c.terms.ends_on) : "＿＿年＿＿月＿＿日";
    v["renewal"] = c.terms.renewal == "automatic"      ? "期間満了の1か月前までに申し出がない限り1年間自動更新する"
                   : c.terms.renewal == "by_agreement" ? "当事者の協議により更新できる"
                                                       : "更新しない";
    std::string covered;
    for (const auto& [person, company] : CoveredPairs(tx, c, orgs)) {
        auto name = PersonName(tx, person);
        if (covered.find(name) == std::string::npos) covered += (covered.empty() ? "" : "、") + name;
    }
    v["covered_people"] = covered.empty() ? "甲及び乙が指定する者" : covered;
    v["today"] = JapaneseDate(TokyoDate(Now()));
    return v;
}

std::string SafeFileStem(const std::string& s) {
    std::string out;
    for (unsigned char ch : s) {
        if (ch < 0x20 || ch == '/' || ch == '\\' || ch == '"' || ch == ':' || ch == '*' || ch == '?' || ch == '<' ||
            ch == '>' || ch == '|')
            out += '_';
        else out += static_cast<char>(ch);
    }
    return out.empty() ? "contract" : out;
}

}  // namespace

std::string Create(db::Tx& tx, const Me& me, const NewContract& in_) {
    if (!IsOffice(me)) throw Forbidden("only the office prepares contracts");
    NewContract in = in_;
    if (!IsType(in.type)) throw Invalid("type", "type is nda, joint_research, mta, collaboration_fee, consulting or licence");
    Orgs orgs(tx);
    CheckParties(tx, in.parties, orgs);
    CheckProject(tx, in.project_id);
    CheckCovered(tx, in.covered);
    Contract c;
    c.id = NewId();
    c.type = in.type;
    c.title = in.title;
    c.project_id = in.project_id;
    c.parties = in.parties;
    c.terms = in.terms;
    c.covered = in.covered;
    c.notes = in.notes;
    c.created_by = me.person_id;
    c.created_at = c.updated_at = c.status_since = Now();
    FillParties(c, orgs);
    store::InsertContract(tx, c, SearchKeyOf(c));
    store::ReplaceParties(tx, c.id, c.parties);
    store::ReplaceCovered(tx, c.id, c.covered);
    store::InsertHistory(tx, c.id, HistoryEntry{NewId(), std::nullopt, "draft", c.created_at, me.person_id, ""});
    audit::Record(tx, me.person_id, "create", "contract", c.id, nullptr, Snapshot(c));
    return c.id;
}

void Update(db::Tx& tx, const Me& me, const std::string& id, const ContractPatch& in) {
    if (!IsOffice(me)) {
        Orgs orgs(tx);
        LoadFor(tx, me, id, orgs);  // 404 for those who may not know it
        throw Forbidden("only the office edits contracts");
    }
    Orgs orgs(tx);
    auto c = Load(tx, id);
    FillParties(c, orgs);
    json::value before = Snapshot(c);
    bool fixed = IsInForce(c.status) || IsFinal(c.status);
    if (fixed && (in.parties || in.terms || in.project_id || in.covered || in.title))
        throw Error{ErrorCode::kConflict, "status", "a signed contract's parties and terms are fixed"};
    bool renamed = in.title && *in.title != c.title;
    if (in.title) c.title = *in.title;
    if (in.notes) c.notes = *in.notes;
    if (in.waiting_on) {
        if (!IsSide(*in.waiting_on)) throw Invalid("waiting_on", "waiting_on is us, company or university");
        c.waiting_on = *in.waiting_on;
    }
    if (in.project_id) {
        CheckProject(tx, *in.project_id);
        c.project_id = *in.project_id;
    }
    if (in.parties) {
        auto parties = *in.parties;
        CheckParties(tx, parties, orgs);
        auto before_signing = SignatoryPeople(c);
        c.parties = parties;
        FillParties(c, orgs);
        store::ReplaceParties(tx, c.id, c.parties);
        if (c.status == "approved") {  // signatories changed while awaiting signature
            auto now_signing = SignatoryPeople(c);
            std::vector<std::string> dropped;
            for (const auto& p : before_signing)
                if (std::find(now_signing.begin(), now_signing.end(), p) == now_signing.end()) dropped.push_back(p);
            CloseSignRequests(tx, c, dropped, me.person_id, "cancelled");
            for (const auto& p : now_signing) AskToSign(tx, c, p, Now());
        }
    }
    if (in.terms) c.terms = *in.terms;
    if (in.covered) {
        CheckCovered(tx, *in.covered);
        c.covered = *in.covered;
        store::ReplaceCovered(tx, c.id, c.covered);
    }
    c.updated_at = Now();
    store::UpdateContract(tx, c, SearchKeyOf(c));
    if (renamed) RewordItems(tx, c, me.person_id);
    audit::Record(tx, me.person_id, "update", "contract", c.id, before, Snapshot(c));
}

void Transition(db::Tx& tx, const Me& me, const std::string& id, const std::string& to, const std::string& note,
                const std::optional<std::string>& signed_on) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    if (!IsStatus(to)) throw Invalid("to", "unknown status");
    if (!IsOffice(me)) throw Forbidden("only the office moves a contract");
    if (!IsAllowedTransition(c.status, to))
        throw Error{ErrorCode::kConflict, "status",
                    "a contract cannot move from " + c.status + " to " + to};
    if (!MayTransition(c.status, to, ActorOf(me, c)))
        throw Forbidden(to == "approved" ? "approval needs an admin or another office member than the one who prepared it"
                                         : "not allowed to move this contract");
    if (to == "signed") {
        if (auto p = ReadyToSign(c.terms)) throw Invalid(p->field, p->message);
        std::string on = signed_on.value_or(TokyoDate(Now()));
        if (!IsDate(on)) throw Invalid("signed_on", "a date is YYYY-MM-DD");
        c.signed_on = on;
    }
    Apply(tx, me.person_id, c, to, note, orgs, Now());
}

void AddRound(db::Tx& tx, const Me& me, const std::string& id, const RoundInput& in) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    if (!IsOffice(me)) throw Forbidden("only the office records negotiation rounds");
    if (IsInForce(c.status) || IsFinal(c.status))
        throw Error{ErrorCode::kConflict, "status", "the contract is no longer negotiated"};
    if (!IsSide(in.sent_by)) throw Invalid("sent_by", "sent_by is us, company or university");
    if (!IsSide(in.waiting_on)) throw Invalid("waiting_on", "waiting_on is us, company or university");
    if (!IsDate(in.sent_on)) throw Invalid("sent_on", "a date is YYYY-MM-DD");
    if (in.clauses.size() > 50) throw Invalid("clauses", "too many clauses");
    json::value before = Snapshot(c);
    Round r;
    r.id = NewId();
    r.round_no = store::MaxRoundNo(tx, c.id) + 1;
    r.sent_by = in.sent_by;
    r.sent_on = in.sent_on;
    r.clauses = in.clauses;
    r.summary = in.summary;
    r.waiting_on = in.waiting_on;
    r.recorded_by = me.person_id;
    r.recorded_at = Now();
    store::InsertRound(tx, c.id, r);
    c.waiting_on = in.waiting_on;
    c.updated_at = r.recorded_at;
    store::UpdateContract(tx, c, SearchKeyOf(c));
    json::array clauses;
    for (auto& x : r.clauses) clauses.emplace_back(x);
    audit::Record(tx, me.person_id, "round", "contract", c.id, before,
                  json::object{{"round_no", r.round_no}, {"sent_by", r.sent_by}, {"sent_on", r.sent_on},
                               {"clauses", clauses}, {"summary", r.summary}, {"waiting_on", r.waiting_on}});
}

json::value ContractJson(db::Tx& tx, const Me& me, const std::string& id) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    auto o = Summary(tx, c, Now());
    o["terms"] = TermsToJson(c.terms);
    o["notes"] = c.notes;
    o["signed_on"] = c.signed_on ? json::value(*c.signed_on) : json::value(nullptr);
    o["approved_by"] = PersonRef(tx, c.approved_by);
    o["created_by"] = PersonRef(tx, c.created_by);
    o["created_at"] = FormatUtc(c.created_at);
    o["type_label_ja"] = TypeLabelJa(c.type);
    o["type_label_en"] = TypeLabelEn(c.type);
    json::value project = nullptr;
    if (c.project_id)
        if (auto p = projects::FindProjectForModule(tx, *c.project_id))
            project = json::object{{"id", p->id}, {"title_ja", p->title_ja}, {"title_en", p->title_en}};
    o["project"] = project;
    json::array covered, effective;
    for (auto& p : c.covered) covered.push_back(PersonRef(tx, p));
    std::set<std::string> seen;
    if (c.type == "nda")
        for (auto& [person, company] : CoveredPairs(tx, c, orgs))
            if (seen.insert(person).second) effective.push_back(PersonRef(tx, person));
    o["covered"] = covered;
    o["covered_effective"] = effective;
    json::array history;
    auto entries = store::History(tx, c.id);
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& h = entries[i];
        Seconds until = i + 1 < entries.size() ? entries[i + 1].at : Now();
        history.push_back(json::object{{"from_status", h.from_status ? json::value(*h.from_status) : json::value(nullptr)},
                                       {"to_status", h.to_status},
                                       {"at", FormatUtc(h.at)},
                                       {"by", PersonRef(tx, h.by)},
                                       {"note", h.note},
                                       {"days", static_cast<double>((until - h.at).count()) / 86400.0}});
    }
    o["history"] = history;
    json::array rounds;
    for (auto& r : store::Rounds(tx, c.id)) {
        json::array clauses;
        for (auto& x : r.clauses) clauses.emplace_back(x);
        rounds.push_back(json::object{{"id", r.id},
                                      {"round_no", r.round_no},
                                      {"sent_by", r.sent_by},
                                      {"sent_on", r.sent_on},
                                      {"clauses", clauses},
                                      {"summary", r.summary},
                                      {"waiting_on", r.waiting_on},
                                      {"recorded_by", PersonRef(tx, r.recorded_by)},
                                      {"recorded_at", FormatUtc(r.recorded_at)}});
    }
    o["rounds"] = rounds;
    json::array next;
    for (auto& s : NextStatuses(c.status, ActorOf(me, c))) next.emplace_back(s);
    o["next_statuses"] = IsOffice(me) ? next : json::array{};
    o["may_edit"] = IsOffice(me) && !IsInForce(c.status) && !IsFinal(c.status);
    o["may_draft"] = true;
    // Who prepared it may not approve it: the UI says who can.
    o["approval_needs_other"] = IsOffice(me) && c.status == "negotiating" &&
                                !MayTransition(c.status, "approved", ActorOf(me, c));
    return o;
}

json::value ListJson(db::Tx& tx, const Me& me, const ListFilter& f) {
    if (!f.type.empty() && !IsType(f.type)) throw Invalid("type", "unknown type");
    if (!f.status.empty() && !IsStatus(f.status)) throw Invalid("status", "unknown status");
    Orgs orgs(tx);
    auto v = ViewerOf(tx, me, orgs);
    store::Filter sf{f.type, f.status, f.project_id, text::SearchKey(f.q)};
    json::array items;
    Seconds now = Now();
    for (auto& c : store::ListContracts(tx, sf)) {
        if (!MaySee(tx, v, c, orgs)) continue;
        FillParties(c, orgs);
        auto s = Summary(tx, c, now);
        if (f.waiting_long && !s["waiting_long"].as_bool()) continue;
        items.push_back(std::move(s));
    }
    auto total = static_cast<std::int64_t>(items.size());
    return json::object{{"items", std::move(items)}, {"total", total}};
}

File Draft(db::Tx& tx, const Me& me, const std::string& id) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    auto [version, bytes] = CurrentTemplate(tx, c.type);
    File f;
    f.bytes = docx::Fill(bytes, Values(tx, c, orgs));
    f.content_type = docx::kContentType;
    f.filename = SafeFileStem(std::string(TypeLabelJa(c.type)) + "_" + c.title) + "_案.docx";
    audit::Record(tx, me.person_id, "draft", "contract", c.id, nullptr,
                  json::object{{"template_version", version}, {"size_bytes", static_cast<std::int64_t>(f.bytes.size())}});
    return f;
}

json::value TemplatesJson(db::Tx& tx, const Me& me) {
    if (!SeesAll(me)) throw Forbidden("only the office manages templates");
    json::array types;
    auto all = store::Templates(tx, "");
    for (auto type : kTypes) {
        json::array versions;
        std::vector<std::string> current_names;
        int current = 0;
        for (const auto& t : all) {
            if (t.type != type) continue;
            if (!current) {
                current = t.version;
                current_names = t.merge_fields;
            }
            json::array names;
            for (auto& n : t.merge_fields) names.emplace_back(n);
            versions.push_back(json::object{{"version", t.version},
                                            {"filename", t.filename},
                                            {"size_bytes", t.size_bytes},
                                            {"merge_fields", names},
                                            {"note", t.note},
                                            {"uploaded_by", PersonRef(tx, t.uploaded_by)},
                                            {"uploaded_at", FormatUtc(t.uploaded_at)}});
        }
        if (!current) current_names = docx::MergeFields(docx::ReadArchive(docx::DefaultTemplate(std::string(type))));
        json::array names, unknown;
        for (auto& n : current_names) {
            names.emplace_back(n);
            if (!IsKnownMergeField(n)) unknown.emplace_back(n);
        }
        types.push_back(json::object{{"type", type},
                                     {"label_ja", TypeLabelJa(type)},
                                     {"label_en", TypeLabelEn(type)},
                                     {"current_version", current},
                                     {"built_in", current == 0},
                                     {"merge_fields", names},
                                     {"unknown_merge_fields", unknown},
                                     {"versions", versions}});
    }
    json::array known;
    for (const auto& p : KnownMergeFields())
        known.push_back(json::object{{"name", p.name}, {"label_ja", p.label_ja}, {"label_en", p.label_en}});
    return json::object{{"types", types}, {"merge_fields", known}};
}

json::value UploadTemplate(db::Tx& tx, const Me& me, const std::string& type, const std::string& filename,
                           const std::string& bytes, const std::string& note) {
    if (!IsOffice(me)) throw Forbidden("only the office manages templates");
    if (!IsType(type)) throw NotFound("contract type");
    if (bytes.empty()) throw Invalid("file", "the file is empty");
    if (bytes.size() > 900 * 1024) throw Invalid("file", "a template is at most 900 KB");
    if (filename.empty() || filename.size() > 200 || filename.find('/') != std::string::npos ||
        filename.find('"') != std::string::npos || !CleanUtf8(filename, false))
        throw Invalid("filename", "a file name without slashes or quotes is required");
    auto entries = docx::ReadArchive(bytes, "file");
    Template t;
    t.id = NewId();
    t.type = type;
    t.version = store::LatestTemplateVersion(tx, type) + 1;
    t.filename = filename;
    t.size_bytes = static_cast<long long>(bytes.size());
    t.merge_fields = docx::MergeFields(entries);
    t.note = note;
    t.uploaded_by = me.person_id;
    t.uploaded_at = Now();
    store::InsertTemplate(tx, t, text::ToBase64(bytes));
    json::array names, unknown;
    for (auto& n : t.merge_fields) {
        names.emplace_back(n);
        if (!IsKnownMergeField(n)) unknown.emplace_back(n);
    }
    audit::Record(tx, me.person_id, "upload", "contract_template", t.id, nullptr,
                  json::object{{"type", type}, {"version", t.version}, {"filename", filename}, {"merge_fields", names}});
    return json::object{{"type", type},
                        {"version", t.version},
                        {"filename", filename},
                        {"size_bytes", t.size_bytes},
                        {"merge_fields", names},
                        {"unknown_merge_fields", unknown},
                        {"warnings", unknown.empty() ? json::array{}
                                                     : json::array{json::value("unknown merge fields stay as they are in drafts")}}};
}

File TemplateFile(db::Tx& tx, const Me& me, const std::string& type, std::optional<int> version) {
    if (!SeesAll(me)) throw Forbidden("only the office manages templates");
    if (!IsType(type)) throw NotFound("contract type");
    File f;
    f.content_type = docx::kContentType;
    int v = version.value_or(store::LatestTemplateVersion(tx, type));
    if (v == 0) {
        f.bytes = docx::DefaultTemplate(type);
        f.filename = "template_" + type + "_builtin.docx";
        return f;
    }
    auto stored = store::TemplateFile(tx, type, v);
    if (!stored) throw NotFound("template version");
    f.bytes = text::DecodeStored(stored->second, "template");
    f.filename = stored->first.filename;
    return f;
}

json::value TurnaroundJson(db::Tx& tx, const Me& me) {
    if (!SeesAll(me)) throw Forbidden("only the office sees turnaround");
    std::map<std::string, std::string> type_of;
    std::map<std::string, int> contracts_of_type;
    for (auto& c : store::ListContracts(tx, {})) {
        type_of[c.id] = c.type;
        contracts_of_type[c.type]++;
    }
    // type → stage → stays
    std::map<std::string, std::map<std::string, std::vector<double>>> stays;
    for (auto& [id, entries] : store::AllHistory(tx)) {
        auto it = type_of.find(id);
        if (it == type_of.end()) continue;
        std::vector<StatusChange> changes;
        for (auto& h : entries) changes.push_back({h.to_status, ToUnix(h.at)});
        for (auto& [stage, days] : StaysInDays(changes))
            for (double d : days) stays[it->second][stage].push_back(d);
    }
    json::array rows;
    for (auto type : kTypes) {
        json::object stages;
        double total = 0;
        for (auto stage : kWorkStages) {
            auto& v = stays[std::string(type)][std::string(stage)];
            double median = Median(v);
            if (!v.empty()) total += median;
            stages[stage] = json::object{{"median_days", v.empty() ? json::value(nullptr) : json::value(median)},
                                         {"count", static_cast<std::int64_t>(v.size())}};
        }
        rows.push_back(json::object{{"type", type},
                                    {"label_ja", TypeLabelJa(type)},
                                    {"label_en", TypeLabelEn(type)},
                                    {"contracts", contracts_of_type[std::string(type)]},
                                    {"stages", stages},
                                    {"median_days_to_sign", total}});
    }
    json::array stage_names;
    for (auto s : kWorkStages) stage_names.emplace_back(s);
    return json::object{{"stages", stage_names}, {"types", rows}};
}

ReminderRun RunReminders(db::Tx& tx, Seconds now) {
    ReminderRun run;
    Orgs orgs(tx);
    std::string today = TokyoDate(now);
    auto office = OfficePeople(tx);
    for (auto& c : store::ListContracts(tx, {})) {
        FillParties(c, orgs);
        // Activation and expiry by date.
        if (c.status == "signed" && c.terms.starts_on && *c.terms.starts_on <= today &&
            !(c.terms.ends_on && *c.terms.ends_on < today)) {
            Apply(tx, std::nullopt, c, "active", "契約期間の開始（自動）", orgs, now);
            ++run.activated;
        }
        if ((c.status == "active" || c.status == "signed") && c.terms.ends_on && *c.terms.ends_on < today) {
            Apply(tx, std::nullopt, c, "expired", "契約期間の満了（自動）", orgs, now);
            ++run.expired;
            continue;
        }
        std::string context = ReminderContextJa(c);
        std::string context_en = ReminderContextEn(c);
        int threshold = StaleAfterDays(c.status);
        double days = static_cast<double>((now - c.status_since).count()) / 86400.0;
        if (threshold > 0 && days > threshold) {
            for (const auto& person : office) {
                inbox::NewItem item;
                item.person_id = person;
                item.kind = "contracts.stale";
                item.source = "contracts";
                item.source_key = "stale:" + c.id + ":" + c.status;
                item.title_ja = "契約が「" + std::string(StatusLabelJa(c.status)) + "」のまま" +
                                std::to_string(static_cast<int>(days)) + "日経過しています";
                item.title_en = "A contract has been " + c.status + " for " + std::to_string(static_cast<int>(days)) +
                                " days";
                item.context_ja = context;
                item.context_en = context_en;
                item.link = "/contracts/" + c.id;
                inbox::Post(tx, item);
            }
            ++run.stale;
        }
        if (c.status == "active" && c.terms.ends_on && DaysBetween(today, *c.terms.ends_on) <= kExpiryNoticeDays) {
            for (const auto& person : office) {
                inbox::NewItem item;
                item.person_id = person;
                item.kind = "contracts.expiry";
                item.source = "contracts";
                item.source_key = "expiry:" + c.id + ":" + *c.terms.ends_on;
                item.title_ja = "契約期間が" + JapaneseDate(*c.terms.ends_on) + "に満了します（更新の確認）";
                item.title_en = "A contract ends on " + *c.terms.ends_on + " (renew?)";
                item.context_ja = context;
                item.context_en = context_en;
                item.link = "/contracts/" + c.id;
                item.due_on = *c.terms.ends_on;
                inbox::Post(tx, item);
            }
            ++run.expiring;
        }
    }
    return run;
}

void RegisterRequirementChecks() {
    auto has = [](const char* type) {
        return [type](db::Tx& tx, const std::string& project_id) {
            for (auto& c : store::ListContracts(tx, store::Filter{type, "", project_id, ""}))
                if (IsInForce(c.status)) return true;
            return false;
        };
    };
    projects::RegisterRequirementCheck("nda_signed", has("nda"));
    projects::RegisterRequirementCheck("joint_research_agreement", has("joint_research"));
}

}  // namespace renkei::contracts
