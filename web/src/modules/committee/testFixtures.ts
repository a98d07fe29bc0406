// Shared fixtures of the committee page tests (not a test file itself).
import { tanaka } from '../../test/util';

export const office = { ...tanaka, id: 'p-office', name_ja: '中村 由美', name_kana: 'ナカムラ ユミ', name_en: 'Yumi Nakamura', roles: ['office'] };
export const ito = { ...tanaka, id: 'p-ito', name_ja: '伊藤 隆', name_kana: 'イトウ タカシ', name_en: 'Takashi Ito', roles: ['committee'] };

const person = (id: string, name_ja: string, name_en: string) => ({ id, name_ja, name_en });
export const sato = person('p-sato', '佐藤 誠一', 'Seiichi Sato');
export const suzuki = person('p-suzuki', '鈴木 正樹', 'Masaki Suzuki');
export const takahashi = person('p-takahashi', '高橋 浩', 'Hiroshi Takahashi');
export const itoRef = person('p-ito', '伊藤 隆', 'Takashi Ito');
export const watanabe = person('p-watanabe', '渡辺 美香', 'Mika Watanabe');
export const yamamoto = person('p-yamamoto', '山本 大輔', 'Daisuke Yamamoto');

export const tally = (overrides: Record<string, unknown> = {}) => ({
  members: 6,
  present: 0,
  present_university: 0,
  present_company: 0,
  quorum_needed: 4,
  quorum: false,
  eligible: 0,
  for: 0,
  against: 0,
  abstain: 0,
  not_voted: 0,
  outcome: 'no_quorum',
  ...overrides,
});

export function makeItem(overrides: Record<string, unknown> = {}) {
  return {
    id: 'i-1',
    meeting_id: 'm-1',
    position: 1,
    kind: 'project_proposal',
    subject_id: 'pr-1',
    link: '/projects/pr-1',
    title_ja: 'プロジェクトの提案: アトピー性皮膚炎のかゆみを測る',
    title_en: 'Project proposal: measuring atopic itch',
    note: '',
    vote_deadline: null,
    decision: null,
    decision_note: '',
    decided_by: null,
    decided_at: null,
    recused: [],
    recusals: [],
    votes: [],
    tally: tally(),
    my_vote: null,
    may: { vote: false, recuse: false, decide: false },
    ...overrides,
  };
}

const jsrRecusals = [itoRef, watanabe, yamamoto].map((p) => ({ person: p, reason: 'partner_employee', detail: 'JSR株式会社' }));

export function makeMeeting(overrides: Record<string, unknown> = {}, items?: unknown[]) {
  const agenda = items ?? [
    makeItem({ recused: jsrRecusals.map((r) => r.person.id), recusals: jsrRecusals }),
    makeItem({
      id: 'i-2',
      position: 2,
      subject_id: 'pr-2',
      link: '/projects/pr-2',
      title_ja: 'プロジェクトの提案: 術後せん妄を早期に捉えるベッドサイド・モニタ',
      title_en: 'Project proposal: a bedside delirium monitor',
    }),
  ];
  return {
    id: 'm-1',
    kind: 'regular',
    title_ja: '第12月 運営委員会（定例）',
    title_en: 'Steering committee, regular meeting',
    starts_at: '2026-12-22T09:00:00Z',
    ends_at: '2026-12-22T10:30:00Z',
    space_id: 's-3',
    booking_id: 'b-1',
    space_name_ja: '会議室3',
    space_name_en: 'Meeting room 3',
    status: 'planned',
    sent_at: null,
    closed_at: null,
    closed_by: null,
    items_total: agenda.length,
    items_open: agenda.length,
    attendance: [
      { person: sato, side: 'university', present: true },
      { person: suzuki, side: 'university', present: true },
      { person: takahashi, side: 'university', present: false },
      { person: itoRef, side: 'company', present: true },
      { person: watanabe, side: 'company', present: true },
      { person: yamamoto, side: 'company', present: false },
    ],
    agenda,
    items: agenda,
    rules: { quorum: 'majority', each_side: true, pass: 'majority_of_votes' },
    may_manage: false,
    ...overrides,
  };
}
