// Story: a clinician books a meeting room in the Japanese UI by clicking a free slot of the
// availability grid; a second user then sees that slot taken, and the clinician finds it among
// their own bookings.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, it, launch, login, newPage, openDialog } from './lib.mjs';

const RESEARCHER = { email: 'shimizu.hikaru@renkei.example', password: 'renkei-demo-2026' };

async function openDayAhead(page, days) {
  await page.goto(`${BASE_URL}/building`);
  await page.getByRole('grid', { name: '施設ごとの空き状況' }).waitFor();
  for (let i = 0; i < days; i += 1) await page.getByRole('button', { name: '次の日' }).click();
}

describe('building: booking a meeting room', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('a clinician books 会議室2 from the grid and another user sees it taken', async () => {
    const clinician = await newPage(browser);
    await login(clinician, CLINICIAN);
    await clinician.locator('.app-sider').getByText('施設・予約').click();
    await clinician.waitForURL(/\/building$/);
    await openDayAhead(clinician, 2);
    await clinician.getByLabel('会議室2 13:00 から予約').click();
    const dialog = clinician.getByRole('dialog', { name: '施設を予約' });
    await dialog.waitFor();
    await clinician.getByTestId('booking-title').fill('心不全デバイス 臨床ニーズ打合せ');
    await clinician.getByTestId('booking-submit').click();
    await clinician.getByText('1 件の予約が確定しました').waitFor();
    const taken = clinician.getByTestId('taken-1F-MR2-13:00');
    await taken.waitFor();
    assert.equal(await taken.innerText(), '心不全デバイス 臨床ニーズ打合せ');

    await clinician.getByRole('tab', { name: '自分の予約' }).click();
    await clinician.getByRole('cell', { name: '心不全デバイス 臨床ニーズ打合せ' }).waitFor();
    await clinician.context().close();

    const researcher = await newPage(browser);
    await login(researcher, RESEARCHER);
    await openDayAhead(researcher, 2);
    const seen = researcher.getByTestId('taken-1F-MR2-13:00');
    await seen.waitFor();
    assert.equal(await seen.innerText(), '心不全デバイス 臨床ニーズ打合せ');
    assert.match(await seen.getAttribute('title'), /田中 健二/);
    assert.equal(await researcher.getByLabel('会議室2 13:00 から予約').count(), 0, 'the taken slot offers no booking');
    await researcher.context().close();
  });
  it('a researcher drags across free cells of the week view, then books a weekly series around a clash', async () => {
    const tokyoDatePlus = (days) => new Date(Date.now() + 9 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
    const offset = 60 + Math.floor(Math.random() * 250);
    const first = tokyoDatePlus(offset);
    const nextWeek = tokyoDatePlus(offset + 7);
    const stamp = Date.now().toString(36);
    const page = await newPage(browser);
    await login(page, RESEARCHER, { resume: true });
    await page.goto(`${BASE_URL}/building`);
    await page.getByRole('grid', { name: '施設ごとの空き状況' }).waitFor();
    await page.getByText('週', { exact: true }).click();
    const picker = page.locator('.building-toolbar .ant-picker input');
    await picker.click();
    await picker.fill(nextWeek);
    await picker.press('Enter');
    await page.getByTestId(`week-day-${nextWeek}`).waitFor();

    // Drag 14:00 → 15:00 in 会議室3 a week after the first date: 14:00–15:30.
    const cell = (date, time) => page.locator(`tr[data-space="1F-MR3"][data-date="${date}"] td[data-slot="${time}"]`);
    await cell(nextWeek, '14:00').hover();
    await page.mouse.down();
    await cell(nextWeek, '14:30').hover();
    await cell(nextWeek, '15:00').hover();
    await page.mouse.up();
    let dialog = await openDialog(page);
    assert.equal(await dialog.locator('.ant-picker-input input').nth(1).inputValue(), '14:00');
    assert.equal(await dialog.locator('.ant-picker-input input').nth(2).inputValue(), '15:30');
    await page.getByTestId('booking-title').fill(`臨床研究 打合せ ${stamp}`);
    await page.getByTestId('booking-submit').click();
    await page.getByText('1 件の予約が確定しました').waitFor();
    await page.getByTestId(`taken-${nextWeek}-1F-MR3-14:00`).waitFor();

    // A weekly series of three from the first date clashes with that booking in its second week.
    await picker.click();
    await picker.fill(first);
    await picker.press('Enter');
    await page.getByTestId(`week-day-${first}`).waitFor();
    await cell(first, '14:00').hover();
    await page.mouse.down();
    await cell(first, '14:30').hover();
    await page.mouse.up();
    dialog = await openDialog(page);
    await page.getByTestId('booking-title').fill(`定例ミーティング ${stamp}`);
    await page.getByTestId('booking-repeat').click();
    await page.getByTestId('booking-count').fill('3');
    await page.getByTestId('booking-submit').click();
    const clashes = page.getByTestId('booking-clashes');
    await clashes.waitFor();
    assert.ok((await clashes.innerText()).includes('1 回が他の予約と重なっています（空いているのは 2 回）'));
    assert.match(await clashes.innerText(), new RegExp(`${nextWeek} 14:00–15:30 — 臨床研究 打合せ ${stamp}`));
    await page.getByTestId('booking-book-free').click();
    await page.getByText('2 件の予約が確定しました').waitFor();

    // Cancel this-and-following from the first occurrence among my bookings.
    await page.getByRole('tab', { name: '自分の予約' }).click();
    const row = page.locator('.ant-table-row', { hasText: `定例ミーティング ${stamp}` }).first();
    await row.waitFor();
    await row.getByRole('button', { name: '以降すべて取消' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '以降すべて取消' }).click();
    await page.getByText('2 件の予約を取り消しました').waitFor();
    await page.context().close();
  });
});
