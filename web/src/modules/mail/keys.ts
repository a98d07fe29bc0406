// Query keys of mail: all start with 'mail' (one owner per key, src/queryKeys.test.ts).
const all = ['mail'] as const;

export const mailKeys = {
  all,
  preferences: [...all, 'preferences'] as const,
  defaults: [...all, 'defaults'] as const,
  outboxAll: [...all, 'outbox'] as const,
  outbox: (state: string) => [...all, 'outbox', state] as const,
};
