// Story: a dermatologist posts a clinical need in Japanese from a phone-width screen; a JSR
// materials researcher then sees it suggested for his seed, with a score and the shared concepts,
// and asks for an introduction, which the clinician accepts. Confidential seeds of JSR never show
// up in the clinician's search.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, it, launch, login, newPage } from './lib.mjs';

const CLINICIAN = { email: 'kato.sakura@renkei.example', password: 'renkei-demo-2026' };
const RESEARCHER = { email: 'shimizu.hikaru@renkei.example', password: 'renkei-demo-2026' };

describe('exchange: a need meets a seed', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('a clinician posts a need on a phone and a company researcher sees it suggested for their seed', async () => {
    const marker = String(Date.now() % 100000);
    const title = `ストーマ周囲の皮膚トラブル、面板はがすとき痛い ${marker}`;

    // The clinician, on a 390px-wide phone.
    const clinician = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await login(clinician, CLINICIAN);
    await clinician.goto(`${BASE_URL}/exchange`);
    await clinician.getByTestId('new-need').click();
    await clinician.waitForURL(/\/exchange\/needs\/new$/);
    const started = Date.now();
    await clinician.getByLabel('タイトル(ひとことで)').fill(title);
    await clinician
      .getByLabel('現場で困っていること')
      .fill('ストーマ装具の面板を交換するたび、はがすときに高齢の患者さんが痛がる。粘着剤で皮膚がかぶれて、スキンテアもある。');
    await clinician.getByLabel('今どうしているか').fill('剥離剤+皮膚被膜剤。交換は週2回。');
    await clinician.getByLabel('対象の患者さん').fill('大腸がん術後のストーマ保有者、外来に約80人');
    await clinician.getByLabel('解決したら何が変わるか').fill('はがしても皮膚が傷まない粘着材なら、交換がラクになり皮膚障害が減る');
    await clinician.getByText('医療機器・材料', { exact: true }).click();
    // Nothing sticks out sideways on the phone.
    const overflow = await clinician.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the need form is wider than the phone by ${overflow}px`);
    await clinician.getByTestId('need-post').click();
    await clinician.getByTestId('detail-title').getByText(title).waitFor();
    assert.ok(Date.now() - started < 120_000, 'posting a need takes under two minutes');

    // The clinician's search never shows JSR's confidential seed, not even as a count.
    await clinician.goto(`${BASE_URL}/exchange?q=${encodeURIComponent('JR-221')}`);
    await clinician.getByTestId('result-count').waitFor();
    assert.equal(await clinician.getByTestId('result-count').innerText(), '0 件');
    await clinician.context().close();

    // The JSR materials researcher opens his seed: the new need is among the best needs.
    const researcher = await newPage(browser);
    await login(researcher, RESEARCHER);
    await researcher.locator('.app-sider').getByText('ニーズ・シーズ').click();
    await researcher.waitForURL(/\/exchange$/);
    await researcher.getByRole('switch', { name: '自分の投稿' }).click();
    await researcher.getByRole('link', { name: /低刺激シリコーンゲル粘着材/ }).click();
    await researcher.waitForURL(/\/exchange\/seeds\//);
    const suggested = researcher.getByTestId('suggested-needs');
    const card = suggested.locator('[data-testid="hit-need"]').filter({ hasText: title });
    await card.waitFor();
    assert.match(await card.getByTestId('score').innerText(), /一致度 \d+/);
    const reasons = await card.getByTestId('reasons').innerText();
    assert.match(reasons, /共通点/);
    assert.match(reasons, /皮膚|粘着|剥離|スキンテア/);

    // "I'm interested" from the suggestion: an introduction request the clinician can answer.
    await card.getByRole('link', { name: title }).click();
    await researcher.getByTestId('interested').click();
    await researcher.getByTestId('interest-message').fill('低刺激のシリコーンゲル粘着材で、面板の貼り替えを楽にできるかもしれません。');
    await researcher.getByTestId('interest-send').click();
    await researcher.getByText('紹介を依頼しました。相手の返事を待っています。').waitFor();
    await researcher.context().close();

    const again = await newPage(browser);
    await login(again, CLINICIAN, { resume: true });
    await again.goto(`${BASE_URL}/introductions`);
    const intro = again.getByTestId('introduction').filter({ hasText: title });
    await intro.waitFor();
    await intro.getByTestId('intro-accept').click();
    await intro.getByTestId('proposed-slots').waitFor();
    assert.equal(await intro.getByTestId('intro-status').innerText(), '承諾');
    await again.context().close();
  });
});
