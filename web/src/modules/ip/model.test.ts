import { describe, expect, it } from 'vitest';
import {
  evenShares,
  filterInventions,
  formatYen,
  isOverdue,
  needsClearance,
  nextDeadline,
  prefillInventors,
  respread,
  rewardTotals,
  sharesProblem,
  shareTotal,
  sortByDue,
  sortInventions,
  STATUSES,
  STATUS_COLOURS,
  tokyoDateOf,
  type ListRow,
} from './model';

const person = (id: string, name_ja = id, name_en = id) => ({ id, name_ja, name_en });

describe('evenShares (the server EvenShares)', () => {
  const cases: [number, number[]][] = [
    [0, []],
    [1, [100]],
    [2, [50, 50]],
    [3, [34, 33, 33]],
    [6, [17, 17, 17, 17, 16, 16]],
    [7, [15, 15, 14, 14, 14, 14, 14]],
  ];
  for (const [n, shares] of cases)
    it(`splits 100 among ${n}: ${shares.join(', ') || 'nothing'}`, () => {
      expect(evenShares(n)).toEqual(shares);
      if (n > 0) expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
    });
});

describe('prefillInventors', () => {
  it("takes the project's members but the company lead and coordinators, each once, with even shares", () => {
    const rows = prefillInventors([
      { person: person('pi', '田中'), role: 'pi' },
      { person: person('lead', '山本'), role: 'company_lead' },
      { person: person('co', '中村'), role: 'coordinator' },
      { person: person('m1', '佐藤'), role: 'member' },
      { person: person('m2', '鈴木'), role: 'company_member' },
      { person: person('m1', '佐藤'), role: 'sub' },
    ]);
    expect(rows.map((r) => [r.person_id, r.share_percent])).toEqual([
      ['pi', 34],
      ['m1', 33],
      ['m2', 33],
    ]);
    expect(rows[0].name_ja).toBe('田中');
  });
  it('gives nobody when only the company lead and coordinators are members', () => {
    expect(prefillInventors([{ person: person('lead'), role: 'company_lead' }])).toEqual([]);
  });
});

describe('shares', () => {
  const row = (person_id: string, share_percent: number | null) => ({ person_id, share_percent });
  it('sums the shares, blanks as 0', () => {
    expect(shareTotal([row('a', 60), row('b', null), row('c', 30)])).toBe(90);
  });
  it('names what the server would refuse', () => {
    const cases: [string, ReturnType<typeof row>[], ReturnType<typeof sharesProblem>][] = [
      ['nobody', [], 'none'],
      ['the same person twice', [row('a', 50), row('a', 50)], 'duplicate'],
      ['a blank share', [row('a', 100), row('b', null)], 'range'],
      ['a zero share', [row('a', 100), row('b', 0)], 'range'],
      ['a total of 99', [row('a', 66), row('b', 33)], 'total'],
      ['a total of 101', [row('a', 67), row('b', 34)], 'total'],
      ['a total of 100', [row('a', 67), row('b', 33)], null],
    ];
    for (const [name, rows, problem] of cases) expect(sharesProblem(rows), name).toBe(problem);
  });
  it('splits evenly again after someone is added', () => {
    const rows = respread([
      { person_id: 'a', name_ja: 'a', name_en: 'a', share_percent: 50 },
      { person_id: 'b', name_ja: 'b', name_en: 'b', share_percent: 50 },
      { person_id: 'c', name_ja: 'c', name_en: 'c', share_percent: null },
    ]);
    expect(rows.map((r) => r.share_percent)).toEqual([34, 33, 33]);
  });
});

describe('yen', () => {
  it('formats as Intl ja-JP does, with thousands separators and no decimals', () => {
    expect(formatYen(1234)).toBe(new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(1234));
    expect(formatYen(1234)).toMatch(/^[¥￥]1,234$/);
    expect(formatYen(null)).toMatch(/^[¥￥]0$/);
  });
  it('adds due and paid rewards apart', () => {
    expect(
      rewardTotals([
        { amount_yen: 30000, paid_on: null },
        { amount_yen: 50000, paid_on: '2026-10-01' },
        { amount_yen: 1200, paid_on: null },
      ]),
    ).toEqual({ due: 31200, paid: 50000 });
  });
});

describe('deadlines', () => {
  it('is overdue only once the due day has passed', () => {
    expect(isOverdue({ due_on: '2026-12-05' }, '2026-12-06')).toBe(true);
    expect(isOverdue({ due_on: '2026-12-06' }, '2026-12-06')).toBe(false);
  });
  it('picks the soonest and sorts by due date, then kind', () => {
    const rows = [
      { kind: 'paris_priority', due_on: '2027-03-01' },
      { kind: 'jp_examination_request', due_on: '2029-03-01' },
      { kind: 'grace_period_proof', due_on: '2027-03-01' },
      { kind: 'grace_period_filing', due_on: '2026-12-10' },
    ];
    expect(nextDeadline(rows)?.kind).toBe('grace_period_filing');
    expect(nextDeadline([])).toBeNull();
    expect(sortByDue(rows).map((r) => r.kind)).toEqual(['grace_period_filing', 'grace_period_proof', 'paris_priority', 'jp_examination_request']);
  });
  it("gives an event's day in Tokyo", () => {
    expect(tokyoDateOf('2026-12-10T16:00:00Z')).toBe('2026-12-11');
    expect(tokyoDateOf('2026-12-10T01:00:00Z')).toBe('2026-12-10');
  });
});

describe('the list', () => {
  const inv = (title: string, extra: Partial<ListRow> = {}): ListRow => ({
    title,
    status: 'disclosed',
    project_title_ja: '心電図パッチ',
    project_title_en: 'ECG patch',
    deadlines: [],
    inventors: [{ person: person('p1', '田中 健二', 'Kenji Tanaka') }],
    ...extra,
  });
  it('filters by status and by a text in the title, the project or an inventor', () => {
    const rows = [
      inv('電極', { status: 'filed' }),
      inv('センサー'),
      inv('アルゴリズム', { project_title_ja: '睡眠', project_title_en: 'Sleep', inventors: [] }),
    ];
    expect(filterInventions(rows, { status: 'filed' }).map((r) => r.title)).toEqual(['電極']);
    expect(filterInventions(rows, { q: 'ecg' }).map((r) => r.title)).toEqual(['電極', 'センサー']);
    expect(filterInventions(rows, { q: 'tanaka' }).map((r) => r.title)).toEqual(['電極', 'センサー']);
    expect(filterInventions(rows, { q: '睡眠' }).map((r) => r.title)).toEqual(['アルゴリズム']);
  });
  it('puts inventions with a deadline first, soonest first, then by title in Japanese order', () => {
    const rows = [inv('わかめ'), inv('かに', { deadlines: [{ due_on: '2027-01-05' }] }), inv('あさり'), inv('えび', { deadlines: [{ due_on: '2026-12-20' }] })];
    expect(sortInventions(rows, 'ja').map((r) => r.title)).toEqual(['えび', 'かに', 'あさり', 'わかめ']);
  });
  it('has a colour for every status', () => {
    for (const s of STATUSES) expect(STATUS_COLOURS[s]).toBeTruthy();
  });
});

describe('the publication guard', () => {
  it('asks for a clearance while a guarded publication is planned', () => {
    expect(needsClearance({ guarded: true, status: 'planned' })).toBe(true);
    expect(needsClearance({ guarded: true, status: 'cleared' })).toBe(false);
    expect(needsClearance({ guarded: false, status: 'planned' })).toBe(false);
  });
});
