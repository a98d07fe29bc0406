import { describe, expect, it } from 'vitest';
import { boardCells, checkDocument, daysUntil, documentType, fiscalYearOf, funnelRows, MAX_DOCUMENT_BYTES, nextStage, stageIndex, tokyoToday } from './model';

describe('stages', () => {
  it('moves one stage forward and stops after sales', () => {
    expect(nextStage('exploration')).toBe('feasibility');
    expect(nextStage('launched')).toBe('sales');
    expect(nextStage('sales')).toBeNull();
    expect(nextStage('nonsense')).toBeNull();
    expect(stageIndex('clinical_study')).toBe(4);
  });
});

describe('fiscal years (April–March)', () => {
  it('puts January–March in the previous fiscal year', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2026-12-31')).toBe(2026);
  });
  it('reads today in Tokyo, not UTC', () => {
    expect(tokyoToday(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
  });
  it('counts days to a date', () => {
    expect(daysUntil('2026-12-01', '2026-11-25')).toBe(6);
    expect(daysUntil('2026-11-20', '2026-11-25')).toBe(-5);
  });
});

describe('document limits', () => {
  it('accepts the allowed types up to 900 KB and refuses the rest', () => {
    expect(checkDocument({ name: 'plan.pdf', type: 'application/pdf', size: 1000 })).toBeNull();
    expect(checkDocument({ name: 'plan.pdf', type: 'application/pdf', size: MAX_DOCUMENT_BYTES + 1 })).toBe('too_large');
    expect(checkDocument({ name: 'run.exe', type: 'application/x-msdownload', size: 10 })).toBe('type');
    expect(checkDocument({ name: 'photo.jpeg', type: 'image/jpeg', size: MAX_DOCUMENT_BYTES })).toBeNull();
  });
  it('falls back to the extension when the browser gives no type', () => {
    expect(documentType({ name: '議事録.DOCX', type: '' })).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(documentType({ name: 'data.csv', type: '' })).toBe('text/csv');
    expect(documentType({ name: 'noext', type: '' })).toBeNull();
  });
});

describe('portfolio', () => {
  it('counts what reached each stage or beyond', () => {
    const rows = funnelRows({ exploration: 5, feasibility: 3, joint_research: 0, clinical_study: 1, sales: 1 });
    expect(rows.map((r) => r.count)).toEqual([5, 3, 0, 0, 1, 0, 0, 1]);
    expect(rows.map((r) => r.reached)).toEqual([10, 5, 2, 2, 2, 1, 1, 1]);
  });
  it('groups projects into area × stage cells', () => {
    const cells = boardCells([
      { id: 'a', area_code: 'medical_device', stage: 'exploration' },
      { id: 'b', area_code: 'medical_device', stage: 'exploration' },
      { id: 'c', area_code: null, stage: 'feasibility' },
    ]);
    expect(cells.get('medical_device|exploration')?.map((p) => p.id)).toEqual(['a', 'b']);
    expect(cells.get('|feasibility')?.map((p) => p.id)).toEqual(['c']);
    expect(cells.has('medical_device|feasibility')).toBe(false);
  });
});
