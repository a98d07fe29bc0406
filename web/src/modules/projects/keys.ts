// Query keys of the projects module (projects, portfolio, gates, slots): all start with 'projects'
// (one owner per key, src/queryKeys.test.ts).
const all = ['projects'] as const;

export const projectsKeys = {
  all,
  lists: [...all, 'list'] as const,
  list: (filters: object) => [...all, 'list', filters] as const,
  details: [...all, 'detail'] as const,
  detail: (id: string) => [...all, 'detail', id] as const,
  part: (id: string, part: string) => [...all, 'detail', id, part] as const,
  areas: [...all, 'areas'] as const,
  portfolio: [...all, 'portfolio'] as const,
  goal: [...all, 'portfolio', 'goal'] as const,
  slots: (query: object | null) => [...all, 'slots', query] as const,
  gates: [...all, 'gates'] as const,
  introductionPrefill: (introductionId: string) => [...all, 'introduction-prefill', introductionId] as const,
};
