import path from 'node:path';
import { BASE_URL, currentLanguage, launch, login, newPage, switchLanguage } from './lib.mjs';
const dir = '/tmp/coi-shots';
const browser = await launch();
const problems = [];
async function shot(page, name) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
const pw = 'renkei-demo-2026';
for (const language of ['ja', 'en']) {
  const as = async (email) => {
    const page = await newPage(browser);
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${language} ${email}: ${m.text().slice(0, 300)}`); });
    await login(page, { email, password: pw });
    if ((await currentLanguage(page)) !== language) await switchLanguage(page, language);
    return page;
  };
  let p = await as('yoshida.sho@renkei.example');
  await p.goto(`${BASE_URL}/coi/declaration`); await shot(p, `${language}-declaration-prefilled`);
  await p.goto(`${BASE_URL}/inbox`); await shot(p, `${language}-inbox-declare`);
  await p.context().close();
  p = await as('tanaka.kenji@renkei.example');
  await p.goto(`${BASE_URL}/coi/declaration`); await shot(p, `${language}-declaration-filed`);
  await p.context().close();
  p = await as('nakamura.yumi@renkei.example');
  await p.goto(`${BASE_URL}/coi/management?tab=status`); await shot(p, `${language}-manage-status`);
  await p.goto(`${BASE_URL}/coi/management?tab=thresholds`); await shot(p, `${language}-manage-thresholds`);
  await p.context().close();
  p = await as('takahashi.hiroshi@renkei.example');
  await p.goto(`${BASE_URL}/coi/management?tab=cases`); await shot(p, `${language}-manage-cases`);
  await p.goto(`${BASE_URL}/coi/management?tab=cases`);
  await p.locator('.ant-table-row a').first().click();
  await p.waitForURL(/\/coi\/cases\//); await shot(p, `${language}-case`);
  const res = await p.evaluate(async () => (await fetch('/api/projects?q=' + encodeURIComponent('心電図'))).json());
  const items = res.items ?? res;
  await p.goto(`${BASE_URL}/projects/${items[0].id}/coi`); await shot(p, `${language}-project-coi`);
  await p.context().close();
}
console.log(problems.join('\n'));
await browser.close();
