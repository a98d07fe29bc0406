// TanStack Query hooks for the inbox: everything asked of the signed-in person, across modules,
// each with a one-click action (method + /api path + body) the UI performs as is.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { inboxKeys } from './keys';

export interface InboxAction {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  label_ja: string;
  label_en: string;
}

export interface InboxItem {
  id: string;
  kind: string;
  source: string;
  title_ja: string;
  title_en: string;
  context_ja: string;
  context_en: string;
  link: string;
  due_on: string | null;
  overdue: boolean;
  state: 'open' | 'done' | 'cancelled';
  action: InboxAction | null;
  created_at: string;
  resolved_at: string | null;
}

export interface InboxCount {
  open: number;
  overdue: number;
}

export type InboxState = 'open' | 'done' | 'cancelled' | 'all';

/** How often the header badge asks again (ms). */
export const INBOX_COUNT_INTERVAL = 60_000;

export function useInbox(state: InboxState = 'open') {
  return useQuery({
    queryKey: inboxKeys.list(state),
    queryFn: ({ signal }) => api<{ items: InboxItem[] } & InboxCount>('/api/inbox', { query: { state }, signal }),
  });
}

export function useInboxCount() {
  return useQuery({
    queryKey: inboxKeys.count,
    queryFn: ({ signal }) => api<InboxCount>('/api/inbox/count', { signal }),
    refetchInterval: INBOX_COUNT_INTERVAL,
    staleTime: 10_000,
  });
}

/** Only /api/ paths: an action never sends the session elsewhere. */
export function isSafeActionPath(path: string) {
  return /^\/api\/[A-Za-z0-9/_\-.]+$/.test(path) && !path.includes('..');
}

/** Performs an item's action exactly as described; the owning endpoint checks permission. */
export function performAction(action: InboxAction) {
  if (!isSafeActionPath(action.path)) throw new Error(`refusing inbox action path ${action.path}`);
  const body = action.body === undefined || action.body === null ? undefined : action.body;
  return api<unknown>(action.path, { method: action.method, body });
}

/**
 * After an action: everything. One click decides in another module (a contract's or a budget
 * change's approval chain, a project's gate, a booking), and that module's pages — the budget
 * overview, the contract, the project — must show it when opened next; the inbox and its count first.
 */
export function refreshAfterAction(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
  void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== inboxKeys.all[0] });
}

export function usePerformAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (item: InboxItem) => {
      if (!item.action) throw new Error('no action');
      return performAction(item.action);
    },
    onSettled: () => refreshAfterAction(queryClient),
  });
}
