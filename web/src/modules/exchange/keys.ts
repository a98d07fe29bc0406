// Query keys of the needs & seeds exchange: all start with 'exchange' (one owner per key,
// src/queryKeys.test.ts).
const all = ['exchange'] as const;

export const exchangeKeys = {
  all,
  search: (filters: object, language: string) => [...all, 'search', filters, language] as const,
  need: (id: string | undefined) => [...all, 'need', id] as const,
  seed: (id: string | undefined) => [...all, 'seed', id] as const,
  needSuggestions: (id: string | undefined, language: string) => [...all, 'need', id, 'suggestions', language] as const,
  needJudgments: (id: string | undefined) => [...all, 'need', id, 'judgments'] as const,
  seedJudgments: (id: string | undefined) => [...all, 'seed', id, 'judgments'] as const,
  ranking: () => [...all, 'ranking'] as const,
  seedSuggestions: (id: string | undefined, language: string) => [...all, 'seed', id, 'suggestions', language] as const,
  forMe: (limit: number, language: string) => [...all, 'for-me', limit, language] as const,
  profile: (personId: string | undefined) => [...all, 'profile', personId] as const,
  introductions: (includeAll: boolean) => [...all, 'introductions', includeAll] as const,
  grants: [...all, 'grants'] as const,
};
