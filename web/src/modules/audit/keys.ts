// Query keys of the audit module: all start with 'audit' (one owner per key, src/queryKeys.test.ts).
import type { AuditFilters } from './api';

const all = ['audit'] as const;

export const auditKeys = {
  all,
  log: (filters: AuditFilters) => [...all, 'log', filters] as const,
};
