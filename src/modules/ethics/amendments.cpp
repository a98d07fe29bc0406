// Amendments (変更申請) and consent-form versions (同意説明文書 v1, v2 …) of a protocol, each with its
// own document, review and approval.
#include <boost/json.hpp>

#include "modules/ethics/internal.hpp"
#include "modules/ethics/store.hpp"
#include "modules/inbox/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"
#include "platform/json.hpp"
#include "platform/text/base64.hpp"

namespace renkei::ethics {
namespace {

namespace json = boost::json;

std::string AmendmentKey(const std::string& id) { return "amendment:" + id; }

bool EndsWith(const std::string& s, const char* suffix) {
    std::string x(suffix);
    if (s.size() < x.size()) return false;
    std::string tail = s.substr(s.size() - x.size());
    for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == x;
}

std::string ContentTypeOf(const std::string& filename) {
    if (EndsWith(filename, ".pdf")) return "application/pdf";
    if (EndsWith(filename, ".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    return "application/octet-stream";
}

std::string Label(const Amendment& a, bool english) {
    if (a.kind == AmendmentKind::kConsent)
        return english ? "Consent form v" + std::to_string(a.number)
                       : "同意説明文書 第" + std::to_string(a.number) + "版";
    return english ? "Amendment " + std::to_string(a.number) : "変更申請 " + std::to_string(a.number);
}

void AskCommittee(Context& ctx, const Protocol& p, const Amendment& a, Seconds now) {
    const auto* c = ctx.FindCommittee(p.committee_id);
    if (!c) return;
    for (const auto& m : c->members) {
        if (p.IsInvestigator(m.id)) continue;
        inbox::Post(ctx.tx(),
                    {m.id, "ethics.amendment", kSource, AmendmentKey(a.id),
                     "倫理審査（" + Label(a, false) + "）: " + p.title_ja,
                     "Ethics review (" + Label(a, true) + "): " + (p.title_en.empty() ? p.title_ja : p.title_en),
                     a.summary, a.summary, "/ethics/protocols/" + p.id, std::nullopt, std::nullopt},
                    now);
    }
}

}  // namespace

ProtocolView SubmitAmendment(db::Tx& tx, const Me& me, const std::string& id, const AmendmentInput& in, Seconds now) {
    Context ctx(tx, me);
    auto p = LoadForInvestigators(ctx, id, "submit amendments");
    auto kind = FromText<AmendmentKind>(in.kind);
    if (!kind) throw Invalid("kind", "kind must be amendment or consent");
    if (IsTerminal(p.status)) throw Error{ErrorCode::kConflict, "status", "the protocol is closed"};
    if (*kind == AmendmentKind::kAmendment &&
        !(p.status == Status::kApproved || p.status == Status::kActive || p.status == Status::kSuspended))
        throw Error{ErrorCode::kConflict, "status", "an amendment changes an approved protocol; edit it until then"};
    auto summary = Trim(in.summary);
    if (summary.empty() || Utf8Length(summary) > 1000 || !CleanUtf8(summary, true))
        throw Invalid("summary", "say what changes (1 to 1000 characters)");
    if (in.bytes.empty() && *kind == AmendmentKind::kConsent) throw Invalid("file", "attach the consent form");
    if (in.bytes.size() > kMaxDocumentBytes) throw Invalid("file", "a document is at most 5 MB");
    if (!in.bytes.empty()) {
        if (in.filename.empty() || in.filename.size() > 200 || in.filename.find('/') != std::string::npos ||
            in.filename.find('"') != std::string::npos || !CleanUtf8(in.filename, false))
            throw Invalid("filename", "a file name without slashes or quotes is required");
        if (!EndsWith(in.filename, ".pdf") && !EndsWith(in.filename, ".docx"))
            throw Invalid("filename", "a PDF or Word (.docx) document");
        bool pdf = in.bytes.rfind("%PDF-", 0) == 0, zip = in.bytes.rfind(std::string("PK\x03\x04", 4), 0) == 0;
        if (EndsWith(in.filename, ".pdf") ? !pdf : !zip) throw Invalid("file", "the file is not what its name says");
    }
    Amendment a;
    a.id = NewId();
    a.kind = *kind;
    a.number = store::NextAmendmentNumber(tx, p.id, *kind);
    a.summary = summary;
    a.filename = in.bytes.empty() ? "" : in.filename;
    a.size_bytes = static_cast<long long>(in.bytes.size());
    a.submitted_on = TokyoDate(now);
    a.created_by.id = me.person_id;
    store::InsertAmendment(tx, p.id, a, in.bytes.empty() ? "" : text::ToBase64(in.bytes), now);
    audit::Record(
        tx, me.person_id, "amendment", "ethics_protocol", p.id, nullptr,
        json::object{{"amendment_id", a.id}, {"kind", in.kind}, {"number", a.number}, {"status", "submitted"}});
    AskCommittee(ctx, p, a, now);
    return ViewOf(ctx, LoadFor(ctx, id), now);
}

ProtocolView MoveAmendment(db::Tx& tx, const Me& me, const std::string& id, const std::string& amendment_id,
                           const std::string& status, const std::string& note, Seconds now) {
    auto to = FromText<AmendmentStatus>(status);
    if (!to) throw Invalid("status", "status must be submitted, revisions_requested, approved or withdrawn");
    if (Utf8Length(note) > 2000) throw Invalid("note", "note is at most 2000 characters");
    Context ctx(tx, me);
    Relation r;
    auto p = LoadFor(ctx, id, &r);
    auto stored = store::AmendmentFile(tx, p.id, amendment_id);
    if (!stored) throw NotFound("amendment");
    auto a = stored->first;
    auto side = SideOf(r);
    if (!side || !MayMoveAmendment(*side, a.status, *to)) {
        if (side && !MayMoveAmendment(Side::kOffice, a.status, *to))
            throw Error{ErrorCode::kConflict, "status",
                        "an amendment " + std::string(Text(a.status)) + " cannot become " + status};
        throw Forbidden("you may not move this amendment to " + status);
    }
    if (*to == AmendmentStatus::kRevisionsRequested && Trim(note).empty())
        throw Invalid("note", "say what is to be revised");
    auto from = a.status;
    a.status = *to;
    a.note = Trim(note);
    if (*to == AmendmentStatus::kSubmitted) {
        a.submitted_on = TokyoDate(now);
        a.decided_on.reset();
        a.decided_by.reset();
        AskCommittee(ctx, p, a, now);
    } else if (*to != AmendmentStatus::kWithdrawn) {
        a.decided_on = TokyoDate(now);
        a.decided_by = PersonRef{me.person_id, "", ""};
    }
    if (*to != AmendmentStatus::kSubmitted)
        inbox::Resolve(tx, kSource, AmendmentKey(a.id), me.person_id, now,
                       *to == AmendmentStatus::kWithdrawn ? "cancelled" : "done");
    store::UpdateAmendment(tx, a);
    audit::Record(tx, me.person_id, "amendment", "ethics_protocol", p.id,
                  json::object{{"amendment_id", a.id}, {"status", Text(from)}},
                  json::object{{"amendment_id", a.id}, {"status", status}, {"note", a.note}});
    return ViewOf(ctx, LoadFor(ctx, id), now);
}

File AmendmentDocument(db::Tx& tx, const Me& me, const std::string& id, const std::string& amendment_id) {
    Context ctx(tx, me);
    auto p = LoadFor(ctx, id);
    auto stored = store::AmendmentFile(tx, p.id, amendment_id);
    if (!stored || stored->first.filename.empty()) throw NotFound("document");
    File f;
    f.filename = stored->first.filename;
    f.content_type = ContentTypeOf(f.filename);
    f.bytes = text::DecodeStored(stored->second, "document");
    return f;
}

}  // namespace renkei::ethics
