import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, type Handler } from '../../test/util';
import { ito, itoRef, makeItem, makeMeeting, office, sato, tally } from './testFixtures';

function server(me: object, meeting: object, extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/committee/meetings/m-1': () => json(200, meeting),
    ...extra,
  });
}

const items = () => screen.findAllByTestId('agenda-item');

describe('committee meeting page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows each recused member with the reason in words, and the quorum from attendance', async () => {
    server(office, makeMeeting({ may_manage: true }));
    renderApp('/committee/meetings/m-1');
    const [first, second] = await items();
    expect(within(first).getByText('第1号議案')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: /アトピー性皮膚炎/ })).toHaveAttribute('href', '/projects/pr-1');
    const recusals = within(first).getAllByTestId('recusal');
    expect(recusals).toHaveLength(3);
    expect(recusals[0]).toHaveTextContent('伊藤 隆 — 相手先企業の所属（JSR株式会社）');
    expect(within(first).getByTestId('item-decision')).toHaveTextContent('未決');
    expect(within(second).getByText('除斥される委員はいません')).toBeInTheDocument();
    expect(screen.getByTestId('quorum-line')).toHaveTextContent('定足数: 4 名以上（出席 4 名・大学 2・企業 2）');
    expect(screen.getByTestId('quorum-state')).toHaveTextContent('成立');
    expect(screen.getByTestId('meeting-time')).toHaveTextContent('2026年12月22日(火) 18:00〜19:30');
    expect(document.body.textContent).not.toContain('partner_employee');
  });

  it('translates every reason: the role on the project, the company of a COI, a declared reason', async () => {
    const recusals = [
      { person: sato, reason: 'project_member', detail: 'pi' },
      { person: itoRef, reason: 'coi_declared', detail: 'JSR株式会社' },
      { person: itoRef, reason: 'declared', detail: '親族が共同研究者のため' },
    ];
    server(office, makeMeeting({}, [makeItem({ recusals, recused: ['p-sato', 'p-ito'] })]));
    renderApp('/committee/meetings/m-1');
    const [item] = await items();
    const rows = within(item).getAllByTestId('recusal');
    expect(rows[0]).toHaveTextContent('佐藤 誠一 — 案件の関係者（研究責任者）');
    expect(rows[1]).toHaveTextContent('伊藤 隆 — 相手先企業との利益相反の申告（JSR株式会社）');
    expect(rows[2]).toHaveTextContent('伊藤 隆 — 本人の申し出: 親族が共同研究者のため');
  });

  it('hides the vote buttons from a recused member and lets them vote on the other item', async () => {
    const recusal = { person: itoRef, reason: 'partner_employee', detail: 'JSR株式会社' };
    const meeting = makeMeeting({ status: 'sent' }, [
      makeItem({ recusals: [recusal], recused: ['p-ito'], may: { vote: false, recuse: false, decide: false } }),
      makeItem({ id: 'i-2', position: 2, title_ja: '術後せん妄モニタ', link: '', may: { vote: true, recuse: true, decide: false } }),
    ]);
    const calls = server(ito, meeting, {
      'POST /api/committee/items/i-2/votes': () => json(200, makeItem({ id: 'i-2', my_vote: 'for' })),
    });
    renderApp('/committee/meetings/m-1');
    const [first, second] = await items();
    expect(within(first).queryByTestId('vote-for')).toBeNull();
    expect(within(first).getByTestId('you-are-recused')).toBeInTheDocument();
    expect(within(second).getByTestId('item-recuse')).toBeInTheDocument();
    // No office tools for a member.
    for (const id of ['meeting-gather', 'meeting-add-item', 'meeting-send', 'meeting-close', 'item-up', 'item-remove', 'item-decide', 'record-votes'])
      expect(screen.queryByTestId(id), id).toBeNull();
    for (const toggle of screen.getAllByTestId('attend-switch')) expect(toggle).toBeDisabled();
    // Everyone may download the minutes.
    expect(screen.getByTestId('meeting-minutes')).toHaveAttribute('href', '/api/committee/meetings/m-1/minutes.docx');

    const user = userEvent.setup({ delay: null });
    await user.click(within(second).getByTestId('vote-for'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.calls.find((c) => c.method === 'POST');
    expect(post?.url.pathname).toBe('/api/committee/items/i-2/votes');
    expect(post?.body).toEqual({ vote: 'for' });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-x');
  });

  it("gives the office the meeting's actions only with may_manage", async () => {
    server(
      office,
      makeMeeting({
        status: 'closed',
        may_manage: false,
        closed_by: { id: 'p-office', name_ja: '中村 由美', name_en: 'Yumi Nakamura' },
        closed_at: '2026-12-22T11:00:00Z',
      }),
    );
    renderApp('/committee/meetings/m-1');
    await items();
    for (const id of ['meeting-gather', 'meeting-add-item', 'meeting-send', 'meeting-close', 'item-up', 'item-remove', 'record-votes'])
      expect(screen.queryByTestId(id), id).toBeNull();
    expect(screen.getByTestId('meeting-minutes')).toBeInTheDocument();
  });

  it('lets the office record attendance, order the agenda, record a vote and see a refused decision', async () => {
    const meeting = makeMeeting({ may_manage: true, status: 'sent' }, [
      makeItem({ recusals: [{ person: itoRef, reason: 'partner_employee', detail: 'JSR株式会社' }], recused: ['p-ito'] }),
      makeItem({ id: 'i-2', position: 2, title_ja: '術後せん妄モニタ', may: { vote: false, recuse: false, decide: true }, tally: tally({ present: 4 }) }),
    ]);
    const calls = server(office, meeting, {
      'PUT /api/committee/meetings/m-1/attendance': () => json(200, meeting),
      'PUT /api/committee/meetings/m-1/order': () => json(200, meeting),
      'POST /api/committee/items/i-2/votes': () => json(200, makeItem({ id: 'i-2' })),
      'POST /api/committee/items/i-2/decision': () =>
        apiError(409, 'conflict', 'no quorum: 3 of 6 members present (university 2, company 1), 4 needed', 'quorum'),
    });
    renderApp('/committee/meetings/m-1');
    const [first, second] = await items();
    expect(screen.getByTestId('meeting-close')).toBeInTheDocument();
    expect(screen.queryByTestId('meeting-send')).toBeNull();
    const user = userEvent.setup({ delay: null });

    // Attendance: 高橋 present.
    const takahashiRow = screen.getAllByTestId('attendance-row').find((row) => row.textContent?.includes('高橋 浩'))!;
    await user.click(within(takahashiRow).getByTestId('attend-switch'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'PUT' && c.url.pathname.endsWith('/attendance'))).toBe(true));
    expect(calls.calls.find((c) => c.url.pathname.endsWith('/attendance'))?.body).toEqual({ person_id: 'p-takahashi', present: true });

    // Order: the second item up sends every id in the new order.
    await user.click(within(second).getByTestId('item-up'));
    await waitFor(() => expect(calls.calls.some((c) => c.url.pathname.endsWith('/order'))).toBe(true));
    expect(calls.calls.find((c) => c.url.pathname.endsWith('/order'))?.body).toEqual({ item_ids: ['i-2', 'i-1'] });

    // The recused member has no vote to record on the first item.
    const recordRows = within(first).getAllByTestId('record-row');
    const itoRow = recordRows.find((row) => row.textContent?.includes('伊藤 隆'))!;
    expect(within(itoRow).queryByTestId('record-for')).toBeNull();
    expect(itoRow).toHaveTextContent('相手先企業の所属');

    // The office records 佐藤's vote on the second item.
    const satoRow = within(second)
      .getAllByTestId('record-row')
      .find((row) => row.textContent?.includes('佐藤 誠一'))!;
    await user.click(within(satoRow).getByText('反対'));
    await waitFor(() => expect(calls.calls.some((c) => c.url.pathname === '/api/committee/items/i-2/votes')).toBe(true));
    expect(calls.calls.find((c) => c.url.pathname === '/api/committee/items/i-2/votes')?.body).toEqual({ vote: 'against', person_id: 'p-sato' });

    // Closing the vote without a quorum: the server's reason shows on the item.
    await user.click(within(second).getByTestId('item-decide'));
    await user.click(await screen.findByTestId('decide-submit'));
    expect(await within(second).findByTestId('item-error')).toHaveTextContent('no quorum: 3 of 6 members present');
  });
});
