import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';
import type { Funnel, Series } from './api';
import { fiscalYearRange, hours, orderedSteps, percent, stagesIn, tokyoToday } from './model';

// ECharts draws on a canvas jsdom does not have: the wrapper is replaced by a placeholder.
vi.mock('./Chart', () => ({ Chart: ({ testId }: { testId?: string }) => <div data-testid={testId} /> }));

const office = { ...tanaka, id: 'p-nakamura', name_ja: '中村 由美', name_en: 'Yumi Nakamura', roles: ['office'] };

const funnel: Funnel = {
  from: '2026-04-01',
  to: '2027-03-31',
  steps: [
    { name: 'need', count: 12, conversion: null, median_days: null, pairs: 0 },
    { name: 'introduction', count: 6, conversion: 0.5, median_days: 9, pairs: 6 },
    { name: 'nda', count: 3, conversion: 0.5, median_days: 21.5, pairs: 2 },
    { name: 'project', count: 2, conversion: 0.667, median_days: 30, pairs: 2 },
    { name: 'invention', count: 1, conversion: 0.5, median_days: 120, pairs: 1 },
    { name: 'product', count: 0, conversion: 0, median_days: null, pairs: 0 },
  ],
};

const point = (period: string, extra: Partial<Series['points'][number]> = {}): Series['points'][number] => ({
  period,
  needs: 0,
  seeds: 0,
  introductions: 0,
  projects_started: 0,
  stages: {},
  areas: {},
  companies: 0,
  clinicians: 0,
  contract_turnaround_days: null,
  ethics_turnaround_days: null,
  contracts_drafted: 0,
  ethics_prepared: 0,
  coi_checks: 0,
  inventions_drafted: 0,
  minutes_saved: 0,
  funnel: [],
  ...extra,
});

const series: Series = {
  from: '2026-04-01',
  to: '2027-03-31',
  by: 'month',
  minutes_per_action: { contract_drafted: 120, ethics_application: 240, coi_check: 30, invention_disclosure: 90 },
  points: [
    point('2026-04', {
      needs: 7,
      introductions: 2,
      stages: { exploration: 1 },
      areas: { medical_device: 1 },
      contract_turnaround_days: 14,
      minutes_saved: 390,
      funnel: funnel.steps.map((s) => ({ ...s, count: s.count > 2 ? s.count - 2 : s.count })),
    }),
    point('2026-05', { needs: 5, seeds: 3, companies: 2, clinicians: 4, minutes_saved: 90 }),
  ],
};

function server(me: object) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
    'GET /api/kpi/funnel': () => json(200, funnel),
    'GET /api/kpi/series': () => json(200, series),
    'GET /api/organisations': () =>
      json(200, {
        items: [
          { id: 'o-cardio', name_ja: '循環器内科', name_en: 'Cardiology', kind: 'department', active: true },
          { id: 'o-jsr', name_ja: 'JSR株式会社', name_en: 'JSR Corporation', kind: 'company', active: true },
        ],
      }),
  });
}

describe('kpi page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('reads conversions, days, hours and the fiscal year', () => {
    expect(percent(0.667)).toBe('66.7%');
    expect(percent(null)).toBe('—');
    expect(hours(390)).toBe(6.5);
    expect(fiscalYearRange('2027-03-31')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(fiscalYearRange('2026-04-01')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(tokyoToday(new Date('2026-12-31T15:30:00Z'))).toBe('2027-01-01');
    expect(orderedSteps([...funnel.steps].reverse()).map((s) => s.name)).toEqual(['need', 'introduction', 'nda', 'project', 'invention', 'product']);
    expect(stagesIn(series.points)).toEqual(['exploration']);
  });

  it('shows the office the funnel as a chart and a table in Japanese, the series with their tables and exports', async () => {
    const { calls } = server(office);
    renderApp('/kpi');
    expect(await screen.findByText('センターのKPI')).toBeInTheDocument();
    const table = await screen.findByTestId('kpi-funnel-table');
    const rows = within(table).getAllByRole('row');
    expect(rows[0]).toHaveTextContent('段階件数転換率所要日数（中央値）');
    expect(rows[1]).toHaveTextContent('臨床ニーズの登録12—');
    expect(rows[2]).toHaveTextContent('紹介の成立650.0%9.0');
    expect(rows[3]).toHaveTextContent('秘密保持契約の締結350.0%21.5');
    expect(rows[4]).toHaveTextContent('プロジェクトの開始266.7%30.0');
    expect(rows[6]).toHaveTextContent('製品の上市00.0%—');
    expect(screen.getByTestId('kpi-funnel-chart')).toBeInTheDocument();
    const first = calls.find((c) => c.url.pathname === '/api/kpi/funnel')!.url.searchParams;
    const fy = fiscalYearRange(tokyoToday());
    expect(first.get('from')).toBe(fy.from);
    expect(first.get('to')).toBe(fy.to);
    expect(screen.getByTestId('kpi-funnel-export-xlsx')).toHaveAttribute('href', `/api/kpi/export.xlsx?from=${fy.from}&to=${fy.to}&by=month&lang=ja`);

    const activity = await screen.findByTestId('kpi-activity');
    expect(activity).toHaveTextContent('ニーズの登録');
    expect(within(activity).getAllByRole('row')[1]).toHaveTextContent('2026-04702');
    expect(screen.getByTestId('kpi-stages')).toHaveTextContent('探索');
    expect(screen.getByTestId('kpi-areas')).toHaveTextContent('医療機器・材料');
    expect(screen.getByTestId('kpi-turnaround')).toHaveTextContent('14');
    expect(within(screen.getByTestId('kpi-saved')).getAllByRole('row')[1]).toHaveTextContent('2026-046.5');
    expect(screen.getByTestId('kpi-estimate')).toHaveTextContent('契約の起案 120分');
    expect(screen.getByTestId('kpi-saved-export-csv')).toHaveAttribute('download');
    // The funnel over time: each step per period.
    const overTime = screen.getByTestId('kpi-funnel-over-time');
    expect(overTime).toHaveTextContent('ファネルの推移');
    expect(within(overTime).getAllByRole('row')[1]).toHaveTextContent('2026-04104');
  });

  it('filters the funnel and its course over time by company', async () => {
    const { calls } = server(office);
    const user = userEvent.setup();
    renderApp('/kpi');
    await screen.findByTestId('kpi-funnel-table');
    await user.click(within(screen.getByTestId('kpi-company')).getByRole('combobox'));
    await user.click(await screen.findByText('JSR株式会社'));
    await waitFor(() => {
      const last = calls.filter((c) => c.url.pathname === '/api/kpi/series').at(-1)!.url.searchParams;
      expect(last.get('company')).toBe('o-jsr');
    });
    const funnelCall = calls.filter((c) => c.url.pathname === '/api/kpi/funnel').at(-1)!.url.searchParams;
    expect(funnelCall.get('company')).toBe('o-jsr');
    expect(screen.getByTestId('kpi-funnel-export-xlsx').getAttribute('href')).toContain('company=o-jsr');
  });

  it('speaks English', async () => {
    await i18n.changeLanguage('en');
    server({ ...office, language: 'en' });
    renderApp('/kpi');
    const table = await screen.findByTestId('kpi-funnel-table');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Needs posted');
    expect(screen.getByText('Centre KPIs')).toBeInTheDocument();
  });

  it('is not in a clinician menu', async () => {
    server(tanaka);
    renderApp('/kpi');
    expect(await screen.findByText('田中 健二')).toBeInTheDocument();
    expect(screen.queryByText('センターのKPI')).not.toBeInTheDocument();
  });
});
