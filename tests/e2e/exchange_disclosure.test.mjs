// Story (issue 16, tiered disclosure), in the demo centre:
// 1. a clinician (松本, ophthalmology) posts a confidential need with its teaser through the API (its
//    titles carry the time, so the test can run again on the same database); its hidden text holds
//    a word that appears nowhere else;
// 2. a company researcher (JSR's 清水) searches for that hidden word: the need is found, shown as a
//    teaser with its lock, and nothing of the hidden text is on the page; its page is the teaser;
// 3. he clicks 「詳細を見る (NDA を依頼)」: the button now says the NDA is requested, and the office's
//    queue holds a draft NDA between JSR and the university covering him;
// 4. the office carries the NDA through to active;
// 5. the details appear on his page, and his inbox says 「詳細が閲覧可能になりました」.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, apiLogin, it, launch, login, newPage, openDialog, tokyoDate } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const OWNER = { email: 'matsumoto.ryo@renkei.example', password: 'renkei-demo-2026' };
const RESEARCHER = { email: 'shimizu.hikaru@renkei.example', password: 'renkei-demo-2026' };
const STAMP = Date.now();
const HIDDEN = `ひみつ素材${STAMP}`;
const TEASER_TITLE = `E2E 眼科の治療を楽にしたい ${STAMP}`;

describe('tiered disclosure', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('shows a confidential need as a teaser, opens an NDA on request and shows the details once it is active', async () => {
    // 1. The clinician's confidential need.
    const owner = await apiLogin(OWNER);
    const created = await owner('POST', '/api/exchange/needs', {
      title: `E2E 硝子体の${HIDDEN}インプラント ${STAMP}`,
      problem: `注射を減らすため、${HIDDEN} を使った徐放インプラントを考えている。`,
      area: 'medical_device',
      confidential: true,
      teaser: {
        title_ja: TEASER_TITLE,
        title_en: `E2E Easier eye treatment ${STAMP}`,
        body: '眼科の慢性疾患で、通院の負担を減らしたい。',
        area: 'medical_device',
        kind: '治療',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const needId = created.json.id;

    // 2. The company researcher finds it by its hidden word, as a teaser only.
    const page = await newPage(browser);
    await login(page, RESEARCHER, { language: 'ja' });
    await page.goto(`${BASE_URL}/exchange?q=${encodeURIComponent(HIDDEN)}`);
    const card = page.getByTestId('hit-need-teaser').filter({ hasText: TEASER_TITLE });
    await card.waitFor();
    await card.getByTestId('teaser-tag').waitFor();
    assert.ok(!(await card.innerText()).includes(HIDDEN), 'the result holds nothing of the hidden text');
    await card.getByRole('link', { name: TEASER_TITLE }).click();
    await page.waitForURL(new RegExp(`/exchange/needs/${needId}$`));
    await page.getByTestId('teaser-page').waitFor();
    assert.match(await page.getByTestId('detail-title').innerText(), new RegExp(TEASER_TITLE));
    assert.ok(!(await page.locator('main, body').first().innerText()).includes(HIDDEN), 'the teaser page holds nothing hidden');
    await page.screenshot({ path: '/tmp/teaser-e2e-ja.png', fullPage: true });

    // 3. He asks for the details.
    await page.getByTestId('request-details').click();
    const dialog = await openDialog(page);
    await dialog.getByTestId('request-details-ok').click();
    await page.getByTestId('details-requested').waitFor();
    const researcher = await apiLogin(RESEARCHER);
    const teaser = await researcher('GET', `/api/exchange/needs/${needId}`);
    assert.equal(teaser.json.disclosure, 'teaser');
    const contractId = teaser.json.disclosure_request.contract_id;
    assert.ok(contractId, JSON.stringify(teaser.json));

    // 4. The office finds the draft NDA in its queue and carries it through to active.
    const office = await apiLogin(OFFICE);
    const queue = await office('GET', '/api/contracts?type=nda&status=draft');
    assert.ok(
      queue.json.items.some((c) => c.id === contractId),
      'the NDA is in the office’s queue',
    );
    const patched = await office('PATCH', `/api/contracts/${contractId}`, { terms: { starts_on: tokyoDate(-1), ends_on: tokyoDate(365) } });
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
    const covered = patched.json.covered.map((p) => p.id);
    const me = (await researcher('GET', '/api/me')).json;
    assert.ok(covered.includes(me.id), 'the NDA covers the researcher');
    for (const to of ['internal_review', 'negotiating']) {
      const r = await office('POST', `/api/contracts/${contractId}/transitions`, { to });
      assert.equal(r.status, 200, `${to}: ${JSON.stringify(r.json)}`);
    }
    // Approved through its approval chain (稟議): the demo's rule for an NDA is one office member
    // other than its preparer.
    const chain = await office('POST', `/api/contracts/${contractId}/approval`);
    assert.equal(chain.status, 201, JSON.stringify(chain.json));
    const step = chain.json.steps[0].id;
    const approved = await office('POST', `/api/approvals/steps/${step}/decision`, { decision: 'approve', comment: '' });
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
    for (const to of ['signed', 'active']) {
      const r = await office('POST', `/api/contracts/${contractId}/transitions`, { to });
      assert.equal(r.status, 200, `${to}: ${JSON.stringify(r.json)}`);
    }

    // 5. The details appear at once, and the inbox says so.
    await page.reload();
    await page.getByText(HIDDEN, { exact: false }).first().waitFor();
    assert.equal(await page.getByTestId('teaser-page').count(), 0);
    await page.screenshot({ path: '/tmp/teaser-e2e-details.png', fullPage: true });
    const inbox = await researcher('GET', '/api/inbox');
    const told = inbox.json.items.find((i) => i.title_ja === '詳細が閲覧可能になりました' && i.link === `/exchange/needs/${needId}`);
    assert.ok(told, 'the inbox says the details are open');
    await page.close();
  });

  it('shows the teaser in English', async () => {
    const owner = await apiLogin(OWNER);
    const created = await owner('POST', '/api/exchange/needs', {
      title: `E2E hidden ${STAMP}`,
      problem: `hidden ${HIDDEN}`,
      confidential: true,
      teaser: { title_ja: `${TEASER_TITLE} 2`, title_en: `E2E English teaser ${STAMP}`, body: 'A short public paragraph.', area: 'medical_device', kind: '' },
    });
    assert.equal(created.status, 201);
    const page = await newPage(browser);
    await login(page, RESEARCHER, { language: 'en', resume: true });
    await page.goto(`${BASE_URL}/exchange/needs/${created.json.id}`);
    await page.getByTestId('teaser-page').waitFor();
    assert.match(await page.getByTestId('detail-title').innerText(), /E2E English teaser/);
    assert.match(await page.getByTestId('request-details').innerText(), /See details \(request an NDA\)/);
    await page.screenshot({ path: '/tmp/teaser-e2e-en.png', fullPage: true });
    await page.close();
  });
});
