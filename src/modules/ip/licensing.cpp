// Licences of an invention and the revenue they bring; the university's reward rules for its
// employees' inventions (職務発明) and the ledger of what each inventor is due and was paid.
#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "modules/contracts/service.hpp"
#include "modules/ip/internal.hpp"
#include "modules/ip/store.hpp"
#include "modules/notifications/service.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/office/csv.hpp"
#include "platform/office/xlsx.hpp"

namespace renkei::ip {
namespace {

namespace json = boost::json;
using detail::CheckPastDate;
using detail::IsOffice;
using detail::LoadFor;
using detail::Projects;

constexpr long long kMaxRevenueYen = 100'000'000'000;  // ¥100 billion: beyond it, a typo

// Adds the rewards of `kind` for `basis` (a filing or a revenue payment) to the university's
// inventors, and tells each of them (a notification).
void Grant(db::Tx& tx, const Invention& inv, RewardKind kind, const std::string& basis_id, const std::string& basis_on,
           long long amount_yen, Seconds now) {
    for (const auto& share : SplitReward(amount_yen, inv.inventors)) {
        Reward r;
        r.id = NewId();
        r.invention_id = inv.id;
        r.person.id = share.person_id;
        r.kind = kind;
        r.basis_id = basis_id;
        r.basis_on = basis_on;
        r.amount_yen = share.amount_yen;
        if (!store::InsertReward(tx, r, now)) continue;
        audit::Record(
            tx, std::nullopt, "reward", "ip_invention", inv.id, nullptr,
            json::object{
                {"reward_id", r.id}, {"person_id", r.person.id}, {"kind", Text(kind)}, {"amount_yen", r.amount_yen}});
        static const std::map<RewardKind, std::pair<const char*, const char*>> what = {
            {RewardKind::kFiling, {"出願補償", "Filing reward"}},
            {RewardKind::kRegistration, {"登録補償", "Registration reward"}},
            {RewardKind::kRevenue, {"実施補償", "Licence revenue reward"}}};
        const auto& [ja, en] = what.at(kind);
        // News, not a task: a notification (the inbox holds what asks something of the person).
        std::string yen = std::to_string(r.amount_yen);
        notifications::Notify(tx, r.person.id, "ip_reward", std::string(ja) + "（" + yen + "円）: " + inv.title,
                              std::string(en) + " (¥" + yen + "): " + inv.title, "/ip/rewards", now);
    }
}

bool UniversityOwns(const Invention& inv) { return !inv.university_share || *inv.university_share > 0; }

}  // namespace

namespace detail {

void GrantRewards(db::Tx& tx, const Invention& inv, Seconds now) {
    if (inv.filings.empty() || !UniversityOwns(inv)) return;
    auto rules = store::ReadRewardRules(tx);
    const Filing* first = &inv.filings.front();
    for (const auto& f : inv.filings)
        if (f.filed_on < first->filed_on) first = &f;
    Grant(tx, inv, RewardKind::kFiling, first->id, first->filed_on, rules.filing_yen, now);
    for (const auto& f : inv.filings)
        if (f.registered_on)
            Grant(tx, inv, RewardKind::kRegistration, f.id, *f.registered_on, rules.registration_yen, now);
}

}  // namespace detail

InventionView AddLicence(db::Tx& tx, const Me& me, const std::string& id, const LicenceInput& in, Seconds now) {
    Projects projects(tx);
    auto inv = LoadFor(tx, me, id, projects);
    if (!IsOffice(me)) throw Forbidden("the office records licences");
    if (inv.status == InventionStatus::kDisclosed || inv.status == InventionStatus::kEvaluating ||
        inv.status == InventionStatus::kAbandoned)
        throw Error{ErrorCode::kConflict, "status", "only an invention the office has decided to keep can be licensed"};
    Licence l;
    l.id = NewId();
    l.invention_id = inv.id;
    l.licensee = Trim(in.licensee);
    if (l.licensee.empty() || Utf8Length(l.licensee) > 200 || !CleanUtf8(l.licensee, false))
        throw Invalid("licensee", "the licensee's name (1 to 200 characters) is required");
    if (in.signed_on.empty()) throw Invalid("signed_on", "signed_on is required");
    CheckPastDate(in.signed_on, "signed_on", TokyoDate(now));
    l.signed_on = in.signed_on;
    if (Utf8Length(in.note) > 2000 || !CleanUtf8(in.note, true))
        throw Invalid("note", "note is at most 2000 characters");
    l.note = Trim(in.note);
    l.exclusive = in.exclusive;
    if (in.contract_id && !in.contract_id->empty()) {
        // A licence contract the office can see, of this project or of none.
        std::optional<contracts::ContractDetail> c;
        try {
            c = contracts::GetContract(tx, me, *in.contract_id, now);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::kNotFound) throw;
            throw Invalid("contract_id", "no contract has this id");
        }
        if (c->summary.contract.type != contracts::ContractType::kLicence)
            throw Invalid("contract_id", "the contract linked must be a licence agreement");
        l.contract_id = c->summary.contract.id;
    }
    store::InsertLicence(tx, l, me.person_id, now);
    audit::Record(
        tx, me.person_id, "licence", "ip_invention", inv.id, nullptr,
        json::object{
            {"licence_id", l.id}, {"licensee", l.licensee}, {"exclusive", l.exclusive}, {"signed_on", l.signed_on}});
    return ReadInvention(tx, me, id, now);
}

