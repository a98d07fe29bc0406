// Query keys of the shell: who is signed in. Every module owns the keys that start with its own
// name (see src/queryKeys.test.ts); the shell's start with 'session'.
const all = ['session'] as const;

export const sessionKeys = {
  all,
  me: [...all, 'me'] as const,
};
