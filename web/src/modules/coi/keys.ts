// Query keys of the conflict-of-interest module: all start with 'coi' (one owner per key,
// src/queryKeys.test.ts). `organisations` holds the API's { items } as COI reads it; the people
// module caches its own shape under its own key.
const all = ['coi'] as const;

export const coiKeys = {
  all,
  mine: (fiscalYear: number) => [...all, 'mine', fiscalYear] as const,
  organisations: [...all, 'organisations'] as const,
  thresholds: [...all, 'thresholds'] as const,
  status: (fiscalYear: number) => [...all, 'status', fiscalYear] as const,
  cases: (status: string) => [...all, 'cases', status] as const,
  case: (id: string) => [...all, 'case', id] as const,
  project: (projectId: string) => [...all, 'project', projectId] as const,
};
