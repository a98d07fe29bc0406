// Query keys of the intellectual property module: all start with 'ip' (one owner per key, src/queryKeys.test.ts).
const all = ['ip'] as const;

export const ipKeys = {
  all,
  inventions: (filters: object) => [...all, 'inventions', filters] as const,
  invention: (id: string) => [...all, 'invention', id] as const,
  deadlines: (from: string, to: string) => [...all, 'deadlines', from, to] as const,
  rewards: [...all, 'rewards'] as const,
  rewardRules: [...all, 'reward-rules'] as const,
  publications: (filters: object) => [...all, 'publications', filters] as const,
};
