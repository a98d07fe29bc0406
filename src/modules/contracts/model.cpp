#include "modules/contracts/model.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "platform/error.hpp"
#include "platform/json.hpp"

namespace renkei::contracts {
namespace {

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

struct Edge {
    Status from, to;
};
constexpr Edge kEdges[] = {
    {Status::kDraft, Status::kInternalReview},
    {Status::kInternalReview, Status::kDraft},
    {Status::kInternalReview, Status::kNegotiating},
    {Status::kNegotiating, Status::kInternalReview},
    {Status::kNegotiating, Status::kApproved},
    {Status::kApproved, Status::kNegotiating},
    {Status::kApproved, Status::kSigned},
    {Status::kSigned, Status::kActive},
    {Status::kActive, Status::kExpired},
    {Status::kSigned, Status::kExpired},
};

}  // namespace

std::string_view ToText(ContractType type) { return Text(type); }
std::optional<ContractType> TypeFromText(std::string_view text) { return FromText<ContractType>(text); }
std::string_view TypeLabelJa(ContractType type) { return EntryOf(type).label_ja; }
std::string_view TypeLabelEn(ContractType type) { return EntryOf(type).label_en; }

std::string_view ToText(Status status) { return Text(status); }
std::optional<Status> StatusFromText(std::string_view text) { return FromText<Status>(text); }
std::string_view StatusLabelJa(Status status) { return EntryOf(status).label_ja; }

bool IsSide(std::string_view s) { return OneOf(kSides, s); }
bool IsPartyRole(std::string_view s) { return OneOf(kPartyRoles, s); }
bool IsRenewal(std::string_view s) { return OneOf(kRenewals, s); }

bool IsFinal(Status s) { return s == Status::kExpired || s == Status::kTerminated; }
bool IsInForce(Status s) { return s == Status::kSigned || s == Status::kActive; }

bool IsAllowedTransition(Status from, Status to) {
    if (from == to) return false;
    if (to == Status::kTerminated) return !IsFinal(from);
    for (const auto& e : kEdges)
        if (e.from == from && e.to == to) return true;
    return false;
}

bool MayTransition(Status from, Status to, const Actor& who) {
    if (!IsAllowedTransition(from, to)) return false;
    if (who.is_system) return (from == Status::kSigned && to == Status::kActive) || to == Status::kExpired;
    // The office drives every step. Approval is the approval chain's (稟議) alone: its last step's
    // approver moves the contract (four eyes and more); the history records who approved.
    if (to == Status::kApproved) return who.by_chain;
    if (who.by_chain) return false;
    return who.is_office || who.is_admin;
}

std::vector<Status> NextStatuses(Status from, const Actor& who) {
    std::vector<Status> out;
    for (const auto& s : kStatuses)
        if (MayTransition(from, s.value, who)) out.push_back(s.value);
    return out;
}

bool IsDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    int m = std::stoi(std::string(s.substr(5, 2))), d = std::stoi(std::string(s.substr(8, 2)));
    if (m < 1 || m > 12 || d < 1) return false;
    std::chrono::year_month_day ymd{std::chrono::year{std::stoi(std::string(s.substr(0, 4)))},
                                    std::chrono::month{static_cast<unsigned>(m)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    return ymd.ok();
}

std::optional<Problem> ValidateTerms(const Terms& t) {
    auto pct = [](const std::optional<int>& v) { return !v || (*v >= 0 && *v <= 100); };
    if (!pct(t.ip_share_university)) return Problem{"terms.ip_share_university", "a share is 0–100 %"};
    if (!pct(t.ip_share_company)) return Problem{"terms.ip_share_company", "a share is 0–100 %"};
    if (t.ip_share_university && t.ip_share_company && *t.ip_share_university + *t.ip_share_company != 100)
        return Problem{"terms.ip_share_company", "the IP shares must add up to 100 %"};
    if (t.publication_review_days && (*t.publication_review_days < 0 || *t.publication_review_days > 365))
        return Problem{"terms.publication_review_days", "the review period is 0–365 days"};
    if (t.confidentiality_years && (*t.confidentiality_years < 0 || *t.confidentiality_years > 30))
        return Problem{"terms.confidentiality_years", "the confidentiality period is 0–30 years"};
    if (!pct(t.indirect_cost_rate)) return Problem{"terms.indirect_cost_rate", "the rate is 0–100 %"};
    if (t.amount_yen && (*t.amount_yen < 0 || *t.amount_yen > 100'000'000'000LL))
        return Problem{"terms.amount_yen", "the amount must be 0 or more (yen)"};
    if (t.starts_on && !IsDate(*t.starts_on)) return Problem{"terms.starts_on", "a date is YYYY-MM-DD"};
    if (t.ends_on && !IsDate(*t.ends_on)) return Problem{"terms.ends_on", "a date is YYYY-MM-DD"};
    if (t.starts_on && t.ends_on && *t.ends_on < *t.starts_on)
        return Problem{"terms.ends_on", "the term must end on or after its start"};
    if (!IsRenewal(t.renewal)) return Problem{"terms.renewal", "renewal is none, automatic or by_agreement"};
    return std::nullopt;
}

std::optional<Problem> ReadyToSign(const Terms& t) {
    if (!t.starts_on) return Problem{"terms.starts_on", "a contract needs the start of its term before it is signed"};
    if (!t.ends_on) return Problem{"terms.ends_on", "a contract needs the end of its term before it is signed"};
    return std::nullopt;
}

boost::json::object TermsToJson(const Terms& t) {
    boost::json::object o;
    auto opt = [&](const char* k, const auto& v) {
        if (v)
            o[k] = *v;
        else
            o[k] = nullptr;
    };
    opt("ip_share_university", t.ip_share_university);
    opt("ip_share_company", t.ip_share_company);
    opt("publication_review_days", t.publication_review_days);
    opt("confidentiality_years", t.confidentiality_years);
    opt("indirect_cost_rate", t.indirect_cost_rate);
    opt("amount_yen", t.amount_yen);
    o["payment_schedule"] = t.payment_schedule;
    opt("starts_on", t.starts_on);
    opt("ends_on", t.ends_on);
    o["renewal"] = t.renewal;
    o["purpose"] = t.purpose;
    return o;
}

Terms TermsFromJson(const boost::json::value& v) {
    if (!v.is_object()) throw Invalid("terms", "terms must be an object");
    const auto& o = v.as_object();
    Terms t;
    auto integer = [&](const char* k, long long max) -> std::optional<long long> {
        return OptionalInteger(o, k, -1, max, std::string("terms.") + k);
    };
    auto text = [&](const char* k, size_t max) -> std::optional<std::string> {
        auto it = o.find(k);
        if (it == o.end() || it->value().is_null()) return std::nullopt;
        if (!it->value().is_string()) throw Invalid(std::string("terms.") + k, std::string(k) + " must be text");
        std::string s(it->value().as_string());
        if (s.size() > max * 4) throw Invalid(std::string("terms.") + k, std::string(k) + " is too long");
        return s;
    };
    auto small = [&](const char* k) -> std::optional<int> {
        auto n = integer(k, 1000000);
        return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
    };
    t.ip_share_university = small("ip_share_university");
    t.ip_share_company = small("ip_share_company");
    t.publication_review_days = small("publication_review_days");
    t.confidentiality_years = small("confidentiality_years");
    t.indirect_cost_rate = small("indirect_cost_rate");
    t.amount_yen = integer("amount_yen", 100'000'000'000LL);
    t.payment_schedule = text("payment_schedule", 1000).value_or("");
    auto date = [&](const char* k) -> std::optional<std::string> {
        auto s = text(k, 10);
        if (!s || s->empty()) return std::nullopt;
        return s;
    };
    t.starts_on = date("starts_on");
    t.ends_on = date("ends_on");
    t.renewal = text("renewal", 20).value_or("none");
    if (t.renewal.empty()) t.renewal = "none";
    t.purpose = text("purpose", 2000).value_or("");
    if (auto p = ValidateTerms(t)) throw Invalid(p->field, p->message);
    return t;
}

const std::vector<MergeFieldInfo>& KnownMergeFields() {
    static const std::vector<MergeFieldInfo> list = {
        {"contract_title", "契約の件名", "Contract title"},
        {"contract_type", "契約の種類", "Contract type"},
        {"project_title", "プロジェクト名", "Project title"},
        {"project_title_en", "プロジェクト名（英語）", "Project title (English)"},
        {"pi_name", "研究代表者", "Principal investigator"},
        {"party_a_name", "甲（第1当事者）の名称", "Party A name"},
        {"party_a_signatory", "甲の署名者", "Party A signatory"},
        {"party_a_signatory_title", "甲の署名者の役職", "Party A signatory title"},
        {"party_b_name", "乙（第2当事者）の名称", "Party B name"},
        {"party_b_signatory", "乙の署名者", "Party B signatory"},
        {"party_b_signatory_title", "乙の署名者の役職", "Party B signatory title"},
        {"party_c_name", "丙（第3当事者）の名称", "Party C name"},
        {"party_c_signatory", "丙の署名者", "Party C signatory"},
        {"party_c_signatory_title", "丙の署名者の役職", "Party C signatory title"},
        {"parties", "当事者一覧", "All parties"},
        {"purpose", "目的", "Purpose"},
        {"ip_share_university", "知的財産の持分（大学）％", "IP share, university (%)"},
        {"ip_share_company", "知的財産の持分（企業）％", "IP share, company (%)"},
        {"publication_review_days", "公表前の確認期間（日）", "Publication review (days)"},
        {"confidentiality_years", "秘密保持期間（年）", "Confidentiality (years)"},
        {"indirect_cost_rate", "間接経費率（％）", "Indirect cost rate (%)"},
        {"amount_yen", "金額（円）", "Amount (yen)"},
        {"payment_schedule", "支払条件", "Payment schedule"},
        {"starts_on", "契約期間の開始日", "Term starts"},
        {"ends_on", "契約期間の終了日", "Term ends"},
        {"renewal", "更新", "Renewal"},
        {"covered_people", "秘密情報を取り扱う者", "People covered"},
        {"today", "作成日", "Date of the draft"},
    };
    return list;
}

bool IsKnownMergeField(std::string_view name) {
    for (const auto& p : KnownMergeFields())
        if (p.name == name) return true;
    return false;
}

std::string XmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                // Control characters other than tab and newline are not allowed in XML 1.0.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
                out += c;
        }
    }
    return out;
}

namespace {

// A <w:t> element's text inside `xml`: [begin, end) of its content.
struct TextSpan {
    size_t begin = 0, end = 0;
};

bool IsTagAt(std::string_view xml, size_t pos, std::string_view name) {
    // `name` like "<w:t": followed by '>', ' ' or '/' (so <w:tab/> or <w:tbl> do not match).
    if (xml.compare(pos, name.size(), name) != 0) return false;
    size_t after = pos + name.size();
    return after < xml.size() && (xml[after] == '>' || xml[after] == ' ' || xml[after] == '/');
}

// The <w:t> spans of a paragraph's XML [from, to). Self-closing <w:t/> has none.
std::vector<TextSpan> TextSpans(std::string_view xml, size_t from, size_t to) {
    std::vector<TextSpan> out;
    size_t pos = from;
    while (true) {
        pos = xml.find("<w:t", pos);
        if (pos == std::string_view::npos || pos >= to) break;
        if (!IsTagAt(xml, pos, "<w:t")) {
            pos += 4;
            continue;
        }
        size_t gt = xml.find('>', pos);
        if (gt == std::string_view::npos || gt >= to) break;
        if (xml[gt - 1] == '/') {
            pos = gt + 1;
            continue;
        }
        size_t close = xml.find("</w:t>", gt);
        if (close == std::string_view::npos || close > to) break;
        out.push_back({gt + 1, close});
        pos = close + 6;
    }
    return out;
}

// Paragraph ranges [start, end) of `<w:p ...>` … `</w:p>`.
std::vector<std::pair<size_t, size_t>> Paragraphs(std::string_view xml) {
    std::vector<std::pair<size_t, size_t>> out;
    size_t pos = 0;
    while (true) {
        pos = xml.find("<w:p", pos);
        if (pos == std::string_view::npos) break;
        if (!IsTagAt(xml, pos, "<w:p")) {
            pos += 4;
            continue;
        }
        size_t gt = xml.find('>', pos);
        if (gt == std::string_view::npos) break;
        if (xml[gt - 1] == '/') {  // <w:p/>
            pos = gt + 1;
            continue;
        }
        size_t end = xml.find("</w:p>", gt);
        if (end == std::string_view::npos) break;
        out.push_back({pos, end + 6});
        pos = end + 6;
    }
    return out;
}

struct Occurrence {
    size_t begin, end;  // in the merged text
    std::string name;
};

std::vector<Occurrence> FindInText(const std::string& text) {
    std::vector<Occurrence> out;
    size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string::npos) {
        size_t close = text.find("}}", pos + 2);
        if (close == std::string::npos) break;
        std::string inner = text.substr(pos + 2, close - pos - 2);
        // Trim spaces; the name is [A-Za-z0-9_]+.
        size_t a = inner.find_first_not_of(' '), b = inner.find_last_not_of(' ');
        std::string name = a == std::string::npos ? "" : inner.substr(a, b - a + 1);
        bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
        });
        if (ok) {
            out.push_back({pos, close + 2, name});
            pos = close + 2;
        } else {
            pos += 2;  // "{{{name}}": try again from the next brace
        }
    }
    return out;
}

