// Query keys of surveys: all start with 'surveys' (one owner per key, src/queryKeys.test.ts).
const all = ['surveys'] as const;

export const surveysKeys = {
  all,
  list: [...all, 'list'] as const,
  survey: (id: string) => [...all, 'survey', id] as const,
  results: (id: string) => [...all, 'results', id] as const,
};
