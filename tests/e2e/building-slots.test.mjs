// Story: a clinician wants to meet a company researcher. In the Japanese booking form she adds
// the researcher as an attendee, asks for a time when both are free, takes the first proposal
// and books it; the researcher finds the invitation among his own bookings. Then a recurring
// request for the hall is approved by the office as a whole, and the requester is told once.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, clickOption, it, launch, login, newPage, openDialog } from './lib.mjs';

const RESEARCHER = { email: 'shimizu.hikaru@renkei.example', password: 'renkei-demo-2026' };
const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };

/** Cancels (as the signed-in user of `page`) their bookings with this title, so the shared demo stays as it was. */
async function cancelMine(page, title) {
  return page.evaluate(async (title) => {
    const me = await (await fetch('/api/me')).json();
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 9 * 3600_000 + 400 * 86400_000).toISOString().slice(0, 10);
    const { items } = await (await fetch(`/api/bookings?mine=true&from=${today}&to=${to}`)).json();
    const first = items.find((b) => b.title === title);
    if (!first) return 0;
    const scope = first.series_id ? 'following' : 'this';
    const r = await fetch(`/api/bookings/${first.id}?scope=${scope}`, { method: 'DELETE', headers: { 'X-CSRF-Token': me.csrf_token } });
    return r.status;
  }, title);
}

describe('building: finding a time when everyone is free', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('a clinician invites a researcher, books a proposed slot, and the researcher sees the invitation', async () => {
    const tokyoDatePlus = (days) => new Date(Date.now() + 9 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
    const date = tokyoDatePlus(3 + Math.floor(Math.random() * 8));
    const title = `臨床ニーズ面談 ${Date.now().toString(36)}`;

    const page = await newPage(browser);
    await login(page, CLINICIAN);
    await page.goto(`${BASE_URL}/building`);
    await page.getByRole('grid', { name: '施設ごとの空き状況' }).waitFor();
    const picker = page.locator('.building-toolbar .ant-picker input');
    await picker.click();
    await picker.fill(date);
    await picker.press('Enter');
    await page.getByRole('button', { name: '予約する' }).first().click();
    const dialog = await openDialog(page);

    // A meeting room, the researcher as attendee, then "find a time".
    const spaceSelect = dialog.locator('.ant-select').first();
    await spaceSelect.click();
    await page.keyboard.type('会議室3');
    await clickOption(page, '会議室3');
    await dialog.getByTestId('booking-attendees').click();
    await page.keyboard.type('shimizu');
    await clickOption(page, 'shimizu.hikaru@renkei.example');
    await page.keyboard.press('Escape');
    await dialog.getByTestId('booking-title').fill(title);
    await dialog.getByTestId('booking-find-time').click();
    const proposal = dialog.getByTestId('booking-proposal').first();
    await proposal.waitFor();
    const label = await proposal.innerText();
    assert.match(label, /会議室/, 'a meeting room is proposed');
    await proposal.click();
    assert.equal(await dialog.getByTestId('booking-proposals').count(), 0, 'the proposals close once one is taken');
    await dialog.getByTestId('booking-submit').click();
    await page.getByText('1 件の予約が確定しました').waitFor();
    await page.getByRole('tab', { name: '自分の予約' }).click();
    await page.locator('.ant-table-row', { hasText: title }).first().waitFor();
    await page.context().close();

    const researcher = await newPage(browser);
    await login(researcher, RESEARCHER);
    // The bell tells him; his own bookings list the meeting as an invitation.
    await researcher.getByTestId('notification-bell').click();
    await researcher.getByText(`打合せに招待されました: ${title}`, { exact: false }).waitFor();
    await researcher.goto(`${BASE_URL}/building`);
    await researcher.getByRole('tab', { name: '自分の予約' }).click();
    const row = researcher.locator('.ant-table-row', { hasText: title }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /田中 健二 さんから招待/);
    assert.equal(await row.getByRole('button', { name: '取消' }).count(), 0, 'only the organiser cancels');
    await researcher.context().close();

    const again = await newPage(browser);
    await login(again, CLINICIAN, { resume: true });
    assert.equal(await cancelMine(again, title), 200);
    await again.context().close();
  });
  it('a researcher requests the hall every week; the office approves the whole series in one click', async () => {
    const tokyoDatePlus = (days) => new Date(Date.now() + 9 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
    const date = tokyoDatePlus(40 + Math.floor(Math.random() * 250));
    const title = `連続技術講座 ${Date.now().toString(36)}`;

    const page = await newPage(browser);
    await login(page, RESEARCHER, { resume: true });
    await page.goto(`${BASE_URL}/building`);
    await page.getByRole('grid', { name: '施設ごとの空き状況' }).waitFor();
    const picker = page.locator('.building-toolbar .ant-picker input');
    await picker.click();
    await picker.fill(date);
    await picker.press('Enter');
    await page.getByLabel('ホール 13:00 から予約').click();
    const dialog = await openDialog(page);
    await dialog.getByTestId('booking-title').fill(title);
    await dialog.getByTestId('booking-repeat').click();
    await dialog.getByTestId('booking-count').fill('3');
    await dialog.getByTestId('booking-submit').click();
    await page.getByText('予約を申請しました。事務局の承認をお待ちください').waitFor();
    await page.context().close();

    const office = await newPage(browser);
    await login(office, OFFICE);
    await office.goto(`${BASE_URL}/building`);
    await office.getByRole('tab', { name: /承認待ち/ }).click();
    const row = office.locator('.ant-table-row', { hasText: title }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /繰り返し 全3回/);
    await row.getByRole('button', { name: '全3回を承認' }).click();
    await office.getByText('3 件を承認し、申請者に通知しました').waitFor();
    await office.context().close();

    const again = await newPage(browser);
    await login(again, RESEARCHER, { resume: true });
    await again.getByTestId('notification-bell').click();
    await again.getByText(`予約が承認されました: ${title}`, { exact: false }).waitFor();
    assert.match(await again.getByText(`予約が承認されました: ${title}`, { exact: false }).innerText(), /全3回/);
    assert.equal(await cancelMine(again, title), 200);
    await again.context().close();
  });
});
