import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';
import type { AuditEntry } from './api';

const office = { ...tanaka, id: 'p-office', name_ja: '事務局 花子', name_en: 'Hanako Jimukyoku', roles: ['office'] };
const actor = { id: 'p-office', name_ja: '事務局 花子', name_en: 'Hanako Jimukyoku' };

const changes: AuditEntry[] = [
  {
    id: '3',
    at: '2026-11-30T01:00:00Z',
    actor,
    action: 'update',
    entity: 'need',
    entity_id: 'n-1',
    entity_name: { name_ja: '床ずれの浸出液', name_en: '床ずれの浸出液' },
    before: { title: '床ずれ' },
    after: { title: '床ずれの浸出液' },
    redacted: null,
  },
  {
    id: '2',
    at: '2026-11-29T01:00:00Z',
    actor,
    action: 'update',
    entity: 'seed',
    entity_id: 's-secret',
    entity_name: null,
    before: null,
    after: null,
    redacted: 'not_entitled',
  },
];
const reads: AuditEntry[] = [
  {
    id: '1',
    at: '2026-11-28T01:00:00Z',
    actor,
    action: 'read',
    entity: 'coi_declaration',
    entity_id: 'd-1',
    entity_name: null,
    before: null,
    after: { person_id: 'p-tanaka', fiscal_year: 2026, via: 'declaration' },
    redacted: null,
  },
];

function server() {
  return fakeServer({
    'GET /api/me': () => json(200, { ...office, csrf_token: 'csrf' }),
    'GET /api/people': () => json(200, { items: [office] }),
    'GET /api/audit': ({ url }) => json(200, { items: url.searchParams.get('shown') === 'reads' ? reads : changes, next_before: null }),
  });
}

describe('AuditPage', () => {
  // The page is loaded lazily by the app; load it once up front so a busy machine's first render
  // is not spent transforming it.
  beforeAll(async () => {
    await import('./AuditPage');
  }, 120_000);
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('speaks Japanese and names people and records with links to their pages', async () => {
    server();
    renderApp('/audit');
    const target = await screen.findByText('床ずれの浸出液');
    expect(target.closest('a')?.getAttribute('href')).toBe('/exchange/needs/n-1');
    const row = target.closest('tr')!;
    expect(within(row).getByText('事務局 花子').closest('a')?.getAttribute('href')).toBe('/exchange/people/p-office');
    expect(within(row).getByText('更新')).toBeInTheDocument();
    expect(within(row).getByText('臨床ニーズ')).toBeInTheDocument();
    expect(within(row).queryByText('need')).toBeNull();
    expect(within(row).queryByText('update')).toBeNull();
  });

  it('shows a redacted record by its id only, with no link and no name', async () => {
    server();
    renderApp('/audit');
    const id = await screen.findByText('s-secret');
    const row = id.closest('tr')!;
    expect(within(row).getByText('研究シーズ')).toBeInTheDocument();
    expect([...row.querySelectorAll('a')].map((link) => link.getAttribute('href'))).toEqual(['/exchange/people/p-office']);
  });

  it('shows changes by default and views of personal data apart, on request', async () => {
    const { calls } = server();
    renderApp('/audit');
    await screen.findByText('床ずれの浸出液');
    const first = calls.find((call) => call.url.pathname === '/api/audit')!;
    expect(first.url.searchParams.get('shown')).toBeNull();
    expect(screen.queryByText('閲覧')).toBeNull();

    const user = userEvent.setup({ delay: null });
    await user.click(within(screen.getByTestId('audit-shown')).getByText('個人情報の閲覧'));
    const read = await screen.findByText('閲覧');
    expect(within(read.closest('tr')!).getByText('利益相反の申告')).toBeInTheDocument();
    await waitFor(() => expect(calls.some((call) => call.url.searchParams.get('shown') === 'reads')).toBe(true));
    expect(screen.queryByText('床ずれの浸出液')).toBeNull();
  });

  it('labels the fields of a change in Japanese', async () => {
    server();
    renderApp('/audit');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByText('臨床ニーズ'));
    expect((await screen.findByText('タイトル')).closest('th')?.getAttribute('title')).toBe('title');
  });
});
