// The assignment as a min-cost flow: source → proposal (capacity: the reviews still needed after
// the pins), proposal → reviewer for each eligible pair (capacity 1, so a reviewer is counted once
// per proposal; cost: the largest eligible expertise minus this pair's), reviewer → sink (capacity:
// the load cap left after the pins). Every feasible assignment is a flow of the same value (all the
// reviews needed), so the constant in the cost drops out: the cheapest maximum flow is the
// assignment with the largest total expertise, and it is integral because the capacities are.
#include "modules/opencall/assignment.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/bellman_ford_shortest_paths.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <deque>
#include <limits>
#include <numeric>

#include "platform/error.hpp"

namespace renkei::opencall {
namespace {

// Costs are integers held in doubles. Boost's successive shortest paths adds Dijkstra's "infinite"
// distance of an unreachable vertex to its potential; with an integer type that addition
// overflows, with a double it stays infinite. Integers below 2^53 are exact in a double, so every
// cost, potential and reduced cost is exact (a reduced cost is never a rounding error below zero).
using Cost = double;
using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, Cost>>>>>;
using Edge = Traits::edge_descriptor;

constexpr double kExactLimit = 9007199254740992.0;  // 2^53
// The flow is first solved on each proposal's best kFirstCandidates × (reviews needed + 1)
// eligible reviewers (see SolveAssignment).
constexpr int kFirstCandidates = 4;
// Rounds of adding pairs before the flow is solved on all pairs at once.
constexpr int kMaxRounds = 8;

class FlowNetwork {
  public:
    explicit FlowNetwork(std::size_t vertices) : graph_(vertices) {}

    Edge Add(std::size_t from, std::size_t to, long capacity, Cost cost) {
        auto forward = boost::add_edge(from, to, graph_).first;
        auto backward = boost::add_edge(to, from, graph_).first;
        boost::put(boost::edge_capacity, graph_, forward, capacity);
        boost::put(boost::edge_capacity, graph_, backward, 0);
        boost::put(boost::edge_weight, graph_, forward, cost);
        boost::put(boost::edge_weight, graph_, backward, -cost);
        boost::put(boost::edge_reverse, graph_, forward, backward);
        boost::put(boost::edge_reverse, graph_, backward, forward);
        return forward;
    }

    void Solve(std::size_t source, std::size_t sink) {
        boost::successive_shortest_path_nonnegative_weights(graph_, source, sink);
    }

    long Flow(const Edge& e) const {
        return boost::get(boost::edge_capacity, graph_, e) - boost::get(boost::edge_residual_capacity, graph_, e);
    }

    // The vertices reachable from `source` through edges with capacity left: after the solve, the
    // source side of a minimum cut.
    std::vector<char> Reachable(std::size_t source) const {
        std::vector<char> seen(boost::num_vertices(graph_), 0);
        std::deque<std::size_t> queue{source};
        seen[source] = 1;
        while (!queue.empty()) {
            auto u = queue.front();
            queue.pop_front();
            for (auto [it, end] = boost::out_edges(u, graph_); it != end; ++it) {
                auto v = boost::target(*it, graph_);
                if (seen[v] || boost::get(boost::edge_residual_capacity, graph_, *it) <= 0) continue;
                seen[v] = 1;
                queue.push_back(v);
            }
        }
        return seen;
    }

    // Potentials for the residual graph after the solve: reduced costs cost(u, v) + π(u) − π(v)
    // are ≥ 0 on every edge with capacity left. Bellman-Ford from every vertex at once (all
    // distances start at 0) on a compact copy of the residual edges; it ends because an optimal
    // flow leaves no negative cycle.
    // std::nullopt if Bellman-Ford finds a negative cycle (the flow is not optimal: never expected).
    std::optional<std::vector<Cost>> Potentials() const {
        struct Arc {
            Cost cost = 0;
        };
        using Residual = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc>;
        const auto n = boost::num_vertices(graph_);
        std::vector<std::pair<std::size_t, std::size_t>> arcs;
        std::vector<Arc> costs;
        arcs.reserve(boost::num_edges(graph_));
        costs.reserve(boost::num_edges(graph_));
        for (std::size_t u = 0; u < n; ++u)
            for (auto [it, end] = boost::out_edges(u, graph_); it != end; ++it) {
                if (boost::get(boost::edge_residual_capacity, graph_, *it) <= 0) continue;
                arcs.emplace_back(u, boost::target(*it, graph_));
                costs.push_back({boost::get(boost::edge_weight, graph_, *it)});
            }
        const Residual residual(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), costs.begin(), n);
        std::vector<Cost> potential(n, 0);
        std::vector<std::size_t> pred(n);
        if (!boost::bellman_ford_shortest_paths(residual, n, boost::get(&Arc::cost, residual), pred.data(),
                                                potential.data(), boost::closed_plus<Cost>(), std::less<>(),
                                                boost::default_bellman_visitor()))
            return std::nullopt;
        return potential;
    }

