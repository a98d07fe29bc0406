// bench/matching: loads a needs/seeds data set (../shared/data/matching format) into a fresh
// database through the exchange service — the code path of POST /api/exchange/{needs,seeds} —
// builds the index as a starting server does, ranks the seeds for every need with the same
// call as GET /api/exchange/needs/{id}/suggestions, and prints nDCG@10, recall@10 and MRR@10
// beside a plain BM25 baseline (SQLite FTS5, trigram tokenizer) on the same file.
//
//   renkei_bench_matching DATA.jsonl [--run RUN.jsonl] [--no-curated] [--explain NEED_ID]
//                         [--train-on OTHER.jsonl]... [--save-model FILE] [--engine-only]
//
// --no-curated leaves the curated synonym list (data/synonyms) out of the analyzer, as
// RENKEI_NO_CURATED_SYNONYMS=1 does; --explain prints a need's terms and, for each relevant
// seed, its rank and the terms it shares with the need. --train-on loads another set into a second
// database as a centre's history — its relevant pairs decided as the office and the two sides would
// (grade 2: an introduction that led to a project; grade 1: judged relevant; the engine's other
// first ten: judged not relevant) — runs `renkei exchange train` on it and ranks DATA with the
// model it adopts: learnt on topics DATA does not have (several --train-on: one centre with all of
// them). --save-model writes that model (data/matching/ranker.json is made so). Without
// --train-on, suggestions are re-ranked by the shipped model, as a centre's are until it trains
// its own; --engine-only ranks without any model (RENKEI_NO_SHIPPED_RANKER=1).
#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "modules/exchange/analyzer.hpp"
#include "modules/exchange/internal.hpp"
#include "modules/exchange/service.hpp"
#include "modules/exchange/store.hpp"
#include "modules/people/service.hpp"
#include "platform/db/migrations.hpp"
#include "platform/log/log.hpp"
#include "platform/text/utf8.hpp"

using namespace renkei;
namespace json = boost::json;

