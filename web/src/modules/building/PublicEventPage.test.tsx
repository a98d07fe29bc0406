import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp } from '../../test/util';

const event = {
  id: 'ev-1',
  booking_id: 'b-1',
  space_id: 's-hall',
  space_name_ja: 'ホール',
  space_name_en: 'Hall',
  kind: 'seminar',
  title_ja: '再生医療セミナー',
  title_en: 'Regenerative medicine seminar',
  description_ja: '最新動向',
  description_en: '',
  start: '2026-12-10T06:00:00Z',
  end: '2026-12-10T08:00:00Z',
  capacity: 1,
  open_to_public: true,
  tags: [],
  status: 'published',
  registered: 1,
  waitlisted: 0,
  my_status: '',
  my_registration_id: null,
};

describe('PublicEventPage', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lets a guest join the waiting list of a full event without signing in', async () => {
    const calls = fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'sign in', null),
      'GET /api/public/events/ev-1': () => json(200, event),
      'POST /api/public/events/ev-1/registrations': () => json(201, { status: 'waitlisted', waitlist_position: 2, name: '岡田 真理', event_id: 'ev-1' }),
    });
    renderApp('/public/events/ev-1');
    expect(await screen.findByTestId('public-event-title')).toHaveTextContent('再生医療セミナー');
    expect(screen.getByText(/2026\/12\/10 15:00–17:00/)).toBeInTheDocument();
    expect(screen.getByText('満席です。キャンセル待ちとして申し込めます。')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('氏名'), '岡田 真理');
    await user.type(screen.getByLabelText('メールアドレス'), 'okada@example.jp');
    await user.click(screen.getByTestId('public-submit'));
    expect(await screen.findByText('満席のため、キャンセル待ち 2 番目で受け付けました')).toBeInTheDocument();
    expect(calls.calls.find((c) => c.method === 'POST')?.body).toEqual({ name: '岡田 真理', affiliation: '', email: 'okada@example.jp' });
  });

  it('shows the server refusal on the email field', async () => {
    fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'sign in', null),
      'GET /api/public/events/ev-1': () => json(200, { ...event, registered: 0 }),
      'POST /api/public/events/ev-1/registrations': () => apiError(409, 'conflict', 'already registered', 'email'),
    });
    renderApp('/public/events/ev-1');
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('氏名'), 'Alex Smith');
    await user.type(screen.getByLabelText('メールアドレス'), 'alex@example.com');
    await user.click(screen.getByTestId('public-submit'));
    expect(await screen.findByText('このメールアドレスではすでに申し込まれています')).toBeInTheDocument();
  });
  it('shows a guest their own place after a reload and lets them cancel with their link', async () => {
    let state: Record<string, unknown> = { status: 'waitlisted', waitlist_position: 1, name: '岡田 真理', event_id: 'ev-1' };
    const calls = fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'sign in', null),
      'GET /api/public/events/ev-1': () => json(200, event),
      'GET /api/public/events/ev-1/registration': () => json(200, state),
      'POST /api/public/events/ev-1/registration/cancel': () => {
        state = { ...state, status: 'cancelled', waitlist_position: 0 };
        return json(200, state);
      },
    });
    renderApp('/public/events/ev-1?registration=secret-token-1');
    expect(await screen.findByText('岡田 真理 さんはキャンセル待ち 1 番目です')).toBeInTheDocument();
    expect(calls.calls.find((c) => c.url.pathname.endsWith('/registration'))?.url.searchParams.get('token')).toBe('secret-token-1');
    expect(screen.getByTestId('public-own-link')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('public-cancel'));
    await screen.findAllByText('参加申込を取り消しますか?');
    const buttons = screen.getAllByRole('button', { name: '申込を取り消す' });
    await user.click(buttons[buttons.length - 1]);
    expect(await screen.findByTestId('public-cancelled')).toHaveTextContent('岡田 真理 さんの申込は取り消されています');
    expect(calls.calls.find((c) => c.method === 'POST')?.body).toEqual({ token: 'secret-token-1' });
  });

  it('remembers the link of a new registration', async () => {
    fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'sign in', null),
      'GET /api/public/events/ev-1': () => json(200, { ...event, registered: 0 }),
      'POST /api/public/events/ev-1/registrations': () =>
        json(201, {
          status: 'registered',
          waitlist_position: 0,
          name: 'Alex Smith',
          event_id: 'ev-1',
          cancel_token: 'tok-2',
          manage_url: '/public/events/ev-1?registration=tok-2',
        }),
      'GET /api/public/events/ev-1/registration': () => json(200, { status: 'registered', waitlist_position: 0, name: 'Alex Smith', event_id: 'ev-1' }),
    });
    renderApp('/public/events/ev-1');
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('氏名'), 'Alex Smith');
    await user.type(screen.getByLabelText('メールアドレス'), 'alex@example.com');
    await user.click(screen.getByTestId('public-submit'));
    expect(await screen.findByText('参加申込を受け付けました')).toBeInTheDocument();
    expect(screen.getByTestId('public-cancel')).toBeInTheDocument();
    expect(window.localStorage.getItem('renkei.guest-registration.ev-1')).toBe('tok-2');
  });
});