std::string MergedText(std::string_view xml, const std::vector<TextSpan>& spans) {
    std::string text;
    for (const auto& s : spans) text.append(xml.substr(s.begin, s.end - s.begin));
    return text;
}

std::string ValueXml(const std::string& value) {
    // The value is written inside a <w:t>: escape it, and turn each newline into a line break.
    std::string escaped = XmlEscape(value), out;
    for (char c : escaped) {
        if (c == '\n')
            out += "</w:t><w:br/><w:t xml:space=\"preserve\">";
        else
            out += c;
    }
    return out;
}

}  // namespace

namespace {

// Where each {{name}} merge field starts in the part (the position of its first character in the XML).
std::vector<std::pair<size_t, std::string>> BraceFieldsAt(std::string_view xml) {
    std::vector<std::pair<size_t, std::string>> out;
    for (auto [from, to] : Paragraphs(xml)) {
        auto spans = TextSpans(xml, from, to);
        size_t offset = 0, i = 0;
        for (auto& occ : FindInText(MergedText(xml, spans))) {
            while (i + 1 < spans.size() && offset + (spans[i].end - spans[i].begin) <= occ.begin) {
                offset += spans[i].end - spans[i].begin;
                ++i;
            }
            out.push_back({spans[i].begin + (occ.begin - offset), occ.name});
        }
    }
    return out;
}

// Fills the {{name}} merge fields only (see FillMergeFields).
std::string FillBraceFields(std::string_view xml, const std::map<std::string, std::string>& values) {
    std::string out;
    out.reserve(xml.size() + 1024);
    size_t copied = 0;
    for (auto [from, to] : Paragraphs(xml)) {
        auto spans = TextSpans(xml, from, to);
        std::string merged = MergedText(xml, spans);
        auto occurrences = FindInText(merged);
        std::erase_if(occurrences, [&](const Occurrence& o) { return !values.count(o.name); });
        if (occurrences.empty()) continue;
        // New content of each span: walk the merged text, span by span.
        std::vector<std::string> content(spans.size());
        std::vector<size_t> start(spans.size());
        size_t offset = 0;
        for (size_t i = 0; i < spans.size(); ++i) {
            start[i] = offset;
            offset += spans[i].end - spans[i].begin;
        }
        auto span_of = [&](size_t merged_pos) {
            size_t i = 0;
            while (i + 1 < spans.size() && start[i + 1] <= merged_pos) ++i;
            return i;
        };
        // Assign each merged character to its span unless it belongs to a merge field; a
        // merge field's value goes to the span where it starts.
        size_t next = 0;  // next occurrence
        for (size_t pos = 0; pos < merged.size();) {
            if (next < occurrences.size() && pos == occurrences[next].begin) {
                content[span_of(pos)] += ValueXml(values.at(occurrences[next].name));
                pos = occurrences[next].end;
                ++next;
                continue;
            }
            content[span_of(pos)] += merged[pos];
            ++pos;
        }
        out.append(xml.substr(copied, from - copied));
        size_t at = from;
        for (size_t i = 0; i < spans.size(); ++i) {
            std::string_view before = xml.substr(at, spans[i].begin - at);
            // Make sure leading/trailing spaces survive in the rewritten text.
            std::string open(before);
            size_t tag = open.rfind("<w:t");
            if (tag != std::string::npos && open.find("xml:space", tag) == std::string::npos)
                open.insert(tag + 4, " xml:space=\"preserve\"");
            out.append(open);
            out.append(content[i]);
            at = spans[i].end;
        }
        out.append(xml.substr(at, to - at));
        copied = to;
    }
    out.append(xml.substr(copied));
    return out;
}

// ---- Word field codes ----

std::string XmlUnescape(std::string_view text) {
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    std::string out;
    for (size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '&')
            for (auto [entity, c] : kEntities)
                if (text.compare(i, entity.size(), entity) == 0) {
                    out += c;
                    i += entity.size();
                    replaced = true;
                    break;
                }
        if (!replaced) out += text[i++];
    }
    return out;
}

