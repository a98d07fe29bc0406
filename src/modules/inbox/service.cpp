#include "modules/inbox/service.hpp"

#include <boost/json.hpp>

#include "platform/audit/audit.hpp"
#include "platform/db/row.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"

namespace renkei::inbox {
namespace {

constexpr const char* kColumns =
    "SELECT id, person_id, kind, source, source_key, title_ja, title_en, context_ja, context_en, link, due_on, "
    "action_json, state, created_at, resolved_at, resolved_by FROM inbox_items ";

Item Read(const soci::row& r, const std::string& today) {
    Item i;
    i.id = db::GetString(r, 0);
    i.person_id = db::GetString(r, 1);
    i.kind = db::GetString(r, 2);
    i.source = db::GetString(r, 3);
    i.source_key = db::GetString(r, 4);
    i.title_ja = db::GetString(r, 5);
    i.title_en = db::GetString(r, 6);
    i.context_ja = db::GetString(r, 7);
    i.context_en = db::GetString(r, 8);
    i.link = db::GetString(r, 9);
    i.due_on = db::GetOptionalString(r, 10);
    if (auto action = db::GetOptionalString(r, 11)) {
        auto v = boost::json::parse(*action).as_object();
        Action a;
        a.method = std::string(v.at("method").as_string());
        a.path = std::string(v.at("path").as_string());
        a.body = v.contains("body") ? v.at("body") : boost::json::value(nullptr);
        a.label_ja = std::string(v.at("label_ja").as_string());
        a.label_en = std::string(v.at("label_en").as_string());
        i.action = std::move(a);
    }
    i.state = db::GetString(r, 12);
    i.created_at = FromUnix(db::GetInt(r, 13));
    if (!db::IsNull(r, 14)) i.resolved_at = FromUnix(db::GetInt(r, 14));
    i.resolved_by = db::GetOptionalString(r, 15);
    i.overdue = IsOverdue(i, today);
    return i;
}

std::optional<Item> FindOpen(db::Tx& tx, const std::string& person, const std::string& source, const std::string& key,
                             Seconds now) {
    std::string today = TokyoDate(now);
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) +
                                 "WHERE person_id = :p AND source = :s AND source_key = :k AND state = 'open'",
         soci::use(person, "p"), soci::use(source, "s"), soci::use(key, "k"));
    for (const auto& r : rows) return Read(r, today);
    return std::nullopt;
}

int ResolveWhere(db::Tx& tx, const std::string& source, const std::string& key, const std::string* person,
                 const std::optional<std::string>& actor, const std::string& state, Seconds at) {
    if (state != "done" && state != "cancelled") throw Error{ErrorCode::kInternal, "", "bad inbox state"};
    long long now = ToUnix(at);
    std::string who = actor.value_or("");
    soci::indicator who_ind = actor ? soci::i_ok : soci::i_null;
    std::string p = person ? *person : "";
    int all = person ? 0 : 1;
    soci::statement st =
        (tx.sql().prepare
             << "UPDATE inbox_items SET state = :state, resolved_at = :now, resolved_by = :who "
                "WHERE source = :s AND source_key = :k AND state = 'open' AND (:all = 1 OR person_id = :p)",
         soci::use(state, "state"), soci::use(now, "now"), soci::use(who, who_ind, "who"), soci::use(source, "s"),
         soci::use(key, "k"), soci::use(all, "all"), soci::use(p, "p"));
    st.execute(true);
    int n = static_cast<int>(st.get_affected_rows());
    if (n > 0)
        audit::Record(tx, actor, "resolve", "inbox_item", source + ":" + key, nullptr,
                      boost::json::object{{"state", state}, {"items", n}, {"person_id", p}});
    return n;
}

PostObserver post_observer = nullptr;

}  // namespace

void ObservePosts(PostObserver observer) { post_observer = observer; }

