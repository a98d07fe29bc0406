// Needs, seeds and profiles: who may post, see and change them, and the checks of their input.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "modules/exchange/internal.hpp"
#include "modules/exchange/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::exchange {
namespace {

constexpr size_t kMaxTextChars = 4000;

// The teaser as given, checked: kInvalid naming "teaser.<field>". A blank title_ja with nothing
// else removes the teaser.
Teaser CheckTeaser(const Teaser& in) {
    Teaser t{Trim(in.title_ja), Trim(in.title_en), Trim(in.body), Trim(in.area), Trim(in.kind)};
    if (t.title_ja.empty()) {
        if (!t.title_en.empty() || !t.body.empty() || !t.kind.empty())
            throw Invalid("teaser.title_ja", "a teaser needs a Japanese title");
        return Teaser{};
    }
    RequireText(t.title_ja, "teaser.title_ja", 120, true);
    RequireText(t.title_en, "teaser.title_en", 200, false);
    RequireText(t.body, "teaser.body", 600, false);
    RequireText(t.kind, "teaser.kind", 40, false);
    if (t.body.find("\n\n") != std::string::npos) throw Invalid("teaser.body", "a teaser is one paragraph");
    if (!t.area.empty() && !IsArea(t.area)) throw Invalid("teaser.area", "unknown area: " + t.area);
    return t;
}

void ApplyNeedInput(Need& n, const NeedInput& in) {
    RequireText(in.title, "title", 200, false);
    RequireText(in.problem, "problem", kMaxTextChars, false);
    RequireText(in.current_practice, "current_practice", kMaxTextChars, false);
    RequireText(in.patients, "patients", 1000, false);
    RequireText(in.desired_outcome, "desired_outcome", kMaxTextChars, false);
    if (in.title) n.title = Trim(*in.title);
    if (in.problem) n.problem = Trim(*in.problem);
    if (in.current_practice) n.current_practice = Trim(*in.current_practice);
    if (in.patients) n.patients = Trim(*in.patients);
    if (in.desired_outcome) n.desired_outcome = Trim(*in.desired_outcome);
    if (in.area) {
        if (!in.area->empty() && !IsArea(*in.area)) throw Invalid("area", "unknown area: " + *in.area);
        n.area = *in.area;
    }
    if (in.tags) n.tags = CleanList(*in.tags, "tags", 20);
    if (in.teaser) n.teaser = CheckTeaser(*in.teaser);
    if (in.confidential) {
        if (*in.confidential && !n.company_id)
            throw Invalid("confidential", "only a need of an organisation can be confidential");
        n.confidential = *in.confidential;
    }
    if (in.status) {
        auto status = FromText<NeedStatus>(*in.status);
        if (!status) throw Invalid("status", "status must be draft, open or closed");
        n.status = *status;
    }
    if (n.title.empty()) throw Invalid("title", "title is required");
    if (n.status != NeedStatus::kDraft && n.problem.empty())
        throw Invalid("problem", "describe the problem (or keep the need as a draft)");
}

void ApplySeedInput(Seed& s, const SeedInput& in) {
    RequireText(in.title, "title", 200, false);
    RequireText(in.description, "description", kMaxTextChars, false);
    if (in.title) s.title = Trim(*in.title);
    if (in.description) s.description = Trim(*in.description);
    if (in.kind) {
        auto kind = FromText<SeedKind>(*in.kind);
        if (!kind) throw Invalid("kind", "unknown kind: " + *in.kind);
        s.kind = *kind;
    }
    if (in.area) {
        if (!in.area->empty() && !IsArea(*in.area)) throw Invalid("area", "unknown area: " + *in.area);
        s.area = *in.area;
    }
    if (in.capabilities) s.capabilities = CleanList(*in.capabilities, "capabilities", 30);
    if (in.teaser) s.teaser = CheckTeaser(*in.teaser);
    if (in.status) {
        auto status = FromText<SeedStatus>(*in.status);
        if (!status) throw Invalid("status", "status must be draft, open or withdrawn");
        s.status = *status;
    }
    if (in.confidential) {
        if (*in.confidential && !s.company_id)
            throw Invalid("confidential", "only material of a company can be confidential");
        s.confidential = *in.confidential;
    }
    if (s.title.empty()) throw Invalid("title", "title is required");
    if (s.status == SeedStatus::kOpen && s.description.empty()) throw Invalid("description", "description is required");
}

}  // namespace

