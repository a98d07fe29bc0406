// Query keys of the ethics review module: all start with 'ethics' (one owner per key, src/queryKeys.test.ts).
const all = ['ethics'] as const;

export const ethicsKeys = {
  all,
  protocols: (filters: object) => [...all, 'protocols', filters] as const,
  protocol: (id: string) => [...all, 'protocol', id] as const,
  committees: [...all, 'committees'] as const,
  deadlines: (from: string, to: string) => [...all, 'deadlines', from, to] as const,
  rules: [...all, 'rules'] as const,
  turnaround: [...all, 'turnaround'] as const,
  mergeFields: [...all, 'merge-fields'] as const,
};