// The value of attribute `name` (e.g. "w:instr") in the start tag xml[tag_begin, tag_end), unescaped.
std::optional<std::string> Attribute(std::string_view xml, size_t tag_begin, size_t tag_end, std::string_view name) {
    std::string_view tag = xml.substr(tag_begin, tag_end - tag_begin);
    for (size_t pos = tag.find(name); pos != std::string_view::npos; pos = tag.find(name, pos + 1)) {
        if (pos == 0 || tag[pos - 1] != ' ') continue;
        size_t eq = pos + name.size();
        while (eq < tag.size() && tag[eq] == ' ') ++eq;
        if (eq >= tag.size() || tag[eq] != '=') continue;
        size_t quote = tag.find_first_of("\"'", eq);
        if (quote == std::string_view::npos) return std::nullopt;
        size_t close = tag.find(tag[quote], quote + 1);
        if (close == std::string_view::npos) return std::nullopt;
        return XmlUnescape(tag.substr(quote + 1, close - quote - 1));
    }
    return std::nullopt;
}

// The end of the element that starts at `pos` with the tag `<name`: after its `/>` or its
// matching close tag (elements of the same name nested inside are skipped); npos if unclosed.
size_t ElementEnd(std::string_view xml, size_t pos, std::string_view name) {
    size_t gt = xml.find('>', pos);
    if (gt == std::string_view::npos) return gt;
    if (xml[gt - 1] == '/') return gt + 1;
    std::string open = "<" + std::string(name), close = "</" + std::string(name) + ">";
    int depth = 1;
    for (size_t at = gt + 1; depth > 0;) {
        size_t next_close = xml.find(close, at), next_open = xml.find(open, at);
        if (next_close == std::string_view::npos) return next_close;
        if (next_open < next_close && IsTagAt(xml, next_open, open)) {
            size_t open_gt = xml.find('>', next_open);
            if (open_gt == std::string_view::npos) return open_gt;
            if (xml[open_gt - 1] != '/') ++depth;
            at = open_gt + 1;
            continue;
        }
        if (--depth == 0) return next_close + close.size();
        at = next_close + close.size();
    }
    return std::string_view::npos;
}

