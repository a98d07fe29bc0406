// The office's one-click judgments on a need's suggestions: 「関連なし」 drops the seed from the
// list at once (the server leaves it out), with an undo; 「関連あり」 pins it; the switch lists the
// ones marked not relevant; people who are not the office see no buttons.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';

const nakamura = { ...tanaka, id: 'p-nakamura', name_ja: '中村 由美', name_en: 'Yumi Nakamura', roles: ['office'] };

const need = {
  id: 'n-1',
  type: 'need',
  author: { id: 'p-kato', name_ja: '加藤 さくら', name_en: 'Sakura Kato' },
  organisation_id: 'o-derm',
  title: '褥瘡の被覆材',
  problem: 'はがすとき痛い',
  current_practice: '',
  patients: '',
  desired_outcome: '',
  area: 'medical_device',
  tags: [],
  status: 'open',
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

function seed(id: string, title: string) {
  return {
    id,
    type: 'seed',
    author: { id: 'p-shimizu', name_ja: '清水 光', name_en: 'Hikaru Shimizu' },
    organisation_id: 'o-jsr',
    kind: 'material',
    title,
    description: '',
    capabilities: [],
    area: 'medical_device',
    status: 'open',
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
  };
}
const seeds = [seed('s-1', '低刺激シリコーンゲル粘着材'), seed('s-2', '抗菌ハイドロゲル')];

/** A server that keeps the judgments and applies them to the suggestions as the real one does. */
function server(me: object, run: object | null = null) {
  const judged = new Map<string, boolean>();
  const calls = fakeServer({
    'GET /api/exchange/ranking': () => json(200, { run }),
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf' }),
    'GET /api/organisations': () => json(200, { items: [] }),
    'GET /api/exchange/needs/n-1': () => json(200, need),
    'GET /api/exchange/needs/n-1/suggestions': () => {
      const offered = seeds.filter((s) => judged.get(s.id) !== false).sort((a, b) => Number(judged.get(b.id) === true) - Number(judged.get(a.id) === true));
      return json(200, {
        need_id: 'n-1',
        seeds: offered.map((s) => ({
          type: 'seed',
          id: s.id,
          item: s,
          score: 50,
          reasons: judged.get(s.id) ? [{ kind: 'office', label: '事務局が関連ありと確認' }] : [{ kind: 'concept', label: '褥瘡' }],
          ...(judged.has(s.id) ? { judgment: { relevant: judged.get(s.id) } } : {}),
        })),
        people: [],
      });
    },
    'GET /api/exchange/needs/n-1/judgments': () =>
      json(200, {
        items: [...judged].map(([id, relevant]) => ({
          need_id: 'n-1',
          seed_id: id,
          relevant,
          judged_by: 'p-nakamura',
          judged_by_name_ja: '中村 由美',
          judged_by_name_en: 'Yumi Nakamura',
          judged_at: '2026-12-01T00:00:00Z',
          seed: seeds.find((s) => s.id === id),
        })),
      }),
    'PUT /api/exchange/needs/n-1/judgments/s-1': ({ body }) => {
      judged.set('s-1', (body as { relevant: boolean }).relevant);
      return json(200, { need_id: 'n-1', seed_id: 's-1', relevant: judged.get('s-1') });
    },
    'DELETE /api/exchange/needs/n-1/judgments/s-1': () => {
      judged.delete('s-1');
      return json(204, undefined);
    },
  });
  return { calls, judged };
}

const listed = () => screen.queryAllByTestId(/^judged-s-/).map((e) => e.getAttribute('data-testid'));

/** A seed's page: its suggested needs, judged from the seed's side (the same pairs). */
function seedServer(me: object) {
  const needs = [need, { ...need, id: 'n-2', title: '点滴の針が抜けやすい' }];
  const judged = new Map<string, boolean>();
  const calls = fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf' }),
    'GET /api/organisations': () => json(200, { items: [] }),
    'GET /api/exchange/ranking': () => json(200, { run: null }),
    'GET /api/exchange/seeds/s-1': () => json(200, seeds[0]),
    'GET /api/exchange/seeds/s-1/suggestions': () =>
      json(200, {
        seed_id: 's-1',
        needs: needs
          .filter((n) => judged.get(n.id) !== false)
          .map((n) => ({
            type: 'need',
            id: n.id,
            item: n,
            score: 40,
            reasons: [{ kind: 'concept', label: '褥瘡' }],
            ...(judged.has(n.id) ? { judgment: { relevant: judged.get(n.id) } } : {}),
          })),
        people: [],
      }),
    'GET /api/exchange/seeds/s-1/judgments': () =>
      json(200, {
        items: [...judged].map(([id, relevant]) => ({
          need_id: id,
          seed_id: 's-1',
          relevant,
          judged_by: 'p-nakamura',
          judged_by_name_ja: '中村 由美',
          judged_by_name_en: 'Yumi Nakamura',
          judged_at: '2026-12-01T00:00:00Z',
          need: needs.find((n) => n.id === id),
        })),
      }),
    'PUT /api/exchange/needs/n-1/judgments/s-1': ({ body }) => {
      judged.set('n-1', (body as { relevant: boolean }).relevant);
      return json(200, { need_id: 'n-1', seed_id: 's-1', relevant: judged.get('n-1') });
    },
  });
  return { calls, judged };
}

