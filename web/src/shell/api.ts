// The one way the UI talks to the server: fetch with the session cookie, the CSRF token on
// every state-changing request, and errors turned into ApiError with the server's code and field.

export type Language = 'ja' | 'en';

export type OrganisationKind = 'university' | 'faculty' | 'department' | 'hospital' | 'company' | 'division' | 'other';

export interface Organisation {
  id: string;
  parent_id: string | null;
  kind: OrganisationKind;
  name_ja: string;
  name_en: string;
  /** The reading in katakana; may be empty (and absent from older test fixtures). */
  name_kana?: string;
  active: boolean;
}

export interface Person {
  id: string;
  email: string;
  name_ja: string;
  name_kana: string;
  name_en: string;
  organisation_id: string | null;
  organisation: Organisation | null;
  roles: string[];
  language: Language;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export type Me = Person & { csrf_token?: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: string, message: string, field: string | null, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}

export function getCsrfToken() {
  return csrfToken;
}

/** Called whenever the server says the session is gone (any 401 except a failed login). */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Do not treat a 401 as an expired session (the login request itself, the first /api/me). */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (stateChanging.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', String(cause), null);
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }

  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; field?: string | null } } | undefined)?.error;
    const retryAfter = Number(response.headers.get('Retry-After'));
    const apiError = new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? response.statusText,
      error?.field ?? null,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
    if (response.status === 401 && !options.expectUnauthenticated) onUnauthorized?.();
    throw apiError;
  }
  return data as T;
}
