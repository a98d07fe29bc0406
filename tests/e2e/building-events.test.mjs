// Story: the office creates an open seminar in the gallery (capacity 1) in the Japanese UI; two
// guests register on the public page without signing in (the second lands on the waiting list);
// the office checks the first one in on the check-in screen and downloads the CSV for Excel.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, clickOption, it, launch, login, newPage, openDialog } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };

function tokyoDatePlus(days) {
  return new Date(Date.now() + 9 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

describe('building: an open seminar with guest registration and check-in', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('office creates, guests register on the public page, office checks in', async () => {
    const stamp = Date.now().toString(36);
    const title = `再生医療セミナー ${stamp}`;
    const date = tokyoDatePlus(40 + Math.floor(Math.random() * 300));

    const office = await newPage(browser);
    await login(office, OFFICE, { language: 'ja' });
    await office.locator('.app-sider').getByText('イベント').click();
    await office.waitForURL(/\/events$/);
    await office.getByTestId('event-new').click();
    const dialog = await openDialog(office);
    await office.getByTestId('event-title-ja').fill(title);
    await dialog.getByLabel('説明(日本語)').fill('iPS 細胞を用いた心筋再生の最新動向');
    await dialog.getByLabel('会場(ホール・ギャラリー・ラウンジ)').click();
    await clickOption(office, /^ギャラリー/);
    await dialog.getByLabel('日付').click();
    await dialog.getByLabel('日付').fill(date);
    await dialog.getByLabel('日付').press('Enter');
    await office.getByTestId('event-capacity').fill('1');
    await office.getByTestId('event-save').click();
    await office.getByText('イベントを作成し、会場を予約しました').waitFor();
    const card = office.locator('[data-testid^="event-"]', { hasText: title });
    await card.waitFor();
    const id = (await card.getAttribute('data-testid')).replace(/^event-/, '');
    assert.match(await card.innerText(), /一般公開/);
    assert.match(await card.innerText(), /参加 0 \/ 定員 1/);

    // Guests: a fresh browser without any session.
    const guest = await newPage(browser);
    await guest.goto(`${BASE_URL}/public/events/${id}`);
    assert.equal(await guest.getByTestId('public-event-title').innerText(), title);
    await guest.getByLabel('氏名').fill('岡田 真理');
    await guest.getByLabel('所属').fill('大阪大学 医学部');
    await guest.getByLabel('メールアドレス').fill(`okada.${stamp}@example.jp`);
    await guest.getByTestId('public-submit').click();
    await guest.getByText('参加申込を受け付けました').waitFor();
    await guest.context().close();

    const second = await newPage(browser);
    await second.goto(`${BASE_URL}/public/events/${id}`);
    await second.getByText('満席です。キャンセル待ちとして申し込めます。').waitFor();
    await second.getByLabel('氏名').fill('Alex Smith');
    await second.getByLabel('メールアドレス').fill(`alex.${stamp}@example.com`);
    await second.getByTestId('public-submit').click();
    await second.getByText('満席のため、キャンセル待ち 1 番目で受け付けました').waitFor();
    await second.context().close();

    // The office checks the first guest in.
    await office.goto(`${BASE_URL}/events/${id}/checkin`);
    await office.getByRole('heading', { name: title }).waitFor();
    await office.getByRole('cell', { name: 'キャンセル待ち 1 番' }).waitFor();
    await office.getByRole('button', { name: '岡田 真理 を受付' }).click();
    await office.getByText('岡田 真理 さんを受付しました').waitFor();
    await office.getByText(/受付済/).waitFor();

    const csv = await office.request.get(`${BASE_URL}/api/events/${id}/registrations.csv`);
    assert.equal(csv.status(), 200);
    const bytes = await csv.body();
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    const text = bytes.toString('utf8');
    assert.match(text, /岡田 真理/);
    assert.match(text, /Alex Smith/);
    await office.context().close();
  });

  it('a members-only event has no public page', async () => {
    const guest = await newPage(browser);
    await guest.goto(`${BASE_URL}/public/events/00000000-0000-0000-0000-000000000000`);
    await guest.getByText('このイベントは見つからないか、一般公開されていません').waitFor();
    await guest.context().close();
  });
  it("office shortens a room's maximum length; a longer booking is refused with the reason", async () => {
    const office = await newPage(browser);
    await login(office, OFFICE, { language: 'ja', resume: true });
    await office.goto(`${BASE_URL}/building`);
    const setMax = async (minutes) => {
      await office.getByRole('tab', { name: 'フロア・施設一覧' }).click();
      await office.getByRole('button', { name: '会議室1 を編集' }).click();
      const dialog = await openDialog(office);
      await dialog.getByLabel('1 回の最長予約時間').fill(String(minutes));
      await office.getByTestId('space-save').click();
      await office.getByText('施設の設定を保存しました').last().waitFor();
      await dialog.waitFor({ state: 'hidden' });
    };
    await setMax(60);
    const row = office.locator('.ant-table-row', { hasText: '会議室1' }).first();
    assert.match(await row.innerText(), /1 時間/);

    await office.getByRole('tab', { name: '空き状況' }).click();
    const date = tokyoDatePlus(40 + Math.floor(Math.random() * 300));
    const picker = office.locator('.building-toolbar .ant-picker input');
    await picker.click();
    await picker.fill(date);
    await picker.press('Enter');
    const cell = (time) => office.locator(`tr[data-space="1F-MR1"][data-date="${date}"] td[data-slot="${time}"]`);
    await cell('10:00').hover();
    await office.mouse.down();
    await cell('11:30').hover();
    await office.mouse.up();
    await openDialog(office);
    await office.getByTestId('booking-title').fill('長すぎる会議');
    await office.getByTestId('booking-submit').click();
    await office.getByText('この施設は 1 回 60 分までしか予約できません').waitFor();
    await office.keyboard.press('Escape');
    await setMax(240);
    await office.context().close();
  });
});