describe('the office judges a need’s suggestions', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('drops a seed marked not relevant at once, and undoes it in one click', async () => {
    const { calls, judged } = server(nakamura);
    renderApp('/exchange/needs/n-1');
    const user = userEvent.setup({ delay: null });
    await screen.findByTestId('judged-s-1', {}, { timeout: 45_000 });
    expect(listed()).toEqual(['judged-s-1', 'judged-s-2']);

    await user.click(within(screen.getByTestId('judged-s-1')).getByRole('button', { name: /関連なし/ }));
    await waitFor(() => expect(listed()).toEqual(['judged-s-2']));
    expect(calls.calls.find((c) => c.method === 'PUT')?.body).toEqual({ relevant: false });
    expect(screen.getByTestId('judgment-done')).toHaveTextContent('「低刺激シリコーンゲル粘着材」を関連なしにしました');

    // The switch lists it with its title.
    await user.click(screen.getByRole('switch', { name: '関連なしにした提案も表示' }));
    expect(await within(await screen.findByTestId('dropped-seeds')).findByText('低刺激シリコーンゲル粘着材')).toBeInTheDocument();

    await user.click(screen.getByTestId('judgment-undo'));
    await waitFor(() => expect(listed()).toEqual(['judged-s-1', 'judged-s-2']));
    expect(calls.calls.some((c) => c.method === 'DELETE')).toBe(true);
    expect(judged.size).toBe(0);
    expect(screen.queryByTestId('judgment-done')).toBeNull();
  });

  it('pins a seed marked relevant first; a second click clears it', async () => {
    const { judged } = server(nakamura);
    renderApp('/exchange/needs/n-1');
    const user = userEvent.setup({ delay: null });
    await screen.findByTestId('judged-s-1', {}, { timeout: 45_000 });
    // s-1 is first already; mark it and see the office's reason and the pressed button.
    await user.click(within(screen.getByTestId('judged-s-1')).getByRole('button', { name: /関連あり/ }));
    await waitFor(() => expect(judged.get('s-1')).toBe(true));
    const first = await screen.findByTestId('judged-s-1');
    await waitFor(() => expect(within(first).getByTestId('reasons')).toHaveTextContent('事務局が関連ありと確認'));
    const pressed = within(screen.getByTestId('judged-s-1')).getByRole('button', { name: /関連あり/ });
    await waitFor(() => expect(pressed).toHaveAttribute('aria-pressed', 'true'));
    await user.click(pressed);
    await waitFor(() => expect(judged.has('s-1')).toBe(false));
  });

  it('judges a seed’s suggested needs from the seed’s page: the same pair, dropped at once', async () => {
    const { calls, judged } = seedServer(nakamura);
    renderApp('/exchange/seeds/s-1');
    const user = userEvent.setup({ delay: null });
    const card = await screen.findByTestId('need-judgments', {}, { timeout: 45_000 });
    await within(card).findByTestId('judged-n-1');
    await user.click(within(screen.getByTestId('judged-n-1')).getByRole('button', { name: /関連なし/ }));
    await waitFor(() => expect(screen.queryByTestId('judged-n-1')).toBeNull());
    expect(screen.getByTestId('judged-n-2')).toBeInTheDocument();
    expect(calls.calls.find((c) => c.method === 'PUT')?.url.pathname).toBe('/api/exchange/needs/n-1/judgments/s-1');
    expect(judged.get('n-1')).toBe(false);
    expect(screen.getByTestId('judgment-done')).toHaveTextContent('「褥瘡の被覆材」を関連なしにしました。このシーズの提案には表示されなくなります。');
    await user.click(screen.getByRole('switch', { name: '関連なしにした提案も表示' }));
    const dropped = await screen.findByTestId('dropped-needs');
    expect(within(dropped).getByRole('link', { name: '褥瘡の被覆材' })).toHaveAttribute('href', '/exchange/needs/n-1');
  });

  it('tells the office how the suggestions are ordered: the shipped model, then the one learnt from its decisions', async () => {
    server(nakamura);
    const { unmount } = renderApp('/exchange/needs/n-1');
    expect(await screen.findByTestId('ranking-note', {}, { timeout: 45_000 })).toHaveTextContent('公開の評価データから学習したモデル');
    unmount();
    vi.unstubAllGlobals();

    server(nakamura, {
      id: 'r-1',
      trained_at: '2026-12-06T01:00:00Z',
      trained_by: null,
      adopted: true,
      reason: '',
      decisions: 35,
      lists: 12,
      pairs: 900,
      ndcg_before: 0.612,
      ndcg_after: 0.706,
      weights: [],
    });
    renderApp('/exchange/needs/n-1');
    const note = await screen.findByTestId('ranking-note', {}, { timeout: 45_000 });
    await waitFor(() => expect(note).toHaveTextContent('2026/12/06 学習：ニーズ 12 件・判断 35 件、上位10件の的中度 nDCG 0.61 → 0.71'));
  });

  it('shows no buttons to someone who is not the office, and English labels to the office', async () => {
    server(tanaka);
    const { unmount } = renderApp('/exchange/needs/n-1');
    await screen.findByRole('link', { name: '低刺激シリコーンゲル粘着材' }, { timeout: 45_000 });
    expect(screen.queryByRole('button', { name: /関連なし/ })).toBeNull();
    expect(screen.queryByTestId('seed-judgments')).toBeNull();
    expect(screen.queryByTestId('ranking-note')).toBeNull();
    unmount();
    vi.unstubAllGlobals();

    await i18n.changeLanguage('en');
    server({ ...nakamura, language: 'en' });
    renderApp('/exchange/needs/n-1');
    const card = await screen.findByTestId('judged-s-2', {}, { timeout: 45_000 });
    expect(within(card).getByRole('button', { name: /Not relevant/ })).toBeInTheDocument();
    expect(screen.getByText('Show the suggestions marked not relevant')).toBeInTheDocument();
  });
});
