// Tiered disclosure (SPEC §3): asking for a confidential item's details opens a draft NDA in the
// contracts module (through the opener it registers), and the person is told once the NDA covers
// them. Who sees what is decided by DisclosureFor (model.hpp) at every read; nothing here changes it.
#include <boost/json.hpp>

#include "modules/exchange/internal.hpp"
#include "modules/exchange/store.hpp"
#include "modules/inbox/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/error.hpp"
#include "platform/ids.hpp"

namespace renkei::exchange {
namespace {

NdaOpener& Opener() {
    static NdaOpener opener = nullptr;
    return opener;
}

DisclosureRequestRef RefOf(const store::DisclosureRequest& d) {
    DisclosureRequestRef r{d.id, d.item_type, d.item_id, d.contract_id, FromUnix(d.created_at), std::nullopt};
    if (d.notified_at) r.notified_at = FromUnix(*d.notified_at);
    return r;
}

std::string ItemLink(const std::string& type, const std::string& id) {
    return std::string("/exchange/") + (type == "need" ? "needs/" : "seeds/") + id;
}

}  // namespace

void RegisterNdaOpener(NdaOpener opener) { Opener() = opener; }

DisclosureRequestRef RequestDetails(db::Tx& tx, const auth::Principal& me, const std::string& item_type,
                                    const std::string& item_id, Seconds now) {
    Viewer v = ViewerOf(tx, me, now);
    Teaser teaser;
    std::optional<std::string> owner_org;
    bool teaser_only = false;
    if (item_type == "need") {
        Need n = LoadNeedFor(tx, v, item_id);
        teaser = n.teaser;
        owner_org = n.company_id;
        teaser_only = n.teaser_only;
    } else if (item_type == "seed") {
        Seed s = LoadSeedFor(tx, v, item_id);
        teaser = s.teaser;
        owner_org = s.company_id;
        teaser_only = s.teaser_only;
    } else {
        throw Invalid("item_type", "item_type must be need or seed");
    }
    if (!teaser_only) throw Error{ErrorCode::kConflict, "item_id", "the details are already open to you"};
    if (auto existing = store::FindDisclosureRequest(tx, item_type, item_id, me.person_id))
        throw Error{ErrorCode::kConflict, "item_id", "you have already asked for these details"}
            .With("contract_id", boost::json::value(existing->contract_id))
            .With("link", boost::json::value("/contracts/" + existing->contract_id));
    std::optional<std::string> own;
    if (auto person = people::FindPerson(tx, me.person_id)) own = EntityOf(tx, person->organisation_id);
    if (!own) throw Invalid("requester", "you belong to no organisation that could sign an NDA");
    if (!owner_org) throw Error{ErrorCode::kConflict, "item_id", "this item has no organisation to sign an NDA with"};
    if (!Opener()) throw Error{ErrorCode::kUnavailable, "", "contracts are not available"};
    NdaRequest request;
    request.requester_id = me.person_id;
    request.requester_organisation_id = *own;
    request.owner_organisation_id = *owner_org;
    request.item_type = item_type;
    request.item_id = item_id;
    request.item_title = teaser.title_ja;
    request.purpose = "「" + teaser.title_ja + "」の詳細の開示を受け、共同研究の可能性を検討するため";
    request.notes = "交流ページの「詳細を見る（NDA を依頼）」から作成されました: " + ItemLink(item_type, item_id);
    store::DisclosureRequest d{NewId(),     item_type,   item_id, me.person_id, Opener()(tx, request, now),
                               ToUnix(now), std::nullopt};
    store::InsertDisclosureRequest(tx, d);
    audit::Record(tx, me.person_id, "request_details", item_type, item_id, nullptr,
                  boost::json::object{{"contract_id", d.contract_id}, {"request_id", d.id}});
    return RefOf(d);
}

std::optional<DisclosureRequestRef> MyDisclosureRequest(db::Tx& tx, const auth::Principal& me,
                                                        const std::string& item_type, const std::string& item_id) {
    auto d = store::FindDisclosureRequest(tx, item_type, item_id, me.person_id);
    if (!d) return std::nullopt;
    return RefOf(*d);
}

// Called by SetAgreementGrants with the grants an agreement just made: whoever asked for an
// item's details through it and is now covered for the item's owner hears so, once.
void NotifyDetailsOpen(db::Tx& tx, const std::string& source_key, const std::vector<Grant>& grants, Seconds now) {
    const std::string prefix = "contract:";
    if (source_key.rfind(prefix, 0) != 0) return;
    for (const auto& d : store::DisclosureRequestsOfContract(tx, source_key.substr(prefix.size()))) {
        if (d.notified_at) continue;
        std::optional<std::string> owner;
        std::string title_ja, title_en;
        if (d.item_type == "need") {
            if (auto n = store::FindNeed(tx, d.item_id)) {
                owner = n->company_id;
                title_ja = n->teaser.title_ja;
                title_en = n->teaser.title_en;
            }
        } else if (auto s = store::FindSeed(tx, d.item_id)) {
            owner = s->company_id;
            title_ja = s->teaser.title_ja;
            title_en = s->teaser.title_en;
        }
        if (!owner) continue;
        bool covered = false;
        for (const auto& g : grants)
            if (g.person_id == d.requester_id && g.company_id == *owner && g.ActiveAt(now)) covered = true;
        if (!covered) continue;
        inbox::NewItem item;
        item.person_id = d.requester_id;
        item.kind = "exchange.details_open";
        item.source = "exchange";
        item.source_key = "details_open:" + d.id;
        item.title_ja = "詳細が閲覧可能になりました";
        item.title_en = "The details are open to you";
        item.context_ja = title_ja;
        item.context_en = title_en.empty() ? title_ja : title_en;
        item.link = ItemLink(d.item_type, d.item_id);
        inbox::Post(tx, item, now);
        store::MarkDisclosureNotified(tx, d.id, ToUnix(now));
    }
}

}  // namespace renkei::exchange
