// The work of an active project: milestones, progress reports, documents, and the product or
// service with its sales.
#include <boost/json.hpp>

#include "modules/inbox/service.hpp"
#include "modules/projects/internal.hpp"
#include "modules/projects/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/base64.hpp"
#include "platform/text/normalize.hpp"

namespace renkei::projects {

void PostReportDue(db::Tx& tx, const Project& p, const std::string& from, Seconds now) {
    const Member* lead = p.WithRole("company_lead");
    if (!lead) return;
    inbox::Resolve(tx, kSource, "report_due:" + p.id, std::nullopt, now, "cancelled");
    inbox::Post(tx,
                {lead->person.id, "projects.report_due", kSource, "report_due:" + p.id, "進捗報告の提出",
                 "Submit a progress report", p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en,
                 PageOf(p.id) + "/report", NextReportDue(p.report_period, from), std::nullopt},
                now);
}

namespace {

void PostMilestone(db::Tx& tx, const Project& p, const Milestone& m, Seconds now) {
    inbox::Post(
        tx,
        {m.owner.id, "projects.milestone_due", kSource, "milestone:" + m.id, "マイルストーン: " + m.title,
         "Milestone: " + m.title, p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en, PageOf(p.id), m.due_on,
         inbox::Action{"PATCH", "/api/projects/" + p.id + "/milestones/" + m.id, boost::json::object{{"done", true}},
                       "完了にする", "Mark done"}},
        now);
}

void CheckUpload(const Upload& in) {
    if (!IsSafeFileName(in.filename))
        throw Invalid("filename", "a file name without slashes, quotes or control characters is required");
    if (!IsAllowedDocumentType(in.content_type))
        throw Invalid("content_type", "allowed: PDF, Word, Excel, PowerPoint, PNG, JPEG, text and CSV files");
    if (in.bytes.empty()) throw Invalid("file", "the file is empty");
    if (in.bytes.size() > kMaxDocumentBytes)
        throw Error{ErrorCode::kPayloadTooLarge, "file", "a document may have at most 900 KB"};
}

}  // namespace

// ---- milestones ----

Milestone AddMilestone(db::Tx& tx, const Me& me, const std::string& id, const std::string& title,
                       const std::string& owner_id, const std::string& due_on, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    RequireActive(p);
    Milestone m;
    m.id = NewId();
    m.project_id = p.id;
    m.title = CheckText("title", title, 200, true, false);
    if (!p.FindMember(owner_id)) throw Invalid("owner_id", "the owner must be a member of the project");
    m.owner = PersonRef{owner_id, "", ""};
    if (!ParseDate(due_on)) throw Invalid("due_on", "due_on must be a date (YYYY-MM-DD)");
    m.due_on = due_on;
    m.overdue = m.due_on < TokyoDate(now);
    store::InsertMilestone(tx, m, now);
    audit::Record(
        tx, me.person_id, "create", "project_milestone", m.id, nullptr,
        boost::json::object{{"project_id", p.id}, {"title", m.title}, {"owner_id", owner_id}, {"due_on", due_on}});
    PostMilestone(tx, p, m, now);
    NameBook names(tx);
    names.Fill(m.owner);
    return m;
}

Milestone UpdateMilestone(db::Tx& tx, const Me& me, const std::string& id, const std::string& milestone_id,
                          const MilestonePatch& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto found = store::FindMilestone(tx, p.id, milestone_id);
    if (!found) throw NotFound("milestone");
    auto rel = RelationOf(p, me);
    bool owner = found->owner.id == me.person_id;
    bool only_done = !in.title && !in.owner_id && !in.due_on;
    if (!MaySteer(rel) && !(owner && only_done))
        throw Forbidden("only the owner marks it done; the PI, company lead or office change it");
    Milestone m = *found;
    auto before = boost::json::object{
        {"title", m.title}, {"owner_id", m.owner.id}, {"due_on", m.due_on}, {"done", m.done_at.has_value()}};
    if (in.title) m.title = CheckText("title", *in.title, 200, true, false);
    if (in.owner_id) {
        if (!p.FindMember(*in.owner_id)) throw Invalid("owner_id", "the owner must be a member of the project");
        m.owner = PersonRef{*in.owner_id, "", ""};
    }
    if (in.due_on) {
        if (!ParseDate(*in.due_on)) throw Invalid("due_on", "due_on must be a date (YYYY-MM-DD)");
        m.due_on = *in.due_on;
    }
    std::optional<std::string> done_by;
    if (in.done) {
        if (*in.done && !m.done_at) {
            m.done_at = now;
            done_by = me.person_id;
        } else if (!*in.done) {
            m.done_at.reset();
        }
    }
    store::UpdateMilestone(tx, m,
                           m.done_at ? (done_by ? done_by : std::optional<std::string>(me.person_id)) : std::nullopt);
    audit::Record(
        tx, me.person_id, in.done && *in.done ? "complete" : "update", "project_milestone", m.id, before,
        boost::json::object{
            {"title", m.title}, {"owner_id", m.owner.id}, {"due_on", m.due_on}, {"done", m.done_at.has_value()}});
    if (m.done_at) {
        inbox::Resolve(tx, kSource, "milestone:" + m.id, me.person_id, now, "done");
    } else if (in.owner_id || in.due_on || (in.done && !*in.done) || in.title) {
        inbox::Resolve(tx, kSource, "milestone:" + m.id, me.person_id, now, "cancelled");
        PostMilestone(tx, p, m, now);
    }
    m.overdue = !m.done_at && m.due_on < TokyoDate(now);
    NameBook names(tx);
    names.Fill(m.owner);
    return m;
}

std::vector<Milestone> ListMilestones(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto list = store::Milestones(tx, p.id);
    NameBook names(tx);
    std::string today = TokyoDate(now);
    for (auto& m : list) {
        names.Fill(m.owner);
        m.overdue = !m.done_at && m.due_on < today;
    }
    return list;
}

// ---- reports ----

Report SubmitReport(db::Tx& tx, const Me& me, const std::string& id, const NewReport& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    if (!p.FindMember(me.person_id)) throw Forbidden("only the project's members report progress");
    RequireActive(p);
    Report r;
    r.id = NewId();
    r.project_id = p.id;
    r.author = PersonRef{me.person_id, "", ""};
    r.done = CheckText("done", in.done, 2000, true, true);
    r.next = CheckText("next", in.next, 2000, false, true);
    r.risks = CheckText("risks", in.risks, 2000, false, true);
    r.help = CheckText("help", in.help, 2000, false, true);
    r.submitted_at = now;
    // Reports of a project get distinct moments, so "the previous report" is always well defined.
    if (auto last = store::Reports(tx, p.id, 1); !last.empty() && last.front().submitted_at >= r.submitted_at)
        r.submitted_at = last.front().submitted_at + std::chrono::seconds{1};
    r.report_on = TokyoDate(r.submitted_at);
    store::InsertReport(tx, r);
    audit::Record(tx, me.person_id, "create", "project_report", r.id, nullptr,
                  boost::json::object{
                      {"project_id", p.id}, {"done", r.done}, {"next", r.next}, {"risks", r.risks}, {"help", r.help}});
    for (const char* role : {"pi", "company_lead"}) {
        const Member* m = p.WithRole(role);
        if (!m || m->person.id == me.person_id) continue;
        inbox::Post(tx,
                    {m->person.id, "projects.report_ack", kSource, "report:" + r.id, "進捗報告の確認",
                     "Acknowledge a progress report", p.title_ja, p.title_en.empty() ? p.title_ja : p.title_en,
                     PageOf(p.id) + "/reports", std::nullopt,
                     inbox::Action{"POST", "/api/projects/" + p.id + "/reports/" + r.id + "/acknowledge", nullptr,
                                   "確認しました", "Acknowledge"}},
                    now);
    }
    PostReportDue(tx, p, r.report_on, now);
    NameBook names(tx);
    names.Fill(r.author);
    return r;
}

std::vector<Report> ListReports(db::Tx& tx, const Me& me, const std::string& id, int limit) {
    auto p = LoadFull(tx, me, id);
    auto list = store::Reports(tx, p.id, limit);
    NameBook names(tx);
    std::vector<std::string> ids;
    for (const auto& r : list) {
        ids.push_back(r.author.id);
        for (const auto& a : r.acknowledgements) ids.push_back(a.person.id);
    }
    names.Load(ids);
    for (auto& r : list) {
        names.Fill(r.author);
        for (auto& a : r.acknowledgements) names.Fill(a.person);
    }
    return list;
}

Report Acknowledge(db::Tx& tx, const Me& me, const std::string& id, const std::string& report_id, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto r = store::FindReport(tx, p.id, report_id);
    if (!r) throw NotFound("report");
    auto rel = RelationOf(p, me);
    if (!rel.is_pi && !rel.is_company_lead) throw Forbidden("only the PI and the company lead acknowledge reports");
    for (const auto& a : r->acknowledgements)
        if (a.person.id == me.person_id)
            throw Error{ErrorCode::kConflict, "", "you have acknowledged this report already"};
    Acknowledgement a{PersonRef{me.person_id, "", ""}, rel.is_pi ? "pi" : "company_lead", now};
    store::InsertAcknowledgement(tx, r->id, a);
    r->acknowledgements.push_back(a);
    audit::Record(tx, me.person_id, "acknowledge", "project_report", r->id, nullptr,
                  boost::json::object{{"project_id", p.id}, {"role", a.role}});
    inbox::ResolveFor(tx, kSource, "report:" + r->id, me.person_id, me.person_id, now, "done");
    NameBook names(tx);
    names.Fill(r->author);
    for (auto& x : r->acknowledgements) names.Fill(x.person);
    return *r;
}

// ---- documents ----

Document UploadDocument(db::Tx& tx, const Me& me, const std::string& id, const Upload& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto rel = RelationOf(p, me);
    if (!rel.is_member && !rel.is_office) throw Forbidden("only members and the office attach documents");
    Document d;
    d.id = NewId();
    d.project_id = p.id;
    d.title = CheckText("title", in.title.empty() ? in.filename : in.title, 200, true, false);
    d.visibility = in.visibility.empty() ? "internal" : in.visibility;
    if (!IsVisibility(d.visibility)) throw Invalid("visibility", "visibility must be public, internal or confidential");
    if (d.visibility == "confidential" && !rel.is_member)
        throw Invalid("visibility", "only members may mark a document confidential");
    CheckUpload(in);
    d.current_version = 1;
    d.created_by = PersonRef{me.person_id, "", ""};
    d.created_at = d.updated_at = now;
    DocumentVersion v{1,           in.filename, in.content_type, static_cast<long long>(in.bytes.size()), d.created_by,
                      d.created_at};
    store::InsertDocument(tx, d);
    store::InsertDocumentVersion(tx, d.id, v, text::ToBase64(in.bytes));
    d.versions.push_back(v);
    audit::Record(tx, me.person_id, "upload", "project_document", d.id, nullptr,
                  boost::json::object{{"project_id", p.id},
                                      {"title", d.title},
                                      {"visibility", d.visibility},
                                      {"version", 1},
                                      {"filename", in.filename},
                                      {"size_bytes", v.size_bytes}});
    NameBook names(tx);
    names.Fill(d.created_by);
    for (auto& x : d.versions) names.Fill(x.uploaded_by);
    return d;
}

Document UploadVersion(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                       const Upload& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto rel = RelationOf(p, me);
    auto d = store::FindDocument(tx, p.id, document_id);
    if (!d || !MaySeeDocument(d->visibility, rel)) throw NotFound("document");
    if (!rel.is_member && !rel.is_office) throw Forbidden("only members and the office attach documents");
    CheckUpload(in);
    d->current_version += 1;
    d->updated_at = now;
    DocumentVersion v{d->current_version,
                      in.filename,
                      in.content_type,
                      static_cast<long long>(in.bytes.size()),
                      PersonRef{me.person_id, "", ""},
                      d->updated_at};
    store::InsertDocumentVersion(tx, d->id, v, text::ToBase64(in.bytes));
    store::UpdateDocument(tx, *d);
    d->versions.insert(d->versions.begin(), v);
    audit::Record(tx, me.person_id, "upload_version", "project_document", d->id, nullptr,
                  boost::json::object{{"version", v.version}, {"filename", v.filename}, {"size_bytes", v.size_bytes}});
    NameBook names(tx);
    names.Fill(d->created_by);
    for (auto& x : d->versions) names.Fill(x.uploaded_by);
    return *d;
}

Document ChangeDocument(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                        const std::optional<std::string>& title, const std::optional<std::string>& visibility,
                        Seconds now) {
    auto p = LoadFull(tx, me, id);
    auto rel = RelationOf(p, me);
    auto d = store::FindDocument(tx, p.id, document_id);
    if (!d || !MaySeeDocument(d->visibility, rel)) throw NotFound("document");
    if (!rel.is_member && !rel.is_office) throw Forbidden("only members and the office change documents");
    auto before = boost::json::object{{"title", d->title}, {"visibility", d->visibility}};
    if (title) d->title = CheckText("title", *title, 200, true, false);
    if (visibility) {
        if (!IsVisibility(*visibility))
            throw Invalid("visibility", "visibility must be public, internal or confidential");
        if (*visibility == "confidential" && !rel.is_member)
            throw Invalid("visibility", "only members may mark a document confidential");
        d->visibility = *visibility;
    }
    d->updated_at = now;
    store::UpdateDocument(tx, *d);
    audit::Record(tx, me.person_id, "update", "project_document", d->id, before,
                  boost::json::object{{"title", d->title}, {"visibility", d->visibility}});
    NameBook names(tx);
    names.Fill(d->created_by);
    for (auto& x : d->versions) names.Fill(x.uploaded_by);
    return *d;
}

std::vector<Document> ListDocuments(db::Tx& tx, const Me& me, const std::string& id) {
    auto p = Load(tx, id);
    auto rel = RelationOf(p, me);
    if (!MaySeeFull(rel) && IsHiddenFromOutsiders(p.status)) throw NotFound("project");
    std::vector<Document> out;
    auto documents = store::Documents(tx, p.id);
    NameBook names(tx);
    std::vector<std::string> ids;
    for (const auto& d : documents) {
        ids.push_back(d.created_by.id);
        for (const auto& v : d.versions) ids.push_back(v.uploaded_by.id);
    }
    names.Load(ids);
    for (auto& d : documents) {
        if (!MaySeeDocument(d.visibility, rel)) continue;
        names.Fill(d.created_by);
        for (auto& v : d.versions) names.Fill(v.uploaded_by);
        out.push_back(std::move(d));
    }
    return out;
}

bool MayReadDocument(db::Tx& tx, const Me& me, const std::string& document_id) {
    auto project_id = store::ProjectOfDocument(tx, document_id);
    if (!project_id) return false;
    auto p = Load(tx, *project_id);
    auto d = store::FindDocument(tx, p.id, document_id);
    return d && MaySeeDocument(d->visibility, RelationOf(p, me));
}

Download DownloadDocument(db::Tx& tx, const Me& me, const std::string& id, const std::string& document_id,
                          std::optional<int> version) {
    auto p = Load(tx, id);
    auto rel = RelationOf(p, me);
    if (!MaySeeFull(rel) && IsHiddenFromOutsiders(p.status)) throw NotFound("project");
    auto d = store::FindDocument(tx, p.id, document_id);
    // A document the caller may not see does not exist for them.
    if (!d || !MaySeeDocument(d->visibility, rel)) throw NotFound("document");
    auto file = store::DocumentContent(tx, d->id, version.value_or(d->current_version));
    if (!file) throw NotFound("version");
    return Download{file->filename, file->content_type, text::DecodeStored(file->content_base64, "document")};
}

// ---- products ----

Product SaveProduct(db::Tx& tx, const Me& me, const std::string& id, const ProductInput& in, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    RequireActive(p);
    auto existing = store::FindProduct(tx, p.id);
    Product x;
    x.id = existing ? existing->id : NewId();
    x.project_id = p.id;
    if (in.kind != "product" && in.kind != "service") throw Invalid("kind", "kind must be product or service");
    x.kind = in.kind;
    x.name_ja = CheckText("name_ja", in.name_ja, 200, true, false);
    x.name_en = CheckText("name_en", in.name_en, 200, false, false);
    x.description = CheckText("description", in.description, 2000, false, true);
    if (in.launched_on && !ParseDate(*in.launched_on))
        throw Invalid("launched_on", "launched_on must be a date (YYYY-MM-DD)");
    x.launched_on = in.launched_on;
    store::UpsertProduct(tx, x, existing.has_value(), now);
    audit::Record(tx, me.person_id, existing ? "update" : "create", "project_product", x.id,
                  existing ? boost::json::value_from(*existing) : boost::json::value(nullptr),
                  boost::json::value_from(x));
    return *store::FindProduct(tx, p.id);
}

Product RecordSale(db::Tx& tx, const Me& me, const std::string& id, const Sale& sale, Seconds now) {
    auto p = LoadFull(tx, me, id);
    RequireSteer(p, me);
    auto product = store::FindProduct(tx, p.id);
    if (!product) throw Error{ErrorCode::kConflict, "product", "record the product or service first"};
    if (!product->launched_on) throw Error{ErrorCode::kConflict, "launched_on", "record the launch date first"};
    if (!IsYearMonth(sale.period)) throw Invalid("period", "period must be a month (YYYY-MM)");
    if (sale.period < product->launched_on->substr(0, 7)) throw Invalid("period", "sales cannot precede the launch");
    if (sale.amount_yen < 0 || sale.amount_yen > 1'000'000'000'000LL)
        throw Invalid("amount_yen", "amount_yen is out of range");
    store::UpsertSale(tx, p.id, sale, me.person_id, now);
    audit::Record(tx, me.person_id, "record_sale", "project_product", product->id, nullptr,
                  boost::json::value_from(sale));
    return *store::FindProduct(tx, p.id);
}

}  // namespace renkei::projects