  private:
    Graph graph_;
};

void Validate(const AssignmentProblem& problem) {
    const auto n_proposals = static_cast<int>(problem.proposals.size());
    const auto n_reviewers = static_cast<int>(problem.reviewers.size());
    if (problem.expertise.size() != problem.proposals.size() * problem.reviewers.size())
        throw Invalid("expertise", "the expertise matrix must have one score per proposal and reviewer");
    if (std::any_of(problem.expertise.begin(), problem.expertise.end(),
                    [](std::int64_t s) { return s < 0 || static_cast<double>(s) > 1e12; }))
        throw Invalid("expertise", "an expertise score is negative or too large");
    for (const auto& p : problem.proposals)
        if (p.reviews < 0) throw Invalid("reviews", "a proposal needs a negative number of reviews");
    for (const auto& r : problem.reviewers)
        if (r.load_cap < 0) throw Invalid("load_cap", "a reviewer has a negative load cap");
    auto in_range = [&](int p, int r) { return p >= 0 && p < n_proposals && r >= 0 && r < n_reviewers; };
    for (const auto& c : problem.conflicts)
        if (!in_range(c.proposal, c.reviewer))
            throw Invalid("conflicts", "a conflict names no proposal or reviewer of the call");
    for (const auto& pin : problem.pinned)
        if (!in_range(pin.proposal, pin.reviewer))
            throw Invalid("pinned", "a pin names no proposal or reviewer of the call");
}

}  // namespace

