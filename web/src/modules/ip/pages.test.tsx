import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, screenIsPhone, tanaka, type Handler } from '../../test/util';
import { addDays, formatYen, tokyoToday } from './model';

const today = tokyoToday();
const ref = (p: { id: string; name_ja: string; name_en: string }) => ({ id: p.id, name_ja: p.name_ja, name_en: p.name_en });
const office = { ...tanaka, id: 'p-nakamura', name_ja: '中村 由美', name_en: 'Yumi Nakamura', roles: ['office'] };
const sato = { id: 'p-sato', name_ja: '佐藤 誠一', name_en: 'Seiichi Sato' };
const shimizu = { id: 'p-shimizu', name_ja: '清水 光', name_en: 'Hikaru Shimizu' };
const kobayashi = { id: 'p-kobayashi', name_ja: '小林 直子', name_en: 'Naoko Kobayashi' };

const project = {
  id: 'pr-1',
  kind: 'joint',
  area_code: null,
  title_ja: 'ウェアラブル心電図パッチ',
  title_en: 'Wearable ECG patch',
  public_summary: '',
  status: 'active',
  stage: 'exploration',
  stage_since: '2026-11-01T00:00:00Z',
  access: 'full',
  pi: ref(tanaka),
  company_lead: shimizu,
  members: [
    { person: ref(tanaka), role: 'pi', organisation_id: null },
    { person: shimizu, role: 'company_lead', organisation_id: null },
    { person: sato, role: 'member', organisation_id: null },
    { person: kobayashi, role: 'coordinator', organisation_id: null },
  ],
  organisations: [],
  budgets: [],
  links: [],
  history: [],
  pending_request: null,
  confirmations: [],
  product: null,
  permissions: {
    edit: false,
    decide: false,
    request_stage: false,
    approve_stage: false,
    report: false,
    acknowledge: false,
    upload: false,
    confirm: false,
    member: true,
  },
};

const may = { edit: false, decide: false, file: false, license: false };

const invention = (extra: object = {}) => ({
  id: 'i1',
  title: '貼付型電極の配置',
  summary: '胸部に貼る電極の配置で心房細動の検出率を上げる',
  project_id: 'pr-1',
  project_title_ja: project.title_ja,
  project_title_en: project.title_en,
  status: 'disclosed',
  conceived_on: '2026-10-01',
  disclosed_on: null,
  decision: null,
  decision_note: '',
  novelty_notes: '',
  prior_art: '',
  university_share: null,
  company_share: null,
  contract_id: 'c-1',
  inventors: [
    { person: ref(tanaka), share_percent: 50, employer: 'university', affiliation: '循環器内科学教室' },
    { person: sato, share_percent: 50, employer: 'university', affiliation: '循環器内科学教室' },
  ],
  filings: [],
  deadlines: [],
  licences: [],
  rewards: [],
  may,
  created_at: '2026-11-02T01:00:00Z',
  ...extra,
});

const deadline = (kind: string, due_on: string, extra: object = {}) => ({
  kind,
  due_on,
  period_end: due_on,
  invention_id: 'i1',
  filing_id: 'f1',
  source_ja: kind === 'paris_priority' ? 'パリ条約 第4条C(1)・(2)' : '特許法 第48条の3第1項',
  ...extra,
});

const publication = (extra: object = {}) => ({
  id: 'pub1',
  project_id: 'pr-1',
  invention_id: null,
  person: ref(tanaka),
  kind: 'talk',
  title: '心電図パッチの初期成績',
  venue: '日本循環器学会',
  planned_on: addDays(today, 20),
  event_id: null,
  event_title_ja: null,
  event_title_en: null,
  guarded: true,
  status: 'planned',
  clearance: null,
  review_due_on: addDays(today, 10),
  review: null,
  may: { clear: true, review: false },
  ...extra,
});

function server(me: object, extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
    'GET /api/areas': () => json(200, { items: [] }),
    'GET /api/projects/pr-1': () => json(200, project),
    'GET /api/ip/publications': () => json(200, { items: [] }),
    ...extra,
  });
}

