// GET /api/audit, newest first, one page at a time ("load more" follows next_before).
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { auditKeys } from './keys';

export interface AuditActor {
  id: string;
  name_ja: string;
  name_en: string;
}

/** The record's name as it is now, in both languages; null when the reader may not see it or the kind has none. */
export interface AuditEntityName {
  name_ja: string;
  name_en: string;
}

/** Changes only (the default), views of personal data only, or both. */
export type AuditShown = 'changes' | 'reads' | 'all';

export interface AuditEntry {
  id: string;
  at: string;
  actor: AuditActor | null;
  action: string;
  entity: string;
  entity_id: string;
  entity_name?: AuditEntityName | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Why before/after are withheld: the reader may not see the entity (not_entitled), or no module said who may (undeclared). */
  redacted?: 'not_entitled' | 'undeclared' | null;
}

export interface AuditPage {
  items: AuditEntry[];
  next_before: string | null;
}

export interface AuditFilters {
  shown?: AuditShown;
  entity?: string;
  entity_id?: string;
  actor_id?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.log(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<AuditPage>('/api/audit', {
        query: { ...filters, limit: AUDIT_PAGE_SIZE, before: pageParam ?? undefined },
        signal,
      }),
    getNextPageParam: (last) => last.next_before ?? undefined,
  });
}
