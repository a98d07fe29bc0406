// Registrations for events: members and guests, the waiting list, cancellation, check-in and
// the list the office exports.
#include "modules/building/internal.hpp"
#include "modules/building/service.hpp"
#include "modules/building/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::building {
namespace {

Registration AddRegistration(db::Tx& tx, const Event& e, Registration r, const std::optional<std::string>& actor,
                             Seconds now) {
    if (e.status != EventStatus::kPublished) throw Error{ErrorCode::kConflict, "event_id", "the event is cancelled"};
    if (e.end <= now) throw Error{ErrorCode::kConflict, "event_id", "the event is over"};
    auto counts = store::CountRegistrations(tx);
    int registered = counts.count(e.id) ? counts[e.id].registered : 0;
    int waitlisted = counts.count(e.id) ? counts[e.id].waitlisted : 0;
    auto status =
        registered < e.capacity && waitlisted == 0 ? RegistrationStatus::kRegistered : RegistrationStatus::kWaitlisted;
    auto existing = store::FindRegistrationByEmailKey(tx, e.id, r.email_key);
    if (existing && existing->status != RegistrationStatus::kCancelled)
        throw Error{ErrorCode::kConflict, "email", "already registered for this event"};
    if (existing) {
        auto before = AuditView(*existing);
        existing->name = r.name;
        existing->affiliation = r.affiliation;
        existing->status = status;
        existing->seq = store::NextRegistrationSeq(tx, e.id);
        existing->checked_in_at.reset();
        existing->updated_at = now;
        store::UpdateRegistration(tx, *existing);
        audit::Record(tx, actor, "register", "event_registration", existing->id, before, AuditView(*existing));
        r = *existing;
    } else {
        r.id = NewId();
        r.event_id = e.id;
        r.status = status;
        r.seq = store::NextRegistrationSeq(tx, e.id);
        r.created_at = r.updated_at = now;
        store::InsertRegistration(tx, r);
        audit::Record(tx, actor, "register", "event_registration", r.id, nullptr, AuditView(r));
    }
    if (r.status == RegistrationStatus::kWaitlisted) r.waitlist_position = waitlisted + 1;
    return r;
}

Registration RequireGuestRegistration(db::Tx& tx, const Event& e, const std::string& token) {
    if (token.empty() || token.size() > 100) throw NotFound("registration");
    auto r = store::FindRegistrationByToken(tx, e.id, TokenHash(token));
    if (!r || r->person_id) throw NotFound("registration");
    if (r->status == RegistrationStatus::kWaitlisted) r->waitlist_position = store::WaitlistPosition(tx, e.id, r->seq);
    return *r;
}

// The registration's state in the office's CSV export.
const char* CsvStatus(RegistrationStatus status) {
    switch (status) {
        case RegistrationStatus::kRegistered:
            return "参加";
        case RegistrationStatus::kWaitlisted:
            return "キャンセル待ち";
        case RegistrationStatus::kCancelled:
            return "取消";
    }
    return "";
}

}  // namespace

Registration RegisterMember(db::Tx& tx, const Me& me, const std::string& event_id, Seconds now) {
    store::LockEvent(tx, event_id);
    Event e = RequireEvent(tx, event_id);
    auto person = people::GetPerson(tx, me.person_id);
    Registration r;
    r.person_id = me.person_id;
    r.name = person.name_ja;
    r.affiliation = person.organisation ? person.organisation->name_ja : "";
    r.email = person.email;
    r.email_key = people::EmailKey(person.email);
    r = AddRegistration(tx, e, r, me.person_id, now);
    MailRegistration(tx, e, r, now);
    return r;
}

Registration RegisterGuest(db::Tx& tx, const std::string& event_id, const GuestRegistration& guest, Seconds now) {
    store::LockEvent(tx, event_id);
    Event e = RequireEvent(tx, event_id);
    if (!e.open_to_public || e.status != EventStatus::kPublished) throw NotFound("event");
    if (guest.name.empty()) throw Invalid("name", "name is required");
    if (!people::LooksLikeEmail(guest.email)) throw Invalid("email", "email is not a valid address");
    Registration r;
    r.name = guest.name;
    r.affiliation = guest.affiliation;
    r.email = Trim(guest.email);
    r.email_key = people::EmailKey(guest.email);
    r = AddRegistration(tx, e, r, std::nullopt, now);
    r.cancel_token = NewToken();
    store::SetRegistrationToken(tx, r.id, TokenHash(r.cancel_token));
    MailRegistration(tx, e, r, now);
    return r;
}

Registration GuestRegistrationByToken(db::Tx& tx, const std::string& event_id, const std::string& token) {
    return RequireGuestRegistration(tx, RequireEvent(tx, event_id), token);
}

