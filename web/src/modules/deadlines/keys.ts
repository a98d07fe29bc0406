// Query keys of the deadlines module: all start with 'deadlines' (one owner per key, src/queryKeys.test.ts).
const all = ['deadlines'] as const;

export const deadlinesKeys = {
  all,
  view: (query: object) => [...all, 'view', query] as const,
};
