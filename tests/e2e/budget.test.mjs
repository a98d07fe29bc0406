// Story: the centre's budget (issue 18) and its changes through the approval chain (稟議).
// 1. The office (中村) opens the budget: the chart and the tables per area and per project, the
//    project over its allocation marked; the changes tab shows the demo's change (its PI asked for
//    more, ¥1M or more) with its chain: the office head approved it, it awaits the committee.
// 2. A PI (木村) asks for a small change (under ¥1M) of his project's allocation on the project's
//    page; under the demo's rules only the office head (小林) decides: she opens the change from her
//    inbox (/budget?change=…, opened and highlighted), approves with a comment; the change is
//    approved and the project's allocation in the overview is the new amount.
// Independent of the other stories on the same demo server: the amount and the reason are unique
// to the run, a change left pending by an earlier failed run is withdrawn first, and nothing
// another story reads is changed (the PI's project has no other budget story).
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, apiLogin, it, launch, login, newPage, openDialog } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const HEAD = { email: 'kobayashi.naoko@renkei.example', password: 'renkei-demo-2026' };
const PI = { email: 'kimura.takuya@renkei.example', password: 'renkei-demo-2026' };
const PI_PROJECT = '腸内細菌叢プロファイルに基づく免疫チェックポイント阻害薬の効果予測';

const yen = (n) => new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(n);

/** The fiscal year (April–March) of today in Tokyo, as the server names it. */
function fiscalYear() {
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 4 ? year : year - 1;
}

/** The table row of a change (Ant Design marks each row with its key) and its chain, once opened. */
const changeRow = (page, id) => page.getByTestId('changes-table').locator(`tr[data-row-key="${id}"]`);

