// The COI declaration and the other pages that read the organisations, in one app with one
// QueryClient (issue 12): each module caches GET /api/organisations under its own key, so opening
// one after the other neither blanks the app nor empties the company select.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';

const organisations = [
  { id: 'o-keio', parent_id: null, kind: 'university', name_ja: '慶應義塾大学', name_en: 'Keio University', active: true },
  { id: 'o-med', parent_id: 'o-keio', kind: 'faculty', name_ja: '医学部', name_en: 'School of Medicine', active: true },
  tanaka.organisation,
  { id: 'o-jsr', parent_id: null, kind: 'company', name_ja: 'JSR株式会社', name_en: 'JSR Corporation', active: true },
  { id: 'o-jsr-ls', parent_id: 'o-jsr', kind: 'division', name_ja: 'ライフサイエンス事業部', name_en: 'Life Sciences', active: true },
];
const fy = (() => {
  const tokyo = new Date(Date.now() + 9 * 3600 * 1000);
  return tokyo.getUTCMonth() >= 3 ? tokyo.getUTCFullYear() : tokyo.getUTCFullYear() - 1;
})();
const mine = (prefill: object[]) => ({
  fiscal_year: fy,
  current_fiscal_year: fy,
  declaration: null,
  prefill,
  prefill_from: prefill.length ? fy - 1 : null,
  thresholds: [{ category: 'consulting', rule: 'amount', amount_yen: 1_000_000 }],
});
const lastYear = {
  organisation_id: 'o-jsr-ls',
  organisation_name_ja: 'ライフサイエンス事業部',
  organisation_name_en: 'Life Sciences',
  company_name: '',
  category: 'consulting',
  amount_yen: 600_000,
  note: '',
};

function server(me: object, prefill: object[] = [lastYear]) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/notifications': () => json(200, { items: [], unread_count: 0 }),
    // One response shape for everyone: { items }.
    'GET /api/organisations': () => json(200, { items: organisations }),
    'GET /api/coi/declarations/mine': () => json(200, mine(prefill)),
    'GET /api/exchange/search': () => json(200, { total: 0, items: [] }),
  });
}

const menu = () => within(screen.getByRole('menu', { name: 'メニュー' }));

describe('COI and the other readers of the organisations, in one app', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens the declaration from home: the page shows, with the pre-filled company by name', async () => {
    server(tanaka);
    renderApp('/');
    // Home has read the organisations (as an array) for the organisation path.
    expect(await screen.findByText('慶應義塾大学 › 医学部 › 循環器内科学教室')).toBeInTheDocument();
    await userEvent.setup({ delay: null }).click(menu().getByRole('link', { name: '利益相反の申告' }));
    expect(await screen.findByTestId('coi-status')).toBeInTheDocument();
    // The company select knows the registered companies (not the bare id).
    expect(await within(screen.getByTestId('coi-company-0')).findByText('JSR株式会社 ライフサイエンス事業部')).toBeInTheDocument();
    expect(screen.queryByText('o-jsr-ls')).not.toBeInTheDocument();
  });

  it('opens home and then the exchange after the declaration', async () => {
    server(tanaka);
    renderApp('/coi/declaration');
    expect(await within(await screen.findByTestId('coi-status')).findByText(`${fy}年度の申告はまだありません`)).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(menu().getByRole('link', { name: 'ホーム' }));
    expect(await screen.findByText('田中 健二 さん、ようこそ')).toBeInTheDocument();
    expect(await screen.findByText('慶應義塾大学 › 医学部 › 循環器内科学教室')).toBeInTheDocument();
    await user.click(menu().getByRole('link', { name: 'ニーズ・シーズ' }));
    expect(await screen.findByRole('heading', { name: 'ニーズ・シーズ' })).toBeInTheDocument();
    expect(screen.queryByTestId('page-error')).not.toBeInTheDocument();
  });

  it('lists the registered companies for a company researcher who came from home', async () => {
    server({ ...tanaka, id: 'p-shimizu', roles: ['company_researcher'] }, []);
    renderApp('/');
    expect(await screen.findByText('慶應義塾大学 › 医学部 › 循環器内科学教室')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(menu().getByRole('link', { name: '利益相反の申告' }));
    await user.click(await screen.findByTestId('coi-add-row'));
    await user.click(within(screen.getByTestId('coi-company-0')).getByRole('combobox'));
    expect(await screen.findByRole('option', { name: 'JSR株式会社' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'JSR株式会社 ライフサイエンス事業部' })).toBeInTheDocument();
    expect(screen.queryByText('データがありません')).not.toBeInTheDocument();
  });
});
