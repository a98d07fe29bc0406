// Story: 稟議. The office asks for approval of a ¥6M joint research agreement on its page; under
// the demo's rules the office head (事務局長) approves it from her inbox in one click, then the
// centre director (センター長) opens it and approves with a comment; the contract is approved and
// its page shows the chain with who decided when. The office's rules page lists the bands.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, it, launch, login, newPage, pageCall } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const HEAD = { email: 'kobayashi.naoko@renkei.example', password: 'renkei-demo-2026' };
const DIRECTOR = { email: 'takahashi.hiroshi@renkei.example', password: 'renkei-demo-2026' };

describe('approvals: a joint research agreement through its chain', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('the office asks, the office head approves from the inbox, the director approves on the page', async () => {
    const title = `ウェアラブル解析の共同研究契約 ${Date.now()}`;
    const office = await newPage(browser);
    await login(office, OFFICE, { language: 'ja' });
    await office.goto(`${BASE_URL}/approvals`);
    await office.getByTestId('rule-band').filter({ hasText: '500万円以上 2,000万円未満' }).first().waitFor();

    const orgs = (await pageCall(office, 'GET', '/api/organisations')).items;
    const keio = orgs.find((o) => o.name_en === 'Keio University');
    const jsr = orgs.find((o) => o.name_en === 'JSR Corporation');
    const created = await pageCall(office, 'POST', '/api/contracts', {
      type: 'joint_research',
      title,
      parties: [{ organisation_id: keio.id }, { organisation_id: jsr.id }],
      terms: { purpose: '稟議の確認', amount_yen: 6000000 },
    });
    for (const to of ['internal_review', 'negotiating']) await pageCall(office, 'POST', `/api/contracts/${created.id}/transitions`, { to });

    // 1. The office asks for approval on the contract's page: 事務局長 → センター長.
    await office.goto(`${BASE_URL}/contracts/${created.id}`);
    await office.getByTestId('approval-start').click();
    await office.getByTestId('approval-status').getByText('承認待ち').waitFor();
    await office.getByTestId('approval-step-1').getByText('事務局長').waitFor();
    await office.getByTestId('approval-step-2').getByText('センター長').waitFor();
    assert.equal(await office.getByTestId('approval-approve').count(), 0, 'the office does not approve its own request');

    // 2. The office head approves from her inbox in one click.
    const head = await newPage(browser);
    await login(head, HEAD, { language: 'ja' });
    await head.goto(`${BASE_URL}/inbox`);
    const item = head.getByTestId('inbox-item-approvals.step').filter({ hasText: title });
    await item.waitFor();
    await item.getByTestId('inbox-action').click();
    await item.waitFor({ state: 'detached' });

    // 3. The director opens the contract from his inbox and approves with a comment.
    const director = await newPage(browser);
    await login(director, DIRECTOR, { language: 'ja' });
    await director.goto(`${BASE_URL}/inbox`);
    const asked = director.getByTestId('inbox-item-approvals.step').filter({ hasText: title });
    await asked.waitFor();
    await asked.locator('.inbox-open').click();
    await director.getByTestId('approval-comment-input').fill('センターとして推進します');
    await director.getByTestId('approval-approve').click();
    await director.getByTestId('contract-status').first().getByText('承認済').waitFor();

    // The office sees the chain complete with who decided and the comment.
    await office.reload();
    await office.getByTestId('contract-status').first().getByText('承認済').waitFor();
    await office.getByTestId('approval-status').getByText('承認済').waitFor();
    await office.getByText('「センターとして推進します」').waitFor();
    assert.match(await office.getByTestId('approval-panel').innerText(), /小林 直子 が .* に承認/);
  });
});
