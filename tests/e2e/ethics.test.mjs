// Story (Japanese UI, SPEC §5 ethics review, docs/ethics.md):
// 1. a clinician, co-investigator of the iPS cardiac sheet project, opens the project's protocol
//    in preparation from the project's 倫理審査 tab, checks the generated application and submits
//    it: three clicks, counted;
// 2. the office records the committee's approval;
// 3. the project's gate checklist now shows ethics_protocol_approved met, by the ethics module;
// 4. the project's PI reports a serious adverse event; the legal deadline appears on the protocol,
//    in her inbox and on the office's 倫理審査の期限 page.
// Setup goes through the API: a fresh protocol (unique title) in the demo project, so the shared
// demo database is never assumed clean and the test can run again.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, apiLogin, it, launch, login, newPage, openDialog, tokyoDate } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const PI = { email: 'hayashi.mariko@renkei.example', password: 'renkei-demo-2026' };

describe('ethics review', () => {
  let browser;
  const stamp = Date.now();
  const title = `心筋シート移植前の安全性評価研究 E2E${stamp % 1_000_000}`;
  let projectId;
  let protocolId;
  let gateBefore;

  before(async () => {
    browser = await launch();
    const doctor = await apiLogin(CLINICIAN);
    const projects = (await doctor('GET', '/api/projects?mine=true')).json.items;
    const project = projects.find((p) => p.title_ja.startsWith('iPS細胞由来心筋シート'));
    assert.ok(project, 'the demo project iPS細胞由来心筋シート… with the clinician as a member');
    projectId = project.id;
    const committees = (await doctor('GET', '/api/ethics/committees')).json.items;
    const committee = committees.find((c) => c.kind === 'institutional' && c.active && c.next_meeting);
    assert.ok(committee, 'an institutional committee with a meeting ahead');
    const created = await doctor('POST', '/api/ethics/protocols', {
      project_id: projectId,
      category: 'interventional',
      committee_id: committee.id,
      review_type: 'full',
      title_ja: title,
      planned_start: tokyoDate(60),
      planned_end: tokyoDate(60 + 730),
      target_enrolment: 12,
      sites: ['慶應義塾大学病院'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.equal(created.json.status, 'preparing');
    protocolId = created.json.id;
    // Unmet on a fresh demo database (the project's demo protocol is still in preparation); a
    // run before this one may already have met it.
    const gate = (await doctor('GET', `/api/projects/${projectId}/gate`)).json;
    gateBefore = gate.items.find((i) => i.code === 'ethics_protocol_approved');
    assert.ok(gateBefore, 'the next gate of the project asks for an approved protocol');
  });
  after(async () => {
    await browser?.close();
  });

  it('a clinician submits the protocol from his project in three clicks, with the generated application to check', async () => {
    const page = await newPage(browser);
    await login(page, CLINICIAN, { language: 'ja' });
    await page.goto(`${BASE_URL}/projects/${projectId}/ethics`);
    let clicks = 0;
    const click = async (locator) => {
      clicks += 1;
      await locator.click();
    };
    // 1: the protocol in the project's 倫理審査 tab.
    await click(page.getByTestId('ethics-panel').getByRole('link', { name: title }));
    await page.waitForURL(new RegExp(`/ethics/protocols/${protocolId}$`));
    await page.getByTestId('ethics-title').getByText(title).waitFor();
    await page.getByTestId('ethics-status').getByText('準備中').waitFor();
    // 2: 確認して提出 opens the key fields and the application generated from them.
    await click(page.getByTestId('ethics-action-submit-button'));
    const dialog = await openDialog(page);
    await dialog.getByTestId('ethics-key-fields').getByText(title).waitFor();
    await dialog.getByTestId('ethics-key-fields').getByText('慶應義塾大学病院').waitFor();
    const link = dialog.getByTestId('ethics-application-link');
    await link.waitFor();
    assert.match((await link.getAttribute('download')) ?? '', /\.docx$/);
    // Reading the application is optional (the key fields are in the dialog): its click is not
    // one of the three. The link saves a real .docx (a zip: "PK").
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const chunks = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk);
    const docx = Buffer.concat(chunks);
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(docx.length > 1000, `a .docx of ${docx.length} bytes`);
    // 3: 提出する.
    await click(dialog.getByTestId('ethics-submit-ok'));
    await page.getByTestId('ethics-status').getByText('審査中').waitFor();
    assert.equal(clicks, 3);
    await page.getByRole('tab', { name: '履歴' }).click();
    await page.getByTestId('ethics-history').getByText('準備中 → 審査中').waitFor();
    await page.context().close();
  });

  it('the office records the approval, and the project gate is met by the ethics module', async () => {
    const page = await newPage(browser);
    await login(page, OFFICE, { language: 'ja' });
    await page.goto(`${BASE_URL}/ethics/protocols/${protocolId}`);
    await page.getByTestId('ethics-status').getByText('審査中').waitFor();
    await page.getByTestId('ethics-action-approve-button').click();
    const dialog = await openDialog(page);
    await dialog.getByTestId('ethics-approval-no').fill(`E2E-${stamp % 100000}`);
    await dialog.getByTestId('ethics-action-ok').click();
    await page.getByTestId('ethics-status').getByText('承認').waitFor();
    await page.getByText(`E2E-${stamp % 100000}`).waitFor();

    // The project's stage page: the checklist item, met, by its module.
    await page.goto(`${BASE_URL}/projects/${projectId}/stages`);
    const item = page.getByTestId('gate-checklist').locator('.ant-list-item').filter({ hasText: '倫理審査で研究計画が承認されている' });
    await item.getByTestId('gate-how').waitFor();
    assert.equal(await item.getByTestId('gate-how').getAttribute('aria-label'), '各機能で確認');
    // The API agrees.
    const office = await apiLogin(OFFICE);
    const gate = (await office('GET', `/api/projects/${projectId}/gate`)).json;
    const ethics = gate.items.find((i) => i.code === 'ethics_protocol_approved');
    assert.equal(ethics.satisfied, true, `was ${gateBefore.satisfied ? 'met' : 'unmet'} before the approval`);
    assert.equal(ethics.automatic, true);
    await page.context().close();
  });

  it("a serious adverse event puts its legal deadline in the PI's inbox and on the office's deadlines", async () => {
    const pi = await newPage(browser);
    await login(pi, PI, { language: 'ja' });
    await pi.goto(`${BASE_URL}/ethics/protocols/${protocolId}`);
    await pi.getByRole('tab', { name: '有害事象' }).click();
    const form = pi.getByTestId('ethics-event-form');
    await form.waitFor();
    await pi.getByText('患者を特定できる情報は入力しないでください。').first().waitFor();
    // 重篤 is the default; not expected, not unapproved.
    await form.getByTestId('ethics-event-seriousness').getByText('重篤', { exact: true }).waitFor();
    await form.getByTestId('ethics-event-summary').fill('移植後の発熱による入院（E2E）');
    await form.getByTestId('ethics-event-add').click();
    const added = pi.getByTestId('ethics-new-deadline');
    await added.getByText('重篤な有害事象の報告（指針）', { exact: false }).waitFor();
    const due = /(\d{4}-\d{2}-\d{2})/.exec((await added.textContent()) ?? '')?.[1];
    assert.ok(due && due >= tokyoDate(0), `a due date from today: ${due}`);

    // The PI's inbox.
    await pi.goto(`${BASE_URL}/inbox`);
    await pi.getByTestId('inbox-item-ethics.deadline').filter({ hasText: title }).filter({ hasText: '重篤な有害事象の報告' }).waitFor();
    await pi.context().close();

    // The office's deadlines page.
    const office = await newPage(browser);
    await login(office, OFFICE, { language: 'ja', resume: true });
    await office.goto(`${BASE_URL}/ethics/deadlines`);
    const row = office
      .getByTestId('ethics-deadline-list')
      .locator('tr, [role="listitem"]')
      .filter({ hasText: title })
      .filter({ hasText: '重篤な有害事象の報告（指針）' });
    await row.first().waitFor();
    assert.match((await row.first().textContent()) ?? '', new RegExp(due));
    assert.match((await row.first().textContent()) ?? '', /林 真理子/);
    await office.context().close();
  });
  it('the PI uploads a new consent form version and the office approves it in the UI', async () => {
    // A protocol of its own, through the API: consent forms are versioned at any time before it closes.
    const doctor = await apiLogin(CLINICIAN);
    const committees = (await doctor('GET', '/api/ethics/committees')).json.items;
    const committee = committees.find((c) => c.kind === 'institutional' && c.active);
    const consentTitle = `同意説明文書の版管理 E2E${stamp % 1_000_000}`;
    const created = await doctor('POST', '/api/ethics/protocols', {
      project_id: projectId,
      category: 'observational',
      committee_id: committee.id,
      title_ja: consentTitle,
      planned_start: tokyoDate(60),
      planned_end: tokyoDate(60 + 365),
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.id;
    assert.equal(created.json.consent_version, 0);
    const n = (created.json.amendments ?? []).filter((a) => a.kind === 'consent').length + 1;

    // The PI: 変更申請・同意文書 → 同意説明文書 with a small PDF.
    const pi = await newPage(browser);
    await login(pi, PI, { language: 'ja', resume: true });
    await pi.goto(`${BASE_URL}/ethics/protocols/${id}`);
    await pi.getByTestId('ethics-title').getByText(consentTitle).waitFor();
    await pi.getByRole('tab', { name: '変更申請・同意文書' }).click();
    const form = pi.getByTestId('ethics-amendment-form');
    await form.getByTestId('ethics-amendment-summary').fill('説明文書の初版（E2E）');
    await form
      .locator('input[type="file"]')
      .setInputFiles({ name: `同意説明文書v${n}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test') });
    await form.getByText(`同意説明文書v${n}.pdf`).waitFor();
    // The submission itself, then what the PI sees of it (a failure says which of the two failed).
    const [posted] = await Promise.all([
      pi.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/ethics/protocols/${id}/amendments`),
      form.getByTestId('ethics-amendment-submit').click(),
    ]);
    assert.equal(posted.status(), 201, await posted.text());
    await pi.getByText('申請しました').waitFor();
    const row = pi
      .getByTestId('ethics-consent-list')
      .locator('tr.ant-table-row')
      .filter({ hasText: `第${n}版` });
    await row.getByText('審査中').waitFor();
    await row.getByTestId('ethics-amendment-file').getByText(`同意説明文書v${n}.pdf`).waitFor();
    await pi.context().close();

    // The office approves it.
    const officePage = await newPage(browser);
    await login(officePage, OFFICE, { language: 'ja', resume: true });
    await officePage.goto(`${BASE_URL}/ethics/protocols/${id}`);
    await officePage.getByRole('tab', { name: /変更申請・同意文書/ }).click();
    const officeRow = officePage
      .getByTestId('ethics-consent-list')
      .locator('tr.ant-table-row')
      .filter({ hasText: `第${n}版` });
    await officeRow.getByTestId('ethics-amendment-approve').click();
    await officePage.getByTestId('ethics-amendment-approve-ok').click();
    await officeRow.getByText('現行版').waitFor();
    await officePage.getByTestId('ethics-consent-version').getByText(`第${n}版`).waitFor();
    await officePage.context().close();

    // The API agrees.
    const office = await apiLogin(OFFICE);
    const after = (await office('GET', `/api/ethics/protocols/${id}`)).json;
    assert.equal(after.consent_version, n);
    const approved = after.amendments.find((a) => a.kind === 'consent' && a.number === n);
    assert.equal(approved.status, 'approved');
    assert.equal(approved.size_bytes, Buffer.byteLength('%PDF-1.4 test'));
  });
});
