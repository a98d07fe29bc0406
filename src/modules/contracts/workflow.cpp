// The contracts workflow's side effects: a status change's history, grants to the exchange and
// inbox items; the reminder run; turnaround; the gate requirements.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "modules/contracts/internal.hpp"
#include "modules/contracts/store.hpp"
#include "modules/exchange/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/people/service.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"

namespace renkei::contracts {
namespace {

namespace json = boost::json;

std::string SourceKey(const Contract& c) { return "contract:" + c.id; }
std::string StaleKey(const Contract& c) { return "stale:" + c.id + ":" + std::string(ToText(c.status)); }
std::string ExpiryKey(const Contract& c, const std::string& ends_on) { return "expiry:" + c.id + ":" + ends_on; }

// An NDA in force covers its people for its term; otherwise it grants nothing.
void SyncGrants(db::Tx& tx, const std::optional<std::string>& actor, const Contract& c, const Orgs& orgs, Seconds at) {
    if (c.type != ContractType::kNda) return;
    if (!IsInForce(c.status) || !c.terms.starts_on || !c.terms.ends_on) {
        exchange::EndAgreementGrants(tx, actor, SourceKey(c), at);
        return;
    }
    Seconds starts = TokyoStartOf(*c.terms.starts_on);
    Seconds ends = TokyoStartOf(*c.terms.ends_on) + std::chrono::hours{24};  // through the last day
    exchange::SetAgreementGrants(tx, actor, SourceKey(c), CoveredPairs(tx, c, orgs), starts, ends, "NDA: " + c.title,
                                 at);
}

std::vector<std::string> OfficePeople(db::Tx& tx) {
    std::vector<std::string> out;
    for (auto& p : people::ListPeople(tx, "", "office", "", 1)) out.push_back(p.id);
    return out;
}

void ResolveStale(db::Tx& tx, const Contract& c, const std::optional<std::string>& actor, Seconds at) {
    inbox::Resolve(tx, "contracts", StaleKey(c), actor, at);
}

std::string SignKey(const Contract& c, const std::string& person_id) { return "sign:" + c.id + ":" + person_id; }

std::string SignTitleJa(const Contract& c) { return "契約「" + c.title + "」に署名してください"; }
std::string SignTitleEn(const Contract& c) { return "Sign contract \u201c" + c.title + "\u201d"; }
// What the office's reminders say a contract is: its type and title.
std::string ReminderContextJa(const Contract& c) { return std::string(TypeLabelJa(c.type)) + "：" + c.title; }
std::string ReminderContextEn(const Contract& c) { return std::string(TypeLabelEn(c.type)) + ": " + c.title; }

}  // namespace

std::vector<std::string> SignatoryPeople(const Contract& c) {
    std::vector<std::string> out;
    for (const auto& p : c.parties)
        if (p.signatory_person_id && !p.signatory_person_id->empty() &&
            std::find(out.begin(), out.end(), *p.signatory_person_id) == out.end())
            out.push_back(*p.signatory_person_id);
    return out;
}

// A renamed contract's open items say the new title: the signatories' requests and the office's
// reminders (resolved items keep the words they were resolved with).
void RewordItems(db::Tx& tx, const Contract& c, const std::optional<std::string>& actor) {
    for (const auto& person : SignatoryPeople(c))
        inbox::Reword(tx, "contracts", SignKey(c, person), {SignTitleJa(c), SignTitleEn(c), std::nullopt, std::nullopt},
                      actor);
    inbox::Wording reminder{std::nullopt, std::nullopt, ReminderContextJa(c), ReminderContextEn(c)};
    inbox::Reword(tx, "contracts", StaleKey(c), reminder, actor);
    if (c.terms.ends_on) inbox::Reword(tx, "contracts", ExpiryKey(c, *c.terms.ends_on), reminder, actor);
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
    item.due_on = TokyoDate(at + std::chrono::hours{24 * StaleAfterDays(Status::kApproved)});
    inbox::Post(tx, item, at);
}

// Leaving `approved` closes the signatories' items: done when signed, cancelled otherwise.
void CloseSignRequests(db::Tx& tx, const Contract& c, const std::vector<std::string>& people,
                       const std::optional<std::string>& actor, const std::string& state, Seconds at) {
    for (const auto& person : people) inbox::Resolve(tx, "contracts", SignKey(c, person), actor, at, state);
}

void Apply(db::Tx& tx, const std::optional<std::string>& actor, Contract& c, Status to, const std::string& note,
           const Orgs& orgs, Seconds at) {
    json::value before = Snapshot(c);
    // Leaving negotiation otherwise than approved ends a chain in progress.
    if (c.status == Status::kNegotiating && to != Status::kApproved)
        approvals::Withdraw(tx, actor, approvals::SubjectKind::kContract, c.id,
                            "the contract moved to " + std::string(ToText(to)), at);
    ResolveStale(tx, c, actor, at);
    HistoryEntry h{NewId(), c.status, to, at, actor, note};
    store::InsertHistory(tx, c.id, h);
    if (c.status == Status::kApproved && to != Status::kApproved)
        CloseSignRequests(tx, c, SignatoryPeople(c), actor, to == Status::kSigned ? "done" : "cancelled", at);
    c.status = to;
    c.status_since = at;
    c.updated_at = at;
    if (to == Status::kApproved) {
        c.approved_by = actor;
        for (const auto& person : SignatoryPeople(c)) AskToSign(tx, c, person, at);
    }
    if (IsFinal(to)) inbox::Resolve(tx, "contracts", ExpiryKey(c, c.terms.ends_on.value_or("")), actor, at);
    store::UpdateContract(tx, c, SearchKeyOf(c));
    SyncGrants(tx, actor, c, orgs, at);
    auto after = Snapshot(c);
    after.as_object()["note"] = note;
    audit::Record(tx, actor, "transition", "contract", c.id, before, after);
}

std::vector<TypeTurnaround> Turnaround(db::Tx& tx, const Me& me) {
    if (!SeesAll(me)) throw Forbidden("only the office sees turnaround");
    std::map<std::string, ContractType> type_of;
    std::map<ContractType, int> contracts_of_type;
    for (auto& c : store::ListContracts(tx, {})) {
        type_of[c.id] = c.type;
        contracts_of_type[c.type]++;
    }
    // type → stage → stays
    std::map<ContractType, std::map<std::string, std::vector<double>>> stays;
    for (auto& [id, entries] : store::AllHistory(tx)) {
        auto it = type_of.find(id);
        if (it == type_of.end()) continue;
        std::vector<StatusChange> changes;
        for (auto& h : entries) changes.push_back({std::string(ToText(h.to_status)), ToUnix(h.at)});
        for (auto& [stage, days] : StaysInDays(changes))
            for (double d : days) stays[it->second][stage].push_back(d);
    }
    std::vector<TypeTurnaround> rows;
    for (const auto& t : kTypes) {
        TypeTurnaround row;
        row.type = t.value;
        row.contracts = contracts_of_type[t.value];
        for (auto stage : kWorkStages) {
            auto& v = stays[t.value][std::string(ToText(stage))];
            StageTurnaround s{stage, std::nullopt, static_cast<long long>(v.size())};
            if (!v.empty()) {
                s.median_days = Median(v);
                row.median_days_to_sign += *s.median_days;
            }
            row.stages.push_back(s);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

ReminderRun RunReminders(db::Tx& tx, Seconds now) {
    ReminderRun run;
    Orgs orgs(tx);
    std::string today = TokyoDate(now);
    auto office = OfficePeople(tx);
    for (auto& c : store::ListContracts(tx, {})) {
        FillParties(c, orgs);
        // Activation and expiry by date.
        if (c.status == Status::kSigned && c.terms.starts_on && *c.terms.starts_on <= today &&
            !(c.terms.ends_on && *c.terms.ends_on < today)) {
            Apply(tx, std::nullopt, c, Status::kActive, "契約期間の開始（自動）", orgs, now);
            ++run.activated;
        }
        if ((c.status == Status::kActive || c.status == Status::kSigned) && c.terms.ends_on &&
            *c.terms.ends_on < today) {
            Apply(tx, std::nullopt, c, Status::kExpired, "契約期間の満了（自動）", orgs, now);
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
                item.source_key = StaleKey(c);
                item.title_ja = "契約が「" + std::string(StatusLabelJa(c.status)) + "」のまま" +
                                std::to_string(static_cast<int>(days)) + "日経過しています";
                item.title_en = "A contract has been " + std::string(ToText(c.status)) + " for " +
                                std::to_string(static_cast<int>(days)) + " days";
                item.context_ja = context;
                item.context_en = context_en;
                item.link = "/contracts/" + c.id;
                inbox::Post(tx, item, now);
            }
            ++run.stale;
        }
        if (c.status == Status::kActive && c.terms.ends_on &&
            DaysBetween(today, *c.terms.ends_on) <= kExpiryNoticeDays) {
            for (const auto& person : office) {
                inbox::NewItem item;
                item.person_id = person;
                item.kind = "contracts.expiry";
                item.source = "contracts";
                item.source_key = ExpiryKey(c, *c.terms.ends_on);
                item.title_ja = "契約期間が" + JapaneseDate(*c.terms.ends_on) + "に満了します（更新の確認）";
                item.title_en = "A contract ends on " + *c.terms.ends_on + " (renew?)";
                item.context_ja = context;
                item.context_en = context_en;
                item.link = "/contracts/" + c.id;
                item.due_on = *c.terms.ends_on;
                inbox::Post(tx, item, now);
            }
            ++run.expiring;
        }
    }
    return run;
}

void RegisterRequirementChecks() {
    auto has = [](ContractType type) {
        return [type](db::Tx& tx, const std::string& project_id, Seconds /*now*/) {
            store::Filter f;
            f.type = type;
            f.project_id = project_id;
            for (auto& c : store::ListContracts(tx, f))
                if (IsInForce(c.status)) return true;
            return false;
        };
    };
    projects::RegisterRequirementCheck("nda_signed", has(ContractType::kNda));
    projects::RegisterRequirementCheck("joint_research_agreement", has(ContractType::kJointResearch));
    // NDAs that were signed (in force now or since expired), on the committee's chain.
    projects::RegisterChainStep({"nda", 30, "NDAの締結", "NDAs signed", [](db::Tx& tx) {
                                     store::Filter f;
                                     f.type = ContractType::kNda;
                                     long long n = 0;
                                     for (auto& c : store::ListContracts(tx, f))
                                         n += IsInForce(c.status) || c.status == Status::kExpired ? 1 : 0;
                                     return n;
                                 }});
}

}  // namespace renkei::contracts
