import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';

const office = { ...tanaka, id: 'p-office', name_ja: '中村 由美', name_en: 'Yumi Nakamura', roles: ['office'] };
const committeeMember = { ...tanaka, id: 'p-sato', name_ja: '佐藤 誠一', name_en: 'Seiichi Sato', roles: ['committee'] };
const head = { id: 'p-head', name_ja: '小林 直子', name_en: 'Naoko Kobayashi' };

const rule = (id: string, subject_type: string, amount_from: number, amount_to: number | null, steps: object[]) => ({
  id,
  kind: 'contract',
  subject_type,
  amount_from,
  amount_to,
  steps,
  note: '',
  updated_by: null,
  updated_at: '2026-12-01T00:00:00Z',
});
const headStep = { label_ja: '事務局長', label_en: 'Office head', approver: 'person', person: head, role: null };
const committeeStep = { label_ja: '運営委員会', label_en: 'Steering committee', approver: 'committee', person: null, role: null };
const officeStep = { label_ja: '事務局（作成者以外）', label_en: '', approver: 'role', person: null, role: 'office' };
const rules = [
  rule('default', '', 0, null, [officeStep]),
  rule('large', 'joint_research', 20_000_000, null, [headStep, committeeStep]),
  rule('small', 'joint_research', 0, 5_000_000, [headStep]),
];

function server(me: object) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-r' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
    'GET /api/approvals/rules': () => json(200, { items: rules }),
    'GET /api/people': () => json(200, { items: [] }),
    'POST /api/approvals/rules': () => json(201, rules[0]),
  });
}

describe('approval rules page', () => {
  it('lists the bands by type and amount, the chain of each in order', async () => {
    server(office);
    renderApp('/approvals');
    const bands = await screen.findAllByTestId('rule-band');
    expect(bands.map((b) => b.textContent)).toEqual(['500万円未満', '2,000万円以上', '全額']);
    expect(screen.getAllByText('運営委員会').length).toBeGreaterThan(0);
    expect(screen.getByTestId('rule-add')).toBeInTheDocument();
  });

  it('lets the committee read without changing', async () => {
    server(committeeMember);
    renderApp('/approvals');
    await screen.findAllByTestId('rule-band');
    expect(screen.queryByTestId('rule-add')).not.toBeInTheDocument();
  });

  it('refuses a band that overlaps another of the same type before sending it', async () => {
    const s = server(office);
    renderApp('/approvals');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('rule-add'));
    const dialog = await screen.findByRole('dialog');
    // Any type from ¥0 with no upper bound: the seeded default already covers it.
    await user.type(within(dialog).getByTestId('step-label-0'), '事務局長');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText(/金額帯が既存のルート（全額）と重なっています/)).toBeInTheDocument();
    await waitFor(() => expect(s.calls.some((c) => c.method === 'POST')).toBe(false));
  });
});
