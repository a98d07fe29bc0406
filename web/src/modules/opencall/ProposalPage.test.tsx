import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, tanaka, type Handler } from '../../test/util';
import { makeCall, makeProposal, reviewerA, shimizu } from './testFixtures';

function server(me: object, proposal: object, extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/people': () => json(200, { items: [shimizu] }),
    'GET /api/exchange/search': () => json(200, { items: [], total: 0 }),
    'GET /api/opencall/proposals/pp-1': () => json(200, proposal),
    'GET /api/opencall/calls/c-1': () => json(200, makeCall()),
    ...extra,
  });
}

describe('open call proposal page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lets the applicant save a draft and submit it, with the deadline in view', async () => {
    const proposal = makeProposal();
    const calls = server(tanaka, proposal, {
      'PUT /api/opencall/proposals/pp-1': ({ body }) => json(200, { ...proposal, ...(body as object) }),
      'POST /api/opencall/proposals/pp-1/submit': () => json(200, { ...proposal, status: 'submitted', submitted_at: '2026-05-01T00:00:00Z' }),
    });
    renderApp('/opencall/proposals/pp-1');
    expect(await screen.findByTestId('proposal-deadline')).toHaveTextContent('2099年5月31日 23:59');
    expect(screen.queryByTestId('deadline-passed')).toBeNull();
    expect(screen.getByText('連携企業: JSR株式会社')).toBeInTheDocument();
    // The total against the call's cap per project.
    await waitFor(() => expect(screen.getByTestId('budget-total')).toHaveTextContent('合計 ￥3,000,000 / 上限 ￥5,000,000'));

    const user = userEvent.setup({ delay: null });
    const title = screen.getByTestId('proposal-title');
    await user.clear(title);
    await user.type(title, '在宅心電図パッチの臨床評価');
    await user.click(screen.getByTestId('proposal-save'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      title_ja: '在宅心電図パッチの臨床評価',
      title_en: '',
      aims: '在宅で心房細動を検出する',
      company_lead_id: shimizu.id,
      team: [],
      budgets: [{ fiscal_year: 2026, amount_yen: 3_000_000 }],
      links: [],
    });

    await user.click(screen.getByTestId('proposal-submit'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    const writes = calls.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.url.pathname}`);
    expect(writes.slice(-2)).toEqual(['PUT /api/opencall/proposals/pp-1', 'POST /api/opencall/proposals/pp-1/submit']);
  });

  it('shows a refused submission on its field', async () => {
    const proposal = makeProposal({ aims: '' });
    server(tanaka, proposal, {
      'PUT /api/opencall/proposals/pp-1': () => json(200, proposal),
      'POST /api/opencall/proposals/pp-1/submit': () => apiError(422, 'invalid', 'aims are required', 'aims'),
    });
    renderApp('/opencall/proposals/pp-1');
    await userEvent.setup({ delay: null }).click(await screen.findByTestId('proposal-submit'));
    expect(await screen.findByText('入力内容が正しくありません（aims are required）')).toBeInTheDocument();
  });

  it('names the deadline when the server refuses a late change', async () => {
    const proposal = makeProposal();
    server(tanaka, proposal, {
      'PUT /api/opencall/proposals/pp-1': () => apiError(409, 'conflict', 'the call closed on 2026-05-31', 'closes_on'),
    });
    renderApp('/opencall/proposals/pp-1');
    await userEvent.setup({ delay: null }).click(await screen.findByTestId('proposal-save'));
    expect(await screen.findByText('締切を過ぎたため受け付けられませんでした（the call closed on 2026-05-31）')).toBeInTheDocument();
  });

  it('says clearly when the deadline has passed, and offers no editing', async () => {
    const proposal = makeProposal({
      call: { id: 'c-1', title_ja: '2026年度 学内公募', title_en: '', status: 'open', closes_on: '2026-01-31', accepting: false },
      permissions: { edit: false, submit: false, withdraw: false, review: false },
    });
    server(tanaka, proposal);
    renderApp('/opencall/proposals/pp-1');
    const alert = await screen.findByTestId('deadline-passed');
    expect(alert).toHaveTextContent('締切（2026年1月31日）を過ぎました');
    expect(alert).toHaveTextContent('この下書きはもう提出できません');
    expect(screen.queryByTestId('proposal-form')).toBeNull();
    expect(screen.getByTestId('proposal-details')).toHaveTextContent('在宅で心房細動を検出する');
    expect(screen.queryByTestId('attachment-choose')).toBeNull();
  });

  it('lets an assigned reviewer score every criterion from the inbox link', async () => {
    const proposal = makeProposal({
      status: 'submitted',
      call: { id: 'c-1', title_ja: '2026年度 学内公募', title_en: '', status: 'review', closes_on: '2026-01-31', accepting: false },
      permissions: { edit: false, submit: false, withdraw: false, review: true },
      attachments: [{ id: 'a-1', filename: '計画書.pdf', content_type: 'application/pdf', size_bytes: 2048, uploaded_at: '2026-01-20T00:00:00Z' }],
    });
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    let review = {
      criteria: [
        { code: 'novelty', label_ja: '新規性', label_en: 'Novelty', weight: 50 },
        { code: 'impact', label_ja: '社会実装', label_en: 'Impact', weight: 50 },
      ],
      scores: {},
      comment: '',
      submitted_at: null as string | null,
    };
    const calls = server({ ...tanaka, ...reviewerA, roles: ['researcher'] }, proposal, {
      'GET /api/opencall/proposals/pp-1/review': () => json(200, review),
      'PUT /api/opencall/proposals/pp-1/review': ({ body }) => {
        review = { ...review, ...(body as object), submitted_at: '2026-06-02T00:00:00Z' };
        return json(200, review);
      },
    });
    renderApp('/opencall/proposals/pp-1?review=1');
    const card = await screen.findByTestId('review-card');
    await within(card).findByText('新規性（重み 50）');
    await waitFor(() => expect(scrolled).toHaveBeenCalled());
    // The deadline is the applicant's concern, not the reviewer's.
    expect(screen.queryByTestId('deadline-passed')).toBeNull();
    expect(screen.getByTestId('attachment-link')).toHaveAttribute('href', '/api/opencall/proposals/pp-1/attachments/a-1/content');

    const user = userEvent.setup({ delay: null });
    await user.click(within(card).getByTestId('review-submit'));
    expect(await within(card).findAllByText('1〜5 で評価してください')).toHaveLength(2);
    expect(calls.calls.some((c) => c.method === 'PUT')).toBe(false);

    fireEvent.click(within(within(card).getByTestId('score-novelty')).getByText('5'));
    fireEvent.click(within(within(card).getByTestId('score-impact')).getByText('3'));
    await user.type(within(card).getByTestId('review-comment'), '臨床的意義が大きい');
    await waitFor(() => expect(within(card).getByTestId('review-weighted')).toHaveTextContent('加重平均点: 4.00'));
    await user.click(within(card).getByTestId('review-submit'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'PUT')?.body).toEqual({ scores: { novelty: 5, impact: 3 }, comment: '臨床的意義が大きい' });
    expect(await within(card).findByText(/に評価を送りました/)).toBeInTheDocument();
  });
});
