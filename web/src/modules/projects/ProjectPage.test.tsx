import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, tanaka, type Handler } from '../../test/util';
import { tabFromPath } from './ProjectPage';
import { toNewProject } from './ProposeProjectModal';
import { mayAcknowledge } from './ReportsPanel';

const shimizu = {
  ...tanaka,
  id: 'p-shimizu',
  email: 'shimizu.hikaru@renkei.example',
  name_ja: '清水 光',
  name_kana: 'シミズ ヒカル',
  name_en: 'Hikaru Shimizu',
  roles: ['company_researcher'],
};
const ref = (p: typeof tanaka) => ({ id: p.id, name_ja: p.name_ja, name_en: p.name_en });

const summary = {
  id: 'pr-1',
  kind: 'joint',
  area_code: null,
  title_ja: 'ウェアラブル心電図パッチ',
  title_en: 'Wearable ECG patch',
  public_summary: '貼るだけの心電計で不整脈を見つける共同研究',
  status: 'active',
  stage: 'exploration',
  stage_since: '2026-11-01T00:00:00Z',
  access: 'summary',
  pi: ref(tanaka),
  company_lead: ref(shimizu),
};

const full = {
  ...summary,
  access: 'full',
  aims: '在宅で心房細動を検出する',
  report_period: 'monthly',
  created_at: '2026-10-01T00:00:00Z',
  active_since: '2026-11-01T00:00:00Z',
  proposed_by: ref(shimizu),
  decided_by: ref(tanaka),
  decided_at: '2026-11-01T00:00:00Z',
  decision_reason: '',
  members: [
    { person: ref(tanaka), role: 'pi', organisation_id: null },
    { person: ref(shimizu), role: 'company_lead', organisation_id: null },
  ],
  organisations: [],
  budgets: [{ fiscal_year: 2026, amount_yen: 3000000 }],
  links: [],
  history: [
    { id: 'h1', from_stage: null, to_stage: 'exploration', at: '2026-11-01T00:00:00Z', requested_by: ref(shimizu), approved_by: ref(tanaka), note: '' },
  ],
  pending_request: null,
  confirmations: [],
  product: null,
  last_report_on: null,
  next_report_due: '2026-12-01',
  report_overdue: false,
  permissions: {
    edit: true,
    decide: false,
    request_stage: true,
    approve_stage: false,
    report: true,
    acknowledge: true,
    upload: true,
    confirm: false,
    member: true,
  },
};

function server(me: object, project: object, extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/areas': () => json(200, { items: [] }),
    'GET /api/projects/pr-1': () => json(200, project),
    'GET /api/projects/pr-1/gate': () =>
      json(200, {
        to_stage: 'feasibility',
        approver: 'pi',
        passes: true,
        items: [
          { code: 'pi_and_lead', module: 'projects', label_ja: '研究責任者と企業側責任者', label_en: 'PI and lead', satisfied: true, how: '', automatic: true },
        ],
      }),
    'GET /api/projects/pr-1/milestones': () =>
      json(200, {
        items: [
          { id: 'm1', title: '試作機完成', owner: ref(shimizu), due_on: '2026-01-10', done: false, done_at: null, overdue: true },
          { id: 'm2', title: '倫理審査申請', owner: ref(tanaka), due_on: '2099-01-10', done: false, done_at: null, overdue: false },
        ],
      }),
    'GET /api/projects/pr-1/reports': () => json(200, { items: [] }),
    'GET /api/projects/pr-1/documents': () => json(200, { items: [] }),
    ...extra,
  });
}

