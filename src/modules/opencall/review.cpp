// The assignment as the office sees and solves it, the reviews, and the ranking with the proposed
// selection.
#include <algorithm>
#include <cmath>
#include <set>

#include "modules/coi/service.hpp"
#include "modules/exchange/service.hpp"
#include "modules/inbox/service.hpp"
#include "modules/opencall/internal.hpp"
#include "modules/opencall/selection.hpp"
#include "modules/opencall/store.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"

namespace renkei::opencall {

namespace json = boost::json;

namespace {

std::vector<Proposal> Submitted(db::Tx& tx, const std::string& call_id) {
    std::vector<Proposal> out;
    for (auto& p : store::ListProposals(tx, call_id))
        if (p.status == ProposalStatus::kSubmitted || p.status == ProposalStatus::kSelected ||
            p.status == ProposalStatus::kNotSelected)
            out.push_back(std::move(p));
    return out;
}

std::string OrganisationOf(db::Tx& tx, const std::string& person_id) {
    auto person = people::FindPerson(tx, person_id);
    return person && person->organisation_id ? *person->organisation_id : "";
}

}  // namespace

CallProblem BuildProblem(db::Tx& tx, const Call& call, bool with_expertise, Seconds now) {
    CallProblem out;
    out.proposals = Submitted(tx, call.id);
    auto& problem = out.problem;
    std::map<std::string, int> proposal_index, reviewer_index;
    std::vector<ProposalFacts> proposal_facts;
    for (const auto& p : out.proposals) {
        proposal_index[p.id] = static_cast<int>(problem.proposals.size());
        problem.proposals.push_back({p.id, call.reviews_per_proposal});
        ProposalFacts f;
        f.team = p.People();
        for (const auto& person : f.team)
            if (auto org = OrganisationOf(tx, person); !org.empty()) f.departments.push_back(org);
        if (p.company_lead)
            if (auto org = OrganisationOf(tx, p.company_lead->id); !org.empty())
                f.partner_company = coi::CompanyGroupOf(tx, org);
        proposal_facts.push_back(std::move(f));
    }
    std::vector<std::string> reviewer_ids;
    for (const auto& r : call.reviewers) {
        reviewer_index[r.person.id] = static_cast<int>(problem.reviewers.size());
        problem.reviewers.push_back({r.person.id, r.load_cap});
        reviewer_ids.push_back(r.person.id);
    }
    auto declared = coi::DeclaredCompanyGroups(tx, reviewer_ids, FiscalYearOf(TokyoDay(now)));
    std::vector<ReviewerFacts> reviewer_facts;
    for (const auto& id : reviewer_ids) {
        ReviewerFacts f;
        f.person_id = id;
        f.department = OrganisationOf(tx, id);
        if (auto it = declared.find(id); it != declared.end())
            f.coi_companies.assign(it->second.begin(), it->second.end());
        std::set<std::string> partners;
        for (const auto& project_id : projects::ProjectsOfMember(tx, id)) {
            auto project = projects::FindProject(tx, project_id);
            if (!project ||
                (project->status != projects::Status::kActive && project->status != projects::Status::kProposed))
                continue;
            for (const auto& m : project->members)
                if (m.person.id != id) partners.insert(m.person.id);
        }
        f.joint_project_people.assign(partners.begin(), partners.end());
        reviewer_facts.push_back(std::move(f));
    }
    std::vector<ReviewPair> forbidden;
    for (const auto& pair : store::ListPairs(tx, call.id)) {
        auto p = proposal_index.find(pair.proposal_id);
        auto r = reviewer_index.find(pair.person_id);
        if (p == proposal_index.end() || r == reviewer_index.end()) continue;  // withdrawn, or left the pool
        if (pair.rule == "forbid") forbidden.push_back({p->second, r->second});
        if (pair.rule == "pin") problem.pinned.push_back({p->second, r->second});
    }
    problem.conflicts = FindConflicts(proposal_facts, reviewer_facts, forbidden);
    problem.expertise.assign(problem.proposals.size() * problem.reviewers.size(), 0);
    if (with_expertise && !problem.proposals.empty() && !problem.reviewers.empty()) {
        std::vector<exchange::ExpertiseText> texts;
        for (const auto& p : out.proposals) {
            exchange::ExpertiseText t{p.title_ja + "\n" + p.title_en, p.aims, {}, {}};
            for (const auto& l : p.links) (l.kind == "need" ? t.need_ids : t.seed_ids).push_back(l.target_id);
            texts.push_back(std::move(t));
        }
        auto similarity = exchange::ExpertiseMatrix(tx, texts, reviewer_ids, now);
        for (size_t i = 0; i < similarity.size(); ++i) problem.expertise[i] = ScoreFromSimilarity(similarity[i]);
    }
    return out;
}

namespace {

void RequireOffice(const Me& me) {
    if (!IsOffice(me)) throw Forbidden("only the office manages the assignment");
}

AssignmentView ViewOf(db::Tx& tx, const Call& c, Seconds now) {
    AssignmentView v;
    v.solved = c.solved_at.has_value();
    v.stale = c.assignment_stale;
    v.solved_at = c.solved_at;
    auto built = BuildProblem(tx, c, false, now);
    auto assigned = store::ListAssigned(tx, c.id);
    people::NameBook names(tx);
    auto ref = [&](const std::string& id) {
        PersonRef p{id, "", ""};
        FillNames(names, p);
        return p;
    };
    std::map<std::string, int> loads;
    for (const auto& a : assigned) {
        ++loads[a.reviewer_id];
        v.total_expertise += a.expertise;
    }
    for (size_t i = 0; i < built.proposals.size(); ++i) {
        const auto& p = built.proposals[i];
        ProposalAssignment row{p.id, p.title_ja, p.title_en, ref(p.applicant.id), {}, {}};
        for (const auto& a : assigned)
            if (a.proposal_id == p.id) row.reviewers.push_back({ref(a.reviewer_id), a.expertise, a.pinned});
        for (const auto& e : ExplainExclusions(built.problem, static_cast<int>(i)))
            row.excluded.push_back({ref(built.problem.reviewers[static_cast<size_t>(e.reviewer)].id), e.reasons});
        v.proposals.push_back(std::move(row));
    }
    for (const auto& r : c.reviewers) v.reviewers.push_back({ref(r.person.id), r.load_cap, loads[r.person.id]});
    v.pairs = store::ListPairs(tx, c.id);
    return v;
}

}  // namespace

AssignmentView GetAssignment(db::Tx& tx, const Me& me, const std::string& call_id, Seconds now) {
    auto c = LoadCall(tx, me, call_id);
    RequireOffice(me);
    return ViewOf(tx, c, now);
}

AssignmentView SetPairs(db::Tx& tx, const Me& me, const std::string& call_id, const std::vector<Pair>& pairs,
                        Seconds now) {
    auto c = LoadCall(tx, me, call_id);
    RequireOffice(me);
    if (c.status != CallStatus::kOpen)
        throw Error{ErrorCode::kConflict, "status", "pairs are set while the call is open, before the review"};
    if (pairs.size() > 5000) throw Invalid("pairs", "too many pairs");
    std::set<std::string> proposal_ids, pool;
    for (const auto& p : store::ListProposals(tx, c.id)) proposal_ids.insert(p.id);
    for (const auto& r : c.reviewers) pool.insert(r.person.id);
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < pairs.size(); ++i) {
        std::string field = "pairs[" + std::to_string(i) + "]";
        if (!proposal_ids.count(pairs[i].proposal_id))
            throw Invalid(field + ".proposal_id", "not a proposal of this call");
        if (!pool.count(pairs[i].person_id)) throw Invalid(field + ".person_id", "not a reviewer of this call");
        if (pairs[i].rule != "pin" && pairs[i].rule != "forbid")
            throw Invalid(field + ".rule", "rule must be pin or forbid");
        if (!seen.insert({pairs[i].proposal_id, pairs[i].person_id}).second)
            throw Invalid(field, "a pair is listed twice");
    }
    json::array before, after;
    for (const auto& p : store::ListPairs(tx, c.id))
        before.push_back({{"proposal_id", p.proposal_id}, {"person_id", p.person_id}, {"rule", p.rule}});
    for (const auto& p : pairs)
        after.push_back({{"proposal_id", p.proposal_id}, {"person_id", p.person_id}, {"rule", p.rule}});
    store::ReplacePairs(tx, c.id, pairs);
    if (c.solved_at) {
        c.assignment_stale = true;
        c.updated_at = now;
        store::UpdateCall(tx, c);
    }
    audit::Record(tx, me.person_id, "set_pairs", "opencall_call", c.id, json::object{{"pairs", before}},
                  json::object{{"pairs", after}});
    return ViewOf(tx, c, now);
}

