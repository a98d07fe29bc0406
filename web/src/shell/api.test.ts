import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api';
import { apiError, fakeServer, json } from '../test/util';

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    setUnauthorizedHandler(null);
  });

  it('sends the CSRF token on state-changing requests only', async () => {
    const server = fakeServer({
      'GET /api/people': () => json(200, { items: [] }),
      'PATCH /api/me': () => json(200, {}),
    });
    setCsrfToken('tok');
    await api('/api/people');
    await api('/api/me', { method: 'PATCH', body: { language: 'en' } });
    expect(server.calls[0].headers.get('X-CSRF-Token')).toBeNull();
    expect(server.calls[1].headers.get('X-CSRF-Token')).toBe('tok');
    expect(server.fetchMock.mock.calls[1][1]).toMatchObject({ credentials: 'same-origin' });
  });

  it('turns error bodies into ApiError with code and field, and reports an expired session', async () => {
    fakeServer({
      'POST /api/people': () => apiError(422, 'invalid', 'email is required', 'email'),
      'GET /api/people': () => apiError(401, 'unauthenticated', 'no session'),
    });
    const expired = vi.fn();
    setUnauthorizedHandler(expired);
    const error = await api('/api/people', { method: 'POST', body: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid', field: 'email' });
    expect(expired).not.toHaveBeenCalled();
    await api('/api/people').catch(() => undefined);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('leaves out empty query parameters', async () => {
    const server = fakeServer({ 'GET /api/people': () => json(200, { items: [] }) });
    await api('/api/people', { query: { q: '', role: 'admin', organisation_id: undefined, active: 'all' } });
    expect(server.calls[0].url.search).toBe('?role=admin&active=all');
  });
});
