#include "modules/exchange/model.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <sstream>
#include <unordered_set>

#include "platform/text/normalize.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::exchange {

extern const char* const kGenericWords;  // data/matching/generic_words.txt, compiled in

namespace {

const std::unordered_set<std::string>& GenericWords() {
    static const std::unordered_set<std::string> words = [] {
        std::unordered_set<std::string> out;
        std::istringstream in(kGenericWords);
        std::string line;
        while (std::getline(in, line)) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            if (line.empty() || line[0] == '#') continue;
            out.insert(text::SearchKey(line));
        }
        return out;
    }();
    return words;
}

// Code points of UTF-8 text that is known to be valid (the analyzer's labels are NFKC output).
std::vector<char32_t> Decode(std::string_view s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) out.push_back(text::NextCodePoint(s, i));
    return out;
}

bool Hiragana(char32_t c) { return c >= 0x3041 && c <= 0x309F; }
bool Kanji(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005; }

}  // namespace

bool IsReasonLabel(std::string_view label) {
    std::string normal = text::Normalize(label);
    auto cps = Decode(normal);
    if (cps.size() < 2) return false;
    if (std::all_of(cps.begin(), cps.end(), [](char32_t c) { return c >= '0' && c <= '9'; })) return false;
    bool all_hiragana = std::all_of(cps.begin(), cps.end(), Hiragana);
    if (all_hiragana && cps.size() < 3) return false;
    // A kanji stem with its okurigana is an inflected verb or adjective (貼り, 多い, 少なく),
    // never a thing two texts share.
    if (Hiragana(cps.back()) && std::any_of(cps.begin(), cps.end(), Kanji)) return false;
    return GenericWords().count(text::SearchKey(label)) == 0;
}
namespace {

boost::json::value OptionalTime(const std::optional<Seconds>& t) {
    if (!t) return nullptr;
    return boost::json::value(FormatUtc(*t));
}

boost::json::value OptionalString(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return boost::json::value(*s);
}

}  // namespace

bool IsArea(std::string_view v) { return std::find(kAreas.begin(), kAreas.end(), v) != kAreas.end(); }

bool CanSeeSeed(const Viewer& v, const Seed& s) {
    if (s.author_id == v.person_id) return true;
    if (s.status != SeedStatus::kOpen) return false;
    if (!s.confidential) return true;
    return s.company_id && v.companies.count(*s.company_id) > 0;
}

bool CanSeeNeed(const Viewer& v, const Need& n) {
    if (n.author_id == v.person_id) return true;
    if (n.status == NeedStatus::kDraft) return v.office;
    return true;
}

std::vector<Seconds> ProposedMeetingSlots(Seconds from, int count) {
    using namespace std::chrono;
    std::vector<Seconds> out;
    auto local_day = TokyoDays(from);
    for (int i = 1; static_cast<int>(out.size()) < count && i < 30; ++i) {
        auto day = local_day + days{i};
        weekday wd{day};
        if (wd == Saturday || wd == Sunday) continue;
        int hour = out.size() % 2 == 0 ? 10 : 15;
        out.push_back(FromTokyo(Date{day}, hour * 60));
    }
    return out;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Need& n) {
    boost::json::array tags;
    for (const auto& t : n.tags) tags.push_back(boost::json::value(t));
    jv = boost::json::object{
        {"id", n.id},
        {"type", "need"},
        {"author",
         boost::json::object{{"id", n.author_id}, {"name_ja", n.author_name_ja}, {"name_en", n.author_name_en}}},
        {"organisation_id", OptionalString(n.organisation_id)},
        {"title", n.title},
        {"problem", n.problem},
        {"current_practice", n.current_practice},
        {"patients", n.patients},
        {"desired_outcome", n.desired_outcome},
        {"area", n.area},
        {"tags", tags},
        {"status", Text(n.status)},
        {"created_at", FormatUtc(n.created_at)},
        {"updated_at", FormatUtc(n.updated_at)}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Seed& s) {
    boost::json::array caps;
    for (const auto& c : s.capabilities) caps.push_back(boost::json::value(c));
    jv = boost::json::object{
        {"id", s.id},
        {"type", "seed"},
        {"author",
         boost::json::object{{"id", s.author_id}, {"name_ja", s.author_name_ja}, {"name_en", s.author_name_en}}},
        {"organisation_id", OptionalString(s.organisation_id)},
        {"company_id", OptionalString(s.company_id)},
        {"kind", Text(s.kind)},
        {"title", s.title},
        {"description", s.description},
        {"capabilities", caps},
        {"area", s.area},
        {"confidential", s.confidential},
        {"status", Text(s.status)},
        {"created_at", FormatUtc(s.created_at)},
        {"updated_at", FormatUtc(s.updated_at)}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Profile& p) {
    boost::json::array kw, roles;
    for (const auto& k : p.keywords) kw.push_back(boost::json::value(k));
    for (const auto& r : p.roles) roles.push_back(boost::json::value(r));
    jv = boost::json::object{{"person_id", p.person_id},
                             {"type", "profile"},
                             {"name_ja", p.name_ja},
                             {"name_en", p.name_en},
                             {"organisation_id", OptionalString(p.organisation_id)},
                             {"roles", roles},
                             {"expertise", p.expertise},
                             {"keywords", kw},
                             {"updated_at", FormatUtc(p.updated_at)}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Grant& g) {
    jv = boost::json::object{{"id", g.id},
                             {"person_id", g.person_id},
                             {"company_id", g.company_id},
                             {"starts_at", FormatUtc(g.starts_at)},
                             {"ends_at", FormatUtc(g.ends_at)},
                             {"note", g.note},
                             {"created_by", OptionalString(g.created_by)},
                             {"created_at", FormatUtc(g.created_at)},
                             {"revoked_at", OptionalTime(g.revoked_at)},
                             {"active", g.active}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Introduction& i) {
    jv = boost::json::object{
        {"id", i.id},
        {"requester_id", i.requester_id},
        {"owner_id", i.owner_id},
        {"item_type", i.item_type},
        {"item_id", i.item_id},
        {"item_title", i.item_title},
        {"via_type", i.via_type.empty() ? boost::json::value(nullptr) : boost::json::value(i.via_type)},
        {"via_id", i.via_id.empty() ? boost::json::value(nullptr) : boost::json::value(i.via_id)},
        {"message", i.message},
        {"status", Text(i.status)},
        {"decided_by", OptionalString(i.decided_by)},
        {"decided_at", OptionalTime(i.decided_at)},
        {"meeting_at", OptionalTime(i.meeting_at)},
        {"outcome", i.outcome ? boost::json::value(Text(*i.outcome)) : boost::json::value(nullptr)},
        {"outcome_note", i.outcome_note},
        {"outcome_at", OptionalTime(i.outcome_at)},
        {"project_id", OptionalString(i.project_id)},
        {"booking_id", OptionalString(i.booking_id)},
        {"created_at", FormatUtc(i.created_at)},
        {"updated_at", FormatUtc(i.updated_at)}};
}

}  // namespace renkei::exchange
