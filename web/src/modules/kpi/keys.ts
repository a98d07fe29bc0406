// Query keys of the KPI module: all start with 'kpi' (one owner per key, src/queryKeys.test.ts).
const all = ['kpi'] as const;

export const kpiKeys = {
  all,
  funnel: (query: object) => [...all, 'funnel', query] as const,
  series: (query: object) => [...all, 'series', query] as const,
};
