// Story (Japanese UI, issue 17, docs/deadlines.md): the office opens 期限一覧, sees the demo centre's
// deadlines of the next 90 days week by week (a week headed 「M月D日の週」 with at least one
// deadline), narrows them to one kind (契約満了, then the whole 倫理審査 module) and downloads what
// is shown as CSV for Excel (UTF-8 with a BOM, Japanese headers). Read-only: the demo database is
// left as it was, so the test can run again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe } from 'node:test';
import { BASE_URL, apiLogin, clickOption, it, launch, login, newPage } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };

describe('deadlines', () => {
  let browser, kinds;

  before(async () => {
    browser = await launch();
    const office = await apiLogin(OFFICE);
    const view = (await office('GET', '/api/deadlines')).json;
    kinds = view.kinds;
    assert.ok(view.total > 0, 'the demo centre has deadlines in the next 90 days');
  });
  after(async () => {
    await browser?.close();
  });

  it('the office sees the weeks, filters by kind and downloads the CSV', async () => {
    const page = await newPage(browser);
    await login(page, OFFICE, { language: 'ja' });
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('menuitem', { name: '期限一覧' }).first().click();
    await page.waitForURL(/\/deadlines$/);
    const week = page.getByTestId('deadlines-week').first();
    await week.waitFor();
    assert.match((await week.locator('h4').textContent()) ?? '', /\d+月\d+日の週/);
    assert.ok((await week.getByTestId('deadlines-title').count()) > 0, 'a week lists its deadlines');

    // One kind: the kind tag of every row is that kind's label.
    const kind = kinds.includes('contracts.expiry') ? { value: 'contracts.expiry', label: '契約満了' } : { value: kinds[0], label: null };
    await page.getByTestId('deadlines-kind').click();
    if (kind.label) await clickOption(page, new RegExp(`^${kind.label}$`));
    else await clickOption(page, /のすべて$/);
    await page.waitForFunction((label) => {
      const tags = [...document.querySelectorAll('[data-testid="deadlines-kind-tag"]')];
      return tags.length > 0 && (!label || tags.every((t) => t.textContent === label));
    }, kind.label);
    const csvHref = await page.getByTestId('deadlines-csv').getAttribute('href');
    assert.match(csvHref ?? '', /format=csv&lang=ja/);
    assert.match(csvHref ?? '', /kind=/);

    // The CSV of what is shown: BOM, Japanese headers, one line per deadline shown.
    const shown = await page.getByTestId('deadlines-title').count();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('deadlines-csv').click()]);
    assert.match(download.suggestedFilename(), /^deadlines-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for Excel');
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.startsWith('期限,週,種別,内容,対象,プロジェクト,担当者,法定,リンク\r\n'), text.slice(0, 80));
    assert.equal(text.trimEnd().split('\r\n').length, shown + 1);
    if (kind.label) assert.ok(text.split('\r\n')[1].includes(kind.label));
    await page.context().close();
  });
});
