#include "modules/contracts/docx.hpp"

#include <zip.h>

#include <algorithm>
#include <memory>

#include "modules/contracts/model.hpp"
#include "platform/error.hpp"

namespace renkei::contracts::docx {
namespace {

constexpr size_t kMaxEntryBytes = size_t{20} * 1024 * 1024;  // a template's part, uncompressed
constexpr size_t kMaxEntries = 500;

struct ZipCloser {
    void operator()(zip_t* z) const {
        if (z) zip_discard(z);
    }
};

}  // namespace

std::vector<Entry> ReadArchive(const std::string& bytes, const std::string& field) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!src) throw Invalid(field, "the file could not be read");
    std::unique_ptr<zip_t, ZipCloser> za(zip_open_from_source(src, ZIP_RDONLY, &error));
    if (!za) {
        zip_source_free(src);
        zip_error_fini(&error);
        throw Invalid(field, "the file is not a Word document (.docx)");
    }
    zip_int64_t n = zip_get_num_entries(za.get(), 0);
    if (n < 0 || static_cast<size_t>(n) > kMaxEntries) throw Invalid(field, "the file has too many parts");
    std::vector<Entry> out;
    bool has_document = false;
    size_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za.get(), i, 0, &st) != 0 || !st.name) throw Invalid(field, "the file is damaged");
        if (st.size > kMaxEntryBytes || (total += st.size) > 4 * kMaxEntryBytes)
            throw Invalid(field, "the file is too large when unpacked");
        Entry e;
        e.name = st.name;
        e.bytes.resize(st.size);
        zip_file_t* f = zip_fopen_index(za.get(), i, 0);
        if (!f) throw Invalid(field, "the file is damaged");
        zip_int64_t read = st.size ? zip_fread(f, e.bytes.data(), st.size) : 0;
        zip_fclose(f);
        if (read < 0 || static_cast<zip_uint64_t>(read) != st.size) throw Invalid(field, "the file is damaged");
        if (e.name == "word/document.xml") has_document = true;
        out.push_back(std::move(e));
    }
    if (!has_document) throw Invalid(field, "the file is not a Word document (no word/document.xml)");
    return out;
}

