// bench/assignment: the open call's solvers against GLPK on generated calls (see README.md here).
//
// For each of 50/200/500 proposals × 30/100/200 reviewers (fixed seeds): k = 3 reviews a proposal,
// random load caps that cover the reviews with some slack, 5–15 % of the pairs in conflict (a random
// reason each), a few pinned pairs, and an expertise score per pair in thousandths (an area match
// scores high). renkei_opencall's SolveAssignment is timed, its assignment checked against every
// constraint, and the same instance is written as a 0/1 program in CPLEX LP format, solved by
// glpsol (Debian's glpk-utils), and the optimum read back from glpsol's report. Then a few calls'
// selections (the knapsack DP) against glpsol's MIP optimum of the same knapsack.
//
// Output: one line per instance, then `selection_gap=`, `assignment_gap=` and
// `assignment_ms_200x100=` as the last two lines. Gaps are the largest relative difference
// |ours − GLPK| / max(1, |GLPK|) over the instances; both must be 0.
//
//   renkei_bench_assignment [--glpsol PATH] [--keep DIR] [--no-glpk]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "modules/opencall/assignment.hpp"
#include "modules/opencall/selection.hpp"

namespace fs = std::filesystem;
using namespace renkei::opencall;

namespace {

constexpr int kAreas = 6;  // research areas of the generated proposals and reviewers

struct Options {
    std::string glpsol = "glpsol";
    std::optional<fs::path> keep;
    bool glpk = true;
};

// Uniform in [0, n) from a fixed generator (no distribution objects, whose output may differ
// between standard libraries).
std::uint64_t Below(std::mt19937_64& rng, std::uint64_t n) { return rng() % n; }

// "P7": built by appending (GCC 12 warns falsely about "P" + std::string, bug 105329).
std::string Name(char prefix, int index) {
    std::string name(1, prefix);
    name += std::to_string(index);
    return name;
}

struct Instance {
    AssignmentProblem problem;
    double conflict_rate = 0;
};

Instance Generate(int n_proposals, int n_reviewers, int reviews, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Instance instance;
    auto& problem = instance.problem;
    problem.proposals.reserve(static_cast<std::size_t>(n_proposals));
    problem.reviewers.reserve(static_cast<std::size_t>(n_reviewers));
    std::vector<int> proposal_area;
    proposal_area.reserve(static_cast<std::size_t>(n_proposals));
    for (int p = 0; p < n_proposals; ++p) {
        problem.proposals.push_back({Name('P', p), reviews});
        proposal_area.push_back(static_cast<int>(Below(rng, kAreas)));
    }
    // Caps: 1.3 times the mean load needed, rounded up, plus 0–2.
    const double mean_load = static_cast<double>(n_proposals) * reviews / n_reviewers;
    std::vector<std::pair<int, int>> reviewer_areas;
    reviewer_areas.reserve(static_cast<std::size_t>(n_reviewers));
    for (int r = 0; r < n_reviewers; ++r) {
        const int cap = static_cast<int>(std::ceil(1.3 * mean_load)) + static_cast<int>(Below(rng, 3));
        problem.reviewers.push_back({Name('R', r), cap});
        reviewer_areas.emplace_back(static_cast<int>(Below(rng, kAreas)), static_cast<int>(Below(rng, kAreas)));
    }
    problem.expertise.reserve(static_cast<std::size_t>(n_proposals) * static_cast<std::size_t>(n_reviewers));
    for (int p = 0; p < n_proposals; ++p)
        for (int r = 0; r < n_reviewers; ++r) {
            const auto [first, second] = reviewer_areas[static_cast<std::size_t>(r)];
            const int area = proposal_area[static_cast<std::size_t>(p)];
            std::int64_t score = static_cast<std::int64_t>(Below(rng, 301));
            if (area == first)
                score += 300 + static_cast<std::int64_t>(Below(rng, 401));
            else if (area == second)
                score += 150 + static_cast<std::int64_t>(Below(rng, 301));
            problem.expertise.push_back(score);
        }
    instance.conflict_rate = 0.05 + 0.10 * static_cast<double>(Below(rng, 1001)) / 1000.0;
    const auto threshold = static_cast<std::uint64_t>(instance.conflict_rate * 1'000'000);
    std::vector<char> forbidden(problem.expertise.size(), 0);
    for (int p = 0; p < n_proposals; ++p)
        for (int r = 0; r < n_reviewers; ++r) {
            if (Below(rng, 1'000'000) >= threshold) continue;
            const auto kind = TextsOf(ConflictKind{})[Below(rng, TextsOf(ConflictKind{}).size())].value;
            problem.conflicts.push_back({p, r, kind});
            forbidden[static_cast<std::size_t>(p) * static_cast<std::size_t>(n_reviewers) +
                      static_cast<std::size_t>(r)] = 1;
        }
    // Pins: one proposal in fifty gets a random reviewer without a conflict.
    std::vector<int> pins_of(static_cast<std::size_t>(n_reviewers), 0);
    for (int p = 0; p < n_proposals; p += 50) {
        const int r = static_cast<int>(Below(rng, static_cast<std::uint64_t>(n_reviewers)));
        if (forbidden[static_cast<std::size_t>(p) * static_cast<std::size_t>(n_reviewers) +
                      static_cast<std::size_t>(r)] ||
            pins_of[static_cast<std::size_t>(r)] >= problem.reviewers[static_cast<std::size_t>(r)].load_cap)
            continue;
        ++pins_of[static_cast<std::size_t>(r)];
        problem.pinned.push_back({p, r});
    }
    return instance;
}

// Every constraint, checked apart from the solver; returns the total it recomputes.
std::optional<std::int64_t> Check(const AssignmentProblem& problem, const Assignment& a) {
    std::set<std::pair<int, int>> forbidden;
    for (const auto& c : problem.conflicts) forbidden.insert({c.proposal, c.reviewer});
    std::vector<int> loads(problem.reviewers.size(), 0);
    std::int64_t total = 0;
    for (std::size_t p = 0; p < problem.proposals.size(); ++p) {
        const auto& mine = a.reviewers_of[p];
        if (static_cast<int>(mine.size()) != problem.proposals[p].reviews) return std::nullopt;
        if (std::set<int>(mine.begin(), mine.end()).size() != mine.size()) return std::nullopt;
        for (int r : mine) {
            if (forbidden.contains({static_cast<int>(p), r})) return std::nullopt;
            ++loads[static_cast<std::size_t>(r)];
            total += problem.Expertise(static_cast<int>(p), r);
        }
    }
    for (std::size_t r = 0; r < problem.reviewers.size(); ++r)
        if (loads[r] > problem.reviewers[r].load_cap) return std::nullopt;
    for (const auto& pin : problem.pinned) {
        const auto& mine = a.reviewers_of[static_cast<std::size_t>(pin.proposal)];
        if (std::find(mine.begin(), mine.end(), pin.reviewer) == mine.end()) return std::nullopt;
    }
    return total;
}

// A 0/1 program in CPLEX LP format: x_p_r for each pair without a conflict.
void WriteAssignmentLp(const AssignmentProblem& problem, const fs::path& file) {
    const auto n_p = problem.proposals.size();
    const auto n_r = problem.reviewers.size();
    std::set<std::pair<int, int>> forbidden;
    for (const auto& c : problem.conflicts) forbidden.insert({c.proposal, c.reviewer});
    auto var = [](std::size_t p, std::size_t r) { return "x_" + std::to_string(p) + "_" + std::to_string(r); };
    auto allowed = [&](std::size_t p, std::size_t r) {
        return !forbidden.contains({static_cast<int>(p), static_cast<int>(r)});
    };
    std::ofstream out(file);
    out << "\\ the reviewer assignment, expertise in thousandths\nMaximize\n obj:";
    int on_line = 0;
    auto term = [&](const std::string& text) {
        out << ' ' << text;
        if (++on_line % 8 == 0) out << "\n ";
    };
    for (std::size_t p = 0; p < n_p; ++p)
        for (std::size_t r = 0; r < n_r; ++r)
            if (allowed(p, r))
                term("+ " + std::to_string(problem.Expertise(static_cast<int>(p), static_cast<int>(r))) + " " +
                     var(p, r));
    out << "\nSubject To\n";
    for (std::size_t p = 0; p < n_p; ++p) {
        out << " p" << p << ":";
        on_line = 0;
        for (std::size_t r = 0; r < n_r; ++r)
            if (allowed(p, r)) term("+ " + var(p, r));
        out << " = " << problem.proposals[p].reviews << "\n";
    }
    for (std::size_t r = 0; r < n_r; ++r) {
        out << " r" << r << ":";
        on_line = 0;
        for (std::size_t p = 0; p < n_p; ++p)
            if (allowed(p, r)) term("+ " + var(p, r));
        out << " <= " << problem.reviewers[r].load_cap << "\n";
    }
    out << "Bounds\n";
    for (const auto& pin : problem.pinned)
        out << " " << var(static_cast<std::size_t>(pin.proposal), static_cast<std::size_t>(pin.reviewer)) << " = 1\n";
    out << "Binary\n";
    for (std::size_t p = 0; p < n_p; ++p)
        for (std::size_t r = 0; r < n_r; ++r)
            if (allowed(p, r)) out << ' ' << var(p, r) << '\n';
    out << "End\n";
}

// The same knapsack for glpsol: y_i for each eligible candidate, weights in budget units.
void WriteSelectionLp(const std::vector<Candidate>& candidates, const SelectionRules& rules, const fs::path& file) {
    std::ofstream out(file);
    out << "\\ the selection within budget, scores in thousandths, money in units of " << rules.unit_yen
        << " yen\nMaximize\n obj:";
    std::vector<std::size_t> eligible;
    eligible.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (candidates[i].requested_yen <= rules.per_project_cap_yen) eligible.push_back(i);
    for (auto i : eligible) out << "\n + " << candidates[i].score << " y_" << i;
    out << "\nSubject To\n budget:";
    for (auto i : eligible) out << "\n + " << ChargedUnits(candidates[i].requested_yen, rules.unit_yen) << " y_" << i;
    out << "\n <= " << rules.total_budget_yen / rules.unit_yen << "\nBinary\n";
    for (auto i : eligible) out << " y_" << i << "\n";
    out << "End\n";
}

// Runs glpsol on an LP file; returns the optimum from its report, or nullopt when it found none.
std::optional<double> Glpsol(const Options& options, const fs::path& lp, double& ms) {
    const auto report = fs::path(lp).replace_extension(".out");
    const std::string command =
        options.glpsol + " --lp '" + lp.string() + "' -o '" + report.string() + "' >'" + lp.string() + ".log' 2>&1";
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (status != 0) return std::nullopt;
    std::ifstream in(report);
    std::string line;
    bool optimal = false;
    std::optional<double> objective;
    while (std::getline(in, line)) {
        // "Status:     INTEGER OPTIMAL" and "Objective:  obj = 1234567 (MAXimum)"
        if (line.rfind("Status:", 0) == 0) optimal = line.find("OPTIMAL") != std::string::npos;
        if (line.rfind("Objective:", 0) == 0) {
            const auto eq = line.find('=');
            if (eq != std::string::npos) objective = std::strtod(line.c_str() + eq + 1, nullptr);
        }
    }
    if (!optimal) return std::nullopt;
    return objective;
}

double Gap(double ours, double theirs) { return std::abs(ours - theirs) / std::max(1.0, std::abs(theirs)); }

std::string Fixed(double value, int decimals) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(decimals);
    out << value;
    return out.str();
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--glpsol" && i + 1 < argc)
            options.glpsol = argv[++i];
        else if (arg == "--keep" && i + 1 < argc)
            options.keep = argv[++i];
        else if (arg == "--no-glpk")
            options.glpk = false;
        else {
            std::cerr << "usage: renkei_bench_assignment [--glpsol PATH] [--keep DIR] [--no-glpk]\n";
            return 2;
        }
    }
    const fs::path dir = options.keep
                             ? *options.keep
                             : fs::temp_directory_path() / ("renkei-bench-assignment-" + std::to_string(getpid()));
    fs::create_directories(dir);

    double assignment_gap = 0;
    double selection_gap = 0;
    bool all_checked = options.glpk;
    std::optional<double> ms_200x100;
    int index = 0;
    for (int n_p : {50, 200, 500}) {
        for (int n_r : {30, 100, 200}) {
            const std::uint64_t seed = 19'000 + static_cast<std::uint64_t>(index++);
            const auto instance = Generate(n_p, n_r, 3, seed);
            const auto& problem = instance.problem;
            const auto start = std::chrono::steady_clock::now();
            const auto result = SolveAssignment(problem);
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            if (n_p == 200 && n_r == 100) ms_200x100 = ms;
            const std::string name = std::to_string(n_p) + "x" + std::to_string(n_r);
            std::cout << "assignment " << name << " seed=" << seed << " k=3 conflicts=" << problem.conflicts.size()
                      << " (" << Fixed(100.0 * static_cast<double>(problem.conflicts.size()) / (n_p * n_r), 1)
                      << "%) pins=" << problem.pinned.size();
            if (!result.assignment) {
                std::cout << " infeasible: " << Describe(result.refusals.at(0), problem) << std::endl;
                assignment_gap = std::max(assignment_gap, 1.0);
                continue;
            }
            const auto checked = Check(problem, *result.assignment);
            const auto ours = static_cast<double>(result.assignment->total_expertise);
            std::cout << " solver_total=" << result.assignment->total_expertise << " solver_ms=" << Fixed(ms, 1)
                      << " valid=" << (checked && *checked == result.assignment->total_expertise ? "yes" : "NO");
            if (!checked) assignment_gap = std::max(assignment_gap, 1.0);
            if (options.glpk) {
                const auto lp = dir / ("assignment_" + name + ".lp");
                WriteAssignmentLp(problem, lp);
                double glpk_ms = 0;
                const auto optimum = Glpsol(options, lp, glpk_ms);
                if (optimum) {
                    const double gap = Gap(ours, *optimum);
                    assignment_gap = std::max(assignment_gap, gap);
                    std::cout << " glpk_total=" << Fixed(*optimum, 0) << " glpk_ms=" << Fixed(glpk_ms, 0)
                              << " gap=" << gap;
                } else {
                    std::cout << " glpk=failed (" << lp.string() << ".log)";
                    assignment_gap = std::max(assignment_gap, 1.0);
                }
            }
            std::cout << std::endl;
        }
    }

    // Selections: a third to a half of the requests fit; one in ten requests is above the cap.
    index = 0;
    for (int n : {20, 40, 80, 150}) {
        const std::uint64_t seed = 19'100 + static_cast<std::uint64_t>(index++);
        std::mt19937_64 rng(seed);
        const SelectionRules rules{0, 1000 * kBudgetUnitYen, kBudgetUnitYen};
        std::vector<Candidate> candidates;
        candidates.reserve(static_cast<std::size_t>(n));
        std::int64_t asked = 0;
        for (int i = 0; i < n; ++i) {
            const bool above = Below(rng, 10) == 0;
            const std::int64_t units = above ? 1001 + static_cast<std::int64_t>(Below(rng, 500))
                                             : 50 + static_cast<std::int64_t>(Below(rng, 951));
            candidates.push_back(
                {Name('C', 1000 + i), 1000 + static_cast<std::int64_t>(Below(rng, 4001)), units * kBudgetUnitYen});
            if (!above) asked += units * kBudgetUnitYen;
        }
        auto call_rules = rules;
        call_rules.total_budget_yen = asked * static_cast<std::int64_t>(33 + Below(rng, 18)) / 100;
        const auto start = std::chrono::steady_clock::now();
        const auto selection = SelectWithinBudget(candidates, call_rules);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        const bool within =
            selection.total_charged_yen <= call_rules.total_budget_yen &&
            std::none_of(selection.selected.begin(), selection.selected.end(), [&](int i) {
                return candidates[static_cast<std::size_t>(i)].requested_yen > call_rules.per_project_cap_yen;
            });
        std::cout << "selection n=" << n << " seed=" << seed << " budget_yen=" << call_rules.total_budget_yen
                  << " selected=" << selection.selected.size() << " dp_total=" << selection.total_score
                  << " dp_ms=" << Fixed(ms, 2) << " within=" << (within ? "yes" : "NO");
        if (!within) selection_gap = std::max(selection_gap, 1.0);
        if (options.glpk) {
            const auto lp = dir / ("selection_" + std::to_string(n) + ".lp");
            WriteSelectionLp(candidates, call_rules, lp);
            double glpk_ms = 0;
            const auto optimum = Glpsol(options, lp, glpk_ms);
            if (optimum) {
                const double gap = Gap(static_cast<double>(selection.total_score), *optimum);
                selection_gap = std::max(selection_gap, gap);
                std::cout << " glpk_total=" << Fixed(*optimum, 0) << " glpk_ms=" << Fixed(glpk_ms, 0) << " gap=" << gap;
            } else {
                std::cout << " glpk=failed (" << lp.string() << ".log)";
                selection_gap = std::max(selection_gap, 1.0);
            }
        }
        std::cout << std::endl;
    }
    if (!options.keep) fs::remove_all(dir);

    auto gap_text = [&](double gap) {
        std::ostringstream out;
        if (all_checked)
            out << gap;
        else
            out << "unchecked";
        return out.str();
    };
    std::cout << "selection_gap=" << gap_text(selection_gap) << "\n";
    std::cout << "assignment_gap=" << gap_text(assignment_gap) << "\n";
    std::cout << "assignment_ms_200x100=" << (ms_200x100 ? Fixed(*ms_200x100, 1) : std::string("none")) << "\n";
    return assignment_gap == 0 && selection_gap == 0 ? 0 : 1;
}
