import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';
import { isSafeActionPath } from './api';

const item = {
  id: 'i-1',
  kind: 'projects.approve_stage',
  source: 'projects',
  title_ja: 'ステージ移行の確認: 実現可能性検討',
  title_en: 'Approve the move to feasibility',
  context_ja: 'ウェアラブル心電図パッチ',
  context_en: 'Wearable ECG patch',
  link: '/projects/pr-1',
  due_on: null,
  overdue: false,
  state: 'open',
  action: {
    method: 'POST',
    path: '/api/projects/pr-1/stage-requests/sr-1/decision',
    body: { decision: 'approve' },
    label_ja: '確認して承認',
    label_en: 'Acknowledge and approve',
  },
  created_at: '2026-11-25T01:00:00Z',
  resolved_at: null,
};

describe('inbox', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('performs the one-click action as described, then refreshes the list and the badge', async () => {
    let open = true;
    const server = fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, csrf_token: 'csrf-1' }),
      'GET /api/inbox': () => json(200, { items: open ? [item] : [], open: open ? 1 : 0, overdue: 0 }),
      'GET /api/inbox/count': () => json(200, { open: open ? 1 : 0, overdue: 0 }),
      'POST /api/projects/pr-1/stage-requests/sr-1/decision': () => {
        open = false;
        return json(200, { state: 'approved' });
      },
    });
    renderApp('/inbox');
    const row = await screen.findByTestId('inbox-item-projects.approve_stage');
    expect(within(row).getByText('ウェアラブル心電図パッチ')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('inbox-badge').dataset.count).toBe('1'));
    await userEvent.setup({ delay: null }).click(within(row).getByRole('button', { name: /確認して承認/ }));
    expect(await screen.findByText('対応が必要な事項はありません')).toBeInTheDocument();
    const post = server.calls.find((c) => c.method === 'POST');
    expect(post?.url.pathname).toBe('/api/projects/pr-1/stage-requests/sr-1/decision');
    expect(post?.body).toEqual({ decision: 'approve' });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    await waitFor(() => expect(screen.getByTestId('inbox-badge').dataset.count).toBe('0'));
  });

  it('shows an empty state when nothing is asked', async () => {
    fakeServer({
      'GET /api/me': () => json(200, tanaka),
      'GET /api/inbox': () => json(200, { items: [], open: 0, overdue: 0 }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    });
    renderApp('/inbox');
    expect(await screen.findByText('対応が必要な事項はありません')).toBeInTheDocument();
  });

  it('only sends actions to /api paths', () => {
    expect(isSafeActionPath('/api/projects/abc/decision')).toBe(true);
    expect(isSafeActionPath('https://evil.example/api/x')).toBe(false);
    expect(isSafeActionPath('/api/../logout')).toBe(false);
    expect(isSafeActionPath('/login')).toBe(false);
  });
});
