import { describe, expect, it } from 'vitest';
import { chartSeries, fiscalYearChoices, fiscalYearOf, healthOf, parseYen, spentPercent, tokyoToday } from './model';

describe('budget model', () => {
  it('puts a date in the fiscal year that starts in April', () => {
    const cases: [string, number][] = [
      ['2026-04-01', 2026],
      ['2027-03-31', 2026],
      ['2026-03-31', 2025],
      ['2026-12-07', 2026],
    ];
    for (const [date, fy] of cases) expect(fiscalYearOf(date), date).toBe(fy);
  });

  it('reads today in Tokyo, which is a day ahead late in the UTC evening', () => {
    expect(tokyoToday(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
    expect(fiscalYearOf(tokyoToday(new Date('2026-03-31T15:30:00Z')))).toBe(2026);
  });

  it('offers the next, the current and two past years', () => {
    expect(fiscalYearChoices(2026)).toEqual([2027, 2026, 2025, 2024]);
  });

  it('is near from 90 % and over beyond the allocation, as the server says', () => {
    const cases: [number | null, number, string][] = [
      [1000, 899, 'ok'],
      [1000, 900, 'near'],
      [1000, 1000, 'near'],
      [1000, 1001, 'over'],
      [null, 0, 'ok'],
      [null, 1, 'over'],
      [0, 0, 'ok'],
    ];
    for (const [allocated, spent, health] of cases) expect(healthOf(allocated, spent), `${allocated}/${spent}`).toBe(health);
  });

  it('shows the share spent for the progress bar', () => {
    expect(spentPercent(1000, 950)).toBe(95);
    expect(spentPercent(1000, 1100)).toBe(110);
    expect(spentPercent(null, 5)).toBe(100);
    expect(spentPercent(null, 0)).toBe(0);
  });

  it('names the chart categories in the reader language', () => {
    const areas = [
      { area_code: 'microbiome', name_ja: 'マイクロバイオーム', name_en: 'Microbiome', planned_yen: 10, allocated_yen: 8, spent_yen: 3 },
      { area_code: 'other', name_ja: 'その他', name_en: '', planned_yen: 5, allocated_yen: 4, spent_yen: 1 },
    ];
    expect(chartSeries(areas, 'ja').categories).toEqual(['マイクロバイオーム', 'その他']);
    expect(chartSeries(areas, 'en').categories).toEqual(['Microbiome', 'その他']);
    expect(chartSeries(areas, 'en').spent).toEqual([3, 1]);
  });

  it('reads yen as the office types them and refuses the rest', () => {
    expect(parseYen('12,000')).toBe(12000);
    expect(parseYen('¥500')).toBe(500);
    expect(parseYen('300円')).toBe(300);
    expect(parseYen('-5')).toBeNull();
    expect(parseYen('12.5')).toBeNull();
    expect(parseYen('')).toBeNull();
    expect(parseYen('99999999999999999999')).toBeNull();
  });
});
