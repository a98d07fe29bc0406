import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer, json, renderApp, tanaka } from '../test/util';
import { getCsrfToken, setCsrfToken } from './api';
import i18n from './i18n';

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup({ delay: null });
  await user.type(await screen.findByLabelText('メールアドレス'), email);
  await user.type(screen.getByLabelText('パスワード'), password);
  await user.click(screen.getByRole('button', { name: /ログイン/ }));
}

describe('LoginPage', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    setCsrfToken(null);
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the clear Japanese message when the password is wrong (401)', async () => {
    const server = fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'not signed in'),
      'POST /api/session': () => apiError(401, 'unauthenticated', 'wrong email or password'),
    });
    renderApp('/login');
    await fillAndSubmit('tanaka.kenji@renkei.example', 'wrong-password');
    expect(await screen.findByText('メールアドレスまたはパスワードが正しくありません')).toBeInTheDocument();
    const login = server.calls.find((call) => call.method === 'POST');
    expect(login?.body).toEqual({ email: 'tanaka.kenji@renkei.example', password: 'wrong-password' });
    // Still on the login page, not bounced around by the 401.
    expect(screen.getByRole('button', { name: /ログイン/ })).toBeInTheDocument();
  });

  it('asks the user to wait when login is throttled (429)', async () => {
    fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'not signed in'),
      'POST /api/session': () => apiError(429, 'too_many_requests', 'slow down', null, { 'Retry-After': '30' }),
    });
    renderApp('/login');
    await fillAndSubmit('tanaka.kenji@renkei.example', 'whatever1');
    expect(await screen.findByText(/ログインの試行回数が多すぎます。30 秒ほど待って/)).toBeInTheDocument();
  });

  it('goes to the home page after a successful login and keeps the CSRF token', async () => {
    fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'not signed in'),
      'POST /api/session': () => json(200, { csrf_token: 'csrf-123', me: tanaka }),
      'GET /api/organisations': () => apiError(403, 'forbidden', 'no'),
    });
    renderApp('/login');
    await fillAndSubmit('tanaka.kenji@renkei.example', 'renkei-demo-2026');
    expect(await screen.findByText('田中 健二 さん、ようこそ')).toBeInTheDocument();
    expect(getCsrfToken()).toBe('csrf-123');
  });

  it('sends an unauthenticated visitor of a page to the login page', async () => {
    fakeServer({ 'GET /api/me': () => apiError(401, 'unauthenticated', 'not signed in') });
    renderApp('/people');
    expect(await screen.findByRole('button', { name: /ログイン/ })).toBeInTheDocument();
  });

  it('returns to the login page when the session expires (401 on any request)', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, csrf_token: 't' }),
      'GET /api/organisations': () => apiError(401, 'unauthenticated', 'session expired'),
    });
    renderApp('/');
    expect(await screen.findByRole('button', { name: /ログイン/ })).toBeInTheDocument();
    expect(getCsrfToken()).toBeNull();
  });

  it('can be switched to English before login, and remembers it in localStorage', async () => {
    fakeServer({ 'GET /api/me': () => apiError(401, 'unauthenticated', 'not signed in') });
    renderApp('/login');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByText('English'));
    expect(await screen.findByRole('button', { name: /Log in/ })).toBeInTheDocument();
    expect(window.localStorage.getItem('renkei.language')).toBe('en');
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
  });
});
