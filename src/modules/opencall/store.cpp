#include "modules/opencall/store.hpp"

#include <boost/json.hpp>

#include "platform/db/children.hpp"
#include "platform/db/row.hpp"

namespace renkei::opencall::store {
namespace {

namespace json = boost::json;
using db::GetInt;
using db::GetOptionalString;
using db::GetString;
using db::Nullable;
using db::NullableTime;
using db::ReadEnum;

PersonRef Ref(const std::string& id) { return PersonRef{id, "", ""}; }
std::optional<Seconds> OptTime(const soci::row& r, size_t i) {
    if (db::IsNull(r, i)) return std::nullopt;
    return FromUnix(GetInt(r, i));
}

// --- the JSON text columns ---
std::string AreasText(const std::vector<std::string>& areas) {
    json::array a;
    for (const auto& x : areas) a.emplace_back(x);
    return json::serialize(a);
}
std::vector<std::string> AreasFrom(const std::string& text) {
    std::vector<std::string> out;
    auto parsed = json::parse(text);
    for (const auto& v : parsed.as_array()) out.emplace_back(v.as_string());
    return out;
}
std::string CriteriaText(const std::vector<Criterion>& criteria) {
    json::array a;
    for (const auto& c : criteria)
        a.push_back({{"code", c.code}, {"label_ja", c.label_ja}, {"label_en", c.label_en}, {"weight", c.weight}});
    return json::serialize(a);
}
std::vector<Criterion> CriteriaFrom(const std::string& text) {
    std::vector<Criterion> out;
    auto parsed = json::parse(text);
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        out.push_back({std::string(o.at("code").as_string()), std::string(o.at("label_ja").as_string()),
                       std::string(o.at("label_en").as_string()), static_cast<int>(o.at("weight").to_number<int>())});
    }
    return out;
}
std::string BudgetsText(const std::vector<BudgetLine>& budgets) {
    json::array a;
    for (const auto& b : budgets) a.push_back({{"fiscal_year", b.fiscal_year}, {"amount_yen", b.amount_yen}});
    return json::serialize(a);
}
std::vector<BudgetLine> BudgetsFrom(const std::string& text) {
    std::vector<BudgetLine> out;
    auto parsed = json::parse(text);
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        out.push_back({o.at("fiscal_year").to_number<int>(), o.at("amount_yen").to_number<std::int64_t>()});
    }
    return out;
}
std::string LinksText(const std::vector<LinkRef>& links) {
    json::array a;
    for (const auto& l : links) a.push_back({{"kind", l.kind}, {"target_id", l.target_id}});
    return json::serialize(a);
}
std::vector<LinkRef> LinksFrom(const std::string& text) {
    std::vector<LinkRef> out;
    auto parsed = json::parse(text);
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        out.push_back({std::string(o.at("kind").as_string()), std::string(o.at("target_id").as_string())});
    }
    return out;
}
std::string ScoresText(const std::map<std::string, int>& scores) {
    json::object o;
    for (const auto& [code, score] : scores) o[code] = score;
    return json::serialize(o);
}
std::map<std::string, int> ScoresFrom(const std::string& text) {
    std::map<std::string, int> out;
    auto parsed = json::parse(text);
    for (const auto& kv : parsed.as_object()) out[std::string(kv.key())] = kv.value().to_number<int>();
    return out;
}

constexpr const char* kCallColumns =
    "SELECT c.id, c.title_ja, c.title_en, c.theme, c.areas, c.total_budget_yen, c.per_project_cap_yen, c.opens_on, "
    "c.closes_on, c.reviews_per_proposal, c.disagreement_milli, c.normalise, c.criteria, c.status, c.solved_at, "
    "c.assignment_stale, c.selection_note, c.decided_by, c.decided_at, c.decision_note, c.created_by, c.created_at, "
    "c.updated_at, (SELECT COUNT(*) FROM opencall_proposals p WHERE p.call_id = c.id AND p.status IN "
    "('submitted', 'selected', 'not_selected')) FROM opencall_calls c ";

