import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, screenIsPhone, tanaka, type Handler } from '../../test/util';
import { committee, makeCall, makeProposal, office, ref, reviewerA, reviewerB, summary } from './testFixtures';

function server(me: object, call: object, extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/areas': () => json(200, { items: [] }),
    'GET /api/opencall/calls/c-1': () => json(200, call),
    'GET /api/opencall/calls/c-1/proposals': () =>
      json(200, { items: [summary('pp-1', '在宅心電図パッチ', 3_000_000), summary('pp-2', '嚥下評価センサー', 4_000_000)] }),
    ...extra,
  });
}

const assignment = {
  solved: true,
  stale: true,
  solved_at: '2026-06-01T00:00:00Z',
  total_expertise: 1.42,
  proposals: [
    {
      id: 'pp-1',
      title_ja: '在宅心電図パッチ',
      title_en: '',
      applicant: ref(tanaka),
      reviewers: [
        { person: reviewerA, expertise: 0.81, pinned: false },
        { person: reviewerB, expertise: 0.61, pinned: true },
      ],
      excluded: [{ person: ref(tanaka), reasons: ['applicant_or_team', 'same_department'] }],
    },
  ],
  reviewers: [
    { person: reviewerA, load_cap: 3, load: 1 },
    { person: reviewerB, load_cap: 3, load: 1 },
  ],
  pairs: [{ proposal_id: 'pp-1', person_id: reviewerB.id, rule: 'pin' }],
};

const ranking = {
  normalise: true,
  total_budget_yen: 10_000_000,
  per_project_cap_yen: 5_000_000,
  rows: [
    {
      proposal: summary('pp-1', '在宅心電図パッチ', 3_000_000),
      reviews_done: 2,
      reviews_expected: 2,
      score: 4.5,
      spread: 0.5,
      disagreement: false,
      eligible: true,
      proposed: true,
      sent: false,
      reviews: [{ reviewer: reviewerA, scores: { novelty: 5, impact: 4 }, weighted: 4.5, comment: '有望' }],
    },
    {
      proposal: summary('pp-2', '嚥下評価センサー', 4_000_000),
      reviews_done: 2,
      reviews_expected: 2,
      score: 3.9,
      spread: 2.0,
      disagreement: true,
      eligible: true,
      proposed: true,
      sent: false,
      reviews: [],
    },
    {
      proposal: summary('pp-3', '術後せん妄の予測', 4_500_000),
      reviews_done: 1,
      reviews_expected: 2,
      score: 3.1,
      spread: 0,
      disagreement: false,
      eligible: true,
      proposed: false,
      sent: false,
      reviews: [],
    },
  ],
  proposed: { proposal_ids: ['pp-1', 'pp-2'], total_requested_yen: 7_000_000, total_score: 8.4 },
};

