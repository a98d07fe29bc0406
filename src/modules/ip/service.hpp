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

namespace renkei::ip {

using Me = auth::Principal;

struct May {
    bool edit = false, decide = false, file = false;
};
struct InventionView {
    Invention invention;
    std::string project_title_ja, project_title_en;
    std::vector<InventionDeadline> deadlines;  // open, up to three years ahead
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

struct DecisionInput {
    std::string decision, note, novelty_notes, prior_art;
    std::optional<int> university_share;  // default: the joint research agreement's IP terms
};
// The office: file / hold / abandon / company, with the ownership shares.
InventionView Decide(db::Tx& tx, const Me& me, const std::string& id, const DecisionInput& in, Seconds now);

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

}  // namespace renkei::ip
