// Pure helpers of the approval chains' UI (unit-tested in logic.test.ts).
import type { ApprovalChain, ApprovalStep, Rule, RuleInput, StepStatus } from './api';

/** Ant Design Steps' status for a chain step. */
export function stepsStatus(status: StepStatus): 'wait' | 'process' | 'finish' | 'error' {
  if (status === 'current') return 'process';
  if (status === 'approved') return 'finish';
  if (status === 'returned') return 'error';
  return 'wait';
}

/** The index of the current step (Steps' `current`): the first current one, else the last decided. */
export function currentIndex(chain: Pick<ApprovalChain, 'steps'>): number {
  const at = chain.steps.findIndex((s) => s.status === 'current');
  if (at >= 0) return at;
  let last = 0;
  chain.steps.forEach((s, i) => {
    if (s.status === 'approved' || s.status === 'returned') last = i;
  });
  return last;
}

/** A step's name in the reader's language (the Japanese one when it has no English name). */
export function stepLabel(step: Pick<ApprovalStep, 'label_ja' | 'label_en'>, language: 'ja' | 'en'): string {
  return language === 'en' && step.label_en ? step.label_en : step.label_ja;
}

export type ChainPlace = { kind: 'step'; step: ApprovalStep } | { kind: 'committee'; step: ApprovalStep } | { kind: 'ended'; status: ApprovalChain['status'] };

/**
 * Where a chain stands: at its current step (a person's or a role's, or the steering committee's,
 * which decides at a meeting), or ended (approved, returned, withdrawn).
 */
export function chainPlace(chain: Pick<ApprovalChain, 'status' | 'steps' | 'current_step_id'>): ChainPlace {
  if (chain.status !== 'in_progress') return { kind: 'ended', status: chain.status };
  const step = chain.steps.find((s) => s.id === chain.current_step_id) ?? chain.steps.find((s) => s.status === 'current');
  if (!step) return { kind: 'ended', status: chain.status };
  return step.approver === 'committee' ? { kind: 'committee', step } : { kind: 'step', step };
}

/** The step the caller may act on now, if any. */
export function myStep(chain: Pick<ApprovalChain, 'steps'> | null | undefined): ApprovalStep | undefined {
  return chain?.steps.find((s) => s.status === 'current' && s.may_act);
}

function yen(n: number, language: 'ja' | 'en'): string {
  if (language === 'ja') {
    if (n % 100_000_000 === 0 && n > 0) return `${n / 100_000_000}億円`;
    if (n % 10_000 === 0 && n > 0) return `${(n / 10_000).toLocaleString('ja-JP')}万円`;
    return `${n.toLocaleString('ja-JP')}円`;
  }
  return `¥${n.toLocaleString('en-US')}`;
}

/** A band [from, to) as people say it: "500万円以上 2,000万円未満", "¥5,000,000 – under ¥20,000,000". */
export function bandLabel(from: number, to: number | null, language: 'ja' | 'en'): string {
  if (language === 'ja') {
    if (from === 0 && to === null) return '全額';
    if (from === 0) return `${yen(to!, 'ja')}未満`;
    if (to === null) return `${yen(from, 'ja')}以上`;
    return `${yen(from, 'ja')}以上 ${yen(to, 'ja')}未満`;
  }
  if (from === 0 && to === null) return 'any amount';
  if (from === 0) return `under ${yen(to!, 'en')}`;
  if (to === null) return `${yen(from, 'en')} or more`;
  return `${yen(from, 'en')} – under ${yen(to, 'en')}`;
}

/** Whether two rules' bands of the same kind and type share an amount (the server refuses it: 422). */
export function overlaps(
  a: Pick<RuleInput, 'kind' | 'subject_type' | 'amount_from' | 'amount_to'>,
  b: Pick<RuleInput, 'kind' | 'subject_type' | 'amount_from' | 'amount_to'>,
): boolean {
  if (a.kind !== b.kind || a.subject_type !== b.subject_type) return false;
  const aBeforeBEnds = b.amount_to === null || a.amount_from < b.amount_to;
  const bBeforeAEnds = a.amount_to === null || b.amount_from < a.amount_to;
  return aBeforeBEnds && bBeforeAEnds;
}

/** Rules grouped as the page lists them: by kind, then type ('' = any, last), then amount. */
export function sortRules(rules: readonly Rule[]): Rule[] {
  return [...rules].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
    if (a.subject_type !== b.subject_type) {
      if (a.subject_type === '') return 1;
      if (b.subject_type === '') return -1;
      return a.subject_type < b.subject_type ? -1 : 1;
    }
    return a.amount_from - b.amount_from;
  });
}

/** "3.5" days, "0.2"; "—" for none. */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  return days < 10 ? days.toFixed(1) : String(Math.round(days));
}

/** The form's values as the API's input: empty to-amount is no upper bound; fields of other approvers dropped. */
export function ruleFromForm(values: {
  kind: RuleInput['kind'];
  subject_type?: string;
  amount_from?: number | null;
  amount_to?: number | null;
  note?: string;
  steps?: { label_ja?: string; label_en?: string; approver?: RuleInput['steps'][number]['approver']; person_id?: string; role?: string }[];
}): RuleInput {
  return {
    kind: values.kind,
    subject_type: values.subject_type ?? '',
    amount_from: values.amount_from ?? 0,
    amount_to: values.amount_to === undefined || values.amount_to === null ? null : values.amount_to,
    note: values.note ?? '',
    steps: (values.steps ?? []).map((s) => ({
      label_ja: s.label_ja ?? '',
      label_en: s.label_en ?? '',
      approver: s.approver ?? 'role',
      ...(s.approver === 'person' ? { person_id: s.person_id ?? '' } : {}),
      ...(s.approver === 'role' || s.approver === undefined ? { role: s.role ?? '' } : {}),
    })),
  };
}
