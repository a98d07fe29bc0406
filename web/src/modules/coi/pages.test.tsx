import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, tanaka, type Handler } from '../../test/util';
import { tabFromPath } from '../projects/ProjectPage';

const thresholds = [
  { category: 'consulting', rule: 'amount', amount_yen: 1_000_000 },
  { category: 'lecture', rule: 'amount', amount_yen: 500_000 },
  { category: 'equity', rule: 'any', amount_yen: 0 },
];
const orgs = [
  { id: 'o-jsr', parent_id: null, kind: 'company', name_ja: 'JSR株式会社', name_en: 'JSR Corporation', active: true },
  { id: 'o-jsr-ls', parent_id: 'o-jsr', kind: 'division', name_ja: 'ライフサイエンス事業部', name_en: 'Life Sciences', active: true },
];
const fy = (() => {
  const tokyo = new Date(Date.now() + 9 * 3600 * 1000);
  return tokyo.getUTCMonth() >= 3 ? tokyo.getUTCFullYear() : tokyo.getUTCFullYear() - 1;
})();
const ref = { id: tanaka.id, name_ja: tanaka.name_ja, name_en: tanaka.name_en };

function server(me: object, extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 1, overdue: 0 }),
    'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
    'GET /api/organisations': () => json(200, { items: orgs }),
    ...extra,
  });
}

const empty = {
  fiscal_year: fy,
  current_fiscal_year: fy,
  declaration: null,
  prefill: [
    {
      organisation_id: 'o-jsr-ls',
      organisation_name_ja: 'ライフサイエンス事業部',
      organisation_name_en: 'Life Sciences',
      company_name: '',
      category: 'consulting',
      amount_yen: 600_000,
      note: '技術顧問',
    },
  ],
  prefill_from: fy - 1,
  thresholds,
};