Item Post(db::Tx& tx, const NewItem& in, Seconds now) {
    if (in.person_id.empty() || in.kind.empty() || in.source.empty() || in.source_key.empty() || in.title_ja.empty() ||
        in.title_en.empty())
        throw Error{ErrorCode::kInternal, "", "inbox item without person, kind, source, key or title"};
    if (in.action && !IsValidAction(*in.action)) throw Error{ErrorCode::kInternal, "", "malformed inbox action"};
    if (in.due_on && !ParseDate(*in.due_on)) throw Error{ErrorCode::kInternal, "", "malformed inbox due date"};
    if (auto existing = FindOpen(tx, in.person_id, in.source, in.source_key, now)) return *existing;
    Item i;
    i.id = NewId();
    i.person_id = in.person_id;
    i.kind = in.kind;
    i.source = in.source;
    i.source_key = in.source_key;
    i.title_ja = in.title_ja;
    i.title_en = in.title_en;
    i.context_ja = in.context_ja;
    i.context_en = in.context_en;
    i.link = in.link;
    i.due_on = in.due_on;
    i.action = in.action;
    i.created_at = now;
    i.overdue = IsOverdue(i, TokyoDate(i.created_at));
    std::string due = in.due_on.value_or(""), action = in.action ? Serialize(boost::json::value_from(*in.action)) : "";
    soci::indicator due_ind = in.due_on ? soci::i_ok : soci::i_null;
    soci::indicator action_ind = in.action ? soci::i_ok : soci::i_null;
    long long created = ToUnix(i.created_at);
    tx.sql() << "INSERT INTO inbox_items (id, person_id, kind, source, source_key, title_ja, title_en, context_ja, "
                "context_en, link, due_on, action_json, state, created_at) VALUES (:id, :p, :kind, :s, :k, :tja, "
                ":ten, :cja, :cen, :link, :due, :action, 'open', :created)",
        soci::use(i.id), soci::use(i.person_id), soci::use(i.kind), soci::use(i.source), soci::use(i.source_key),
        soci::use(i.title_ja), soci::use(i.title_en), soci::use(i.context_ja), soci::use(i.context_en),
        soci::use(i.link), soci::use(due, due_ind), soci::use(action, action_ind), soci::use(created);
    audit::Record(tx, std::nullopt, "create", "inbox_item", i.id, nullptr, boost::json::value_from(i));
    if (post_observer) post_observer(tx, i, now);
    return i;
}

int Resolve(db::Tx& tx, const std::string& source, const std::string& source_key,
            const std::optional<std::string>& actor, Seconds now, const std::string& state) {
    return ResolveWhere(tx, source, source_key, nullptr, actor, state, now);
}

int ResolveFor(db::Tx& tx, const std::string& source, const std::string& source_key, const std::string& person_id,
               const std::optional<std::string>& actor, Seconds now, const std::string& state) {
    return ResolveWhere(tx, source, source_key, &person_id, actor, state, now);
}

int Reword(db::Tx& tx, const std::string& source, const std::string& source_key, const Wording& wording,
           const std::optional<std::string>& actor) {
    db::Nullable tja(wording.title_ja), ten(wording.title_en), cja(wording.context_ja), cen(wording.context_en);
    soci::statement st =
        (tx.sql().prepare << "UPDATE inbox_items SET title_ja = COALESCE(:tja, title_ja), title_en = COALESCE(:ten, "
                             "title_en), context_ja = COALESCE(:cja, context_ja), context_en = COALESCE(:cen, "
                             "context_en) WHERE source = :s AND source_key = :k AND state = 'open'",
         soci::use(tja.value, tja.ind, "tja"), soci::use(ten.value, ten.ind, "ten"),
         soci::use(cja.value, cja.ind, "cja"), soci::use(cen.value, cen.ind, "cen"), soci::use(source, "s"),
         soci::use(source_key, "k"));
    st.execute(true);
    int n = static_cast<int>(st.get_affected_rows());
    if (n > 0) {
        boost::json::object after{{"items", n}};
        auto put = [&](const char* name, const std::optional<std::string>& v) {
            if (v) after[name] = *v;
        };
        put("title_ja", wording.title_ja);
        put("title_en", wording.title_en);
        put("context_ja", wording.context_ja);
        put("context_en", wording.context_en);
        audit::Record(tx, actor, "reword", "inbox_item", source + ":" + source_key, nullptr, after);
    }
    return n;
}

