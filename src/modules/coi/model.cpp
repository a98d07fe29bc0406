#include "modules/coi/model.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "platform/error.hpp"

namespace renkei::coi {
namespace {

template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

bool IsCompanyKind(const std::string& kind) { return kind == "company" || kind == "division"; }

}  // namespace

bool IsCategory(std::string_view s) { return In(kCategories, s); }
bool IsRule(std::string_view s) { return In(kRules, s); }

const DecisionText& TextOf(Decision d) { return EntryOf(d); }
std::string_view ToText(Decision d) { return Text(d); }
std::optional<Decision> DecisionFromText(std::string_view text) { return FromText<Decision>(text); }

std::string_view ToText(CaseStatus s) { return Text(s); }
std::optional<CaseStatus> CaseStatusFromText(std::string_view text) { return FromText<CaseStatus>(text); }

std::vector<Threshold> Complete(const std::vector<Threshold>& stored) {
    std::vector<Threshold> out;
    for (auto c : kCategories) {
        auto it = std::find_if(stored.begin(), stored.end(), [&](const Threshold& t) { return t.category == c; });
        if (it != stored.end())
            out.push_back(*it);
        else
            out.push_back({std::string(c), "off", 0});
    }
    return out;
}

void CheckThreshold(const Threshold& t) {
    if (!IsCategory(t.category)) throw Invalid("thresholds", "unknown category: " + t.category);
    if (!IsRule(t.rule)) throw Invalid("thresholds", "rule must be amount, any or off");
    if (t.amount_yen < 0 || t.amount_yen > kMaxAmountYen) throw Invalid("thresholds", "amount_yen is out of range");
    if (t.rule == "amount" && t.amount_yen <= 0)
        throw Invalid("thresholds",
                      "an amount threshold needs a positive amount_yen (use the rule any for every amount)");
}

std::string GroupRoot(const OrgTree& tree, const std::string& id) {
    std::string root = id;
    std::set<std::string> seen{id};
    for (;;) {
        auto it = tree.find(root);
        if (it == tree.end() || !it->second.parent_id) return root;
        auto parent = tree.find(*it->second.parent_id);
        if (parent == tree.end() || !IsCompanyKind(parent->second.kind)) return root;
        // A division above which there is no company is its own root; a company stops at the
        // topmost company (or division of one) above it.
        if (!seen.insert(parent->first).second) return root;  // a cycle (should not exist)
        root = parent->first;
    }
}

std::set<std::string> GroupOf(const OrgTree& tree, const std::string& id) {
    std::string root = GroupRoot(tree, id);
    std::map<std::string, std::vector<std::string>> children;
    for (const auto& [oid, node] : tree)
        if (node.parent_id) children[*node.parent_id].push_back(oid);
    std::set<std::string> out{root};
    std::vector<std::string> todo{root};
    while (!todo.empty()) {
        auto cur = todo.back();
        todo.pop_back();
        for (const auto& c : children[cur])
            if (out.insert(c).second) todo.push_back(c);
    }
    return out;
}

std::vector<Crossing> Evaluate(const std::vector<Relationship>& relationships, const std::vector<Threshold>& thresholds,
                               const std::set<std::string>& group) {
    auto all = Complete(thresholds);
    std::vector<Crossing> out;
    for (const auto& t : all) {
        Crossing c{t.category, t.rule, 0, t.rule == "amount" ? t.amount_yen : 0, 0, false};
        for (const auto& r : relationships) {
            const auto& org = r.CountsFor();
            if (r.category != t.category || !org || !group.count(*org)) continue;
            ++c.relationships;
            c.total_yen += std::max(0LL, r.amount_yen);
        }
        if (c.relationships == 0) continue;
        if (t.rule == "any")
            c.crossed = true;
        else if (t.rule == "amount")
            c.crossed = c.total_yen >= t.amount_yen;
        out.push_back(c);
    }
    return out;
}

bool AnyCrossed(const std::vector<Crossing>& crossings) {
    return std::any_of(crossings.begin(), crossings.end(), [](const Crossing& c) { return c.crossed; });
}

std::string Fingerprint(const std::vector<Crossing>& crossings) {
    std::string out;
    for (const auto& c : crossings) {
        if (!c.crossed) continue;
        if (!out.empty()) out += ";";
        out += c.category + "=" + std::to_string(c.total_yen);
    }
    return out;
}

bool MustDeclare(const std::vector<std::string>& roles, bool member_of_active_project) {
    auto has = [&](std::string_view r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
    if (has("clinician") || has("researcher")) return true;
    if (has("company_researcher")) return false;
    return member_of_active_project;
}

bool MayReadDeclaration(const std::string& owner_id, const std::string& reader_id, bool is_office,
                        bool is_coi_committee) {
    return owner_id == reader_id || is_office || is_coi_committee;
}

// ---- JSON ----

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Threshold& t) {
    jv = {{"category", t.category}, {"rule", t.rule}, {"amount_yen", t.amount_yen}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Relationship& r) {
    boost::json::object o{{"id", r.id},
                          {"company_name", r.company_name},
                          {"category", r.category},
                          {"amount_yen", r.amount_yen},
                          {"note", r.note},
                          {"organisation_name_ja", r.organisation_name_ja},
                          {"organisation_name_en", r.organisation_name_en}};
    o["organisation_id"] = r.organisation_id ? boost::json::value(*r.organisation_id) : boost::json::value(nullptr);
    if (r.resolved_organisation_id && !r.organisation_id)
        o["resolved_organisation"] = {
            {"id", *r.resolved_organisation_id}, {"name_ja", r.resolved_name_ja}, {"name_en", r.resolved_name_en}};
    else
        o["resolved_organisation"] = nullptr;
    jv = std::move(o);
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Crossing& c) {
    jv = {{"category", c.category},           {"rule", c.rule},
          {"total_yen", c.total_yen},         {"threshold_yen", c.threshold_yen},
          {"relationships", c.relationships}, {"crossed", c.crossed}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const PersonRef& p) {
    jv = {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Declaration& d) {
    jv = {{"id", d.id},
          {"person", boost::json::value_from(d.person)},
          {"fiscal_year", d.fiscal_year},
          {"nothing_to_declare", d.nothing_to_declare},
          {"filed_at", FormatUtc(d.filed_at)},
          {"updated_at", FormatUtc(d.updated_at)},
          {"relationships", boost::json::value_from(d.relationships)}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Case& c) {
    boost::json::object o{
        {"id", c.id},
        {"project", {{"id", c.project_id}, {"title_ja", c.project_title_ja}, {"title_en", c.project_title_en}}},
        {"person", boost::json::value_from(c.person)},
        {"organisation",
         {{"id", c.organisation_id}, {"name_ja", c.organisation_name_ja}, {"name_en", c.organisation_name_en}}},
        {"fiscal_year", c.fiscal_year},
        {"status", ToText(c.status)},
        {"findings", c.findings},
        {"measures", c.measures},
        {"created_at", FormatUtc(c.created_at)},
        {"updated_at", FormatUtc(c.updated_at)}};
    o["decision"] = c.decision ? boost::json::value(ToText(*c.decision)) : boost::json::value(nullptr);
    o["decided_by"] = c.decided_by ? boost::json::value_from(*c.decided_by) : boost::json::value(nullptr);
    o["decided_at"] = c.decided_at ? boost::json::value(FormatUtc(*c.decided_at)) : boost::json::value(nullptr);
    jv = std::move(o);
}

}  // namespace renkei::coi
