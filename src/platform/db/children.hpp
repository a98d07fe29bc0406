// Reading the child rows of a batch of parents in one query per child table (not one per parent):
// the inventors of every invention listed, the enrolment counts of every protocol. Each select's
// first column is the parent's id; rows of parents not in the batch are skipped.
//
//     db::Children<Invention> children(tx, all, "invention_id IN (SELECT id FROM ip_inventions "
//                                               "WHERE project_id = :p)", project_id);
//     children.Each("SELECT invention_id, person_id FROM ip_inventors", "invention_id, position",
//                   [](Invention& inv, const soci::row& r) { ... });
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/db/row.hpp"

namespace renkei::db {

template <typename Parent>
class Children {
  public:
    // `narrow`: the WHERE condition (one parameter :p) applied when `key` is set, e.g. the parents
    // of one project; without a key, every row of the table is read.
    Children(Tx& tx, std::vector<Parent>& parents, std::string narrow, std::optional<std::string> key)
        : tx_(tx), narrow_(std::move(narrow)), key_(std::move(key)) {
        for (auto& p : parents) by_id_[p.id] = &p;
    }
    template <typename F>
    void Each(const std::string& select, const std::string& order, F&& f) {
        if (by_id_.empty()) return;
        std::string sql = select + (key_ ? " WHERE " + narrow_ : "") + " ORDER BY " + order;
        soci::rowset<soci::row> rows = key_ ? (tx_.sql().prepare << sql, soci::use(*key_)) : (tx_.sql().prepare << sql);
        for (const auto& r : rows)
            if (auto it = by_id_.find(GetString(r, 0)); it != by_id_.end()) f(*it->second, r);
    }

  private:
    Tx& tx_;
    std::string narrow_;
    std::optional<std::string> key_;
    std::map<std::string, Parent*> by_id_;
};

}  // namespace renkei::db
