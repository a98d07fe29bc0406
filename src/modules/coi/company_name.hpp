// Company names as people type them: the key under which a company named in free text on a
// COI declaration meets the registered organisation it means (信濃町メディテック,
// ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）, "Shinanomachi Meditech Co., Ltd." all stand for 信濃町メディテック株式会社
// when those are its names). Exact key equality only: no fuzzy matching, because a false
// conflict of interest costs as much as a missed one. Pure; tested in company_name_test.cpp.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::coi {

// NFKC with case folding (full-width/half-width and upper/lower case compare equal), hiragana
// folded to katakana, legal-form words removed wherever they stand (株式会社, (株), ㈱, 有限会社,
// 合同会社, 一般社団法人, 公益財団法人, 国立大学法人, 学校法人, …, Co., Ltd., Inc., Corporation,
// Corp., K.K., LLC, GmbH, …), then spaces and punctuation dropped. Latin legal forms are removed
// only as whole words ("Inc" in "Princeton" stays). Empty when nothing but a legal form is left:
// an empty key matches nothing.
std::string CompanyNameKey(std::string_view name);

// A registered organisation and the names it goes by (Japanese, English, reading).
struct NamedOrganisation {
    std::string id;
    std::vector<std::string> names;
};

// The registered organisations by the keys of their names, to resolve a free-text name.
class CompanyNameIndex {
  public:
    explicit CompanyNameIndex(const std::vector<NamedOrganisation>& organisations);
    // The one organisation one of whose names has the same key as `free_text`; nullopt when no
    // organisation does, when two or more do (ambiguous: left unresolved) or when the text has no
    // key (a legal form alone, punctuation).
    std::optional<std::string> Resolve(std::string_view free_text) const;

  private:
    std::map<std::string, std::set<std::string>> ids_by_key_;
};

}  // namespace renkei::coi
