// Pure rules of the ethics review pages (docs/ethics.md): labels' keys and colours, which status
// actions a protocol offers its viewer, what is still missing before a submission, the list's
// filters and Japanese sorting, overdue deadlines and the enrolment progress. No React, no I/O.

export const CATEGORIES = ['observational', 'interventional', 'specified_clinical', 'clinical_trial'] as const;
export type Category = (typeof CATEGORIES)[number];

export const STATUSES = ['preparing', 'submitted', 'revisions_requested', 'approved', 'active', 'completed', 'suspended', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

export const SERIOUSNESS = ['death', 'life_threatening', 'serious', 'non_serious'] as const;
export type Seriousness = (typeof SERIOUSNESS)[number];

export const REVIEW_TYPES = ['full', 'expedited'] as const;
export const COMMITTEE_KINDS = ['institutional', 'certified'] as const;
export const UNITS = ['day', 'month', 'year'] as const;

export const STATUS_COLOURS: Record<Status, string> = {
  preparing: 'default',
  submitted: 'processing',
  revisions_requested: 'warning',
  approved: 'success',
  active: 'green',
  completed: 'purple',
  suspended: 'error',
  withdrawn: 'default',
};

export const CATEGORY_COLOURS: Record<Category, string> = {
  observational: 'blue',
  interventional: 'geekblue',
  specified_clinical: 'magenta',
  clinical_trial: 'volcano',
};

export interface May {
  edit: boolean;
  submit: boolean;
  review: boolean;
  start: boolean;
  complete: boolean;
  withdraw: boolean;
  report: boolean;
}

export type Action = 'submit' | 'revise' | 'approve' | 'suspend' | 'resume' | 'start' | 'complete' | 'withdraw';

const TERMINAL: readonly Status[] = ['completed', 'withdrawn'];

export const isTerminal = (status: Status) => TERMINAL.includes(status);
/** The investigators may still change the contents (before the committee has it, or after it asked for revisions). */
export const isEditable = (status: Status) => status === 'preparing' || status === 'revisions_requested';

/** The status each action moves a protocol to. */
export const ACTION_TARGET: Record<Action, Status> = {
  submit: 'submitted',
  revise: 'revisions_requested',
  approve: 'approved',
  suspend: 'suspended',
  resume: 'active',
  start: 'active',
  complete: 'completed',
  withdraw: 'withdrawn',
};

/** The status actions the viewer may take now (the server's `may` decides, the status picks the button). */
export function availableActions(status: Status, may: May): Action[] {
  const out: Action[] = [];
  if (may.submit && isEditable(status)) out.push('submit');
  if (may.review && status === 'submitted') out.push('revise', 'approve');
  if (may.review && (status === 'approved' || status === 'active')) out.push('suspend');
  if (may.start && status === 'suspended') out.push('resume');
  if (may.start && status === 'approved') out.push('start');
  if (may.complete && status === 'active') out.push('complete');
  if (may.withdraw && !isTerminal(status)) out.push('withdraw');
  return out;
}

/** What the server will ask for before a submission (docs/ethics.md: title, committee, planned period). */
export function missingForSubmit(p: { title_ja: string; committee: string | null; planned_start: string | null; planned_end: string | null }) {
  const missing: ('title_ja' | 'committee_id' | 'planned_start' | 'planned_end')[] = [];
  if (!p.title_ja.trim()) missing.push('title_ja');
  if (!p.committee) missing.push('committee_id');
  if (!p.planned_start) missing.push('planned_start');
  if (!p.planned_end) missing.push('planned_end');
  return missing;
}

/** Today in Tokyo as YYYY-MM-DD (the server's deadlines are Tokyo dates). */
export function tokyoToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The date `days` days after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A deadline not filed whose due date has passed. */
export function isOverdue(d: { due_on: string; filed_on?: string | null; overdue?: boolean }, today: string): boolean {
  if (d.filed_on) return false;
  if (d.overdue !== undefined) return d.overdue;
  return d.due_on < today;
}

/** Whole days from today to the due date (negative once overdue). */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export interface Titled {
  title_ja: string;
  title_en: string;
}

/** The title in the UI's language, the other one when it is blank. */
export function titleOf(x: Titled | null | undefined, language: 'ja' | 'en'): string {
  if (!x) return '';
  return language === 'en' ? x.title_en || x.title_ja : x.title_ja || x.title_en;
}

export interface ListRow extends Titled {
  status: Status;
  category: Category;
  project_title_ja: string;
  project_title_en: string;
  next_deadline?: { due_on: string } | null;
}

export interface ListFilter {
  status?: string;
  category?: string;
  q?: string;
}

/** The list's filters: status, category and a text in the title or the project's title. */
export function filterProtocols<T extends ListRow>(rows: readonly T[], f: ListFilter): T[] {
  const q = (f.q ?? '').trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.status || r.status === f.status) &&
      (!f.category || r.category === f.category) &&
      (!q || [r.title_ja, r.title_en, r.project_title_ja, r.project_title_en].some((s) => s.toLowerCase().includes(q))),
  );
}

/** Sorting by title as a Japanese reader expects (localeCompare with 'ja'), or in English. */
export function compareTitles(a: Titled, b: Titled, language: 'ja' | 'en'): number {
  return titleOf(a, language).localeCompare(titleOf(b, language), language === 'ja' ? 'ja' : 'en');
}

/** Protocols with a deadline first (soonest first), then by title. */
export function sortProtocols<T extends ListRow>(rows: readonly T[], language: 'ja' | 'en'): T[] {
  return [...rows].sort((a, b) => {
    const da = a.next_deadline?.due_on ?? '9999-99-99';
    const db = b.next_deadline?.due_on ?? '9999-99-99';
    return da !== db ? (da < db ? -1 : 1) : compareTitles(a, b, language);
  });
}

/** Enrolled against the target, as a whole percentage capped at 100 (null without a target). */
export function enrolmentPercent(enrolled: number, target: number | null | undefined): number | null {
  if (!target || target <= 0) return null;
  return Math.min(100, Math.round((enrolled / target) * 100));
}

/** The counts oldest first, each with the change from the one before. */
export function enrolmentSeries(counts: readonly { counted_on: string; enrolled: number }[]) {
  const sorted = [...counts].sort((a, b) => (a.counted_on < b.counted_on ? -1 : a.counted_on > b.counted_on ? 1 : 0));
  return sorted.map((c, i) => ({ ...c, change: i === 0 ? c.enrolled : c.enrolled - sorted[i - 1].enrolled }));
}

/** Deadlines by due date, unfiled ones before filed ones on the same day. */
export function sortDeadlines<T extends { due_on: string; filed_on?: string | null; kind: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.due_on !== b.due_on) return a.due_on < b.due_on ? -1 : 1;
    if (!!a.filed_on !== !!b.filed_on) return a.filed_on ? 1 : -1;
    return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
  });
}

/** Sites typed one per line or separated by 、 / , — trimmed, no blanks, no repeats. */
export function parseSites(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\n,、，]/)) {
    const s = part.trim();
    if (s) seen.add(s);
  }
  return [...seen];
}

/** A median in days for people: whole days stay whole, else one decimal. */
export function formatMedian(days: number | null | undefined): string | null {
  if (days === null || days === undefined) return null;
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}