AssignmentResult SolveAssignment(const AssignmentProblem& problem) {
    Validate(problem);
    const auto n_proposals = problem.proposals.size();
    const auto n_reviewers = problem.reviewers.size();
    auto cell = [&](std::size_t p, std::size_t r) { return p * n_reviewers + r; };

    // The first reason each pair is forbidden (the conflicts' order), or none.
    std::vector<std::optional<ConflictKind>> forbidden(n_proposals * n_reviewers);
    for (const auto& c : problem.conflicts) {
        auto& slot = forbidden[cell(static_cast<std::size_t>(c.proposal), static_cast<std::size_t>(c.reviewer))];
        if (!slot) slot = c.kind;
    }

    // Pins first: each takes one review of its proposal and one place of its reviewer.
    AssignmentResult result;
    std::vector<char> pinned(n_proposals * n_reviewers, 0);
    std::vector<int> needed(n_proposals);
    std::vector<int> room(n_reviewers);
    for (std::size_t p = 0; p < n_proposals; ++p) needed[p] = problem.proposals[p].reviews;
    for (std::size_t r = 0; r < n_reviewers; ++r) room[r] = problem.reviewers[r].load_cap;
    for (const auto& pin : problem.pinned) {
        const auto p = static_cast<std::size_t>(pin.proposal);
        const auto r = static_cast<std::size_t>(pin.reviewer);
        if (pinned[cell(p, r)]) continue;
        if (const auto& why = forbidden[cell(p, r)]) {
            result.refusals.push_back({RefusalKind::kPinnedPairForbidden, pin.proposal, pin.reviewer, *why, 0, 0});
            continue;
        }
        pinned[cell(p, r)] = 1;
        --needed[p];
        --room[r];
    }
    for (std::size_t p = 0; p < n_proposals; ++p)
        if (needed[p] < 0)
            result.refusals.push_back({RefusalKind::kTooManyPins, static_cast<int>(p), -1, std::nullopt,
                                       problem.proposals[p].reviews, problem.proposals[p].reviews - needed[p]});
    for (std::size_t r = 0; r < n_reviewers; ++r)
        if (room[r] < 0)
            result.refusals.push_back({RefusalKind::kPinsAboveLoadCap, -1, static_cast<int>(r), std::nullopt,
                                       problem.reviewers[r].load_cap - room[r], problem.reviewers[r].load_cap});
    if (!result.refusals.empty()) return result;

    // Then what can be seen without solving: a proposal short of eligible reviewers with room, and
    // caps that do not cover the reviews.
    auto eligible = [&](std::size_t p, std::size_t r) {
        return !forbidden[cell(p, r)] && !pinned[cell(p, r)] && room[r] > 0;
    };
    for (std::size_t p = 0; p < n_proposals; ++p) {
        if (needed[p] == 0) continue;
        int available = 0;
        for (std::size_t r = 0; r < n_reviewers; ++r) available += eligible(p, r) ? 1 : 0;
        if (available < needed[p])
            result.refusals.push_back(
                {RefusalKind::kTooFewEligibleReviewers, static_cast<int>(p), -1, std::nullopt, needed[p], available});
    }
    const long total_needed = std::accumulate(needed.begin(), needed.end(), 0L);
    const long total_room = std::accumulate(room.begin(), room.end(), 0L);
    if (total_room < total_needed)
        result.refusals.push_back({RefusalKind::kCapacityShort, -1, -1, std::nullopt, static_cast<int>(total_needed),
                                   static_cast<int>(total_room)});
    if (!result.refusals.empty()) return result;

    // The flow. Vertices: source, the proposals, the reviewers, the sink.
    std::int64_t top = 0;
    for (std::size_t p = 0; p < n_proposals; ++p)
        for (std::size_t r = 0; r < n_reviewers; ++r)
            if (eligible(p, r)) top = std::max(top, problem.Expertise(static_cast<int>(p), static_cast<int>(r)));
    if (static_cast<double>(top) * static_cast<double>(n_proposals + n_reviewers + 2) >= kExactLimit)
        throw Invalid("expertise", "expertise scores too large to be summed exactly");
    auto cost = [&](std::size_t p, std::size_t r) {
        return static_cast<Cost>(top - problem.Expertise(static_cast<int>(p), static_cast<int>(r)));
    };
    const std::size_t source = 0;
    const std::size_t sink = n_proposals + n_reviewers + 1;
    auto proposal_vertex = [](std::size_t p) { return 1 + p; };
    auto reviewer_vertex = [&](std::size_t r) { return 1 + n_proposals + r; };

    // Most pairs never matter: a proposal ends up with reviewers near the top of its own list. So
    // the flow is first solved on each proposal's best few eligible reviewers, and the answer is
    // proven optimal for all pairs: a left-out pair whose reduced cost under the solved network's
    // potentials is ≥ 0 could not improve it (LP duality). Pairs that could are added and the flow
    // solved again; a call the few pairs cannot serve is solved on all of them.
    std::vector<std::vector<std::size_t>> all(n_proposals);
    std::vector<std::vector<std::size_t>> chosen(n_proposals);
    std::vector<std::vector<char>> in_chosen(n_proposals);
    for (std::size_t p = 0; p < n_proposals; ++p) {
        if (needed[p] == 0) continue;
        auto& list = all[p];
        list.reserve(n_reviewers);
        for (std::size_t r = 0; r < n_reviewers; ++r)
            if (eligible(p, r)) list.push_back(r);
        std::stable_sort(list.begin(), list.end(),
                         [&](std::size_t a, std::size_t b) { return cost(p, a) < cost(p, b); });
        const auto first =
            std::min(list.size(), static_cast<std::size_t>(kFirstCandidates * needed[p] + kFirstCandidates));
        chosen[p].assign(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(first));
        in_chosen[p].assign(n_reviewers, 0);
        for (auto r : chosen[p]) in_chosen[p][r] = 1;
    }
    bool everything = false;
    for (int round = 1;; ++round) {
        if (round > kMaxRounds) everything = true;
        FlowNetwork network(sink + 1);
        std::vector<std::vector<std::pair<std::size_t, Edge>>> pair_edges(n_proposals);
        for (std::size_t p = 0; p < n_proposals; ++p) {
            if (needed[p] == 0) continue;
            network.Add(source, proposal_vertex(p), needed[p], 0);
            const auto& list = everything ? all[p] : chosen[p];
            pair_edges[p].reserve(list.size());
            for (auto r : list)
                pair_edges[p].emplace_back(r, network.Add(proposal_vertex(p), reviewer_vertex(r), 1, cost(p, r)));
        }
        for (std::size_t r = 0; r < n_reviewers; ++r)
            if (room[r] > 0) network.Add(reviewer_vertex(r), sink, room[r], 0);
        network.Solve(source, sink);

        std::vector<int> got(n_proposals, 0);
        long served = 0;
        for (std::size_t p = 0; p < n_proposals; ++p) {
            for (const auto& pe : pair_edges[p]) got[p] += static_cast<int>(network.Flow(pe.second));
            served += got[p];
        }
        if (served < total_needed && !everything) {
            everything = true;
            continue;
        }
        if (served < total_needed) {
            // Short: the proposals still reachable from the source form a group whose eligible
            // reviewers are all full; the flow they received is the most they can get together
            // (the reachable side of a minimum cut).
            auto reachable = network.Reachable(source);
            int group_needed = 0;
            int group_got = 0;
            std::vector<int> group;
            for (std::size_t p = 0; p < n_proposals; ++p) {
                if (!reachable[proposal_vertex(p)] || needed[p] == 0) continue;
                group.push_back(static_cast<int>(p));
                group_needed += needed[p];
                group_got += got[p];
            }
            result.refusals.reserve(group.size());
            for (int p : group)
                result.refusals.push_back(
                    {RefusalKind::kEligibleReviewersFull, p, -1, std::nullopt, group_needed, group_got});
            return result;
        }
        if (!everything) {
            const auto potential = network.Potentials();
            if (!potential) {
                everything = true;
                continue;
            }
            bool optimal = true;
            for (std::size_t p = 0; p < n_proposals; ++p)
                for (auto r : all[p]) {
                    if (in_chosen[p][r] ||
                        cost(p, r) + (*potential)[proposal_vertex(p)] - (*potential)[reviewer_vertex(r)] >= 0)
                        continue;
                    optimal = false;
                    in_chosen[p][r] = 1;
                    chosen[p].push_back(r);
                }
            if (!optimal) continue;
        }

        Assignment assignment;
        assignment.reviewers_of.resize(n_proposals);
        assignment.loads.assign(n_reviewers, 0);
        for (std::size_t p = 0; p < n_proposals; ++p) {
            auto& mine = assignment.reviewers_of[p];
            mine.reserve(static_cast<std::size_t>(problem.proposals[p].reviews));
            for (std::size_t r = 0; r < n_reviewers; ++r)
                if (pinned[cell(p, r)]) mine.push_back(static_cast<int>(r));
            for (const auto& [r, edge] : pair_edges[p])
                if (network.Flow(edge) > 0) mine.push_back(static_cast<int>(r));
            std::sort(mine.begin(), mine.end());
            for (int r : mine) {
                ++assignment.loads[static_cast<std::size_t>(r)];
                assignment.total_expertise += problem.Expertise(static_cast<int>(p), r);
            }
        }
        result.assignment = std::move(assignment);
        return result;
    }
}

