// The budget page's pure logic: fiscal years (April–March, Asia/Tokyo), the status of a project
// against its allocation, amounts in yen, and the chart's series (planned / allocated / spent per area).

export type Health = 'ok' | 'near' | 'over';
export const CATEGORIES = ['personnel', 'equipment', 'travel', 'honoraria', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The fiscal year a YYYY-MM-DD date falls in, named by the year it starts in (2027-03-31 → 2026). */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** Today in Asia/Tokyo as YYYY-MM-DD. */
export function tokyoToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The years the selector offers: two back, the current one and the next. */
export function fiscalYearChoices(current: number): number[] {
  return [current + 1, current, current - 1, current - 2];
}

/** The same rule as the server (budget::HealthOf): near from 90 % of the allocation, over beyond it
 * (or any spending without an allocation). */
export function healthOf(allocated: number | null, spent: number): Health {
  const a = allocated ?? 0;
  if (spent > a) return 'over';
  if (a > 0 && spent * 10 >= a * 9) return 'near';
  return 'ok';
}

export const HEALTH_COLOURS: Record<Health, string> = { ok: 'green', near: 'orange', over: 'red' };

/** The share of the allocation spent, as a whole percent for a progress bar (0 without an allocation). */
export function spentPercent(allocated: number | null, spent: number): number {
  if (!allocated || allocated <= 0) return spent > 0 ? 100 : 0;
  return Math.round((spent * 100) / allocated);
}

export { formatYen } from '../../shell/format';

export interface AreaLike {
  area_code: string;
  name_ja: string;
  name_en: string;
  planned_yen: number;
  allocated_yen: number;
  spent_yen: number;
}

/** The bar chart's categories and its three series, in the areas' order. */
export function chartSeries(areas: readonly AreaLike[], language: 'ja' | 'en') {
  return {
    categories: areas.map((a) => (language === 'en' && a.name_en ? a.name_en : a.name_ja)),
    planned: areas.map((a) => a.planned_yen),
    allocated: areas.map((a) => a.allocated_yen),
    spent: areas.map((a) => a.spent_yen),
  };
}

/** A whole number of yen typed by the office ("12,000", "¥500"); null when it is none. */
export function parseYen(text: string): number | null {
  const cleaned = text.replace(/[¥￥,円\s]/g, '');
  if (!/^\d+$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? value : null;
}
