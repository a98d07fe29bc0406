import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, tanaka } from '../../test/util';

const kind = (k: string, delivery: string, legal = false) => ({
  kind: k,
  label_ja: k === 'ethics.deadline' ? '倫理・臨床研究の法定期限' : '契約書への署名',
  label_en: k === 'ethics.deadline' ? 'A deadline set by research ethics law' : 'Sign a contract',
  legal,
  urgent: true,
  delivery,
  centre_delivery: 'immediate',
  own: false,
});

describe('mail', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('a person moves a kind to the digest from the account page; a legal deadline cannot be switched off', async () => {
    let sign = 'immediate';
    const server = fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, csrf_token: 'csrf-1' }),
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/notifications': () => json(200, { items: [], unread: 0 }),
      'GET /api/me/mail': () =>
        json(200, { digest_hour: null, centre_digest_hour: 8, kinds: [kind('contracts.sign', sign), kind('ethics.deadline', 'immediate', true)] }),
      'PUT /api/me/mail': ({ body }) => {
        sign = (body as { kinds: Record<string, string> }).kinds['contracts.sign'];
        return json(200, { digest_hour: null, centre_digest_hour: 8, kinds: [kind('contracts.sign', sign), kind('ethics.deadline', 'immediate', true)] });
      },
    });
    renderApp('/account');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('delivery-contracts.sign'));
    await user.click(await screen.findByTitle('毎日のまとめ'));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = server.calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ kinds: { 'contracts.sign': 'digest' } });
    expect(put?.headers.get('X-CSRF-Token')).toBe('csrf-1');

    await user.click(screen.getByTestId('delivery-ethics.deadline'));
    const off = (await screen.findAllByTitle('メールしない')).at(-1)!;
    expect(off.closest('.ant-select-item')).toHaveClass('ant-select-item-option-disabled');
  });

  it('a forgotten password: the page says the same for any address', async () => {
    const server = fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'sign in first'),
      'POST /api/session/reset': () => json(202, { status: 'accepted' }),
    });
    renderApp('/forgot');
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('メールアドレス'), 'nobody@example.jp');
    await user.click(screen.getByRole('button', { name: '再設定用のリンクを送る' }));
    expect(await screen.findByText('メールを確認してください')).toBeInTheDocument();
    expect(server.calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'nobody@example.jp' });
  });

  it('a used or expired link says so and offers a new one', async () => {
    fakeServer({
      'GET /api/me': () => apiError(401, 'unauthenticated', 'sign in first'),
      'POST /api/session/reset/tok-1': () => apiError(422, 'invalid', 'this link is not valid any more', 'token'),
    });
    renderApp('/reset/tok-1');
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('新しいパスワード（8文字以上）'), 'a-new-password');
    await user.type(screen.getByLabelText('新しいパスワード（確認）'), 'a-new-password');
    await user.click(screen.getByRole('button', { name: 'パスワードを設定する' }));
    const result = await screen.findByText('このリンクは使えません');
    expect(within(result.closest('.ant-result')!).getByRole('link', { name: 'もう一度リンクを送る' })).toHaveAttribute('href', '/forgot');
  });
});
