// Story (issue 16): the office reads a clinician's need and the seeds the engine suggests for it.
// One is not relevant: one click on 「関連なし」 and it is gone from the list (and stays gone after a
// reload, for everyone); 「元に戻す」 brings it back at once; the switch lists the ones marked not
// relevant, where the judgment is cleared again. The need (IBD flares) is one no other e2e test
// reads, and the test leaves no judgment behind.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, apiLogin, it, launch, login, newPage, switchLanguage } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const CLINICIAN = { email: 'yamada.hanako@renkei.example', password: 'renkei-demo-2026' };
const NEED_TITLE = 'IBDの再燃を便で早めに予測';

describe('exchange: the office judges a need’s suggestions', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('marks a suggestion not relevant, it drops for the need, and undo restores it', async () => {
    // The need's id, and its suggestions as its author sees them before.
    const clinician = await apiLogin(CLINICIAN);
    const found = await clinician('GET', `/api/exchange/needs?q=${encodeURIComponent(NEED_TITLE)}&mine=true`);
    const need = found.json.items.find((hit) => hit.item.title === NEED_TITLE);
    assert.ok(need, `the demo need ${NEED_TITLE}`);
    const suggestedIds = async () => (await clinician('GET', `/api/exchange/needs/${need.id}/suggestions?limit=8`)).json.seeds.map((s) => s.id);
    const before = await suggestedIds();
    assert.ok(before.length >= 2, 'the engine suggests seeds for the need');

    const page = await newPage(browser);
    await login(page, OFFICE, { language: 'ja' });
    await page.goto(`${BASE_URL}/exchange/needs/${need.id}`);
    const card = page.getByTestId('suggested-seeds');
    const items = card.locator('[data-testid^="judged-"]');
    await items.first().waitFor();
    const first = items.first();
    const firstId = (await first.getAttribute('data-testid')).replace('judged-', '');
    assert.equal(firstId, before[0]);
    const firstTitle = (await first.locator('.ex-hit-title').innerText()).trim();
    // The office is told how the list is ordered (the demo has trained no model of its own).
    await card.getByTestId('ranking-note').getByText('公開の評価データから学習したモデル', { exact: false }).waitFor();
    await page.screenshot({ path: '/tmp/judgments-e2e-ja.png', fullPage: true });

    // One click: gone from the list; 元に戻す brings it back.
    await first.getByRole('button', { name: '関連なし' }).click();
    await card.getByTestId(`judged-${firstId}`).waitFor({ state: 'detached' });
    await page.getByTestId('judgment-done').getByText(`「${firstTitle}」を関連なしにしました`, { exact: false }).waitFor();
    await page.getByTestId('judgment-undo').click();
    await card.getByTestId(`judged-${firstId}`).waitFor();

    // Again, and it stays gone after a reload, for the need's author too.
    await card.getByTestId(`judged-${firstId}`).getByRole('button', { name: '関連なし' }).click();
    await card.getByTestId(`judged-${firstId}`).waitFor({ state: 'detached' });
    await page.reload();
    await items.first().waitFor();
    assert.equal(await card.getByTestId(`judged-${firstId}`).count(), 0, 'not suggested after a reload');
    assert.ok(!(await suggestedIds()).includes(firstId), 'nor for the need’s author');

    // The switch lists it; clearing the judgment there puts it back where the engine ranks it.
    await card.getByRole('switch', { name: '関連なしにした提案も表示' }).click();
    const dropped = card.getByTestId('dropped-seeds');
    await dropped.getByText(firstTitle).waitFor();
    await page.screenshot({ path: '/tmp/judgments-e2e-dropped.png', fullPage: true });
    await dropped
      .getByRole('button', { name: /関連なしを取り消す/ })
      .first()
      .click();
    await card.getByTestId(`judged-${firstId}`).waitFor();
    assert.deepEqual(await suggestedIds(), before, 'the engine’s ranking again');

    // In English: the same buttons.
    await switchLanguage(page, 'en');
    await card.getByTestId(`judged-${firstId}`).getByRole('button', { name: 'Not relevant' }).waitFor();
    await page.screenshot({ path: '/tmp/judgments-e2e-en.png', fullPage: true });
    await switchLanguage(page, 'ja');

    // From the seed's side: the same pair, judged on the seed's page, drops the need there; undone.
    await page.goto(`${BASE_URL}/exchange/seeds/${firstId}`);
    const needs = page.getByTestId('need-judgments');
    const needRow = needs.getByTestId(`judged-${need.id}`);
    await needRow.waitFor();
    await needRow.getByRole('button', { name: '関連なし' }).click();
    await needRow.waitFor({ state: 'detached' });
    await page.getByTestId('judgment-done').getByText('このシーズの提案には表示されなくなります', { exact: false }).waitFor();
    assert.ok(!(await suggestedIds()).includes(firstId), 'the pair is dropped for the need too');
    await page.getByTestId('judgment-undo').click();
    await needRow.waitFor();
    assert.deepEqual(await suggestedIds(), before, 'and back after the undo');
    await page.context().close();
  });
});
