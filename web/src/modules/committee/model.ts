// Pure helpers of the committee pages: the codes the server speaks, the quorum as it stands from
// attendance and rules (the same arithmetic as src/modules/committee/model.cpp), and times in Asia/Tokyo.

export const SIDES = ['university', 'company'] as const;
export type Side = (typeof SIDES)[number];

export const MEETING_KINDS = ['regular', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['planned', 'sent', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ITEM_KINDS = ['project_proposal', 'stage_gate', 'opencall_selection', 'budget_change', 'approval', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const QUORUM_RULES = ['majority', 'two_thirds'] as const;
export type QuorumRule = (typeof QUORUM_RULES)[number];

export const PASS_RULES = ['majority_of_votes', 'majority_of_eligible', 'two_thirds_of_eligible'] as const;
export type PassRule = (typeof PASS_RULES)[number];

export const VOTES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTES)[number];

export const RECUSAL_REASONS = ['project_member', 'partner_employee', 'coi_declared', 'declared'] as const;
export type RecusalReason = (typeof RECUSAL_REASONS)[number];

export type Outcome = 'approved' | 'rejected' | 'no_quorum' | 'nobody_eligible';

/** Members present needed for a quorum of `members` (QuorumNeeded in model.cpp). */
export function quorumNeeded(rule: QuorumRule, members: number): number {
  if (members <= 0) return 1;
  if (rule === 'two_thirds') return Math.floor((2 * members + 2) / 3);
  return Math.floor(members / 2) + 1;
}

export interface QuorumState {
  members: number;
  needed: number;
  present: number;
  university: number;
  company: number;
  /** Enough present, and one of each side when the rules ask it. */
  met: boolean;
  /** The rules ask for each side and one is missing. */
  sideMissing: boolean;
}

/** The meeting's quorum from who is marked present and the rules. */
export function quorumOf(attendance: readonly { side: Side; present: boolean }[], rules: { quorum: QuorumRule; each_side: boolean }): QuorumState {
  const members = attendance.length;
  const present = attendance.filter((a) => a.present);
  const university = present.filter((a) => a.side === 'university').length;
  const company = present.length - university;
  const needed = quorumNeeded(rules.quorum, members);
  const sideMissing = rules.each_side && (university === 0 || company === 0);
  return { members, needed, present: present.length, university, company, sideMissing, met: members > 0 && present.length >= needed && !sideMissing };
}

/** Moves the id at `index` one place up (-1) or down (+1); the same list when it cannot move. */
export function moved(ids: readonly string[], index: number, step: -1 | 1): string[] {
  const to = index + step;
  if (index < 0 || index >= ids.length || to < 0 || to >= ids.length) return [...ids];
  const out = [...ids];
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

/** A title in the UI's language, the other when it is blank. */
export function titleOf(item: { title_ja?: string | null; title_en?: string | null }, language: 'ja' | 'en'): string {
  const ja = item.title_ja?.trim() ?? '';
  const en = item.title_en?.trim() ?? '';
  return language === 'ja' ? ja || en : en || ja;
}

/** A date (YYYY-MM-DD) and a clock time (HH:mm) in Asia/Tokyo as an RFC 3339 instant for the server. */
export function tokyoInstant(date: string, time: string): string {
  return `${date}T${time}:00+09:00`;
}

/** Today's date in Asia/Tokyo, `days` from now, as YYYY-MM-DD. */
export function tokyoDate(days = 0, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(now.getTime() + days * 86_400_000),
  );
}

const parts = (iso: string, language: 'ja' | 'en', options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', ...options }).format(new Date(iso));

/** "2026年12月22日(火) 18:00〜19:30" / "Tue, 22 Dec 2026, 18:00–19:30", in Asia/Tokyo. */
export function formatMeetingTime(startsAt: string, endsAt: string, language: 'ja' | 'en'): string {
  if (!startsAt || Number.isNaN(new Date(startsAt).getTime())) return '';
  const time = (iso: string) => parts(iso, language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const end = endsAt && !Number.isNaN(new Date(endsAt).getTime()) ? time(endsAt) : '';
  if (language === 'ja') {
    const day = parts(startsAt, 'ja', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).replace(/\((.)\)/, '($1)');
    return `${day} ${time(startsAt)}${end ? `〜${end}` : ''}`;
  }
  const day = parts(startsAt, 'en', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return `${day}, ${time(startsAt)}${end ? `–${end}` : ''}`;
}

/** A YYYY-MM-DD date as a reader expects it: 2026年12月20日 or 20 Dec 2026. */
export function formatDate(date: string | null | undefined, language: 'ja' | 'en'): string {
  if (!date) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, y, m, d] = match;
  if (language === 'ja') return `${Number(y)}年${Number(m)}月${Number(d)}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(d)} ${months[Number(m) - 1] ?? m} ${y}`;
}

/** Clock times offered for a meeting's start and end (07:00–22:00 every 15 minutes). */
export const CLOCK_TIMES: string[] = Array.from({ length: (22 - 7) * 4 + 1 }, (_, i) => {
  const minutes = 7 * 60 + i * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
