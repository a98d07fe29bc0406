// Conflict of interest in the UI: categories, thresholds, the rows of a declaration form and the
// live preview of what would cross a threshold (the server decides; this only helps the person
// see it before filing). Pure functions, tested in model.test.ts.

export const CATEGORIES = ['consulting', 'lecture', 'equity', 'royalty', 'research_funding', 'gift', 'position'] as const;
export type Category = (typeof CATEGORIES)[number];
export const RULES = ['amount', 'any', 'off'] as const;
export type Rule = (typeof RULES)[number];
export const DECISIONS = ['no_conflict', 'manageable', 'not_allowed'] as const;
export type Decision = (typeof DECISIONS)[number];
export type CaseStatus = 'open' | 'decided' | 'withdrawn';

export interface Threshold {
  category: Category;
  rule: Rule;
  amount_yen: number;
}

/** A registered organisation as a reference. */
export interface OrgName {
  id: string;
  name_ja: string;
  name_en: string;
}

/** A row of the form: a registered organisation or a company named in free text. */
export interface RelationshipRow {
  key: string;
  organisation_id: string | null;
  company_name: string;
  category: Category | '';
  amount_yen: number | null;
  note: string;
  /** The registered company the server resolved `resolved_for` (the free text as loaded) to. */
  resolved?: OrgName | null;
  resolved_for?: string;
}

export interface OrgNode {
  id: string;
  parent_id: string | null;
  kind: string;
}

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** Categories whose threshold is "any": the amount does not matter (shares, positions). */
export function amountMatters(category: Category | '', thresholds: readonly Threshold[]) {
  if (!category) return true;
  const t = thresholds.find((x) => x.category === category);
  return !t || t.rule === 'amount';
}

let nextKey = 0;
export function newRow(partial: Partial<RelationshipRow> = {}): RelationshipRow {
  nextKey += 1;
  return { key: `row-${nextKey}`, organisation_id: null, company_name: '', category: '', amount_yen: null, note: '', ...partial };
}

/** Last year's relationships (or this year's as filed) as rows of the form. */
export function rowsFromPrefill(
  prefill: readonly {
    organisation_id: string | null;
    company_name: string;
    category: string;
    amount_yen: number;
    note: string;
    resolved_organisation?: OrgName | null;
  }[],
): RelationshipRow[] {
  return prefill.map((r) =>
    newRow({
      organisation_id: r.organisation_id,
      company_name: r.organisation_id ? '' : r.company_name,
      category: isCategory(r.category) ? r.category : '',
      amount_yen: r.amount_yen,
      note: r.note,
      resolved: r.organisation_id ? null : (r.resolved_organisation ?? null),
      resolved_for: r.organisation_id ? '' : r.company_name,
    }),
  );
}

/**
 * The registered company a free-text row counts as: the server matches the typed name with the
 * registered companies' names (docs/coi.md) and says so with the row. It holds while the text is
 * the one the server saw; once the person edits it, the server decides again on saving.
 */
export function resolvedCompany(row: RelationshipRow): OrgName | null {
  if (row.organisation_id || !row.resolved) return null;
  return row.company_name.trim() === (row.resolved_for ?? '').trim() ? row.resolved : null;
}

/** Rows with anything in them (pre-filled or entered): what "nothing to declare" would discard. */
export function filledRows(rows: readonly RelationshipRow[]): RelationshipRow[] {
  return rows.filter((r) => !!(r.organisation_id || r.company_name.trim() || r.category || r.amount_yen !== null || r.note.trim()));
}

/** Problems of the form, by row (index → message key), before anything is sent. */
export function rowProblems(rows: readonly RelationshipRow[]): Map<number, 'company' | 'category' | 'amount'> {
  const out = new Map<number, 'company' | 'category' | 'amount'>();
  rows.forEach((r, i) => {
    if (!r.organisation_id && !r.company_name.trim()) out.set(i, 'company');
    else if (!r.category) out.set(i, 'category');
    else if (r.amount_yen !== null && (r.amount_yen < 0 || !Number.isInteger(r.amount_yen))) out.set(i, 'amount');
  });
  return out;
}

/** What the API takes. */
export function toPayload(rows: readonly RelationshipRow[]) {
  return rows.map((r) => ({
    organisation_id: r.organisation_id,
    company_name: r.organisation_id ? '' : r.company_name.trim(),
    category: r.category,
    amount_yen: r.amount_yen ?? 0,
    note: r.note.trim(),
  }));
}

/** The top of a company's group: up through companies and their divisions (as the server). */
export function groupRoot(orgs: ReadonlyMap<string, OrgNode>, id: string): string {
  let root = id;
  const seen = new Set([id]);
  for (;;) {
    const node = orgs.get(root);
    if (!node?.parent_id) return root;
    const parent = orgs.get(node.parent_id);
    if (!parent || (parent.kind !== 'company' && parent.kind !== 'division') || seen.has(parent.id)) return root;
    seen.add(parent.id);
    root = parent.id;
  }
}

export interface PreviewLine {
  root: string | null; // group root, or null for a company named in free text
  name: string; // the free-text name when root is null
  category: Category;
  total_yen: number;
  crossed: boolean;
}

/**
 * Totals per company group and category, compared with the thresholds: "amount" crosses at or
 * above the amount, "any" with any relationship, "off" never. A free-text company the server
 * resolved to a registered one counts in that company's group; others are added up by their
 * name. Sorted with what crosses first.
 */
export function preview(rows: readonly RelationshipRow[], thresholds: readonly Threshold[], orgs: ReadonlyMap<string, OrgNode>) {
  const lines = new Map<string, PreviewLine>();
  for (const r of rows) {
    if (!r.category || (!r.organisation_id && !r.company_name.trim())) continue;
    const counted = r.organisation_id ?? resolvedCompany(r)?.id ?? null;
    const root = counted ? groupRoot(orgs, counted) : null;
    const name = counted ? '' : r.company_name.trim();
    const key = `${root ?? `name:${name}`}|${r.category}`;
    const line = lines.get(key) ?? { root, name, category: r.category, total_yen: 0, crossed: false };
    line.total_yen += Math.max(0, r.amount_yen ?? 0);
    lines.set(key, line);
  }
  for (const line of lines.values()) {
    const t = thresholds.find((x) => x.category === line.category);
    line.crossed = !!t && (t.rule === 'any' || (t.rule === 'amount' && line.total_yen >= t.amount_yen));
  }
  return [...lines.values()].sort((a, b) => Number(b.crossed) - Number(a.crossed));
}

export { formatYen } from '../../shell/format';

/** The fiscal year (April–March) of a date in Tokyo. */
export function fiscalYearOf(date: Date) {
  const tokyo = new Date(date.getTime() + 9 * 3600 * 1000);
  const year = tokyo.getUTCFullYear();
  return tokyo.getUTCMonth() >= 3 ? year : year - 1;
}

/** "?fy=2026" in a link from the inbox; otherwise the current year. */
export function fiscalYearFromSearch(search: string, current: number) {
  const value = new URLSearchParams(search).get('fy');
  const year = value && /^\d{4}$/.test(value) ? Number(value) : current;
  return year >= current - 1 && year <= current + 1 ? year : current;
}