InventionView AddRevenue(db::Tx& tx, const Me& me, const std::string& id, const std::string& licence_id,
                         const RevenueInput& in, Seconds now) {
    Projects projects(tx);
    auto inv = LoadFor(tx, me, id, projects);
    if (!IsOffice(me)) throw Forbidden("the office records licence revenue");
    auto licences = store::Licences(tx, inv.id);
    auto it = std::find_if(licences.begin(), licences.end(), [&](const Licence& l) { return l.id == licence_id; });
    if (it == licences.end()) throw NotFound("licence");
    if (in.received_on.empty()) throw Invalid("received_on", "received_on is required");
    CheckPastDate(in.received_on, "received_on", TokyoDate(now));
    if (in.received_on < it->signed_on) throw Invalid("received_on", "revenue comes after the licence was signed");
    if (in.amount_yen <= 0 || in.amount_yen > kMaxRevenueYen)
        throw Invalid("amount_yen", "amount_yen is a whole number of yen above 0");
    if (Utf8Length(in.note) > 2000 || !CleanUtf8(in.note, true))
        throw Invalid("note", "note is at most 2000 characters");
    Revenue r{NewId(), it->id, in.received_on, in.amount_yen, Trim(in.note)};
    store::InsertRevenue(tx, r, me.person_id, now);
    audit::Record(tx, me.person_id, "revenue", "ip_invention", inv.id, nullptr,
                  json::object{{"revenue_id", r.id},
                               {"licence_id", r.licence_id},
                               {"received_on", r.received_on},
                               {"amount_yen", r.amount_yen}});
    if (UniversityOwns(inv))
        Grant(tx, inv, RewardKind::kRevenue, r.id, r.received_on, RevenuePart(store::ReadRewardRules(tx), r.amount_yen),
              now);
    return ReadInvention(tx, me, id, now);
}

RewardRules GetRewardRules(db::Tx& tx) { return store::ReadRewardRules(tx); }

RewardRules SetRewardRules(db::Tx& tx, const Me& me, const RewardRules& rules, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("the office sets the reward rules");
    CheckRewardRules(rules);
    auto before = store::ReadRewardRules(tx);
    store::WriteRewardRules(tx, rules, me.person_id, now);
    auto j = [](const RewardRules& r) {
        return json::object{{"filing_yen", r.filing_yen},
                            {"registration_yen", r.registration_yen},
                            {"revenue_percent", r.revenue_percent}};
    };
    audit::Record(tx, me.person_id, "update", "ip_reward_rules", "1", j(before), j(rules));
    return store::ReadRewardRules(tx);
}

