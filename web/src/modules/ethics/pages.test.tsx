import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, screenIsPhone, tanaka, type Handler } from '../../test/util';
import { tokyoToday, addDays } from './model';

const office = { ...tanaka, id: 'p-nakamura', name_ja: '中村 由美', name_en: 'Yumi Nakamura', roles: ['office'] };
const pi = { id: tanaka.id, name_ja: tanaka.name_ja, name_en: tanaka.name_en };
const today = tokyoToday();

const committee = {
  id: 'c1',
  name_ja: '医学部倫理委員会',
  name_en: 'Ethics Committee',
  kind: 'institutional',
  certification_no: '',
  approval_valid_months: null,
  active: true,
  members: [{ id: 'p-sato', name_ja: '佐藤 誠一', name_en: 'Seiichi Sato' }],
  meetings: [{ id: 'm1', meets_on: addDays(today, 30), cutoff_on: addDays(today, 9) }],
  next_meeting: { id: 'm1', meets_on: addDays(today, 30), cutoff_on: addDays(today, 9) },
  template_version: 0,
};

const deadline = (extra: object = {}) => ({
  kind: 'sae_report',
  due_on: addDays(today, 3),
  legal_due_on: addDays(today, 3),
  protocol_id: 'e1',
  rule_code: 'sae_guideline_serious',
  subject_id: 'ae1',
  label_ja: '重篤な有害事象の報告（指針）',
  label_en: 'Serious adverse event report (guidelines)',
  source_ja: '倫理指針 第15の2(3)',
  source_url: 'https://www.mhlw.go.jp/',
  falls_on_holiday: false,
  filed_on: null,
  ...extra,
});

const summary = (id: string, title_ja: string, extra: object = {}) => ({
  id,
  project_id: 'pr1',
  project_title_ja: '心電図パッチ',
  project_title_en: 'ECG patch',
  title_ja,
  title_en: '',
  category: 'observational',
  committee: 'c1',
  committee_name_ja: '医学部倫理委員会',
  committee_name_en: 'Ethics Committee',
  review_type: 'full',
  status: 'preparing',
  pi,
  submitted_on: null,
  approved_on: null,
  target_enrolment: 100,
  enrolled: 0,
  next_deadline: null,
  ...extra,
});

const may = { edit: true, submit: true, review: false, start: false, complete: false, withdraw: true, report: false };

const protocol = (extra: object = {}) => ({
  ...summary('e1', '心電図パッチの観察研究'),
  sites: ['慶應義塾大学病院'],
  planned_start: '2027-01-01',
  planned_end: '2028-12-31',
  investigators: [{ person: pi, role: 'pi' }],
  jrct_id: '',
  jrct_registered_on: null,
  approval_no: '',
  expires_on: null,
  activated_on: null,
  completed_on: null,
  meeting: committee.next_meeting,
  history: [],
  enrolment: [],
  adverse_events: [],
  deadlines: [],
  may,
  ...extra,
});

function server(me: object, extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...me, csrf_token: 'csrf-x' }),
    'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
    'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
    'GET /api/ethics/committees': () => json(200, { items: [committee] }),
    ...extra,
  });
}

