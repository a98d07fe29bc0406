import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { fakeServer, json, renderApp, tanaka } from '../../test/util';

const room = {
  id: 's-mr1',
  code: '1F-MR1',
  name: '会議室1',
  name_ja: '会議室1',
  name_en: 'Meeting Room 1',
  floor: '1F',
  kind: 'meeting_room',
  description_ja: '',
  description_en: '',
  area_m2: 36,
  capacity: 12,
  bookable: true,
  needs_approval: false,
  opens_at: '08:00',
  closes_at: '22:00',
  max_minutes: 240,
  active: true,
};
const shimizu = { id: 'p-shimizu', email: 'shimizu.hikaru@renkei.example', name_ja: '清水 光', name_en: 'Hikaru Shimizu' };

describe('booking form: attendees and "find a time"', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('invites a person, proposes times when both are free, and books the chosen one with the attendee', async () => {
    const calls = fakeServer({
      'GET /api/me': () => json(200, tanaka),
      'GET /api/spaces': () => json(200, { items: [room], floors: [{ code: '1F', name_ja: '1階', name_en: '1F', area_m2: 888, position: 1 }] }),
      'GET /api/bookings': () => json(200, { items: [] }),
      'GET /api/people': () => json(200, { items: [tanaka, shimizu] }),
      'GET /api/slots': () =>
        json(200, {
          slots: [{ space_id: 's-mr1', space_name_ja: '会議室1', space_name_en: 'Meeting Room 1', start: '2026-12-02T05:00:00Z', end: '2026-12-02T06:30:00Z' }],
        }),
      'POST /api/bookings': ({ body }) =>
        json(201, { ...(body as object), id: 'b-1', status: 'confirmed', occurrences: [{ status: 'confirmed' }], skipped: [] }),
    });
    renderApp('/building');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /予約する/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('参加者(招待する人)'), '清水');
    await user.click(await screen.findByText('清水 光 <shimizu.hikaru@renkei.example>'));
    await user.click(within(dialog).getByTestId('booking-find-time'));
    const proposal = await within(dialog).findByTestId('booking-proposal');
    expect(proposal).toHaveTextContent('12/2(水) 14:00–15:30 会議室1');
    const slotsCall = calls.calls.find((c) => c.url.pathname === '/api/slots')!;
    expect(slotsCall.url.searchParams.get('people')).toBe('p-tanaka,p-shimizu');
    expect(slotsCall.url.searchParams.get('kind')).toBe('meeting_room');
    expect(slotsCall.url.searchParams.get('minutes')).toBe('60');
    await user.click(proposal);
    await user.type(within(dialog).getByTestId('booking-title'), '臨床ニーズ面談');
    await user.click(within(dialog).getByTestId('booking-submit'));
    await waitFor(() => expect(calls.calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/bookings')).toBe(true));
    const post = calls.calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/bookings')!;
    expect(post.body).toMatchObject({
      space_id: 's-mr1',
      title: '臨床ニーズ面談',
      start: '2026-12-02T14:00:00+09:00',
      end: '2026-12-02T15:30:00+09:00',
      attendee_ids: ['p-shimizu'],
    });
  }); // many Ant Design steps: 17-27 s alone in jsdom, over 30 s on a loaded machine
});

describe('building grid: export', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('downloads the bookings of the day shown as CSV and Excel, one space when one is chosen', async () => {
    fakeServer({
      'GET /api/me': () => json(200, tanaka),
      'GET /api/spaces': () => json(200, { items: [room], floors: [{ code: '1F', name_ja: '1階', name_en: '1F', area_m2: 888, position: 1 }] }),
      'GET /api/bookings': () => json(200, { items: [] }),
    });
    renderApp('/building');
    const csv = await screen.findByTestId('bookings-csv');
    expect(csv).toHaveTextContent('CSV');
    expect(csv).toHaveAttribute('download');
    const href = new URL(csv.getAttribute('href')!, 'http://x');
    expect(href.pathname).toBe('/api/bookings/export.csv');
    expect(href.searchParams.get('lang')).toBe('ja');
    const from = href.searchParams.get('from')!;
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${href.searchParams.get('to')}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()).toBe(86_400_000);
    expect(screen.getByTestId('bookings-xlsx')).toHaveTextContent('Excel');
    expect(screen.getByTestId('bookings-xlsx').getAttribute('href')).toContain('/api/bookings/export.xlsx?from=');
  });
});

describe('events page: my place on the waiting list', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the signed-in member their waiting-list position after a reload', async () => {
    fakeServer({
      'GET /api/me': () => json(200, tanaka),
      'GET /api/areas': () => json(200, { items: [] }),
      'GET /api/spaces': () => json(200, { items: [room], floors: [] }),
      'GET /api/events': () =>
        json(200, {
          items: [
            {
              id: 'ev-1',
              booking_id: 'b',
              space_id: 's-mr1',
              space_name_ja: 'ラウンジ',
              space_name_en: 'Lounge',
              kind: 'meetup',
              title_ja: 'ラウンジ交流会',
              title_en: '',
              description_ja: '',
              description_en: '',
              start: '2026-12-10T08:30:00Z',
              end: '2026-12-10T10:00:00Z',
              capacity: 3,
              open_to_public: false,
              tags: [],
              status: 'published',
              registered: 3,
              waitlisted: 2,
              checked_in: 0,
              my_status: 'waitlisted',
              my_registration_id: 'r-1',
              my_registration: { id: 'r-1', status: 'waitlisted', waitlist_position: 2 },
            },
          ],
        }),
    });
    renderApp('/events');
    expect(await screen.findByTestId('my-registration')).toHaveTextContent('キャンセル待ち 2 番目');
  });

  it('gives the office the registrations as CSV and Excel in its language', async () => {
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, roles: ['office'] }),
      'GET /api/areas': () => json(200, { items: [] }),
      'GET /api/spaces': () => json(200, { items: [room], floors: [] }),
      'GET /api/events': () =>
        json(200, {
          items: [
            {
              id: 'ev-1',
              booking_id: 'b',
              space_id: 's-mr1',
              space_name_ja: 'ラウンジ',
              space_name_en: 'Lounge',
              kind: 'meetup',
              title_ja: 'ラウンジ交流会',
              title_en: '',
              description_ja: '',
              description_en: '',
              start: '2026-12-10T08:30:00Z',
              end: '2026-12-10T10:00:00Z',
              capacity: 3,
              open_to_public: false,
              tags: [],
              status: 'published',
              registered: 3,
              waitlisted: 0,
              checked_in: 0,
            },
          ],
        }),
    });
    renderApp('/events');
    const csv = await screen.findByRole('link', { name: /参加者一覧\(CSV\)/ });
    expect(csv).toHaveAttribute('href', '/api/events/ev-1/registrations.csv?lang=ja');
    expect(screen.getByRole('link', { name: /参加者一覧\(Excel\)/ })).toHaveAttribute('href', '/api/events/ev-1/registrations.xlsx?lang=ja');
  });
});