namespace {

constexpr int kCut = 10;

struct Item {
    json::object o;
    std::string id, lang;
};

struct Metrics {
    double ndcg = 0, recall = 0, mrr = 0;
    int n = 0;
};

using Qrels = std::map<std::string, std::map<std::string, int>>;
using Run = std::map<std::string, std::vector<std::string>>;

std::string Str(const json::object& o, const char* k) {
    auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Metrics Score(const std::vector<std::string>& need_ids, const Run& run, const Qrels& qrels) {
    Metrics m;
    for (const auto& nid : need_ids) {
        auto rel_it = qrels.find(nid);
        std::map<std::string, int> rel = rel_it == qrels.end() ? std::map<std::string, int>{} : rel_it->second;
        std::vector<std::string> top;
        std::set<std::string> seen;
        auto r = run.find(nid);
        if (r != run.end())
            for (const auto& s : r->second)
                if (top.size() < kCut && seen.insert(s).second) top.push_back(s);
        double dcg = 0, idcg = 0, rr = 0;
        int hits = 0;
        for (size_t i = 0; i < top.size(); ++i) {
            int g = rel.count(top[i]) ? rel[top[i]] : 0;
            dcg += g / std::log2(i + 2.0);
            if (g >= 1) {
                ++hits;
                if (rr == 0) rr = 1.0 / (i + 1);
            }
        }
        std::vector<int> ideal;
        for (auto& [s, g] : rel) ideal.push_back(g);
        std::sort(ideal.rbegin(), ideal.rend());
        for (size_t i = 0; i < ideal.size() && i < kCut; ++i) idcg += ideal[i] / std::log2(i + 2.0);
        m.ndcg += idcg > 0 ? dcg / idcg : 0;
        m.recall += rel.empty() ? 0 : static_cast<double>(hits) / rel.size();
        m.mrr += rr;
        ++m.n;
    }
    if (m.n) {
        m.ndcg /= m.n;
        m.recall /= m.n;
        m.mrr /= m.n;
    }
    return m;
}

// A code point that eval.py's baseline skips (whitespace, or Unicode category P, S, Z or C).
bool Skippable(UChar32 c) {
    if (u_isUWhiteSpace(c)) return true;
    int t = u_charType(c);
    switch (t) {
        case U_DASH_PUNCTUATION:
        case U_START_PUNCTUATION:
        case U_END_PUNCTUATION:
        case U_CONNECTOR_PUNCTUATION:
        case U_OTHER_PUNCTUATION:
        case U_INITIAL_PUNCTUATION:
        case U_FINAL_PUNCTUATION:
        case U_MATH_SYMBOL:
        case U_CURRENCY_SYMBOL:
        case U_MODIFIER_SYMBOL:
        case U_OTHER_SYMBOL:
        case U_SPACE_SEPARATOR:
        case U_LINE_SEPARATOR:
        case U_PARAGRAPH_SEPARATOR:
        case U_CONTROL_CHAR:
        case U_FORMAT_CHAR:
        case U_PRIVATE_USE_CHAR:
        case U_SURROGATE:
        case U_UNASSIGNED:
            return true;
        default:
            return false;
    }
}

// The README's baseline: FTS5 trigram over title + description + capabilities; the query is
// the need's title + problem + desired_outcome as an OR of its trigrams, ranked by bm25.
Run Bm25Baseline(const std::vector<Item>& needs, const std::vector<Item>& seeds) {
    Run run;
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db, "CREATE VIRTUAL TABLE s USING fts5(sid UNINDEXED, body, tokenize='trigram')", nullptr, nullptr,
                 nullptr);
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO s(sid, body) VALUES (?, ?)", -1, &ins, nullptr);
    for (const auto& s : seeds) {
        std::string caps;
        for (const auto& c : s.o.at("capabilities").as_array())
            caps += (caps.empty() ? "" : " / ") + std::string(c.as_string());
        std::string body = Str(s.o, "title") + "\n" + Str(s.o, "description") + "\n" + caps;
        sqlite3_bind_text(ins, 1, s.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, body.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, "SELECT sid FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT 10", -1, &q, nullptr);
    for (const auto& n : needs) {
        std::string text = Str(n.o, "title") + " " + Str(n.o, "problem") + " " + Str(n.o, "desired_outcome");
        // Code points as separate strings (Python's text[i:i+3] works on these).
        auto chars = text::SplitCodePoints(text);
        std::vector<UChar32> cps;
        for (auto c : chars) {
            size_t at = 0;
            cps.push_back(static_cast<UChar32>(text::NextCodePoint(c, at)));
        }
        std::set<std::string> seen;
        std::string match;
        for (size_t i = 0; i + 2 < chars.size(); ++i) {
            std::string tri = std::string(chars[i]).append(chars[i + 1]).append(chars[i + 2]);
            if (seen.count(tri) || (Skippable(cps[i]) && Skippable(cps[i + 1]) && Skippable(cps[i + 2]))) continue;
            seen.insert(tri);
            std::string quoted;
            for (char c : tri) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            match += (match.empty() ? "" : " OR ") + ("\"" + quoted + "\"");
        }
        auto& out = run[n.id];
        if (match.empty()) continue;
        sqlite3_bind_text(q, 1, match.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(q) == SQLITE_ROW)
            out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    return run;
}

void Print(const char* label, const Metrics& base, const Metrics& ours) {
    std::printf("  %-24s n=%-3d  nDCG@10 %.3f -> %.3f   recall@10 %.3f -> %.3f   MRR@10 %.3f -> %.3f\n", label, ours.n,
                base.ndcg, ours.ndcg, base.recall, ours.recall, base.mrr, ours.mrr);
}

exchange::Need NeedOf(const Item& n) {
    exchange::Need need;
    need.title = Str(n.o, "title");
    need.problem = Str(n.o, "problem");
    need.current_practice = Str(n.o, "current_practice");
    need.patients = Str(n.o, "patients");
    need.desired_outcome = Str(n.o, "desired_outcome");
    return need;
}

exchange::Seed SeedOf(const Item& s) {
    exchange::Seed seed;
    seed.title = Str(s.o, "title");
    seed.description = Str(s.o, "description");
    for (const auto& c : s.o.at("capabilities").as_array()) seed.capabilities.emplace_back(c.as_string());
    return seed;
}

std::string Terms(const std::map<std::string, double>& terms, size_t limit) {
    std::vector<std::pair<std::string, double>> v(terms.begin(), terms.end());
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string out;
    for (size_t i = 0; i < v.size() && i < limit; ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, ":%.1f ", v[i].second);
        out += v[i].first + buf;
    }
    return out;
}

// --explain: the need's terms, and each relevant seed's rank and shared terms.
void Explain(const std::string& id, const std::vector<Item>& needs, const std::vector<Item>& seeds, const Qrels& qrels,
             const Run& ours) {
    auto n = std::find_if(needs.begin(), needs.end(), [&](const Item& i) { return i.id == id; });
    if (n == needs.end()) {
        std::printf("--explain: no need %s\n", id.c_str());
        return;
    }
    auto need_terms = exchange::NeedTerms(NeedOf(*n));
    std::printf("%s terms: %s\n", id.c_str(), Terms(need_terms, 200).c_str());
    const auto& ranking = ours.at(id);
    std::printf("ranking:");
    for (size_t i = 0; i < ranking.size() && i < 10; ++i) std::printf(" %s", ranking[i].c_str());
    std::printf("\n");
    auto q = qrels.find(id);
    if (q == qrels.end()) return;
    for (const auto& [sid, grade] : q->second) {
        auto s = std::find_if(seeds.begin(), seeds.end(), [&](const Item& i) { return i.id == sid; });
        if (s == seeds.end()) continue;
        auto seed_terms = exchange::SeedTerms(SeedOf(*s));
        std::map<std::string, double> shared;
        for (const auto& [t, w] : seed_terms)
            if (need_terms.count(t)) shared[t] = w;
        auto at = std::find(ranking.begin(), ranking.end(), sid);
        std::printf("%s grade %d rank %ld shares: %s\n  seed terms: %s\n", sid.c_str(), grade,
                    at == ranking.end() ? -1L : static_cast<long>(at - ranking.begin()) + 1, Terms(shared, 60).c_str(),
                    Terms(seed_terms, 200).c_str());
    }
}

struct DataSet {
    std::vector<Item> needs, seeds;
    Qrels qrels;
};

DataSet Read(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    DataSet d;
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto o = json::parse(line).as_object();
        auto type = Str(o, "type");
        if (type == "need")
            d.needs.push_back({o, Str(o, "id"), Str(o, "lang")});
        else if (type == "seed")
            d.seeds.push_back({o, Str(o, "id"), Str(o, "lang")});
        else if (type == "qrel")
            d.qrels[Str(o, "need")][Str(o, "seed")] = static_cast<int>(o.at("grade").as_int64());
    }
    return d;
}

// A data set loaded into a fresh, migrated database through the exchange service (the code path
// of POST /api/exchange/{needs,seeds}): a clinician writes the needs, a company researcher the seeds.
struct Centre {
    auth::Principal clinician, researcher, office;
    std::map<std::string, std::string> need_ids, seed_ids;  // file id → Renkei id
    std::map<std::string, std::string> seed_by_renkei_id;
};

Centre Load(db::Database& db, const DataSet& d, Seconds now) {
    db::Migrate(db);
    Centre c;
    db::Tx tx(db, db::TxMode::kWrite);
    auto hospital = people::CreateOrganisation(tx, std::nullopt, {std::nullopt, "hospital", "病院", "Hospital"}, now);
    auto company = people::CreateOrganisation(tx, std::nullopt, {std::nullopt, "company", "企業", "Company"}, now);
    auto person = [&](const char* email, const char* name, const char* name_en, const std::string& org,
                      const char* role) {
        people::NewPerson p{email, name, "", name_en, org, {role}, "", "ja"};
        auth::Principal out;
        out.person_id = people::CreatePerson(tx, std::nullopt, p, now).id;
        out.roles = {role};
        return out;
    };
    c.clinician = person("clinician@bench.example", "臨床 医師", "Clinician", hospital.id, "clinician");
    c.researcher = person("researcher@bench.example", "企業 研究者", "Researcher", company.id, "company_researcher");
    c.office = person("office@bench.example", "事務局 職員", "Office", hospital.id, "office");
    for (const auto& n : d.needs) {
        exchange::NeedInput ni;
        ni.title = Str(n.o, "title");
        ni.problem = Str(n.o, "problem");
        ni.current_practice = Str(n.o, "current_practice");
        ni.patients = Str(n.o, "patients");
        ni.desired_outcome = Str(n.o, "desired_outcome");
        ni.area = Str(n.o, "area");
        ni.status = "open";
        c.need_ids[n.id] = exchange::CreateNeed(tx, c.clinician, ni, now).id;
    }
    for (const auto& s : d.seeds) {
        exchange::SeedInput si;
        si.kind = Str(s.o, "kind");
        si.title = Str(s.o, "title");
        si.description = Str(s.o, "description");
        si.area = Str(s.o, "area");
        si.status = "open";
        std::vector<std::string> caps;
        for (const auto& cap : s.o.at("capabilities").as_array()) caps.emplace_back(cap.as_string());
        si.capabilities = caps;
        si.confidential = false;
        std::string id = exchange::CreateSeed(tx, c.researcher, si, now).id;
        c.seed_ids[s.id] = id;
        c.seed_by_renkei_id[id] = s.id;
    }
    tx.Commit();
    return c;
}

// --train-on: OTHER's relevant pairs decided in a centre of its own, and the model learnt from them
// (nullopt when none was adopted). The index is this process's: it is rebuilt for DATA afterwards.
std::optional<exchange::store::RankModelRow> TrainOn(const std::filesystem::path& dir,
                                                     const std::vector<std::string>& paths, Seconds now) {
    DataSet other;
    std::string path;
    for (size_t f = 0; f < paths.size(); ++f) {
        DataSet d = Read(paths[f]);
        path += (path.empty() ? "" : " + ") + paths[f];
        // Ids made distinct when there are several files.
        std::string prefix = paths.size() > 1 ? std::to_string(f) + ":" : "";
        for (auto& n : d.needs) other.needs.push_back({n.o, prefix + n.id, n.lang});
        for (auto& sd : d.seeds) other.seeds.push_back({sd.o, prefix + sd.id, sd.lang});
        for (auto& [need, rel] : d.qrels)
            for (auto& [seed, grade] : rel) other.qrels[prefix + need][prefix + seed] = grade;
    }
    db::Database db("sqlite:" + (dir / "train.db").string(), 2);
    Centre c = Load(db, other, now);
    db::Tx tx(db, db::TxMode::kWrite);
    exchange::RebuildIndex(tx);
    size_t projects = 0, relevant = 0, not_relevant = 0;
    for (const auto& n : other.needs) {
        const auto& need = c.need_ids.at(n.id);
        const auto& qrels = other.qrels[n.id];
        for (const auto& [sid, grade] : qrels) {
            const auto& seed = c.seed_ids.at(sid);
            if (grade >= 2) {
                auto i = exchange::RequestIntroduction(tx, c.clinician, "seed", seed, "need", need, "", now);
                exchange::DecideIntroduction(tx, c.researcher, i.id, true, std::nullopt, now);
                exchange::RecordOutcome(tx, c.clinician, i.id, "project_started", "", now);
                ++projects;
            } else if (grade == 1) {
                exchange::JudgePair(tx, c.office, need, seed, true, now);
                ++relevant;
            }
        }
        for (const auto& seed : exchange::RankSeedsForNeed(tx, c.clinician, need, 10, now))
            if (!qrels.count(c.seed_by_renkei_id.at(seed))) {
                exchange::JudgePair(tx, c.office, need, seed, false, now);
                ++not_relevant;
            }
    }
    auto run = exchange::TrainRanking(tx, c.office.person_id, now);
    tx.Commit();
    std::printf(
        "trained on %s: %zu introductions that led to a project, %zu pairs judged relevant, %zu not relevant; "
        "%zu needs, %zu pairs; nDCG@10 of those decisions %.3f -> %.3f; %s\n  weights:",
        path.c_str(), projects, relevant, not_relevant, run.lists, run.pairs, run.ndcg_before, run.ndcg_after,
        run.adopted ? "adopted" : ("not adopted: " + run.reason).c_str());
    for (const auto& [name, w] : run.weights) std::printf(" %s=%.3f", name.c_str(), w);
    std::printf("\n");
    db::Tx read(db, db::TxMode::kRead);
    return exchange::store::LatestRankModel(read, true);
}

}  // namespace