Call ReadCall(const soci::row& r) {
    Call c;
    c.id = GetString(r, 0);
    c.title_ja = GetString(r, 1);
    c.title_en = GetString(r, 2);
    c.theme = GetString(r, 3);
    c.areas = AreasFrom(GetString(r, 4));
    c.total_budget_yen = GetInt(r, 5);
    c.per_project_cap_yen = GetInt(r, 6);
    c.opens_on = GetString(r, 7);
    c.closes_on = GetString(r, 8);
    c.reviews_per_proposal = static_cast<int>(GetInt(r, 9));
    c.disagreement_milli = GetInt(r, 10);
    c.normalise = GetInt(r, 11) != 0;
    c.criteria = CriteriaFrom(GetString(r, 12));
    c.status = ReadEnum<CallStatus>(r, 13);
    c.solved_at = OptTime(r, 14);
    c.assignment_stale = GetInt(r, 15) != 0;
    c.selection_note = GetString(r, 16);
    if (auto by = GetOptionalString(r, 17)) c.decided_by = Ref(*by);
    c.decided_at = OptTime(r, 18);
    c.decision_note = GetString(r, 19);
    c.created_by = GetString(r, 20);
    c.created_at = FromUnix(GetInt(r, 21));
    c.updated_at = FromUnix(GetInt(r, 22));
    c.proposals_submitted = GetInt(r, 23);
    return c;
}

constexpr const char* kProposalColumns =
    "SELECT id, call_id, applicant_id, company_lead_id, title_ja, title_en, aims, budgets, links, status, sent, "
    "submitted_at, project_id, created_at, updated_at FROM opencall_proposals ";

Proposal ReadProposal(const soci::row& r) {
    Proposal p;
    p.id = GetString(r, 0);
    p.call_id = GetString(r, 1);
    p.applicant = Ref(GetString(r, 2));
    if (auto lead = GetOptionalString(r, 3)) p.company_lead = Ref(*lead);
    p.title_ja = GetString(r, 4);
    p.title_en = GetString(r, 5);
    p.aims = GetString(r, 6);
    p.budgets = BudgetsFrom(GetString(r, 7));
    p.links = LinksFrom(GetString(r, 8));
    p.status = ReadEnum<ProposalStatus>(r, 9);
    p.sent = GetInt(r, 10) != 0;
    p.submitted_at = OptTime(r, 11);
    p.project_id = GetOptionalString(r, 12);
    p.created_at = FromUnix(GetInt(r, 13));
    p.updated_at = FromUnix(GetInt(r, 14));
    return p;
}

void LoadTeams(db::Tx& tx, std::vector<Proposal>& proposals, const std::optional<std::string>& call_id) {
    db::Children<Proposal> children(tx, proposals,
                                    "proposal_id IN (SELECT id FROM opencall_proposals WHERE call_id = :p)", call_id);
    children.Each("SELECT proposal_id, person_id, role FROM opencall_team", "proposal_id, position",
                  [](Proposal& p, const soci::row& r) {
                      p.team.push_back({Ref(GetString(r, 1)), GetString(r, 2)});
                  });
}

Attachment ReadAttachment(const soci::row& r, size_t first) {
    Attachment a;
    a.id = GetString(r, first);
    a.filename = GetString(r, first + 1);
    a.content_type = GetString(r, first + 2);
    a.size_bytes = GetInt(r, first + 3);
    a.uploaded_by = GetString(r, first + 4);
    a.uploaded_at = FromUnix(GetInt(r, first + 5));
    return a;
}

}  // namespace

void InsertCall(db::Tx& tx, const Call& c) {
    std::string areas = AreasText(c.areas), criteria = CriteriaText(c.criteria), status(Text(c.status));
    int reviews = c.reviews_per_proposal, normalise = c.normalise ? 1 : 0;
    long long total = c.total_budget_yen, cap = c.per_project_cap_yen, milli = c.disagreement_milli;
    long long created = ToUnix(c.created_at), updated = ToUnix(c.updated_at);
    tx.sql() << "INSERT INTO opencall_calls (id, title_ja, title_en, theme, areas, total_budget_yen, "
                "per_project_cap_yen, opens_on, closes_on, reviews_per_proposal, disagreement_milli, normalise, "
                "criteria, status, created_by, created_at, updated_at) VALUES (:id, :tja, :ten, :theme, :areas, "
                ":total, :cap, :opens, :closes, :reviews, :milli, :normalise, :criteria, :status, :by, :created, "
                ":updated)",
        soci::use(c.id), soci::use(c.title_ja), soci::use(c.title_en), soci::use(c.theme), soci::use(areas),
        soci::use(total), soci::use(cap), soci::use(c.opens_on), soci::use(c.closes_on), soci::use(reviews),
        soci::use(milli), soci::use(normalise), soci::use(criteria), soci::use(status), soci::use(c.created_by),
        soci::use(created), soci::use(updated);
}

