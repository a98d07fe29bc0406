import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';

const need = {
  id: 'n-9',
  type: 'need',
  author: { id: 'p-kato', name_ja: '加藤 さくら', name_en: 'Sakura Kato' },
  title: '褥瘡の被覆材',
  area: 'medical_device',
  status: 'open',
  tags: [],
};

describe('home: new needs and seeds for you', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists matching new items with their score, and asks for a profile when there is nothing to match on', async () => {
    const calls = fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, csrf_token: 'x' }),
      'GET /api/organisations': () => json(200, { items: [tanaka.organisation] }),
      'GET /api/exchange/suggestions': () =>
        json(200, {
          personalised: false,
          needs: [{ type: 'need', id: 'n-9', item: need, score: 45, reasons: [{ kind: 'concept', label: '褥瘡' }] }],
          seeds: [],
        }),
    });
    renderApp('/');
    const widget = await screen.findByTestId('new-for-you');
    expect(await within(widget).findByText('褥瘡の被覆材')).toHaveAttribute('href', '/exchange/needs/n-9');
    expect(within(widget).getByTestId('score')).toHaveTextContent('一致度 45');
    expect(within(widget).getByText('専門プロフィールを書くと、あなたに合うものが表示されます。')).toBeInTheDocument();
    expect(within(widget).getByText('新着はまだありません')).toBeInTheDocument();
    expect(calls.calls.find((c) => c.url.pathname === '/api/exchange/suggestions')?.url.searchParams.get('lang')).toBe('ja');
  });
});
