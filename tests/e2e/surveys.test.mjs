// Story (issue 18, surveys), in the demo centre:
// 1. the office (中村) builds a survey in the builder: a single choice whose second option skips to
//    the end, and a scale; an empty option is refused naming the question; it is sent to the
//    clinicians (its title carries the time, so the test can run again on the same database);
// 2. a clinician (田中) opens it from the inbox, answers on the answer page; the item leaves the inbox;
// 3. the office sees 1 answered and the results chart with its table (1 answer, 100 %);
// 4. the paper's imported survey shows n = 111, 40.0 % and its 出典.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, it, launch, login, newPage } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const TITLE = `E2E アンケート ${Date.now()}`;

describe('surveys', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('the office sends a survey, a clinician answers from the inbox, the office sees the chart', async () => {
    // 1. Build and send.
    const office = await newPage(browser);
    await login(office, OFFICE, { language: 'ja' });
    await office.goto(`${BASE_URL}/surveys`);
    await office.getByTestId('survey-new').click();
    const builder = office.getByTestId('survey-builder');
    await builder.getByTestId('survey-title-ja').fill(TITLE);
    await builder.getByTestId('survey-question-0-text').fill('センターを利用しましたか');
    await builder.getByTestId('survey-question-0-option-0').fill('はい');
    await builder.getByTestId('survey-save').click();
    await builder.getByTestId('survey-builder-problem').getByText('questions[0].options[1].text_ja').waitFor();
    await builder.getByTestId('survey-question-0-option-1').fill('いいえ');
    await builder.getByTestId('survey-add-scale').click();
    await builder.getByTestId('survey-question-1-text').fill('満足度');
    await builder.getByTestId('survey-audience-roles').getByText('臨床医').click();
    await builder.getByTestId('survey-save').click();
    await office.getByTestId('survey-page').waitFor();
    await office.getByTestId('survey-send').click();
    await office.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await office
      .getByTestId('survey-answered-count')
      .getByText(/^0 \/ \d+$/)
      .waitFor();
    const id = office.url().split('/surveys/')[1];

    // 2. The clinician answers from the inbox.
    const clinician = await newPage(browser);
    await login(clinician, CLINICIAN, { language: 'ja' });
    await clinician.goto(`${BASE_URL}/inbox`);
    await clinician.locator(`a[href*="/surveys/${id}/answer"]`).first().click();
    await clinician.getByTestId('survey-answer-page').waitFor();
    await clinician.getByTestId('survey-answer-0').getByText('はい', { exact: true }).click();
    await clinician.getByTestId('survey-answer-1').getByText('4', { exact: true }).click();
    await clinician.getByTestId('survey-submit').click();
    await clinician.getByTestId('survey-answered').waitFor();
    await clinician.goto(`${BASE_URL}/inbox`);
    await clinician.waitForLoadState('networkidle');
    assert.equal(await clinician.locator(`a[href*="/surveys/${id}/answer"]`).count(), 0, 'answered: the item is done');

    // 3. The office sees the answer counted and charted.
    await office.reload();
    await office
      .getByTestId('survey-answered-count')
      .getByText(/^1 \/ \d+$/)
      .waitFor();
    const first = office.getByTestId('survey-result-0');
    await first.locator('canvas').first().waitFor();
    await first.getByText('100.0%').first().waitFor();
    const scale = office.getByTestId('survey-result-1');
    await scale.getByText(/平均: 4\.00/).waitFor();
    await office.screenshot({ path: '/tmp/surveys-e2e-results.png', fullPage: true });

    // 4. The paper's survey.
    await office.goto(`${BASE_URL}/surveys`);
    await office.getByText('医学系研究者の企業との共同研究に関する意識調査').click();
    await office
      .getByTestId('survey-imported-note')
      .getByText(/n = 111/)
      .waitFor();
    await office.getByTestId('survey-imported-note').getByText(/出典/).waitFor();
    await office.getByTestId('survey-result-0').getByText('40.0%').first().waitFor();
    await office.getByTestId('survey-not-published-1').waitFor();
    await office.screenshot({ path: '/tmp/surveys-e2e-imported.png', fullPage: true });
    await clinician.close();
    await office.close();
  });
});