describe('project page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows a non-member only the public summary', async () => {
    server({ ...tanaka, id: 'p-other' }, summary);
    renderApp('/projects/pr-1');
    expect(await screen.findByText('メンバー以外の方には公開用概要のみ表示されます')).toBeInTheDocument();
    expect(screen.getByText('貼るだけの心電計で不整脈を見つける共同研究')).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: '進捗報告' })).toBeNull();
  });

  it('lets the company lead request the move to the next stage through its gate', async () => {
    const calls = server(shimizu, full, {
      'POST /api/projects/pr-1/stage-requests': () => json(201, { id: 'sr-1', to_stage: 'feasibility', state: 'pending' }),
    });
    renderApp('/projects/pr-1/stages');
    const button = await screen.findByTestId('stage-request');
    expect(within(screen.getByTestId('stage-timeline')).getByText(/承認: 田中 健二/)).toBeInTheDocument();
    await userEvent.setup({ delay: null }).click(button);
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.calls.find((c) => c.method === 'POST');
    expect(post?.url.pathname).toBe('/api/projects/pr-1/stage-requests');
    expect(post?.body).toEqual({ to_stage: 'feasibility', note: '' });
    expect(await screen.findByText('移行を申請しました。承認者の受信箱に届きます')).toBeInTheDocument();
  });

  it('sends the office to the COI tab for missing declarations instead of offering a hand confirmation', async () => {
    const office = { ...tanaka, id: 'p-office', roles: ['office'] };
    server(
      office,
      { ...full, permissions: { ...full.permissions, confirm: true } },
      {
        'GET /api/projects/pr-1/gate': () =>
          json(200, {
            to_stage: 'feasibility',
            approver: 'pi',
            passes: false,
            items: [
              {
                code: 'coi_declared',
                module: 'coi',
                label_ja: '利益相反の今年度の自己申告が全メンバー分そろっている',
                label_en: 'declared',
                satisfied: false,
                how: '',
                automatic: true,
              },
              {
                code: 'regulatory_consultation',
                module: 'office',
                label_ja: '規制当局への相談',
                label_en: 'consulted',
                satisfied: false,
                how: '',
                automatic: false,
              },
              { code: 'ip_reviewed', module: 'ip', label_ja: '知財の確認', label_en: 'IP reviewed', satisfied: true, how: 'confirmed', automatic: false },
            ],
          }),
      },
    );
    renderApp('/projects/pr-1/stages');
    const link = await screen.findByTestId('gate-coi-link');
    expect(link).toHaveAttribute('href', '/projects/pr-1/coi');
    // Only the requirement the office may confirm by hand has the button.
    expect(screen.getAllByRole('button', { name: '事務局で確認' })).toHaveLength(1);
    // How a met requirement was met, in words (on hover and for screen readers).
    expect(screen.getByTestId('gate-how')).toHaveAttribute('aria-label', '事務局が確認');
  });

  it('makes overdue milestones stand out', async () => {
    server(shimizu, full);
    renderApp('/projects/pr-1/milestones');
    const title = await screen.findByText('試作機完成');
    const row = title.closest('tr')!;
    expect(row.className).toContain('row-overdue');
    expect(within(row).getByText(/日超過/)).toBeInTheDocument();
    expect(screen.getByText('倫理審査申請').closest('tr')!.className).not.toContain('row-overdue');
  });

  it('puts a server error on the report field it names', async () => {
    server(shimizu, full, {
      'POST /api/projects/pr-1/reports': () => apiError(422, 'invalid', 'done is too long', 'done'),
    });
    renderApp('/projects/pr-1/report');
    const done = await screen.findByTestId('report-done');
    const user = userEvent.setup({ delay: null });
    await user.type(done, '試作機を作った');
    await user.click(screen.getByTestId('report-submit'));
    expect(await screen.findByText(/done is too long/)).toBeInTheDocument();
    expect(screen.getByText('報告はまだありません', { selector: '.ant-empty-description' })).toBeInTheDocument();
  });
});