describe('open call page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lets an academic apply: a titled draft, then its page', async () => {
    const calls = server(tanaka, makeCall({ permissions: { apply: true } }), {
      'POST /api/opencall/calls/c-1/proposals': () => json(201, makeProposal({ id: 'pp-9', title_ja: '新しい提案' })),
      'GET /api/opencall/proposals/pp-9': () => json(200, makeProposal({ id: 'pp-9', title_ja: '新しい提案' })),
    });
    renderApp('/opencall/c-1');
    expect(await screen.findByText('2026年度 学内公募')).toBeInTheDocument();
    expect(within(screen.getByTestId('call-steps')).getByText('委員会審議中')).toBeInTheDocument();
    expect(screen.getByTestId('call-deadline')).toHaveTextContent('締切は 2099年5月31日 23:59');
    // No office tools for an academic.
    expect(screen.queryByTestId('assignment')).toBeNull();
    expect(screen.queryByTestId('call-edit')).toBeNull();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('call-apply'));
    await user.type(await screen.findByTestId('apply-title'), '新しい提案');
    await user.click(screen.getByTestId('apply-create'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.calls.find((c) => c.method === 'POST');
    expect(post?.url.pathname).toBe('/api/opencall/calls/c-1/proposals');
    expect(post?.body).toMatchObject({ title_ja: '新しい提案', company_lead_id: null, team: [], budgets: [], links: [] });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-x');
    expect(await screen.findByTestId('proposal-page')).toBeInTheDocument();
  });

  it('shows the office the assignment with readable conflict reasons, pins pairs and lists refusals', async () => {
    const call = makeCall({
      status: 'open',
      accepting: false,
      closes_on: '2026-05-31',
      reviewers: [
        { person: reviewerA, load_cap: 3 },
        { person: reviewerB, load_cap: 3 },
      ],
      permissions: { edit: true, assign: true, start_review: true },
    });
    const calls = server(office, call, {
      'GET /api/opencall/calls/c-1/assignment': () => json(200, assignment),
      'PUT /api/opencall/calls/c-1/pairs': ({ body }) => json(200, { ...assignment, pairs: (body as { pairs: unknown[] }).pairs }),
      'POST /api/opencall/calls/c-1/assignment': () =>
        json(422, {
          error: { code: 'invalid', message: 'no assignment', field: 'assignment' },
          refusals: [
            {
              kind: 'too_few_eligible_reviewers',
              proposal_id: 'pp-1',
              person_id: null,
              needed: 2,
              available: 1,
              message: '利益相反のない審査員が 1 人しかいません',
            },
          ],
        }),
    });
    renderApp('/opencall/c-1');
    const section = await screen.findByTestId('assignment');
    expect(await within(section).findByTestId('assignment-stale')).toBeInTheDocument();
    expect(within(section).getByText('応募者・チーム')).toBeInTheDocument();
    expect(within(section).getByText('同じ所属')).toBeInTheDocument();
    expect(within(section).getByText('専門性 0.81')).toBeInTheDocument();
    expect(screen.getByTestId('call-deadline')).toHaveTextContent('2026年5月31日 に締め切りました');
    expect(screen.getByTestId('call-start-review')).toBeInTheDocument();

    const user = userEvent.setup({ delay: null });
    // Exclude the first assigned reviewer: the whole list of pairs goes to the server.
    const first = within(section).getAllByTestId('assigned-reviewer')[0];
    await user.click(within(first).getByRole('button', { name: '除外' }));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      pairs: [
        { proposal_id: 'pp-1', person_id: reviewerB.id, rule: 'pin' },
        { proposal_id: 'pp-1', person_id: reviewerA.id, rule: 'forbid' },
      ],
    });

    await user.click(within(section).getByTestId('assignment-solve'));
    const refusals = await within(section).findByTestId('assignment-refusals');
    expect(refusals).toHaveTextContent('利益相反のない審査員が不足');
    expect(refusals).toHaveTextContent('利益相反のない審査員が 1 人しかいません');
    expect(refusals).toHaveTextContent('提案: 在宅心電図パッチ');
    expect(refusals).toHaveTextContent('必要 2 / 可能 1');
  });

  it('lets the office change the proposed selection with the total checked live, and send it', async () => {
    const call = makeCall({ status: 'review', accepting: false, closes_on: '2026-05-31', permissions: { assign: true, rank: true, select: true } });
    const calls = server(office, call, {
      'GET /api/opencall/calls/c-1/assignment': () => json(200, { ...assignment, stale: false }),
      'GET /api/opencall/calls/c-1/ranking': () => json(200, ranking),
      'POST /api/opencall/calls/c-1/selection': () => json(200, { ...call, status: 'committee' }),
    });
    renderApp('/opencall/c-1');
    const section = await screen.findByTestId('ranking');
    const pp1 = await within(section).findByTestId('select-pp-1');
    expect(pp1).toBeChecked();
    expect(within(section).getByTestId('select-pp-2')).toBeChecked();
    expect(within(section).getByTestId('select-pp-3')).not.toBeChecked();
    expect(within(section).getByTestId('selection-total')).toHaveTextContent('合計 ￥7,000,000 / 予算 ￥10,000,000');
    expect(within(section).getByText('意見の相違')).toBeInTheDocument();

    const user = userEvent.setup({ delay: null });
    // Adding the third goes over the budget: refused before it is sent.
    await user.click(within(section).getByTestId('select-pp-3'));
    expect(within(section).getByTestId('selection-total')).toHaveTextContent('合計 ￥11,500,000');
    expect(within(section).getByTestId('over-budget')).toBeInTheDocument();
    expect(within(section).getByTestId('selection-send')).toBeDisabled();
    // Dropping the second brings it back within.
    await user.click(within(section).getByTestId('select-pp-2'));
    expect(within(section).queryByTestId('over-budget')).toBeNull();
    await user.type(within(section).getByTestId('selection-note'), '3位を優先');
    await user.click(within(section).getByTestId('selection-send'));
    await user.click(
      await screen
        .findByRole('button', { name: '委員会へ送る' }, { timeout: 5000 })
        .then(() => screen.getAllByRole('button', { name: '委員会へ送る' }).at(-1)!),
    );
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'POST')?.body).toEqual({ proposal_ids: ['pp-1', 'pp-3'], note: '3位を優先' });
  });

  it('lets a committee member read the ranking and return it only with a reason', async () => {
    const sent = { ...ranking, rows: ranking.rows.map((r) => ({ ...r, sent: r.proposed })) };
    const call = makeCall({ status: 'committee', accepting: false, closes_on: '2026-05-31', permissions: { decide: true } });
    const calls = server(committee, call, {
      'GET /api/opencall/calls/c-1/ranking': () => json(200, sent),
      'POST /api/opencall/calls/c-1/decision': () => json(200, { ...call, status: 'review', decision_note: '予算配分を再考' }),
    });
    renderApp('/opencall/c-1');
    const section = await screen.findByTestId('ranking');
    const box = await within(section).findByTestId('select-pp-1');
    expect(box).toBeChecked();
    expect(box).toBeDisabled();
    expect(within(section).queryByTestId('selection-send')).toBeNull();
    expect(screen.queryByTestId('assignment')).toBeNull();

    const user = userEvent.setup({ delay: null });
    await user.click(within(section).getByTestId('decision-return'));
    expect(await within(section).findByTestId('decision-note-error')).toHaveTextContent('差し戻す理由を入力してください');
    expect(calls.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.type(within(section).getByTestId('decision-note'), '予算配分を再考');
    await user.click(within(section).getByTestId('decision-return'));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '差し戻す' }));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'POST')?.body).toEqual({ approve: false, note: '予算配分を再考' });
  });

  it('says a draft call is not found to people other than the office', async () => {
    server(tanaka, makeCall(), { 'GET /api/opencall/calls/c-1': () => apiError(404, 'not_found', 'call not found') });
    renderApp('/opencall/c-1');
    expect(await screen.findByText('学内公募の一覧へ')).toBeInTheDocument();
  });

  it('puts the calls accepting proposals on the home page, with a link to apply', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, csrf_token: 'csrf-x' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/opencall/calls': ({ url }) =>
        json(200, {
          items: url.searchParams.get('status') === 'open' ? [makeCall(), makeCall({ id: 'c-2', title_ja: '未開始の公募', accepting: false })] : [],
        }),
    });
    renderApp('/');
    const card = await screen.findByTestId('home-opencalls');
    expect(within(card).getByRole('link', { name: '2026年度 学内公募' })).toHaveAttribute('href', '/opencall/c-1');
    expect(within(card).queryByText('未開始の公募')).toBeNull();
    expect(within(card).getByRole('button', { name: /応募する/ })).toBeInTheDocument();
  });

  it('leaves the home page without the card when no call is accepting', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, csrf_token: 'csrf-x' }),
      'GET /api/opencall/calls': () => json(200, { items: [] }),
    });
    renderApp('/');
    await screen.findByTestId('home-guide');
    expect(screen.getByTestId('guide-opencall')).toBeInTheDocument();
    expect(screen.queryByTestId('home-opencalls')).toBeNull();
  });

  it('shows calls as cards on a phone', async () => {
    screenIsPhone(true);
    fakeServer({
      'GET /api/me': () => json(200, { ...office, csrf_token: 'csrf-x' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/opencall/calls': () => json(200, { items: [makeCall()] }),
    });
    renderApp('/opencall');
    const cards = await screen.findAllByTestId('call-card');
    expect(cards).toHaveLength(1);
    expect(cards[0]).toHaveTextContent('2026年度 学内公募');
    expect(cards[0]).toHaveTextContent('公募中');
    expect(screen.getByTestId('call-create')).toBeInTheDocument();
  });
});