// The first run properties (<w:rPr>…</w:rPr>) in xml[from, to), or "".
std::string FirstRunProperties(std::string_view xml, size_t from, size_t to) {
    for (size_t pos = xml.find("<w:rPr", from); pos != std::string_view::npos && pos < to;
         pos = xml.find("<w:rPr", pos + 6)) {
        if (!IsTagAt(xml, pos, "<w:rPr")) continue;
        size_t end = ElementEnd(xml, pos, "w:rPr");
        if (end != std::string_view::npos && end <= to) return std::string(xml.substr(pos, end - pos));
    }
    return "";
}

// The merge field a field instruction names: "MERGEFIELD name \* MERGEFORMAT" → "name" (the
// keyword in any case, the name possibly quoted); nullopt for any other field or a name outside
// [A-Za-z0-9_].
std::optional<std::string> MergeFieldName(std::string_view instruction) {
    size_t pos = instruction.find_first_not_of(" \t\r\n");
    constexpr std::string_view kKeyword = "MERGEFIELD";
    if (pos == std::string_view::npos || instruction.size() < pos + kKeyword.size()) return std::nullopt;
    for (size_t i = 0; i < kKeyword.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(instruction[pos + i])) != kKeyword[i]) return std::nullopt;
    pos += kKeyword.size();
    if (pos >= instruction.size() || (instruction[pos] != ' ' && instruction[pos] != '\t')) return std::nullopt;
    pos = instruction.find_first_not_of(" \t", pos);
    if (pos == std::string_view::npos) return std::nullopt;
    std::string name;
    if (instruction[pos] == '"') {
        size_t close = instruction.find('"', pos + 1);
        if (close == std::string_view::npos) return std::nullopt;
        name = std::string(instruction.substr(pos + 1, close - pos - 1));
    } else {
        size_t end = instruction.find_first_of(" \t\\", pos);
        name = std::string(instruction.substr(pos, end == std::string_view::npos ? end : end - pos));
    }
    bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    if (!ok) return std::nullopt;
    return name;
}

