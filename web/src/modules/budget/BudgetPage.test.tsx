import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, renderWithProviders, tanaka } from '../../test/util';
import type { Change } from './api';
import { fiscalYearOf, tokyoToday } from './model';
import { ProjectBudgetCard } from './ProjectBudgetCard';

// ECharts draws on a canvas jsdom does not have: the wrapper is replaced by a placeholder.
vi.mock('../kpi/Chart', () => ({ Chart: ({ testId }: { testId?: string }) => <div data-testid={testId} /> }));

const office = { ...tanaka, id: 'p-office', roles: ['office'] };
const head = { id: 'p-head', name_ja: '小林 直子', name_en: 'Naoko Kobayashi' };
const hayashi = { id: 'p-hayashi', name_ja: '林 真理子', name_en: 'Mariko Hayashi' };
const committee = { ...tanaka, id: 'p-cm', roles: ['committee'] };

const area = (code: string, ja: string, planned: number, allocated: number, spent: number) => ({
  area_code: code,
  name_ja: ja,
  name_en: code,
  planned_yen: planned,
  allocated_yen: allocated,
  spent_yen: spent,
});

const overview = {
  fiscal_year: 2026,
  from: '2026-04-01',
  to: '2027-03-31',
  areas: [area('microbiome', 'マイクロバイオーム', 40_000_000, 12_000_000, 13_080_000), area('other', 'その他', 30_000_000, 8_000_000, 1_000_000)],
  total: area('total', '合計', 70_000_000, 20_000_000, 14_080_000),
  projects: [
    {
      project_id: 'pr-1',
      title_ja: '腸内細菌叢の検査キット',
      title_en: 'Gut microbiome test kit',
      kind: 'strategic',
      area_code: 'microbiome',
      allocated_yen: 12_000_000,
      spent_yen: 13_080_000,
      remaining_yen: -1_080_000,
      status: 'over',
      lines: 5,
    },
    {
      project_id: 'pr-2',
      title_ja: '下腿浮腫センサ',
      title_en: 'Oedema sensor',
      kind: 'joint',
      area_code: 'other',
      allocated_yen: 8_000_000,
      spent_yen: 1_000_000,
      remaining_yen: 7_000_000,
      status: 'ok',
      lines: 1,
    },
  ],
  pending_changes: 1,
  may_write: true,
};

// A budget change's approval chain under the demo's rules: the office head, then (from ¥1M) the
// steering committee.
const headStep = (status: 'current' | 'approved', may_act = false, comment = '') => ({
  id: 'h',
  position: 1,
  label_ja: '事務局長',
  label_en: 'Head of the office',
  approver: 'person' as const,
  person: head,
  role: null,
  status,
  started_at: '2026-12-05T01:00:00Z',
  decided_at: status === 'approved' ? '2026-12-06T01:00:00Z' : null,
  decided_by: status === 'approved' ? head : null,
  comment,
  days: 1,
  may_act,
});
const committeeStep = (status: 'waiting' | 'current') => ({
  id: 'c',
  position: 2,
  label_ja: '運営委員会',
  label_en: 'Steering committee',
  approver: 'committee' as const,
  person: null,
  role: null,
  status,
  started_at: status === 'current' ? '2026-12-06T01:00:00Z' : null,
  decided_at: null,
  decided_by: null,
  comment: '',
  days: status === 'current' ? 1 : null,
  may_act: false,
});

function change(
  id: string,
  projectId: string,
  title: string,
  status: Change['status'],
  steps: ReturnType<typeof headStep | typeof committeeStep>[],
  chainStatus: 'in_progress' | 'approved' = 'in_progress',
): Change {
  const prefixed = steps.map((step) => ({ ...step, id: `${id}-${step.id}` }));
  const current = prefixed.find((step) => step.status === 'current');
  return {
    id,
    project_id: projectId,
    project_title_ja: title,
    project_title_en: title,
    fiscal_year: 2026,
    current_yen: 12_000_000,
    new_yen: 18_000_000,
    reason: '追加の動物実験のため',
    status,
    requested_by: hayashi,
    requested_at: '2026-12-05T01:00:00Z',
    decided_by: null,
    decided_at: null,
    decision_note: '',
    may_withdraw: status === 'pending',
    approval: {
      id: `chain-${id}`,
      subject_kind: 'budget_change',
      subject_id: id,
      subject_type: '',
      amount_yen: 6_000_000,
      title_ja: title,
      title_en: title,
      link: `/budget?change=${id}`,
      status: chainStatus,
      started_by: hayashi,
      started_at: '2026-12-05T01:00:00Z',
      ended_at: null,
      days: 2,
      current_step_id: current?.id ?? null,
      steps: prefixed,
    },
  };
}

// At the committee: the office head approved it. Awaiting the head (who is the caller).
const atCommittee = change('ch-1', 'pr-1', '腸内細菌叢の検査キット', 'pending', [
  headStep('approved', false, '超過の理由を確認しました'),
  committeeStep('current'),
]);
const atHead = change('ch-2', 'pr-2', '下腿浮腫センサ', 'pending', [headStep('current', true)]);

