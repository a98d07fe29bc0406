import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../shell/i18n';
import { apiError, fakeServer, json, renderApp, tanaka, type Handler } from '../../test/util';

const admin = {
  ...tanaka,
  id: 'p-admin',
  email: 'admin@renkei.example',
  name_ja: 'システム管理者',
  name_kana: 'システムカンリシャ',
  name_en: 'System Administrator',
  roles: ['admin'],
};
const people = [
  { ...tanaka, id: 'p-2', name_ja: '渡辺 美香', name_kana: 'ワタナベ ミカ', name_en: 'Mika Watanabe' },
  { ...tanaka, id: 'p-1', name_ja: '伊藤 隆', name_kana: 'イトウ タカシ', name_en: 'Takashi Ito' },
  tanaka,
];

function server(createPerson: Handler) {
  return fakeServer({
    'GET /api/me': () => json(200, { ...admin, csrf_token: 'csrf-admin' }),
    'GET /api/people': () => json(200, { items: people }),
    'GET /api/organisations': () => json(200, { items: [tanaka.organisation] }),
    'POST /api/people': createPerson,
  });
}

async function fillNewPerson(email: string) {
  const user = userEvent.setup({ delay: null });
  await user.click(await screen.findByRole('button', { name: /人員を追加/ }));
  const dialog = await screen.findByRole('dialog');
  await user.type(within(dialog).getByLabelText('メールアドレス'), email);
  await user.type(within(dialog).getByLabelText('氏名（漢字）'), '佐々木 翔太');
  await user.type(within(dialog).getByLabelText('氏名（ローマ字）'), 'Shota Sasaki');
  await user.type(within(dialog).getByLabelText('初期パスワード'), 'first-password');
  await user.click(within(dialog).getByRole('button', { name: '登録' }));
  return dialog;
}

describe('PeoplePage', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists people sorted by kana in the Japanese UI', async () => {
    server(() => json(201, {}));
    renderApp('/people');
    await screen.findByText('田中 健二');
    const names = screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[0].textContent);
    expect(names.map((name) => name?.slice(0, 5))).toEqual(['伊藤 隆イ', '田中 健二', '渡辺 美香']);
  });

  it('shows a duplicate email (409) on the email field', async () => {
    const calls = server(() => apiError(409, 'conflict', 'this e-mail address is already in use', 'email'));
    renderApp('/people');
    const dialog = await fillNewPerson('tanaka.kenji@renkei.example');
    expect(await within(dialog).findByText('このメールアドレスは既に登録されています')).toBeInTheDocument();
    const post = calls.calls.find((call) => call.method === 'POST');
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
    expect(post?.body).toMatchObject({ email: 'tanaka.kenji@renkei.example', name_ja: '佐々木 翔太', roles: [], organisation_id: null });
  });

  it('shows a server field error (422) on the field it names', async () => {
    server(() => apiError(422, 'invalid', 'name_en must be Latin script', 'name_en'));
    renderApp('/people');
    const dialog = await fillNewPerson('sasaki@renkei.example');
    const error = await within(dialog).findByText(/name_en must be Latin script/);
    await waitFor(() => expect(error.closest('.ant-form-item')?.textContent).toContain('氏名（ローマ字）'));
  });
});
