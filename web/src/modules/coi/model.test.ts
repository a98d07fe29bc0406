import { describe, expect, it } from 'vitest';
import {
  amountMatters,
  filledRows,
  fiscalYearFromSearch,
  fiscalYearOf,
  groupRoot,
  newRow,
  preview,
  resolvedCompany,
  rowProblems,
  rowsFromPrefill,
  toPayload,
  type OrgNode,
  type Threshold,
} from './model';

const thresholds: Threshold[] = [
  { category: 'consulting', rule: 'amount', amount_yen: 1_000_000 },
  { category: 'lecture', rule: 'amount', amount_yen: 500_000 },
  { category: 'equity', rule: 'any', amount_yen: 0 },
  { category: 'gift', rule: 'off', amount_yen: 0 },
];

const orgs = new Map<string, OrgNode>(
  [
    { id: 'jsr', parent_id: null, kind: 'company' },
    { id: 'jsr_ls', parent_id: 'jsr', kind: 'division' },
    { id: 'jsr_sub', parent_id: 'jsr', kind: 'company' },
    { id: 'keio', parent_id: null, kind: 'university' },
    { id: 'office', parent_id: 'keio', kind: 'division' },
  ].map((o) => [o.id, o]),
);

describe('coi preview', () => {
  it('crosses exactly at the threshold and not one yen below', () => {
    expect(preview([newRow({ organisation_id: 'jsr', category: 'consulting', amount_yen: 1_000_000 })], thresholds, orgs)[0].crossed).toBe(true);
    expect(preview([newRow({ organisation_id: 'jsr', category: 'consulting', amount_yen: 999_999 })], thresholds, orgs)[0].crossed).toBe(false);
  });

  it('adds up small payments from one group, per category', () => {
    const lines = preview(
      [
        newRow({ organisation_id: 'jsr_ls', category: 'lecture', amount_yen: 300_000 }),
        newRow({ organisation_id: 'jsr_sub', category: 'lecture', amount_yen: 200_000 }),
        newRow({ organisation_id: 'jsr', category: 'consulting', amount_yen: 200_000 }),
      ],
      thresholds,
      orgs,
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ root: 'jsr', category: 'lecture', total_yen: 500_000, crossed: true });
    expect(lines[1]).toMatchObject({ category: 'consulting', crossed: false });
  });

  it('treats any equity as crossing and an "off" category as never crossing', () => {
    const lines = preview(
      [newRow({ organisation_id: 'jsr', category: 'equity', amount_yen: null }), newRow({ company_name: '東都製薬', category: 'gift', amount_yen: 9_000_000 })],
      thresholds,
      orgs,
    );
    expect(lines.find((l) => l.category === 'equity')?.crossed).toBe(true);
    expect(lines.find((l) => l.category === 'gift')).toMatchObject({ root: null, name: '東都製薬', crossed: false });
  });

  it("adds a free-text company resolved to a registered one into that company's group", () => {
    const typed = newRow({
      company_name: 'JSRライフサイエンス',
      category: 'consulting',
      amount_yen: 600_000,
      resolved: { id: 'jsr_ls', name_ja: 'ライフサイエンス事業部', name_en: 'Life Sciences' },
      resolved_for: 'JSRライフサイエンス',
    });
    const lines = preview([typed, newRow({ organisation_id: 'jsr', category: 'consulting', amount_yen: 400_000 })], thresholds, orgs);
    expect(lines).toEqual([{ root: 'jsr', name: '', category: 'consulting', total_yen: 1_000_000, crossed: true }]);
    // Unresolved (or edited since), it is a name of its own.
    const edited = { ...typed, company_name: 'JSRライフ' };
    expect(preview([edited], thresholds, orgs)).toEqual([{ root: null, name: 'JSRライフ', category: 'consulting', total_yen: 600_000, crossed: false }]);
  });

  it('finds the group root through companies and divisions only', () => {
    expect(groupRoot(orgs, 'jsr_ls')).toBe('jsr');
    expect(groupRoot(orgs, 'jsr_sub')).toBe('jsr');
    expect(groupRoot(orgs, 'office')).toBe('office');
    expect(groupRoot(orgs, 'unknown')).toBe('unknown');
  });
});