void UpdateCall(db::Tx& tx, const Call& c) {
    std::string areas = AreasText(c.areas), criteria = CriteriaText(c.criteria), status(Text(c.status));
    int reviews = c.reviews_per_proposal, normalise = c.normalise ? 1 : 0, stale = c.assignment_stale ? 1 : 0;
    long long total = c.total_budget_yen, cap = c.per_project_cap_yen, milli = c.disagreement_milli;
    long long updated = ToUnix(c.updated_at);
    NullableTime solved(c.solved_at), decided_at(c.decided_at);
    Nullable decided_by(c.decided_by ? std::optional<std::string>(c.decided_by->id) : std::nullopt);
    tx.sql() << "UPDATE opencall_calls SET title_ja = :tja, title_en = :ten, theme = :theme, areas = :areas, "
                "total_budget_yen = :total, per_project_cap_yen = :cap, opens_on = :opens, closes_on = :closes, "
                "reviews_per_proposal = :reviews, disagreement_milli = :milli, normalise = :normalise, "
                "criteria = :criteria, status = :status, solved_at = :solved, assignment_stale = :stale, "
                "selection_note = :snote, decided_by = :dby, decided_at = :dat, decision_note = :dnote, "
                "updated_at = :updated WHERE id = :id",
        soci::use(c.title_ja), soci::use(c.title_en), soci::use(c.theme), soci::use(areas), soci::use(total),
        soci::use(cap), soci::use(c.opens_on), soci::use(c.closes_on), soci::use(reviews), soci::use(milli),
        soci::use(normalise), soci::use(criteria), soci::use(status), soci::use(solved.value, solved.ind),
        soci::use(stale), soci::use(c.selection_note), soci::use(decided_by.value, decided_by.ind),
        soci::use(decided_at.value, decided_at.ind), soci::use(c.decision_note), soci::use(updated), soci::use(c.id);
}

void ReplaceReviewers(db::Tx& tx, const std::string& call_id, const std::vector<PoolReviewer>& reviewers) {
    tx.sql() << "DELETE FROM opencall_reviewers WHERE call_id = :c", soci::use(call_id);
    int position = 0;
    for (const auto& r : reviewers) {
        int cap = r.load_cap;
        tx.sql() << "INSERT INTO opencall_reviewers (call_id, person_id, load_cap, position) VALUES (:c, :p, :cap, "
                    ":pos)",
            soci::use(call_id), soci::use(r.person.id), soci::use(cap), soci::use(position);
        ++position;
    }
}

std::optional<Call> FindCall(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows = (tx.sql().prepare << std::string(kCallColumns) + "WHERE c.id = :id", soci::use(id));
    std::optional<Call> out;
    for (const auto& r : rows) out = ReadCall(r);
    if (!out) return out;
    soci::rowset<soci::row> reviewers =
        (tx.sql().prepare << "SELECT person_id, load_cap FROM opencall_reviewers WHERE call_id = :c ORDER BY position",
         soci::use(id));
    for (const auto& r : reviewers) out->reviewers.push_back({Ref(GetString(r, 0)), static_cast<int>(GetInt(r, 1))});
    return out;
}

std::vector<Call> ListCalls(db::Tx& tx, bool drafts, const std::string& status) {
    std::string sql = std::string(kCallColumns) + "WHERE (:drafts = 1 OR c.status <> 'draft') AND (:status = '' OR " +
                      "c.status = :status2) ORDER BY c.created_at DESC, c.id";
    int with_drafts = drafts ? 1 : 0;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << sql, soci::use(with_drafts), soci::use(status), soci::use(status));
    std::vector<Call> out;
    for (const auto& r : rows) out.push_back(ReadCall(r));
    return out;
}

void InsertProposal(db::Tx& tx, const Proposal& p) {
    std::string budgets = BudgetsText(p.budgets), links = LinksText(p.links), status(Text(p.status));
    Nullable lead(p.company_lead ? std::optional<std::string>(p.company_lead->id) : std::nullopt);
    long long created = ToUnix(p.created_at), updated = ToUnix(p.updated_at);
    tx.sql() << "INSERT INTO opencall_proposals (id, call_id, applicant_id, company_lead_id, title_ja, title_en, aims, "
                "budgets, links, status, created_at, updated_at) VALUES (:id, :call, :applicant, :lead, :tja, :ten, "
                ":aims, :budgets, :links, :status, :created, :updated)",
        soci::use(p.id), soci::use(p.call_id), soci::use(p.applicant.id), soci::use(lead.value, lead.ind),
        soci::use(p.title_ja), soci::use(p.title_en), soci::use(p.aims), soci::use(budgets), soci::use(links),
        soci::use(status), soci::use(created), soci::use(updated);
}

