// Query keys of the approvals module: all start with 'approvals' (one owner per key, src/queryKeys.test.ts).
const all = ['approvals'] as const;

export const approvalsKeys = {
  all,
  rules: [...all, 'rules'] as const,
  mine: [...all, 'mine'] as const,
};
