// The minutes of a meeting (議事録) as .docx, written from the record: attendance by side, each
// item with its recusals and why, the votes by name and the decision. The office edits the
// document if it wishes; the record in Renkei stays what was decided.
#include <map>

#include "modules/committee/internal.hpp"
#include "modules/contracts/service.hpp"

namespace renkei::committee {
namespace {

using contracts::documents::Paragraph;

const char* SideJa(Side s) { return s == Side::kUniversity ? "大学" : "企業"; }
const char* VoteJa(Vote v) {
    switch (v) {
        case Vote::kFor:
            return "賛成";
        case Vote::kAgainst:
            return "反対";
        case Vote::kAbstain:
            return "棄権";
    }
    return "";
}
std::string ReasonJa(const Recusal& r) {
    switch (r.reason) {
        case RecusalReason::kProjectMember:
            return "案件の関係者" + (r.detail.empty() ? "" : "（" + r.detail + "）");
        case RecusalReason::kPartnerEmployee:
            return "相手先企業の所属" + (r.detail.empty() ? "" : "（" + r.detail + "）");
        case RecusalReason::kCoiDeclared:
            return "相手先企業との利益相反の申告" + (r.detail.empty() ? "" : "（" + r.detail + "）");
        case RecusalReason::kDeclared:
            return "本人の申し出" + (r.detail.empty() ? "" : "：" + r.detail);
    }
    return "";
}
const char* KindJa(MeetingKind k) { return k == MeetingKind::kRegular ? "定例" : "臨時"; }
std::string Hm(Seconds t) { return FormatTokyo(t).substr(11, 5); }

}  // namespace

Document Minutes(db::Tx& tx, const Me& me, const std::string& id, Seconds now) {
    auto v = GetMeeting(tx, me, id, now);
    const auto& m = v.meeting;
    std::string date = TokyoDate(m.starts_at);
    std::string body = Paragraph("運営委員会　議事録", "Title");
    body += Paragraph(m.title_ja + "（" + KindJa(m.kind) + "）");
    body += Paragraph("日時：" + date + "　" + Hm(m.starts_at) + "〜" + Hm(m.ends_at));
    if (!m.space_name_ja.empty()) body += Paragraph("場所：" + m.space_name_ja);

    body += Paragraph("出席者", "Heading2");
    int present = 0;
    std::map<std::string, std::string> side_of;
    for (const auto& a : v.attendance) {
        side_of[a.person.id] = SideJa(a.side);
        if (!a.present) continue;
        ++present;
        body += Paragraph(std::string("・") + a.person.name_ja + "（" + SideJa(a.side) + "）");
    }
    if (present == 0) body += Paragraph("（記録なし）");
    std::string absent;
    for (const auto& a : v.attendance)
        if (!a.present) absent += (absent.empty() ? "" : "、") + a.person.name_ja;
    if (!absent.empty()) body += Paragraph("欠席：" + absent);
    body += Paragraph("委員 " + std::to_string(v.attendance.size()) + " 名中 " + std::to_string(present) +
                      " 名出席。定足数：" + (v.rules.quorum == QuorumRule::kMajority ? "過半数" : "3分の2以上") +
                      (v.rules.each_side ? "（大学側・企業側それぞれ1名以上）" : "") + "。");

    body += Paragraph("議事", "Heading2");
    int n = 1;
    for (const auto& iv : v.items) {
        const auto& i = iv.item;
        body += Paragraph("第" + std::to_string(n++) + "号議案　" + i.title_ja, "Heading2");
        if (!i.note.empty()) body += Paragraph(i.note);
        if (iv.recusals.empty()) {
            body += Paragraph("審議・議決から外れた委員：なし");
        } else {
            for (const auto& r : iv.recusals)
                body += Paragraph("審議・議決から外れた委員：" + r.person.name_ja + "（" + ReasonJa(r) + "）");
        }
        for (const auto& vote : iv.votes) body += Paragraph("・" + vote.person.name_ja + "：" + VoteJa(vote.vote));
        const auto& t = iv.tally;
        body +=
            Paragraph("表決：賛成 " + std::to_string(t.votes_for) + "、反対 " + std::to_string(t.against) + "、棄権 " +
                      std::to_string(t.abstain) + "（議決権を有する出席委員 " + std::to_string(t.eligible) + " 名）");
        std::string decision = !i.decision ? "未決" : *i.decision == Decision::kApproved ? "承認（可決）" : "否決";
        body += Paragraph("結果：" + decision + (i.decision_note.empty() ? "" : "。" + i.decision_note));
    }
    if (v.items.empty()) body += Paragraph("（議題なし）");
    body += Paragraph(m.status == MeetingStatus::kClosed
                          ? "以上の議事録は、" + TokyoDate(*m.closed_at) + " に事務局が承認した。"
                          : "（案）この議事録は事務局の承認前のものである。");
    body += Paragraph("本議事録は産学医連携センターの記録（Renkei）から作成した。");
    return Document{"minutes-" + date + ".docx", contracts::documents::kDocxContentType,
                    contracts::documents::Package(body, "運営委員会　議事録", m.title_ja + "　" + date)};
}

}  // namespace renkei::committee
