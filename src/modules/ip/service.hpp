// The ip module's rules (知財, SPEC §5, docs/ip.md): inventions disclosed from a project with their
// inventors and shares, the office's decision with the ownership shares of the joint research
// agreement, the filings and the legal deadlines that follow from them. Disclosures are
// confidential: the inventors, the project's PI and the office (kNotFound for anyone else). Every
// change is audited in the caller's transaction. Services take the request's clock reading `now`.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/ip/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/obligation.hpp"

namespace renkei::ip {

using Me = auth::Principal;

struct May {
    bool edit = false, decide = false, file = false, license = false, consent = false;
};
struct InventionView {
    Invention invention;
    std::string project_title_ja, project_title_en;
    std::vector<InventionDeadline> deadlines;  // open, up to three years ahead
    std::vector<Licence> licences;
    std::vector<Reward> rewards;  // the office sees all; an inventor their own
    May may;
};
// The inventions the caller may see (of one project, or all).
std::vector<InventionView> ListInventions(db::Tx& tx, const Me& me, const std::optional<std::string>& project_id,
                                          Seconds now);
InventionView ReadInvention(db::Tx& tx, const Me& me, const std::string& id, Seconds now);
void RequireVisible(db::Tx& tx, const Me& me, const std::string& id);

struct InventorInput {
    std::string person_id;
    int share_percent = 0;
    std::optional<std::string> employer;  // default: from the person's roles
};
struct InventionInput {
    std::optional<std::string> project_id, title, summary;
    std::optional<std::optional<std::string>> conceived_on, disclosed_on;
    std::optional<std::vector<InventorInput>> inventors;
};
// A member of the project discloses an invention. Title from the project unless given; inventors
// from the project's members (the company lead and coordinators aside) with even shares unless
// given; the project's joint research agreement is linked. The office is asked to evaluate it.
InventionView Disclose(db::Tx& tx, const Me& me, const InventionInput& in, Seconds now);
// The inventors and the office, until the office decides.
InventionView UpdateInvention(db::Tx& tx, const Me& me, const std::string& id, const InventionInput& in, Seconds now);

// The office takes a disclosure up for evaluation (disclosed → evaluating; kConflict otherwise).
InventionView StartEvaluation(db::Tx& tx, const Me& me, const std::string& id, Seconds now);

struct DecisionInput {
    std::string decision, note, novelty_notes, prior_art;
    std::optional<int> university_share;  // default: the joint research agreement's IP terms
};
// The office: file / hold / abandon / company, with the ownership shares.
InventionView Decide(db::Tx& tx, const Me& me, const std::string& id, const DecisionInput& in, Seconds now);

// The partner company consents to the joint application of an invention it co-owns (特許法 第38条):
// its lead on the project (who sees the invention), or the office recording a consent received in
// writing. kConflict unless the office decided to file with a share for the company.
InventionView RecordCompanyConsent(db::Tx& tx, const Me& me, const std::string& id, const std::string& consented_on,
                                   Seconds now);

struct FilingInput {
    std::string kind, country, number, filed_on;
    std::optional<std::string> priority_date, examination_requested_on, registered_on, grace_proof_on;
};
// The office records a filing (the first one moves a decided invention to filed).
InventionView AddFiling(db::Tx& tx, const Me& me, const std::string& id, const FilingInput& in, Seconds now);
// The office records what happened to a filing: examination requested, registered (the invention
// then counts as registered), the grace period's proof.
InventionView UpdateFiling(db::Tx& tx, const Me& me, const std::string& id, const std::string& filing_id,
                           const FilingInput& in, Seconds now);

struct DeadlineRow {
    InventionDeadline deadline;
    std::string invention_id, title, project_id;
};
// The open deadlines of the inventions the caller may see, due between `from` and `to`.
std::vector<DeadlineRow> DeadlinesBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                          Seconds now);
// The office's view of deadlines (modules/deadlines): the open deadlines of DeadlinesBetween as
// ip.<kind> (ip.paris_priority, ip.jp_examination_request, …), each set by law (legal), the
// inventors responsible (obligations.cpp). Disclosures stay confidential: the inventions the
// caller sees only (admins see none).
std::vector<Obligation> ObligationsBetween(db::Tx& tx, const Me& me, const std::string& from, const std::string& to,
                                           Seconds now);