// A merge field written as a Word field: xml[begin, end) is the whole field (a <w:fldSimple>, or
// the runs from the one with fldChar "begin" through the one with fldChar "end"), `properties` the
// run properties its shown result had.
struct FieldCode {
    size_t begin, end;
    std::string name, properties;
};

// Every MERGEFIELD of the part in document order. A complex field that spans paragraphs or sits
// inside another field's instruction (e.g. the condition of an IF) is left to Word: found, but
// not listed for replacement (`replaceable` false).
struct FoundField {
    FieldCode field;
    bool replaceable;
};
std::vector<FoundField> FieldCodes(std::string_view xml) {
    std::vector<FoundField> out;
    // Simple fields: <w:fldSimple w:instr="…">result runs</w:fldSimple> (or self-closing).
    for (size_t pos = xml.find("<w:fldSimple"); pos != std::string_view::npos;
         pos = xml.find("<w:fldSimple", pos + 1)) {
        if (!IsTagAt(xml, pos, "<w:fldSimple")) continue;
        size_t gt = xml.find('>', pos);
        size_t end = ElementEnd(xml, pos, "w:fldSimple");
        if (gt == std::string_view::npos || end == std::string_view::npos) break;
        auto instruction = Attribute(xml, pos, gt, "w:instr");
        auto name = instruction ? MergeFieldName(*instruction) : std::nullopt;
        if (name) out.push_back({{pos, end, *name, FirstRunProperties(xml, gt, end)}, true});
    }
    // Complex fields: runs carrying fldChar begin / instrText / separate / result runs / end.
    struct Open {
        size_t begin;  // start of the run with "begin"
        std::string instruction;
        bool in_result = false;  // past "separate"
        std::string begin_properties;
        std::optional<std::string> result_properties;  // of the first result run with text
        bool nested_in_instruction = false, has_nested = false;
        size_t paragraph_ends = 0;  // </w:p> seen since "begin"
    };
    std::vector<Open> open;
    for (size_t pos = xml.find('<'); pos != std::string_view::npos; pos = xml.find('<', pos + 1)) {
        if (IsTagAt(xml, pos, "</w:p")) {
            for (auto& f : open) ++f.paragraph_ends;
            continue;
        }
        if (!IsTagAt(xml, pos, "<w:r")) continue;
        size_t run_end = ElementEnd(xml, pos, "w:r");
        if (run_end == std::string_view::npos) break;
        std::string properties = FirstRunProperties(xml, pos, run_end);
        // The run's field events in order.
        for (size_t at = pos; at < run_end;) {
            size_t next = xml.find('<', at + 1);
            if (next == std::string_view::npos || next >= run_end) break;
            at = next;
            if (IsTagAt(xml, at, "<w:fldChar")) {
                size_t gt = xml.find('>', at);
                auto type = Attribute(xml, at, gt, "w:fldCharType").value_or("");
                if (type == "begin") {
                    Open f;
                    f.begin = pos;
                    f.begin_properties = properties;
                    if (!open.empty()) {
                        open.back().has_nested = true;
                        f.nested_in_instruction = !open.back().in_result || open.back().nested_in_instruction;
                    }
                    open.push_back(std::move(f));
                } else if (type == "separate" && !open.empty()) {
                    open.back().in_result = true;
                } else if (type == "end" && !open.empty()) {
                    Open f = std::move(open.back());
                    open.pop_back();
                    if (auto name = MergeFieldName(f.instruction)) {
                        bool replaceable = !f.nested_in_instruction && !f.has_nested && f.paragraph_ends == 0;
                        out.push_back(
                            {{f.begin, run_end, *name, f.result_properties.value_or(f.begin_properties)}, replaceable});
                    }
                }
            } else if (IsTagAt(xml, at, "<w:instrText") && !open.empty() && !open.back().in_result) {
                size_t gt = xml.find('>', at);
                if (xml[gt - 1] == '/') continue;
                size_t close = xml.find("</w:instrText>", gt);
                if (close == std::string_view::npos || close > run_end) break;
                open.back().instruction += XmlUnescape(xml.substr(gt + 1, close - gt - 1));
            } else if (IsTagAt(xml, at, "<w:t") && !open.empty() && open.back().in_result &&
                       !open.back().result_properties) {
                open.back().result_properties = properties;
            }
        }
        pos = run_end - 1;
    }
    std::sort(out.begin(), out.end(),
              [](const FoundField& a, const FoundField& b) { return a.field.begin < b.field.begin; });
    return out;
}