void UpdateProposal(db::Tx& tx, const Proposal& p) {
    std::string budgets = BudgetsText(p.budgets), links = LinksText(p.links), status(Text(p.status));
    Nullable lead(p.company_lead ? std::optional<std::string>(p.company_lead->id) : std::nullopt);
    Nullable project(p.project_id);
    NullableTime submitted(p.submitted_at);
    int sent = p.sent ? 1 : 0;
    long long updated = ToUnix(p.updated_at);
    tx.sql() << "UPDATE opencall_proposals SET company_lead_id = :lead, title_ja = :tja, title_en = :ten, "
                "aims = :aims, budgets = :budgets, links = :links, status = :status, sent = :sent, "
                "submitted_at = :submitted, project_id = :project, updated_at = :updated WHERE id = :id",
        soci::use(lead.value, lead.ind), soci::use(p.title_ja), soci::use(p.title_en), soci::use(p.aims),
        soci::use(budgets), soci::use(links), soci::use(status), soci::use(sent),
        soci::use(submitted.value, submitted.ind), soci::use(project.value, project.ind), soci::use(updated),
        soci::use(p.id);
}

void ReplaceTeam(db::Tx& tx, const std::string& proposal_id, const std::vector<TeamMember>& team) {
    tx.sql() << "DELETE FROM opencall_team WHERE proposal_id = :p", soci::use(proposal_id);
    int position = 0;
    for (const auto& m : team) {
        tx.sql() << "INSERT INTO opencall_team (proposal_id, person_id, role, position) VALUES (:p, :person, :role, "
                    ":pos)",
            soci::use(proposal_id), soci::use(m.person.id), soci::use(m.role), soci::use(position);
        ++position;
    }
}

std::optional<Proposal> FindProposal(db::Tx& tx, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kProposalColumns) + "WHERE id = :id", soci::use(id));
    std::vector<Proposal> found;
    for (const auto& r : rows) found.push_back(ReadProposal(r));
    if (found.empty()) return std::nullopt;
    Proposal p = std::move(found.front());
    soci::rowset<soci::row> team =
        (tx.sql().prepare << "SELECT person_id, role FROM opencall_team WHERE proposal_id = :p ORDER BY position",
         soci::use(id));
    for (const auto& r : team) p.team.push_back({Ref(GetString(r, 0)), GetString(r, 1)});
    soci::rowset<soci::row> files =
        (tx.sql().prepare << "SELECT id, filename, content_type, size_bytes, uploaded_by, uploaded_at FROM "
                             "opencall_attachments WHERE proposal_id = :p ORDER BY uploaded_at, id",
         soci::use(id));
    for (const auto& r : files) p.attachments.push_back(ReadAttachment(r, 0));
    return p;
}

std::vector<Proposal> ListProposals(db::Tx& tx, const std::string& call_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kProposalColumns) + "WHERE call_id = :c ORDER BY created_at, id",
         soci::use(call_id));
    std::vector<Proposal> out;
    for (const auto& r : rows) out.push_back(ReadProposal(r));
    LoadTeams(tx, out, call_id);
    return out;
}

void InsertAttachment(db::Tx& tx, const std::string& proposal_id, const Attachment& a, const std::string& base64) {
    long long size = a.size_bytes, at = ToUnix(a.uploaded_at);
    tx.sql() << "INSERT INTO opencall_attachments (id, proposal_id, filename, content_type, size_bytes, "
                "content_base64, uploaded_by, uploaded_at) VALUES (:id, :p, :name, :type, :size, :content, :by, :at)",
        soci::use(a.id), soci::use(proposal_id), soci::use(a.filename), soci::use(a.content_type), soci::use(size),
        soci::use(base64), soci::use(a.uploaded_by), soci::use(at);
}

std::optional<AttachmentContent> FindAttachment(db::Tx& tx, const std::string& proposal_id, const std::string& id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT id, filename, content_type, size_bytes, uploaded_by, uploaded_at, content_base64 "
                             "FROM opencall_attachments WHERE proposal_id = :p AND id = :id",
         soci::use(proposal_id), soci::use(id));
    for (const auto& r : rows) return AttachmentContent{ReadAttachment(r, 0), GetString(r, 6)};
    return std::nullopt;
}

