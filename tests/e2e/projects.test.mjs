// Story: a company researcher proposes a joint research project with a clinician as PI (Japanese
// UI); a committee member approves it; the researcher asks to move it to feasibility; the
// clinician finds the request in the inbox (the header badge counts it) and acknowledges it in
// one click; the project is then in feasibility, and the timeline says who approved.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, it, launch, login, newPage, openDialog, pickInSearchSelect } from './lib.mjs';

const RESEARCHER = { email: 'shimizu.hikaru@renkei.example', password: 'renkei-demo-2026' };
const COMMITTEE = { email: 'sato.seiichi@renkei.example', password: 'renkei-demo-2026' };

async function badgeCount(page) {
  const badge = page.getByTestId('inbox-badge');
  await badge.waitFor();
  return Number(await badge.getAttribute('data-count'));
}

describe('projects: from proposal to feasibility', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('proposal → committee approval → move requested → PI acknowledges in the inbox → feasibility', async () => {
    const title = `貼るだけ心電計による不整脈の在宅検出 ${Date.now()}`;

    // 1. The company researcher proposes, with the clinician as PI (the company lead defaults to them).
    const researcher = await newPage(browser);
    await login(researcher, RESEARCHER, { language: 'ja' });
    await researcher.locator('.app-sider').getByText('共同研究', { exact: true }).click();
    await researcher.waitForURL(/\/projects$/);
    await researcher.getByTestId('propose-open').click();
    const dialog = await openDialog(researcher);
    await dialog.getByTestId('propose-title').fill(title);
    await dialog.getByTestId('propose-aims').fill('外来患者の心房細動を在宅で早期に検出する');
    await pickInSearchSelect(researcher, dialog.getByTestId('propose-pi'), '田中', 'tanaka.kenji@renkei.example');
    await dialog.getByTestId('propose-submit').click();
    await researcher.waitForURL(/\/projects\/[^/]+$/);
    const projectUrl = researcher.url();
    await researcher.getByTestId('project-title').getByText(title).waitFor();
    assert.equal(await researcher.getByTestId('project-status').getAttribute('data-status'), 'proposed');
    await researcher.getByText('運営委員会の承認待ちです').waitFor();

    // 2. A committee member approves it (it waits in their inbox too).
    const committee = await newPage(browser);
    await login(committee, COMMITTEE, { language: 'ja' });
    assert.ok((await badgeCount(committee)) >= 1, 'the proposal is counted in the committee member’s inbox');
    await committee.getByTestId('inbox-badge').click();
    await committee.waitForURL(/\/inbox$/);
    const proposal = committee.getByTestId('inbox-item-projects.approve_project').filter({ hasText: title });
    await proposal.waitFor();
    await proposal.getByRole('link', { name: '開く' }).click();
    await committee.waitForURL(projectUrl);
    await committee.getByTestId('project-approve').click();
    await committee.getByText('承認しました').first().waitFor();
    await committee.waitForFunction(() => document.querySelector('[data-testid="project-status"]')?.getAttribute('data-status') === 'active');
    await committee.context().close();

    // 3. The researcher (company lead) asks to move to feasibility: the gate's approver is the PI.
    await researcher.goto(`${projectUrl}/stages`);
    await researcher.getByTestId('gate-checklist').waitFor();
    await researcher.getByRole('button', { name: '「実現可能性検討」への移行を申請' }).click();
    await researcher.getByTestId('pending-request').waitFor();
    await researcher.context().close();

    // 4. The clinician finds it in the inbox and acknowledges it in one click.
    const clinician = await newPage(browser);
    await login(clinician, CLINICIAN, { language: 'ja' });
    const before = await badgeCount(clinician);
    assert.ok(before >= 1, 'the header badge counts the request');
    await clinician.getByTestId('inbox-badge').click();
    await clinician.waitForURL(/\/inbox$/);
    const item = clinician.getByTestId('inbox-item-projects.approve_stage').filter({ hasText: title });
    await item.waitFor();
    await item.getByRole('button', { name: '確認して承認' }).click();
    await item.waitFor({ state: 'detached' });
    await clinician.waitForFunction((n) => Number(document.querySelector('[data-testid="inbox-badge"]')?.getAttribute('data-count')) === n, before - 1);

    // 5. The project is in feasibility, and the timeline records who approved.
    await clinician.goto(`${projectUrl}/stages`);
    await clinician.getByTestId('project-stage').waitFor();
    assert.equal(await clinician.getByTestId('project-stage').getAttribute('data-stage'), 'feasibility');
    const timeline = clinician.getByTestId('stage-timeline');
    await timeline.getByText('実現可能性検討').waitFor();
    await timeline.getByText('承認: 田中 健二').waitFor();
    await clinician.context().close();
  });
});
