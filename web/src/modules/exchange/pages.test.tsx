import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, tanaka, type Handler } from '../../test/util';
import { draftKey } from './logic';

const shimizu = {
  ...tanaka,
  id: 'p-shimizu',
  email: 'shimizu.hikaru@renkei.example',
  name_ja: '清水 光',
  name_kana: 'シミズ ヒカル',
  name_en: 'Hikaru Shimizu',
  roles: ['company_researcher'],
};

const need = {
  id: 'n-1',
  type: 'need',
  author: { id: 'p-tanaka', name_ja: '田中 健二', name_en: 'Kenji Tanaka' },
  organisation_id: 'o-cardio',
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

const seed = {
  id: 's-1',
  type: 'seed',
  author: { id: 'p-shimizu', name_ja: '清水 光', name_en: 'Hikaru Shimizu' },
  organisation_id: 'o-jsr',
  company_id: 'o-jsr',
  kind: 'material',
  title: '低刺激シリコーンゲル粘着材',
  description: '剥離時の角質剥離が少ない',
  capabilities: ['剥離力の評価'],
  area: 'medical_device',
  confidential: true,
  status: 'open',
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

function server(me: object, routes: Record<string, Handler>) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf' }),
    'GET /api/organisations': () => json(200, { items: [] }),
    ...routes,
  });
}

describe('need form', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the problem before posting, then posts the need as open', async () => {
    const calls = server(tanaka, {
      'POST /api/exchange/needs': ({ body }) => json(201, { ...need, ...(body as object), id: 'n-new' }),
      'GET /api/exchange/needs/n-new': () => json(200, { ...need, id: 'n-new', title: 'TRI後の止血' }),
      'GET /api/exchange/needs/n-new/suggestions': () => json(200, { need_id: 'n-new', seeds: [], people: [] }),
    });
    renderApp('/exchange/needs/new');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByLabelText('タイトル(ひとことで)'));
    await user.paste('TRI後の止血');
    await user.click(screen.getByRole('button', { name: '投稿する' }));
    expect(await screen.findByText('投稿するには「現場で困っていること」を書いてください')).toBeInTheDocument();
    expect(calls.calls.some((c) => c.method === 'POST')).toBe(false);
    // Typed text is kept on this device meanwhile.
    expect(window.localStorage.getItem(draftKey('p-tanaka'))).toContain('TRI後の止血');

    await user.click(screen.getByLabelText('現場で困っていること'));
    await user.paste('圧迫4時間で手がしびれる');
    await user.click(screen.getByText('プレシジョン・メディシン'));
    await user.click(screen.getByRole('button', { name: '投稿する' }));
    await screen.findByTestId('detail-title');
    const post = calls.calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({ title: 'TRI後の止血', problem: '圧迫4時間で手がしびれる', status: 'open', area: 'precision_medicine' });
    expect(window.localStorage.getItem(draftKey('p-tanaka'))).toBeNull();
  });

  it('saves a draft with a title alone, and shows a server field error on its field', async () => {
    const calls = server(tanaka, {
      'POST /api/exchange/needs': () => apiError(422, 'invalid', 'title is too long', 'title'),
    });
    renderApp('/exchange/needs/new');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByLabelText('タイトル(ひとことで)'));
    await user.paste('心不全');
    await user.click(screen.getByRole('button', { name: '下書き保存' }));
    expect(await screen.findByText(/title is too long/)).toBeInTheDocument();
    expect(calls.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ title: '心不全', status: 'draft' });
  });

  it('restores what was typed on the last visit', async () => {
    window.localStorage.setItem(draftKey('p-tanaka'), JSON.stringify({ title: '前回のタイトル', problem: '前回の問題' }));
    server(tanaka, {});
    renderApp('/exchange/needs/new');
    expect(await screen.findByTestId('draft-restored')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('タイトル(ひとことで)')).toHaveValue('前回のタイトル'));
    expect(screen.getByLabelText('現場で困っていること')).toHaveValue('前回の問題');
  });
});