bool DeleteAttachment(db::Tx& tx, const std::string& proposal_id, const std::string& id) {
    soci::statement st = (tx.sql().prepare << "DELETE FROM opencall_attachments WHERE proposal_id = :p AND id = :id",
                          soci::use(proposal_id), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<Pair> ListPairs(db::Tx& tx, const std::string& call_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT proposal_id, person_id, rule FROM opencall_pairs WHERE call_id = :c ORDER BY "
                             "proposal_id, person_id",
         soci::use(call_id));
    std::vector<Pair> out;
    for (const auto& r : rows) out.push_back({GetString(r, 0), GetString(r, 1), GetString(r, 2)});
    return out;
}

void ReplacePairs(db::Tx& tx, const std::string& call_id, const std::vector<Pair>& pairs) {
    tx.sql() << "DELETE FROM opencall_pairs WHERE call_id = :c", soci::use(call_id);
    for (const auto& p : pairs)
        tx.sql()
            << "INSERT INTO opencall_pairs (call_id, proposal_id, person_id, rule) VALUES (:c, :p, :person, :rule)",
            soci::use(call_id), soci::use(p.proposal_id), soci::use(p.person_id), soci::use(p.rule);
}

std::vector<AssignedPair> ListAssigned(db::Tx& tx, const std::string& call_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT proposal_id, reviewer_id, expertise, pinned FROM opencall_assignments WHERE "
                             "call_id = :c ORDER BY proposal_id, reviewer_id",
         soci::use(call_id));
    std::vector<AssignedPair> out;
    for (const auto& r : rows) out.push_back({GetString(r, 0), GetString(r, 1), GetInt(r, 2), GetInt(r, 3) != 0});
    return out;
}

void ReplaceAssigned(db::Tx& tx, const std::string& call_id, const std::vector<AssignedPair>& pairs) {
    tx.sql() << "DELETE FROM opencall_assignments WHERE call_id = :c", soci::use(call_id);
    for (const auto& p : pairs) {
        long long expertise = p.expertise;
        int pinned = p.pinned ? 1 : 0;
        tx.sql() << "INSERT INTO opencall_assignments (call_id, proposal_id, reviewer_id, expertise, pinned) VALUES "
                    "(:c, :p, :r, :e, :pinned)",
            soci::use(call_id), soci::use(p.proposal_id), soci::use(p.reviewer_id), soci::use(expertise),
            soci::use(pinned);
    }
}

std::vector<std::string> AssignedTo(db::Tx& tx, const std::string& call_id, const std::string& reviewer_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT proposal_id FROM opencall_assignments WHERE call_id = :c AND reviewer_id = :r "
                             "ORDER BY proposal_id",
         soci::use(call_id), soci::use(reviewer_id));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(GetString(r, 0));
    return out;
}

bool IsAssigned(db::Tx& tx, const std::string& proposal_id, const std::string& reviewer_id) {
    int n = 0;
    tx.sql() << "SELECT COUNT(*) FROM opencall_assignments WHERE proposal_id = :p AND reviewer_id = :r", soci::into(n),
        soci::use(proposal_id), soci::use(reviewer_id);
    return n > 0;
}

namespace {
constexpr const char* kReviewColumns =
    "SELECT r.proposal_id, r.reviewer_id, r.scores, r.comment, r.submitted_at, r.updated_at FROM opencall_reviews r ";
Review ReadReview(const soci::row& r) {
    return Review{GetString(r, 0), GetString(r, 1), ScoresFrom(GetString(r, 2)),
                  GetString(r, 3), OptTime(r, 4),   FromUnix(GetInt(r, 5))};
}
}  // namespace

std::vector<Review> ListReviews(db::Tx& tx, const std::string& call_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kReviewColumns) +
                                 "JOIN opencall_proposals p ON p.id = r.proposal_id WHERE p.call_id = :c ORDER BY "
                                 "r.proposal_id, r.reviewer_id",
         soci::use(call_id));
    std::vector<Review> out;
    for (const auto& r : rows) out.push_back(ReadReview(r));
    return out;
}

std::optional<Review> FindReview(db::Tx& tx, const std::string& proposal_id, const std::string& reviewer_id) {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kReviewColumns) + "WHERE r.proposal_id = :p AND r.reviewer_id = :r",
         soci::use(proposal_id), soci::use(reviewer_id));
    for (const auto& r : rows) return ReadReview(r);
    return std::nullopt;
}

void UpsertReview(db::Tx& tx, const Review& r) {
    std::string scores = ScoresText(r.scores);
    NullableTime submitted(r.submitted_at);
    long long updated = ToUnix(r.updated_at);
    tx.sql()
        << "INSERT INTO opencall_reviews (proposal_id, reviewer_id, scores, comment, submitted_at, updated_at) "
           "VALUES (:p, :r, :scores, :comment, :submitted, :updated) ON CONFLICT (proposal_id, reviewer_id) DO "
           "UPDATE SET scores = excluded.scores, comment = excluded.comment, submitted_at = excluded.submitted_at, "
           "updated_at = excluded.updated_at",
        soci::use(r.proposal_id), soci::use(r.reviewer_id), soci::use(scores), soci::use(r.comment),
        soci::use(submitted.value, submitted.ind), soci::use(updated);
}

}  // namespace renkei::opencall::store
