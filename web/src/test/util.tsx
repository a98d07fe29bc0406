// Helpers for rendering pages with the real providers and a fake server.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { AppRoutes, createQueryClient, Providers } from '../shell/App';
import { PHONE_QUERY } from '../shell/responsive';
import { mediaQueryList } from './media';

export type Handler = (request: { method: string; url: URL; body: unknown; headers: Headers }) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function apiError(status: number, code: string, message: string, field: string | null = null, headers: Record<string, string> = {}) {
  return json(status, { error: { code, message, field } }, headers);
}

/** A window as wide as a phone (or not): matchMedia answers the phone query (shell/responsive) accordingly. */
export function screenIsPhone(phone: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => mediaQueryList(query, phone && query === PHONE_QUERY));
}

/** Replaces global fetch; routes are "METHOD /path" (query string ignored). */
export function fakeServer(routes: Record<string, Handler>) {
  const calls: { method: string; url: URL; body: unknown; headers: Headers }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.toString(), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method, url, body, headers };
    calls.push(request);
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return apiError(404, 'not_found', `no route ${method} ${url.pathname}`);
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function renderApp(path: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  return render(
    <Providers queryClient={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </Providers>,
  );
}

export function renderWithProviders(node: ReactNode) {
  return render(<Providers queryClient={createQueryClient()}>{node}</Providers>);
}

export const tanaka = {
  id: 'p-tanaka',
  email: 'tanaka.kenji@renkei.example',
  name_ja: '田中 健二',
  name_kana: 'タナカ ケンジ',
  name_en: 'Kenji Tanaka',
  organisation_id: 'o-cardio',
  organisation: {
    id: 'o-cardio',
    parent_id: 'o-med',
    kind: 'department' as const,
    name_ja: '循環器内科学教室',
    name_en: 'Department of Cardiology',
    active: true,
  },
  roles: ['clinician'],
  language: 'ja' as const,
  active: true,
  created_at: '2026-04-01T00:00:00Z',
  updated_at: '2026-04-01T00:00:00Z',
};
