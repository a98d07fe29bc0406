// Story (issue 18, the steering committee), in the demo centre:
// 1. a clinician (田中) proposes two projects through the API: one with JSR's 山口 as company lead,
//    one with Meditech's 森 (their titles carry the time, so the test can run again on the same
//    database and whatever other tests left pending does not matter);
// 2. the office (中村) creates a meeting from the UI: the dialog lists the matters awaiting the
//    committee, and the new agenda gathers them; anything else gathered is taken off the agenda;
// 3. the office marks five members present (both sides), sends the agenda, and sees the three JSR
//    members recused from the JSR item (相手先企業の所属) but not from the Meditech one;
// 4. the office records the votes cast in the meeting and closes each vote: the JSR item is
//    approved, the Meditech item rejected; the approved project is active (実施中) at once;
// 5. the minutes download as a real .docx with the meeting's title in it; the office approves the
//    minutes and closes the meeting.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, apiLogin, it, launch, login, newPage, openDialog } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const STAMP = Date.now();
const JSR_TITLE = `E2E 委員会 アトピーのかゆみセンサ ${STAMP}`;
const MEDITECH_TITLE = `E2E 委員会 術後せん妄モニタ ${STAMP}`;
const MEETING_TITLE = `E2E 運営委員会 ${STAMP}`;
const PRESENT = ['佐藤 誠一', '鈴木 正樹', '高橋 浩', '伊藤 隆', '渡辺 美香'];
const JSR_MEMBERS = ['伊藤 隆', '渡辺 美香', '山本 大輔'];

/** The text of word/document.xml inside a .docx (python3's zipfile). */
function documentXml(path) {
  return execFileSync('python3', ['-c', 'import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', path], {
    encoding: 'utf8',
  });
}

