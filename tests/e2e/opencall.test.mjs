// Story (issue 19, docs/opencall.md), in the demo centre:
// 1. the office (中村) writes an open call — ¥10M in all, ¥6M at most per proposal, one review each,
//    two reviewers: 山田 (who declared a relationship with JSR in her COI self-declaration) and 木村 —
//    and opens it;
// 2. two clinicians apply from the call page: 井上 with JSR's 清水 as company lead (partner: JSR)
//    and 松本 with Meditech's 森 (partner: Meditech), each asking for their budget;
// 3. the office computes the assignment: 山田 is not given 井上's proposal and the page says why
//    (連携企業との利益相反申告); the office closes the call (moves the deadline to yesterday),
//    computes again and starts the review;
// 4. each assigned reviewer opens the proposal from the inbox link and scores it;
// 5. the ranking proposes the selection within the budget (both together ask ¥11M); the office sends it;
// 6. a committee member (佐藤) approves; 井上's proposal is selected and is an active open-call project.
// The call's title carries the time, so the test can run again on the same database.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, apiLogin, fillDate, it, launch, login, newPage, openDialog, pickInSearchSelect, tokyoDate } from './lib.mjs';

const PASSWORD = 'renkei-demo-2026';
const OFFICE = { email: 'nakamura.yumi@renkei.example', password: PASSWORD };
const INOUE = { email: 'inoue.megumi@renkei.example', password: PASSWORD };
const MATSUMOTO = { email: 'matsumoto.ryo@renkei.example', password: PASSWORD };
const COMMITTEE = { email: 'sato.seiichi@renkei.example', password: PASSWORD };
const TITLE = `E2E 学内公募 ${Date.now()}`;

/** Clicks the primary button of the open confirmation dialog. */
async function confirmDialog(page) {
  const dialog = await openDialog(page);
  await dialog.locator('.ant-modal-confirm-btns .ant-btn-primary, .ant-modal-footer .ant-btn-primary').click();
}

/** An applicant applies from the call page, fills the proposal and submits it. */
async function apply(browser, who, callId, { title, aims, lead, leadEmail, yen }) {
  const page = await newPage(browser);
  await login(page, who, { language: 'ja' });
  await page.goto(`${BASE_URL}/opencall/${callId}`);
  await page.getByTestId('call-apply').click();
  const dialog = await openDialog(page);
  await dialog.getByTestId('apply-title').fill(title);
  await dialog.getByTestId('apply-create').click();
  await page.getByTestId('proposal-form').waitFor();
  await page.getByTestId('proposal-aims').fill(aims);
  await pickInSearchSelect(page, page.getByTestId('proposal-lead'), lead, leadEmail);
  await page.getByTestId('budget-add').click();
  await page.getByTestId('budget-amount').fill(String(yen));
  await page.getByTestId('proposal-submit').click();
  await page.getByText('提出済み').first().waitFor();
  const id = new URL(page.url()).pathname.split('/').pop();
  await page.close();
  return id;
}

