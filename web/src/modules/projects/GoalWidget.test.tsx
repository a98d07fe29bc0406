import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';
import { Chain } from './Funnel';

const goal = {
  date: '2027-03-31',
  met: false,
  products_counting: 0,
  products: [],
  funnel: { exploration: 3, feasibility: 2, joint_research: 1, pre_clinical: 0, clinical_study: 1, regulatory: 0, launched: 0, sales: 0 },
  today: '2026-11-25',
};
const common = {
  'GET /api/inbox/count': () => json(200, { open: 2, overdue: 0 }),
  'GET /api/organisations': () => json(200, { items: [] }),
};

describe('goal widget on the home page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows committee members the goal with its date and the pipeline behind it', async () => {
    fakeServer({ ...common, 'GET /api/me': () => json(200, { ...tanaka, roles: ['committee'] }), 'GET /api/portfolio/goal': () => json(200, goal) });
    renderApp('/');
    const widget = await screen.findByTestId('goal-widget');
    expect(await within(widget).findByText('2027-03-31 までに、売上のある製品・サービスを1件以上市場に出す')).toBeInTheDocument();
    expect(within(widget).getByText('残り 126 日')).toBeInTheDocument();
    const rows = within(widget).getAllByRole('row');
    expect(rows.map((r) => r.getAttribute('data-count'))).toEqual(['3', '2', '1', '0', '1', '0', '0', '0']);
  });

  it('is not shown to (nor fetched for) a clinician', async () => {
    const server = fakeServer({ ...common, 'GET /api/me': () => json(200, tanaka) });
    renderApp('/');
    await screen.findByTestId('greeting');
    await waitFor(() => expect(screen.getByTestId('inbox-badge').dataset.count).toBe('2'));
    expect(screen.queryByTestId('goal-widget')).toBeNull();
    expect(server.calls.some((c) => c.url.pathname === '/api/portfolio/goal')).toBe(false);
  });
});

describe('propose form', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the PI before sending, and defaults the company lead to a company researcher', async () => {
    const me = { ...tanaka, id: 'p-shimizu', name_ja: '清水 光', name_en: 'Hikaru Shimizu', roles: ['company_researcher'] };
    const server = fakeServer({
      ...common,
      'GET /api/me': () => json(200, me),
      'GET /api/projects': () => json(200, { items: [] }),
      'GET /api/areas': () => json(200, { items: [] }),
      'GET /api/people': () => json(200, { items: [] }),
    });
    renderApp('/projects');
    expect(await screen.findByText('該当するプロジェクトはありません')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('propose-open'));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByTestId('propose-title'), '新しい課題');
    expect(within(dialog).getByText('清水 光')).toBeInTheDocument();
    await user.click(within(dialog).getByTestId('propose-submit'));
    expect(await within(dialog).findByText('研究責任者（学内の医師・研究者）を選んでください')).toBeInTheDocument();
    expect(server.calls.some((c) => c.method === 'POST')).toBe(false);
  });
});

describe('the chain from need to product', () => {
  it('shows each step in order with its count, in the reader’s language', async () => {
    const chain = [
      { code: 'need', label_ja: '臨床ニーズ', label_en: 'Clinical needs', count: 24 },
      { code: 'invention', label_ja: '発明届出', label_en: 'Inventions disclosed', count: 7 },
      { code: 'product', label_ja: '売上のある製品', label_en: 'Products with sales', count: 1 },
    ];
    await i18n.changeLanguage('ja');
    const { unmount } = render(<Chain chain={chain} />);
    const rows = screen.getAllByRole('row');
    expect(rows.map((r) => [r.getAttribute('data-step'), r.getAttribute('data-count')])).toEqual([
      ['need', '24'],
      ['invention', '7'],
      ['product', '1'],
    ]);
    expect(screen.getByText('発明届出')).toBeInTheDocument();
    unmount();
    await i18n.changeLanguage('en');
    render(<Chain chain={chain} />);
    expect(screen.getByText('Inventions disclosed')).toBeInTheDocument();
    await i18n.changeLanguage('ja');
  });
});
