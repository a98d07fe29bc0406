import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, screenIsPhone, tanaka } from '../../test/util';
import contractsJa from './ja.json';

const head = { id: 'p-head', name_ja: '小林 直子', name_en: 'Naoko Kobayashi' };
const director = { id: 'p-dir', name_ja: '高橋 浩', name_en: 'Hiroshi Takahashi' };
/** A ¥30M chain: the office head approved; the centre director's step is `second`. */
const chain = (second: 'current' | 'returned', mayAct = false) => ({
  id: 'ch-1',
  subject_kind: 'contract',
  subject_id: 'c-1',
  subject_type: 'joint_research',
  amount_yen: 30000000,
  title_ja: '共同研究契約「心電図」',
  title_en: '',
  link: '/contracts/c-1',
  status: second === 'current' ? 'in_progress' : 'returned',
  started_by: null,
  started_at: '2026-11-20T00:00:00Z',
  ended_at: null,
  days: 3,
  current_step_id: second === 'current' ? 's-2' : null,
  steps: [
    {
      id: 's-1',
      position: 1,
      label_ja: '事務局長',
      label_en: 'Office head',
      approver: 'person',
      person: head,
      role: null,
      status: 'approved',
      started_at: '2026-11-20T00:00:00Z',
      decided_at: '2026-11-21T00:00:00Z',
      decided_by: head,
      comment: '知財条項を確認しました',
      days: 1,
      may_act: false,
    },
    {
      id: 's-2',
      position: 2,
      label_ja: 'センター長',
      label_en: 'Centre director',
      approver: 'person',
      person: director,
      role: null,
      status: second,
      started_at: '2026-11-21T00:00:00Z',
      decided_at: null,
      decided_by: null,
      comment: '',
      days: 2,
      may_act: mayAct,
    },
    {
      id: 's-3',
      position: 3,
      label_ja: '運営委員会',
      label_en: 'Steering committee',
      approver: 'committee',
      person: null,
      role: null,
      status: second === 'current' ? 'waiting' : 'cancelled',
      started_at: null,
      decided_at: null,
      decided_by: null,
      comment: '',
      days: null,
      may_act: false,
    },
  ],
});

const office = { ...tanaka, id: 'p-office', name_ja: '中村 由美', name_en: 'Yumi Nakamura', roles: ['office'] };

const party = (id: string, name: string, role: string) => ({
  organisation_id: id,
  name_ja: name,
  name_en: name,
  organisation_kind: role === 'company' ? 'company' : 'university',
  role,
  signatory: null,
  signatory_name: '',
  signatory_title: '',
});

const summary = {
  id: 'c-1',
  type: 'nda',
  title: '心電図パッチに関する秘密保持契約',
  status: 'negotiating',
  status_since: '2026-11-01T00:00:00Z',
  days_in_status: 40,
  waiting_long: true,
  waiting_on: 'company',
  project_id: null,
  parties: [party('o-1', '慶應義塾大学', 'university'), party('o-2', 'JSR株式会社', 'company')],
  starts_on: '2026-04-01',
  ends_on: '2028-03-31',
  amount_yen: null,
  updated_at: '2026-11-01T00:00:00Z',
};

const contract = {
  ...summary,
  terms: {
    ip_share_university: null,
    ip_share_company: null,
    publication_review_days: null,
    confidentiality_years: 3,
    indirect_cost_rate: null,
    amount_yen: null,
    payment_schedule: '',
    starts_on: '2026-04-01',
    ends_on: '2028-03-31',
    renewal: 'none',
    purpose: '共同検討',
  },
  notes: '',
  signed_on: null,
  approved_by: null,
  created_by: null,
  project: null,
  covered: [],
  covered_effective: [],
  history: [{ from_status: null, to_status: 'draft', at: '2026-10-01T00:00:00Z', by: null, note: '', days: 3 }],
  rounds: [
    {
      id: 'r-1',
      round_no: 1,
      sent_by: 'us',
      sent_on: '2026-10-20',
      clauses: ['第3条（秘密情報の範囲）'],
      summary: '範囲を限定',
      waiting_on: 'company',
      recorded_by: null,
      recorded_at: '2026-10-20T00:00:00Z',
    },
  ],
  next_statuses: ['internal_review', 'terminated'],
  may_start_approval: true,
  approvals: [],
  approval: null,
  may_edit: true,
};

