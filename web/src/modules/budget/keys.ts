// Query keys of the centre's budget: all start with 'budget' (one owner per key, src/queryKeys.test.ts).
const all = ['budget'] as const;

export const budgetKeys = {
  all,
  overview: (fiscalYear: number) => [...all, 'overview', fiscalYear] as const,
  spending: (fiscalYear: number, projectId: string) => [...all, 'spending', fiscalYear, projectId] as const,
  changes: [...all, 'changes'] as const,
  project: (projectId: string, fiscalYear: number) => [...all, 'project', projectId, fiscalYear] as const,
};
