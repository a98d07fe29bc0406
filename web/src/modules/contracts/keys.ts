// Query keys of the contracts module: all start with 'contracts' (one owner per key, src/queryKeys.test.ts).
const all = ['contracts'] as const;

export const contractsKeys = {
  all,
  list: (filters: object) => [...all, 'list', filters] as const,
  one: (id: string) => [...all, 'one', id] as const,
  templates: [...all, 'templates'] as const,
  turnaround: [...all, 'turnaround'] as const,
};