describe('seed page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the best needs with score and shared concepts, and no "interested" on an own seed', async () => {
    server(shimizu, {
      'GET /api/exchange/seeds/s-1': () => json(200, seed),
      'GET /api/exchange/seeds/s-1/suggestions': () =>
        json(200, {
          seed_id: 's-1',
          needs: [
            {
              type: 'need',
              id: 'n-1',
              item: need,
              score: 82,
              reasons: [
                { kind: 'concept', label: '褥瘡' },
                { kind: 'word', label: '剥離' },
                { kind: 'area', label: 'medical_device' },
              ],
            },
          ],
          people: [],
        }),
    });
    renderApp('/exchange/seeds/s-1');
    const needs = await screen.findByTestId('suggested-needs');
    expect(await within(needs).findByText('褥瘡の被覆材')).toBeInTheDocument();
    expect(within(needs).getByTestId('score')).toHaveTextContent('一致度 82');
    // What the number means, in plain words, for a clinician who hovers or focuses it.
    expect(within(needs).getByTestId('score').getAttribute('aria-label')).toMatch(/^一致度 82: 一致度（0〜100）は、2つの文章に共通する/);
    const reasons = within(needs).getByTestId('reasons');
    expect(reasons).toHaveTextContent('褥瘡');
    expect(reasons).toHaveTextContent('剥離');
    expect(reasons).toHaveTextContent('医療機器・材料');
    expect(screen.getByTestId('confidential-tag')).toBeInTheDocument();
    expect(screen.queryByTestId('interested')).toBeNull();
  });

  it("asks for an introduction from someone else's seed", async () => {
    const calls = server(tanaka, {
      'GET /api/exchange/seeds/s-1': () => json(200, { ...seed, confidential: false }),
      'GET /api/exchange/seeds/s-1/suggestions': () => json(200, { seed_id: 's-1', needs: [], people: [] }),
      'GET /api/exchange/search': () => json(200, { total: 1, items: [{ type: 'need', id: 'n-1', item: need, score: null, reasons: [] }] }),
      'POST /api/exchange/introductions': ({ body }) => json(201, { id: 'i-1', ...(body as object), status: 'requested', proposed_slots: [] }),
    });
    renderApp('/exchange/seeds/s-1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('interested'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('ひとこと'));
    await user.paste('ぜひ');
    await user.click(within(dialog).getByRole('button', { name: '依頼する' }));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ item_type: 'seed', item_id: 's-1', message: 'ぜひ' });
  });
});

describe('"interested", from the own need a seed was suggested for', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('starts with that need chosen, and once sent the button shows the request', async () => {
    const introductions: object[] = [];
    const otherSeed = { ...seed, confidential: false };
    const calls = server(tanaka, {
      'GET /api/exchange/needs/n-1': () => json(200, need),
      'GET /api/exchange/needs/n-1/suggestions': () =>
        json(200, { need_id: 'n-1', seeds: [{ type: 'seed', id: 's-1', item: otherSeed, score: 60, reasons: [] }], people: [] }),
      'GET /api/exchange/seeds/s-1': () => json(200, otherSeed),
      'GET /api/exchange/seeds/s-1/suggestions': () => json(200, { seed_id: 's-1', needs: [], people: [] }),
      'GET /api/exchange/search': () =>
        json(200, {
          total: 2,
          items: [
            { type: 'need', id: 'n-0', item: { ...need, id: 'n-0', title: '別のニーズ' }, score: null, reasons: [] },
            { type: 'need', id: 'n-1', item: need, score: null, reasons: [] },
          ],
        }),
      'GET /api/exchange/introductions': () => json(200, { items: introductions }),
      'POST /api/exchange/introductions': ({ body }) => {
        const created = {
          id: 'i-1',
          requester_id: 'p-tanaka',
          owner_id: 'p-shimizu',
          ...(body as object),
          status: 'requested',
          proposed_slots: [],
          meeting_slots: [],
        };
        introductions.push(created);
        return json(201, created);
      },
    });
    renderApp('/exchange/needs/n-1');
    const user = userEvent.setup({ delay: null });
    await screen.findByTestId('detail-title', {}, { timeout: 45_000 }); // the first page of a test file renders slowly under load
    await user.click(await screen.findByRole('link', { name: '低刺激シリコーンゲル粘着材' }));
    await user.click(await screen.findByTestId('interested'));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByTestId('interest-via')).toHaveTextContent('褥瘡の被覆材'));
    await user.click(within(dialog).getByRole('button', { name: '依頼する' }));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ item_type: 'seed', item_id: 's-1', via_type: 'need', via_id: 'n-1' });
    const asked = await screen.findByTestId('interest-asked');
    expect(asked).toHaveTextContent('紹介を依頼済み(返事待ち)');
    expect(screen.queryByTestId('interested')).toBeNull();
  });
});

describe('search and highlighted snippets', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the query and filters, and highlights the hits', async () => {
    const calls = server(tanaka, {
      'GET /api/exchange/search': () =>
        json(200, {
          total: 1,
          items: [
            {
              type: 'seed',
              id: 's-1',
              item: seed,
              score: 40,
              reasons: [],
              title_highlight: [{ text: '低刺激シリコーンゲル粘着材', hit: false }],
              snippet: [
                { text: '…', hit: false },
                { text: '剥離', hit: true },
                { text: '時の角質', hit: false },
              ],
            },
          ],
        }),
    });
    renderApp('/exchange?type=seed&area=medical_device');
    const user = userEvent.setup({ delay: null });
    const box = await screen.findByPlaceholderText(/キーワード/);
    await user.type(box, 'pressure ulcer{Enter}');
    await waitFor(() => expect(calls.calls.some((c) => c.url.searchParams.get('q') === 'pressure ulcer')).toBe(true));
    const last = calls.calls.filter((c) => c.url.pathname === '/api/exchange/search').at(-1)!;
    expect(last.url.searchParams.get('type')).toBe('seed');
    expect(last.url.searchParams.get('area')).toBe('medical_device');
    const mark = await screen.findByText('剥離', { selector: 'mark' });
    expect(mark).toBeInTheDocument();
    expect(screen.getByTestId('result-count')).toHaveTextContent('1 件');
  });
});