AssignmentView SolveAndStore(db::Tx& tx, const Me& me, const std::string& call_id, Seconds now) {
    auto c = LoadCall(tx, me, call_id);
    RequireOffice(me);
    if (c.status != CallStatus::kOpen)
        throw Error{ErrorCode::kConflict, "status",
                    "the assignment is solved while the call is open, before the review"};
    if (c.reviewers.empty()) throw Invalid("reviewers", "the call has no reviewers in its pool");
    auto built = BuildProblem(tx, c, true, now);
    if (built.proposals.empty()) throw Invalid("assignment", "no proposal has been submitted");
    auto result = SolveAssignment(built.problem);
    if (!result.assignment) {
        // The messages name proposals by title and reviewers by name, not by id.
        AssignmentProblem shown = built.problem;
        people::NameBook names(tx);
        for (size_t i = 0; i < shown.proposals.size(); ++i)
            shown.proposals[i].id = "「" + built.proposals[i].title_ja + "」";
        for (auto& r : shown.reviewers) r.id = names.Of(r.id).name_ja;
        json::array refusals;
        for (const auto& r : result.refusals) {
            json::object o{{"kind", Text(r.kind)},
                           {"needed", r.needed},
                           {"available", r.available},
                           {"message", Describe(r, shown)}};
            o["proposal_id"] = r.proposal >= 0 ? json::value(built.proposals[static_cast<size_t>(r.proposal)].id)
                                               : json::value(nullptr);
            o["person_id"] = r.reviewer >= 0 ? json::value(built.problem.reviewers[static_cast<size_t>(r.reviewer)].id)
                                             : json::value(nullptr);
            refusals.push_back(std::move(o));
        }
        std::string first = result.refusals.empty() ? "no assignment exists" : Describe(result.refusals.front(), shown);
        throw Invalid("assignment", "no assignment without a conflict exists: " + first).With("refusals", refusals);
    }
    std::set<std::pair<int, int>> pinned;
    for (const auto& p : built.problem.pinned) pinned.insert({p.proposal, p.reviewer});
    std::vector<AssignedPair> pairs;
    for (size_t p = 0; p < result.assignment->reviewers_of.size(); ++p)
        for (int r : result.assignment->reviewers_of[p]) {
            auto pi = static_cast<int>(p);
            pairs.push_back({built.proposals[p].id, built.problem.reviewers[static_cast<size_t>(r)].id,
                             built.problem.Expertise(pi, r), pinned.count({pi, r}) > 0});
        }
    store::ReplaceAssigned(tx, c.id, pairs);
    c.solved_at = now;
    c.assignment_stale = false;
    c.updated_at = now;
    store::UpdateCall(tx, c);
    json::array assigned;
    for (const auto& a : pairs) assigned.push_back({{"proposal_id", a.proposal_id}, {"reviewer_id", a.reviewer_id}});
    audit::Record(
        tx, me.person_id, "solve_assignment", "opencall_call", c.id, nullptr,
        json::object{{"assignment", std::move(assigned)}, {"total_expertise", result.assignment->total_expertise}});
    return ViewOf(tx, c, now);
}