Registration CancelGuestRegistration(db::Tx& tx, const std::string& event_id, const std::string& token, Seconds now) {
    store::LockEvent(tx, event_id);
    Event e = RequireEvent(tx, event_id);
    auto r = RequireGuestRegistration(tx, e, token);
    if (r.status == RegistrationStatus::kCancelled)
        throw Error{ErrorCode::kConflict, "token", "the registration is already cancelled"};
    auto before = AuditView(r);
    r.status = RegistrationStatus::kCancelled;
    r.waitlist_position = 0;
    r.updated_at = now;
    store::UpdateRegistration(tx, r);
    audit::Record(tx, std::nullopt, "cancel", "event_registration", r.id, before, AuditView(r));
    if (e.status == EventStatus::kPublished) PromoteFromWaitlist(tx, e, now);
    return r;
}

Registration CancelRegistration(db::Tx& tx, const Me& me, const std::string& event_id,
                                const std::string& registration_id, Seconds now) {
    store::LockEvent(tx, event_id);
    Event e = RequireEvent(tx, event_id);
    auto r = LooksLikeId(registration_id) ? store::FindRegistration(tx, registration_id) : std::nullopt;
    if (!r || r->event_id != e.id) throw NotFound("registration");
    if (r->person_id != me.person_id && !CanManageEvent(me, e)) throw NotFound("registration");
    if (r->status == RegistrationStatus::kCancelled)
        throw Error{ErrorCode::kConflict, "id", "the registration is already cancelled"};
    auto before = AuditView(*r);
    r->status = RegistrationStatus::kCancelled;
    r->updated_at = now;
    store::UpdateRegistration(tx, *r);
    audit::Record(tx, me.person_id, "cancel", "event_registration", r->id, before, AuditView(*r));
    if (e.status == EventStatus::kPublished) PromoteFromWaitlist(tx, e, now);
    return *r;
}

Registration CheckIn(db::Tx& tx, const Me& me, const std::string& event_id, const std::string& registration_id,
                     bool present, Seconds now) {
    Event e = RequireEvent(tx, event_id);
    if (!CanManageEvent(me, e)) throw Forbidden("only the office checks attendees in");
    auto r = LooksLikeId(registration_id) ? store::FindRegistration(tx, registration_id) : std::nullopt;
    if (!r || r->event_id != e.id) throw NotFound("registration");
    if (r->status != RegistrationStatus::kRegistered)
        throw Error{ErrorCode::kConflict, "id",
                    "only registered attendees can be checked in (this one is " + std::string(Text(r->status)) + ")"};
    auto before = AuditView(*r);
    if (present && !r->checked_in_at) r->checked_in_at = now;
    if (!present) r->checked_in_at.reset();
    r->updated_at = now;
    store::UpdateRegistration(tx, *r);
    audit::Record(tx, me.person_id, present ? "check_in" : "undo_check_in", "event_registration", r->id, before,
                  AuditView(*r));
    return *r;
}

std::vector<Registration> ListRegistrations(db::Tx& tx, const Me& me, const std::string& event_id) {
    Event e = RequireEvent(tx, event_id);
    if (!CanManageEvent(me, e)) throw Forbidden("only the office sees who registered");
    return store::ListRegistrations(tx, e.id);
}

office::Table RegistrationsExport(db::Tx& tx, const Me& me, const std::string& event_id, const std::string& language) {
    auto registrations = ListRegistrations(tx, me, event_id);
    Event e = RequireEvent(tx, event_id);
    bool en = language == "en";
    std::string event_title = en && !e.title_en.empty() ? e.title_en : e.title_ja;
    std::string start = FormatTokyo(e.start).substr(0, 16);
    start[10] = ' ';
    office::Table t{.sheet = en ? "Registrations" : "参加登録",
                    .title = (en ? "Registrations: " : "参加登録：") + event_title,
                    .lines = {start},
                    .head = en ? std::vector<std::string>{"Name", "Affiliation", "E-mail", "Kind", "Status",
                                                          "Waitlist position", "Checked in", "Registered at"}
                               : std::vector<std::string>{"氏名", "所属", "メールアドレス", "区分", "状態",
                                                          "キャンセル待ち順", "受付(チェックイン)", "登録日時"},
                    .widths = {20, 28, 30, 8, 14, 10, 18, 18},
                    .numbers = {5}};
    for (const auto& r : registrations) {
        std::string checked = r.checked_in_at ? FormatTokyo(*r.checked_in_at).substr(0, 16) : "";
        if (!checked.empty()) checked[10] = ' ';
        std::string created = FormatTokyo(r.created_at).substr(0, 16);
        created[10] = ' ';
        std::string kind = r.person_id ? (en ? "member" : "会員") : (en ? "guest" : "ゲスト");
        t.Row({r.name, r.affiliation, r.email, kind, en ? std::string(Text(r.status)) : CsvStatus(r.status),
               r.waitlist_position ? std::to_string(r.waitlist_position) : "", checked, created});
    }
    return t;
}

}  // namespace renkei::building
