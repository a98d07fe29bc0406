// Query keys of the internal open call: all start with 'opencall' (one owner per key, src/queryKeys.test.ts).
const all = ['opencall'] as const;

export const opencallKeys = {
  all,
  lists: [...all, 'calls'] as const,
  list: (filters: object) => [...all, 'calls', filters] as const,
  calls: [...all, 'call'] as const,
  call: (id: string) => [...all, 'call', id] as const,
  proposals: (callId: string) => [...all, 'call', callId, 'proposals'] as const,
  assignment: (callId: string) => [...all, 'call', callId, 'assignment'] as const,
  ranking: (callId: string) => [...all, 'call', callId, 'ranking'] as const,
  proposal: (id: string) => [...all, 'proposal', id] as const,
  review: (proposalId: string) => [...all, 'proposal', proposalId, 'review'] as const,
};