describe('contracts', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists contracts with their parties, status and an overdue mark', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...office, csrf_token: 'csrf-1' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
      'GET /api/contracts': () => json(200, { items: [summary], total: 1 }),
    });
    renderApp('/contracts');
    const link = await screen.findByTestId('contract-link');
    expect(link).toHaveTextContent('心電図パッチに関する秘密保持契約');
    const row = link.closest('tr')!;
    expect(within(row as HTMLElement).getByText('慶應義塾大学・JSR株式会社')).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText('交渉中')).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText('滞留')).toBeInTheDocument();
    // Whose turn it is, in the office's own words (no 「ボール」 jargon), explained on the header.
    expect(within(row as HTMLElement).getByText('企業')).toBeInTheDocument();
    const header = screen.getAllByTestId('waiting-on-header')[0];
    expect(header).toHaveTextContent('対応待ち');
    expect(header.getAttribute('aria-label')).toContain('次に返答・対応する側');
    expect(document.body.textContent).not.toContain('ボール');
    expect(JSON.stringify(contractsJa)).not.toContain('ボール');
    // CSV and Excel of what the list shows, in the UI's language.
    expect(screen.getByTestId('contracts-csv')).toHaveAttribute('href', '/api/contracts/export.csv?lang=ja');
    expect(screen.getByTestId('contracts-xlsx')).toHaveAttribute('href', '/api/contracts/export.xlsx?lang=ja');
    expect(screen.getByTestId('contracts-xlsx')).toHaveAttribute('download');
  });

  it('leaves an unknown amount out of the contract card on a phone', async () => {
    screenIsPhone(true);
    fakeServer({
      'GET /api/me': () => json(200, { ...office, csrf_token: 'csrf-1' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
      'GET /api/contracts': () => json(200, { items: [summary, { ...summary, id: 'c-2', amount_yen: 3000000 }], total: 2 }),
    });
    renderApp('/contracts');
    const cards = await screen.findAllByTestId('contract-card');
    expect(cards).toHaveLength(2);
    expect(cards[0]).not.toHaveTextContent('金額');
    expect(cards[1]).toHaveTextContent('金額3,000,000 円');
  });

  it('fills 甲 and 乙 from the chosen project, offering each side only its own kind of organisation', async () => {
    const organisations = [
      { id: 'o-keio', parent_id: null, kind: 'university', name_ja: '慶應義塾大学', name_en: 'Keio University', active: true },
      { id: 'o-med', parent_id: 'o-keio', kind: 'faculty', name_ja: '医学部', name_en: 'School of Medicine', active: true },
      { id: 'o-cardio', parent_id: 'o-med', kind: 'department', name_ja: '循環器内科学教室', name_en: 'Cardiology', active: true },
      { id: 'o-jsr', parent_id: null, kind: 'company', name_ja: 'JSR株式会社', name_en: 'JSR Corporation', active: true },
      { id: 'o-jsr-ls', parent_id: 'o-jsr', kind: 'division', name_ja: 'ライフサイエンス事業部', name_en: 'Life Sciences', active: true },
    ];
    const project = {
      id: 'pr-1',
      kind: 'joint',
      area_code: null,
      title_ja: '心電図パッチ',
      title_en: 'ECG patch',
      public_summary: '',
      status: 'active',
      stage: 'feasibility',
      stage_since: '2026-01-01T00:00:00Z',
      access: 'full',
      pi: { id: 'p-tanaka', name_ja: '田中 健二', name_en: 'Kenji Tanaka' },
      company_lead: null,
      members: [{ person: { id: 'p-tanaka', name_ja: '田中 健二', name_en: 'Kenji Tanaka' }, role: 'pi', organisation_id: 'o-cardio' }],
      organisations: [{ organisation_id: 'o-jsr-ls', role: 'sponsor', name_ja: 'ライフサイエンス事業部', name_en: 'Life Sciences' }],
    };
    const server = fakeServer({
      'GET /api/me': () => json(200, { ...office, csrf_token: 'csrf-1' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
      'GET /api/contracts': () => json(200, { items: [], total: 0 }),
      'GET /api/organisations': () => json(200, { items: organisations }),
      'GET /api/projects': () => json(200, { items: [project] }),
      'GET /api/projects/pr-1': () => json(200, project),
      'POST /api/contracts': () => json(201, { id: 'c-new' }),
      'GET /api/contracts/c-new': () => apiError(404, 'not_found', 'x'),
    });
    renderApp('/contracts');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('contract-new'));
    const dialog = within(await screen.findByRole('dialog'));
    await user.type(dialog.getByTestId('new-title'), '心電図パッチの共同研究契約');
    // 乙 offers companies and their divisions only, named after the company above them.
    await user.click(within(dialog.getByTestId('new-party-b')).getByRole('combobox'));
    expect(await screen.findByRole('option', { name: 'JSR株式会社 ライフサイエンス事業部' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: '慶應義塾大学' })).not.toBeInTheDocument();
    await user.click(dialog.getByTestId('new-title')); // closes the list (Escape would close the dialog)
    // Choosing the project fills both sides: the PI's university and the sponsor's company.
    await user.click(within(dialog.getByTestId('new-project')).getByRole('combobox'));
    // (The visible item, not the hidden accessibility option, takes the click.)
    await user.click(await screen.findByTitle('心電図パッチ'));
    await waitFor(() => expect(server.calls.map((c) => c.url.pathname)).toContain('/api/projects/pr-1'));
    await waitFor(() => expect(dialog.getByTestId('new-party-a')).toHaveTextContent('慶應義塾大学'));
    expect(dialog.getByTestId('new-party-b')).toHaveTextContent('JSR株式会社');
    await user.click(dialog.getByTestId('new-submit'));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/contracts')).toBe(true));
    const sent = server.calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/contracts')!.body as {
      parties: { organisation_id: string }[];
      project_id: string;
    };
    expect(sent.project_id).toBe('pr-1');
    expect(sent.parties.map((p) => p.organisation_id)).toEqual(['o-keio', 'o-jsr']);
  });

  it('starts the approval chain (稟議) from the contract page, with the CSRF token', async () => {
    const server = fakeServer({
      'GET /api/me': () => json(200, { ...office, csrf_token: 'csrf-1' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
      'GET /api/contracts/c-1': () => json(200, contract),
      'POST /api/contracts/c-1/approval': () => json(201, chain('current')),
    });
    renderApp('/contracts/c-1');
    await screen.findByTestId('contract-title');
    expect(screen.queryByTestId('move-approved')).not.toBeInTheDocument();
    await userEvent.setup({ delay: null }).click(screen.getByTestId('approval-start'));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = server.calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/contracts/c-1/approval');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('shows the chain as a timeline and lets the current approver approve or send back with a comment', async () => {
    const withChain = { ...contract, may_start_approval: false, approvals: [chain('current', true)], approval: chain('current', true) };
    const server = fakeServer({
      'GET /api/me': () => json(200, { ...office, csrf_token: 'csrf-1' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
      'GET /api/contracts/c-1': () => json(200, withChain),
      'POST /api/approvals/steps/s-2/decision': () => json(200, chain('returned')),
    });
    renderApp('/contracts/c-1');
    await screen.findByTestId('approval-panel');
    expect(screen.getByTestId('approval-step-1')).toHaveTextContent('事務局長');
    expect(screen.getByText('「知財条項を確認しました」')).toBeInTheDocument();
    expect(screen.getByText('運営委員会（会議で決議）')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    expect(screen.getByTestId('approval-return')).toBeDisabled();
    await user.type(screen.getByTestId('approval-comment-input'), '金額を確認してください');
    await user.click(screen.getByTestId('approval-return'));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = server.calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/approvals/steps/s-2/decision');
    expect(post.body).toEqual({ decision: 'return', comment: '金額を確認してください' });
  });

  it('edits the parties until signed and sends them as a list', async () => {
    const server = fakeServer({
      'GET /api/me': () => json(200, { ...office, csrf_token: 'csrf-1' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
      'GET /api/people': () => json(200, { items: [] }),
      'GET /api/organisations': () =>
        json(200, {
          items: [
            { id: 'o-1', parent_id: null, kind: 'university', name_ja: '慶應義塾大学', name_en: 'Keio University', active: true },
            { id: 'o-2', parent_id: null, kind: 'company', name_ja: 'JSR株式会社', name_en: 'JSR Corporation', active: true },
          ],
        }),
      'GET /api/contracts/c-1': () => json(200, contract),
      'PATCH /api/contracts/c-1': () => json(200, contract),
    });
    renderApp('/contracts/c-1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('parties-edit'));
    const dialog = await screen.findByRole('dialog');
    const names = within(dialog).getAllByLabelText('署名者');
    await user.type(names[1], '川橋 信夫');
    await user.click(within(dialog).getByRole('button', { name: '当事者を保存' }));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = server.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({
      parties: [
        { organisation_id: 'o-1', signatory_title: '', signatory_name: '' },
        { organisation_id: 'o-2', signatory_title: '', signatory_name: '川橋 信夫' },
      ],
    });
  });
});
