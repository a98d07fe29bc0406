import { describe, expect, it } from 'vitest';
import {
  addDays,
  availableActions,
  daysUntil,
  enrolmentPercent,
  enrolmentSeries,
  filterProtocols,
  formatMedian,
  isOverdue,
  missingForSubmit,
  parseSites,
  sortDeadlines,
  sortProtocols,
  STATUSES,
  STATUS_COLOURS,
  tokyoToday,
  type May,
} from './model';

const none: May = { edit: false, submit: false, review: false, start: false, complete: false, withdraw: false, report: false };

describe('availableActions', () => {
  it('offers the investigators submit and withdraw while preparing', () => {
    expect(availableActions('preparing', { ...none, edit: true, submit: true, withdraw: true })).toEqual(['submit', 'withdraw']);
  });
  it('offers the committee revisions and approval of a submitted protocol, suspension later', () => {
    expect(availableActions('submitted', { ...none, review: true })).toEqual(['revise', 'approve']);
    expect(availableActions('approved', { ...none, review: true })).toEqual(['suspend']);
    expect(availableActions('active', { ...none, review: true })).toEqual(['suspend']);
  });
  it('reads may.start as resume when suspended and as start when approved', () => {
    expect(availableActions('suspended', { ...none, start: true })).toEqual(['resume']);
    expect(availableActions('approved', { ...none, start: true })).toEqual(['start']);
  });
  it('offers nothing on a completed or withdrawn protocol', () => {
    const all: May = { edit: true, submit: true, review: true, start: true, complete: true, withdraw: true, report: true };
    expect(availableActions('completed', all)).toEqual([]);
    expect(availableActions('withdrawn', all)).toEqual([]);
  });
  it('resubmits after revisions', () => {
    expect(availableActions('revisions_requested', { ...none, submit: true })).toEqual(['submit']);
  });
});

describe('missingForSubmit', () => {
  it('names what the server requires', () => {
    expect(missingForSubmit({ title_ja: ' ', committee: '', planned_start: null, planned_end: '2027-01-01' })).toEqual([
      'title_ja',
      'committee_id',
      'planned_start',
    ]);
    expect(missingForSubmit({ title_ja: '研究', committee: 'c1', planned_start: '2026-01-01', planned_end: '2027-01-01' })).toEqual([]);
  });
});

describe('dates', () => {
  it('gives today in Tokyo (UTC+9)', () => {
    expect(tokyoToday(new Date('2026-12-06T14:59:00Z'))).toBe('2026-12-06');
    expect(tokyoToday(new Date('2026-12-06T15:00:00Z'))).toBe('2026-12-07');
  });
  it('adds days across months and years', () => {
    expect(addDays('2026-12-06', 90)).toBe('2027-03-06');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysUntil('2026-12-09', '2026-12-06')).toBe(3);
    expect(daysUntil('2026-12-01', '2026-12-06')).toBe(-5);
  });
  it('calls a deadline overdue only while it is not filed', () => {
    expect(isOverdue({ due_on: '2026-12-01' }, '2026-12-06')).toBe(true);
    expect(isOverdue({ due_on: '2026-12-06' }, '2026-12-06')).toBe(false);
    expect(isOverdue({ due_on: '2026-12-01', filed_on: '2026-11-30' }, '2026-12-06')).toBe(false);
    // The server's word wins where it gives one.
    expect(isOverdue({ due_on: '2026-12-01', overdue: false }, '2026-12-06')).toBe(false);
  });
});

const row = (title_ja: string, extra: object = {}) => ({
  title_ja,
  title_en: '',
  status: 'preparing' as const,
  category: 'observational' as const,
  project_title_ja: 'プロジェクト',
  project_title_en: 'Project',
  next_deadline: null,
  ...extra,
});

describe('the list', () => {
  it('sorts by the next deadline, then by title in Japanese order', () => {
    const rows = [
      row('わかめ'),
      row('あさり'),
      row('かに', { next_deadline: { due_on: '2027-01-01' } }),
      row('いか', { next_deadline: { due_on: '2026-12-24' } }),
    ];
    expect(sortProtocols(rows, 'ja').map((r) => r.title_ja)).toEqual(['いか', 'かに', 'あさり', 'わかめ']);
  });
  it('filters by status, category and a text in the title or project', () => {
    const rows = [row('心電図', { status: 'approved', category: 'specified_clinical' }), row('腸内細菌', { project_title_en: 'Microbiome' })];
    expect(filterProtocols(rows, { status: 'approved' }).map((r) => r.title_ja)).toEqual(['心電図']);
    expect(filterProtocols(rows, { category: 'observational' }).map((r) => r.title_ja)).toEqual(['腸内細菌']);
    expect(filterProtocols(rows, { q: 'microbiome' }).map((r) => r.title_ja)).toEqual(['腸内細菌']);
    expect(filterProtocols(rows, {})).toHaveLength(2);
  });
});

describe('enrolment', () => {
  it('gives the share of the target, capped at 100, none without a target', () => {
    expect(enrolmentPercent(30, 120)).toBe(25);
    expect(enrolmentPercent(130, 120)).toBe(100);
    expect(enrolmentPercent(10, null)).toBeNull();
    expect(enrolmentPercent(10, 0)).toBeNull();
  });
  it('orders the counts and gives each its change', () => {
    expect(
      enrolmentSeries([
        { counted_on: '2026-03-01', enrolled: 25 },
        { counted_on: '2026-01-01', enrolled: 10 },
      ]),
    ).toEqual([
      { counted_on: '2026-01-01', enrolled: 10, change: 10 },
      { counted_on: '2026-03-01', enrolled: 25, change: 15 },
    ]);
  });
});

describe('small helpers', () => {
  it('sorts deadlines by date with unfiled first', () => {
    const d = sortDeadlines([
      { due_on: '2026-12-10', kind: 'b', filed_on: '2026-12-01' },
      { due_on: '2026-12-10', kind: 'a', filed_on: null },
      { due_on: '2026-12-01', kind: 'z', filed_on: null },
    ]);
    expect(d.map((x) => x.kind)).toEqual(['z', 'a', 'b']);
  });
  it('splits sites on newlines and Japanese commas', () => {
    expect(parseSites('慶應義塾大学病院、済生会中央病院\n慶應義塾大学病院, ')).toEqual(['慶應義塾大学病院', '済生会中央病院']);
  });
  it('formats a median', () => {
    expect(formatMedian(30)).toBe('30');
    expect(formatMedian(30.5)).toBe('30.5');
    expect(formatMedian(null)).toBeNull();
  });
  it('has a colour for every status', () => {
    for (const s of STATUSES) expect(STATUS_COLOURS[s]).toBeTruthy();
  });
});