int main(int argc, char** argv) {
    const renkei::Seconds now = renkei::Now();
    std::string data_path, run_path, explain, save_model;
    std::vector<std::string> train_paths;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--run" && i + 1 < argc)
            run_path = argv[++i];
        else if (a == "--explain" && i + 1 < argc)
            explain = argv[++i];
        else if (a == "--train-on" && i + 1 < argc)
            train_paths.emplace_back(argv[++i]);
        else if (a == "--save-model" && i + 1 < argc)
            save_model = argv[++i];
        else if (a == "--engine-only")
            setenv("RENKEI_NO_SHIPPED_RANKER", "1", 1);
        else if (a == "--no-curated")
            setenv("RENKEI_NO_CURATED_SYNONYMS", "1", 1);  // read when the analyzer is first built
        else if (a == "-h" || a == "--help") {
            std::cout << "usage: bench/matching DATA.jsonl [--run RUN.jsonl] [--no-curated] [--explain NEED_ID] "
                         "[--train-on OTHER.jsonl]... [--save-model FILE] [--engine-only]\n";
            return 0;
        } else
            data_path = a;
    }
    if (data_path.empty()) {
        std::cerr << "usage: bench/matching DATA.jsonl [--run RUN.jsonl] [--no-curated] [--explain NEED_ID] "
                     "[--train-on OTHER.jsonl]... [--save-model FILE] [--engine-only]\n";
        return 2;
    }
    log::Init("warn");
    DataSet data;
    try {
        data = Read(data_path);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    const auto& needs = data.needs;
    const auto& seeds = data.seeds;
    auto& qrels = data.qrels;

    auto dir = std::filesystem::temp_directory_path() / ("renkei-bench-matching-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    int status = 0;
    try {
        std::optional<exchange::store::RankModelRow> model;
        if (!train_paths.empty()) model = TrainOn(dir, train_paths, now);
        if (!save_model.empty()) {
            if (!model) throw std::runtime_error("--save-model: no model was adopted (give --train-on)");
            std::ofstream(save_model) << model->model << "\n";
            std::printf("wrote the model to %s\n", save_model.c_str());
        }
        db::Database db("sqlite:" + (dir / "bench.db").string(), 2);
        auto t0 = std::chrono::steady_clock::now();
        Centre centre = Load(db, data, now);
        const auto& clinician = centre.clinician;
        const auto& need_ids = centre.need_ids;
        const auto& seed_by_renkei_id = centre.seed_by_renkei_id;
        if (model) {
            db::Tx tx(db, db::TxMode::kWrite);
            model->trained_by.reset();  // a person of the other centre
            exchange::store::InsertRankModel(tx, *model);
            tx.Commit();
        }
        auto t1 = std::chrono::steady_clock::now();
        long long docs = 0;
        {
            db::Tx tx(db, db::TxMode::kRead);
            docs = exchange::RebuildIndex(tx);  // what a starting server does
        }
        auto t2 = std::chrono::steady_clock::now();
        Run ours;
        std::vector<double> per_need_ms;
        {
            db::Tx tx(db, db::TxMode::kRead);
            for (const auto& n : needs) {
                auto q0 = std::chrono::steady_clock::now();
                auto ranked = exchange::RankSeedsForNeed(tx, clinician, need_ids.at(n.id), 50, now);
                per_need_ms.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - q0).count());
                auto& out = ours[n.id];
                for (const auto& rid : ranked) out.push_back(seed_by_renkei_id.at(rid));
                // A ranking has at least 10 seeds: seeds sharing nothing with the need follow in file order.
                for (size_t i = 0; out.size() < 10 && i < seeds.size(); ++i)
                    if (std::find(out.begin(), out.end(), seeds[i].id) == out.end()) out.push_back(seeds[i].id);
            }
        }
        auto baseline = Bm25Baseline(needs, seeds);

        std::vector<std::string> all, cross;
        std::map<std::string, std::string> seed_lang;
        for (const auto& s : seeds) seed_lang[s.id] = s.lang;
        for (const auto& n : needs) {
            all.push_back(n.id);
            for (auto& [sid, g] : qrels[n.id])
                if (g == 2 && seed_lang[sid] != n.lang) {
                    cross.push_back(n.id);
                    break;
                }
        }
        std::sort(per_need_ms.begin(), per_need_ms.end());
        std::printf(
            "%s\n  needs=%zu seeds=%zu qrels=%zu; loaded through the exchange service in %.0f ms, "
            "index of %lld documents built in %.0f ms, median ranking %.2f ms\n",
            data_path.c_str(), needs.size(), seeds.size(), qrels.size(),
            std::chrono::duration<double, std::milli>(t1 - t0).count(), docs,
            std::chrono::duration<double, std::milli>(t2 - t1).count(),
            per_need_ms.empty() ? 0.0 : per_need_ms[per_need_ms.size() / 2]);
        const char* nc = std::getenv("RENKEI_NO_CURATED_SYNONYMS");
        bool curated_off = nc && *nc && std::string_view(nc) != "0";
        const char* so = std::getenv("RENKEI_NO_SHIPPED_RANKER");
        bool shipped_off = so && *so && std::string_view(so) != "0";
        std::string ranker = model         ? "re-ranked by the model learnt with --train-on"
                             : shipped_off ? "the engine alone (--engine-only)"
                             : exchange::ShippedRankModel()
                                 ? "re-ranked by the shipped model (data/matching/ranker.json)"
                                 : "the engine alone (the shipped model did not load)";
        std::printf("BM25 baseline (FTS5 trigram) -> Renkei (MeCab + ICU + concepts + EDICT, BM25; %s)%s\n",
                    ranker.c_str(), curated_off ? ", curated list off (--no-curated)" : "");
        Print("all needs", Score(all, baseline, qrels), Score(all, ours, qrels));
        Print("cross-language grade-2", Score(cross, baseline, qrels), Score(cross, ours, qrels));
        auto b = Score(all, baseline, qrels), o = Score(all, ours, qrels);
        bool beats = o.ndcg > b.ndcg && o.recall > b.recall && o.mrr > b.mrr;
        std::printf("%s\n", beats ? "renkei beats the baseline on every figure"
                                  : "renkei does NOT beat the baseline on every figure");
        if (!explain.empty()) Explain(explain, needs, seeds, qrels, ours);
        if (!run_path.empty()) {
            std::ofstream out(run_path);
            for (const auto& n : needs) {
                json::array ranking;
                for (const auto& s : ours[n.id]) ranking.push_back(json::value(s));
                out << json::serialize(json::object{{"need", n.id}, {"ranking", ranking}}) << "\n";
            }
            std::printf("wrote %s\n", run_path.c_str());
        }
        status = beats ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "bench/matching: " << e.what() << "\n";
        status = 2;
    }
    std::filesystem::remove_all(dir);
    log::Shutdown();
    return status;
}
