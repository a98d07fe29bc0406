import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';
import {
  budgetTotal,
  CALL_STATUSES,
  checkSelection,
  CONFLICT_KINDS,
  daysLeft,
  deadlinePassed,
  fieldPath,
  formatDate,
  initialSelection,
  REFUSAL_KINDS,
  ruleOf,
  statusStep,
  titleOf,
  toCallInput,
  toProposalInput,
  tokyoToday,
  weightedScore,
  withPair,
} from './model';

const row = (id: string, requested: number, extra: { proposed?: boolean; sent?: boolean } = {}) => ({
  proposal: { id, requested_yen: requested },
  proposed: !!extra.proposed,
  sent: !!extra.sent,
});

describe('open call model', () => {
  it('counts the selection against the budget and finds proposals above the cap', () => {
    const rows = [row('a', 3_000_000), row('b', 4_000_000), row('c', 6_000_000)];
    expect(checkSelection(rows, new Set(['a', 'b']), 10_000_000, 5_000_000)).toEqual({
      total: 7_000_000,
      remaining: 3_000_000,
      overBudget: false,
      aboveCap: [],
      count: 2,
    });
    const over = checkSelection(rows, new Set(['a', 'b', 'c']), 10_000_000, 5_000_000);
    expect(over.overBudget).toBe(true);
    expect(over.remaining).toBe(-3_000_000);
    expect(over.aboveCap).toEqual(['c']);
    // Exactly the budget is within it.
    expect(checkSelection(rows, new Set(['b', 'c']), 10_000_000, 6_000_000).overBudget).toBe(false);
  });

  it('starts from what was sent, else from what Renkei proposes', () => {
    expect([...initialSelection([row('a', 1, { proposed: true }), row('b', 1)])]).toEqual(['a']);
    expect([...initialSelection([row('a', 1, { proposed: true }), row('b', 1, { sent: true })])]).toEqual(['b']);
    expect(initialSelection([]).size).toBe(0);
  });

  it('sets, replaces and clears the office pairs', () => {
    let pairs = withPair([], 'p1', 'r1', 'pin');
    expect(pairs).toEqual([{ proposal_id: 'p1', person_id: 'r1', rule: 'pin' }]);
    pairs = withPair(pairs, 'p1', 'r1', 'forbid');
    expect(pairs).toEqual([{ proposal_id: 'p1', person_id: 'r1', rule: 'forbid' }]);
    pairs = withPair(pairs, 'p2', 'r1', 'pin');
    expect(ruleOf(pairs, 'p2', 'r1')).toBe('pin');
    expect(ruleOf(pairs, 'p2', 'r2')).toBeNull();
    expect(withPair(pairs, 'p1', 'r1', null)).toEqual([{ proposal_id: 'p2', person_id: 'r1', rule: 'pin' }]);
  });

  it('knows deadlines in Tokyo: the whole closing day is still open', () => {
    expect(deadlinePassed('2026-12-20', '2026-12-20')).toBe(false);
    expect(deadlinePassed('2026-12-20', '2026-12-21')).toBe(true);
    expect(daysLeft('2026-12-20', '2026-12-18')).toBe(2);
    expect(daysLeft('2026-01-01', '2025-12-31')).toBe(1);
    // 2026-12-20 15:30 UTC is already the 21st in Tokyo.
    expect(tokyoToday(new Date('2026-12-20T15:30:00Z'))).toBe('2026-12-21');
  });

  it('steps through the life of a call', () => {
    expect(CALL_STATUSES.map(statusStep)).toEqual([0, 1, 2, 3, 4]);
    expect(statusStep('unknown')).toBe(0);
  });

  it('formats dates and titles for the language', () => {
    expect(formatDate('2026-04-01', 'ja')).toBe('2026年4月1日');
    expect(formatDate('2026-04-01', 'en')).toBe('1 Apr 2026');
    expect(titleOf({ title_ja: '', title_en: 'Wearables' }, 'ja')).toBe('Wearables');
    expect(titleOf({ title_ja: '心電図', title_en: '' }, 'en')).toBe('心電図');
  });

  it('turns form values into request bodies, dropping blank rows', () => {
    expect(
      toProposalInput({
        title_ja: ' 在宅心電図 ',
        aims: 'aims',
        company_lead_id: '',
        team: [{ person_id: 'p1', role: 'co_investigator' }, {}],
        budgets: [{ fiscal_year: 2026, amount_yen: 1_000_000 }, { fiscal_year: 2027 }],
        links: ['need:n1', 'seed:s1', 'junk'],
      }),
    ).toEqual({
      title_ja: '在宅心電図',
      title_en: '',
      aims: 'aims',
      company_lead_id: null,
      team: [{ person_id: 'p1', role: 'co_investigator' }],
      budgets: [{ fiscal_year: 2026, amount_yen: 1_000_000 }],
      links: [
        { kind: 'need', target_id: 'n1' },
        { kind: 'seed', target_id: 's1' },
      ],
    });
    const call = toCallInput({
      title_ja: '公募',
      total_budget_yen: 10_000_000,
      per_project_cap_yen: 3_000_000,
      opens_on: '2026-04-01',
      closes_on: '2026-05-31',
      reviews_per_proposal: 3,
      disagreement_threshold: 1.5,
      normalise: true,
      criteria: [{ code: 'novelty', label_ja: '新規性', label_en: 'Novelty', weight: 40 }, {}],
      reviewers: [{ person_id: 'r1', load_cap: 4 }, { load_cap: 2 }],
    });
    expect(call.criteria).toHaveLength(1);
    expect(call.reviewers).toEqual([{ person_id: 'r1', load_cap: 4 }]);
    expect(call.areas).toEqual([]);
    expect(call.theme).toBe('');
  });

  it('sums budgets and weights scores', () => {
    expect(budgetTotal([{ amount_yen: 1 }, { amount_yen: null }, { amount_yen: 2 }])).toBe(3);
    const criteria = [
      { code: 'a', weight: 1 },
      { code: 'b', weight: 3 },
    ];
    expect(weightedScore(criteria, { a: 5, b: 1 })).toBe(2);
    expect(weightedScore(criteria, { a: 5 })).toBeNull();
  });

  it('reads server field paths of list rows', () => {
    expect(fieldPath('criteria[1].weight')).toEqual(['criteria', 1, 'weight']);
    expect(fieldPath('scores.novelty')).toEqual(['scores', 'novelty']);
    expect(fieldPath('closes_on')).toEqual(['closes_on']);
    expect(fieldPath('')).toBeNull();
  });

  it('labels every conflict, refusal and status in both languages', () => {
    for (const dict of [ja, en] as unknown as Record<string, Record<string, string>>[]) {
      for (const kind of CONFLICT_KINDS) {
        expect(dict.conflict[kind], kind).toEqual(expect.any(String));
        expect(dict.conflictHelp[kind], kind).toEqual(expect.any(String));
      }
      for (const kind of REFUSAL_KINDS) expect(dict.refusal[kind], kind).toEqual(expect.any(String));
      for (const status of CALL_STATUSES) expect(dict.callStatus[status], status).toEqual(expect.any(String));
    }
    expect(ja.conflict).toEqual({
      applicant_or_team: '応募者・チーム',
      same_department: '同じ所属',
      partner_coi: '連携企業との利益相反申告',
      joint_project: '共同プロジェクト',
      office_forbidden: '事務局が除外',
    });
  });
});
