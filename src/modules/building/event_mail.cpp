// The messages of events (issue 17): a registration received (with a guest's cancellation link),
// a place freed on the waiting list, an event cancelled. Guests have no account and no language
// on record, so their messages are in Japanese and English; members get theirs in their language.
#include <cstdio>

#include "modules/building/internal.hpp"
#include "modules/mail/service.hpp"
#include "modules/people/service.hpp"

namespace renkei::building {
namespace {

std::string Url(const std::string& path) {
    std::string base = mail::Installed().public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + path;
}

// "2026-12-10 14:00–16:00" in Tokyo.
std::string When(const Event& e) {
    auto hm = [](Seconds t) {
        int m = TokyoMinuteOfDay(t);
        char out[8];
        std::snprintf(out, sizeof out, "%02d:%02d", (m / 60) % 24, m % 60);
        return std::string(out);
    };
    return TokyoDate(e.start) + " " + hm(e.start) + "–" + hm(e.end) + " (JST)";
}

std::string TitleIn(const Event& e, bool en) { return en && !e.title_en.empty() ? e.title_en : e.title_ja; }

struct Words {
    std::string subject_ja, subject_en, body_ja, body_en;
};

// One message to whoever registered: in the member's language, or in both for a guest.
void Send(db::Tx& tx, const Event& e, const Registration& r, const char* kind, const Words& w,
          const std::string& guest_link, Seconds now) {
    mail::Letter l;
    std::string language = "ja";
    if (r.person_id) {
        auto p = people::FindPerson(tx, *r.person_id);
        if (!p || !p->active) return;
        language = p->language;
        const bool en = language == "en";
        l.subject = (en ? "Renkei: " + w.subject_en : "【Renkei】" + w.subject_ja) + " — " + TitleIn(e, en);
        l.greeting = en ? "Dear " + (p->name_en.empty() ? p->name_ja : p->name_en) + "," : p->name_ja + " 様";
        l.paragraphs = {en ? w.body_en : w.body_ja, TitleIn(e, en) + "\n" + When(e)};
        l.link_label = en ? "Open the event in Renkei" : "Renkei でイベントを開く";
        l.link_url = Url("/events");
        l.footer = mail::PreferencesFooter(language, Url("/account#mail"));
    } else {
        l.subject = "【Renkei】" + w.subject_ja + " / " + w.subject_en + " — " + e.title_ja;
        l.greeting = r.name + " 様 / Dear " + r.name + ",";
        l.paragraphs = {w.body_ja, w.body_en,
                        e.title_ja + (e.title_en.empty() ? "" : " / " + e.title_en) + "\n" + When(e)};
        l.link_label = "登録の確認・キャンセル / See or cancel your registration";
        l.link_url = guest_link.empty() ? Url("/public/events/" + e.id) : guest_link;
    }
    if (!mail::LooksLikeAddress(r.email)) return;
    mail::Enqueue(tx, {r.person_id, r.email, kind, language, mail::Render(l)}, now);
}

}  // namespace

void MailRegistration(db::Tx& tx, const Event& e, const Registration& r, Seconds now) {
    const bool waiting = r.status == RegistrationStatus::kWaitlisted;
    Words w =
        waiting
            ? Words{"キャンセル待ちで受け付けました", "You are on the waiting list",
                    "定員に達しているため、キャンセル待ち（" + std::to_string(r.waitlist_position) +
                        " 番目）で受け付けました。空きが出たらメールでお知らせします。",
                    "The event is full, so you are number " + std::to_string(r.waitlist_position) +
                        " on the waiting list. We will mail you when a place frees up."}
            : Words{"参加登録を受け付けました", "Your registration is confirmed",
                    "参加登録を受け付けました。当日お待ちしています。参加できなくなった場合はキャンセルしてください。",
                    "Your place is confirmed. If you cannot come, please cancel so someone else can."};
    std::string link = r.cancel_token.empty() ? "" : Url("/public/events/" + e.id + "?registration=" + r.cancel_token);
    Send(tx, e, r, waiting ? "event.waitlisted" : "event.registered", w, link, now);
}

void MailPromotion(db::Tx& tx, const Event& e, const Registration& r, Seconds now) {
    Send(tx, e, r, "event.promoted",
         {"キャンセル待ちから参加確定になりました", "A place freed up: you are registered",
          "空きが出たため、参加が確定しました。参加できない場合は、登録時のメールのリンクからキャンセルしてください。",
          "A place freed up and your registration is confirmed. If you cannot come, cancel with the link in your "
          "registration message."},
         "", now);
}

void MailEventCancelled(db::Tx& tx, const Event& e, const Registration& r, Seconds now) {
    Send(tx, e, r, "event.cancelled",
         {"イベントが中止になりました", "The event was cancelled",
          "申し訳ありませんが、このイベントは中止になりました。", "We are sorry: this event was cancelled."},
         "", now);
}

}  // namespace renkei::building
