import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';

const shimizu = {
  ...tanaka,
  id: 'p-shimizu',
  email: 'shimizu.hikaru@renkei.example',
  name_ja: '清水 光',
  name_kana: 'シミズ ヒカル',
  name_en: 'Hikaru Shimizu',
  roles: ['company_researcher'],
};

const teaser = {
  title_ja: '眼科領域で、注射の回数を減らしたい',
  title_en: 'Fewer injections in ophthalmology',
  body: '慢性の眼疾患で、通院と注射の負担が続いています。',
  area: 'medical_device',
  kind: '治療',
};

const teaserNeed = {
  id: 'n-secret',
  type: 'need',
  disclosure: 'teaser',
  confidential: true,
  company_id: 'o-keio',
  teaser,
  title: teaser.title_ja,
  area: 'medical_device',
  status: 'open',
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  disclosure_request: null,
};

const fullNeed = {
  id: 'n-secret',
  type: 'need',
  disclosure: 'full',
  author: { id: 'p-tanaka', name_ja: '田中 健二', name_en: 'Kenji Tanaka' },
  organisation_id: 'o-cardio',
  company_id: 'o-keio',
  confidential: true,
  teaser,
  title: '硝子体内の徐放インプラント',
  problem: '抗VEGF薬の注射が多い',
  current_practice: '',
  patients: '',
  desired_outcome: '',
  area: 'medical_device',
  tags: [],
  status: 'open',
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

function server(me: object, routes: Parameters<typeof fakeServer>[0]) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf' }),
    'GET /api/organisations': () => json(200, { items: [] }),
    'GET /api/exchange/introductions': () => json(200, { items: [] }),
    'GET /api/exchange/search': () => json(200, { total: 0, items: [] }),
    'GET /api/projects': () => json(200, { items: [] }),
    ...routes,
  });
}

describe('tiered disclosure', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows only the teaser with a lock, and asks the office for an NDA', async () => {
    let asked = false;
    const calls = server(shimizu, {
      'GET /api/exchange/needs/n-secret': () =>
        json(
          200,
          asked
            ? {
                ...teaserNeed,
                disclosure_request: {
                  id: 'r1',
                  item_type: 'need',
                  item_id: 'n-secret',
                  contract_id: 'c-1',
                  link: '/contracts/c-1',
                  created_at: '2026-11-02T00:00:00Z',
                  notified_at: null,
                },
              }
            : teaserNeed,
        ),
      'POST /api/exchange/needs/n-secret/disclosure-request': () => {
        asked = true;
        return json(201, {
          id: 'r1',
          item_type: 'need',
          item_id: 'n-secret',
          contract_id: 'c-1',
          link: '/contracts/c-1',
          created_at: '2026-11-02T00:00:00Z',
          notified_at: null,
        });
      },
    });
    renderApp('/exchange/needs/n-secret');
    expect(await screen.findByTestId('teaser-page')).toBeInTheDocument();
    expect(screen.getByTestId('detail-title')).toHaveTextContent('眼科領域で、注射の回数を減らしたい');
    expect(screen.getByTestId('teaser-body')).toHaveTextContent('通院と注射の負担');
    expect(screen.getByTestId('teaser-tag')).toHaveTextContent('概要のみ公開');
    expect(screen.queryByTestId('suggested-seeds')).not.toBeInTheDocument();
    expect(calls.calls.some((c) => c.url.pathname.endsWith('/suggestions'))).toBe(false);

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('request-details'));
    await user.click(await screen.findByTestId('request-details-ok'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    const link = await screen.findByTestId('details-requested');
    expect(link).toHaveTextContent('NDA 依頼済み');
    expect(link.closest('a')).toHaveAttribute('href', '/contracts/c-1');
  });

  it('shows the English teaser title in English', async () => {
    await i18n.changeLanguage('en');
    server({ ...shimizu, language: 'en' }, { 'GET /api/exchange/needs/n-secret': () => json(200, teaserNeed) });
    renderApp('/exchange/needs/n-secret');
    expect(await screen.findByTestId('detail-title')).toHaveTextContent('Fewer injections in ophthalmology');
    expect(screen.getByTestId('request-details')).toHaveTextContent('See details (request an NDA)');
  });

  it('marks a teaser in search results, without an author', async () => {
    server(shimizu, {
      'GET /api/exchange/search': () =>
        json(200, {
          total: 1,
          items: [
            {
              type: 'need',
              id: 'n-secret',
              item: teaserNeed,
              score: 80,
              reasons: [{ kind: 'word', label: '注射' }],
              title_highlight: [{ text: teaser.title_ja, hit: false }],
              snippet: [{ text: teaser.body, hit: false }],
            },
          ],
        }),
    });
    renderApp('/exchange?q=%E6%B3%A8%E5%B0%84');
    const card = await screen.findByTestId('hit-need-teaser');
    expect(within(card).getByTestId('teaser-tag')).toBeInTheDocument();
    expect(within(card).getByTestId('teaser-hint')).toBeInTheDocument();
    expect(card).not.toHaveTextContent('田中');
  });

  it('lets the author write the teaser and saves it with the confidentiality', async () => {
    const calls = server(tanaka, {
      'GET /api/exchange/needs/n-secret': () => json(200, { ...fullNeed, teaser: null }),
      'GET /api/exchange/needs/n-secret/suggestions': () => json(200, { need_id: 'n-secret', seeds: [], people: [] }),
      'PATCH /api/exchange/needs/n-secret': ({ body }) => json(200, { ...fullNeed, ...(body as object) }),
    });
    renderApp('/exchange/needs/n-secret');
    const editor = await screen.findByTestId('teaser-editor');
    expect(within(editor).getByText('概要がまだないため、この案件は組織外の人には表示されていません。')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(within(editor).getByTestId('teaser-title-ja'));
    await user.paste('眼科の新しい治療');
    await user.click(within(editor).getByTestId('teaser-body-input'));
    await user.paste('概要です。');
    await user.click(within(editor).getByTestId('teaser-save'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({
      confidential: true,
      teaser: { title_ja: '眼科の新しい治療', body: '概要です。' },
    });
  });
});