function server(me: object, overrides: Record<string, Parameters<typeof fakeServer>[0][string]> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/budget/overview': ({ url }) => json(200, { ...overview, fiscal_year: Number(url.searchParams.get('fiscal_year')) }),
    'GET /api/budget/spending': () => json(200, { items: [] }),
    'GET /api/budget/changes': () => json(200, { items: [] }),
    ...overrides,
  });
}

describe('budget page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('compares plan, allocation and spending per area and warns of a project over its allocation', async () => {
    const { calls } = server(office);
    renderApp('/budget?fy=2026');
    const areas = await screen.findByTestId('budget-areas');
    expect(within(areas).getByText('マイクロバイオーム')).toBeInTheDocument();
    expect(within(areas).getByText('￥40,000,000')).toBeInTheDocument();
    expect(within(areas).getByText('合計')).toBeInTheDocument();
    expect(screen.getByTestId('budget-chart')).toBeInTheDocument();
    const warning = screen.getByTestId('budget-over-warning');
    expect(warning).toHaveTextContent('1件のプロジェクトが配分を超えて支出しています');
    expect(warning).toHaveTextContent('腸内細菌叢の検査キット');
    const projects = screen.getByTestId('budget-projects');
    expect(within(projects).getByTestId('health-over')).toHaveTextContent('超過');
    expect(within(projects).getByTestId('health-ok')).toHaveTextContent('正常');
    expect(calls.some((c) => c.url.pathname === '/api/budget/overview' && c.url.searchParams.get('fiscal_year') === '2026')).toBe(true);
    // The exports carry the year and the reader's language.
    expect(screen.getByTestId('budget-export-xlsx').getAttribute('href')).toBe('/api/budget/overview.xlsx?fiscal_year=2026&lang=ja');
  });

  it('is read-only for the committee', async () => {
    server(committee, { 'GET /api/budget/overview': () => json(200, { ...overview, may_write: false }) });
    renderApp('/budget?fy=2026');
    await screen.findByTestId('budget-areas');
    expect(screen.queryByTestId('budget-plan')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: '支出明細' }));
    await screen.findByTestId('spending-table');
    expect(screen.queryByTestId('spending-record')).toBeNull();
    expect(screen.queryByTestId('spending-import')).toBeNull();
  });

  it('previews a CSV with every bad row and its line before importing nothing', async () => {
    const { calls } = server(office, {
      'POST /api/budget/import/preview': () =>
        json(200, {
          lines: [
            {
              line: 2,
              project_id: 'pr-2',
              project_title_ja: '下腿浮腫センサ',
              project_title_en: 'Oedema sensor',
              fiscal_year: 2026,
              spent_on: '2026-05-01',
              amount_yen: 12000,
              category: 'travel',
              description: '学会出張',
              reference: 'V-1',
              duplicate: false,
            },
          ],
          errors: [{ line: 4, field: 'amount', message: 'amount must be a whole number of yen' }],
          new_lines: 1,
          duplicates: 0,
          new_total_yen: 12000,
          ok: false,
        }),
    });
    renderApp('/budget?fy=2026');
    await screen.findByTestId('budget-areas');
    await userEvent.click(screen.getByRole('tab', { name: '支出明細' }));
    await userEvent.click(await screen.findByTestId('spending-import'));
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await userEvent.upload(input, new File(['date,project,amount\n'], 'spending.csv', { type: 'text/csv' }));
    const errors = await screen.findByTestId('import-errors');
    expect(within(errors).getByText('4')).toBeInTheDocument();
    expect(within(errors).getByText('amount')).toBeInTheDocument();
    expect(within(screen.getByTestId('import-lines')).getByText('下腿浮腫センサ')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeDisabled());
    expect(calls.some((c) => c.url.pathname === '/api/budget/import')).toBe(false);
    const preview = calls.find((c) => c.url.pathname === '/api/budget/import/preview');
    expect(preview?.headers.get('Content-Type')).toBe('text/csv');
  });
});