describe('open call', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('goes from the call to an active project, never assigning a reviewer with a COI', async () => {
    const api = await apiLogin(OFFICE);
    const person = async (login) => (await api('GET', `/api/people?q=${login}`)).json.items.find((p) => p.email === `${login}@renkei.example`);
    const yamada = await person('yamada.hanako');
    const kimura = await person('kimura.takuya');

    // 1. The office writes and opens the call.
    const office = await newPage(browser);
    await login(office, OFFICE, { language: 'ja' });
    await office.goto(`${BASE_URL}/opencall`);
    await office.getByTestId('call-create').click();
    const form = await openDialog(office);
    await form.getByTestId('call-title').fill(TITLE);
    await form.getByTestId('call-budget').fill('10000000');
    await form.getByTestId('call-cap').fill('6000000');
    await fillDate(form.getByTestId('call-opens'), tokyoDate(0));
    await fillDate(form.getByTestId('call-closes'), tokyoDate(14));
    await form.getByLabel('1件あたりの審査員数').fill('1');
    for (const [i, [name, email]] of [
      ['山田', 'yamada.hanako@renkei.example'],
      ['木村', 'kimura.takuya@renkei.example'],
    ].entries()) {
      await form.getByTestId('reviewer-add').click();
      await pickInSearchSelect(office, form.getByTestId('reviewer-row').nth(i).locator('.ant-select'), name, email);
    }
    await form.getByTestId('call-form-submit').click();
    await office.getByTestId('call-page').waitFor();
    const callId = new URL(office.url()).pathname.split('/').pop();
    await office.getByTestId('call-open').click();
    await confirmDialog(office);
    await office.getByTestId('call-steps').getByText('公募中').waitFor();
    const opened = (await api('GET', `/api/opencall/calls/${callId}`)).json;
    assert.equal(opened.status, 'open');
    assert.equal(opened.reviews_per_proposal, 1);
    assert.deepEqual(opened.reviewers.map((r) => r.person.id).sort(), [yamada.id, kimura.id].sort());

    // 2. Two clinicians apply.
    const jsrProposal = await apply(browser, INOUE, callId, {
      title: '抗がん剤の血管外漏出を早く見つけるセンサ',
      aims: '点滴の刺入部の腫れと温度の変化を測り、漏出を早く知らせる。',
      lead: '清水',
      leadEmail: 'shimizu.hikaru@renkei.example',
      yen: 5000000,
    });
    const meditechProposal = await apply(browser, MATSUMOTO, callId, {
      title: 'ドライアイを自宅で測る',
      aims: '涙液の量と瞬きを自宅で測り、外来で治療効果を評価する。',
      lead: '森',
      leadEmail: 'mori.aya@renkei.example',
      yen: 6000000,
    });

    // 3. The assignment: 山田 is excluded from the JSR proposal for her COI declaration.
    await office.reload();
    await office.getByTestId('assignment-solve').click();
    const table = office.getByTestId('assignment-table');
    const jsrRow = table.locator('tr, .ant-card').filter({ hasText: '抗がん剤の血管外漏出' }).last();
    await jsrRow.getByTestId('excluded-reviewer').filter({ hasText: '山田' }).getByText('連携企業との利益相反申告').waitFor();
    let assignment = (await api('GET', `/api/opencall/calls/${callId}/assignment`)).json;
    const reviewerOf = (id) => assignment.proposals.find((p) => p.id === id).reviewers.map((r) => r.person.id);
    assert.deepEqual(reviewerOf(jsrProposal), [kimura.id]);

    // The office closes the call, computes again (the change marked it stale) and starts the review.
    await office.getByTestId('call-edit').click();
    const edit = await openDialog(office);
    await fillDate(edit.getByTestId('call-opens'), tokyoDate(-2));
    await fillDate(edit.getByTestId('call-closes'), tokyoDate(-1));
    await edit.getByTestId('call-form-submit').click();
    await office.getByTestId('assignment-stale').waitFor();
    await office.getByTestId('assignment-solve').click();
    await office.getByTestId('assignment-stale').waitFor({ state: 'detached' });
    await office.getByTestId('call-start-review').click();
    await confirmDialog(office);
    await office.getByTestId('call-steps').getByText('審査中').waitFor();
    assignment = (await api('GET', `/api/opencall/calls/${callId}/assignment`)).json;
    assert.deepEqual(reviewerOf(jsrProposal), [kimura.id], 'still no reviewer with a COI');

    // 4. Each reviewer scores from the inbox link: the JSR proposal high, the other lower.
    const emails = { [yamada.id]: yamada.email, [kimura.id]: kimura.email };
    for (const [proposal, score] of [
      [jsrProposal, '5'],
      [meditechProposal, '3'],
    ]) {
      const reviewer = await newPage(browser);
      await login(reviewer, { email: emails[reviewerOf(proposal)[0]], password: PASSWORD }, { language: 'ja' });
      await reviewer.goto(`${BASE_URL}/inbox`);
      await reviewer.locator(`a[href*="/opencall/proposals/${proposal}"]`).first().click();
      const card = reviewer.getByTestId('review-card');
      await card.waitFor();
      for (const criterion of ['novelty', 'feasibility', 'impact']) await card.getByTestId(`score-${criterion}`).getByText(score, { exact: true }).click();
      await card.getByTestId('review-comment').fill('評価のコメント');
      await card.getByTestId('review-submit').click();
      await card.getByText(/に評価を送りました/).waitFor();
      await reviewer.close();
    }

    // 5. The ranking proposes what fits the budget (¥5M + ¥6M > ¥10M: the better one); the office sends it.
    await office.reload();
    const ranking = office.getByTestId('ranking');
    await ranking.getByTestId(`select-${jsrProposal}`).waitFor();
    assert.equal(await ranking.getByTestId(`select-${jsrProposal}`).isChecked(), true);
    assert.equal(await ranking.getByTestId(`select-${meditechProposal}`).isChecked(), false);
    assert.match(await ranking.getByTestId('selection-total').textContent(), /5,000,000.*10,000,000/);
    const ranked = (await api('GET', `/api/opencall/calls/${callId}/ranking`)).json.rows;
    assert.deepEqual(
      ranked.map((r) => [r.proposal.id, r.score]),
      [
        [jsrProposal, 5],
        [meditechProposal, 3],
      ],
    );
    await ranking.getByTestId('selection-note').fill('予算の範囲で1件を推薦します');
    await ranking.getByTestId('selection-send').click();
    await confirmDialog(office);
    await office.getByTestId('call-steps').getByText('委員会審議中').waitFor();

    // 6. The committee approves; the selected proposal is an active open-call project.
    const committee = await newPage(browser);
    await login(committee, COMMITTEE, { language: 'ja' });
    await committee.goto(`${BASE_URL}/opencall/${callId}`);
    await committee.getByTestId('call-selection-note').getByText('予算の範囲で1件を推薦します').waitFor();
    await committee.getByTestId('decision-approve').click();
    await confirmDialog(committee);
    await committee.getByTestId('call-steps').getByText('決定済み').waitFor();

    const selected = (await api('GET', `/api/opencall/proposals/${jsrProposal}`)).json;
    assert.equal(selected.status, 'selected');
    assert.equal((await api('GET', `/api/opencall/proposals/${meditechProposal}`)).json.status, 'not_selected');
    await committee.goto(`${BASE_URL}/projects/${selected.project_id}`);
    await committee.getByText('実施中').first().waitFor();
    const project = (await api('GET', `/api/projects/${selected.project_id}`)).json;
    assert.equal(project.status, 'active');
    assert.equal(project.kind, 'open_call');
    assert.equal(project.budgets[0].amount_yen, 5000000);
  });
});
