import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer, json, renderApp, tanaka } from '../test/util';
import i18n from './i18n';

const organisations = [
  { id: 'o-keio', parent_id: null, kind: 'university', name_ja: '慶應義塾大学', name_en: 'Keio University', active: true },
  { id: 'o-med', parent_id: 'o-keio', kind: 'faculty', name_ja: '医学部', name_en: 'School of Medicine', active: true },
  tanaka.organisation,
];

describe('HomePage', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('ja');
  });

  it('greets a clinician in Japanese with organisation path and translated role', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, csrf_token: 't' }),
      'GET /api/organisations': () => json(200, { items: organisations }),
    });
    renderApp('/');
    expect(await screen.findByText('田中 健二 さん、ようこそ')).toBeInTheDocument();
    expect(await screen.findByText('慶應義塾大学 › 医学部 › 循環器内科学教室')).toBeInTheDocument();
    expect(screen.getByText('臨床医・医学研究者')).toBeInTheDocument();
    // A clinician sees no admin pages in the navigation.
    expect(screen.queryByText('人員')).not.toBeInTheDocument();
    expect(screen.queryByText('監査ログ')).not.toBeInTheDocument();
    // What a clinician can do, linking to the pages: first of all, posting a need.
    const guide = within(await screen.findByTestId('home-guide'));
    expect(guide.getByRole('link', { name: '臨床ニーズを投稿する' })).toHaveAttribute('href', '/exchange/needs/new');
    expect(guide.getByRole('link', { name: '利益相反の申告' })).toHaveAttribute('href', '/coi/declaration');
    expect(guide.getByText(/自分のニーズに合うシーズ/)).toBeInTheDocument();
    expect(guide.queryByRole('link', { name: 'ポートフォリオ' })).not.toBeInTheDocument();
  });

  it('follows the language saved for the person (English) and uses Latin names', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, language: 'en', csrf_token: 't' }),
      'GET /api/organisations': () => apiError(403, 'forbidden', 'no'),
    });
    renderApp('/');
    expect(await screen.findByText('Welcome, Kenji Tanaka')).toBeInTheDocument();
    expect(screen.getByText('Department of Cardiology')).toBeInTheDocument();
    expect(screen.getByText('Clinician / medical researcher')).toBeInTheDocument();
    expect(screen.getByText('What you can do')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Post a clinical need' })).toHaveAttribute('href', '/exchange/needs/new');
  });

  it('tells the office what it runs, in its own words', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, roles: ['office'], csrf_token: 't' }),
      'GET /api/organisations': () => json(200, { items: organisations }),
    });
    renderApp('/');
    const guide = await screen.findByTestId('home-guide');
    expect(guide).toHaveTextContent('契約の起案・審査・締結・更新を管理');
    expect(guide).toHaveTextContent('利益相反管理');
    expect(guide).not.toHaveTextContent('臨床ニーズを投稿する');
  });

  it('shows admin pages in the navigation only to an admin', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, roles: ['admin'], csrf_token: 't' }),
      'GET /api/organisations': () => json(200, { items: organisations }),
    });
    renderApp('/');
    expect(await screen.findAllByText('人員')).not.toHaveLength(0);
    expect(screen.getAllByText('組織').length).toBeGreaterThan(0);
    expect(screen.getAllByText('監査ログ').length).toBeGreaterThan(0);
  });
});
