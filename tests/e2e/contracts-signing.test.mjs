// Story: the office prepares an NDA for one of the clinician's projects naming him as the
// university's signatory; once a colleague approves it, the clinician finds "sign contract …" in his
// inbox (Japanese UI), opens the contract from it, and sees it on his project's contracts tab. When
// the office records the signature, the inbox item is done. (The office's steps go through the API
// with the browser's session; the contracts e2e covers them in the UI.)
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, it, launch, login, newPage, pageCall } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const OFFICE2 = { email: 'kobayashi.naoko@renkei.example', password: 'renkei-demo-2026' };

describe('contracts: signatories are asked through the inbox', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('an approved NDA asks the clinician to sign; it shows on his project; signing closes the item', async () => {
    const title = `署名依頼E2Eの秘密保持契約 ${Date.now()}`;
    const clinician = await newPage(browser);
    await login(clinician, CLINICIAN, { language: 'ja' });
    const tanaka = await pageCall(clinician, 'GET', '/api/me');
    const projects = (await pageCall(clinician, 'GET', '/api/projects')).items;
    const project = projects.find((p) => p.pi?.id === tanaka.id && p.status === 'active') ?? projects.find((p) => p.pi?.id === tanaka.id);
    assert.ok(project, 'the demo clinician leads a project');

    // The office prepares the NDA with the clinician as the university's signatory.
    const office = await newPage(browser);
    await login(office, OFFICE, { language: 'ja' });
    const orgs = (await pageCall(office, 'GET', '/api/organisations')).items;
    const keio = orgs.find((o) => o.name_ja === '慶應義塾大学');
    const company = orgs.find((o) => o.kind === 'company' && o.name_ja.startsWith('信濃町メディテック'));
    assert.ok(keio && company, 'the demo organisations');
    const created = await pageCall(office, 'POST', '/api/contracts', {
      type: 'nda',
      title,
      project_id: project.id,
      parties: [
        { organisation_id: keio.id, signatory_person_id: tanaka.id, signatory_title: '研究責任者' },
        { organisation_id: company.id, signatory_name: '信濃 太郎', signatory_title: '代表取締役' },
      ],
      terms: { purpose: '署名依頼の確認', starts_on: '2026-04-01', ends_on: '2099-03-31' },
    });
    for (const to of ['internal_review', 'negotiating']) await pageCall(office, 'POST', `/api/contracts/${created.id}/transitions`, { to });
    const second = await newPage(browser);
    await login(second, OFFICE2, { language: 'ja' });
    // 稟議: the office asks; with no rule for NDAs, another office member approves.
    const chain = await pageCall(office, 'POST', `/api/contracts/${created.id}/approval`, {});
    await pageCall(second, 'POST', `/api/approvals/steps/${chain.steps[0].id}/decision`, { decision: 'approve' });

    // The clinician finds the request in his inbox and opens the contract from it.
    await clinician.goto(`${BASE_URL}/inbox`);
    const item = clinician.getByTestId('inbox-item-contracts.sign').filter({ hasText: title });
    await item.waitFor();
    assert.match(await item.innerText(), /に署名してください/);
    await item.getByRole('link').first().click();
    await clinician.waitForURL(new RegExp(`/contracts/${created.id}$`));
    await clinician.getByTestId('contract-title').getByText(title).waitFor();

    // The project's contracts tab lists it with its status.
    await clinician.goto(`${BASE_URL}/projects/${project.id}/contracts`);
    const panel = clinician.getByTestId('project-contracts');
    const row = panel.locator('tr').filter({ hasText: title });
    await row.waitFor();
    assert.match(await row.innerText(), /承認済|承認/);
    assert.match(await row.innerText(), /慶應義塾大学/);

    // The office records the signature: the request is done, no longer open.
    await pageCall(office, 'POST', `/api/contracts/${created.id}/transitions`, { to: 'signed', signed_on: '2026-03-20' });
    const open = await pageCall(clinician, 'GET', '/api/inbox');
    assert.equal(open.items.filter((i) => i.kind === 'contracts.sign' && i.link === `/contracts/${created.id}`).length, 0);
    const all = await pageCall(clinician, 'GET', '/api/inbox?state=done');
    assert.equal(all.items.filter((i) => i.kind === 'contracts.sign' && i.link === `/contracts/${created.id}`).length, 1);
  });
});
