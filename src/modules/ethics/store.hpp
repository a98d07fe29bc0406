// SQL for the ethics module's tables (migrations/0015_ethics.sql); no rules. Every value is bound.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modules/ethics/deadlines.hpp"
#include "modules/ethics/model.hpp"
#include "platform/db/database.hpp"

namespace renkei::ethics::store {

// Committees with their members (ids only) and meetings by date; inactive ones too.
std::vector<Committee> Committees(db::Tx& tx);
std::optional<Committee> FindCommittee(db::Tx& tx, const std::string& id);
void InsertCommittee(db::Tx& tx, const Committee& c, Seconds now);
void UpdateCommittee(db::Tx& tx, const Committee& c, Seconds now);
void SetCommitteeMembers(db::Tx& tx, const std::string& committee_id, const std::vector<std::string>& person_ids);
void InsertMeeting(db::Tx& tx, const Meeting& m);
// false when the committee has no such meeting.
bool DeleteMeeting(db::Tx& tx, const std::string& committee_id, const std::string& meeting_id);
// Whether a protocol still names the meeting.
bool MeetingInUse(db::Tx& tx, const std::string& meeting_id);
// The committees a person sits on.
std::vector<std::string> CommitteesOf(db::Tx& tx, const std::string& person_id);

struct StoredTemplate {
    int version = 0;
    std::string filename, note, merge_fields;
    long long size_bytes = 0;
    std::optional<std::string> uploaded_by;
    Seconds uploaded_at;
};
int LatestTemplateVersion(db::Tx& tx, const std::string& committee_id);
// The template's description and its stored (base64) content.
std::optional<std::pair<StoredTemplate, std::string>> TemplateFile(db::Tx& tx, const std::string& committee_id,
                                                                   int version);
void InsertTemplate(db::Tx& tx, const std::string& id, const std::string& committee_id, const StoredTemplate& t,
                    const std::string& content);

// Protocols with their sub-investigators (ids only), enrolment, adverse events and reports, for
// one project or (nullopt) all; newest first. History is read by History().
std::vector<Protocol> Protocols(db::Tx& tx, const std::optional<std::string>& project_id);
std::optional<Protocol> FindProtocol(db::Tx& tx, const std::string& id);
// Whether the project has a protocol in one of `statuses` (one query; for the gate and the portfolio).
bool AnyWithStatus(db::Tx& tx, const std::string& project_id, const std::vector<Status>& statuses);
void InsertProtocol(db::Tx& tx, const Protocol& p);
// Every column but id, project_id, created_*; and the sub-investigators.
void UpdateProtocol(db::Tx& tx, const Protocol& p);
std::vector<Transition> History(db::Tx& tx, const std::string& protocol_id);
void InsertTransition(db::Tx& tx, const std::string& protocol_id, const Transition& t);
void UpsertEnrolment(db::Tx& tx, const std::string& protocol_id, const EnrolmentCount& e, const std::string& person_id,
                     Seconds now);
void InsertAdverseEvent(db::Tx& tx, const std::string& protocol_id, const AdverseEvent& e);
// false when the report was already filed (nothing changes).
bool InsertReport(db::Tx& tx, const std::string& protocol_id, const Report& r, const std::string& person_id,
                  Seconds now);
// Amendments and consent versions: the next number of a kind; one amendment with its stored
// (base64) document; insert; status change.
int NextAmendmentNumber(db::Tx& tx, const std::string& protocol_id, AmendmentKind kind);
std::optional<std::pair<Amendment, std::string>> AmendmentFile(db::Tx& tx, const std::string& protocol_id,
                                                               const std::string& id);
void InsertAmendment(db::Tx& tx, const std::string& protocol_id, const Amendment& a, const std::string& content,
                     Seconds now);
void UpdateAmendment(db::Tx& tx, const Amendment& a);
// (approved_on - submitted_on) in whole days per committee and category, for approved protocols.
struct Turnaround {
    std::string committee_id;
    Category category{};
    std::string submitted_on, approved_on;
};
std::vector<Turnaround> Approvals(db::Tx& tx);

std::vector<Rule> Rules(db::Tx& tx);
void UpdateRule(db::Tx& tx, const Rule& r, const std::string& person_id, Seconds now);

}  // namespace renkei::ethics::store