describe('budget: the overview and a budget change through its approval chain', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('the office sees the overview with the project over its allocation, and the demo change awaiting the committee', async () => {
    const api = await apiLogin(OFFICE);
    const fy = fiscalYear();
    const overview = (await api('GET', `/api/budget/overview?fiscal_year=${fy}`)).json;
    const over = overview.projects.find((p) => p.status === 'over');
    assert.ok(over, 'the demo has a project over its allocation');
    // The demo's change: its chain has passed the office head and waits for the committee.
    const changes = (await api('GET', '/api/budget/changes?status=pending')).json.items;
    const demo = changes.find((c) => c.project_id === over.project_id && c.approval?.steps.some((s) => s.approver === 'committee' && s.status === 'current'));
    assert.ok(demo, "the over project's change awaits the committee");

    const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await login(page, OFFICE, { language: 'ja' });
    await page.goto(`${BASE_URL}/budget`);
    await page.getByTestId('budget-chart').locator('canvas').first().waitFor();
    await page.getByTestId('budget-areas').getByText('合計').waitFor();
    const warning = page.getByTestId('budget-over-warning');
    await warning.getByText(over.title_ja).waitFor();
    const overRow = page.getByTestId('budget-projects').locator('tr').filter({ hasText: over.title_ja });
    await overRow.getByTestId('health-over').getByText('超過').waitFor();
    assert.match(await overRow.innerText(), new RegExp(yen(over.allocated_yen).replace(/[￥¥]/, '.')));

    // The changes tab: where the demo change stands, and its chain when opened.
    await page.getByRole('tab', { name: '予算変更' }).click();
    const row = changeRow(page, demo.id);
    await row.getByTestId('change-status').getByText('運営委員会の審議待ち').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const chain = page.getByTestId(`change-chain-${demo.id}`);
    await chain.getByTestId('approval-step-1').getByText('事務局長').waitFor();
    await chain.getByTestId('approval-step-2').getByText('運営委員会').waitFor();
    assert.match(await chain.innerText(), /小林 直子 が .* に承認/);
    assert.match(await chain.innerText(), /「超過の理由と見積りを確認しました。運営委員会に付議します。」/);
    // Nobody acts on a committee step here: the committee decides at its meeting.
    assert.equal(await chain.getByTestId('approval-approve').count(), 0);
  });

  it('a PI asks for a small change; the office head approves it from her inbox; the allocation changes', async () => {
    const office = await apiLogin(OFFICE);
    const fy = fiscalYear();
    const project = (await office('GET', `/api/budget/overview?fiscal_year=${fy}`)).json.projects.find((p) => p.title_ja === PI_PROJECT);
    assert.ok(project?.allocated_yen, 'the PI’s project has an allocation this year');
    // A change an earlier, failed run left pending would stop a new one (one at a time per year).
    for (const c of (await office('GET', `/api/budget/changes?status=pending&project_id=${project.project_id}`)).json.items)
      if (c.fiscal_year === fy) assert.equal((await office('POST', `/api/budget/changes/${c.id}/withdraw`)).status, 200);
    // Under ¥1M more: only the office head decides. Unique to this run.
    const stamp = Date.now();
    const newYen = project.allocated_yen + 100_000 + (stamp % 9000) * 100;
    const reason = `学会発表の旅費が不足するため（${stamp}）`;

    // 1. The PI asks on the project's page.
    const pi = await newPage(browser);
    await login(pi, PI, { language: 'ja' });
    await pi.goto(`${BASE_URL}/projects/${project.project_id}`);
    const card = pi.getByTestId('project-budget-card');
    await card.getByTestId('project-budget-change').click();
    const dialog = await openDialog(pi);
    await dialog
      .getByTestId('change-hint')
      .getByText(/承認ルート（稟議）/)
      .waitFor();
    await dialog.getByTestId('change-new-yen').fill(String(newYen));
    await dialog.getByTestId('change-reason').fill(reason);
    await dialog.getByTestId('change-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByTestId('change-status').getByText('事務局長の承認待ち').waitFor();
    const asked = (await office('GET', `/api/budget/changes?status=pending&project_id=${project.project_id}`)).json.items.find((c) => c.reason === reason);
    assert.ok(asked, 'the change was asked');
    assert.equal(asked.new_yen, newYen);
    assert.deepEqual(
      asked.approval.steps.map((s) => s.label_ja),
      ['事務局長'],
      'a change under ¥1M stops at the office head',
    );

    // 2. The office head opens it from her inbox: the change is open and highlighted on the budget page.
    const head = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await login(head, HEAD, { language: 'ja' });
    await head.goto(`${BASE_URL}/inbox`);
    const item = head.getByTestId('inbox-item-approvals.step').filter({ hasText: PI_PROJECT });
    await item.first().waitFor();
    await item.first().locator('.inbox-open').click();
    await head.waitForURL(new RegExp(`/budget\\?change=${asked.id}$`));
    const row = changeRow(head, asked.id);
    await row.getByTestId('change-status').getByText('事務局長の承認待ち（あなたの番）').waitFor();
    assert.match((await row.getAttribute('class')) ?? '', /ant-table-row-selected/, 'the linked change is highlighted');
    const chain = head.getByTestId(`change-chain-${asked.id}`);
    await chain.getByTestId('approval-step-1').getByText('事務局長').waitFor();
    await chain.getByTestId('approval-comment-input').fill('旅費の見積りを確認しました');
    await chain.getByTestId('approval-approve').click();

    // The change is approved, with who approved it and the comment; the allocation is the new amount.
    await row.getByTestId('change-status').getByText('承認').waitFor();
    await chain.getByText('「旅費の見積りを確認しました」').waitFor();
    assert.match(await chain.innerText(), /小林 直子 が .* に承認/);
    assert.equal(await chain.getByTestId('approval-approve').count(), 0);
    await head.getByRole('tab', { name: '概要' }).click();
    const projectRow = head.getByTestId('budget-projects').locator('tr').filter({ hasText: PI_PROJECT });
    await projectRow.getByText(yen(newYen), { exact: true }).waitFor();

    // The PI's page says so too.
    await pi.reload();
    const mine = card.locator('.ant-collapse-item').filter({ hasText: `${yen(asked.current_yen)} → ${yen(newYen)}` });
    await mine.getByTestId('change-status').getByText('承認').waitFor();
    await card.locator('.ant-statistic').filter({ hasText: '配分' }).getByText(yen(newYen)).waitFor();
    const after = (await office('GET', `/api/budget/overview?fiscal_year=${fy}`)).json.projects.find((p) => p.project_id === project.project_id);
    assert.equal(after.allocated_yen, newYen);
  });
});
