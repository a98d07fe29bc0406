import { describe, expect, it } from 'vitest';
import { answersToSend, checkAnswers, checkQuestions, formatPercent, jumpTargets, newQuestion, pathOf, withKind, type Answers, type Question } from './model';

function single(jumps: (number | null)[], required = false): Question {
  return { ...newQuestion('single'), text_ja: '単一', required, options: jumps.map((j, i) => ({ text_ja: `選択肢${i}`, text_en: '', jump_to: j })) };
}
function multiple(n: number, max: number | null = null): Question {
  return {
    ...newQuestion('multiple'),
    text_ja: '複数',
    max_choices: max,
    options: Array.from({ length: n }, (_, i) => ({ text_ja: `選択肢${i}`, text_en: '', jump_to: null })),
  };
}
const scale = (min = 1, max = 5): Question => ({ ...newQuestion('scale'), text_ja: '尺度', scale_min: min, scale_max: max });
const text = (required = false): Question => ({ ...newQuestion('text'), text_ja: '自由記述', required });

describe('checkQuestions names the field as the server does', () => {
  const cases: [string, Question[], string | null][] = [
    ['empty', [], 'questions'],
    ['fine', [single([2, null]), multiple(3, 2), scale(0, 10), text()], null],
    ['jump to the end', [text(), single([2, null])], null],
    ['no text', [text(), { ...text(), text_ja: ' ' }], 'questions[1].text_ja'],
    ['one option', [text(), text(), single([null])], 'questions[2].options'],
    ['backward jump', [text(), single([null, 0])], 'questions[1].options[1].jump_to'],
    ['jump to itself', [text(), single([1, null])], 'questions[1].options[0].jump_to'],
    ['jump past the end', [text(), single([3, null])], 'questions[1].options[0].jump_to'],
    ['max above options', [multiple(3, 4)], 'questions[0].max_choices'],
    ['scale of two points', [scale(1, 2)], 'questions[0].scale_max'],
    ['scale from 2', [scale(2, 5)], 'questions[0].scale_min'],
  ];
  it.each(cases)('%s', (_name, questions, field) => {
    expect(checkQuestions(questions)?.field ?? null).toBe(field);
  });
});

describe('branching', () => {
  // 0: single (option 1 skips to 3); 1: multiple; 2: scale; 3: single (option 0 ends); 4: text.
  const qs = [single([null, 3]), multiple(3), scale(), single([5, null]), text()];
  it('follows forward jumps only', () => {
    expect(pathOf(qs, [])).toEqual([0, 1, 2, 3, 4]);
    expect(pathOf(qs, [{ choice: 1 }])).toEqual([0, 3, 4]);
    expect(pathOf(qs, [{ choice: 1 }, null, null, { choice: 0 }])).toEqual([0, 3]);
    expect(pathOf(qs, [{ choice: 9 }])).toEqual([0, 1, 2, 3, 4]);
  });
  it('drops answers to skipped questions before sending', () => {
    const sent = answersToSend(qs, [{ choice: 1 }, { choices: [0] }, { value: 3 }, { choice: 1 }, { text: '要望' }]);
    expect(sent).toEqual([{ choice: 1 }, null, null, { choice: 1 }, { text: '要望' }]);
  });
  it('offers later questions and the end as jump targets', () => {
    expect(jumpTargets(0, 4)).toEqual([2, 3, 4]);
    expect(jumpTargets(3, 4)).toEqual([]);
  });
});

describe('checkAnswers', () => {
  const qs = [single([null, 3], true), multiple(4, 2), scale(), text(true)];
  const cases: [string, Answers, string | null][] = [
    ['complete', [{ choice: 0 }, { choices: [0, 2] }, { value: 5 }, { text: 'ok' }], null],
    ['required missing', [null, null, null, { text: 'ok' }], 'answers[0]'],
    ['blank text', [{ choice: 0 }, null, null, { text: '  ' }], 'answers[3]'],
    ['over the maximum', [{ choice: 0 }, { choices: [0, 1, 2] }, null, { text: 'ok' }], 'answers[1]'],
    ['skipped questions are not checked', [{ choice: 1 }, { choices: [0, 1, 2] }, null, { text: 'ok' }], null],
  ];
  it.each(cases)('%s', (_name, answers, field) => {
    expect(checkAnswers(qs, answers)?.field ?? null).toBe(field);
  });
});

describe('helpers', () => {
  it('keeps text and options when the kind changes, and drops jumps on a multiple choice', () => {
    const q = withKind(single([2, null]), 'multiple');
    expect(q.text_ja).toBe('単一');
    expect(q.options.map((o) => o.jump_to)).toEqual([null, null]);
    expect(withKind(q, 'text').options).toEqual([]);
  });
  it('shows an unknown percentage as a dash, never as 0', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(40)).toBe('40.0%');
  });
});
