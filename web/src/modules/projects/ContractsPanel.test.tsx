import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';
import type { ContractSummary } from '../contracts/api';
import { orderProjectContracts, termText } from './ContractsPanel';
import { tabFromPath } from './ProjectPage';

const ref = { id: tanaka.id, name_ja: tanaka.name_ja, name_en: tanaka.name_en };
const summary = {
  id: 'pr-1',
  kind: 'joint',
  area_code: null,
  title_ja: 'ウェアラブル心電図パッチ',
  title_en: 'Wearable ECG patch',
  public_summary: '貼るだけの心電計',
  status: 'active',
  stage: 'exploration',
  stage_since: '2026-11-01T00:00:00Z',
  access: 'summary',
  pi: ref,
  company_lead: null,
};
const full = {
  ...summary,
  access: 'full',
  aims: '',
  report_period: 'monthly',
  created_at: '2026-10-01T00:00:00Z',
  active_since: '2026-11-01T00:00:00Z',
  proposed_by: ref,
  decided_by: ref,
  decided_at: '2026-11-01T00:00:00Z',
  decision_reason: '',
  members: [{ person: ref, role: 'pi', organisation_id: null }],
  organisations: [],
  budgets: [],
  links: [],
  history: [],
  pending_request: null,
  confirmations: [],
  product: null,
  last_report_on: null,
  next_report_due: null,
  report_overdue: false,
  permissions: {
    edit: false,
    decide: false,
    request_stage: false,
    approve_stage: false,
    report: true,
    acknowledge: false,
    upload: false,
    confirm: false,
    member: true,
  },
};

const party = (name_ja: string, name_en: string, role: string) => ({
  organisation_id: `o-${name_en}`,
  name_ja,
  name_en,
  organisation_kind: role === 'company' ? 'company' : 'university',
  role,
  signatory: null,
  signatory_name: '',
  signatory_title: '',
});
const contract = (
  id: string,
  title: string,
  type: ContractSummary['type'],
  status: ContractSummary['status'],
  term: [string | null, string | null] = [null, null],
): ContractSummary => ({
  id,
  type,
  title,
  status,
  status_since: '2026-11-01T00:00:00Z',
  days_in_status: 3,
  waiting_long: false,
  waiting_on: 'us',
  project_id: 'pr-1',
  parties: [party('慶應義塾大学', 'Keio University', 'university'), party('JSR株式会社', 'JSR', 'company')],
  starts_on: term[0],
  ends_on: term[1],
  amount_yen: null,
  updated_at: '2026-11-01T00:00:00Z',
});

function server(me: object, project: object, contracts: ContractSummary[]) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/areas': () => json(200, { items: [] }),
    'GET /api/projects/pr-1': () => json(200, project),
    'GET /api/contracts': () => json(200, { items: contracts, total: contracts.length }),
  });
}

describe('project contracts tab', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists what the contracts service returns for the project, with type, status, parties, term and a link', async () => {
    const calls = server(tanaka, full, [
      contract('c-draft', '試料提供契約', 'mta', 'draft'),
      contract('c-nda', '心電図パッチに関する秘密保持契約', 'nda', 'active', ['2026-04-01', '2029-03-31']),
    ]);
    renderApp('/projects/pr-1/contracts');
    const panel = await screen.findByTestId('project-contracts');
    const link = await within(panel).findByRole('link', { name: '心電図パッチに関する秘密保持契約' });
    expect(link.getAttribute('href')).toBe('/contracts/c-nda');
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toContain('秘密保持契約');
    expect(rows[0].textContent).toContain('慶應義塾大学・JSR株式会社');
    expect(rows[0].textContent).toContain('2026-04-01 – 2029-03-31');
    expect(rows[1].textContent).toContain('試料提供契約');
    expect(screen.getByRole('tab', { name: '契約', selected: true })).toBeInTheDocument();
    const list = calls.calls.find((c) => c.url.pathname === '/api/contracts');
    expect(list?.url.searchParams.get('project_id')).toBe('pr-1');
    expect(within(panel).queryByTestId('project-contracts-list')).toBeNull();
  });

  it('says so when there is nothing the viewer may see, and offers the office the filtered list', async () => {
    server({ ...tanaka, roles: ['office'] }, full, []);
    renderApp('/projects/pr-1/contracts');
    expect(await screen.findByText('この研究に関する、あなたが閲覧できる契約はありません')).toBeInTheDocument();
    expect(screen.getByTestId('project-contracts-list').getAttribute('href')).toBe('/contracts?project_id=pr-1');
  });

  it('shows a summary-only viewer the contracts they may see', async () => {
    server({ ...tanaka, id: 'p-other' }, summary, [contract('c-nda', '秘密保持契約A', 'nda', 'signed')]);
    renderApp('/projects/pr-1');
    expect(await screen.findByRole('link', { name: '秘密保持契約A' })).toBeInTheDocument();
  });

  it('shows a summary-only viewer no contracts card when they may see none', async () => {
    const calls = server({ ...tanaka, id: 'p-other' }, summary, []);
    renderApp('/projects/pr-1');
    expect(await screen.findByText('貼るだけの心電計')).toBeInTheDocument();
    await waitFor(() => expect(calls.calls.some((c) => c.url.pathname === '/api/contracts')).toBe(true));
    expect(screen.queryByTestId('project-contracts')).toBeNull();
  });
});

describe('project contracts helpers', () => {
  it('orders contracts in force first and ended ones last', () => {
    const ordered = orderProjectContracts([
      contract('a', 'A', 'nda', 'terminated'),
      contract('b', 'B', 'nda', 'draft'),
      contract('c', 'C', 'nda', 'active'),
      contract('d', 'D', 'nda', 'approved'),
    ]);
    expect(ordered.map((c) => c.id)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('writes the term with either end open', () => {
    expect(termText({ starts_on: '2026-04-01', ends_on: '2027-03-31' })).toBe('2026-04-01 – 2027-03-31');
    expect(termText({ starts_on: '2026-04-01', ends_on: null })).toBe('2026-04-01 –');
    expect(termText({ starts_on: null, ends_on: null })).toBe('');
  });

  it('opens the contracts tab from its path', () => {
    expect(tabFromPath('/projects/abc/contracts')).toBe('contracts');
  });
});
