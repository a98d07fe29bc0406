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

Disclosure DisclosureFor(const Viewer& v, const ItemFacts& item) {
    if (!v.person_id.empty() && item.author_id == v.person_id) return Disclosure::kFull;
    if (item.draft) return item.need && v.office ? Disclosure::kFull : Disclosure::kNone;
    if (!item.open) return Disclosure::kNone;
    if (!item.confidential) return Disclosure::kFull;
    if (v.office && item.need) return Disclosure::kFull;  // who completes needs; a seed is a company's
    if (item.company && v.companies.count(*item.company) > 0) return Disclosure::kFull;
    if (!item.key.empty() && v.items.count(item.key) > 0) return Disclosure::kFull;
    return item.has_teaser ? Disclosure::kTeaser : Disclosure::kNone;
}

ItemFacts FactsOf(const Need& n) {
    return ItemFacts{
        n.author_id,       true,          n.status == NeedStatus::kDraft, true, n.confidential, n.company_id,
        !n.teaser.Empty(), "need:" + n.id};
}

ItemFacts FactsOf(const Seed& s) {
    return ItemFacts{
        s.author_id,   s.status == SeedStatus::kOpen, false, false, s.confidential, s.company_id, !s.teaser.Empty(),
        "seed:" + s.id};
}

Disclosure DisclosureFor(const Viewer& v, const Need& n) { return DisclosureFor(v, FactsOf(n)); }
Disclosure DisclosureFor(const Viewer& v, const Seed& s) { return DisclosureFor(v, FactsOf(s)); }

bool CanSeeSeed(const Viewer& v, const Seed& s) { return DisclosureFor(v, s) != Disclosure::kNone; }
bool CanSeeNeed(const Viewer& v, const Need& n) { return DisclosureFor(v, n) != Disclosure::kNone; }

Need Redact(Need n) {
    Need r;
    r.id = std::move(n.id);
    r.author_id = std::move(n.author_id);  // kept for the service's rules (own items); never in teaser JSON
    r.company_id = n.company_id;
    r.confidential = true;
    r.teaser = n.teaser;
    r.teaser_only = true;
    r.title = n.teaser.title_ja;
    r.problem = n.teaser.body;
    r.area = n.teaser.area;
    r.status = n.status;
    r.created_at = n.created_at;
    r.updated_at = n.updated_at;
    return r;
}

Seed Redact(Seed s) {
    Seed r;
    r.id = std::move(s.id);
    r.author_id = std::move(s.author_id);
    r.company_id = s.company_id;
    r.confidential = true;
    r.teaser = s.teaser;
    r.teaser_only = true;
    r.title = s.teaser.title_ja;
    r.description = s.teaser.body;
    r.area = s.teaser.area;
    r.kind = s.kind;
    r.status = s.status;
    r.created_at = s.created_at;
    r.updated_at = s.updated_at;
    return r;
}

std::string TeaserText(const Teaser& t) { return t.title_ja + "\n" + t.title_en + "\n" + t.body; }

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

namespace {

boost::json::object TeaserJson(const Teaser& t) {
    return boost::json::object{
        {"title_ja", t.title_ja}, {"title_en", t.title_en}, {"body", t.body}, {"area", t.area}, {"kind", t.kind}};
}

// What a viewer entitled only to the teaser receives: the teaser and the fields that say what
// the item is, nothing drawn from the hidden text, not even the author.
boost::json::object TeaserOnlyJson(const char* type, const std::string& id, const Teaser& t,
                                   const std::optional<std::string>& company_id, std::string_view status,
                                   Seconds created_at, Seconds updated_at) {
    return boost::json::object{{"id", id},
                               {"type", type},
                               {"disclosure", "teaser"},
                               {"confidential", true},
                               {"company_id", OptionalString(company_id)},
                               {"teaser", TeaserJson(t)},
                               {"title", t.title_ja},
                               {"area", t.area},
                               {"status", status},
                               {"created_at", FormatUtc(created_at)},
                               {"updated_at", FormatUtc(updated_at)}};
}

}  // namespace

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Need& n) {
    if (n.teaser_only) {
        jv = TeaserOnlyJson("need", n.id, n.teaser, n.company_id, Text(n.status), n.created_at, n.updated_at);
        return;
    }
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
        {"confidential", n.confidential},
        {"company_id", OptionalString(n.company_id)},
        {"teaser", n.teaser.Empty() ? boost::json::value(nullptr) : boost::json::value(TeaserJson(n.teaser))},
        {"disclosure", "full"},
        {"status", Text(n.status)},
        {"created_at", FormatUtc(n.created_at)},
        {"updated_at", FormatUtc(n.updated_at)}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Seed& s) {
    if (s.teaser_only) {
        jv = TeaserOnlyJson("seed", s.id, s.teaser, s.company_id, Text(s.status), s.created_at, s.updated_at);
        return;
    }
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
        {"teaser", s.teaser.Empty() ? boost::json::value(nullptr) : boost::json::value(TeaserJson(s.teaser))},
        {"disclosure", "full"},
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

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Judgment& j) {
    jv = boost::json::object{{"need_id", j.need_id},
                             {"seed_id", j.seed_id},
                             {"relevant", j.relevant},
                             {"judged_by", j.judged_by},
                             {"judged_by_name_ja", j.judged_by_name_ja},
                             {"judged_by_name_en", j.judged_by_name_en},
                             {"judged_at", FormatUtc(j.judged_at)}};
}

}  // namespace renkei::exchange
