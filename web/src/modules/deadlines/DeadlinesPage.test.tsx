import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, screenIsPhone, tanaka, type Handler } from '../../test/util';
import type { Deadline, DeadlineView } from './api';
import { dayLabel, kindChoices, monthDay, tokyoToday } from './model';

const office = { ...tanaka, id: 'p-nakamura', name_ja: '中村 由美', name_en: 'Yumi Nakamura', roles: ['office'] };
const ecg = { id: 'pr-1', title_ja: 'ウェアラブル心電図パッチ', title_en: 'Wearable ECG patch' };
const ibd = { id: 'pr-2', title_ja: 'IBD診断支援', title_en: 'IBD diagnosis support' };
const tanakaRef = { id: 'p-tanaka', name_ja: '田中 健二', name_en: 'Kenji Tanaka' };
const shimizu = { id: 'p-shimizu', name_ja: '清水 光', name_en: 'Hikaru Shimizu' };

const item = (due_on: string, kind: string, extra: Partial<Deadline> = {}): Deadline => ({
  due_on,
  kind,
  kind_label_ja: kind.startsWith('ethics') ? '倫理審査' : kind === 'contracts.expiry' ? '契約満了' : 'マイルストーン',
  kind_label_en: kind.startsWith('ethics') ? 'Ethics' : kind === 'contracts.expiry' ? 'Contract end' : 'Milestone',
  title_ja: `${kind} の期限`,
  title_en: `${kind} deadline`,
  about_ja: '',
  about_en: '',
  project: ecg,
  people: [tanakaRef],
  link: '/projects/pr-1',
  legal: false,
  ...extra,
});

const all: Deadline[] = [
  item('2026-12-08', 'projects.milestone', { title_ja: 'マイルストーン: 試作機完成', title_en: 'Milestone: prototype' }),
  item('2026-12-10', 'ethics.sae_report', {
    title_ja: '疾病等報告',
    title_en: 'Adverse event report',
    about_ja: '心電図パッチの臨床研究',
    legal: true,
    link: '/ethics/protocols/e1',
  }),
  item('2026-12-16', 'contracts.expiry', {
    title_ja: '契約期間の満了（更新の確認）',
    title_en: 'Contract ends (renew?)',
    project: ibd,
    people: [shimizu],
    link: '/contracts/c1',
  }),
];

/** The server's answer for the query: filtered by kind, project and person, grouped by week (Mondays). */
function answer(url: URL): DeadlineView {
  const kind = url.searchParams.get('kind');
  const project = url.searchParams.get('project_id');
  const person = url.searchParams.get('person_id');
  const shown = all.filter(
    (d) =>
      (!kind || d.kind === kind || d.kind.split('.')[0] === kind) &&
      (!project || d.project?.id === project) &&
      (!person || d.people.some((p) => p.id === person)),
  );
  const weeks = [
    { week_start: '2026-12-07', items: shown.filter((d) => d.due_on < '2026-12-14') },
    { week_start: '2026-12-14', items: shown.filter((d) => d.due_on >= '2026-12-14') },
  ].filter((w) => w.items.length > 0);
  return {
    from: url.searchParams.get('from') ?? '',
    to: '2027-03-01',
    days: Number(url.searchParams.get('days') ?? 90),
    total: shown.length,
    weeks,
    kinds: ['contracts.expiry', 'ethics.sae_report', 'projects.milestone'],
    projects: [ecg, ibd],
    people: [shimizu, tanakaRef],
  };
}

function server(me: object, extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
    'GET /api/deadlines': ({ url }) => json(200, answer(url)),
    ...extra,
  });
}

const deadlineQueries = (calls: { url: URL }[]) => calls.filter((c) => c.url.pathname === '/api/deadlines').map((c) => c.url.searchParams);

