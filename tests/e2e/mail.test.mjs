// Story (issue 17, docs/mail.md):
// 1. a clinician opens アカウント設定 and moves 契約書への署名 (mailed at once by default) to the
//    daily digest; the server keeps the choice;
// 2. a committee member (no other test signs in as her) who forgot their password asks for a link from the sign-in page
//    (パスワードを忘れた方), opens the link from the message the local SMTP sink received, sets a new
//    password and signs in with it. The password is set back at the end, so the test runs again.
// The second part needs the sink's Maildir (RENKEI_E2E_MAILDIR, set by ./test).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, apiLogin, clickOption, it, launch, login, newPage } from './lib.mjs';

const MEMBER = { email: 'watanabe.mika@renkei.example', password: 'renkei-demo-2026' };
const MAILDIR = process.env.RENKEI_E2E_MAILDIR;

/** The messages the sink has written so far (its Maildir appears with the first). */
function delivered() {
  try {
    return readdirSync(join(MAILDIR, 'new'));
  } catch {
    return [];
  }
}

/** The text part of the newest message to `address` whose text matches `pattern`, decoded. */
function findMail(address, pattern, since) {
  const dir = join(MAILDIR, 'new');
  for (const name of delivered().sort().reverse()) {
    const raw = readFileSync(join(dir, name), 'utf8');
    if (!new RegExp(`^To: ${address.replace(/\./g, '\\.')}`, 'm').test(raw)) continue;
    const part = raw.match(/Content-Type: text\/plain; charset=UTF-8\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n--/);
    if (!part) continue;
    const text = Buffer.from(part[1].replace(/\s+/g, ''), 'base64').toString('utf8');
    if (pattern.test(text) && !since.has(name)) return text;
  }
  return null;
}

describe('mail', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('a clinician moves a kind of message to the daily digest', async () => {
    const page = await newPage(browser);
    await login(page, CLINICIAN, { language: 'ja' });
    await page.goto(`${BASE_URL}/account#mail`);
    const select = page.getByTestId('delivery-contracts.sign');
    await select.waitFor();
    await select.click();
    await clickOption(page, '毎日のまとめ');
    await page.getByText('保存しました').waitFor();
    const api = await apiLogin(CLINICIAN);
    const prefs = (await api('GET', '/api/me/mail')).json;
    const sign = prefs.kinds.find((k) => k.kind === 'contracts.sign');
    assert.equal(sign.delivery, 'digest');
    assert.equal(sign.own, true);
    // Back to the centre's default, so the test can run again.
    assert.equal((await api('PUT', '/api/me/mail', { kinds: { 'contracts.sign': null } })).status, 200);
    await page.close();
  });

  it('a forgotten password is reset from the link in the mail', { skip: !MAILDIR && 'RENKEI_E2E_MAILDIR is not set' }, async () => {
    const before = new Set(delivered());
    const page = await newPage(browser);
    await page.goto(`${BASE_URL}/login`);
    await page.getByTestId('forgot-link').click();
    await page.getByLabel('メールアドレス').fill(MEMBER.email);
    await page.getByRole('button', { name: '再設定用のリンクを送る' }).click();
    await page.getByText('メールを確認してください').waitFor();

    let text = null;
    for (let i = 0; i < 150 && !text; i++) {
      text = findMail(MEMBER.email, /\/reset\//, before);
      if (!text) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(text, 'the reset message reached the SMTP sink');
    const link = text.match(/https?:\/\/\S+\/reset\/[A-Za-z0-9_-]+/)[0];
    assert.ok(link.startsWith(BASE_URL), `the link points at this Renkei: ${link}`);

    await page.goto(link);
    const fresh = 'e2e-new-password-2026';
    await page.getByLabel('新しいパスワード（8文字以上）').fill(fresh);
    await page.getByLabel('新しいパスワード（確認）').fill(fresh);
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await page.getByText('パスワードを設定しました').waitFor();

    // The link works once.
    await page.goto(link);
    await page.getByLabel('新しいパスワード（8文字以上）').fill('another-password-2026');
    await page.getByLabel('新しいパスワード（確認）').fill('another-password-2026');
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await page.getByText('このリンクは使えません').waitFor();

    const signedIn = await newPage(browser);
    await login(signedIn, { email: MEMBER.email, password: fresh });
    const api = await apiLogin({ email: MEMBER.email, password: fresh });
    assert.equal((await api('POST', '/api/me/password', { current_password: fresh, new_password: MEMBER.password })).status, 204);
    await page.close();
    await signedIn.close();
  });
});
