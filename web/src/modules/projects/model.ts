// Pure helpers for projects: stage order, fiscal years, file limits, funnel, board cells.

export const STAGES = ['exploration', 'feasibility', 'joint_research', 'pre_clinical', 'clinical_study', 'regulatory', 'launched', 'sales'] as const;
export type Stage = (typeof STAGES)[number];

export const KINDS = ['strategic', 'open_call', 'joint'] as const;
export type Kind = (typeof KINDS)[number];

export const REPORT_PERIODS = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;
export const MEMBER_ROLES = ['pi', 'company_lead', 'co_investigator', 'researcher', 'coordinator'] as const;

export function stageIndex(stage: string) {
  return STAGES.indexOf(stage as Stage);
}

export function nextStage(stage: string): Stage | null {
  const i = stageIndex(stage);
  return i >= 0 && i < STAGES.length - 1 ? STAGES[i + 1] : null;
}

/** Japanese fiscal year (April–March) of a YYYY-MM-DD date: 2026-03-31 is FY2025. */
export function fiscalYearOf(date: string) {
  const [y, m] = date.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

/** Today's date in Asia/Tokyo as YYYY-MM-DD. */
export function tokyoToday(now: Date = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Server limits for documents (docs/projects.md). */
export const MAX_DOCUMENT_BYTES = 900 * 1024;
export const ALLOWED_DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'text/plain': '.txt',
  'text/csv': '.csv',
};
const EXTENSION_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
};
export const ACCEPT_ATTRIBUTE = Object.keys(EXTENSION_TYPES)
  .map((e) => `.${e}`)
  .join(',');

/** The content type to send for a file, or null when the server would refuse it. */
export function documentType(file: { name: string; type: string }): string | null {
  if (file.type && ALLOWED_DOCUMENT_TYPES[file.type]) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ext] ?? null;
}

export type FileProblem = 'too_large' | 'type' | null;
export function checkDocument(file: { name: string; type: string; size: number }): FileProblem {
  if (!documentType(file)) return 'type';
  if (file.size > MAX_DOCUMENT_BYTES) return 'too_large';
  return null;
}

export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / 104857.6) / 10} MB`;
}

export { formatYen } from '../../shell/format';

/** Groups projects by area code × stage for the portfolio board ('' for no area). */
export function boardCells<T extends { area_code: string | null; stage: string }>(projects: readonly T[]) {
  const cells = new Map<string, T[]>();
  for (const p of projects) {
    const key = `${p.area_code ?? ''}|${p.stage}`;
    const list = cells.get(key);
    if (list) list.push(p);
    else cells.set(key, [p]);
  }
  return cells;
}

/**
 * Funnel rows in stage order: how many projects are at each stage, and how many have reached it
 * or gone further (the pipeline behind the goal).
 */
export function funnelRows(funnel: Record<string, number>) {
  let beyond = 0;
  const reached: number[] = [];
  for (let i = STAGES.length - 1; i >= 0; i -= 1) {
    beyond += funnel[STAGES[i]] ?? 0;
    reached[i] = beyond;
  }
  return STAGES.map((stage, i) => ({ stage, count: funnel[stage] ?? 0, reached: reached[i] }));
}

/** Whole days from today to a YYYY-MM-DD date (negative when past). */
export function daysUntil(date: string, today: string) {
  const a = Date.parse(`${date}T00:00:00Z`);
  const b = Date.parse(`${today}T00:00:00Z`);
  return Math.round((a - b) / 86_400_000);
}

/** The search window for free meeting times: from the next half hour for `days` days (UTC ISO). */
export function slotWindow(now: Date, days: number) {
  const from = new Date(Math.ceil(now.getTime() / 1_800_000) * 1_800_000);
  const to = new Date(from.getTime() + days * 86_400_000);
  return { from: from.toISOString().replace('.000Z', 'Z'), to: to.toISOString().replace('.000Z', 'Z') };
}

/** A date and time typed in Tokyo ("2026-12-01T10:00") as a UTC ISO moment; null when malformed. */
export function tokyoLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const d = new Date(`${local}:00+09:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('.000Z', 'Z');
}

/** The end of a meeting `minutes` after `startIso`. */
export function addMinutes(startIso: string, minutes: number) {
  return new Date(new Date(startIso).getTime() + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** Slots grouped by Tokyo day, in order ("2026-12-01" → slots). */
export function groupSlotsByDay<T extends { start: string }>(slots: readonly T[]) {
  const out = new Map<string, T[]>();
  for (const s of [...slots].sort((a, b) => a.start.localeCompare(b.start))) {
    const day = tokyoToday(new Date(s.start));
    out.set(day, [...(out.get(day) ?? []), s]);
  }
  return out;
}
