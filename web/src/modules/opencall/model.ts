// Pure helpers of the open call pages: the call's life, deadlines, selection totals, pairs and the
// conversions between form values and request bodies.

export const CALL_STATUSES = ['draft', 'open', 'review', 'committee', 'decided'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const PROPOSAL_STATUSES = ['draft', 'submitted', 'withdrawn', 'selected', 'not_selected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const CONFLICT_KINDS = ['applicant_or_team', 'same_department', 'partner_coi', 'joint_project', 'office_forbidden'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const REFUSAL_KINDS = [
  'pinned_pair_forbidden',
  'too_many_pins',
  'pins_above_load_cap',
  'too_few_eligible_reviewers',
  'capacity_short',
  'eligible_reviewers_full',
] as const;

export const TEAM_ROLES = ['co_investigator', 'researcher'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const SCORES = [1, 2, 3, 4, 5] as const;

/** The step of the Steps bar (0 draft … 4 decided). */
export function statusStep(status: string): number {
  const i = CALL_STATUSES.indexOf(status as CallStatus);
  return i < 0 ? 0 : i;
}

/** A title in the UI's language, the other when it is blank. */
export function titleOf(item: { title_ja?: string | null; title_en?: string | null }, language: 'ja' | 'en'): string {
  const ja = item.title_ja?.trim() ?? '';
  const en = item.title_en?.trim() ?? '';
  return language === 'ja' ? ja || en : en || ja;
}

/** A criterion's label in the UI's language. */
export function labelOf(item: { label_ja?: string; label_en?: string; code?: string }, language: 'ja' | 'en'): string {
  const ja = item.label_ja?.trim() ?? '';
  const en = item.label_en?.trim() ?? '';
  return (language === 'ja' ? ja || en : en || ja) || item.code || '';
}

export { formatYen } from '../../shell/format';

/** A YYYY-MM-DD date as a reader expects it: 2026年12月20日 or 20 Dec 2026 (no zone shift). */
export function formatDate(date: string | null | undefined, language: 'ja' | 'en'): string {
  if (!date) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, y, m, d] = match;
  if (language === 'ja') return `${Number(y)}年${Number(m)}月${Number(d)}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(d)} ${months[Number(m) - 1] ?? m} ${y}`;
}

/** Today's date in Asia/Tokyo as YYYY-MM-DD. */
export function tokyoToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Proposals are accepted to the end of closes_on (Asia/Tokyo): passed from the next day on. */
export function deadlinePassed(closesOn: string, today: string = tokyoToday()): boolean {
  return !!closesOn && today > closesOn;
}

/** Days left until the end of closes_on (0 on the day itself; negative once passed). */
export function daysLeft(closesOn: string, today: string = tokyoToday()): number {
  const toDay = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000;
  return Math.round(toDay(closesOn) - toDay(today));
}

/** Japanese fiscal year (April–March) of a YYYY-MM-DD date. */
export function fiscalYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

export function budgetTotal(budgets: readonly { amount_yen?: number | null }[] | undefined): number {
  return (budgets ?? []).reduce((sum, b) => sum + (typeof b?.amount_yen === 'number' ? b.amount_yen : 0), 0);
}

export interface SelectionCheck {
  total: number;
  remaining: number;
  overBudget: boolean;
  /** Selected proposals whose request is above the per-project cap. */
  aboveCap: string[];
  count: number;
}

/** The selection's total request against the budget, and who is above the cap. */
export function checkSelection(
  rows: readonly { proposal: { id: string; requested_yen: number } }[],
  selected: ReadonlySet<string>,
  totalBudget: number,
  perProjectCap: number,
): SelectionCheck {
  let total = 0;
  let count = 0;
  const aboveCap: string[] = [];
  for (const row of rows) {
    if (!selected.has(row.proposal.id)) continue;
    total += row.proposal.requested_yen;
    count += 1;
    if (row.proposal.requested_yen > perProjectCap) aboveCap.push(row.proposal.id);
  }
  return { total, remaining: totalBudget - total, overBudget: total > totalBudget, aboveCap, count };
}

/** The selection the page starts from: what was sent (once sent), else what Renkei proposes. */
export function initialSelection(rows: readonly { proposal: { id: string }; proposed: boolean; sent: boolean }[]): Set<string> {
  const sent = rows.filter((r) => r.sent);
  return new Set((sent.length ? sent : rows.filter((r) => r.proposed)).map((r) => r.proposal.id));
}

export interface PairLike {
  proposal_id: string;
  person_id: string;
  rule: 'pin' | 'forbid';
}

/** The pairs with one set (replacing any rule for the same proposal and person) or removed (rule null). */
export function withPair(pairs: readonly PairLike[], proposalId: string, personId: string, rule: PairLike['rule'] | null): PairLike[] {
  const others: PairLike[] = pairs
    .filter((p) => !(p.proposal_id === proposalId && p.person_id === personId))
    .map((p) => ({ proposal_id: p.proposal_id, person_id: p.person_id, rule: p.rule }));
  return rule ? [...others, { proposal_id: proposalId, person_id: personId, rule }] : others;
}

export function ruleOf(pairs: readonly PairLike[], proposalId: string, personId: string): 'pin' | 'forbid' | null {
  return pairs.find((p) => p.proposal_id === proposalId && p.person_id === personId)?.rule ?? null;
}

/** "need:ID" / "seed:ID" picker values → links; anything else is dropped. */
export function parseLinks(values: readonly string[] | undefined): { kind: 'need' | 'seed'; target_id: string }[] {
  const out: { kind: 'need' | 'seed'; target_id: string }[] = [];
  for (const v of values ?? []) {
    const i = v.indexOf(':');
    const kind = v.slice(0, i);
    if ((kind === 'need' || kind === 'seed') && v.length > i + 1) out.push({ kind, target_id: v.slice(i + 1) });
  }
  return out;
}

export interface ProposalValues {
  title_ja?: string;
  title_en?: string;
  aims?: string;
  company_lead_id?: string | null;
  team?: { person_id?: string; role?: TeamRole }[];
  budgets?: { fiscal_year?: number | null; amount_yen?: number | null }[];
  links?: string[];
}

/** Proposal form values to the PUT body: blank rows dropped, whitespace trimmed. */
export function toProposalInput(v: ProposalValues) {
  return {
    title_ja: (v.title_ja ?? '').trim(),
    title_en: (v.title_en ?? '').trim(),
    aims: (v.aims ?? '').trim(),
    company_lead_id: v.company_lead_id || null,
    team: (v.team ?? []).filter((m) => m?.person_id).map((m) => ({ person_id: m.person_id!, role: m.role ?? 'researcher' })),
    budgets: (v.budgets ?? [])
      .filter((b) => b && typeof b.fiscal_year === 'number' && typeof b.amount_yen === 'number')
      .map((b) => ({ fiscal_year: b.fiscal_year!, amount_yen: b.amount_yen! })),
    links: parseLinks(v.links),
  };
}

export interface CallValues {
  title_ja?: string;
  title_en?: string;
  theme?: string;
  areas?: string[];
  total_budget_yen?: number | null;
  per_project_cap_yen?: number | null;
  opens_on?: string;
  closes_on?: string;
  reviews_per_proposal?: number | null;
  disagreement_threshold?: number | null;
  normalise?: boolean;
  criteria?: { code?: string; label_ja?: string; label_en?: string; weight?: number | null }[];
  reviewers?: { person_id?: string; load_cap?: number | null }[];
}

/** Call form values to the POST/PUT body: blank rows dropped. */
export function toCallInput(v: CallValues) {
  return {
    title_ja: (v.title_ja ?? '').trim(),
    title_en: (v.title_en ?? '').trim(),
    theme: (v.theme ?? '').trim(),
    areas: v.areas ?? [],
    total_budget_yen: v.total_budget_yen ?? 0,
    per_project_cap_yen: v.per_project_cap_yen ?? 0,
    opens_on: v.opens_on ?? '',
    closes_on: v.closes_on ?? '',
    reviews_per_proposal: v.reviews_per_proposal ?? 0,
    disagreement_threshold: v.disagreement_threshold ?? 0,
    normalise: !!v.normalise,
    criteria: (v.criteria ?? [])
      .filter((c) => c && (c.code?.trim() || c.label_ja?.trim() || c.label_en?.trim()))
      .map((c) => ({ code: (c.code ?? '').trim(), label_ja: (c.label_ja ?? '').trim(), label_en: (c.label_en ?? '').trim(), weight: c.weight ?? 0 })),
    reviewers: (v.reviewers ?? []).filter((r) => r?.person_id).map((r) => ({ person_id: r.person_id!, load_cap: r.load_cap ?? 0 })),
  };
}

/**
 * Where a server field error belongs in a form with lists: "criteria[1].weight" → ['criteria', 1, 'weight'].
 * Returns null for a name that is not a path.
 */
export function fieldPath(field: string): (string | number)[] | null {
  if (!field) return null;
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const match = /^(\w+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return null;
    out.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** A reviewer's weighted score of one review from the scores per criterion (for the form's preview). */
export function weightedScore(criteria: readonly { code: string; weight: number }[], scores: Record<string, number | undefined>): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.code];
    if (typeof s !== 'number') return null;
    sum += s * c.weight;
    weights += c.weight;
  }
  return weights ? sum / weights : null;
}

export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' ? score.toFixed(2) : '—';
}