std::vector<Item> OpenItemsOf(db::Tx& tx, const std::string& person_id, const std::string& source, Seconds now) {
    std::string today = TokyoDate(now);
    std::vector<Item> out;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) +
                                 "WHERE person_id = :p AND source = :s AND state = 'open' ORDER BY created_at, id",
         soci::use(person_id, "p"), soci::use(source, "s"));
    for (const auto& r : rows) out.push_back(Read(r, today));
    return out;
}

bool HandOver(db::Tx& tx, const std::string& item_id, const std::string& to_person,
              const std::optional<std::string>& actor) {
    std::string from;
    soci::indicator from_ind = soci::i_null;
    tx.sql() << "SELECT person_id FROM inbox_items WHERE id = :id AND state = 'open'", soci::use(item_id, "id"),
        soci::into(from, from_ind);
    if (from_ind != soci::i_ok) return false;
    if (from == to_person) return true;
    tx.sql() << "UPDATE inbox_items SET person_id = :to WHERE id = :id AND state = 'open'", soci::use(to_person, "to"),
        soci::use(item_id, "id");
    audit::Record(tx, actor, "hand_over", "inbox_item", item_id, boost::json::object{{"person_id", from}},
                  boost::json::object{{"person_id", to_person}});
    return true;
}

bool ResolveItem(db::Tx& tx, const std::string& item_id, const std::optional<std::string>& actor,
                 const std::string& state, Seconds now) {
    // An open item is the only one of its person, source and key (Post), so it resolves as such.
    std::string person, source, key;
    soci::indicator ind = soci::i_null;
    tx.sql() << "SELECT person_id, source, source_key FROM inbox_items WHERE id = :id AND state = 'open'",
        soci::use(item_id, "id"), soci::into(person, ind), soci::into(source), soci::into(key);
    if (ind != soci::i_ok) return false;
    return ResolveWhere(tx, source, key, &person, actor, state, now) > 0;
}

bool ItemsBelongTo(db::Tx& tx, const std::string& entity_id, const std::string& person_id) {
    long long n = 0;
    tx.sql()
        << "SELECT COUNT(*) FROM inbox_items WHERE person_id = :p AND (id = :id OR source || ':' || source_key = :key)",
        soci::use(person_id, "p"), soci::use(entity_id, "id"), soci::use(entity_id, "key"), soci::into(n);
    return n > 0;
}

std::vector<Item> ListFor(db::Tx& tx, const std::string& person_id, const std::string& state, Seconds now, int limit) {
    std::string today = TokyoDate(now);
    std::vector<Item> out;
    int all = state == "all" ? 1 : 0;
    // Open items by due date (undated last), then the rest newest first.
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << std::string(kColumns) +
                                 "WHERE person_id = :p AND (:all = 1 OR state = :state) ORDER BY "
                                 "CASE WHEN state = 'open' THEN 0 ELSE 1 END, CASE WHEN due_on IS NULL THEN 1 ELSE 0 "
                                 "END, due_on, COALESCE(resolved_at, 0) DESC, created_at DESC, id LIMIT :limit",
         soci::use(person_id, "p"), soci::use(all, "all"), soci::use(state, "state"), soci::use(limit, "limit"));
    for (const auto& r : rows) out.push_back(Read(r, today));
    return out;
}

Count CountFor(db::Tx& tx, const std::string& person_id, Seconds now) {
    std::string today = TokyoDate(now);
    Count c;
    soci::indicator ind;
    long long open = 0, overdue = 0;
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT COUNT(*), SUM(CASE WHEN due_on IS NOT NULL AND due_on < :today THEN 1 ELSE 0 "
                             "END) FROM inbox_items WHERE person_id = :p AND state = 'open'",
         soci::use(today, "today"), soci::use(person_id, "p"));
    for (const auto& r : rows) {
        open = db::GetInt(r, 0);
        overdue = db::IsNull(r, 1) ? 0 : db::GetInt(r, 1);
    }
    (void)ind;
    c.open = static_cast<int>(open);
    c.overdue = static_cast<int>(overdue);
    return c;
}

}  // namespace renkei::inbox
