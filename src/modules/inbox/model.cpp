#include "modules/inbox/model.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>

namespace renkei::inbox {

bool IsOverdue(const Item& item, std::string_view today) {
    return item.state == "open" && item.due_on && *item.due_on < today;
}

bool IsValidAction(const Action& a) {
    if (a.method != "POST" && a.method != "PUT" && a.method != "PATCH" && a.method != "DELETE") return false;
    if (a.path.rfind("/api/", 0) != 0 || a.path.find("..") != std::string::npos) return false;
    if (a.path.find_first_of(" \t\r\n?#") != std::string::npos) return false;
    return !a.label_ja.empty() && !a.label_en.empty();
}

bool IsState(std::string_view state) { return state == "open" || state == "done" || state == "cancelled"; }

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Action& a) {
    jv = {{"method", a.method}, {"path", a.path}, {"body", a.body}, {"label_ja", a.label_ja}, {"label_en", a.label_en}};
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Item& i) {
    boost::json::object o{{"id", i.id},
                          {"kind", i.kind},
                          {"source", i.source},
                          {"title_ja", i.title_ja},
                          {"title_en", i.title_en},
                          {"context_ja", i.context_ja},
                          {"context_en", i.context_en},
                          {"link", i.link},
                          {"state", i.state},
                          {"overdue", i.overdue},
                          {"created_at", FormatUtc(i.created_at)}};
    o["due_on"] = i.due_on ? boost::json::value(*i.due_on) : boost::json::value(nullptr);
    o["action"] = i.action ? boost::json::value_from(*i.action) : boost::json::value(nullptr);
    o["resolved_at"] = i.resolved_at ? boost::json::value(FormatUtc(*i.resolved_at)) : boost::json::value(nullptr);
    jv = std::move(o);
}

}  // namespace renkei::inbox