// ---- reviews ----

namespace {

struct ReviewTarget {
    Call call;
    Proposal proposal;
};

ReviewTarget LoadForReview(db::Tx& tx, const Me& me, const std::string& proposal_id) {
    auto p = LoadProposal(tx, proposal_id);
    auto c = store::FindCall(tx, p.call_id);
    if (!c || !MaySee(tx, me, *c, p)) throw NotFound("proposal");
    bool started = c->status != CallStatus::kDraft && c->status != CallStatus::kOpen;
    if (!started || !store::IsAssigned(tx, p.id, me.person_id))
        throw Forbidden("only a reviewer assigned to the proposal may review it");
    return {*c, p};
}

}  // namespace

ReviewView GetReview(db::Tx& tx, const Me& me, const std::string& proposal_id, Seconds) {
    auto t = LoadForReview(tx, me, proposal_id);
    ReviewView v;
    v.criteria = t.call.criteria;
    v.review = store::FindReview(tx, t.proposal.id, me.person_id)
                   .value_or(Review{t.proposal.id, me.person_id, {}, "", std::nullopt, t.call.updated_at});
    v.editable = t.call.status == CallStatus::kReview;
    return v;
}

ReviewView SaveReview(db::Tx& tx, const Me& me, const std::string& proposal_id,
                      const std::map<std::string, int>& scores, const std::string& comment, Seconds now) {
    auto t = LoadForReview(tx, me, proposal_id);
    if (t.call.status != CallStatus::kReview)
        throw Error{ErrorCode::kConflict, "status", "reviews can be changed only until the selection is sent"};
    for (const auto& [code, score] : scores) {
        const std::string& given = code;
        bool known = std::any_of(t.call.criteria.begin(), t.call.criteria.end(),
                                 [&given](const Criterion& c) { return c.code == given; });
        if (!known) throw Invalid("scores." + code, "the call has no criterion " + code);
        if (score < kMinScore || score > kMaxScore) throw Invalid("scores." + code, "a score is 1 to 5");
    }
    for (const auto& c : t.call.criteria)
        if (!scores.count(c.code)) throw Invalid("scores." + c.code, "score every criterion");
    auto before = store::FindReview(tx, t.proposal.id, me.person_id);
    Review r{t.proposal.id, me.person_id, scores, CheckText("comment", comment, 4000, false), now, now};
    store::UpsertReview(tx, r);
    json::object scores_json;
    for (const auto& [code, score] : scores) scores_json[code] = score;
    audit::Record(tx, me.person_id, "score", "opencall_proposal", t.proposal.id,
                  before ? json::value(json::object{{"reviewer_id", me.person_id}}) : json::value(nullptr),
                  json::object{{"reviewer_id", me.person_id}, {"scores", std::move(scores_json)}});
    inbox::ResolveFor(tx, kSource, "review:" + t.proposal.id, me.person_id, me.person_id, now, "done");
    return {t.call.criteria, r, true};
}

