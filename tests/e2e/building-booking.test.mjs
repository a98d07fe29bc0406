// Story: a clinician books a meeting room in the Japanese UI by clicking a free slot of the
// availability grid; a second user then sees that slot taken, and the clinician finds it among
// their own bookings.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, CLINICIAN, launch, login, newPage } from './lib.mjs';

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
});
