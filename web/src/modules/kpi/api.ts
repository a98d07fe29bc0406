// TanStack Query hooks for the centre's KPIs (GET /api/kpi/funnel and /api/kpi/series, docs/kpi.md).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { kpiKeys } from './keys';

export type StepName = 'need' | 'introduction' | 'nda' | 'project' | 'invention' | 'product';

export interface FunnelStep {
  name: StepName;
  count: number;
  conversion: number | null;
  median_days: number | null;
  pairs: number;
}

export interface Funnel {
  from: string;
  to: string;
  steps: FunnelStep[];
}

export interface SeriesPoint {
  period: string;
  needs: number;
  seeds: number;
  introductions: number;
  projects_started: number;
  stages: Record<string, number>;
  areas: Record<string, number>;
  companies: number;
  clinicians: number;
  contract_turnaround_days: number | null;
  ethics_turnaround_days: number | null;
  contracts_drafted: number;
  ethics_prepared: number;
  coi_checks: number;
  inventions_drafted: number;
  minutes_saved: number;
  /** The funnel over this period alone, with the page's filters applied. */
  funnel: FunnelStep[];
}

export interface Series {
  from: string;
  to: string;
  by: 'month' | 'fiscal_year';
  minutes_per_action: { contract_drafted: number; ethics_application: number; coi_check: number; invention_disclosure: number };
  points: SeriesPoint[];
}

export interface KpiQuery {
  from?: string;
  to?: string;
  area?: string;
  department?: string;
  company?: string;
  by?: 'month' | 'fiscal_year';
}

export function useFunnel(query: KpiQuery) {
  const { from, to, area, department, company } = query;
  const q = { from, to, area, department, company };
  return useQuery({
    queryKey: kpiKeys.funnel(q),
    queryFn: ({ signal }) => api<Funnel>('/api/kpi/funnel', { query: q, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSeries(query: KpiQuery) {
  const { from, to, by, area, department, company } = query;
  const q = { from, to, by, area, department, company };
  return useQuery({
    queryKey: kpiKeys.series(q),
    queryFn: ({ signal }) => api<Series>('/api/kpi/series', { query: q, signal }),
    placeholderData: keepPreviousData,
  });
}