// ---- input checks ---------------------------------------------------------------------------------

void RequireText(const std::optional<std::string>& v, const char* field, size_t max, bool required) {
    if (required && (!v || Trim(*v).empty())) throw Invalid(field, std::string(field) + " is required");
    if (v && Utf8Length(*v) > max)
        throw Invalid(field, std::string(field) + " is too long (at most " + std::to_string(max) + " characters)");
    if (v && !CleanUtf8(*v, true)) throw Invalid(field, std::string(field) + " contains invalid characters");
}

std::vector<std::string> CleanList(const std::vector<std::string>& in, const char* field, size_t max_items) {
    std::vector<std::string> out;
    for (const auto& s : in) {
        std::string t = Trim(s);
        if (t.empty()) continue;
        if (Utf8Length(t) > 200) throw Invalid(field, std::string(field) + ": an entry is too long");
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    if (out.size() > max_items) throw Invalid(field, std::string(field) + ": too many entries");
    return out;
}

Seed LoadSeedFor(db::Tx& tx, const Viewer& v, const std::string& id) {
    auto s = store::FindSeed(tx, id);
    if (!s) throw NotFound("seed");
    switch (DisclosureFor(v, *s)) {
        case Disclosure::kFull:
            return *s;
        case Disclosure::kTeaser:
            return Redact(*s);
        case Disclosure::kNone:
            break;
    }
    throw NotFound("seed");
}

Need LoadNeedFor(db::Tx& tx, const Viewer& v, const std::string& id) {
    auto n = store::FindNeed(tx, id);
    if (!n) throw NotFound("need");
    switch (DisclosureFor(v, *n)) {
        case Disclosure::kFull:
            return *n;
        case Disclosure::kTeaser:
            return Redact(*n);
        case Disclosure::kNone:
            break;
    }
    throw NotFound("need");
}

// ---- needs, seeds, profiles ------------------------------------------------------------------------

Need CreateNeed(db::Tx& tx, const auth::Principal& me, const NeedInput& in, Seconds now) {
    if (!me.HasAnyRole({"clinician", "researcher", "office", "admin"}))
        throw Forbidden("only clinicians, researchers and the office post needs");
    Need n;
    n.id = NewId();
    n.author_id = me.person_id;
    if (auto author = people::FindPerson(tx, me.person_id)) n.organisation_id = author->organisation_id;
    n.company_id = EntityOf(tx, n.organisation_id);
    n.status = NeedStatus::kOpen;
    ApplyNeedInput(n, in);
    n.created_at = n.updated_at = now;
    store::InsertNeed(tx, n);
    store::SaveNeedConfidentiality(tx, n);
    store::SaveTeaser(tx, "need", n.id, n.teaser);
    LogChange(tx, "need", n.id, now);
    audit::Record(tx, me.person_id, "create", "need", n.id, nullptr, boost::json::value_from(n));
    NameAuthor(tx, n);
    return n;
}

Need UpdateNeed(db::Tx& tx, const auth::Principal& me, const std::string& id, const NeedInput& in, Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    Need before = LoadNeedFor(tx, v, id);
    if (before.teaser_only || (before.author_id != me.person_id && !IsOfficeStaff(me)))
        throw Forbidden("only the author or the office may change a need");
    Need n = before;
    if (!n.company_id) n.company_id = EntityOf(tx, n.organisation_id);
    ApplyNeedInput(n, in);
    n.updated_at = now;
    store::UpdateNeed(tx, n);
    store::SaveNeedConfidentiality(tx, n);
    store::SaveTeaser(tx, "need", n.id, n.teaser);
    LogChange(tx, "need", n.id, now);
    audit::Record(tx, me.person_id, "update", "need", n.id, boost::json::value_from(before),
                  boost::json::value_from(n));
    NameAuthor(tx, n);
    return n;
}

Need GetNeed(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now) {
    Need n = LoadNeedFor(tx, ViewerOf(tx, me, now), id);
    NameAuthor(tx, n);
    return n;
}

Seed CreateSeed(db::Tx& tx, const auth::Principal& me, const SeedInput& in, Seconds now) {
    if (!me.HasAnyRole({"researcher", "company_researcher", "clinician", "office", "admin"}))
        throw Forbidden("only researchers post seeds and themes");
    Seed s;
    s.id = NewId();
    s.author_id = me.person_id;
    if (auto author = people::FindPerson(tx, me.person_id)) s.organisation_id = author->organisation_id;
    s.company_id = CompanyOf(tx, s.organisation_id);
    s.status = SeedStatus::kOpen;
    ApplySeedInput(s, in);
    s.created_at = s.updated_at = now;
    store::InsertSeed(tx, s);
    store::SaveTeaser(tx, "seed", s.id, s.teaser);
    LogChange(tx, "seed", s.id, now);
    audit::Record(tx, me.person_id, "create", "seed", s.id, nullptr, boost::json::value_from(s));
    NameAuthor(tx, s);
    return s;
}

Seed UpdateSeed(db::Tx& tx, const auth::Principal& me, const std::string& id, const SeedInput& in, Seconds now) {
    Seed before = LoadSeedFor(tx, ViewerOf(tx, me, now), id);
    if (before.author_id != me.person_id) throw Forbidden("only the author may change a seed");
    Seed s = before;
    ApplySeedInput(s, in);
    s.updated_at = now;
    store::UpdateSeed(tx, s);
    store::SaveTeaser(tx, "seed", s.id, s.teaser);
    LogChange(tx, "seed", s.id, now);
    audit::Record(tx, me.person_id, "update", "seed", s.id, boost::json::value_from(before),
                  boost::json::value_from(s));
    NameAuthor(tx, s);
    return s;
}

Seed GetSeed(db::Tx& tx, const auth::Principal& me, const std::string& id, Seconds now) {
    Seed s = LoadSeedFor(tx, ViewerOf(tx, me, now), id);
    NameAuthor(tx, s);
    return s;
}

Profile GetProfile(db::Tx& tx, const std::string& person_id) {
    auto person = people::GetPerson(tx, person_id);  // kNotFound for an unknown person
    Profile p = store::FindProfile(tx, person_id).value_or(Profile{person_id, "", {}, person.updated_at});
    p.name_ja = person.name_ja;
    p.name_en = person.name_en;
    p.organisation_id = person.organisation_id;
    p.roles = person.roles;
    return p;
}

Profile SaveProfile(db::Tx& tx, const auth::Principal& me, const std::string& person_id, const std::string& expertise,
                    const std::vector<std::string>& keywords, Seconds now) {
    if (person_id != me.person_id && !IsOffice(me))
        throw Forbidden("only the person or the office may change a profile");
    Profile before = GetProfile(tx, person_id);
    RequireText(expertise, "expertise", kMaxTextChars, false);
    Profile p = before;
    p.expertise = Trim(expertise);
    p.keywords = CleanList(keywords, "keywords", 30);
    p.updated_at = now;
    store::UpsertProfile(tx, p);
    LogChange(tx, "profile", person_id, now);
    audit::Record(tx, me.person_id, "update", "profile", person_id, boost::json::value_from(before),
                  boost::json::value_from(p));
    return p;
}

std::optional<ItemRef> VisibleItem(db::Tx& tx, const auth::Principal& me, const std::string& type,
                                   const std::string& id, Seconds now) {
    try {
        if (type == "need") {
            Need n = GetNeed(tx, me, id, now);
            return ItemRef{"need",      n.id,           n.title,      std::string(Text(n.status)),
                           n.author_id, n.confidential, n.teaser_only};
        }
        if (type == "seed") {
            Seed x = GetSeed(tx, me, id, now);
            return ItemRef{"seed",      x.id,           x.title,      std::string(Text(x.status)),
                           x.author_id, x.confidential, x.teaser_only};
        }
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kNotFound && e.code() != ErrorCode::kForbidden) throw;
    }
    return std::nullopt;
}

}  // namespace renkei::exchange
