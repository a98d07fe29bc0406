// Pure helpers of the KPI page: the default range (the current fiscal year, Asia/Tokyo), and how
// conversions, days and the paperwork estimate read.
import type { FunnelStep, SeriesPoint } from './api';

export const STEPS = ['need', 'introduction', 'nda', 'project', 'invention', 'product'] as const;

/** Today in Asia/Tokyo, YYYY-MM-DD. */
export function tokyoToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The fiscal year (April–March) holding `date`: its first and last days. */
export function fiscalYearRange(date: string): { from: string; to: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** 0.5 → "50.0%"; null → "—". */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Median days with one decimal; null → "—". */
export function days(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

/** Minutes as hours with one decimal. */
export function hours(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

/** The funnel's steps in the contract's order, whatever order they came in. */
export function orderedSteps(steps: FunnelStep[]): FunnelStep[] {
  return STEPS.map((name) => steps.find((s) => s.name === name)).filter((s): s is FunnelStep => s !== undefined);
}

/** Every stage any period names, in road order. */
export const STAGES = ['exploration', 'feasibility', 'joint_research', 'pre_clinical', 'clinical_study', 'regulatory', 'launched', 'sales'];
export function stagesIn(points: SeriesPoint[]): string[] {
  return STAGES.filter((s) => points.some((p) => (p.stages[s] ?? 0) > 0));
}
export function areasIn(points: SeriesPoint[]): string[] {
  return [...new Set(points.flatMap((p) => Object.keys(p.areas)))].sort();
}