std::string Describe(const Refusal& refusal, const AssignmentProblem& problem) {
    auto proposal = [&] {
        return refusal.proposal >= 0 ? "proposal " + problem.proposals[static_cast<std::size_t>(refusal.proposal)].id
                                     : std::string("the call");
    };
    auto reviewer = [&] {
        return refusal.reviewer >= 0 ? "reviewer " + problem.reviewers[static_cast<std::size_t>(refusal.reviewer)].id
                                     : std::string("a reviewer");
    };
    auto n = [](int value) { return std::to_string(value); };
    switch (refusal.kind) {
        case RefusalKind::kPinnedPairForbidden:
            return "the pin of " + reviewer() + " to " + proposal() + " is refused: the pair is forbidden (" +
                   std::string(refusal.conflict ? Text(*refusal.conflict) : "conflict") + ")";
        case RefusalKind::kTooManyPins:
            return proposal() + " has " + n(refusal.available) + " pinned reviewers but needs only " +
                   n(refusal.needed) + " reviews";
        case RefusalKind::kPinsAboveLoadCap:
            return reviewer() + " is pinned to " + n(refusal.needed) + " proposals but may review only " +
                   n(refusal.available);
        case RefusalKind::kTooFewEligibleReviewers:
            return proposal() + " needs " + n(refusal.needed) + " more reviewers but only " + n(refusal.available) +
                   " have no conflict with it and room left";
        case RefusalKind::kCapacityShort:
            return "the call needs " + n(refusal.needed) + " reviews but the reviewers' load caps allow only " +
                   n(refusal.available);
        case RefusalKind::kEligibleReviewersFull:
            return proposal() + " cannot get its reviewers: with the other proposals that share its eligible " +
                   "reviewers it needs " + n(refusal.needed) + " reviews, and those reviewers have room for only " +
                   n(refusal.available);
    }
    return proposal() + " cannot be assigned";
}

}  // namespace renkei::opencall