RankingView Ranking(db::Tx& tx, const Me& me, const std::string& call_id, Seconds now) {
    auto c = LoadCall(tx, me, call_id);
    auto may = GetCall(tx, me, call_id, now).may;
    if (!may.rank) {
        if (!IsOffice(me) && !IsCommittee(me)) throw Forbidden("the ranking is for the office and the committee");
        throw Error{ErrorCode::kConflict, "status", "the ranking is ready once the review has started"};
    }
    RankingView v;
    v.normalise = c.normalise;
    v.total_budget_yen = c.total_budget_yen;
    v.per_project_cap_yen = c.per_project_cap_yen;
    auto reviews = store::ListReviews(tx, c.id);
    auto scored = ScoreProposals(reviews, c.criteria, c.normalise, static_cast<double>(c.disagreement_milli) / 1000.0);
    std::map<std::string, int> expected;
    for (const auto& a : store::ListAssigned(tx, c.id)) ++expected[a.proposal_id];
    std::map<std::pair<std::string, std::string>, const Review*> review_of;
    for (const auto& r : reviews) review_of[{r.proposal_id, r.reviewer_id}] = &r;
    people::NameBook names(tx);
    std::vector<Candidate> candidates;
    for (auto& p : Submitted(tx, c.id)) {
        RankingRow row;
        row.reviews_expected = expected[p.id];
        row.eligible = p.RequestedYen() <= c.per_project_cap_yen;
        row.sent = p.sent;
        if (auto it = scored.find(p.id); it != scored.end()) {
            row.score = it->second.score;
            row.spread = it->second.spread;
            row.disagreement = it->second.disagreement;
            row.reviews_done = static_cast<int>(it->second.reviews.size());
            for (const auto& r : it->second.reviews) {
                const Review* stored = review_of[{p.id, r.reviewer_id}];
                PersonRef who{r.reviewer_id, "", ""};
                FillNames(names, who);
                row.reviews.push_back({who, stored->scores, r.weighted, r.adjusted, stored->comment});
            }
            candidates.push_back({p.id, std::llround(*row.score * static_cast<double>(kScoreScale)), p.RequestedYen()});
        }
        FillNames(names, p);
        row.proposal = std::move(p);
        v.rows.push_back(std::move(row));
    }
    auto selection = SelectWithinBudget(candidates, {c.total_budget_yen, c.per_project_cap_yen, kBudgetUnitYen});
    std::set<std::string> proposed;
    for (int i : selection.selected) proposed.insert(candidates[static_cast<size_t>(i)].id);
    for (auto& row : v.rows) {
        row.proposed = proposed.count(row.proposal.id) > 0;
        if (row.proposed) {
            v.proposed.push_back(row.proposal.id);
            v.proposed_requested_yen += row.proposal.RequestedYen();
            v.proposed_score += row.score.value_or(0);
        }
    }
    std::stable_sort(v.rows.begin(), v.rows.end(), [](const RankingRow& a, const RankingRow& b) {
        if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
        return a.score.value_or(0) > b.score.value_or(0);
    });
    return v;
}

}  // namespace renkei::opencall
