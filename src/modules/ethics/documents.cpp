// The documents a protocol needs: the application (.docx through the contracts module's template
// engine: the committee's uploaded template or the built-in Japanese one) and, for a 特定臨床研究,
// the COI forms 様式A–E (.xlsx with libxlsxwriter) from the declarations the COI module holds.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "modules/coi/service.hpp"
#include "modules/ethics/internal.hpp"
#include "modules/ethics/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/office/xlsx.hpp"
#include "platform/text/base64.hpp"

namespace renkei::ethics {
namespace {

namespace json = boost::json;
using contracts::GroupDigits;
using contracts::JapaneseDate;

const std::vector<MergeField> kFields = {
    {"protocol_title", "研究課題名", "Title of the study"},
    {"protocol_title_en", "研究課題名（英語）", "Title in English"},
    {"project_title", "プロジェクト名", "Project"},
    {"category", "研究の区分", "Category"},
    {"committee_name", "審査委員会", "Reviewing committee"},
    {"review_type", "審査の種類", "Review type"},
    {"pi_name", "研究責任者", "Principal investigator"},
    {"pi_affiliation", "研究責任者の所属", "PI's affiliation"},
    {"investigators", "研究分担者（所属）", "Sub-investigators (affiliation)"},
    {"members", "プロジェクトメンバーと役割", "Project members and roles"},
    {"aims", "研究の目的", "Aims"},
    {"sites", "実施医療機関", "Sites"},
    {"planned_period", "研究期間", "Planned period"},
    {"target_enrolment", "目標症例数", "Target enrolment"},
    {"companies", "共同研究企業・資金提供者", "Partner companies and funders"},
    {"funding", "研究資金", "Funding"},
    {"contracts", "関連する契約", "Related contracts"},
    {"coi_status", "利益相反の状況", "Conflict of interest status"},
    {"jrct_id", "jRCT番号", "jRCT number"},
    {"today", "作成日", "Date"},
};

std::string RoleJa(const std::string& role) {
    if (role == "pi") return "研究責任者";
    if (role == "company_lead") return "企業側リーダー";
    if (role == "co_investigator") return "研究分担者";
    if (role == "coordinator") return "コーディネーター";
    return "研究者";
}

std::string ReviewTypeJa(const std::string& t) { return t == "expedited" ? "迅速審査" : "通常審査（委員会審査）"; }

// Organisations by id, read once.
class Orgs {
  public:
    explicit Orgs(db::Tx& tx) {
        for (auto& o : people::ListOrganisations(tx, -1)) by_id_[o.id] = std::move(o);
    }
    std::string NameOf(const std::optional<std::string>& id) const {
        if (!id) return "";
        auto it = by_id_.find(*id);
        return it == by_id_.end() ? "" : it->second.name_ja;
    }