describe('my COI declaration', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('pre-fills last year and files "nothing to declare" once the person confirms discarding it', async () => {
    let filed = false;
    const { calls } = server(tanaka, {
      'GET /api/coi/declarations/mine': () =>
        json(
          200,
          filed
            ? {
                ...empty,
                declaration: {
                  id: 'd1',
                  person: ref,
                  fiscal_year: fy,
                  nothing_to_declare: true,
                  filed_at: '2026-05-01T00:00:00Z',
                  updated_at: '2026-05-01T00:00:00Z',
                  relationships: [],
                },
              }
            : empty,
        ),
      'POST /api/coi/declarations/mine/nothing': () => {
        filed = true;
        return json(200, {});
      },
    });
    renderApp('/coi/declaration');
    expect(await screen.findByText(`${fy - 1}年度の申告内容を反映しました。金額を今年度の見込みに直してから申告してください。`)).toBeInTheDocument();
    expect(screen.getByDisplayValue('600,000')).toBeInTheDocument();
    // 600,000 of consulting is below the threshold.
    expect(within(screen.getByTestId('coi-preview')).getByText('基準未満')).toBeInTheDocument();

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('coi-nothing'));
    // Last year's row would be discarded: asked first.
    expect(await screen.findByTestId('coi-discard')).toHaveTextContent('フォームにある次の関係（1件）は申告されず、破棄されます。');
    expect(screen.getAllByText('「申告事項なし」で申告しますか？').length).toBeGreaterThan(0);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: '破棄して「申告事項なし」で申告する' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url.pathname).toBe('/api/coi/declarations/mine/nothing');
    expect(post?.body).toEqual({ fiscal_year: fy });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-x');
    expect(await screen.findByText(/「申告事項なし」で申告済み/)).toBeInTheDocument();
  });

  it('says what "nothing to declare" would discard, and keeps the form when the person goes back', async () => {
    const { calls } = server(tanaka, {
      'GET /api/coi/declarations/mine': () =>
        json(200, {
          ...empty,
          prefill: [
            ...empty.prefill,
            { ...empty.prefill[0], organisation_id: null, company_name: '東都製薬', category: 'lecture', amount_yen: 80_000, note: '' },
          ],
        }),
    });
    renderApp('/coi/declaration');
    expect(await screen.findByDisplayValue('東都製薬')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('coi-nothing'));
    const list = await screen.findByTestId('coi-discard');
    expect(list).toHaveTextContent('フォームにある次の関係（2件）は申告されず、破棄されます。');
    const items = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual(['JSR株式会社 ライフサイエンス事業部 · 顧問料・コンサルティング料 · ￥600,000', '東都製薬 · 講演料・原稿料 · ￥80,000']);

    await user.click(screen.getByRole('button', { name: 'フォームに戻る' }));
    await waitFor(() => expect(screen.queryByTestId('coi-discard')).not.toBeInTheDocument());
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(screen.getByDisplayValue('東都製薬')).toBeInTheDocument();
    expect(screen.getByDisplayValue('600,000')).toBeInTheDocument();
  });

  it('asks in English too, counting rows typed by hand', async () => {
    // The language saved for the person.
    const { calls } = server(
      { ...tanaka, language: 'en' },
      { 'GET /api/coi/declarations/mine': () => json(200, { ...empty, prefill: [], prefill_from: null }) },
    );
    renderApp('/coi/declaration');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('coi-add-row'));
    await user.type(screen.getByLabelText("Other company's name 1"), 'Toto Pharma');
    await user.click(screen.getByTestId('coi-nothing'));
    const list = await screen.findByTestId('coi-discard');
    expect(list).toHaveTextContent('These relationships in the form (1) will not be declared and will be discarded.');
    expect(within(list).getByRole('listitem')).toHaveTextContent('Toto Pharma · (no category)');
    await user.click(screen.getByRole('button', { name: 'Back to the form' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('files "nothing to declare" in one click when the form is empty', async () => {
    const { calls } = server(tanaka, {
      'GET /api/coi/declarations/mine': () => json(200, { ...empty, prefill: [], prefill_from: null }),
      'POST /api/coi/declarations/mine/nothing': () => json(200, {}),
    });
    renderApp('/coi/declaration');
    const user = userEvent.setup({ delay: null });
    // A blank row added by mistake holds nothing to lose.
    await user.click(await screen.findByTestId('coi-add-row'));
    await user.click(screen.getByTestId('coi-nothing'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/coi/declarations/mine/nothing')).toBe(true));
    expect(screen.queryByTestId('coi-discard')).not.toBeInTheDocument();
  });

  it('names the row that is incomplete before sending anything', async () => {
    const { calls } = server(tanaka, { 'GET /api/coi/declarations/mine': () => json(200, { ...empty, prefill: [], prefill_from: null }) });
    renderApp('/coi/declaration');
    const add = await screen.findByTestId('coi-add-row');
    const user = userEvent.setup({ delay: null });
    await user.click(add);
    await user.click(screen.getByTestId('coi-submit'));
    expect(await screen.findByText('1行目: 企業を選ぶか企業名を入力してください')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('says which registered company a free-text name is treated as, until the name is edited', async () => {
    const jsr = { id: 'o-jsr', name_ja: 'JSR株式会社', name_en: 'JSR Corporation' };
    const row = (name: string, resolved: typeof jsr | null) => ({
      id: `r-${name}`,
      organisation_id: null,
      organisation_name_ja: '',
      organisation_name_en: '',
      company_name: name,
      category: 'consulting',
      amount_yen: 1_500_000,
      note: '',
      resolved_organisation: resolved,
    });
    const declaration = {
      id: 'd1',
      person: ref,
      fiscal_year: fy,
      nothing_to_declare: false,
      filed_at: '2026-05-01T00:00:00Z',
      updated_at: '2026-05-01T00:00:00Z',
      relationships: [row('ｼﾞｪｲｴｽｱｰﾙ（株）', jsr), row('東都製薬', null)],
    };
    server(tanaka, { 'GET /api/coi/declarations/mine': () => json(200, { ...empty, declaration, prefill: [], prefill_from: null }) });
    renderApp('/coi/declaration');
    expect(await screen.findByTestId('coi-resolved-0')).toHaveTextContent('登録企業 JSR株式会社 として扱います');
    expect(screen.queryByTestId('coi-resolved-1')).not.toBeInTheDocument();
    // The typed text is kept as typed, and the preview counts it in JSR's group.
    expect(screen.getByDisplayValue('ｼﾞｪｲｴｽｱｰﾙ（株）')).toBeInTheDocument();
    expect(within(screen.getByTestId('coi-preview')).getByText('JSR株式会社')).toBeInTheDocument();

    // Edited, the name is the server's to match again on saving: the hint goes.
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByDisplayValue('ｼﾞｪｲｴｽｱｰﾙ（株）'), 'ライフ');
    expect(screen.queryByTestId('coi-resolved-0')).not.toBeInTheDocument();

    await i18n.changeLanguage('en');
    await user.clear(screen.getByDisplayValue('ｼﾞｪｲｴｽｱｰﾙ（株）ライフ'));
    await user.type(screen.getByLabelText("Other company's name 1"), 'ｼﾞｪｲｴｽｱｰﾙ（株）');
    expect(await screen.findByTestId('coi-resolved-0')).toHaveTextContent('Treated as the registered company JSR Corporation');
  });

  it("shows the server's refusal", async () => {
    server(tanaka, {
      'GET /api/coi/declarations/mine': () => json(200, empty),
      'PUT /api/coi/declarations/mine': () => apiError(422, 'invalid', 'row 1: no such organisation', 'relationships'),
    });
    renderApp('/coi/declaration');
    await userEvent.setup({ delay: null }).click(await screen.findByTestId('coi-submit'));
    expect(await screen.findByText(/row 1: no such organisation/)).toBeInTheDocument();
  });
});

describe('a COI case', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  const kase = {
    id: 'c1',
    project: {
      id: 'pr-1',
      title_ja: '心電図パッチ',
      title_en: 'ECG patch',
      person_role: 'pi',
      companies: [{ id: 'o-jsr', name_ja: 'JSR株式会社', name_en: 'JSR' }],
    },
    person: ref,
    organisation: { id: 'o-jsr', name_ja: 'JSR株式会社', name_en: 'JSR' },
    fiscal_year: fy,
    status: 'open',
    decision: null,
    measures: '',
    decided_by: null,
    decided_at: null,
    created_at: '2026-05-01T00:00:00Z',
    updated_at: '2026-05-01T00:00:00Z',
    findings: [{ category: 'consulting', rule: 'amount', total_yen: 1_200_000, threshold_yen: 1_000_000, relationships: 1, crossed: true }],
    current: [{ category: 'consulting', rule: 'amount', total_yen: 1_200_000, threshold_yen: 1_000_000, relationships: 1, crossed: true }],
    group: [{ id: 'o-jsr', name_ja: 'JSR株式会社', name_en: 'JSR' }],
    relationships: [
      {
        id: 'r1',
        organisation_id: 'o-jsr-ls',
        organisation_name_ja: 'ライフサイエンス事業部',
        organisation_name_en: 'LS',
        company_name: '',
        category: 'consulting',
        amount_yen: 1_200_000,
        note: '',
      },
      {
        id: 'r2',
        organisation_id: null,
        organisation_name_ja: '',
        organisation_name_en: '',
        company_name: 'ｼﾞｪｲｴｽｱｰﾙ（株）',
        category: 'gift',
        amount_yen: 10_000,
        note: '',
        resolved_organisation: { id: 'o-jsr', name_ja: 'JSR株式会社', name_en: 'JSR' },
      },
    ],
    declaration: { id: 'd1', filed_at: '2026-05-01T00:00:00Z', updated_at: '2026-05-01T00:00:00Z' },
    thresholds,
    may_decide: true,
  };

  it('downloads the cases shown as CSV and Excel from the management page', async () => {
    const committee = { ...tanaka, id: 'p-coi', roles: ['coi_committee'] };
    const { calls } = server(committee, {
      'GET /api/coi/cases': () => json(200, { items: [{ ...kase, categories: ['consulting'] }] }),
    });
    renderApp('/coi/management?tab=cases');
    const csv = await screen.findByTestId('coi-cases-csv');
    expect(csv).toHaveAttribute('href', '/api/coi/cases/export.csv?status=open&lang=ja');
    expect(csv).toHaveAttribute('download');
    expect(screen.getByTestId('coi-cases-xlsx')).toHaveAttribute('href', '/api/coi/cases/export.xlsx?status=open&lang=ja');
    await waitFor(() => expect(calls.map((c) => c.url.pathname)).toContain('/api/coi/cases'));
  });

  it('asks for measures before a "manageable" decision, then records it', async () => {
    const committee = { ...tanaka, id: 'p-coi', roles: ['coi_committee'] };
    const { calls } = server(committee, {
      'GET /api/coi/cases/c1': () => json(200, kase),
      'POST /api/coi/cases/c1/decision': () => json(200, { ...kase, status: 'decided' }),
    });
    renderApp('/coi/cases/c1');
    const relationships = await screen.findByTestId('coi-case-relationships');
    expect(await within(relationships).findByText('￥1,200,000')).toBeInTheDocument();
    // A company typed in free text shows as typed, with the registered company it counts as.
    expect(within(relationships).getByText('ｼﾞｪｲｴｽｱｰﾙ（株）')).toBeInTheDocument();
    expect(within(relationships).getByText('登録企業 JSR株式会社 として扱います')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('coi-decide'));
    expect(await screen.findByText('「管理のもとで可」には管理方法が必要です')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.type(screen.getByTestId('coi-measures'), '発表時に開示する');
    await user.click(screen.getByTestId('coi-decide'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ decision: 'manageable', measures: '発表時に開示する' });
  });
});

describe('the project page', () => {
  it('opens its COI tab from the link', () => {
    expect(tabFromPath('/projects/pr-1/coi')).toBe('coi');
    expect(tabFromPath('/projects/pr-1/reports')).toBe('reports');
  });
});