describe('project helpers', () => {
  it('opens the reports tab from inbox links', () => {
    expect(tabFromPath('/projects/abc/report')).toBe('reports');
    expect(tabFromPath('/projects/abc/reports')).toBe('reports');
    expect(tabFromPath('/projects/abc')).toBe('overview');
    expect(tabFromPath('/projects/abc/stages')).toBe('stages');
    expect(tabFromPath('/projects/abc/bogus')).toBe('overview');
  });

  it('lets the PI and the company lead acknowledge once, never their own report', () => {
    const project = { pi: ref(tanaka), company_lead: ref(shimizu) };
    const report = { id: 'r', author: ref(shimizu), report_on: '2026-11-25', done: 'x', next: '', risks: '', help: '', submitted_at: '', acknowledgements: [] };
    expect(mayAcknowledge(report, tanaka, project)).toBe(true);
    expect(mayAcknowledge(report, shimizu, project)).toBe(false);
    expect(mayAcknowledge(report, { id: 'p-other' }, project)).toBe(false);
    const acked = { ...report, acknowledgements: [{ person: ref(tanaka), role: 'pi', at: '' }] };
    expect(mayAcknowledge(acked, tanaka, project)).toBe(false);
  });

  it('turns the proposal form into the request body, dropping blank rows', () => {
    const body = toNewProject({
      kind: 'joint',
      area_code: undefined,
      title_ja: ' 課題 ',
      report_period: 'monthly',
      pi_id: 'p-tanaka',
      company_lead_id: 'p-shimizu',
      members: [{ person_id: 'p-3' }, {}],
      organisations: [{ organisation_id: 'o-1', role: 'partner' }, {}],
      budgets: [{ fiscal_year: 2026, amount_yen: 1000 }, { fiscal_year: 2027 }],
    });
    expect(body).toEqual({
      kind: 'joint',
      area_code: null,
      title_ja: '課題',
      title_en: '',
      aims: '',
      public_summary: '',
      report_period: 'monthly',
      pi_id: 'p-tanaka',
      company_lead_id: 'p-shimizu',
      members: [{ person_id: 'p-3', role: 'researcher' }],
      organisations: [{ organisation_id: 'o-1', role: 'partner' }],
      budgets: [{ fiscal_year: 2026, amount_yen: 1000 }],
      links: [],
    });
  });

  it("finds the members' common free times, books the chosen slot, and asks for the owner of a task before sending", async () => {
    const meeting = {
      id: 'mt-1',
      project_id: 'pr-1',
      title: '進捗レビュー会議',
      start: '2026-12-01T01:00:00Z',
      end: '2026-12-01T02:00:00Z',
      space_id: 'sp-1',
      space_name_ja: '会議室1',
      space_name_en: 'Room 1',
      booking_id: 'b-1',
      status: 'planned',
      minutes: '',
      attendees: [ref(tanaka), ref(shimizu)],
      created_by: ref(tanaka),
      created_at: '2026-11-25T00:00:00Z',
      updated_at: '2026-11-25T00:00:00Z',
      decisions: [] as object[],
    };
    let meetings: object[] = [];
    const calls = server(tanaka, full, {
      'GET /api/projects/pr-1/meetings': () => json(200, { items: meetings }),
      'GET /api/slots': () =>
        json(200, {
          slots: [{ space_id: 'sp-1', space_name_ja: '会議室1', space_name_en: 'Room 1', start: '2026-12-01T01:00:00Z', end: '2026-12-01T02:00:00Z' }],
        }),
      'POST /api/projects/pr-1/meetings': () => {
        meetings = [meeting];
        return json(201, meeting);
      },
      'POST /api/projects/pr-1/meetings/mt-1/decisions': ({ body }) => {
        const b = body as { text: string; owner_id?: string; due_on?: string };
        meeting.decisions = [
          {
            id: 'd-1',
            text: b.text,
            created_by: ref(tanaka),
            created_at: '2026-11-25T00:00:00Z',
            task: b.owner_id ? { id: 'm9', title: b.text, owner: ref(shimizu), due_on: b.due_on, done: false, done_at: null, overdue: false } : null,
          },
        ];
        meetings = [meeting];
        return json(201, meeting);
      },
    });
    renderApp('/projects/pr-1/meetings');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('meeting-find'));
    const slot = await screen.findByTestId('meeting-slot');
    const query = calls.calls.find((c) => c.url.pathname === '/api/slots')!;
    expect(query.url.searchParams.get('people')).toBe('p-tanaka,p-shimizu');
    expect(query.url.searchParams.get('minutes')).toBe('60');
    await user.click(slot);
    await user.click(screen.getByTestId('meeting-submit'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/projects/pr-1/meetings')).toBe(true));
    const post = calls.calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/projects/pr-1/meetings')!;
    expect(post.body).toMatchObject({ start: '2026-12-01T01:00:00Z', end: '2026-12-01T02:00:00Z', space_id: 'sp-1', attendee_ids: ['p-shimizu'] });

    // The new meeting opens; a decision with an owner and a due date becomes a task.
    await user.type(await screen.findByTestId('decision-text'), '試作4号を納品する');
    await user.click(screen.getByTestId('decision-task'));
    await user.click(screen.getByTestId('decision-add'));
    expect(await screen.findAllByText('担当者を選んでください')).not.toHaveLength(0);
    expect(calls.calls.some((c) => c.url.pathname.endsWith('/decisions'))).toBe(false);
  }); // the heaviest page of the suite: ~20 s on an idle 2-core machine
});