// ---- licences and revenue (licensing.cpp) ----

struct LicenceInput {
    std::string licensee, signed_on, note;
    std::optional<std::string> contract_id;  // a licence contract of the contracts module
    bool exclusive = false;
};
// The office records a licence of a decided, filed or registered invention.
InventionView AddLicence(db::Tx& tx, const Me& me, const std::string& id, const LicenceInput& in, Seconds now);
struct RevenueInput {
    std::string received_on, note;
    long long amount_yen = 0;
};
// The office records licence revenue as received; the inventors' rewards under the rules follow.
InventionView AddRevenue(db::Tx& tx, const Me& me, const std::string& id, const std::string& licence_id,
                         const RevenueInput& in, Seconds now);

// ---- rewards (職務発明) ----

// The rules, for everyone signed in (they are the university's published rules).
RewardRules GetRewardRules(db::Tx& tx);
// The office changes them; rewards already granted keep their amounts.
RewardRules SetRewardRules(db::Tx& tx, const Me& me, const RewardRules& rules, Seconds now);
struct RewardRow {
    Reward reward;
    std::string invention_title;
};
struct Ledger {
    std::vector<RewardRow> items;
    long long due_total_yen = 0, paid_total_yen = 0;  // due: not yet paid
};
// An inventor's own rewards; the office's whole ledger.
Ledger RewardLedger(db::Tx& tx, const Me& me, Seconds now);
// The office's ledger for Excel: CSV (BOM, CRLF) or .xlsx; `language` "ja" or "en".
std::string LedgerCsv(db::Tx& tx, const Me& me, const std::string& language, Seconds now);
std::string LedgerXlsx(db::Tx& tx, const Me& me, const std::string& language, Seconds now);
// The office records a payment (kConflict when already paid).
RewardRow MarkRewardPaid(db::Tx& tx, const Me& me, const std::string& reward_id, const std::string& paid_on,
                         Seconds now);

// ---- publications and the guard (publications.cpp) ----

struct PublicationView {
    Publication publication;
    std::optional<std::string> event_title_ja, event_title_en;
    bool show_guard = false;  // the guard is shown only to those who may see the invention behind it
    bool may_clear = false, may_review = false;
};
// A project's planned publications (its members and the office), or all the caller may see.
std::vector<PublicationView> ListPublications(db::Tx& tx, const Me& me, const std::optional<std::string>& project_id,
                                              Seconds now);
struct PublicationInput {
    std::string project_id, kind, title, venue;
    std::optional<std::string> invention_id, planned_on, event_id;
};
// A project member plans a paper, talk or abstract. Planned before a related invention (the one
// named, or else every invention of the project) is filed, it is guarded: the office and the
// inventors get an inbox item "出願前の発表です", and a talk's event organiser is told to wait for
// the office. When the joint research agreement gives the company a review period, the company's
// lead gets the review task, due that many days from today.
PublicationView PlanPublication(db::Tx& tx, const Me& me, const PublicationInput& in, Seconds now);
// The office or an inventor confirms the publication holds no invention (resolution
// "no_invention"); the guard's inbox items are done.
PublicationView ClearPublication(db::Tx& tx, const Me& me, const std::string& id, const std::string& resolution,
                                 Seconds now);
// The partner company's lead answers the review: approved or objection, with a note.
PublicationView ReviewPublication(db::Tx& tx, const Me& me, const std::string& id, const std::string& outcome,
                                  const std::string& note, Seconds now);

// kNotFound unless the caller sees the publication (its project's members and the office).
void RequirePublicationVisible(db::Tx& tx, const Me& me, const std::string& id);

// ---- for the app ----

// Every invention's deadlines in the inboxes (the periodic task); returns the open items.
int SyncAllInboxes(db::Tx& tx, Seconds now);
// Registers the portfolio chain's steps (inventions, licences). Idempotent.
void Install();

}  // namespace renkei::ip