describe('coi form rows', () => {
  it('pre-fills from last year without ids and keeps free-text companies', () => {
    const rows = rowsFromPrefill([
      { organisation_id: 'jsr', company_name: '', category: 'consulting', amount_yen: 600_000, note: '顧問' },
      { organisation_id: null, company_name: '東都製薬株式会社', category: 'gift', amount_yen: 30_000, note: '' },
      { organisation_id: null, company_name: 'X', category: 'unknown', amount_yen: 1, note: '' },
    ]);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
    expect(rows[0]).toMatchObject({ organisation_id: 'jsr', category: 'consulting', amount_yen: 600_000 });
    expect(rows[1].company_name).toBe('東都製薬株式会社');
    expect(rows[2].category).toBe('');
  });

  it('keeps the company the server resolved a free-text name to while the text stays as it was', () => {
    const jsr = { id: 'jsr', name_ja: 'JSR株式会社', name_en: 'JSR Corporation' };
    const [typed, chosen, unknown] = rowsFromPrefill([
      { organisation_id: null, company_name: 'ＪＳＲ（株）', category: 'consulting', amount_yen: 1, note: '', resolved_organisation: jsr },
      { organisation_id: 'jsr', company_name: '', category: 'consulting', amount_yen: 1, note: '', resolved_organisation: jsr },
      { organisation_id: null, company_name: '東都製薬', category: 'consulting', amount_yen: 1, note: '', resolved_organisation: null },
    ]);
    expect(resolvedCompany(typed)).toEqual(jsr);
    expect(resolvedCompany({ ...typed, company_name: ' ＪＳＲ（株） ' })).toEqual(jsr); // trimmed as sent
    expect(resolvedCompany({ ...typed, company_name: 'ＪＳＲライフ' })).toBeNull(); // edited: the server decides on saving
    expect(resolvedCompany({ ...typed, organisation_id: 'jsr_sub' })).toBeNull(); // a registered choice wins
    expect(resolvedCompany(chosen)).toBeNull();
    expect(resolvedCompany(unknown)).toBeNull();
    expect(resolvedCompany(newRow({ company_name: 'JSR' }))).toBeNull();
  });

  it('names the problem of each row', () => {
    const problems = rowProblems([
      newRow({ category: 'gift', amount_yen: 1 }),
      newRow({ organisation_id: 'jsr', amount_yen: 1 }),
      newRow({ organisation_id: 'jsr', category: 'gift', amount_yen: -1 }),
      newRow({ organisation_id: 'jsr', category: 'gift', amount_yen: 10 }),
    ]);
    expect([...problems.entries()]).toEqual([
      [0, 'company'],
      [1, 'category'],
      [2, 'amount'],
    ]);
  });

  it('sends the organisation or the trimmed name, and zero for an empty amount', () => {
    expect(toPayload([newRow({ organisation_id: 'jsr', company_name: 'ignored', category: 'equity', amount_yen: null, note: ' 株 ' })])).toEqual([
      { organisation_id: 'jsr', company_name: '', category: 'equity', amount_yen: 0, note: '株' },
    ]);
  });

  it('asks for an amount only where the threshold is an amount', () => {
    expect(amountMatters('equity', thresholds)).toBe(false);
    expect(amountMatters('consulting', thresholds)).toBe(true);
    expect(amountMatters('', thresholds)).toBe(true);
  });
});

describe('coi rows "nothing to declare" would discard', () => {
  it('counts rows with anything in them, and not blank ones', () => {
    const rows = [
      newRow(),
      newRow({ company_name: '   ' }),
      newRow({ organisation_id: 'jsr' }),
      newRow({ company_name: '東都製薬' }),
      newRow({ category: 'gift' }),
      newRow({ amount_yen: 0 }),
      newRow({ note: '技術顧問' }),
    ];
    expect(filledRows(rows).map((r) => r.key)).toEqual(rows.slice(2).map((r) => r.key));
    expect(filledRows([newRow(), newRow()])).toEqual([]);
  });
});

describe('coi fiscal years', () => {
  it('starts the year in April, Tokyo time', () => {
    expect(fiscalYearOf(new Date('2026-03-31T14:59:59Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2026-03-31T15:00:00Z'))).toBe(2026);
  });

  it('takes ?fy= from a link within a year of now', () => {
    expect(fiscalYearFromSearch('?fy=2025', 2026)).toBe(2025);
    expect(fiscalYearFromSearch('?fy=2020', 2026)).toBe(2026);
    expect(fiscalYearFromSearch('?fy=abc', 2026)).toBe(2026);
    expect(fiscalYearFromSearch('', 2026)).toBe(2026);
  });
});
