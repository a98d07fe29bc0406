import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';

// ECharts draws on a canvas jsdom does not have: the wrapper is replaced by a placeholder.
vi.mock('../kpi/Chart', () => ({ Chart: ({ testId }: { testId?: string }) => <div data-testid={testId} /> }));

const office = { ...tanaka, id: 'p-office', roles: ['office'] };
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