/** Clicks the primary button of the open confirmation dialog. */
async function confirmDialog(page) {
  const dialog = await openDialog(page);
  await dialog.locator('.ant-modal-confirm-btns .ant-btn-primary, .ant-modal-footer .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('steering committee', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('gathers two proposals, recuses the JSR members from one, votes, activates the approved project and writes the minutes', async () => {
    // 1. Two fresh proposals by a clinician.
    const clinician = await apiLogin(CLINICIAN);
    const me = (await clinician('GET', '/api/me')).json;
    const person = async (login) => (await clinician('GET', `/api/people?q=${login}`)).json.items.find((p) => p.email === `${login}@renkei.example`);
    const yamaguchi = await person('yamaguchi.naoto');
    const mori = await person('mori.aya');
    assert.ok(yamaguchi && mori, 'the demo has JSR’s 山口 and Meditech’s 森');
    const propose = async (title, lead) => {
      const r = await clinician('POST', '/api/projects', {
        kind: 'joint',
        area_code: 'medical_device',
        title_ja: title,
        aims: '運営委員会の審議を確かめるための提案です。',
        pi_id: me.id,
        company_lead_id: lead.id,
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      assert.equal(r.json.status, 'proposed');
      return r.json.id;
    };
    const jsrProject = await propose(JSR_TITLE, yamaguchi);
    const meditechProject = await propose(MEDITECH_TITLE, mori);

    // 2. The office creates a meeting; the dialog shows what its agenda will gather.
    const page = await newPage(browser, { acceptDownloads: true });
    await login(page, OFFICE, { language: 'ja' });
    await page.locator('.app-sider').getByText('運営委員会', { exact: true }).click();
    await page.waitForURL(/\/committee$/);
    await page.getByTestId('meeting-create').click();
    const dialog = await openDialog(page);
    await dialog.getByTestId('pending-item').filter({ hasText: JSR_TITLE }).waitFor();
    await dialog.getByTestId('pending-item').filter({ hasText: MEDITECH_TITLE }).waitFor();
    await dialog.getByTestId('meeting-title-input').fill(MEETING_TITLE);
    await dialog.getByTestId('meeting-form-submit').click();
    await page.getByTestId('meeting-page').waitFor();
    await page.getByTestId('meeting-title').getByText(MEETING_TITLE).waitFor();
    const meetingId = new URL(page.url()).pathname.split('/').pop();
    const items = page.getByTestId('agenda-item');
    const jsrItem = items.filter({ hasText: JSR_TITLE });
    const meditechItem = items.filter({ hasText: MEDITECH_TITLE });
    await jsrItem.waitFor();
    await meditechItem.waitFor();
    await page.getByTestId('meeting-status').first().getByText('予定').waitFor();

    // Whatever else awaited the committee goes back to wait for another meeting.
    for (;;) {
      const others = items.filter({ hasNotText: String(STAMP) });
      if ((await others.count()) === 0) break;
      const before = await items.count();
      await others.first().getByTestId('item-remove').click();
      await confirmDialog(page);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="agenda-item"]').length < n, before);
    }
    assert.equal(await items.count(), 2);

    // 3. Five members present, both sides: the meeting is quorate.
    for (const name of PRESENT) {
      const row = page.getByTestId('attendance-row').filter({ hasText: name });
      const toggle = row.getByTestId('attend-switch');
      await toggle.click();
      await page.waitForFunction(
        (el) => el.getAttribute('aria-checked') === 'true' && !el.classList.contains('ant-switch-loading'),
        await toggle.elementHandle(),
      );
    }
    await page
      .getByTestId('quorum-line')
      .getByText(/出席 5 名・大学 3・企業 2/)
      .waitFor();
    await page.getByTestId('quorum-state').getByText('成立').waitFor();

    await page.getByTestId('meeting-send').click();
    await confirmDialog(page);
    await page.getByTestId('meeting-status').first().getByText('議題送付済').waitFor();

    // The JSR members stand aside on the JSR item, with the reason in words; nobody on the other.
    for (const name of JSR_MEMBERS) {
      const row = jsrItem.getByTestId('recusal').filter({ hasText: name });
      await row.waitFor();
      assert.match(await row.innerText(), /相手先企業の所属（.*JSR.*）/);
    }
    assert.equal(await meditechItem.getByTestId('recusal').count(), 0);
    const meeting = await (await apiLogin(OFFICE))('GET', `/api/committee/meetings/${meetingId}`);
    const agenda = meeting.json.agenda;
    const jsrAgenda = agenda.find((i) => i.subject_id === jsrProject);
    const meditechAgenda = agenda.find((i) => i.subject_id === meditechProject);
    const partnerEmployees = jsrAgenda.recusals.filter((r) => r.reason === 'partner_employee').map((r) => r.person.name_ja);
    assert.deepEqual(partnerEmployees.sort(), [...JSR_MEMBERS].sort(), JSON.stringify(jsrAgenda.recusals));
    assert.deepEqual(meditechAgenda.recused, []);
    // Present and not recused: the three university members, unless one has a conflict of their own.
    const eligible = jsrAgenda.tally.eligible;
    assert.ok(eligible >= 1 && eligible <= 3, `eligible on the JSR item: ${eligible}`);

    // 4. The office records the votes cast in the meeting: for on the JSR item, against on the other.
    const record = async (item, label) => {
      const rows = item.getByTestId('record-row');
      const n = await rows.count();
      let recorded = 0;
      for (let i = 0; i < n; i++) {
        const choice = rows.nth(i).locator('.ant-radio-button-wrapper').filter({ hasText: label });
        if ((await choice.count()) === 0) continue; // recused: no vote to record
        await choice.click();
        await page.waitForFunction((el) => el.classList.contains('ant-radio-button-wrapper-checked'), await choice.elementHandle());
        recorded++;
      }
      return recorded;
    };
    assert.equal(await record(jsrItem, '賛成'), eligible, 'only the members present and not recused vote on the JSR item');
    assert.equal(await record(meditechItem, '反対'), meditechAgenda.tally.eligible);
    await jsrItem.getByTestId('item-tally').getByText(`賛成 ${eligible}・反対 0・棄権 0・未投票 0（議決権のある出席者 ${eligible} 名）`).waitFor();

    await jsrItem.getByTestId('item-decide').click();
    await (await openDialog(page)).getByTestId('decide-submit').click();
    await jsrItem.getByTestId('item-decision').getByText('承認').waitFor();
    await meditechItem.getByTestId('item-decide').click();
    await (await openDialog(page)).getByTestId('decide-submit').click();
    await meditechItem.getByTestId('item-decision').getByText('否決').waitFor();

    // The approved proposal is an active project at once; the rejected one is not.
    const clinicianView = await clinician('GET', `/api/projects/${jsrProject}`);
    assert.equal(clinicianView.json.status, 'active');
    assert.equal((await clinician('GET', `/api/projects/${meditechProject}`)).json.status, 'rejected');
    await jsrItem.getByTestId('item-link').click();
    await page.waitForURL(new RegExp(`/projects/${jsrProject}`));
    await page.getByText('実施中').first().waitFor();
    await page.goBack();
    await page.getByTestId('meeting-page').waitFor();

    // 5. The minutes: a real .docx with the meeting's title.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meeting-minutes').click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const path = await download.path();
    assert.equal(readFileSync(path).subarray(0, 2).toString('latin1'), 'PK');
    const xml = documentXml(path);
    assert.ok(xml.includes(MEETING_TITLE), 'the meeting title is in the minutes');
    assert.ok(xml.includes(JSR_TITLE), 'the JSR item is in the minutes');

    await page.getByTestId('meeting-close').click();
    await confirmDialog(page);
    await page.getByTestId('meeting-status').first().getByText('議事録承認済').waitFor();
    assert.equal(await page.getByTestId('meeting-send').count(), 0);
    assert.equal(await page.getByTestId('item-remove').count(), 0);
    await page.close();
  });
});
