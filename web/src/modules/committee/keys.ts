// Query keys of the steering committee: all start with 'committee' (one owner per key, src/queryKeys.test.ts).
const all = ['committee'] as const;

export const committeeKeys = {
  all,
  meetings: [...all, 'meetings'] as const,
  meeting: (id: string) => [...all, 'meeting', id] as const,
  written: [...all, 'written'] as const,
  item: (id: string) => [...all, 'item', id] as const,
  members: [...all, 'members'] as const,
  rules: [...all, 'rules'] as const,
  pending: [...all, 'pending'] as const,
  /** People holding the committee role (who may be added to the roll). */
  candidates: [...all, 'candidates'] as const,
};
