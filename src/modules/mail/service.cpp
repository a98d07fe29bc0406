#include "modules/mail/service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "modules/inbox/service.hpp"
#include "modules/mail/store.hpp"
#include "modules/people/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/text/utf8.hpp"

namespace renkei::mail {
namespace {

Options installed;

std::string Url(const std::string& path) {
    std::string base = installed.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + (path.empty() || path[0] != '/' ? "/" + path : path);
}

std::string PreferencesUrl() { return Url("/account#mail"); }

std::string NameIn(const store::Recipient& p) {
    return p.language == "en" && !p.name_en.empty() ? p.name_en : p.name_ja;
}

std::string Greeting(const store::Recipient& p) {
    return p.language == "en" ? "Dear " + NameIn(p) + "," : NameIn(p) + " 様";
}

store::NewMessage ToRow(const Outgoing& m, Seconds now) {
    return store::NewMessage{NewId(),
                             m.person_id,
                             m.to,
                             m.kind,
                             m.language == "en" ? "en" : "ja",
                             text::Utf8Prefix(m.content.subject, 500),
                             m.content.text,
                             m.content.html,
                             ToUnix(now)};
}

// The message of one inbox item, in the person's language, with the item's action as the link.
Rendered ItemMessage(const store::Recipient& p, const store::OpenItem& item, std::string_view today) {
    const bool en = p.language == "en";
    Letter l;
    const std::string& title = en ? item.title_en : item.title_ja;
    const std::string& context = en ? item.context_en : item.context_ja;
    l.subject = (en ? "Renkei: " : "【Renkei】") + title;
    l.greeting = Greeting(p);
    l.paragraphs.push_back(title + (context.empty() ? "" : "\n" + context));
    if (item.due_on) {
        bool overdue = *item.due_on < today;
        l.paragraphs.push_back(en ? "Due: " + *item.due_on + (overdue ? " (overdue)" : "")
                                  : "期限: " + *item.due_on + (overdue ? "（期限を過ぎています）" : ""));
    }
    auto label = en ? item.action_label_en : item.action_label_ja;
    l.link_label = label ? (en ? *label + " in Renkei" : "Renkei で「" + *label + "」")
                         : (en ? "Open in Renkei" : "Renkei で開く");
    l.link_url = Url("/inbox?item=" + item.id);
    l.footer = PreferencesFooter(p.language, PreferencesUrl());
    return Render(l);
}

store::OpenItem FromItem(const inbox::Item& i) {
    store::OpenItem o{i.id,         i.person_id, i.kind,   i.title_ja,   i.title_en,  i.context_ja,
                      i.context_en, i.link,      i.due_on, std::nullopt, std::nullopt};
    if (i.action) {
        o.action_label_ja = i.action->label_ja;
        o.action_label_en = i.action->label_en;
    }
    return o;
}

Delivery DeliveryFor(db::Tx& tx, const std::string& person_id, const std::string& kind) {
    auto centre = store::CentreDeliveries(tx);
    auto it = centre.find(kind);
    return Effective(kind, store::OwnDelivery(tx, person_id, kind),
                     it == centre.end() ? std::nullopt : std::optional<Delivery>(it->second));
}

void RequireOffice(const Me& me) {
    if (!me.HasRole("office")) throw Forbidden("only the office may do this");
}

std::vector<KindChoice> Choices(const std::map<std::string, Delivery>& own,
                                const std::map<std::string, Delivery>& centre) {
    std::vector<KindChoice> out;
    out.reserve(kKinds.size());
    for (const auto& k : kKinds) {
        std::string kind(k.kind);
        auto c = centre.find(kind);
        auto o = own.find(kind);
        std::optional<Delivery> centre_choice = c == centre.end() ? std::nullopt : std::optional<Delivery>(c->second);
        out.push_back(
            {k, Effective(kind, o == own.end() ? std::nullopt : std::optional<Delivery>(o->second), centre_choice),
             Effective(kind, std::nullopt, centre_choice), o != own.end()});
    }
    return out;
}

std::optional<Delivery> CheckChoice(const std::string& kind, const std::optional<Delivery>& d) {
    if (!IsKnownKind(kind)) throw Invalid("kinds." + kind, "there is no kind of message called " + kind);
    if (d == Delivery::kOff && InfoOf(kind).legal)
        throw Invalid("kinds." + kind, "a deadline set by law cannot be switched off; choose the digest instead");
    return d;
}

}  // namespace

void Install(const Options& options) {
    installed = options;
    inbox::ObservePosts(&OnInboxItem);
    notifications::ObserveNotifications(&OnNotification);
}

const Options& Installed() { return installed; }

std::string Enqueue(db::Tx& tx, const Outgoing& message, Seconds now) {
    if (!LooksLikeAddress(message.to)) throw Invalid("to", "not an e-mail address");
    store::OutboxWriter writer(tx);
    auto row = ToRow(message, now);
    writer.Add(row);
    return row.id;
}

void OnInboxItem(db::Tx& tx, const inbox::Item& item, Seconds now) {
    const std::string today = TokyoDate(now);
    if (!IsUrgent(item.kind, item.due_on, today)) return;  // later, when it is (MailDueSoon), or in the digest
    auto person = store::FindRecipient(tx, item.person_id);
    if (!person || !person->active || !LooksLikeAddress(person->email)) return;
    if (DeliveryFor(tx, person->id, item.kind) != Delivery::kImmediate) return;
    if (!store::MarkItemMailed(tx, item.id, ToUnix(now))) return;
    Enqueue(tx, {person->id, person->email, item.kind, person->language, ItemMessage(*person, FromItem(item), today)},
            now);
}

void OnNotification(db::Tx& tx, const notifications::Notification& n, Seconds now) {
    // The building module mails these itself, to guests and members alike (event_mail.cpp).
    if (n.kind == "waitlist_promoted" || n.kind == "event_cancelled") return;
    auto person = store::FindRecipient(tx, n.person_id);
    if (!person || !person->active || !LooksLikeAddress(person->email)) return;
    if (DeliveryFor(tx, person->id, std::string(kNotifications)) != Delivery::kImmediate) return;
    const bool en = person->language == "en";
    Letter l;
    const std::string& title = en ? n.title_en : n.title_ja;
    l.subject = (en ? "Renkei: " : "【Renkei】") + title;
    l.greeting = Greeting(*person);
    l.paragraphs.push_back(title);
    l.link_label = en ? "Open in Renkei" : "Renkei で開く";
    l.link_url = Url(n.link.empty() ? "/" : n.link);
    l.footer = PreferencesFooter(person->language, PreferencesUrl());
    Enqueue(tx, {person->id, person->email, "notifications." + n.kind, person->language, Render(l)}, now);
}

int MailDueSoon(db::Tx& tx, Seconds now) {
    const std::string today = TokyoDate(now);
    auto items = store::DueItemsNotMailed(tx, AddDays(today, -7), AddDays(today, kUrgentDays));
    if (items.empty()) return 0;
    auto own = store::AllOwnDeliveries(tx);
    auto centre = store::CentreDeliveries(tx);
    std::map<std::string, std::optional<store::Recipient>> people;
    store::OutboxWriter writer(tx);
    int written = 0;
    for (const auto& item : items) {
        auto o = own.find(item.person_id);
        std::optional<Delivery> own_choice, centre_choice;
        if (o != own.end())
            if (auto k = o->second.find(item.kind); k != o->second.end()) own_choice = k->second;
        if (auto c = centre.find(item.kind); c != centre.end()) centre_choice = c->second;
        if (Effective(item.kind, own_choice, centre_choice) != Delivery::kImmediate) continue;
        auto [it, fresh] = people.try_emplace(item.person_id);
        if (fresh) it->second = store::FindRecipient(tx, item.person_id);
        const auto& person = it->second;
        if (!person || !person->active || !LooksLikeAddress(person->email)) continue;
        if (!store::MarkItemMailed(tx, item.id, ToUnix(now))) continue;
        writer.Add(
            ToRow({person->id, person->email, item.kind, person->language, ItemMessage(*person, item, today)}, now));
        ++written;
    }
    return written;
}

DigestRun BuildDigests(db::Tx& tx, Seconds now) {
    DigestRun run;
    const std::string today = TokyoDate(now);
    const int hour = TokyoMinuteOfDay(now) / 60;
    const int centre_hour = installed.digest_hour;
    auto people = store::PeopleDueForDigest(tx, centre_hour, hour, today);
    if (people.empty()) return run;
    auto items = store::OpenItemsOfDigestPeople(tx, centre_hour, hour, today);
    auto notices = store::UnreadNoticesOfDigestPeople(tx, centre_hour, hour, today, ToUnix(now) - 24LL * 3600);
    auto own = store::AllOwnDeliveries(tx);
    auto centre = store::CentreDeliveries(tx);
    auto delivery = [&](const std::string& person, const std::string& kind) {
        std::optional<Delivery> own_choice, centre_choice;
        if (auto o = own.find(person); o != own.end())
            if (auto k = o->second.find(kind); k != o->second.end()) own_choice = k->second;
        if (auto c = centre.find(kind); c != centre.end()) centre_choice = c->second;
        return Effective(kind, own_choice, centre_choice);
    };
    store::OutboxWriter writer(tx);
    const std::string preferences = PreferencesUrl();
    auto item_at = items.begin();
    auto notice_at = notices.begin();
    for (const auto& due : people) {
        const auto& p = due.person;
        const bool en = p.language == "en";
        ++run.people;
        std::vector<DigestLine> lines, notice_lines;
        for (; item_at != items.end() && item_at->person_id < p.id; ++item_at) {
        }
        for (; item_at != items.end() && item_at->person_id == p.id; ++item_at) {
            if (delivery(p.id, item_at->kind) == Delivery::kOff) continue;
            DigestLine l;
            l.title = en ? item_at->title_en : item_at->title_ja;
            l.context = en ? item_at->context_en : item_at->context_ja;
            l.due_on = item_at->due_on.value_or("");
            l.overdue = item_at->due_on && *item_at->due_on < today;
            l.due_soon = IsUrgent(item_at->kind, item_at->due_on, today);
            l.url = Url("/inbox?item=" + item_at->id);
            lines.push_back(std::move(l));
        }
        for (; notice_at != notices.end() && notice_at->person_id < p.id; ++notice_at) {
        }
        const bool notices_wanted = delivery(p.id, std::string(kNotifications)) == Delivery::kDigest;
        for (; notice_at != notices.end() && notice_at->person_id == p.id; ++notice_at) {
            if (!notices_wanted) continue;
            DigestLine l;
            l.title = en ? notice_at->title_en : notice_at->title_ja;
            l.url = Url(notice_at->link.empty() ? "/" : notice_at->link);
            notice_lines.push_back(std::move(l));
        }
        const int count = static_cast<int>(lines.size());
        if (!store::RecordDigest(tx, p.id, today, count, ToUnix(now))) continue;
        if ((lines.empty() && notice_lines.empty()) || !LooksLikeAddress(p.email)) continue;
        writer.Add(ToRow({p.id, p.email, "digest", p.language,
                          RenderDigest(p.language, NameIn(p), lines, notice_lines, preferences)},
                         now));
        ++run.messages;
        run.items += count;
    }
    return run;
}

// ---- preferences ----

Preferences GetPreferences(db::Tx& tx, const std::string& person_id) {
    auto person = store::FindRecipient(tx, person_id);
    if (!person) throw NotFound("person");
    return {person->digest_hour, installed.digest_hour,
            Choices(store::OwnDeliveries(tx, person_id), store::CentreDeliveries(tx))};
}

Preferences SetPreferences(db::Tx& tx, const std::string& person_id, const PreferencesPatch& patch) {
    auto before = GetPreferences(tx, person_id);
    if (patch.digest_hour) {
        if (*patch.digest_hour && (**patch.digest_hour < 0 || **patch.digest_hour > 23))
            throw Invalid("digest_hour", "digest_hour must be an hour from 0 to 23, or null for the centre's");
        store::SetDigestHour(tx, person_id, *patch.digest_hour);
    }
    for (const auto& [kind, delivery] : patch.kinds)
        store::SetOwnDelivery(tx, person_id, kind, CheckChoice(kind, delivery));
    auto after = GetPreferences(tx, person_id);
    boost::json::object changes;
    for (const auto& [kind, delivery] : patch.kinds)
        changes[kind] = delivery ? boost::json::value(Text(*delivery)) : boost::json::value(nullptr);
    if (patch.digest_hour)
        changes["digest_hour"] =
            *patch.digest_hour ? boost::json::value(**patch.digest_hour) : boost::json::value(nullptr);
    audit::Record(tx, person_id, "update", "mail_preferences", person_id, nullptr, changes);
    return after;
}

std::vector<KindChoice> CentreDefaults(db::Tx& tx, const Me& me) {
    RequireOffice(me);
    return Choices({}, store::CentreDeliveries(tx));
}

std::vector<KindChoice> SetCentreDefaults(db::Tx& tx, const Me& me,
                                          const std::vector<std::pair<std::string, Delivery>>& kinds) {
    RequireOffice(me);
    boost::json::object changes;
    for (const auto& [kind, delivery] : kinds) {
        CheckChoice(kind, delivery);
        store::SetCentreDelivery(tx, kind, delivery);
        changes[kind] = Text(delivery);
    }
    audit::Record(tx, me.person_id, "update", "mail_defaults", "centre", nullptr, changes);
    return Choices({}, store::CentreDeliveries(tx));
}

// ---- the outbox ----

OutboxPage ListOutbox(db::Tx& tx, const Me& me, const std::string& state, int limit) {
    RequireOffice(me);
    static constexpr std::array<std::string_view, 5> states = {"pending", "sending", "sent", "failed", "all"};
    if (std::find(states.begin(), states.end(), state) == states.end())
        throw Invalid("state", "state must be pending, sending, sent, failed or all");
    if (limit < 1 || limit > 500) throw Invalid("limit", "limit must be from 1 to 500");
    return {store::ListMessages(tx, state, limit), store::CountMessages(tx)};
}

OutboxEntry RetryMessage(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    RequireOffice(me);
    auto m = store::FindMessage(tx, id);
    if (!m) throw NotFound("message");
    if (m->state == "sent") throw Error{ErrorCode::kConflict, "state", "the message was sent already"};
    store::Requeue(tx, id, ToUnix(now));
    audit::Record(tx, me.person_id, "retry", "mail_message", id, nullptr,
                  boost::json::object{{"state_before", m->state}, {"attempts", m->attempts}});
    return *store::FindMessage(tx, id);
}

// ---- a forgotten password ----

void MailPasswordReset(db::Tx& tx, const std::string& person_id, const std::string& to, const std::string& language,
                       const std::string& name, const std::string& token, Seconds now) {
    const bool en = language == "en";
    Letter l;
    l.subject = en ? "Renkei: set a new password" : "【Renkei】パスワードの再設定";
    l.greeting = en ? "Dear " + name + "," : name + " 様";
    if (en) {
        l.paragraphs = {"Someone (we hope you) asked to set a new password for your Renkei account.",
                        "The link below works once, for " + std::to_string(people::kResetLinkMinutes) +
                            " minutes. Setting a new password signs you out everywhere else.",
                        "If you did not ask for this, ignore this message: your password stays as it is."};
    } else {
        l.paragraphs = {"Renkei のアカウントのパスワード再設定が依頼されました。",
                        "次のリンクは一度だけ、" + std::to_string(people::kResetLinkMinutes) +
                            " 分間有効です。新しいパスワードを設定すると、ほかの端末ではサインアウトされます。",
                        "お心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。"};
    }
    l.link_label = en ? "Set a new password" : "新しいパスワードを設定する";
    l.link_url = Url("/reset/" + token);
    Enqueue(tx, {person_id, to, "password_reset", language, Render(l)}, now);
}

}  // namespace renkei::mail