std::string WriteArchive(const std::vector<Entry>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!src) throw Error{ErrorCode::kInternal, "", "zip: cannot create a buffer"};
    zip_source_keep(src);
    zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
    if (!za) {
        zip_source_free(src);
        throw Error{ErrorCode::kInternal, "", "zip: cannot open the buffer"};
    }
    for (const auto& e : entries) {
        zip_source_t* part = zip_source_buffer(za, e.bytes.data(), e.bytes.size(), 0);
        if (!part || zip_file_add(za, e.name.c_str(), part, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            if (part) zip_source_free(part);
            zip_discard(za);
            zip_source_free(src);
            throw Error{ErrorCode::kInternal, "", "zip: cannot add " + e.name};
        }
    }
    if (zip_close(za) != 0) {
        zip_discard(za);
        zip_source_free(src);
        throw Error{ErrorCode::kInternal, "", "zip: cannot write the archive"};
    }
    std::string out;
    if (zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t size = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (size > 0) {
            out.resize(static_cast<size_t>(size));
            zip_int64_t got = zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
            if (got != size) out.clear();
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    if (out.empty()) throw Error{ErrorCode::kInternal, "", "zip: the archive is empty"};
    return out;
}

bool IsTextPart(const std::string& name) {
    if (name == "word/document.xml") return true;
    auto starts = [&](const char* p) { return name.rfind(p, 0) == 0; };
    bool xml = name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
    return xml && (starts("word/header") || starts("word/footer"));
}

std::vector<std::string> MergeFields(const std::vector<Entry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) {
        if (!IsTextPart(e.name)) continue;
        for (auto& name : FindMergeFields(e.bytes))
            if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

std::string Fill(const std::string& template_bytes, const std::map<std::string, std::string>& values) {
    auto entries = ReadArchive(template_bytes, "template");
    for (auto& e : entries)
        if (IsTextPart(e.name)) e.bytes = FillMergeFields(e.bytes, values);
    return WriteArchive(entries);
}

namespace {

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>)";
const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";
const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>)";
const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Century" w:eastAsia="MS Mincho" w:hAnsi="Century"/><w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="ja-JP"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="120"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:spacing w:before="200" w:after="80"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>)";
constexpr const char* kNs =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";

}  // namespace

std::string Paragraph(const std::string& text, const char* style) {
    std::string p = "<w:p>";
    if (style) p += std::string("<w:pPr><w:pStyle w:val=\"") + style + "\"/></w:pPr>";
    return p + "<w:r><w:t xml:space=\"preserve\">" + XmlEscape(text) + "</w:t></w:r></w:p>";
}

namespace {

struct Article {
    const char* heading;
    const char* text;
};

std::string Body(const std::string& title, const std::string& preamble, const std::vector<Article>& articles) {
    std::string body = Paragraph(title, "Title") + Paragraph("件名：{{contract_title}}") +
                       Paragraph("対象プロジェクト：{{project_title}}（研究代表者：{{pi_name}}）") +
                       Paragraph(preamble);
    int n = 1;
    for (const auto& a : articles) {
        body += Paragraph("第" + std::to_string(n++) + "条（" + a.heading + "）", "Heading2");
        body += Paragraph(a.text);
    }
    body +=
        Paragraph("本契約の成立を証するため、本書を当事者の数だけ作成し、各当事者が記名押印のうえ各1通を保有する。");
    body += Paragraph("{{today}}");
    body += Paragraph("甲：{{party_a_name}}　{{party_a_signatory_title}}　{{party_a_signatory}}　印");
    body += Paragraph("乙：{{party_b_name}}　{{party_b_signatory_title}}　{{party_b_signatory}}　印");
    return body;
}

std::string DocumentXml(ContractType type) {
    const std::string preamble =
        "{{party_a_name}}（以下「甲」という。）と{{party_b_name}}（以下「乙」という。）は、次のとおり" +
        std::string(TypeLabelJa(type)) + "（以下「本契約」という。）を締結する。";
    std::string body;
    if (type == ContractType::kNda) {
        body = Body(
            "秘密保持契約書", preamble,
            {{"目的", "甲及び乙は、{{purpose}}（以下「本目的」という。）のため、相互に秘密情報を開示する。"},
             {"秘密情報の取扱い", "秘密情報を取り扱う者は、{{covered_people}}とし、本目的以外に使用しない。"},
             {"秘密保持期間", "本契約に基づく秘密保持義務は、本契約終了後も{{confidentiality_years}}年間存続する。"},
             {"契約期間", "本契約の有効期間は、{{starts_on}}から{{ends_on}}までとする。更新：{{renewal}}。"}});
    } else if (type == ContractType::kJointResearch) {
        body = Body(
            "共同研究契約書", preamble,
            {{"研究題目及び目的", "甲及び乙は、{{purpose}}について共同して研究を行う。"},
             {"研究経費",
              "乙は、研究経費として金{{amount_yen}}円（間接経費率{{indirect_cost_rate}}"
              "％を含む。）を負担する。支払条件：{{payment_schedule}}。"},
             {"知的財産権の帰属",
              "本研究により生じた知的財産権の持分は、甲{{ip_share_university}}％、乙{{ip_share_company}}％とする。"},
             {"研究成果の公表",
              "研究成果を公表しようとする当事者は、公表の{{publication_review_days}}"
              "日前までに相手方に書面で通知し、確認を得る。"},
             {"秘密保持",
              "当事者は、相手方の秘密情報を本契約終了後{{confidentiality_years}}年間、第三者に開示しない。"},
             {"研究期間", "研究期間は、{{starts_on}}から{{ends_on}}までとする。更新：{{renewal}}。"}});
    } else if (type == ContractType::kMta) {
        body = Body(
            "研究試料提供契約書", preamble,
            {{"提供する試料と目的", "甲は乙に対し、{{purpose}}のため、研究試料を提供する。"},
             {"対価", "試料の対価は金{{amount_yen}}円とする。支払条件：{{payment_schedule}}。"},
             {"成果の公表", "乙は、試料を用いた研究成果の公表の{{publication_review_days}}日前までに甲に通知する。"},
             {"期間", "本契約の有効期間は、{{starts_on}}から{{ends_on}}までとする。"}});
    } else if (type == ContractType::kCollaborationFee) {
        body = Body("研究協力費に関する契約書", preamble,
                    {{"目的", "乙は、{{purpose}}に対する研究協力費を甲に支払う。"},
                     {"金額及び支払",
                      "研究協力費は金{{amount_yen}}円（間接経費率{{indirect_cost_rate}}％を含む。）とし、{{payment_"
                      "schedule}}。"},
                     {"期間", "本契約の有効期間は、{{starts_on}}から{{ends_on}}までとする。"}});
    } else if (type == ContractType::kConsulting) {
        body = Body("コンサルティング契約書", preamble,
                    {{"業務内容", "甲の研究者は、乙に対し、{{purpose}}について助言を行う。"},
                     {"報酬", "乙は、報酬として金{{amount_yen}}円を支払う。支払条件：{{payment_schedule}}。"},
                     {"秘密保持", "当事者は、本契約終了後{{confidentiality_years}}年間、相手方の秘密情報を保持する。"},
                     {"期間", "本契約の有効期間は、{{starts_on}}から{{ends_on}}までとする。更新：{{renewal}}。"}});
    } else {
        body = Body("ライセンス契約書", preamble,
                    {{"許諾", "甲は乙に対し、{{purpose}}に関する甲の権利の実施を許諾する。"},
                     {"実施料", "乙は、実施料として金{{amount_yen}}円を支払う。支払条件：{{payment_schedule}}。"},
                     {"期間", "本契約の有効期間は、{{starts_on}}から{{ends_on}}までとする。更新：{{renewal}}。"}});
    }
    return body;
}

std::string DocumentPart(const std::string& body) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\n<w:document " + kNs +
           "><w:body>" + body +
           R"(<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1418" w:bottom="1418" w:left="1418" w:header="851" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>)";
}

std::string HeaderXml(bool footer, const std::string& text) {
    std::string tag = footer ? "w:ftr" : "w:hdr";
    return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\n<" + tag + " " + kNs + ">" +
           Paragraph(text) + "</" + tag + ">";
}

}  // namespace

std::string Package(const std::string& body, const std::string& header, const std::string& footer) {
    return WriteArchive({{"[Content_Types].xml", kContentTypes},
                         {"_rels/.rels", kRootRels},
                         {"word/_rels/document.xml.rels", kDocumentRels},
                         {"word/document.xml", DocumentPart(body)},
                         {"word/styles.xml", kStyles},
                         {"word/header1.xml", HeaderXml(false, header)},
                         {"word/footer1.xml", HeaderXml(true, footer)}});
}

std::string DefaultTemplate(ContractType type) {
    return Package(DocumentXml(type), "{{party_a_name}}・{{party_b_name}}　{{contract_title}}",
                   "{{contract_type}}（案）");
}

}  // namespace renkei::contracts::docx
