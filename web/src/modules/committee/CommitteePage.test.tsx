import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp } from '../../test/util';
import { ito, itoRef, makeMeeting, office, sato } from './testFixtures';

const members = [
  {
    person: sato,
    side: 'university',
    term_from: '2025-04-01',
    term_to: '2027-03-31',
    organisation_ja: '医学部',
    organisation_en: 'School of Medicine',
    in_term: true,
  },
  {
    person: itoRef,
    side: 'company',
    term_from: '2025-04-01',
    term_to: null,
    organisation_ja: 'JSR株式会社',
    organisation_en: 'JSR Corporation',
    in_term: true,
  },
];

function server(me: object) {
  const { agenda: _agenda, items: _items, attendance: _attendance, rules: _rules, may_manage: _may, ...summary } = makeMeeting();
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/committee/meetings': () => json(200, { items: [summary] }),
    'GET /api/committee/members': () => json(200, { items: members }),
    'GET /api/committee/rules': () => json(200, { quorum: 'majority', each_side: true, pass: 'majority_of_votes' }),
    'GET /api/committee/written': () => json(200, { items: [] }),
    'PUT /api/committee/members/p-ito': ({ body }) => json(200, { ...members[1], ...(body as object) }),
  });
}

describe('committee page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists meetings with their kind, status and open items', async () => {
    server(ito);
    renderApp('/committee');
    const list = await screen.findByTestId('meeting-list');
    expect(await within(list).findByText('第12月 運営委員会（定例）')).toBeInTheDocument();
    expect(within(list).getByText('定例')).toBeInTheDocument();
    expect(within(list).getByText('予定')).toBeInTheDocument();
    expect(within(list).getByTestId('meeting-open-items')).toHaveTextContent('2 / 2');
    // A member does not create meetings.
    expect(screen.queryByTestId('meeting-create')).toBeNull();
  });

  it('explains each voting rule in a line', async () => {
    server(ito);
    renderApp('/committee?tab=rules');
    expect(await screen.findByTestId('rules-quorum')).toHaveTextContent('委員の過半数');
    expect(screen.getByText('任期中の委員の過半数が出席すれば会議が成立します。')).toBeInTheDocument();
    expect(screen.getByTestId('rules-each-side')).toHaveTextContent('必要');
    expect(screen.getByText('賛成票が反対票を上回れば可決します（棄権は数えません）。')).toBeInTheDocument();
    expect(screen.queryByTestId('rules-edit')).toBeNull();
  });

  it("lets the office change a member's side and term", async () => {
    const calls = server(office);
    renderApp('/committee?tab=members');
    const list = await screen.findByTestId('member-list');
    expect(await within(list).findByText('伊藤 隆')).toBeInTheDocument();
    expect(within(list).getByText('企業')).toBeInTheDocument();
    expect(screen.getByTestId('members-summary')).toHaveTextContent('任期中 2 名（大学 1・企業 1）');
    const user = userEvent.setup({ delay: null });
    const row = within(list).getByText('伊藤 隆').closest('tr')!;
    await user.click(within(row as HTMLElement).getByTestId('member-edit'));
    await user.click(await screen.findByTestId('member-form-submit'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.calls.find((c) => c.method === 'PUT')?.body).toEqual({ side: 'company', term_from: '2025-04-01', term_to: '' });
  });
});
