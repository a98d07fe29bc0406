// /surveys/:id/answer: the form a person reaches from their inbox (mobile-friendly: one column,
// large controls). Questions a single choice skips are hidden and not sent; required ones are
// marked; a named survey's answer may be changed until it closes, an anonymous one is final.
import { Alert, App, Button, Card, Checkbox, Input, Radio, Result, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { useRespond, useSurvey, type Survey } from './api';
import { answersToSend, checkAnswers, pathOf, pick, type Answer, type Answers, type Question } from './model';
import './surveys.css';

export function AnswerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('surveys');
  const survey = useSurvey(id);
  if (survey.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (survey.isError) return <Result status="warning" title={errorMessage(survey.error, t)} extra={<Link to="/inbox">{t('common.inbox')}</Link>} />;
  return <AnswerForm key={survey.data.id} survey={survey.data} />;
}

function AnswerForm({ survey: s }: { survey: Survey }) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [answers, setAnswers] = useState<Answers>(() => s.questions.map((_, i) => s.my_answers?.[i] ?? null));
  const [problem, setProblem] = useState<{ index: number | null; text: string } | null>(null);
  const [done, setDone] = useState(false);
  const respond = useRespond(s.id);
  const title = pick(language, s.title_ja, s.title_en);

  if (!s.in_audience)
    return <Result status="info" title={title} subTitle={t('answer.notAsked')} extra={<Link to={`/surveys/${s.id}`}>{t('answer.toSurvey')}</Link>} />;
  if (done || (!s.may.answer && s.answered_by_me))
    return (
      <Result
        status="success"
        title={t('answer.thanks')}
        subTitle={s.anonymous ? t('answer.anonymousFinal') : s.may.answer ? t('answer.canChange', { date: s.closes_on }) : ''}
        extra={[
          <Link key="inbox" to="/inbox">
            {t('common.inbox')}
          </Link>,
          !s.anonymous && s.may.answer && (
            <Button key="edit" onClick={() => setDone(false)}>
              {t('answer.change')}
            </Button>
          ),
        ]}
        data-testid="survey-answered"
      />
    );
  if (!s.may.answer)
    return <Result status="info" title={title} subTitle={t('answer.closed')} extra={<Link to={`/surveys/${s.id}`}>{t('answer.toSurvey')}</Link>} />;

  const path = pathOf(s.questions, answers);
  const setAnswer = (i: number, a: Answer | null) => setAnswers((old) => old.map((x, j) => (j === i ? a : x)));
  const submit = () => {
    const p = checkAnswers(s.questions, answers);
    if (p) {
      const index = Number(/\d+/.exec(p.field)?.[0] ?? 0);
      setProblem({ index, text: `Q${index + 1}: ${t(`problems.${p.key}`)}` });
      return;
    }
    setProblem(null);
    respond.mutate(answersToSend(s.questions, answers), {
      onSuccess: () => {
        void message.success(t('answer.sent'));
        setDone(true);
      },
      onError: (e) => {
        const m = e instanceof ApiError && e.field ? /answers\[(\d+)\]/.exec(e.field) : null;
        setProblem({ index: m ? Number(m[1]) : null, text: errorMessage(e, t) });
      },
    });
  };

  return (
    <div className="page survey-answer" data-testid="survey-answer-page">
      <PageTitle>{title}</PageTitle>
      {pick(language, s.description_ja, s.description_en) && <Typography.Paragraph>{pick(language, s.description_ja, s.description_en)}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">
        {t('answer.closesOn', { date: s.closes_on })} {s.anonymous ? t('answer.anonymous') : t('answer.named')}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem.text} style={{ marginBottom: 12 }} data-testid="survey-answer-problem" />}
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {path.map((i) => (
          <QuestionInput
            key={i}
            index={i}
            question={s.questions[i]}
            answer={answers[i] ?? null}
            error={problem?.index === i}
            onChange={(a) => setAnswer(i, a)}
          />
        ))}
      </Space>
      <Button type="primary" size="large" block style={{ marginTop: 16 }} onClick={submit} loading={respond.isPending} data-testid="survey-submit">
        {s.answered_by_me ? t('answer.update') : t('answer.submit')}
      </Button>
    </div>
  );
}

function QuestionInput({
  index,
  question: q,
  answer,
  error,
  onChange,
}: {
  index: number;
  question: Question;
  answer: Answer | null;
  error: boolean;
  onChange: (a: Answer | null) => void;
}) {
  const { t } = useTranslation('surveys');
  const language = currentLanguage();
  const label = (
    <span>
      Q{index + 1}. {pick(language, q.text_ja, q.text_en)} {q.required && <Typography.Text type="danger">{t('answer.requiredMark')}</Typography.Text>}
    </span>
  );
  return (
    <Card size="small" title={label} className={error ? 'survey-question-error' : undefined} data-testid={`survey-answer-${index}`}>
      {q.kind === 'single' && (
        <Radio.Group value={answer?.choice} onChange={(e) => onChange({ choice: e.target.value as number })}>
          <Space direction="vertical">
            {q.options.map((o, j) => (
              <Radio key={j} value={j} className="survey-choice" data-testid={`survey-answer-${index}-option-${j}`}>
                {pick(language, o.text_ja, o.text_en)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
      {q.kind === 'multiple' && (
        <>
          {q.max_choices && <Typography.Text type="secondary">{t('answer.upTo', { n: q.max_choices })}</Typography.Text>}
          <Checkbox.Group
            value={answer?.choices ?? []}
            onChange={(v) => onChange(v.length ? { choices: (v as number[]).slice().sort((a, b) => a - b) } : null)}
          >
            <Space direction="vertical">
              {q.options.map((o, j) => (
                <Checkbox
                  key={j}
                  value={j}
                  className="survey-choice"
                  disabled={!!q.max_choices && (answer?.choices ?? []).length >= q.max_choices && !(answer?.choices ?? []).includes(j)}
                  data-testid={`survey-answer-${index}-option-${j}`}
                >
                  {pick(language, o.text_ja, o.text_en)}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </>
      )}
      {q.kind === 'scale' && (
        <div className="survey-scale">
          <Typography.Text type="secondary">{pick(language, q.min_label_ja, q.min_label_en)}</Typography.Text>
          <Radio.Group value={answer?.value} onChange={(e) => onChange({ value: e.target.value as number })} optionType="button" buttonStyle="solid">
            {Array.from({ length: (q.scale_max ?? 5) - (q.scale_min ?? 1) + 1 }, (_, j) => (q.scale_min ?? 1) + j).map((v) => (
              <Radio.Button key={v} value={v} data-testid={`survey-answer-${index}-value-${v}`}>
                {v}
              </Radio.Button>
            ))}
          </Radio.Group>
          <Typography.Text type="secondary">{pick(language, q.max_label_ja, q.max_label_en)}</Typography.Text>
        </div>
      )}
      {q.kind === 'text' && (
        <Input.TextArea
          rows={4}
          maxLength={4000}
          value={answer?.text ?? ''}
          onChange={(e) => onChange(e.target.value ? { text: e.target.value } : null)}
          data-testid={`survey-answer-${index}-text`}
        />
      )}
    </Card>
  );
}