  private:
    std::map<std::string, people::Organisation> by_id_;
};

std::string AffiliationOf(db::Tx& tx, const Orgs& orgs, const std::string& person_id) {
    auto p = people::FindPerson(tx, person_id);
    return p ? orgs.NameOf(p->organisation_id) : "";
}

std::string Join(const std::vector<std::string>& v, const char* sep) {  // empty items skipped
    std::string out;
    for (const auto& s : v)
        if (!s.empty()) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::map<std::string, std::string> Values(Context& ctx, const Protocol& p, Seconds now) {
    auto& tx = ctx.tx();
    Orgs orgs(tx);
    const auto* project = ctx.Project(p.project_id);
    const auto* committee = ctx.FindCommittee(p.committee_id);
    const std::string blank = "＿＿＿＿";
    std::map<std::string, std::string> v;
    v["protocol_title"] = p.title_ja;
    v["protocol_title_en"] = p.title_en;
    v["project_title"] = project ? project->title_ja : "";
    v["category"] = std::string(EntryOf(p.category).label_ja);
    v["committee_name"] = committee ? committee->name_ja : blank;
    v["review_type"] = ReviewTypeJa(p.review_type);
    v["pi_name"] = p.pi.name_ja.empty() ? blank : p.pi.name_ja;
    v["pi_affiliation"] = AffiliationOf(tx, orgs, p.pi.id);
    std::vector<std::string> subs;
    for (const auto& s : p.sub_investigators) {
        auto aff = AffiliationOf(tx, orgs, s.id);
        subs.push_back(s.name_ja + (aff.empty() ? "" : "（" + aff + "）"));
    }
    v["investigators"] = subs.empty() ? "なし" : Join(subs, "\n");
    std::vector<std::string> members, companies, funding;
    if (project) {
        std::vector<std::string> ids;
        for (const auto& m : project->members) ids.push_back(m.person.id);
        ctx.names().Load(ids);
        for (const auto& m : project->members) {
            auto org = orgs.NameOf(m.organisation_id);
            if (org.empty()) org = AffiliationOf(tx, orgs, m.person.id);
            members.push_back(ctx.names().Of(m.person.id).name_ja + "（" + (org.empty() ? "" : org + "・") +
                              RoleJa(m.role) + "）");
        }
        for (const auto& o : project->organisations)
            companies.push_back(o.name_ja.empty()
                                    ? orgs.NameOf(o.organisation_id) +
                                          (o.role == "sponsor" ? "（資金提供）" : "（共同研究）")
                                    : o.name_ja + (o.role == "sponsor" ? "（資金提供）" : "（共同研究）"));
        for (const auto& b : project->budgets)
            funding.push_back(std::to_string(b.fiscal_year) + "年度 " + GroupDigits(b.amount_yen) + "円");
    }
    v["members"] = Join(members, "\n");
    v["aims"] = project && !project->aims.empty() ? project->aims : blank;
    v["sites"] = p.sites.empty() ? blank : Join(p.sites, "、");
    v["planned_period"] = (p.planned_start ? JapaneseDate(*p.planned_start) : blank) + " 〜 " +
                          (p.planned_end ? JapaneseDate(*p.planned_end) : blank);
    v["target_enrolment"] = p.target_enrolment ? GroupDigits(*p.target_enrolment) + "例" : blank;
    v["funding"] = funding.empty() ? "なし" : Join(funding, "、");
    std::vector<std::string> contracts;
    contracts::ListFilter f;
    f.project_id = p.project_id;
    for (const auto& c : contracts::List(tx, ctx.me(), f, now)) {
        contracts.push_back(std::string(contracts::TypeLabelJa(c.contract.type)) + "「" + c.contract.title + "」（" +
                            std::string(contracts::StatusLabelJa(c.contract.status)) + "）");
        // A company that is a party to the project's contracts is a partner too.
        for (const auto& party : c.contract.parties) {
            if (party.role != "company" || party.name_ja.empty()) continue;
            auto named = party.name_ja + "（契約の当事者）";
            bool known = std::any_of(companies.begin(), companies.end(),
                                     [&](const std::string& x) { return x.rfind(party.name_ja, 0) == 0; });
            if (!known) companies.push_back(named);
        }
    }
    v["companies"] = companies.empty() ? "なし" : Join(companies, "、");
    v["contracts"] = contracts.empty() ? "なし" : Join(contracts, "\n");
    bool declared = coi::Declared(tx, p.project_id, now), cleared = coi::Cleared(tx, p.project_id, now);
    v["coi_status"] = cleared ? "全員が今年度の自己申告を提出し、利益相反の確認が完了している"
                      : declared ? "全員が今年度の自己申告を提出済み。利益相反委員会の確認中"
                                 : "今年度の自己申告が未提出のメンバーがいる";
    v["jrct_id"] = p.jrct_id.empty() ? "（登録前）" : p.jrct_id;
    v["today"] = JapaneseDate(TokyoDate(now));
    return v;
}

std::string BuiltInTemplate() {
    using contracts::documents::Paragraph;
    auto row = [](const char* label, const char* field) {
        return Paragraph(std::string("■ ") + label + "：{{" + field + "}}");
    };
    std::string body =
        Paragraph("研究計画審査申請書", "Title") + Paragraph("{{today}}") +
        Paragraph("{{committee_name}}　委員長　殿") + Paragraph("研究責任者：{{pi_affiliation}}　{{pi_name}}") +
        Paragraph("下記の研究について審査を申請します。") + Paragraph("1. 研究の概要", "Heading2") +
        row("研究課題名", "protocol_title") + row("英語名", "protocol_title_en") + row("研究の区分", "category") +
        row("審査の種類", "review_type") + row("関連プロジェクト", "project_title") + row("研究の目的", "aims") +
        Paragraph("2. 実施体制", "Heading2") + row("研究責任者", "pi_name") + row("研究分担者", "investigators") +
        row("プロジェクトメンバー", "members") + row("実施医療機関", "sites") +
        Paragraph("3. 研究期間と症例数", "Heading2") + row("研究期間", "planned_period") +
        row("目標症例数", "target_enrolment") + row("jRCT番号", "jrct_id") +
        Paragraph("4. 資金と利益相反", "Heading2") + row("共同研究企業・資金提供者", "companies") +
        row("研究資金", "funding") + row("関連する契約", "contracts") + row("利益相反の状況", "coi_status") +
        Paragraph("本申請書の内容は、産学医連携センターの記録（Renkei）から作成し、研究責任者が確認した。");
    return contracts::documents::Package(body, "{{committee_name}}　研究計画審査申請書", "{{protocol_title}}");
}

std::pair<int, std::string> CurrentTemplate(db::Tx& tx, const std::string& committee_id) {
    int version = store::LatestTemplateVersion(tx, committee_id);
    if (version > 0)
        if (auto f = store::TemplateFile(tx, committee_id, version))
            return {version, text::DecodeStored(f->second, "template")};
    return {0, BuiltInTemplate()};
}

std::string SafeStem(const std::string& s) {
    std::string out;
    for (unsigned char ch : s)
        out += (ch < 0x20 || std::string_view("/\\\":*?<>|").find(static_cast<char>(ch)) != std::string_view::npos)
                   ? '_'
                   : static_cast<char>(ch);
    return out.empty() ? "protocol" : out;
}

bool MayManageTemplates(Context& ctx, const Committee& c) {
    return IsOffice(ctx.me()) || c.HasMember(ctx.me().person_id);
}

// ---- 様式A–E ----

}  // namespace

const std::vector<MergeField>& ApplicationFields() { return kFields; }

File Application(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Context ctx(tx, me);
    auto p = LoadFor(ctx, id);
    ctx.Name(p);
    auto [version, bytes] = CurrentTemplate(tx, p.committee_id);
    File f;
    f.bytes = contracts::documents::Fill(bytes, Values(ctx, p, now));
    f.content_type = contracts::documents::kDocxContentType;
    f.filename = SafeStem("研究計画審査申請書_" + p.title_ja) + ".docx";
    audit::Record(
        tx, me.person_id, "application", "ethics_protocol", p.id, nullptr,
        json::object{{"template_version", version}, {"size_bytes", static_cast<std::int64_t>(f.bytes.size())}});
    return f;
}

File TemplateFile(db::Tx& tx, const Me& me, const std::string& committee_id, std::optional<int> version) {
    Context ctx(tx, me);
    const auto* c = ctx.FindCommittee(committee_id);
    if (!c) throw NotFound("ethics committee");
    if (!MayManageTemplates(ctx, *c)) throw Forbidden("the office and the committee's members see its template");
    File f;
    f.content_type = contracts::documents::kDocxContentType;
    int v = version.value_or(store::LatestTemplateVersion(tx, committee_id));
    if (v == 0) {
        f.bytes = BuiltInTemplate();
        f.filename = "ethics_application_builtin.docx";
        return f;
    }
    auto stored = store::TemplateFile(tx, committee_id, v);
    if (!stored) throw NotFound("template version");
    f.bytes = text::DecodeStored(stored->second, "template");
    f.filename = stored->first.filename;
    return f;
}

TemplateInfo UploadTemplate(db::Tx& tx, const Me& me, const std::string& committee_id, const std::string& filename,
                            const std::string& bytes, const std::string& note, Seconds now) {
    if (!IsOffice(me)) throw Forbidden("only the office uploads templates");
    if (!store::FindCommittee(tx, committee_id)) throw NotFound("ethics committee");
    if (bytes.empty()) throw Invalid("file", "the file is empty");
    if (bytes.size() > size_t{900} * 1024) throw Invalid("file", "a template is at most 900 KB");
    if (filename.empty() || filename.size() > 200 || filename.find('/') != std::string::npos ||
        filename.find('"') != std::string::npos || !CleanUtf8(filename, false))
        throw Invalid("filename", "a file name without slashes or quotes is required");
    if (Utf8Length(note) > 500) throw Invalid("note", "note is at most 500 characters");
    TemplateInfo info;
    info.merge_fields = contracts::documents::MergeFieldsOf(bytes, "file");
    for (const auto& name : info.merge_fields)
        if (std::none_of(kFields.begin(), kFields.end(), [&](const MergeField& f) { return f.name == name; }))
            info.unknown_merge_fields.push_back(name);
    store::StoredTemplate t;
    t.version = info.version = store::LatestTemplateVersion(tx, committee_id) + 1;
    t.filename = info.filename = filename;
    t.note = note;
    t.size_bytes = static_cast<long long>(bytes.size());
    for (const auto& n : info.merge_fields) t.merge_fields += (t.merge_fields.empty() ? "" : ",") + n;
    t.uploaded_by = me.person_id;
    t.uploaded_at = now;
    auto template_id = NewId();
    store::InsertTemplate(tx, template_id, committee_id, t, text::ToBase64(bytes));
    audit::Record(tx, me.person_id, "upload", "ethics_template", template_id, nullptr,
                  json::object{{"committee_id", committee_id}, {"version", t.version}, {"filename", filename}});
    return info;
}

File CoiForms(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    Context ctx(tx, me);
    auto p = LoadFor(ctx, id);
    if (p.category != Category::kSpecifiedClinical)
        throw Error{ErrorCode::kConflict, "category", "the COI forms 様式A–E are for a 特定臨床研究"};
    ctx.Name(p);
    Orgs orgs(tx);
    const auto* project = ctx.Project(p.project_id);
    int fy = coi::CurrentFiscalYear(now);
    std::vector<PersonRef> people{p.pi};
    for (const auto& s : p.sub_investigators) people.push_back(s);
    std::vector<std::string> ids;
    ids.reserve(people.size());
    for (const auto& x : people) ids.push_back(x.id);
    auto declarations = coi::DeclarationsForModule(tx, ids, fy);
    for (const auto& [person, d] : declarations)
        audit::Record(tx, me.person_id, "read", "coi_declaration", d.id, nullptr,
                      json::object{{"for", "ethics_coi_forms"}, {"protocol_id", p.id}});
    // The companies concerned: the project's sponsors and partners.
    std::set<std::string> company_ids;
    std::vector<std::pair<std::string, std::string>> companies;  // name, role
    if (project)
        for (const auto& o : project->organisations) {
            company_ids.insert(o.organisation_id);
            companies.push_back({o.name_ja.empty() ? orgs.NameOf(o.organisation_id) : o.name_ja,
                                 o.role == "sponsor" ? "研究資金等の提供" : "共同研究（医薬品等の提供を含む）"});
        }
    auto concerns = [&](const coi::Relationship& r) {
        const auto& org = r.CountsFor();
        return org && company_ids.count(*org) > 0;
    };
    auto company_of = [&](const coi::Relationship& r) {
        auto name = orgs.NameOf(r.organisation_id);
        return name.empty() ? r.company_name : name;
    };

    office::Workbook book;
    const std::string title = "研究課題名：" + p.title_ja;
    const std::string date = "作成日：" + JapaneseDate(TokyoDate(now)) + "　研究責任医師：" + p.pi.name_ja;
    auto* a = book.Sheet("様式A", "様式A　利益相反管理基準", {"項目", "基準"}, {28, 90});
    book.Line(a, 1, title);
    book.Line(a, 2, date);
    book.Row(a, {"対象", "本研究に関与する研究責任医師及び研究分担医師"});
    book.Row(a, {"関係企業等", "本研究に用いる医薬品等の製造販売業者及びその子会社、研究資金等を提供する者（様式B）"});
    book.Row(a, {"申告の対象", "関係企業等からの寄附金・講演料・原稿料・株式・特許使用料・役職等（様式C）"});
    book.Row(a, {"管理",
                 "申告内容は実施医療機関の事実確認（様式D）を経て、研究責任医師が利益相反管理計画（様式E）を作成する"});
    book.Row(a, {"申告年度", std::to_string(fy) + "年度"});

    auto* b = book.Sheet("様式B", "様式B　関係企業等報告書", {"関係企業等の名称", "関与の内容"}, {44, 60});
    book.Line(b, 1, title);
    book.Line(b, 2, date);
    if (companies.empty()) book.Row(b, {"該当なし", ""});
    for (const auto& [name, role] : companies) book.Row(b, {name, role});

    // 様式C as the ministry's form asks it: six questions per investigator, answered from the
    // declaration's relationships with the companies concerned (年間 amounts summed per category).
    auto* c = book.Sheet("様式C", "様式C　研究者利益相反自己申告書",
                         {"氏名", "所属", "設問", "回答", "関係企業等", "金額（円）"}, {16, 24, 52, 10, 30, 14});
    book.Line(c, 1, title);
    book.Line(c, 2, date + "　（" + std::to_string(fy) + "年度の自己申告から作成）");
    struct Question {
        const char* text;
        std::vector<std::string> categories;
        long long above_yen;  // -1: any relationship answers yes; -2: Renkei holds no data on it
    };
    const Question questions[] = {
        {"Q1 関係企業等からの年間合計200万円を超える寄附金", {"research_funding"}, 2'000'000},
        {"Q2 関係企業等が提供する寄附講座への所属", {}, -2},
        {"Q3 関係企業等からの年間合計100万円以上の個人的利益（顧問料・講演料・原稿料・贈答等）",
         {"consulting", "lecture", "gift"},
         999'999},
        {"Q4 関係企業等の役員・顧問等への就任", {"position"}, -1},
        {"Q5 関係企業等の株式・新株予約権の保有", {"equity"}, -1},
        {"Q6 本研究に用いる医薬品等に関する知的財産権への関与（特許使用料等）", {"royalty"}, -1},
    };
    std::map<std::string, bool> has_conflict;
    for (const auto& person : people) {
        auto aff = AffiliationOf(tx, orgs, person.id);
        auto it = declarations.find(person.id);
        for (const auto& q : questions) {
            if (it == declarations.end()) {
                book.Row(c, {person.name_ja, aff, q.text, "未申告", "自己申告が未提出", ""});
                continue;
            }
            if (q.above_yen == -2) {
                book.Row(c, {person.name_ja, aff, q.text, "要確認", "（Renkeiに記録なし）", ""});
                continue;
            }
            long long total = 0;
            bool any = false;
            std::vector<std::string> names;
            for (const auto& r : it->second.relationships) {
                if (!concerns(r) ||
                    std::find(q.categories.begin(), q.categories.end(), r.category) == q.categories.end())
                    continue;
                any = true;
                total += r.amount_yen;
                auto name = company_of(r);
                if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
            }
            bool yes = q.above_yen == -1 ? any : total > q.above_yen;
            if (yes) has_conflict[person.id] = true;
            book.Row(c, {person.name_ja, aff, q.text, yes ? "はい" : "いいえ", Join(names, "、"), ""}, any ? 5 : -1,
                     total);
        }
    }

    auto* d = book.Sheet("様式D", "様式D　利益相反状況確認報告書",
                         {"氏名", "所属", "自己申告", "関係企業等との関係", "事実確認（所属機関記入）"},
                         {16, 26, 14, 20, 40});
    book.Line(d, 1, title);
    book.Line(d, 2, date);
    for (const auto& person : people) {
        bool filed = declarations.count(person.id) > 0;
        book.Row(d, {person.name_ja, AffiliationOf(tx, orgs, person.id), filed ? "提出済み" : "未提出",
                     !filed                    ? ""
                     : has_conflict[person.id] ? "あり"
                                               : "なし",
                     ""});
    }

    auto* e = book.Sheet("様式E", "様式E　利益相反管理計画", {"氏名", "利益相反", "管理計画（研究責任医師記入）"},
                         {16, 12, 70});
    book.Line(e, 1, title);
    book.Line(e, 2, date);
    for (const auto& person : people) {
        bool filed = declarations.count(person.id) > 0;
        book.Row(e, {person.name_ja,
                     !filed                    ? "未申告"
                     : has_conflict[person.id] ? "あり"
                                               : "なし",
                     has_conflict[person.id] ? "" : "特段の管理を要しない"});
    }
    File f;
    f.bytes = book.Bytes();
    f.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    f.filename = SafeStem("利益相反様式A-E_" + p.title_ja) + ".xlsx";
    audit::Record(tx, me.person_id, "coi_forms", "ethics_protocol", p.id, nullptr,
                  json::object{{"fiscal_year", fy}, {"people", static_cast<std::int64_t>(people.size())}});
    return f;
}

}  // namespace renkei::ethics
