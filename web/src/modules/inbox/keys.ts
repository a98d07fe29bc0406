// Query keys of the inbox: all start with 'inbox' (one owner per key, src/queryKeys.test.ts).
const all = ['inbox'] as const;

export const inboxKeys = {
  all,
  list: (state: string) => [...all, 'list', state] as const,
  count: [...all, 'count'] as const,
};
