// Story: the PI of a running project schedules a progress review meeting in a proposed common free
// slot (a meeting room is booked for everyone), records the minutes and a decision that becomes a
// task with an owner and a due date; the task is among the milestones and in the owner's inbox.
// And (issue 5): when a clinician accepts an introduction, both sides see free meeting-room slots
// and one click books one for both; the requester can then propose a project prefilled from it.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, clickOption, fillDate, it, launch, login, newPage, pageCall } from './lib.mjs';

const PI = { email: 'hayashi.mariko@renkei.example', password: 'renkei-demo-2026' };
const CLINICIAN = { email: 'tanaka.kenji@renkei.example', password: 'renkei-demo-2026' };
const RESEARCHER = { email: 'shimizu.hikaru@renkei.example', password: 'renkei-demo-2026' };

const PROJECT = 'iPS細胞由来心筋シートのための合成高分子足場材料';

/** YYYY-MM-DD `days` from today in Tokyo. */
function tokyoDate(days) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + days * 86_400_000));
}

describe('projects: progress review meetings', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('the PI books a review meeting in a common free slot and records a decision that becomes a task', async () => {
    const stamp = Date.now();
    const title = `進捗レビュー ${stamp}`;
    const decision = `動物試験の計画書を作成する ${stamp}`;
    const pi = await newPage(browser);
    await login(pi, PI, { language: 'ja' });
    await pi.goto(`${BASE_URL}/projects`);
    await pi.getByRole('link', { name: PROJECT }).click();
    await pi.waitForURL(/\/projects\/[^/]+$/);
    const projectUrl = pi.url();

    // Schedule: the members' common free times with a free room, then one click on a slot.
    await pi.getByRole('tab', { name: '進捗会議' }).click();
    await pi.getByTestId('meeting-title').fill(title);
    await pi.getByTestId('meeting-find').click();
    const slot = pi.getByTestId('meeting-slot').first();
    await slot.waitFor();
    const slotText = await slot.innerText();
    await slot.click();
    await pi.getByTestId('meeting-chosen').waitFor();
    await pi.getByTestId('meeting-submit').click();
    await pi.getByText('進捗会議を設定しました').waitFor();
    const meeting = pi.locator('.ant-collapse-item').filter({ hasText: title });
    await meeting.waitFor();
    const room = slotText.split('·').pop().trim();
    assert.ok((await meeting.innerText()).includes(room), `the booked room ${room} is shown`);

    // Minutes, then a decision that becomes a task for the PI herself.
    await meeting.getByTestId('meeting-minutes').fill('足場材料の耐久試験の結果を共有した。');
    await meeting.getByTestId('meeting-save-minutes').click();
    await pi.getByText('議事録を保存しました').waitFor();
    await meeting.getByText('開催済み').waitFor();
    await meeting.getByTestId('decision-text').fill(decision);
    await meeting.getByTestId('decision-task').check();
    await meeting.getByTestId('decision-owner').click();
    await clickOption(pi, '林 真理子');
    await fillDate(meeting.getByTestId('decision-due'), tokyoDate(10));
    await meeting.getByTestId('decision-add').click();
    await pi.getByText('タスクを作成しました（担当者の受信箱に届きます）').waitFor();
    const row = meeting.getByTestId('meeting-decision').filter({ hasText: decision });
    await row.getByTestId('decision-task-tag').waitFor();
    assert.match(await row.innerText(), new RegExp(tokyoDate(10)));

    // The task is a milestone of the project and waits in the owner's inbox.
    await pi.goto(`${projectUrl}/milestones`);
    await pi.getByRole('row').filter({ hasText: decision }).waitFor();
    await pi.goto(`${BASE_URL}/inbox`);
    await pi.getByTestId('inbox-item-projects.milestone_due').filter({ hasText: decision }).waitFor();
    await pi.context().close();
  });

  it('an accepted introduction proposes free rooms to both sides; one click books one for both', async () => {
    const title = `夜間の点滴漏れに早く気づきたい ${Date.now()}`;
    const clinician = await newPage(browser);
    await login(clinician, CLINICIAN, { language: 'ja' });
    const need = await pageCall(clinician, 'POST', '/api/exchange/needs', {
      title,
      problem: '夜間の巡視の間に点滴が漏れて腫れてしまうことがある',
      area: 'medical_device',
    });
    const researcher = await newPage(browser);
    await login(researcher, RESEARCHER, { language: 'ja' });
    await pageCall(researcher, 'POST', '/api/exchange/introductions', {
      item_type: 'need',
      item_id: need.id,
      message: 'センサー付きドレッシングで検知できます',
    });

    // The clinician accepts: free rooms where both are free, one click books one.
    await clinician.goto(`${BASE_URL}/introductions`);
    const intro = clinician.getByTestId('introduction').filter({ hasText: title });
    await intro.getByTestId('intro-accept').click();
    const slot = intro.getByTestId('meeting-slot').first();
    await slot.waitFor();
    await slot.click();
    await clinician.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await clinician.getByText('会議室を予約しました。相手にも通知されます').waitFor();
    await intro.getByTestId('intro-booked').waitFor();
    await clinician.context().close();

    // The researcher sees the meeting, then proposes a project prefilled from the need.
    await researcher.goto(`${BASE_URL}/introductions`);
    const sent = researcher.getByTestId('introduction').filter({ hasText: title });
    await sent.getByTestId('intro-booked').waitFor();
    await sent.getByTestId('intro-propose-project').click();
    const dialog = researcher.getByRole('dialog');
    await dialog.getByTestId('propose-title').waitFor();
    assert.equal(await dialog.getByTestId('propose-title').inputValue(), title);
    await dialog.getByText(`[ニーズ] ${title}`).waitFor();
    await researcher.context().close();
  });
});
