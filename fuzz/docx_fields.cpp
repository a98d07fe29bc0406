// Fuzz target: the .docx template filler at the XML level (src/modules/contracts/model.hpp):
// FindMergeFields and FillMergeFields on a document, header or footer part — {{name}} fields
// split over runs, <w:fldSimple> and complex MERGEFIELD fields — with a fixed set of values for
// every known merge field (XML metacharacters, newlines, Japanese text, and values that look like
// merge fields themselves).
//
// Checked beyond "no crash, no UB": filling with no values changes nothing; a value's XML
// metacharacters never reach the part unescaped; and when the part is well-formed XML, so is the
// filled part, and with values that cannot form a field name it has no merge field the template
// did not have (a value is never filled in twice, text around a field never turns into a new one).
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "modules/contracts/model.hpp"

using namespace renkei::contracts;

namespace {

constexpr std::string_view kInjected = "<w:evil-fuzz/>";  // a value that must stay text

// Values for every known merge field; none can be (part of) a field name: each holds a character
// outside [A-Za-z0-9_] and no braces.
std::map<std::string, std::string> PlainValues() {
    std::map<std::string, std::string> v;
    int i = 0;
    for (const auto& f : KnownMergeFields()) {
        switch (i++ % 5) {
            case 0:
                v[std::string(f.name)] = "慶應義塾大学 医学部";
                break;
            case 1:
                v[std::string(f.name)] = "A&B <株式会社> \"x\" 'y'\n二行目\t";
                break;
            case 2:
                v[std::string(f.name)] = std::string(kInjected) + "</w:t></w:r></w:p>";
                break;
            case 3:
                v[std::string(f.name)] = " ";
                break;
            default:
                v[std::string(f.name)] = "2026年4月1日";
                break;
        }
    }
    return v;
}

// Values that look like merge fields: filling must still terminate and stay sane.
std::map<std::string, std::string> TrickyValues() {
    std::map<std::string, std::string> v;
    for (const auto& f : KnownMergeFields()) v[std::string(f.name)] = "{{" + std::string(f.name) + "}}";
    v["purpose"] = "{{today}}<w:fldSimple w:instr=\" MERGEFIELD today \"/>";
    v["today"] = "";
    return v;
}

// A small well-formedness check for XML fragments: balanced start and end tags, quoted attribute
// values without '<', only the predefined or numeric entities, <?...?> skipped; comments, CDATA
// and DOCTYPE count as not well-formed (Word writes none in these parts).
bool WellFormed(std::string_view x) {
    auto name_start = [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' || (c & 0x80);
    };
    auto name_char = [&](char c) {
        return name_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.';
    };
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    auto entity = [&](size_t& i) {  // at '&'
        size_t semi = x.find(';', i);
        if (semi == std::string_view::npos || semi - i > 10) return false;
        std::string_view e = x.substr(i + 1, semi - i - 1);
        bool ok = e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos";
        if (!ok && e.size() > 1 && e[0] == '#') {
            bool hex = e[1] == 'x';
            std::string_view digits = e.substr(hex ? 2 : 1);
            ok = !digits.empty() && std::all_of(digits.begin(), digits.end(), [&](char c) {
                return hex ? std::isxdigit(static_cast<unsigned char>(c)) : std::isdigit(static_cast<unsigned char>(c));
            });
        }
        i = semi + 1;
        return ok;
    };
    std::vector<std::string_view> open;
    size_t i = 0;
    while (i < x.size()) {
        if (x[i] == '&') {
            if (!entity(i)) return false;
            continue;
        }
        if (x[i] == '>') return false;
        if (x[i] != '<') {
            ++i;
            continue;
        }
        if (x.compare(i, 2, "<?") == 0) {
            size_t end = x.find("?>", i + 2);
            if (end == std::string_view::npos) return false;
            i = end + 2;
            continue;
        }
        bool closing = i + 1 < x.size() && x[i + 1] == '/';
        size_t p = i + (closing ? 2 : 1);
        size_t name_begin = p;
        if (p >= x.size() || !name_start(x[p])) return false;
        while (p < x.size() && name_char(x[p])) ++p;
        std::string_view name = x.substr(name_begin, p - name_begin);
        if (closing) {
            while (p < x.size() && space(x[p])) ++p;
            if (p >= x.size() || x[p] != '>' || open.empty() || open.back() != name) return false;
            open.pop_back();
            i = p + 1;
            continue;
        }
        while (true) {  // attributes
            size_t before = p;
            while (p < x.size() && space(x[p])) ++p;
            if (p >= x.size()) return false;
            if (x[p] == '>' || x.compare(p, 2, "/>") == 0) break;
            if (p == before || !name_start(x[p])) return false;
            while (p < x.size() && name_char(x[p])) ++p;
            while (p < x.size() && space(x[p])) ++p;
            if (p >= x.size() || x[p] != '=') return false;
            ++p;
            while (p < x.size() && space(x[p])) ++p;
            if (p >= x.size() || (x[p] != '"' && x[p] != '\'')) return false;
            char quote = x[p++];
            while (p < x.size() && x[p] != quote) {
                if (x[p] == '<') return false;
                if (x[p] == '&') {
                    if (!entity(p)) return false;
                } else {
                    ++p;
                }
            }
            if (p >= x.size()) return false;
            ++p;
        }
        if (x[p] == '>') {
            open.push_back(name);
            i = p + 1;
        } else {
            i = p + 2;
        }
    }
    return open.empty();
}

bool Subset(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (const auto& x : a)
        if (std::find(b.begin(), b.end(), x) == b.end()) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 64 * 1024) return 0;  // some scans are quadratic; bugs show on small parts
    static const auto plain = PlainValues();
    static const auto tricky = TrickyValues();
    std::string_view xml(reinterpret_cast<const char*>(data), size);

    auto names = FindMergeFields(xml);
    FUZZ_CHECK(FillMergeFields(xml, {}) == xml);

    std::string filled = FillMergeFields(xml, plain);
    if (xml.find(kInjected) == std::string_view::npos) FUZZ_CHECK(filled.find(kInjected) == std::string::npos);
    // On a well-formed part (what Word writes): the result is well-formed too, and has no merge
    // field the template did not have. (A broken part may come out broken differently.)
    if (WellFormed(xml)) {
        FUZZ_CHECK(WellFormed(filled));
        FUZZ_CHECK(Subset(FindMergeFields(filled), names));
    }

    std::string again = FillMergeFields(xml, tricky);
    (void)FindMergeFields(again);
    return 0;
}