namespace {

// The rows the caller may see, with names and titles: the office all, anyone else their own.
Ledger LedgerOf(db::Tx& tx, const Me& me) {
    Ledger out;
    auto rewards = store::Rewards(tx, std::nullopt, IsOffice(me) ? std::nullopt : std::optional(me.person_id));
    std::vector<std::string> ids;
    ids.reserve(rewards.size());
    for (const auto& r : rewards) ids.push_back(r.person.id);
    people::NameBook names(tx);
    names.Load(ids);
    std::map<std::string, std::string> titles;
    for (auto& r : rewards) {
        const auto& n = names.Of(r.person.id);
        r.person.name_ja = n.name_ja;
        r.person.name_en = n.name_en;
        auto t = titles.find(r.invention_id);
        if (t == titles.end()) {
            auto inv = store::FindInvention(tx, r.invention_id);
            t = titles.emplace(r.invention_id, inv ? inv->title : "").first;
        }
        (r.paid_on ? out.paid_total_yen : out.due_total_yen) += r.amount_yen;
        out.items.push_back({std::move(r), t->second});
    }
    return out;
}

struct LedgerText {
    std::vector<std::string> head;
    std::map<RewardKind, std::string> kinds;
    std::string due, title, sheet;
};
LedgerText TextFor(const std::string& language) {
    if (language == "en")
        return {{"Invention", "Inventor", "Kind", "Day", "Amount (yen)", "Paid on", "Reward ID"},
                {{RewardKind::kFiling, "Filing"},
                 {RewardKind::kRegistration, "Registration"},
                 {RewardKind::kRevenue, "Licence revenue"}},
                "due",
                "Employee invention rewards",
                "Rewards"};
    return {{"発明の名称", "発明者", "種別", "発生日", "金額（円）", "支払日", "補償ID"},
            {{RewardKind::kFiling, "出願補償"},
             {RewardKind::kRegistration, "登録補償"},
             {RewardKind::kRevenue, "実施補償"}},
            "未払",
            "職務発明 補償金台帳",
            "補償金台帳"};
}

}  // namespace

Ledger RewardLedger(db::Tx& tx, const Me& me, Seconds now) {
    (void)now;
    return LedgerOf(tx, me);
}

std::string LedgerCsv(db::Tx& tx, const Me& me, const std::string& language, Seconds now) {
    (void)now;
    if (!IsOffice(me)) throw Forbidden("the office exports the reward ledger");
    auto text = TextFor(language);
    office::Csv csv(text.head);
    for (const auto& row : LedgerOf(tx, me).items) {
        const auto& r = row.reward;
        csv.Row({row.invention_title,
                 language == "en" && !r.person.name_en.empty() ? r.person.name_en : r.person.name_ja,
                 text.kinds.at(r.kind), r.basis_on, std::to_string(r.amount_yen), r.paid_on.value_or(text.due), r.id});
    }
    return csv.Bytes();
}

std::string LedgerXlsx(db::Tx& tx, const Me& me, const std::string& language, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("the office exports the reward ledger");
    auto text = TextFor(language);
    auto ledger = LedgerOf(tx, me);
    office::Workbook book;
    auto* sheet = book.Sheet(text.sheet, text.title, text.head, {40, 18, 14, 12, 14, 12, 28});
    book.Line(sheet, 1, TokyoDate(now));
    for (const auto& row : ledger.items) {
        const auto& r = row.reward;
        book.Row(
            sheet,
            {row.invention_title, language == "en" && !r.person.name_en.empty() ? r.person.name_en : r.person.name_ja,
             text.kinds.at(r.kind), r.basis_on, "", r.paid_on.value_or(text.due), r.id},
            4, r.amount_yen);
    }
    return book.Bytes();
}

RewardRow MarkRewardPaid(db::Tx& tx, const Me& me, const std::string& reward_id, const std::string& paid_on,
                         Seconds now) {
    if (!IsOffice(me)) throw Forbidden("the office records payments");
    auto r = store::FindReward(tx, reward_id);
    if (!r) throw NotFound("reward");
    if (r->paid_on) throw Error{ErrorCode::kConflict, "paid_on", "this reward was paid on " + *r->paid_on};
    if (paid_on.empty()) throw Invalid("paid_on", "paid_on is required");
    CheckPastDate(paid_on, "paid_on", TokyoDate(now));
    if (paid_on < r->basis_on) throw Invalid("paid_on", "a reward is paid after it arose");
    store::MarkRewardPaid(tx, r->id, paid_on, me.person_id);
    audit::Record(tx, me.person_id, "reward_paid", "ip_invention", r->invention_id, nullptr,
                  json::object{{"reward_id", r->id}, {"paid_on", paid_on}, {"amount_yen", r->amount_yen}});
    for (auto& row : LedgerOf(tx, me).items)
        if (row.reward.id == r->id) return row;
    throw NotFound("reward");
}

}  // namespace renkei::ip
