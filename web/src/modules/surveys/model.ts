// Surveys' rules on the client (the server's src/modules/surveys/model.cpp decides): which
// questions a respondent passes through given their answers (forward-only branching), what a
// well-formed question list is (the field named as the server names it), whether a response is
// complete, and how figures are shown.

export type QuestionKind = 'single' | 'multiple' | 'scale' | 'text';
export const questionKinds: QuestionKind[] = ['single', 'multiple', 'scale', 'text'];
export type SurveyStatus = 'draft' | 'open' | 'closed';
export type AudienceRole = 'everyone' | 'clinician' | 'researcher' | 'company_researcher' | 'committee' | 'office';
export const audienceRoles: AudienceRole[] = ['everyone', 'clinician', 'researcher', 'company_researcher', 'committee', 'office'];

export const maxQuestions = 60;
export const maxOptions = 30;
export const maxScale = 10;
export const maxTextChars = 4000;

export interface SurveyOption {
  text_ja: string;
  text_en: string;
  /** Single choice only: skip to this (later) question; the number of questions ends the survey. */
  jump_to: number | null;
}

export interface Question {
  kind: QuestionKind;
  text_ja: string;
  text_en: string;
  required: boolean;
  options: SurveyOption[];
  max_choices: number | null;
  scale_min?: number;
  scale_max?: number;
  min_label_ja?: string;
  min_label_en?: string;
  max_label_ja?: string;
  max_label_en?: string;
}

export interface Answer {
  choice?: number;
  choices?: number[];
  value?: number;
  text?: string;
}
export type Answers = (Answer | null)[];

export function newQuestion(kind: QuestionKind): Question {
  const base: Question = { kind, text_ja: '', text_en: '', required: false, options: [], max_choices: null };
  if (kind === 'single' || kind === 'multiple')
    base.options = [
      { text_ja: '', text_en: '', jump_to: null },
      { text_ja: '', text_en: '', jump_to: null },
    ];
  if (kind === 'scale') Object.assign(base, { scale_min: 1, scale_max: 5, min_label_ja: '', min_label_en: '', max_label_ja: '', max_label_en: '' });
  return base;
}

/** Changes a question's kind, keeping its text and what still applies. */
export function withKind(q: Question, kind: QuestionKind): Question {
  const fresh = newQuestion(kind);
  const choice = kind === 'single' || kind === 'multiple';
  return {
    ...fresh,
    text_ja: q.text_ja,
    text_en: q.text_en,
    required: q.required,
    options: choice && q.options.length >= 2 ? q.options.map((o) => ({ ...o, jump_to: kind === 'single' ? o.jump_to : null })) : fresh.options,
  };
}

export interface Problem {
  field: string;
  /** i18n key under surveys:problems. */
  key: string;
}

const isChoice = (k: QuestionKind) => k === 'single' || k === 'multiple';

/** The first problem of a question list, as the server names it; null when well formed. */
export function checkQuestions(questions: Question[]): Problem | null {
  if (questions.length === 0) return { field: 'questions', key: 'noQuestions' };
  if (questions.length > maxQuestions) return { field: 'questions', key: 'tooManyQuestions' };
  for (let i = 0; i < questions.length; i++) {
    const q = questions[i];
    const at = `questions[${i}]`;
    if (!q.text_ja.trim()) return { field: `${at}.text_ja`, key: 'questionText' };
    if (isChoice(q.kind)) {
      if (q.options.length < 2) return { field: `${at}.options`, key: 'twoOptions' };
      if (q.options.length > maxOptions) return { field: `${at}.options`, key: 'tooManyOptions' };
      for (let j = 0; j < q.options.length; j++) {
        const o = q.options[j];
        if (!o.text_ja.trim()) return { field: `${at}.options[${j}].text_ja`, key: 'optionText' };
        if (o.jump_to !== null) {
          if (q.kind !== 'single') return { field: `${at}.options[${j}].jump_to`, key: 'jumpSingleOnly' };
          if (o.jump_to <= i || o.jump_to > questions.length) return { field: `${at}.options[${j}].jump_to`, key: 'jumpForward' };
        }
      }
    }
    if (q.max_choices !== null && q.max_choices !== undefined) {
      if (q.kind !== 'multiple') return { field: `${at}.max_choices`, key: 'maxMultipleOnly' };
      if (q.max_choices < 1 || q.max_choices > q.options.length) return { field: `${at}.max_choices`, key: 'maxRange' };
    }
    if (q.kind === 'scale') {
      const min = q.scale_min ?? 1;
      const max = q.scale_max ?? 5;
      if (min !== 0 && min !== 1) return { field: `${at}.scale_min`, key: 'scaleMin' };
      if (max <= min + 1 || max > maxScale) return { field: `${at}.scale_max`, key: 'scaleMax' };
    }
  }
  return null;
}

function isAnswered(q: Question, a: Answer | null | undefined): boolean {
  if (!a) return false;
  switch (q.kind) {
    case 'single':
      return a.choice !== undefined && a.choice !== null;
    case 'multiple':
      return (a.choices ?? []).length > 0;
    case 'scale':
      return a.value !== undefined && a.value !== null;
    case 'text':
      return (a.text ?? '').trim() !== '';
  }
}

/** The indexes of the questions a respondent passes through, in order. */
export function pathOf(questions: Question[], answers: Answers): number[] {
  const path: number[] = [];
  let i = 0;
  while (i < questions.length) {
    path.push(i);
    let next = i + 1;
    const q = questions[i];
    const choice = answers[i]?.choice;
    if (q.kind === 'single' && choice !== undefined && choice !== null && choice >= 0 && choice < q.options.length) {
      const jump = q.options[choice].jump_to;
      if (jump !== null && jump > i) next = jump;
    }
    i = next;
  }
  return path;
}

/** The answers to send: those on the path (the rest become null), aligned with the questions. */
export function answersToSend(questions: Question[], answers: Answers): Answers {
  const on = new Set(pathOf(questions, answers));
  return questions.map((q, i) => (on.has(i) && isAnswered(q, answers[i]) ? (answers[i] ?? null) : null));
}

/** The first question on the path that needs fixing (required and unanswered, or over its maximum). */
export function checkAnswers(questions: Question[], answers: Answers): Problem | null {
  for (const i of pathOf(questions, answers)) {
    const q = questions[i];
    const a = answers[i];
    if (!isAnswered(q, a)) {
      if (q.required) return { field: `answers[${i}]`, key: 'required' };
      continue;
    }
    if (q.kind === 'multiple' && q.max_choices && (a?.choices ?? []).length > q.max_choices) return { field: `answers[${i}]`, key: 'overMax' };
    if (q.kind === 'text' && (a?.text ?? '').length > maxTextChars) return { field: `answers[${i}]`, key: 'tooLong' };
  }
  return null;
}

/** Where each option may jump: the later questions and the end (for the builder's select). */
export function jumpTargets(index: number, count: number): number[] {
  const out: number[] = [];
  for (let j = index + 2; j <= count; j++) out.push(j);
  return out;
}

/** A percentage for people: one decimal, or '—' when it is not known. */
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : `${p.toFixed(1)}%`;
}

/** The text in the reader's language (Japanese when there is no English). */
export function pick(language: string, ja: string | undefined, en: string | undefined): string {
  return language.startsWith('en') && en ? en : (ja ?? '');
}