// Replaces the MERGEFIELD fields that have a value by one run with the value, formatted as the
// field's result was.
std::string FillFieldCodes(std::string_view xml, const std::map<std::string, std::string>& values) {
    std::string out;
    size_t copied = 0;
    for (const auto& found : FieldCodes(xml)) {
        const auto& f = found.field;
        auto value = values.find(f.name);
        if (!found.replaceable || value == values.end() || f.begin < copied) continue;
        out.append(xml.substr(copied, f.begin - copied));
        out += "<w:r>" + f.properties + "<w:t xml:space=\"preserve\">" + ValueXml(value->second) + "</w:t></w:r>";
        copied = f.end;
    }
    out.append(xml.substr(copied));
    return out;
}

}  // namespace

std::vector<std::string> FindMergeFields(std::string_view xml) {
    auto found = BraceFieldsAt(xml);
    for (const auto& f : FieldCodes(xml)) found.push_back({f.field.begin, f.field.name});
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& [at, name] : found)
        if (seen.insert(name).second) out.push_back(name);
    return out;
}

// {{name}} fields first: a value is plain text and never becomes a field, so nothing a user typed is
// filled in twice.
std::string FillMergeFields(std::string_view xml, const std::map<std::string, std::string>& values) {
    return FillFieldCodes(FillBraceFields(xml, values), values);
}

