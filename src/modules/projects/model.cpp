#include "modules/projects/model.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "platform/error.hpp"

namespace renkei::projects {
namespace {

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

bool IsStage(std::string_view s) { return FromText<Stage>(s).has_value(); }
bool IsKind(std::string_view s) { return OneOf(kKinds, s); }
bool IsMemberRole(std::string_view s) { return OneOf(kMemberRoles, s); }
bool IsReportPeriod(std::string_view s) { return OneOf(kReportPeriods, s); }
bool IsVisibility(std::string_view s) { return OneOf(kVisibilities, s); }
bool IsApprover(std::string_view s) { return OneOf(kApprovers, s); }
bool IsMeetingStatus(std::string_view s) {
    return std::find(kMeetingStatuses.begin(), kMeetingStatuses.end(), s) != kMeetingStatuses.end();
}

bool IsValidMeetingTime(Seconds start, Seconds end) {
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(end - start).count();
    if (minutes < 15 || minutes > 8L * 60) return false;
    return ToUnix(start) % (15LL * 60) == 0;
}

bool IsLinkKind(std::string_view s) { return OneOf(kLinkKinds, s); }

std::string_view LabelJa(Stage stage) { return EntryOf(stage).label_ja; }
std::string_view LabelJa(Status status) { return EntryOf(status).label_ja; }

bool IsHiddenFromOutsiders(Status status) { return status == Status::kProposed || status == Status::kRejected; }
bool IsClosed(Status status) { return status == Status::kRejected || status == Status::kClosed; }

int StageIndex(Stage stage) {
    for (size_t i = 0; i < kStageTexts.size(); ++i)
        if (kStageTexts[i].value == stage) return static_cast<int>(i);
    return -1;
}

int StageIndex(std::string_view stage) {
    auto value = FromText<Stage>(stage);
    return value ? StageIndex(*value) : -1;
}

std::optional<Stage> NextStage(Stage stage) {
    int i = StageIndex(stage);
    if (i < 0 || i + 1 >= static_cast<int>(kStageTexts.size())) return std::nullopt;
    return kStageTexts[i + 1].value;
}

bool IsAllowedMove(Status status, Stage from, Stage to) {
    return status == Status::kActive && StageIndex(to) == StageIndex(from) + 1;
}

const std::vector<Requirement>& RequirementCatalogue() {
    static const std::vector<Requirement> all = {
        {"pi_and_lead", "projects", "学術側PIと企業側リーダーが決まっている",
         "An academic PI and a company lead are named"},
        {"aims", "projects", "研究目的が記載されている", "The aims are written down"},
        {"milestone_plan", "projects", "マイルストーンが計画されている", "Milestones are planned"},
        {"no_overdue_milestones", "projects", "期限切れのマイルストーンがない", "No milestone is overdue"},
        {"budget_current_fy", "projects", "今年度の予算が登録されている", "A budget for this fiscal year is recorded"},
        {"acknowledged_report", "projects", "PIまたは企業側リーダーが確認した進捗報告がある",
         "A progress report has been acknowledged by the PI or the company lead"},
        {"product_record", "projects", "製品・サービスが登録されている", "A product or service is recorded"},
        {"product_launched", "projects", "上市日が登録されている", "The launch date is recorded"},
        {"sales_record", "projects", "売上が記録されている", "Sales are recorded"},
        {"nda_signed", "contracts", "秘密保持契約が締結されている", "A confidentiality agreement is signed"},
        {"joint_research_agreement", "contracts", "共同研究契約が締結されている",
         "A joint research agreement is signed"},
        {"ethics_protocol_approved", "ethics", "倫理審査で研究計画が承認されている",
         "The research protocol is approved by the ethics committee"},
        {"coi_declared", "coi", "利益相反の今年度の自己申告が全メンバー分そろっている",
         "Every member who must declare has filed this year's conflict-of-interest declaration"},
        {"coi_cleared", "coi", "利益相反の確認が完了している", "Conflicts of interest have been reviewed"},
        {"ip_reviewed", "ip", "知財（発明届出）の確認が完了している", "Invention disclosures have been reviewed"},
        {"regulatory_consultation", "office", "PMDA等との規制相談の記録がある",
         "A regulatory consultation (e.g. with PMDA) is on record"},
    };
    return all;
}

const Requirement* FindRequirement(std::string_view code) {
    for (const auto& r : RequirementCatalogue())
        if (r.code == code) return &r;
    return nullptr;
}

std::vector<ChecklistItem> EvaluateGate(const std::vector<std::string>& requirements, const GateFacts& f) {
    std::vector<ChecklistItem> out;
    for (const auto& code : requirements) {
        ChecklistItem item;
        item.code = code;
        const Requirement* r = FindRequirement(code);
        if (!r) {
            item.module = "unknown";
            item.label_ja = item.label_en = code;
            out.push_back(item);
            continue;
        }
        item.module = r->module;
        item.label_ja = r->label_ja;
        item.label_en = r->label_en;
        if (r->module == "projects") {
            bool ok = false;
            if (code == "pi_and_lead")
                ok = f.has_pi && f.has_company_lead;
            else if (code == "aims")
                ok = f.has_aims;
            else if (code == "milestone_plan")
                ok = f.milestones > 0;
            else if (code == "no_overdue_milestones")
                ok = f.overdue_milestones == 0;
            else if (code == "budget_current_fy")
                ok = f.budget_current_fiscal_year;
            else if (code == "acknowledged_report")
                ok = f.acknowledged_reports > 0;
            else if (code == "product_record")
                ok = f.has_product;
            else if (code == "product_launched")
                ok = f.product_launched;
            else if (code == "sales_record")
                ok = f.sales_records > 0;
            item.satisfied = ok;
            item.automatic = true;
            item.how = ok ? "projects" : "";
        } else if (auto it = f.external.find(code); it != f.external.end()) {
            // The owning module answers; a hand confirmation no longer overrides it.
            item.satisfied = it->second;
            item.automatic = true;
            item.how = it->second ? "module" : "";
        } else {
            item.satisfied = f.confirmed.count(code) > 0;
            item.how = item.satisfied ? "confirmed" : "";
        }
        out.push_back(item);
    }
    return out;
}

bool GatePasses(const std::vector<ChecklistItem>& checklist) {
    return std::all_of(checklist.begin(), checklist.end(), [](const auto& i) { return i.satisfied; });
}

bool MayApproveGate(std::string_view approver, const Relation& who, bool is_requester) {
    if (approver == "pi") return who.is_pi;
    if (approver == "company_lead") return who.is_company_lead;
    // Separation of duties: the office or committee member who asked does not approve it too.
    if (approver == "office") return who.is_office && !is_requester;
    if (approver == "committee") return who.is_committee && !is_requester;
    return false;
}

bool MaySteer(const Relation& who) { return who.is_pi || who.is_company_lead || who.is_office; }

bool MaySeeFull(const Relation& who) { return who.is_member || who.is_office || who.is_committee || who.is_admin; }

bool MaySeeDocument(std::string_view visibility, const Relation& who) {
    if (visibility == "public") return true;
    if (visibility == "internal") return MaySeeFull(who);
    return who.is_member;  // confidential: members only, whatever their role
}

std::string AddMonths(std::string_view d, int months) {
    auto parsed = ParseDate(d);
    if (!parsed) throw Invalid("date", "a date YYYY-MM-DD is required");
    auto ymd = *parsed;
    auto ym = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    return FormatDate({ym.year(), ym.month(), std::min(ymd.day(), last)});
}

std::string NextReportDue(std::string_view period, std::string_view from) {
    if (period == "weekly") return AddDays(from, 7);
    if (period == "biweekly") return AddDays(from, 14);
    if (period == "quarterly") return AddMonths(from, 3);
    return AddMonths(from, 1);
}

bool IsAllowedDocumentType(std::string_view t) {
    static constexpr std::array<std::string_view, 10> allowed = {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "image/png",
        "image/jpeg",
        "text/plain",
        "text/csv",
        "application/msword",
        "application/vnd.ms-excel"};
    auto semi = t.find(';');
    return OneOf(allowed, t.substr(0, semi));
}

bool IsSafeFileName(std::string_view name) {
    if (name.empty() || name.size() > 200 || name == "." || name == "..") return false;
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"') return false;
    return true;
}

bool IsYearMonth(std::string_view t) {
    if (t.size() != 7 || t[4] != '-') return false;
    return ParseDate(std::string(t) + "-01").has_value();
}

bool CountsTowardsGoal(const ProductSales& p, std::string_view goal_date) {
    if (!p.launched_on || *p.launched_on > goal_date) return false;
    std::string goal_month(goal_date.substr(0, 7));
    return std::any_of(p.sale_periods.begin(), p.sale_periods.end(),
                       [&](const std::string& m) { return m <= goal_month; });
}

}  // namespace renkei::projects

namespace renkei::projects {
namespace {
boost::json::value OptTime(const std::optional<Seconds>& t) {
    return t ? boost::json::value(FormatUtc(*t)) : boost::json::value(nullptr);
}
boost::json::value OptString(const std::optional<std::string>& s) {
    return s ? boost::json::value(*s) : boost::json::value(nullptr);
}
boost::json::value OptPerson(const std::optional<PersonRef>& p) {
    return p ? boost::json::value_from(*p) : boost::json::value(nullptr);
}
}  // namespace

const Member* Project::FindMember(const std::string& person_id) const {
    for (const auto& m : members)
        if (m.person.id == person_id) return &m;
    return nullptr;
}
const Member* Project::WithRole(std::string_view role) const {
    for (const auto& m : members)
        if (m.role == role) return &m;
    return nullptr;
}

std::vector<Handover> FollowRoleHolders(const std::vector<Member>& after, const std::vector<HeldItem>& items) {
    auto holder = [&](std::string_view role) -> std::optional<std::string> {
        for (const auto& m : after)
            if (m.role == role) return m.person.id;
        return std::nullopt;
    };
    auto stays_member = [&](const std::string& person) {
        return std::any_of(after.begin(), after.end(), [&](const Member& m) { return m.person.id == person; });
    };
    // Where each item should be; nullopt: nobody (cancelled).
    std::vector<std::optional<std::string>> target(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        if (item.because == "member") {
            if (stays_member(item.person_id)) target[i] = item.person_id;
            continue;
        }
        auto next = holder(item.because);
        if (next && (*next == item.person_id || !item.not_for.count(*next))) target[i] = next;
    }
    // One open item per person and key: what stays claims its place first, then hand-overs in order.
    std::set<std::pair<std::string, std::string>> held;
    for (size_t i = 0; i < items.size(); ++i)
        if (target[i] == items[i].person_id) held.insert({items[i].key, items[i].person_id});
    std::vector<Handover> out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (target[i] == items[i].person_id) continue;
        if (target[i] && !held.insert({items[i].key, *target[i]}).second) target[i].reset();
        out.push_back({items[i].item_id, target[i]});
    }
    return out;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const PersonRef& p) {
    jv = {{"id", p.id}, {"name_ja", p.name_ja}, {"name_en", p.name_en}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Member& m) {
    jv = {{"person", boost::json::value_from(m.person)},
          {"role", m.role},
          {"organisation_id", OptString(m.organisation_id)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const OrganisationRef& o) {
    jv = {{"organisation_id", o.organisation_id}, {"role", o.role}, {"name_ja", o.name_ja}, {"name_en", o.name_en}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Budget& b) {
    jv = {{"fiscal_year", b.fiscal_year}, {"amount_yen", b.amount_yen}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Link& l) {
    jv = {{"kind", l.kind}, {"target_id", l.target_id}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Gate& g) {
    jv = {
        {"stage", Text(g.stage)}, {"approver", g.approver}, {"requirements", boost::json::value_from(g.requirements)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const StageRequest& r) {
    jv = {{"id", r.id},
          {"from_stage", Text(r.from_stage)},
          {"to_stage", Text(r.to_stage)},
          {"approver", r.approver},
          {"note", r.note},
          {"state", r.state},
          {"requested_by", boost::json::value_from(r.requested_by)},
          {"requested_at", FormatUtc(r.requested_at)},
          {"decided_by", OptPerson(r.decided_by)},
          {"decided_at", OptTime(r.decided_at)},
          {"reason", r.reason}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const StageChange& c) {
    jv = {{"id", c.id},
          {"from_stage", c.from_stage ? boost::json::value(Text(*c.from_stage)) : boost::json::value(nullptr)},
          {"to_stage", Text(c.to_stage)},
          {"at", FormatUtc(c.at)},
          {"requested_by", OptPerson(c.requested_by)},
          {"approved_by", OptPerson(c.approved_by)},
          {"note", c.note}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Confirmation& c) {
    jv = {{"code", c.code},
          {"note", c.note},
          {"confirmed_by", boost::json::value_from(c.confirmed_by)},
          {"confirmed_at", FormatUtc(c.confirmed_at)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const ChecklistItem& c) {
    jv = {{"code", c.code},           {"module", c.module}, {"label_ja", c.label_ja},  {"label_en", c.label_en},
          {"satisfied", c.satisfied}, {"how", c.how},       {"automatic", c.automatic}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Milestone& m) {
    jv = {{"id", m.id},
          {"title", m.title},
          {"owner", boost::json::value_from(m.owner)},
          {"due_on", m.due_on},
          {"done", m.done_at.has_value()},
          {"done_at", OptTime(m.done_at)},
          {"overdue", m.overdue}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const MeetingDecision& d) {
    jv = {{"id", d.id},
          {"text", d.text},
          {"task", d.task ? boost::json::value_from(*d.task) : boost::json::value(nullptr)},
          {"created_by", boost::json::value_from(d.created_by)},
          {"created_at", FormatUtc(d.created_at)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Meeting& m) {
    auto opt = [](const std::optional<std::string>& s) {
        return s ? boost::json::value(*s) : boost::json::value(nullptr);
    };
    jv = {{"id", m.id},
          {"project_id", m.project_id},
          {"title", m.title},
          {"start", FormatUtc(m.starts_at)},
          {"end", FormatUtc(m.ends_at)},
          {"space_id", opt(m.space_id)},
          {"space_name_ja", m.space_name_ja},
          {"space_name_en", m.space_name_en},
          {"booking_id", opt(m.booking_id)},
          {"status", m.status},
          {"minutes", m.minutes},
          {"attendees", boost::json::value_from(m.attendees)},
          {"created_by", boost::json::value_from(m.created_by)},
          {"created_at", FormatUtc(m.created_at)},
          {"updated_at", FormatUtc(m.updated_at)},
          {"decisions", boost::json::value_from(m.decisions)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Acknowledgement& a) {
    jv = {{"person", boost::json::value_from(a.person)}, {"role", a.role}, {"at", FormatUtc(a.at)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Report& r) {
    jv = {{"id", r.id},
          {"author", boost::json::value_from(r.author)},
          {"report_on", r.report_on},
          {"done", r.done},
          {"next", r.next},
          {"risks", r.risks},
          {"help", r.help},
          {"submitted_at", FormatUtc(r.submitted_at)},
          {"acknowledgements", boost::json::value_from(r.acknowledgements)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const DocumentVersion& v) {
    jv = {{"version", v.version},
          {"filename", v.filename},
          {"content_type", v.content_type},
          {"size_bytes", v.size_bytes},
          {"uploaded_by", boost::json::value_from(v.uploaded_by)},
          {"uploaded_at", FormatUtc(v.uploaded_at)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Document& d) {
    jv = {{"id", d.id},
          {"title", d.title},
          {"visibility", d.visibility},
          {"current_version", d.current_version},
          {"created_by", boost::json::value_from(d.created_by)},
          {"created_at", FormatUtc(d.created_at)},
          {"updated_at", FormatUtc(d.updated_at)},
          {"versions", boost::json::value_from(d.versions)}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Sale& s) {
    jv = {{"period", s.period}, {"amount_yen", s.amount_yen}};
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Product& p) {
    long long total = 0;
    for (const auto& s : p.sales) total += s.amount_yen;
    jv = {{"id", p.id},
          {"kind", p.kind},
          {"name_ja", p.name_ja},
          {"name_en", p.name_en},
          {"description", p.description},
          {"launched_on", OptString(p.launched_on)},
          {"sales", boost::json::value_from(p.sales)},
          {"total_sales_yen", total}};
}

}  // namespace renkei::projects