describe('ethics review pages', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists protocols by next deadline then in Japanese order, filters by status, and creates one from my project', async () => {
    const { calls } = server(tanaka, {
      'GET /api/ethics/protocols': () =>
        json(200, {
          items: [
            summary('e3', 'わかめの研究', { status: 'approved', approved_on: '2026-10-01' }),
            summary('e2', 'あさりの研究'),
            summary('e4', 'かにの研究', { status: 'active', next_deadline: deadline({ due_on: '2026-01-05' }) }),
          ],
        }),
      'GET /api/projects': () => json(200, { items: [{ id: 'pr1', title_ja: '心電図パッチ', title_en: 'ECG patch', status: 'active', member: true }] }),
      'POST /api/ethics/protocols': () => json(201, protocol({ id: 'e9' })),
      'GET /api/ethics/protocols/e9': () => json(200, protocol({ id: 'e9' })),
    });
    renderApp('/ethics');
    const links = await screen.findAllByTestId('ethics-protocol-link');
    expect(links.map((l) => l.textContent)).toEqual(['かにの研究', 'あさりの研究', 'わかめの研究']);
    // Overdue: red, with a tag.
    expect(screen.getByText('期限超過')).toBeInTheDocument();
    expect(screen.getByText('承認')).toBeInTheDocument();

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('ethics-new'));
    const form = await screen.findByTestId('ethics-new-form');
    await user.click(within(form).getByTestId('ethics-project').querySelector('input')!);
    await user.click(await screen.findByText('心電図パッチ', { selector: '.ant-select-item-option-content' }));
    await user.click(within(form).getByTestId('ethics-committee').querySelector('input')!);
    await user.click(await screen.findByText('医学部倫理委員会', { selector: '.ant-select-item-option-content' }));
    expect(await screen.findByTestId('ethics-next-meeting')).toHaveTextContent(`次回 ${addDays(today, 30)} 開催（締切 ${addDays(today, 9)}）`);
    await user.click(screen.getByTestId('ethics-create'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url.pathname).toBe('/api/ethics/protocols');
    expect(post?.body).toEqual({ project_id: 'pr1', category: 'observational', committee_id: 'c1', review_type: 'full', sites: [] });
    // The new protocol's page.
    expect(await screen.findByTestId('ethics-title')).toHaveTextContent('心電図パッチの観察研究');
  });

  it('submits in one modal that shows the key fields and the generated application', async () => {
    let submitted = false;
    const createObjectURL = vi.fn(() => 'blob:application');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const { calls } = server(tanaka, {
      'GET /api/ethics/protocols/e1': () => json(200, submitted ? protocol({ status: 'submitted', may: { ...may, submit: false, edit: true } }) : protocol()),
      'POST /api/ethics/protocols/e1/application': () =>
        new Response(new Blob(['PK docx']), {
          status: 200,
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'Content-Disposition': "attachment; filename*=UTF-8''%E7%94%B3%E8%AB%8B%E6%9B%B8.docx",
          },
        }),
      'POST /api/ethics/protocols/e1/status': () => {
        submitted = true;
        return json(200, protocol({ status: 'submitted', submitted_on: today, may: { ...may, submit: false } }));
      },
    });
    renderApp('/ethics/protocols/e1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('ethics-action-submit-button'));
    const modal = await screen.findByTestId('ethics-submit-modal');
    expect(within(modal).getByTestId('ethics-key-fields')).toHaveTextContent('心電図パッチの観察研究');
    expect(within(modal).getByTestId('ethics-key-fields')).toHaveTextContent('慶應義塾大学病院');
    const link = await within(modal).findByTestId('ethics-application-link');
    expect(link).toHaveAttribute('download', '申請書.docx');
    expect(link).toHaveAttribute('href', 'blob:application');
    await user.click(screen.getByTestId('ethics-submit-ok'));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/ethics/protocols/e1/status')).toBe(true));
    const post = calls.find((c) => c.url.pathname === '/api/ethics/protocols/e1/status');
    expect(post?.body).toEqual({ status: 'submitted' });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-x');
    expect(await screen.findByText('審査に提出しました')).toBeInTheDocument();
  });

  it('will not submit while the planned period is missing', async () => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }));
    server(tanaka, {
      'GET /api/ethics/protocols/e1': () => json(200, protocol({ planned_start: null })),
      'POST /api/ethics/protocols/e1/application': () => new Response(new Blob(['PK']), { status: 200 }),
    });
    renderApp('/ethics/protocols/e1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('ethics-action-submit-button'));
    expect(await screen.findByText('提出の前に入力が必要です: 実施予定（開始）')).toBeInTheDocument();
    expect(screen.getByTestId('ethics-submit-ok')).toBeDisabled();
  });

  it("shows the server's jRCT message on the field when a specified clinical trial starts too early", async () => {
    server(tanaka, {
      'GET /api/ethics/protocols/e1': () =>
        json(200, protocol({ status: 'approved', category: 'specified_clinical', may: { ...may, submit: false, start: true } })),
      'POST /api/ethics/protocols/e1/status': () =>
        apiError(422, 'invalid', 'a 特定臨床研究 starts only after its plan is on jRCT (臨床研究法 第5条第1項)', 'jrct_registered_on'),
    });
    renderApp('/ethics/protocols/e1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('ethics-action-start-button'));
    await screen.findByTestId('ethics-action-start');
    await user.click(screen.getByTestId('ethics-action-ok'));
    expect(await screen.findByText(/臨床研究法 第5条第1項/)).toBeInTheDocument();
  });

  it('records an adverse event and shows the deadline it adds', async () => {
    let after = false;
    const approved = { status: 'approved', may: { ...may, submit: false, report: true } };
    const { calls } = server(tanaka, {
      'GET /api/ethics/protocols/e1': () =>
        json(
          200,
          after
            ? protocol({
                ...approved,
                adverse_events: [
                  {
                    id: 'ae1',
                    learned_on: today,
                    occurred_on: null,
                    seriousness: 'serious',
                    expected: false,
                    unapproved: false,
                    summary: '入院',
                    created_at: '',
                  },
                ],
                deadlines: [deadline()],
              })
            : protocol(approved),
        ),
      'POST /api/ethics/protocols/e1/adverse-events': () => {
        after = true;
        return json(
          201,
          protocol({
            ...approved,
            adverse_events: [
              { id: 'ae1', learned_on: today, occurred_on: null, seriousness: 'serious', expected: false, unapproved: false, summary: '入院', created_at: '' },
            ],
            deadlines: [deadline()],
          }),
        );
      },
    });
    renderApp('/ethics/protocols/e1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: '有害事象' }));
    expect((await screen.findAllByText('患者を特定できる情報は入力しないでください。')).length).toBeGreaterThan(0);
    await user.type(screen.getByTestId('ethics-event-summary'), '入院');
    await user.click(screen.getByTestId('ethics-event-add'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      learned_on: today,
      seriousness: 'serious',
      expected: false,
      unapproved: false,
      summary: '入院',
    });
    expect(await screen.findByTestId('ethics-new-deadline')).toHaveTextContent(`重篤な有害事象の報告（指針）: ${addDays(today, 3)}`);
  });

  it('lets the committee request revisions only with a note, and approve with a number', async () => {
    const { calls } = server(office, {
      'GET /api/ethics/protocols/e1': () => json(200, protocol({ status: 'submitted', may: { ...may, submit: false, review: true } })),
      'POST /api/ethics/protocols/e1/status': () => json(200, protocol({ status: 'approved' })),
    });
    renderApp('/ethics/protocols/e1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('ethics-action-revise-button'));
    await screen.findByTestId('ethics-action-revise');
    await user.click(screen.getByTestId('ethics-action-ok'));
    expect(await screen.findByText('入力してください')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'キャンセル' }));
    await user.click(screen.getByTestId('ethics-action-approve-button'));
    await user.type(await screen.findByTestId('ethics-approval-no'), '2026-123');
    await user.click(screen.getByTestId('ethics-action-ok'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ status: 'approved', on: today, approval_no: '2026-123' });
  });

  it('marks a deadline filed and warns of one that falls on a holiday', async () => {
    const { calls } = server(tanaka, {
      'GET /api/ethics/protocols/e1': () =>
        json(200, protocol({ status: 'active', may: { ...may, submit: false, report: true }, deadlines: [deadline({ falls_on_holiday: true })] })),
      'POST /api/ethics/protocols/e1/reports': () => json(200, protocol({ status: 'active' })),
    });
    renderApp('/ethics/protocols/e1');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: '期限' }));
    expect((await screen.findAllByText(/休日にあたります — 前営業日までの提出を推奨/)).length).toBeGreaterThan(0);
    await user.click(screen.getByTestId('ethics-mark-filed'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ kind: 'sae_report', due_on: addDays(today, 3), subject_id: 'ae1' });
  });

  it("shows the office's deadlines with overdue rows and the PI, as cards on a phone", async () => {
    screenIsPhone(true);
    const { calls } = server(office, {
      'GET /api/ethics/deadlines': () =>
        json(200, {
          from: today,
          to: addDays(today, 90),
          items: [
            deadline({ due_on: '2026-01-05', overdue: true, protocol_title_ja: '古い研究', pi, status: 'active' }),
            deadline({ protocol_title_ja: '新しい研究', pi, status: 'active' }),
          ],
        }),
    });
    renderApp('/ethics/deadlines');
    const cards = await screen.findAllByTestId('ethics-deadline-card');
    expect(cards).toHaveLength(2);
    expect(cards[0]).toHaveClass('ethics-overdue-row');
    expect(cards[0]).toHaveTextContent('古い研究');
    expect(cards[0]).toHaveTextContent('田中 健二');
    expect(cards[1]).toHaveTextContent('あと3日');
    const query = calls.find((c) => c.url.pathname === '/api/ethics/deadlines')?.url.searchParams;
    expect(query?.get('from')).toBe(today);
    expect(query?.get('to')).toBe(addDays(today, 90));
  });

  it("shows the office's committees, rules and turnaround in English", async () => {
    await i18n.changeLanguage('en');
    server(
      { ...office, language: 'en' },
      {
        'GET /api/ethics/rules': () =>
          json(200, {
            items: [
              {
                code: 'sae_guideline_serious',
                kind: 'sae_report',
                trigger: 'adverse_event',
                categories: ['interventional'],
                seriousness: ['serious'],
                expected: null,
                unapproved: null,
                amount: 3,
                unit: 'day',
                first_day_counts: false,
                repeat_months: 0,
                moves_to_business_day: false,
                label_ja: '重篤な有害事象の報告（指針）',
                label_en: 'Serious adverse event report (guidelines)',
                source_ja: '倫理指針 第15の2(3)',
                source_url: 'https://www.mhlw.go.jp/',
                note: '指針は「速やかに」',
              },
            ],
          }),
        'GET /api/ethics/turnaround': () =>
          json(200, {
            committees: [{ key: 'c1', label_ja: '医学部倫理委員会', label_en: 'Ethics Committee', approved: 4, median_days: 32.5 }],
            categories: [{ key: 'observational', label_ja: '観察研究', label_en: 'Observational study', approved: 4, median_days: 30 }],
          }),
      },
    );
    renderApp('/ethics/committees');
    expect(await screen.findByText('Committees & deadline rules')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Serious adverse event report (guidelines)')).toBeInTheDocument());
    expect(screen.getByText('3 days')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '倫理指針 第15の2(3)' })).toHaveAttribute('href', 'https://www.mhlw.go.jp/');
    await waitFor(() => expect(screen.getByText('32.5 days')).toBeInTheDocument());
    expect(screen.getByText('Seiichi Sato')).toBeInTheDocument();
    expect(screen.getByText(`Meets on ${addDays(today, 30)} · Submission cut-off ${addDays(today, 9)}`)).toBeInTheDocument();
  });
  describe('amendments and consent forms', () => {
    const amendment = (extra: object = {}) => ({
      id: 'a1',
      kind: 'consent',
      number: 1,
      summary: '初版',
      filename: 'consent-v1.pdf',
      size_bytes: 2048,
      status: 'approved',
      note: '',
      submitted_on: '2026-10-01',
      decided_on: '2026-10-20',
      ...extra,
    });
    const listed = [
      amendment(),
      amendment({ id: 'a2', number: 2, summary: '採血量の記載を修正', filename: 'consent-v2.pdf', submitted_on: '2026-11-01', decided_on: '2026-11-15' }),
      amendment({ id: 'a3', kind: 'amendment', number: 1, summary: '実施医療機関の追加', filename: '', size_bytes: 0, status: 'submitted', decided_on: null }),
    ];
    const approvedMay = { ...may, submit: false, edit: false, report: true };

    it('lists the consent versions with v2 in force and an amendment under review', async () => {
      server(tanaka, {
        'GET /api/ethics/protocols/e1': () => json(200, protocol({ status: 'active', may: approvedMay, amendments: listed, consent_version: 2 })),
      });
      renderApp('/ethics/protocols/e1');
      expect(await screen.findByTestId('ethics-consent-version')).toHaveTextContent('第2版');
      const user = userEvent.setup({ delay: null });
      await user.click(screen.getByRole('tab', { name: /変更申請・同意文書/ }));
      const consents = await screen.findByTestId('ethics-consent-list');
      const rows = consents.querySelectorAll('tbody tr.ant-table-row');
      expect(rows).toHaveLength(2);
      expect(rows[0]).toHaveClass('ethics-current-row');
      expect(rows[0]).toHaveTextContent('第2版');
      expect(rows[0]).toHaveTextContent('現行版');
      expect(rows[0]).toHaveTextContent('承認');
      expect(rows[0]).toHaveTextContent('採血量の記載を修正');
      expect(within(rows[0] as HTMLElement).getByTestId('ethics-amendment-file')).toHaveAttribute('href', '/api/ethics/protocols/e1/amendments/a2/file');
      expect(rows[1]).not.toHaveClass('ethics-current-row');
      expect(screen.getByTestId('ethics-consent-current')).toHaveTextContent('現行: 第2版');
      const amendments = screen.getByTestId('ethics-amendment-list');
      expect(amendments).toHaveTextContent('変更申請 1');
      expect(amendments).toHaveTextContent('審査中');
      expect(amendments).toHaveTextContent('実施医療機関の追加');
      // The PI (not a reviewer) may withdraw it, not decide it.
      expect(within(amendments).getByTestId('ethics-amendment-withdraw')).toBeInTheDocument();
      expect(within(amendments).queryByTestId('ethics-amendment-approve')).toBeNull();
    });

    it('uploads a new consent version as raw bytes with kind=consent', async () => {
      let posted = false;
      const { calls, fetchMock } = server(tanaka, {
        'GET /api/ethics/protocols/e1': () =>
          json(
            200,
            protocol({
              status: 'active',
              may: approvedMay,
              amendments: posted ? [...listed, amendment({ id: 'a4', number: 3, summary: '第3版', status: 'submitted', decided_on: null })] : listed,
              consent_version: 2,
            }),
          ),
        'POST /api/ethics/protocols/e1/amendments': () => {
          posted = true;
          return json(
            201,
            protocol({
              status: 'active',
              may: approvedMay,
              amendments: [...listed, amendment({ id: 'a4', number: 3, summary: '第3版', status: 'submitted', decided_on: null })],
              consent_version: 2,
            }),
          );
        },
      });
      renderApp('/ethics/protocols/e1');
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('tab', { name: /変更申請・同意文書/ }));
      const form = await screen.findByTestId('ethics-amendment-form');
      await user.type(within(form).getByTestId('ethics-amendment-summary'), '第3版');
      // No file yet: refused in the form.
      await user.click(within(form).getByTestId('ethics-amendment-submit'));
      expect(await within(form).findByText('同意説明文書のファイルを選んでください')).toBeInTheDocument();
      expect(calls.some((c) => c.method === 'POST')).toBe(false);
      const file = new File(['%PDF-1.4 test'], '同意説明文書v3.pdf', { type: 'application/pdf' });
      await user.upload(form.querySelector('input[type="file"]') as HTMLInputElement, file);
      expect(await within(form).findByText('同意説明文書v3.pdf')).toBeInTheDocument();
      await user.click(within(form).getByTestId('ethics-amendment-submit'));
      await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
      const post = calls.find((c) => c.method === 'POST')!;
      expect(post.url.pathname).toBe('/api/ethics/protocols/e1/amendments');
      expect(post.url.searchParams.get('kind')).toBe('consent');
      expect(post.url.searchParams.get('summary')).toBe('第3版');
      expect(post.url.searchParams.get('filename')).toBe('同意説明文書v3.pdf');
      expect(post.headers.get('Content-Type')).toBe('application/octet-stream');
      expect(post.headers.get('X-CSRF-Token')).toBe('csrf-x');
      const init = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')![1]!;
      expect(new TextDecoder().decode(init.body as ArrayBuffer)).toBe('%PDF-1.4 test');
      expect(await screen.findByText('申請しました')).toBeInTheDocument();
      await waitFor(() => expect(screen.getByTestId('ethics-consent-list').querySelectorAll('tbody tr.ant-table-row')).toHaveLength(3));
    });

    it('asks the office for a note before requesting revisions on a consent form', async () => {
      const { calls } = server(office, {
        'GET /api/ethics/protocols/e1': () =>
          json(
            200,
            protocol({
              status: 'active',
              may: { ...may, submit: false, edit: false, withdraw: false, review: true },
              amendments: [amendment({ id: 'a5', number: 1, status: 'submitted', decided_on: null })],
              consent_version: 0,
            }),
          ),
        'POST /api/ethics/protocols/e1/amendments/a5/status': () => json(200, protocol({ status: 'active' })),
      });
      renderApp('/ethics/protocols/e1');
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('tab', { name: /変更申請・同意文書/ }));
      await user.click(await screen.findByTestId('ethics-amendment-revise'));
      await screen.findByTestId('ethics-amendment-revise-form');
      await user.click(screen.getByTestId('ethics-amendment-revise-ok'));
      expect(await screen.findByText('入力してください')).toBeInTheDocument();
      expect(calls.some((c) => c.method === 'POST')).toBe(false);
      await user.type(screen.getByTestId('ethics-amendment-note'), '説明の平易化をお願いします');
      await user.click(screen.getByTestId('ethics-amendment-revise-ok'));
      await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ status: 'revisions_requested', note: '説明の平易化をお願いします' });
    });
  });
});