std::string JapaneseDate(std::string_view iso) {
    if (!IsDate(iso)) return std::string(iso);
    int y = std::stoi(std::string(iso.substr(0, 4))), m = std::stoi(std::string(iso.substr(5, 2))),
        d = std::stoi(std::string(iso.substr(8, 2)));
    return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

std::string GroupDigits(long long n) {
    bool negative = n < 0;
    std::string digits = std::to_string(negative ? -n : n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

std::map<std::string, std::vector<double>> StaysInDays(const std::vector<StatusChange>& h) {
    std::map<std::string, std::vector<double>> out;
    for (size_t i = 0; i + 1 < h.size(); ++i) {
        long long seconds = h[i + 1].at - h[i].at;
        if (seconds < 0) continue;
        out[h[i].to_status].push_back(static_cast<double>(seconds) / 86400.0);
    }
    return out;
}

double Median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

int StaleAfterDays(Status status) {
    switch (status) {
        case Status::kDraft:
            return 14;
        case Status::kInternalReview:
            return 10;
        case Status::kNegotiating:
            return 30;
        case Status::kApproved:
            return 14;
        default:
            return 0;  // signed: activation follows the start date; in force or final: never
    }
}

namespace {
// A date the service has already checked (YYYY-MM-DD, a real day).
std::chrono::sys_days Days(std::string_view d) {
    auto date = ParseDate(d);
    if (!date) throw Invalid("date", "a date YYYY-MM-DD is required");
    return std::chrono::sys_days{*date};
}
}  // namespace

Seconds TokyoStartOf(std::string_view iso_date) { return FromTokyo(Date{Days(iso_date)}); }

int DaysBetween(std::string_view a, std::string_view b) { return static_cast<int>((Days(b) - Days(a)).count()); }

}  // namespace renkei::contracts
