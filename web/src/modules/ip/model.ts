// Pure rules of the intellectual property pages (知財, docs/ip.md): labels' keys and colours, the
// inventors' shares (the server's EvenShares, the prefill from a project's members, the running
// sum), the list's filters and order, deadlines that are overdue, yen, and what a publication asks
// of its viewer. No React, no I/O.
import { addDays, daysUntil, titleOf, tokyoToday } from '../ethics/model';

// Tokyo dates and a title in the UI's language are shared with the ethics pages (one copy of each helper).
export { addDays, daysUntil, titleOf, tokyoToday };

export const STATUSES = ['disclosed', 'evaluating', 'decided', 'filed', 'registered', 'abandoned'] as const;
export type Status = (typeof STATUSES)[number];

export const DECISIONS = ['file', 'hold', 'abandon', 'company'] as const;
export type Decision = (typeof DECISIONS)[number];

export const FILING_KINDS = ['jp', 'pct', 'national'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

export const DEADLINE_KINDS = ['paris_priority', 'pct_national_phase', 'jp_examination_request', 'grace_period_filing', 'grace_period_proof'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const EMPLOYERS = ['university', 'company'] as const;
export type Employer = (typeof EMPLOYERS)[number];

export const PUBLICATION_KINDS = ['paper', 'talk', 'abstract'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

export const REWARD_KINDS = ['filing', 'registration', 'revenue'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export const STATUS_COLOURS: Record<Status, string> = {
  disclosed: 'processing',
  evaluating: 'gold',
  decided: 'purple',
  filed: 'blue',
  registered: 'success',
  abandoned: 'default',
};

export const DECISION_COLOURS: Record<Decision, string> = {
  file: 'blue',
  hold: 'gold',
  abandon: 'default',
  company: 'cyan',
};

/** The roles of a project's members who are not listed as inventors by default (as the server does). */
export const NOT_INVENTOR_ROLES: readonly string[] = ['company_lead', 'coordinator'];

/** Shares split evenly in whole percent, the first ones taking the remainder: 3 → 34, 33, 33 (the server's EvenShares). */
export function evenShares(n: number): number[] {
  if (n <= 0) return [];
  const each = Math.floor(100 / n);
  const rest = 100 % n;
  return Array.from({ length: n }, (_, i) => each + (i < rest ? 1 : 0));
}

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

/** One inventor as the forms hold them. */
export interface InventorRow {
  person_id: string;
  name_ja: string;
  name_en: string;
  share_percent: number | null;
  employer?: Employer;
}

/** The disclosure's default inventors: the project's members but its company lead and coordinators, each once, with even shares. */
export function prefillInventors(members: readonly { person: PersonRef; role: string }[]): InventorRow[] {
  const seen = new Set<string>();
  const people: PersonRef[] = [];
  for (const m of members) {
    if (NOT_INVENTOR_ROLES.includes(m.role) || seen.has(m.person.id)) continue;
    seen.add(m.person.id);
    people.push(m.person);
  }
  const shares = evenShares(people.length);
  return people.map((p, i) => ({ person_id: p.id, name_ja: p.name_ja, name_en: p.name_en, share_percent: shares[i] }));
}

/** The same inventors with their shares split evenly again. */
export function respread(rows: readonly InventorRow[]): InventorRow[] {
  const shares = evenShares(rows.length);
  return rows.map((r, i) => ({ ...r, share_percent: shares[i] }));
}

/** The running sum of the shares (blanks count as 0). */
export function shareTotal(rows: readonly { share_percent: number | null | undefined }[]): number {
  return rows.reduce((sum, r) => sum + (r.share_percent ?? 0), 0);
}

export type SharesProblem = 'none' | 'duplicate' | 'range' | 'total';

/** What the server would refuse about these inventors (CheckInventors), or null. */
export function sharesProblem(rows: readonly { person_id: string; share_percent: number | null | undefined }[]): SharesProblem | null {
  if (rows.length === 0) return 'none';
  if (new Set(rows.map((r) => r.person_id)).size !== rows.length) return 'duplicate';
  if (rows.some((r) => r.share_percent === null || r.share_percent === undefined || r.share_percent < 1 || r.share_percent > 100)) return 'range';
  return shareTotal(rows) === 100 ? null : 'total';
}

const yen = new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });

/** Yen as a Japanese reader writes it (Intl ja-JP): ￥1,234. */
export function formatYen(amount: number | null | undefined): string {
  return yen.format(amount ?? 0);
}

/** A deadline not yet met whose due date has passed (the server lists open deadlines only). */
export function isOverdue(d: { due_on: string }, today: string): boolean {
  return d.due_on < today;
}

/** The earliest of some deadlines, or null. */
export function nextDeadline<T extends { due_on: string }>(deadlines: readonly T[] | undefined): T | null {
  let best: T | null = null;
  for (const d of deadlines ?? []) if (!best || d.due_on < best.due_on) best = d;
  return best;
}

/** Rows by due date, then by kind (stable for the same day). */
export function sortByDue<T extends { due_on: string; kind: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.due_on !== b.due_on ? (a.due_on < b.due_on ? -1 : 1) : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

export interface ListRow {
  title: string;
  status: Status;
  project_title_ja: string;
  project_title_en: string;
  deadlines?: readonly { due_on: string }[];
  inventors?: readonly { person: PersonRef }[];
}

export interface ListFilter {
  status?: string;
  q?: string;
}

/** The list's filters: the status, and a text in the title, the project's title or an inventor's name. */
export function filterInventions<T extends ListRow>(rows: readonly T[], f: ListFilter): T[] {
  const q = (f.q ?? '').trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.status || r.status === f.status) &&
      (!q ||
        [r.title, r.project_title_ja, r.project_title_en, ...(r.inventors ?? []).flatMap((i) => [i.person.name_ja, i.person.name_en])].some((s) =>
          (s ?? '').toLowerCase().includes(q),
        )),
  );
}

/** Inventions with a deadline first (soonest first), then by title as a Japanese reader expects. */
export function sortInventions<T extends ListRow>(rows: readonly T[], language: 'ja' | 'en'): T[] {
  return [...rows].sort((a, b) => {
    const da = nextDeadline(a.deadlines)?.due_on ?? '9999-99-99';
    const db = nextDeadline(b.deadlines)?.due_on ?? '9999-99-99';
    return da !== db ? (da < db ? -1 : 1) : a.title.localeCompare(b.title, language === 'ja' ? 'ja' : 'en');
  });
}

/** The Tokyo date of an instant (an event's start, sent as UTC). */
export function tokyoDateOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : tokyoToday(d);
}

/** Due and paid totals of reward rows (for one invention's rewards). */
export function rewardTotals(rows: readonly { amount_yen: number; paid_on: string | null }[]): { due: number; paid: number } {
  let due = 0;
  let paid = 0;
  for (const r of rows) {
    if (r.paid_on) paid += r.amount_yen;
    else due += r.amount_yen;
  }
  return { due, paid };
}

/** A publication still waiting for the guard to be lifted (before a filing, nobody has confirmed it holds no invention). */
export const needsClearance = (p: { guarded: boolean; status: string }) => p.guarded && p.status === 'planned';