describe('deadlines page', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('labels days and weeks in both languages and groups kinds by module', () => {
    expect(monthDay('2026-12-07', 'ja')).toBe('12月7日');
    expect(monthDay('2026-12-07', 'en')).toBe('7 Dec');
    expect(dayLabel('2026-12-08', 'ja')).toBe('12月8日（火）');
    expect(dayLabel('2026-12-08', 'en')).toBe('Tue 8 Dec');
    expect(kindChoices(['contracts.expiry', 'ethics.final_report', 'ethics.sae_report'])).toEqual([
      { module: 'contracts', kinds: ['contracts.expiry'] },
      { module: 'ethics', kinds: ['ethics.final_report', 'ethics.sae_report'] },
    ]);
  });

  it('shows the office every deadline by week, filters by kind, project and person, and exports what is shown', async () => {
    const { calls } = server(office);
    renderApp('/deadlines');
    expect(await screen.findByText('期限一覧（全モジュール）')).toBeInTheDocument();
    const weeks = await screen.findAllByTestId('deadlines-week');
    expect(weeks).toHaveLength(2);
    expect(weeks[0]).toHaveTextContent('12月7日の週');
    expect(weeks[0]).toHaveTextContent('2件');
    expect(weeks[0]).toHaveTextContent('12月8日（火）');
    expect(weeks[0]).toHaveTextContent('マイルストーン: 試作機完成');
    expect(weeks[0]).toHaveTextContent('疾病等報告');
    expect(weeks[0]).toHaveTextContent('心電図パッチの臨床研究');
    expect(within(weeks[0]).getAllByText('法定')).toHaveLength(1);
    expect(weeks[0]).toHaveTextContent('ウェアラブル心電図パッチ');
    expect(weeks[0]).toHaveTextContent('田中 健二');
    expect(weeks[1]).toHaveTextContent('12月14日の週');
    expect(weeks[1]).toHaveTextContent('契約満了');
    expect(within(weeks[1]).getByText('契約期間の満了（更新の確認）').closest('a')).toHaveAttribute('href', '/contracts/c1');
    expect(screen.getByTestId('deadlines-total')).toHaveTextContent('3件');
    const first = deadlineQueries(calls)[0];
    expect(first.get('from')).toBe(tokyoToday());
    expect(first.get('days')).toBe('90');
    expect(screen.getByTestId('deadlines-csv')).toHaveAttribute('href', `/api/deadlines?from=${tokyoToday()}&days=90&format=csv&lang=ja`);
    expect(screen.getByTestId('deadlines-csv')).toHaveAttribute('download');
    expect(screen.getByTestId('deadlines-xlsx')).toHaveAttribute('href', `/api/deadlines?from=${tokyoToday()}&days=90&format=xlsx&lang=ja`);

    // Kind: a whole module.
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('deadlines-kind').querySelector('input')!);
    await user.click(await screen.findByText('倫理審査のすべて', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(screen.getAllByTestId('deadlines-week')).toHaveLength(1));
    expect(screen.getByTestId('deadlines-week')).toHaveTextContent('疾病等報告');
    expect(screen.getByTestId('deadlines-week')).not.toHaveTextContent('試作機完成');
    expect(deadlineQueries(calls).at(-1)?.get('kind')).toBe('ethics');
    expect(screen.getByTestId('deadlines-csv').getAttribute('href')).toContain('kind=ethics');
    await user.click(screen.getByTestId('deadlines-kind').querySelector('.ant-select-clear')!);
    await waitFor(() => expect(screen.getAllByTestId('deadlines-week')).toHaveLength(2));

    // Project, then person.
    await user.click(screen.getByTestId('deadlines-project').querySelector('input')!);
    await user.click(await screen.findByText('IBD診断支援', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(screen.getAllByTestId('deadlines-week')).toHaveLength(1));
    expect(screen.getByTestId('deadlines-week')).toHaveTextContent('契約期間の満了');
    expect(deadlineQueries(calls).at(-1)?.get('project_id')).toBe('pr-2');
    await user.click(screen.getByTestId('deadlines-project').querySelector('.ant-select-clear')!);
    await user.click(screen.getByTestId('deadlines-person').querySelector('input')!);
    await user.click(await screen.findByText('田中 健二', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(deadlineQueries(calls).at(-1)?.get('person_id')).toBe('p-tanaka'));
    await waitFor(() => expect(screen.getAllByTestId('deadlines-week')).toHaveLength(1));
    expect(screen.getByTestId('deadlines-week')).toHaveTextContent('12月7日の週');
  });

  it('reads in English on a phone, as cards', async () => {
    screenIsPhone(true);
    await i18n.changeLanguage('en');
    server({ ...office, language: 'en' });
    renderApp('/deadlines');
    const weeks = await screen.findAllByTestId('deadlines-week');
    expect(weeks[0]).toHaveTextContent('Week of 7 Dec');
    expect(weeks[0]).toHaveTextContent('2 deadlines');
    const cards = await screen.findAllByTestId('deadlines-card');
    expect(cards).toHaveLength(3);
    expect(cards[0]).toHaveTextContent('Milestone: prototype');
    expect(cards[0]).toHaveTextContent('Tue 8 Dec');
    expect(cards[0]).toHaveTextContent('Wearable ECG patch');
    expect(cards[1]).toHaveTextContent('Legal');
    expect(screen.getByTestId('deadlines-csv').getAttribute('href')).toContain('lang=en');
  });

  it('is not in the menu of a clinician, and the page refuses them', async () => {
    server(tanaka);
    renderApp('/deadlines');
    await waitFor(() => expect(screen.queryByTestId('deadlines-week')).not.toBeInTheDocument());
    expect(screen.queryByText('期限一覧（全モジュール）')).not.toBeInTheDocument();
  });
});
