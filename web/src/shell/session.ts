// Who is signed in: the sessionKeys.me query is the single source of truth (null = signed out).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, ApiError, setCsrfToken, type Language, type Me } from './api';
import { applyLanguage, currentLanguage } from './i18n';
import { sessionKeys } from './keys';

/** Everything but the session itself: what the signed-in person could see. */
const notSession = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== sessionKeys.all[0];

// True from an explicit logout until the next login: the login page then starts the next
// person at home instead of the page the previous one was on (kept only when a session expires).
let loggedOutOnPurpose = false;
export function wasLoggedOutOnPurpose() {
  return loggedOutOnPurpose;
}

export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/me', { expectUnauthenticated: true });
    setCsrfToken(me.csrf_token);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: sessionKeys.me, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Forget everything the signed-in person could see; the router then shows the login page. */
export function signedOut(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: notSession });
  queryClient.setQueryData(sessionKeys.me, null);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      api<{ csrf_token: string; me: Me }>('/api/session', {
        method: 'POST',
        body: credentials,
        expectUnauthenticated: true,
      }),
    onSuccess: async ({ csrf_token, me }) => {
      loggedOutOnPurpose = false;
      setCsrfToken(csrf_token);
      queryClient.removeQueries({ predicate: notSession });
      queryClient.setQueryData(sessionKeys.me, { ...me, csrf_token });
      await applyLanguage(me.language ?? currentLanguage());
    },
  });
}

/** Logs out and shows the login page (with no page to come back to: the next person starts at home). */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      try {
        await api<void>('/api/session', { method: 'DELETE', expectUnauthenticated: true });
      } catch {
        // Signing out locally is what matters; the server session expires on its own.
      }
    },
    onSettled: () => {
      loggedOutOnPurpose = true;
      navigate('/login', { replace: true });
      signedOut(queryClient);
    },
  });
}

/** Switch the UI at once; when signed in, remember the choice on the server for this person. */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (language: Language) => {
      await applyLanguage(language);
      const me = queryClient.getQueryData<Me | null>(sessionKeys.me);
      if (!me) return null;
      return api<Me>('/api/me', { method: 'PATCH', body: { language } });
    },
    onSuccess: (updated) => {
      if (!updated) return;
      const previous = queryClient.getQueryData<Me | null>(sessionKeys.me);
      if (updated.csrf_token) setCsrfToken(updated.csrf_token);
      queryClient.setQueryData(sessionKeys.me, { ...previous, ...updated, csrf_token: updated.csrf_token ?? previous?.csrf_token });
    },
  });
}

export function useChangeOwnPassword() {
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) => api<void>('/api/me/password', { method: 'POST', body }),
  });
}