const posts = (calls: { method: string; url: URL; body: unknown }[], path: string) => calls.filter((c) => c.method !== 'GET' && c.url.pathname === path);

describe('IP pages', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists inventions by next deadline, overdue in red, and filters by status', async () => {
    server(tanaka, {
      'GET /api/ip/inventions': () =>
        json(200, {
          items: [
            invention({ id: 'i3', title: 'わかめの発明' }),
            invention({ id: 'i2', title: 'あさりの発明', status: 'filed', deadlines: [deadline('paris_priority', addDays(today, 40))] }),
            invention({ id: 'i4', title: 'かにの発明', status: 'filed', deadlines: [deadline('jp_examination_request', '2026-01-05')] }),
          ],
        }),
    });
    renderApp('/ip');
    const links = await screen.findAllByTestId('ip-invention-link');
    expect(links.map((l) => l.textContent)).toEqual(['かにの発明', 'あさりの発明', 'わかめの発明']);
    expect(links[0]).toHaveAttribute('href', '/ip/inventions/i4');
    expect(screen.getByText('期限超過')).toBeInTheDocument();
    expect(screen.getByText('パリ優先期限')).toBeInTheDocument();
    expect(screen.getAllByText('田中 健二 50%、佐藤 誠一 50%').length).toBe(3);

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('ip-filter-status').querySelector('input')!);
    await user.click(await screen.findByText('届出済', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(screen.getAllByTestId('ip-invention-link').map((l) => l.textContent)).toEqual(['わかめの発明']));
  });

  it("discloses from the project's tab with the members prefilled, even shares and the running sum", async () => {
    const { calls } = server(tanaka, {
      'GET /api/ip/inventions': () => json(200, { items: [] }),
      'POST /api/ip/inventions': () => json(201, invention({ id: 'i9' })),
      'GET /api/ip/inventions/i9': () => json(200, invention({ id: 'i9' })),
    });
    renderApp('/projects/pr-1/ip');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('ip-disclose'));
    const form = await screen.findByTestId('ip-disclose-form');
    expect(within(form).getByTestId('ip-title-input')).toHaveValue('ウェアラブル心電図パッチ');
    // The PI and the member; not the company lead nor the coordinator.
    const rows = within(form).getAllByTestId('ip-inventor-row');
    expect(rows.map((r) => r.querySelector('.ip-inventor-name')?.textContent)).toEqual(['田中 健二', '佐藤 誠一']);
    expect(
      within(form)
        .getAllByTestId('ip-inventor-share')
        .map((i) => (i.querySelector('input') ?? i).getAttribute('value')),
    ).toEqual(['50', '50']);
    expect(within(form).getByTestId('ip-share-total')).toHaveTextContent('合計 100%');

    const second = within(form).getByLabelText('佐藤 誠一 の持分');
    await user.clear(second);
    await user.type(second, '40');
    await waitFor(() => expect(within(form).getByTestId('ip-share-total')).toHaveTextContent('合計 90%'));
    await user.click(screen.getByTestId('ip-disclose-ok'));
    expect(await screen.findByText('持分の合計を100%にしてください（現在 90%）')).toBeInTheDocument();
    expect(posts(calls, '/api/ip/inventions')).toHaveLength(0);

    await user.click(within(form).getByTestId('ip-inventor-even'));
    await waitFor(() => expect(within(form).getByTestId('ip-share-total')).toHaveTextContent('合計 100%'));
    await user.click(screen.getByTestId('ip-disclose-ok'));
    await waitFor(() => expect(posts(calls, '/api/ip/inventions')).toHaveLength(1));
    expect(posts(calls, '/api/ip/inventions')[0].body).toEqual({
      project_id: 'pr-1',
      title: 'ウェアラブル心電図パッチ',
      summary: '',
      conceived_on: null,
      disclosed_on: null,
      inventors: [
        { person_id: tanaka.id, share_percent: 50 },
        { person_id: 'p-sato', share_percent: 50 },
      ],
    });
    expect(await screen.findByTestId('ip-title')).toHaveTextContent('貼付型電極の配置');
  });

  it('shows the guard on a publication before filing, and clears it as an inventor', async () => {
    let cleared = false;
    const { calls } = server(tanaka, {
      'GET /api/ip/inventions': () => json(200, { items: [invention()] }),
      'GET /api/ip/publications': () =>
        json(200, { items: [cleared ? publication({ status: 'cleared', clearance: 'no_invention', may: { clear: false, review: false } }) : publication()] }),
      'POST /api/ip/publications/pub1/clear': () => {
        cleared = true;
        return json(200, publication({ status: 'cleared', clearance: 'no_invention' }));
      },
    });
    renderApp('/projects/pr-1/ip');
    expect(await screen.findByText('出願前の発表です: 出願するか、発明を含まないことを確認してください')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('ip-publication-clear'));
    const confirm = (await screen.findByText('この発表に発明が含まれないことを確認しますか？')).closest('.ant-popover') as HTMLElement;
    await user.click(within(confirm).getByRole('button', { name: '発明を含まないことを確認' }));
    await waitFor(() => expect(posts(calls, '/api/ip/publications/pub1/clear')).toHaveLength(1));
    expect(posts(calls, '/api/ip/publications/pub1/clear')[0].body).toEqual({ resolution: 'no_invention' });
    expect(await screen.findByText('発明を含まないことを確認済')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('ip-guard-warning')).not.toBeInTheDocument());
  });

  it("registers a talk at a centre event on the event's day", async () => {
    const start = `${addDays(today, 14)}T01:00:00Z`;
    const { calls } = server(tanaka, {
      'GET /api/ip/inventions': () => json(200, { items: [invention()] }),
      'GET /api/events': () =>
        json(200, {
          items: [
            { id: 'ev1', title_ja: '連携セミナー', title_en: 'Renkei seminar', start, end: start, status: 'published', kind: 'seminar' },
            { id: 'ev0', title_ja: '過去のセミナー', title_en: 'Past', start: '2020-01-01T01:00:00Z', end: '2020-01-01T02:00:00Z', status: 'published' },
          ],
        }),
      'POST /api/ip/publications': () => json(201, publication({ id: 'pub2', event_id: 'ev1' })),
    });
    renderApp('/projects/pr-1/ip');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('ip-publication-add'));
    const form = await screen.findByTestId('ip-publication-form');
    await user.click(within(form).getByText('講演'));
    await user.type(within(form).getByTestId('ip-publication-title'), '心電図パッチの紹介');
    await user.click((await within(form).findByTestId('ip-publication-event')).querySelector('input')!);
    await user.click(await screen.findByText(`${addDays(today, 14)} 連携セミナー`, { selector: '.ant-select-item-option-content' }));
    expect(screen.queryByText(/過去のセミナー/)).not.toBeInTheDocument();
    await waitFor(() => expect(within(form).getByTestId('ip-publication-date')).toHaveValue(addDays(today, 14)));
    await user.click(screen.getByTestId('ip-publication-ok'));
    await waitFor(() => expect(posts(calls, '/api/ip/publications')).toHaveLength(1));
    expect(posts(calls, '/api/ip/publications')[0].body).toEqual({
      project_id: 'pr-1',
      kind: 'talk',
      title: '心電図パッチの紹介',
      planned_on: addDays(today, 14),
      event_id: 'ev1',
    });
    expect(await screen.findByText('発表予定を登録しました。出願前の発表のため、確認が必要です')).toBeInTheDocument();
  });

  it("lets the office decide, with the agreement's share by default and a link to it", async () => {
    const decided = invention({ status: 'decided', decision: 'file', university_share: 50, company_share: 50, may: { ...may, file: true } });
    let done = false;
    const { calls } = server(office, {
      'GET /api/ip/inventions/i1': () => json(200, done ? decided : invention({ status: 'evaluating', may: { ...may, edit: true, decide: true } })),
      'POST /api/ip/inventions/i1/decision': () => {
        done = true;
        return json(200, decided);
      },
    });
    renderApp('/ip/inventions/i1');
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByTestId('ip-title')).toHaveTextContent('貼付型電極の配置');
    expect(screen.getByText('評価中')).toBeInTheDocument();
    expect(screen.getByTestId('ip-inventors-table')).toHaveTextContent('循環器内科学教室');
    await user.click(screen.getByRole('tab', { name: '評価・決定' }));
    expect(await screen.findByTestId('ip-decision-contract')).toHaveAttribute('href', '/contracts/c-1');
    await user.click(screen.getByText('出願する'));
    await user.type(within(screen.getByTestId('ip-decision-form')).getAllByRole('textbox')[0], '新規性あり');
    await user.click(screen.getByTestId('ip-decision-submit'));
    await waitFor(() => expect(posts(calls, '/api/ip/inventions/i1/decision')).toHaveLength(1));
    expect(posts(calls, '/api/ip/inventions/i1/decision')[0].body).toEqual({ decision: 'file', note: '', novelty_notes: '新規性あり', prior_art: '' });
    expect(await screen.findByText('大学 50% / 企業 50%')).toBeInTheDocument();
  });

  it("shows a filing's deadlines with their legal source and records a PCT application claiming its priority", async () => {
    const filed = invention({
      status: 'filed',
      decision: 'file',
      filings: [
        {
          id: 'f1',
          kind: 'jp',
          country: 'JP',
          number: '特願2026-012345',
          filed_on: '2026-03-02',
          priority_date: null,
          examination_requested_on: null,
          registered_on: null,
          grace_proof_on: null,
        },
      ],
      deadlines: [deadline('paris_priority', '2027-03-02'), deadline('jp_examination_request', '2029-03-02', { period_end: '2029-03-01' })],
      may: { ...may, file: true },
    });
    const { calls } = server(office, {
      'GET /api/ip/inventions/i1': () => json(200, filed),
      'POST /api/ip/inventions/i1/filings': () => json(201, filed),
    });
    renderApp('/ip/inventions/i1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: '出願・期限' }));
    const deadlines = await screen.findByTestId('ip-invention-deadlines');
    expect(deadlines).toHaveTextContent('パリ優先期限');
    expect(deadlines).toHaveTextContent('パリ条約 第4条C(1)・(2)');
    expect(deadlines).toHaveTextContent('国内出願（2026-03-02）から');
    expect(deadlines).toHaveTextContent('期間満了 2029-03-01（閉庁日のため翌開庁日）');
    await user.click(screen.getByTestId('ip-filing-add'));
    const form = await screen.findByTestId('ip-filing-form');
    await user.type(within(form).getByTestId('ip-filing-number'), 'PCT/JP2026/000123');
    await user.click(screen.getByTestId('ip-filing-save'));
    await waitFor(() => expect(posts(calls, '/api/ip/inventions/i1/filings')).toHaveLength(1));
    expect(posts(calls, '/api/ip/inventions/i1/filings')[0].body).toEqual({
      kind: 'pct',
      country: 'WO',
      number: 'PCT/JP2026/000123',
      filed_on: today,
      priority_date: '2026-03-02',
    });
  });

  it('records licence revenue and shows the totals in yen', async () => {
    const licensed = invention({
      status: 'filed',
      may: { ...may, license: true },
      licences: [
        {
          id: 'l1',
          licensee: '株式会社メディテック',
          contract_id: null,
          exclusive: true,
          signed_on: '2026-09-01',
          note: '',
          revenue: [{ id: 'rv1', received_on: '2026-10-01', amount_yen: 1200000, note: '一時金' }],
          revenue_total_yen: 1200000,
        },
      ],
      rewards: [{ id: 'r1', person: ref(tanaka), kind: 'revenue', basis_on: '2026-10-01', amount_yen: 60000, paid_on: null }],
    });
    const { calls } = server(office, {
      'GET /api/ip/inventions/i1': () => json(200, licensed),
      'POST /api/ip/inventions/i1/licences/l1/revenue': () => json(201, licensed),
    });
    renderApp('/ip/inventions/i1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: 'ライセンス・収入' }));
    expect(await screen.findByTestId('ip-licence-total')).toHaveTextContent(formatYen(1200000));
    expect(screen.getByText('独占')).toBeInTheDocument();
    await user.click(screen.getByTestId('ip-revenue-add'));
    await user.type(screen.getByTestId('ip-revenue-amount').querySelector('input') ?? screen.getByTestId('ip-revenue-amount'), '300000');
    await user.click(screen.getByTestId('ip-revenue-save'));
    await waitFor(() => expect(posts(calls, '/api/ip/inventions/i1/licences/l1/revenue')).toHaveLength(1));
    expect(posts(calls, '/api/ip/inventions/i1/licences/l1/revenue')[0].body).toEqual({ received_on: today, amount_yen: 300000 });

    await user.click(screen.getByRole('tab', { name: '補償金' }));
    expect(await screen.findByTestId('ip-invention-reward-due')).toHaveTextContent(formatYen(60000));
    expect(screen.getByTestId('ip-invention-rewards')).toHaveTextContent('実施補償');
  });

  it('gives the office the reward ledger: mark paid, CSV and Excel, and the rules', async () => {
    const row = {
      id: 'r1',
      invention_id: 'i1',
      invention_title: '貼付型電極の配置',
      person: ref(tanaka),
      kind: 'filing',
      basis_on: '2026-03-02',
      amount_yen: 30000,
      paid_on: null,
    };
    const { calls } = server(office, {
      'GET /api/ip/rewards': () =>
        json(200, { items: [row, { ...row, id: 'r2', person: sato, paid_on: '2026-04-30' }], due_total_yen: 30000, paid_total_yen: 30000 }),
      'POST /api/ip/rewards/r1/paid': () => json(200, { ...row, paid_on: today }),
      'GET /api/ip/reward-rules': () => json(200, { filing_yen: 30000, registration_yen: 100000, revenue_percent: 5 }),
      'PUT /api/ip/reward-rules': () => json(200, { filing_yen: 50000, registration_yen: 100000, revenue_percent: 5 }),
    });
    renderApp('/ip/rewards');
    expect(await screen.findByText('職務発明 補償金台帳')).toBeInTheDocument();
    expect(await screen.findByTestId('ip-reward-totals')).toHaveTextContent(formatYen(30000));
    expect(screen.getByTestId('ip-ledger-csv')).toHaveAttribute('href', '/api/ip/rewards?format=csv&lang=ja');
    expect(screen.getByTestId('ip-ledger-csv')).toHaveAttribute('download');
    expect(screen.getByTestId('ip-ledger-xlsx')).toHaveAttribute('href', '/api/ip/rewards?format=xlsx&lang=ja');
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('ip-mark-paid'));
    await user.click(await screen.findByTestId('ip-mark-paid-ok'));
    await waitFor(() => expect(posts(calls, '/api/ip/rewards/r1/paid')).toHaveLength(1));
    expect(posts(calls, '/api/ip/rewards/r1/paid')[0].body).toEqual({ paid_on: today });

    const filing = await screen.findByTestId('ip-rule-filing');
    const input = filing.querySelector('input') ?? filing;
    await user.clear(input);
    await user.type(input, '50000');
    await user.click(screen.getByTestId('ip-rules-save'));
    await waitFor(() => expect(posts(calls, '/api/ip/reward-rules')).toHaveLength(1));
    expect(posts(calls, '/api/ip/reward-rules')[0].body).toEqual({ filing_yen: 50000, registration_yen: 100000, revenue_percent: 5 });
  });

  it("shows an inventor only their rewards, due and paid, and the rules, without the office's actions", async () => {
    server(tanaka, {
      'GET /api/ip/rewards': () =>
        json(200, {
          items: [
            {
              id: 'r1',
              invention_id: 'i1',
              invention_title: '貼付型電極の配置',
              person: ref(tanaka),
              kind: 'registration',
              basis_on: '2026-11-01',
              amount_yen: 100000,
              paid_on: null,
            },
          ],
          due_total_yen: 100000,
          paid_total_yen: 0,
        }),
      'GET /api/ip/reward-rules': () => json(200, { filing_yen: 30000, registration_yen: 100000, revenue_percent: 5 }),
    });
    renderApp('/ip/rewards');
    expect(await screen.findByText('あなたの補償金')).toBeInTheDocument();
    expect(await screen.findByText('登録補償')).toBeInTheDocument();
    expect(screen.queryByTestId('ip-mark-paid')).not.toBeInTheDocument();
    expect(screen.queryByTestId('ip-ledger-csv')).not.toBeInTheDocument();
    expect(await screen.findByTestId('ip-rules-line')).toHaveTextContent(`出願時 ${formatYen(30000)}`);
  });

  it('lists the deadlines by due date in English on a phone, overdue cards marked, with the legal source', async () => {
    screenIsPhone(true);
    await i18n.changeLanguage('en');
    const { calls } = server(
      { ...office, language: 'en' },
      {
        'GET /api/ip/deadlines': () =>
          json(200, {
            from: addDays(today, -90),
            to: addDays(today, 365),
            items: [
              { ...deadline('paris_priority', addDays(today, 30)), title: '新しい発明', project_id: 'pr-1' },
              {
                ...deadline('grace_period_filing', addDays(today, -2), { filing_id: '' }),
                title: '古い発明',
                project_id: 'pr-1',
                source_ja: '特許法 第30条第2項',
              },
            ],
          }),
      },
    );
    renderApp('/ip/deadlines');
    const cards = await screen.findAllByTestId('ip-deadline-card');
    expect(cards).toHaveLength(2);
    expect(cards[0]).toHaveClass('ip-overdue-row');
    expect(cards[0]).toHaveTextContent('Filing within the grace period');
    expect(cards[0]).toHaveTextContent('特許法 第30条第2項');
    expect(cards[0]).toHaveTextContent('Overdue');
    expect(cards[1]).toHaveTextContent('30 days left');
    const query = calls.find((c) => c.url.pathname === '/api/ip/deadlines')?.url.searchParams;
    expect(query?.get('from')).toBe(addDays(today, -90));
    expect(query?.get('to')).toBe(addDays(today, 3 * 365 + 1));
  });

  it('lets the office start the evaluation of a new disclosure', async () => {
    const { calls } = server(office, {
      'GET /api/ip/inventions/i1': () => json(200, invention({ may: { ...may, edit: true, decide: true } })),
      'POST /api/ip/inventions/i1/evaluation': () => json(200, invention({ status: 'evaluating', may: { ...may, edit: true, decide: true } })),
    });
    renderApp('/ip/inventions/i1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: '評価・決定' }));
    await user.click(await screen.findByTestId('ip-start-evaluation'));
    await waitFor(() => expect(posts(calls, '/api/ip/inventions/i1/evaluation')).toHaveLength(1));
    expect(await screen.findByText('評価中にしました')).toBeInTheDocument();
  });

  it('asks the company lead for consent to the joint application before the first filing, and hides the filing form until then', async () => {
    const decided = { status: 'decided', decision: 'file', university_share: 50, company_share: 50, company_consent_required: true };
    let consented: string | null = null;
    const current = () => invention({ ...decided, company_consent_on: consented, may: { ...may, consent: !consented } });
    const { calls } = server(
      { ...tanaka, id: shimizu.id, roles: ['company_researcher'] },
      {
        'GET /api/ip/inventions/i1': () => json(200, current()),
        'POST /api/ip/inventions/i1/consent': () => {
          consented = today;
          return json(200, current());
        },
      },
    );
    renderApp('/ip/inventions/i1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: '評価・決定' }));
    const notice = await screen.findByTestId('ip-consent');
    expect(within(notice).getByText(/特許法第38条/)).toBeInTheDocument();
    expect(screen.queryByTestId('ip-filing-add')).toBeNull();
    await user.click(within(notice).getByTestId('ip-consent-submit'));
    await waitFor(() => expect(posts(calls, '/api/ip/inventions/i1/consent')).toHaveLength(1));
    expect(posts(calls, '/api/ip/inventions/i1/consent')[0].body).toEqual({ consented_on: today });
    expect(await screen.findByText(`企業の同意（共同出願）: ${today}`)).toBeInTheDocument();
  });

  it('says so when an invention cannot be seen', async () => {
    server(tanaka, { 'GET /api/ip/inventions/nope': () => apiError(404, 'not_found', 'invention not found') });
    renderApp('/ip/inventions/nope');
    expect(await screen.findByText('この発明は見つからないか、閲覧できません。')).toBeInTheDocument();
  });
});
