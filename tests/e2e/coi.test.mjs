// Stories (Japanese UI, SPEC §5 conflict of interest):
// 1. a clinician files "nothing to declare" in one click from the inbox;
// 2. a clinician declares consulting fees above the threshold from a project's partner company,
//    which opens a COI case; a COI committee member opens it from the inbox, decides it
//    "manageable" with measures, and the project's COI tab shows the decision.
// Setup (new clinicians, a project with a partner company) goes through the API, with unique
// names, so the shared demo database is never assumed clean nor broken for other tests.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, apiLogin, clickOption, it, launch, login, newPage } from './lib.mjs';

const ADMIN = { email: 'admin@renkei.example', password: 'renkei-admin-2026' };
const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const COMPANY_LEAD = { email: 'shimizu.hikaru@renkei.example', password: 'renkei-demo-2026' };
const STEERING = { email: 'ito.takashi@renkei.example', password: 'renkei-demo-2026' };
const COI_COMMITTEE = { email: 'takahashi.hiroshi@renkei.example', password: 'renkei-demo-2026' };
const PASSWORD = 'coi-e2e-password-1';

describe('conflict of interest', () => {
  let browser;
  const stamp = Date.now();
  const quiet = { email: `coi-quiet-${stamp}@renkei.example`, password: PASSWORD, name: `申告 静香${stamp % 100000}` };
  const paid = { email: `coi-paid-${stamp}@renkei.example`, password: PASSWORD, name: `顧問 太郎${stamp % 100000}` };
  let projectId;

  before(async () => {
    browser = await launch();
    const admin = await apiLogin(ADMIN);
    const orgs = (await admin('GET', '/api/organisations')).json.items;
    const cardio = orgs.find((o) => o.name_en === 'Department of Cardiology');
    const meditech = orgs.find((o) => o.name_en === 'Shinanomachi Meditech Co., Ltd.');
    for (const person of [quiet, paid]) {
      const r = await admin('POST', '/api/people', {
        email: person.email,
        name_ja: person.name,
        name_kana: 'シンコク',
        name_en: `COI Clinician ${stamp}`,
        organisation_id: cardio.id,
        roles: ['clinician'],
        password: PASSWORD,
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      person.id = r.json.id;
    }
    // The office asks everyone who has not declared this year (the new clinicians included).
    const office = await apiLogin(OFFICE);
    assert.equal((await office('POST', '/api/coi/declaration-requests', {})).status, 200);
    // A joint project: the paid clinician as PI, Meditech as the partner company.
    const lead = await apiLogin(COMPANY_LEAD);
    const me = (await lead('GET', '/api/me')).json;
    const proposed = await lead('POST', '/api/projects', {
      kind: 'joint',
      title_ja: `術後創部の遠隔モニタリング ${stamp}`,
      title_en: `Remote monitoring of surgical wounds ${stamp}`,
      pi_id: paid.id,
      company_lead_id: me.id,
      organisations: [{ organisation_id: meditech.id, role: 'partner' }],
    });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.json));
    projectId = proposed.json.id;
    const steering = await apiLogin(STEERING);
    assert.equal((await steering('POST', `/api/projects/${projectId}/decision`, { decision: 'approve' })).status, 200);
  });
  after(async () => {
    await browser?.close();
  });

  it('a clinician files "nothing to declare" in one click from the inbox', async () => {
    const page = await newPage(browser);
    await login(page, quiet, { language: 'ja' });
    await page.getByTestId('inbox-badge').click();
    await page.waitForURL(/\/inbox$/);
    const item = page.getByTestId('inbox-item-coi.declare');
    await item.waitFor();
    await item.getByRole('button', { name: '申告事項なし' }).click();
    await item.waitFor({ state: 'detached' });

    // The declaration page says so.
    await page.locator('.app-sider').getByText('利益相反の申告', { exact: true }).click();
    await page.waitForURL(/\/coi\/declaration/);
    await page.getByTestId('coi-status').getByText('「申告事項なし」で申告済み', { exact: false }).waitFor();
    assert.equal(await page.getByTestId('coi-nothing').isDisabled(), true);
    await page.context().close();
  });

  it('consulting fees above the threshold from a partner company open a case the committee decides', async () => {
    // The clinician declares ¥1,500,000 of consulting fees from Meditech, typing the company's name
    // in half-width kana instead of choosing it from the registered companies.
    const doctor = await newPage(browser);
    await login(doctor, paid, { language: 'ja' });
    await doctor.goto(`${BASE_URL}/coi/declaration`);
    await doctor.getByTestId('coi-add-row').click();
    await doctor.getByLabel('その他の企業名 1').fill('ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）');
    await doctor.getByTestId('coi-category-0').click();
    await clickOption(doctor, '顧問料・コンサルティング料');
    await doctor.getByTestId('coi-amount-0').fill('1500000');
    await doctor.getByLabel('内容 1').fill('製品開発の技術顧問');
    // The form shows before filing that this crosses the threshold.
    await doctor.getByTestId('coi-preview').getByText('基準に該当').waitFor();
    await doctor.getByTestId('coi-submit').click();
    await doctor.getByTestId('coi-status').getByText('申告済み', { exact: false }).waitFor();
    // Renkei says which registered company the typed name counts as; what was typed stays.
    await doctor.getByText('登録企業 信濃町メディテック株式会社 として扱います').waitFor();
    assert.equal(await doctor.getByLabel('その他の企業名 1').inputValue(), 'ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）');
    await doctor.context().close();

    // A COI committee member finds the case in the inbox and opens it.
    const committee = await newPage(browser);
    await login(committee, COI_COMMITTEE, { language: 'ja' });
    await committee.getByTestId('inbox-badge').click();
    await committee.waitForURL(/\/inbox$/);
    const item = committee.getByTestId('inbox-item-coi.case').filter({ hasText: paid.name });
    await item.waitFor();
    await item.getByRole('link', { name: '開く' }).click();
    await committee.waitForURL(/\/coi\/cases\//);
    await committee.getByTestId('coi-case-relationships').getByText('￥1,500,000').waitFor();
    await committee.getByTestId('coi-case-findings').getByText('該当', { exact: true }).waitFor();

    // The decision with its measures.
    await committee.getByText('管理のもとで可', { exact: true }).click();
    await committee.getByTestId('coi-decide').click();
    await committee.getByText('「管理のもとで可」には管理方法が必要です').waitFor();
    const measures = `臨床データの解析は利益相反のない共同研究者が行う（${stamp}）`;
    await committee.getByTestId('coi-measures').fill(measures);
    await committee.getByTestId('coi-decide').click();
    await committee.getByText('決定を記録しました').waitFor();
    await committee.getByText(measures).waitFor();

    // The project's COI tab shows the decision and its measures.
    await committee.goto(`${BASE_URL}/projects/${projectId}/coi`);
    const panel = committee.getByTestId('coi-panel');
    await panel.waitFor();
    await panel.getByText(measures).waitFor();
    await panel.getByText('管理のもとで可').first().waitFor();
    await panel.getByText('利益相反の確認は完了しています').waitFor();
    await committee.context().close();
  });
});