describe('budget changes and their approval chains (稟議)', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says where each change stands, opens the one the inbox link names, and lets its approver approve there', async () => {
    let decided = false;
    const approved = change('ch-2', 'pr-2', '下腿浮腫センサ', 'approved', [{ ...headStep('approved', false, '見積りを確認しました') }], 'approved');
    const { calls } = server(office, {
      'GET /api/budget/changes': () => json(200, { items: [atCommittee, decided ? approved : atHead] }),
      'POST /api/approvals/steps/ch-2-h/decision': () => {
        decided = true;
        return json(200, approved.approval);
      },
    });
    renderApp('/budget?fy=2026&change=ch-2');
    const table = await screen.findByTestId('changes-table');
    const first = await waitFor(() => {
      const row = table.querySelector('[data-row-key="ch-1"]');
      expect(row).not.toBeNull();
      return row as HTMLElement;
    });
    const second = table.querySelector('[data-row-key="ch-2"]') as HTMLElement;
    expect(within(first).getByTestId('change-status')).toHaveTextContent('運営委員会の審議待ち');
    expect(within(second).getByTestId('change-status')).toHaveTextContent('事務局長の承認待ち（あなたの番）');
    // The linked change is highlighted and open with its chain; the other stays closed.
    expect(second).toHaveClass('ant-table-row-selected');
    expect(first).not.toHaveClass('ant-table-row-selected');
    const chain = screen.getByTestId('change-chain-ch-2');
    expect(within(chain).getByTestId('approval-step-1')).toHaveTextContent('事務局長');
    expect(within(chain).getByText('小林 直子')).toBeInTheDocument();
    expect(screen.queryByTestId('change-chain-ch-1')).toBeNull();

    const user = userEvent.setup({ delay: null });
    expect(within(chain).getByTestId('approval-return')).toBeDisabled();
    await user.type(within(chain).getByTestId('approval-comment-input'), '見積りを確認しました');
    await user.click(within(chain).getByTestId('approval-approve'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/approvals/steps/ch-2-h/decision');
    expect(post.body).toEqual({ decision: 'approve', comment: '見積りを確認しました' });
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-x');
    // The budget is read again: the change is approved (and the overview with its allocation).
    await waitFor(() => expect(within(table.querySelector('[data-row-key="ch-2"]') as HTMLElement).getByTestId('change-status')).toHaveTextContent('承認'));
    expect(calls.filter((c) => c.method === 'GET' && c.url.pathname === '/api/budget/overview').length).toBeGreaterThan(1);
    expect(within(screen.getByTestId('change-chain-ch-2')).queryByTestId('approval-approve')).toBeNull();
  });

  it('shows a chain at the committee with the head’s comment and no action for the office', async () => {
    server(office, { 'GET /api/budget/changes': () => json(200, { items: [atCommittee] }) });
    renderApp('/budget?fy=2026');
    await screen.findByTestId('budget-areas');
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('tab', { name: '予算変更' }));
    const table = await screen.findByTestId('changes-table');
    await waitFor(() => expect(table.querySelector('[data-row-key="ch-1"]')).not.toBeNull());
    expect(screen.queryByTestId('change-chain-ch-1')).toBeNull();
    await user.click(within(table.querySelector('[data-row-key="ch-1"]') as HTMLElement).getByRole('button', { name: /展開|expand/i }));
    const chain = await screen.findByTestId('change-chain-ch-1');
    expect(within(chain).getByText('「超過の理由を確認しました」')).toBeInTheDocument();
    expect(within(chain).getByTestId('approval-step-2')).toHaveTextContent('運営委員会');
    expect(within(chain).getByText('運営委員会（会議で決議）')).toBeInTheDocument();
    expect(within(chain).queryByTestId('approval-approve')).toBeNull();
  });

  it('says in the request that the change goes through the approval route, and sends it', async () => {
    const { calls } = server(office, {
      'POST /api/budget/changes': () => json(201, atHead),
    });
    renderApp('/budget?fy=2026');
    await screen.findByTestId('budget-areas');
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('tab', { name: '予算変更' }));
    await user.click(await screen.findByTestId('change-request'));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByTestId('change-hint')).toHaveTextContent('承認ルート（稟議）');
    expect(dialog.getByTestId('change-hint')).not.toHaveTextContent('運営委員会が決定');
    await user.click(within(dialog.getByTestId('change-project')).getByRole('combobox'));
    await user.click(await screen.findByTitle('下腿浮腫センサ'));
    await user.type(dialog.getByTestId('change-new-yen'), '8500000');
    await user.type(dialog.getByTestId('change-reason'), '学会発表の旅費');
    await user.click(dialog.getByTestId('change-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ project_id: 'pr-2', fiscal_year: 2026, new_yen: 8_500_000, reason: '学会発表の旅費' });
  });

  it('shows on the project’s card where its change stands, with the chain', async () => {
    const fy = fiscalYearOf(tokyoToday());
    fakeServer({
      'GET /api/budget/projects/pr-1': () =>
        json(200, {
          project_id: 'pr-1',
          fiscal_year: fy,
          allocated_yen: 12_000_000,
          spent_yen: 13_080_000,
          remaining_yen: -1_080_000,
          status: 'over',
          lines: [],
          changes: [{ ...atCommittee, fiscal_year: fy }],
          may_request_change: true,
        }),
    });
    renderWithProviders(<ProjectBudgetCard projectId="pr-1" />);
    const card = await screen.findByTestId('project-budget-card');
    expect(within(card).getByTestId('change-status')).toHaveTextContent('運営委員会の審議待ち');
    expect(within(card).getByTestId('approval-step-1')).toHaveTextContent('事務局長');
    // One change at a time: no second request while this one is pending.
    expect(within(card).queryByTestId('project-budget-change')).toBeNull();
  });
});
