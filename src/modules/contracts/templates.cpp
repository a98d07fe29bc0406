// The office's .docx templates per contract type (uploaded versions or the built-in one) and
// the drafts filled from them.
#include <boost/json.hpp>
#include <map>

#include "modules/contracts/docx.hpp"
#include "modules/contracts/internal.hpp"
#include "modules/contracts/store.hpp"
#include "modules/projects/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/base64.hpp"

namespace renkei::contracts {
namespace {

namespace json = boost::json;

// kNotFound for a type that is not one of ours (it is a path segment).
ContractType TypeInPath(const std::string& text) {
    auto type = TypeFromText(text);
    if (!type) throw NotFound("contract type");
    return *type;
}

// Template bytes: the newest upload of the type, or the built-in one.
std::pair<int, std::string> CurrentTemplate(db::Tx& tx, ContractType type) {
    int version = store::LatestTemplateVersion(tx, type);
    if (version > 0)
        if (auto f = store::TemplateFile(tx, type, version))
            return {version, text::DecodeStored(f->second, "template")};
    return {0, docx::DefaultTemplate(type)};
}

std::map<std::string, std::string> Values(db::Tx& tx, const Contract& c, const Orgs& orgs, Seconds now) {
    std::map<std::string, std::string> v;
    auto blank = [](const std::string& s) { return s.empty() ? std::string("＿＿＿＿") : s; };
    auto number = [&](const std::optional<int>& n) { return n ? std::to_string(*n) : std::string("＿＿"); };
    v["contract_title"] = c.title;
    v["contract_type"] = std::string(TypeLabelJa(c.type));
    v["project_title"] = "＿＿＿＿";
    v["project_title_en"] = "";
    v["pi_name"] = "＿＿＿＿";
    if (c.project_id)
        if (auto p = projects::FindProjectForModule(tx, *c.project_id)) {
            v["project_title"] = p->title_ja;
            v["project_title_en"] = p->title_en;
            if (auto* pi = p->WithRole("pi")) v["pi_name"] = blank(PersonName(tx, pi->person.id));
        }
    const char* letters[] = {"a", "b", "c"};
    std::string all;
    for (size_t i = 0; i < 3; ++i) {
        std::string key = std::string("party_") + letters[i];
        if (i < c.parties.size()) {
            const auto& p = c.parties[i];
            v[key + "_name"] = p.name_ja;
            v[key + "_signatory"] = blank(p.signatory_name);
            v[key + "_signatory_title"] = p.signatory_title;
        } else {
            v[key + "_name"] = v[key + "_signatory"] = v[key + "_signatory_title"] = "";
        }
    }
    for (const auto& p : c.parties) all += (all.empty() ? "" : "、") + p.name_ja;
    v["parties"] = all;
    v["purpose"] = blank(c.terms.purpose);
    v["ip_share_university"] = number(c.terms.ip_share_university);
    v["ip_share_company"] = number(c.terms.ip_share_company);
    v["publication_review_days"] = number(c.terms.publication_review_days);
    v["confidentiality_years"] = number(c.terms.confidentiality_years);
    v["indirect_cost_rate"] = number(c.terms.indirect_cost_rate);
    v["amount_yen"] = c.terms.amount_yen ? GroupDigits(*c.terms.amount_yen) : "＿＿＿＿";
    v["payment_schedule"] = blank(c.terms.payment_schedule);
    v["starts_on"] = c.terms.starts_on ? JapaneseDate(*c.terms.starts_on) : "＿＿年＿＿月＿＿日";
    v["ends_on"] = c.terms.ends_on ? JapaneseDate(*c.terms.ends_on) : "＿＿年＿＿月＿＿日";
    v["renewal"] = c.terms.renewal == "automatic" ? "期間満了の1か月前までに申し出がない限り1年間自動更新する"
                   : c.terms.renewal == "by_agreement" ? "当事者の協議により更新できる"
                                                       : "更新しない";
    std::string covered;
    for (const auto& [person, company] : CoveredPairs(tx, c, orgs)) {
        auto name = PersonName(tx, person);
        if (covered.find(name) == std::string::npos) covered += (covered.empty() ? "" : "、") + name;
    }
    v["covered_people"] = covered.empty() ? "甲及び乙が指定する者" : covered;
    v["today"] = JapaneseDate(TokyoDate(now));
    return v;
}

std::string SafeFileStem(const std::string& s) {
    std::string out;
    for (unsigned char ch : s) {
        if (ch < 0x20 || ch == '/' || ch == '\\' || ch == '"' || ch == ':' || ch == '*' || ch == '?' || ch == '<' ||
            ch == '>' || ch == '|')
            out += '_';
        else
            out += static_cast<char>(ch);
    }
    return out.empty() ? "contract" : out;
}

}  // namespace

File Draft(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Orgs orgs(tx);
    auto c = LoadFor(tx, me, id, orgs);
    auto [version, bytes] = CurrentTemplate(tx, c.type);
    File f;
    f.bytes = docx::Fill(bytes, Values(tx, c, orgs, now));
    f.content_type = docx::kContentType;
    f.filename = SafeFileStem(std::string(TypeLabelJa(c.type)) + "_" + c.title) + "_案.docx";
    audit::Record(
        tx, me.person_id, "draft", "contract", c.id, nullptr,
        json::object{{"template_version", version}, {"size_bytes", static_cast<std::int64_t>(f.bytes.size())}});
    return f;
}

std::vector<TypeTemplates> Templates(db::Tx& tx, const Me& me) {
    if (!SeesAll(me)) throw Forbidden("only the office manages templates");
    std::vector<TypeTemplates> types;
    auto all = store::Templates(tx, std::nullopt);  // one query for every type
    for (const auto& kind : kTypes) {
        TypeTemplates out;
        out.type = kind.value;
        for (const auto& t : all) {
            if (t.type != kind.value) continue;
            if (!out.current_version) {
                out.current_version = t.version;
                out.merge_fields = t.merge_fields;
            }
            out.versions.push_back({t, PersonRefOf(tx, t.uploaded_by)});
        }
        if (!out.current_version)
            out.merge_fields = docx::MergeFields(docx::ReadArchive(docx::DefaultTemplate(kind.value)));
        types.push_back(std::move(out));
    }
    return types;
}

Template UploadTemplate(db::Tx& tx, const Me& me, const std::string& type_text, const std::string& filename,
                        const std::string& bytes, const std::string& note, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office manages templates");
    auto type = TypeInPath(type_text);
    if (bytes.empty()) throw Invalid("file", "the file is empty");
    if (bytes.size() > size_t{900} * 1024) throw Invalid("file", "a template is at most 900 KB");
    if (filename.empty() || filename.size() > 200 || filename.find('/') != std::string::npos ||
        filename.find('"') != std::string::npos || !CleanUtf8(filename, false))
        throw Invalid("filename", "a file name without slashes or quotes is required");
    auto entries = docx::ReadArchive(bytes, "file");
    Template t;
    t.id = NewId();
    t.type = type;
    t.version = store::LatestTemplateVersion(tx, type) + 1;
    t.filename = filename;
    t.size_bytes = static_cast<long long>(bytes.size());
    t.merge_fields = docx::MergeFields(entries);
    t.note = note;
    t.uploaded_by = me.person_id;
    t.uploaded_at = now;
    store::InsertTemplate(tx, t, text::ToBase64(bytes));
    json::array names;
    for (auto& n : t.merge_fields) names.emplace_back(n);
    audit::Record(
        tx, me.person_id, "upload", "contract_template", t.id, nullptr,
        json::object{{"type", type_text}, {"version", t.version}, {"filename", filename}, {"merge_fields", names}});
    return t;
}

File TemplateFile(db::Tx& tx, const Me& me, const std::string& type_text, std::optional<int> version) {
    if (!SeesAll(me)) throw Forbidden("only the office manages templates");
    auto type = TypeInPath(type_text);
    File f;
    f.content_type = docx::kContentType;
    int v = version.value_or(store::LatestTemplateVersion(tx, type));
    if (v == 0) {
        f.bytes = docx::DefaultTemplate(type);
        f.filename = "template_" + type_text + "_builtin.docx";
        return f;
    }
    auto stored = store::TemplateFile(tx, type, v);
    if (!stored) throw NotFound("template version");
    f.bytes = text::DecodeStored(stored->second, "template");
    f.filename = stored->first.filename;
    return f;
}

namespace documents {
std::string Paragraph(const std::string& text, const char* style) { return docx::Paragraph(text, style); }
std::string Package(const std::string& body, const std::string& header, const std::string& footer) {
    return docx::Package(body, header, footer);
}
std::string Fill(const std::string& template_bytes, const std::map<std::string, std::string>& values) {
    return docx::Fill(template_bytes, values);
}
std::vector<std::string> MergeFieldsOf(const std::string& bytes, const std::string& field) {
    return docx::MergeFields(docx::ReadArchive(bytes, field));
}
}  // namespace documents

}  // namespace renkei::contracts
