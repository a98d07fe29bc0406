#include "modules/coi/company_name.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>

#include "platform/text/normalize.hpp"

namespace renkei::coi {
namespace {

// Japanese legal forms, removed wherever they stand (前株 and 後株 alike). Written as people
// write them; they are normalised like the names before use, so （株）, (株) and ㈱ are one
// entry, and so are the readings in hiragana, katakana and half-width kana.
constexpr std::array<std::string_view, 41> kJapaneseForms = {
    "株式会社",
    "有限会社",
    "合同会社",
    "合名会社",
    "合資会社",
    "相互会社",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "社団法人",
    "財団法人",
    "国立大学法人",
    "公立大学法人",
    "学校法人",
    "医療法人社団",
    "医療法人財団",
    "医療法人",
    "社会福祉法人",
    "独立行政法人",
    "国立研究開発法人",
    "地方独立行政法人",
    "特定非営利活動法人",
    "NPO法人",
    "（株）",
    "（有）",
    "（同）",
    "（名）",
    "（資）",
    "（社）",
    "（財）",
    "（学）",
    "（医）",
    "（独）",
    "（一社）",
    "（一財）",
    "（公社）",
    "（公財）",
    "カブシキガイシャ",
    "カブシキカイシャ",
    "ユウゲンガイシャ",
};
// Latin legal forms, removed as whole words (dots inside a word dropped first: K.K. is kk).
constexpr std::array<std::string_view, 17> kLatinForms = {
    "co",  "ltd", "limited", "inc", "incorporated",    "corporation",     "corp", "company", "kk", "llc", "gmbh",
    "plc", "llp", "pte",     "pty", "kabushikigaisha", "kabushikikaisha",
};
// Romanised Japanese forms of two words.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kLatinPairs = {{
    {"kabushiki", "kaisha"},
    {"kabushiki", "gaisha"},
    {"godo", "kaisha"},
    {"yugen", "kaisha"},
}};

icu::UnicodeString Folded(std::string_view s) { return icu::UnicodeString::fromUTF8(text::SearchKey(s)); }

const std::vector<icu::UnicodeString>& JapaneseForms() {
    static const std::vector<icu::UnicodeString> forms = [] {
        std::vector<icu::UnicodeString> out;
        out.reserve(kJapaneseForms.size());
        for (auto f : kJapaneseForms) out.push_back(Folded(f));
        // Longest first: 医療法人社団 before 医療法人, 一般社団法人 before 社団法人.
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.length() > b.length(); });
        return out;
    }();
    return forms;
}

// Letters (kanji, kana, the long-vowel mark ー and 々 included), digits and combining marks make
// words; everything else (spaces, punctuation, symbols) separates them. The dot is kept inside a
// word until the word is complete, so that "K.K." and "Co." are recognised.
bool IsWordChar(UChar32 c) {
    if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c)) return true;
    auto type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

std::vector<std::string> Words(const icu::UnicodeString& u) {
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) out.push_back(std::move(word));
        word.clear();
    };
    for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        i += U16_LENGTH(c);
        if (c == '.') continue;  // inside a word or between words alike: "k.k." is kk
        if (!IsWordChar(c)) {
            flush();
            continue;
        }
        icu::UnicodeString(c).toUTF8String(word);
    }
    flush();
    return out;
}

bool IsLatinForm(const std::string& w) {
    return std::find(kLatinForms.begin(), kLatinForms.end(), w) != kLatinForms.end();
}

}  // namespace

std::string CompanyNameKey(std::string_view name) {
    icu::UnicodeString u = Folded(name);
    for (const auto& form : JapaneseForms()) u.findAndReplace(form, icu::UnicodeString());
    auto words = Words(u);
    std::vector<bool> drop(words.size(), false);
    for (size_t i = 0; i < words.size(); ++i) {
        if (IsLatinForm(words[i])) drop[i] = true;
        if (i + 1 < words.size())
            for (const auto& [first, second] : kLatinPairs)
                if (words[i] == first && words[i + 1] == second) drop[i] = drop[i + 1] = true;
    }
    std::string key;
    for (size_t i = 0; i < words.size(); ++i)
        if (!drop[i]) key += words[i];
    return key;
}

CompanyNameIndex::CompanyNameIndex(const std::vector<NamedOrganisation>& organisations) {
    for (const auto& o : organisations)
        for (const auto& name : o.names) {
            auto key = CompanyNameKey(name);
            if (!key.empty()) ids_by_key_[key].insert(o.id);
        }
}

std::optional<std::string> CompanyNameIndex::Resolve(std::string_view free_text) const {
    auto key = CompanyNameKey(free_text);
    if (key.empty()) return std::nullopt;
    auto it = ids_by_key_.find(key);
    if (it == ids_by_key_.end() || it->second.size() != 1) return std::nullopt;
    return *it->second.begin();
}

}  // namespace renkei::coi
