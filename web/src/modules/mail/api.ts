// TanStack Query hooks for mail (docs/mail.md): a person's choices of how to hear of each kind of
// item, the office's defaults and outbox, and the forgotten-password link.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { mailKeys } from './keys';

export type Delivery = 'immediate' | 'digest' | 'off';
export const DELIVERIES: readonly Delivery[] = ['immediate', 'digest', 'off'];

export interface MailKind {
  kind: string;
  label_ja: string;
  label_en: string;
  /** A deadline set by law: it can be moved to the digest, never switched off. */
  legal: boolean;
  /** Every item of the kind is urgent (mailed at once when delivered immediately). */
  urgent: boolean;
  delivery: Delivery;
  centre_delivery: Delivery;
  own: boolean;
}

export interface MailPreferences {
  digest_hour: number | null;
  centre_digest_hour: number;
  kinds: MailKind[];
}

export interface MailDefaults {
  digest_hour: number;
  kinds: MailKind[];
}

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxEntry {
  id: string;
  person_id: string | null;
  to: string;
  kind: string;
  language: string;
  subject: string;
  state: OutboxState;
  attempts: number;
  last_error: string;
  created_at: string;
  next_attempt_at: string;
  sent_at: string | null;
}

export interface OutboxPage {
  items: OutboxEntry[];
  counts: Record<OutboxState, number>;
}

export interface PreferencesChange {
  digest_hour?: number | null;
  kinds?: Record<string, Delivery | null>;
}

export function useMailPreferences() {
  return useQuery({
    queryKey: mailKeys.preferences,
    queryFn: ({ signal }) => api<MailPreferences>('/api/me/mail', { signal }),
  });
}

export function useSetMailPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: PreferencesChange) => api<MailPreferences>('/api/me/mail', { method: 'PUT', body: change }),
    onSuccess: (data) => queryClient.setQueryData(mailKeys.preferences, data),
  });
}

export function useMailDefaults() {
  return useQuery({
    queryKey: mailKeys.defaults,
    queryFn: ({ signal }) => api<MailDefaults>('/api/mail/defaults', { signal }),
  });
}

export function useSetMailDefaults() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kinds: Record<string, Delivery>) => api<MailDefaults>('/api/mail/defaults', { method: 'PUT', body: { kinds } }),
    onSuccess: (data) => {
      queryClient.setQueryData(mailKeys.defaults, data);
      void queryClient.invalidateQueries({ queryKey: mailKeys.preferences });
    },
  });
}

export function useOutbox(state: OutboxState | 'all') {
  return useQuery({
    queryKey: mailKeys.outbox(state),
    queryFn: ({ signal }) => api<OutboxPage>('/api/mail/outbox', { query: { state, limit: 200 }, signal }),
  });
}

export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<OutboxEntry>(`/api/mail/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailKeys.outboxAll }),
  });
}

/** Always answered 202: the answer never says whether the address exists. */
export function requestPasswordReset(email: string) {
  return api<unknown>('/api/session/reset', { method: 'POST', body: { email }, expectUnauthenticated: true });
}

export function finishPasswordReset(token: string, password: string) {
  return api<unknown>(`/api/session/reset/${encodeURIComponent(token)}`, {
    method: 'POST',
    body: { password },
    expectUnauthenticated: true,
  });
}
