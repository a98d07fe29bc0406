// The office's survey builder: bilingual title and description, the questions in order (single and
// multiple choice with an optional maximum, a scale with its end labels, free text; required or
// not; a single choice's option may skip forward), the audience (roles and chosen people), the
// closing date, and whether it is anonymous and shares its results. Problems name the question.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Drawer, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { PersonSelect } from '../projects/components';
import { useSaveSurvey, type PersonRef, type Survey, type SurveyInput } from './api';
import { audienceRoles, checkQuestions, jumpTargets, newQuestion, questionKinds, withKind, type Question, type QuestionKind } from './model';

export function emptyInput(): SurveyInput {
  return {
    title_ja: '',
    title_en: '',
    description_ja: '',
    description_en: '',
    questions: [newQuestion('single')],
    anonymous: false,
    results_to_respondents: false,
    audience_roles: [],
    audience_people: [],
    closes_on: dayjs().add(14, 'day').format('YYYY-MM-DD'),
  };
}

export function inputOf(s: Survey): SurveyInput {
  return {
    title_ja: s.title_ja,
    title_en: s.title_en,
    description_ja: s.description_ja,
    description_en: s.description_en,
    questions: s.questions,
    anonymous: s.anonymous,
    results_to_respondents: s.results_to_respondents,
    audience_roles: s.audience_roles,
    audience_people: s.audience_people.map((p) => p.id),
    closes_on: s.closes_on,
  };
}

export function SurveyBuilder({
  open,
  surveyId,
  initial,
  knownPeople,
  onClose,
  onSaved,
}: {
  open: boolean;
  surveyId: string | null;
  initial: SurveyInput;
  knownPeople?: PersonRef[];
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const [input, setInput] = useState<SurveyInput>(initial);
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);
  const [people, setPeople] = useState<PersonRef[]>(knownPeople ?? []);
  const save = useSaveSurvey();

  const set = (patch: Partial<SurveyInput>) => setInput((old) => ({ ...old, ...patch }));
  const setQuestion = (i: number, q: Question) => set({ questions: input.questions.map((old, j) => (j === i ? q : old)) });
  const move = (i: number, by: number) => {
    const qs = [...input.questions];
    const [q] = qs.splice(i, 1);
    qs.splice(i + by, 0, q);
    // Jumps are indexes: moving questions clears them rather than let them point somewhere else.
    set({ questions: qs.map((x) => ({ ...x, options: x.options.map((o) => ({ ...o, jump_to: null })) })) });
  };

  const submit = () => {
    const p = checkQuestions(input.questions);
    if (!input.title_ja.trim()) return setProblem({ field: 'title_ja', text: t('problems.title') });
    if (p) return setProblem({ field: p.field, text: t(`problems.${p.key}`) });
    setProblem(null);
    save.mutate(
      { id: surveyId, input },
      {
        onSuccess: (s) => {
          void message.success(t('builder.saved'));
          onSaved(s.id);
        },
        onError: (e) => setProblem({ field: e instanceof ApiError ? (e.field ?? '') : '', text: errorMessage(e, t) }),
      },
    );
  };

  const fieldError = (field: string) => problem !== null && problem.field.startsWith(field);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={760}
      title={surveyId ? t('builder.editTitle') : t('builder.newTitle')}
      destroyOnHidden
      data-testid="survey-builder"
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {problem && (
          <Alert type="error" showIcon message={problem.field ? `${problem.field}: ${problem.text}` : problem.text} data-testid="survey-builder-problem" />
        )}
        <Input
          status={fieldError('title_ja') ? 'error' : undefined}
          placeholder={t('builder.titleJa')}
          value={input.title_ja}
          onChange={(e) => set({ title_ja: e.target.value })}
          data-testid="survey-title-ja"
        />
        <Input placeholder={t('builder.titleEn')} value={input.title_en} onChange={(e) => set({ title_en: e.target.value })} />
        <Input.TextArea
          rows={2}
          placeholder={t('builder.descriptionJa')}
          value={input.description_ja}
          onChange={(e) => set({ description_ja: e.target.value })}
        />
        <Input.TextArea
          rows={2}
          placeholder={t('builder.descriptionEn')}
          value={input.description_en}
          onChange={(e) => set({ description_en: e.target.value })}
        />

        <Typography.Title level={5}>{t('builder.questions')}</Typography.Title>
        {input.questions.map((q, i) => (
          <QuestionEditor
            key={i}
            index={i}
            count={input.questions.length}
            question={q}
            error={problem?.field.startsWith(`questions[${i}]`) ?? false}
            onChange={(nq) => setQuestion(i, nq)}
            onMove={(by) => move(i, by)}
            onRemove={() => set({ questions: input.questions.filter((_, j) => j !== i) })}
          />
        ))}
        <Space wrap>
          {questionKinds.map((kind) => (
            <Button
              key={kind}
              icon={<PlusOutlined />}
              onClick={() => set({ questions: [...input.questions, newQuestion(kind)] })}
              data-testid={`survey-add-${kind}`}
            >
              {t(`kind.${kind}`)}
            </Button>
          ))}
        </Space>

        <Typography.Title level={5}>{t('builder.audience')}</Typography.Title>
        <Checkbox.Group
          value={input.audience_roles}
          onChange={(v) => set({ audience_roles: v as SurveyInput['audience_roles'] })}
          options={audienceRoles.map((r) => ({ value: r, label: t(`audience.${r}`) }))}
          data-testid="survey-audience-roles"
        />
        <Space wrap>
          {people
            .filter((p) => input.audience_people.includes(p.id))
            .map((p) => (
              <Tag key={p.id} closable onClose={() => set({ audience_people: input.audience_people.filter((x) => x !== p.id) })}>
                {p.name_ja}
              </Tag>
            ))}
        </Space>
        <div style={{ maxWidth: 360 }}>
          <PersonSelect
            placeholder={t('builder.addPerson')}
            value={undefined}
            onChange={(id) => {
              if (!id || input.audience_people.includes(id)) return;
              set({ audience_people: [...input.audience_people, id] });
              setPeople((old) => [...old, { id, name_ja: id, name_en: id }]);
            }}
          />
        </div>
        <Space wrap>
          <span>{t('builder.closesOn')}</span>
          <DatePicker
            value={input.closes_on ? dayjs(input.closes_on) : null}
            onChange={(d) => set({ closes_on: d ? d.format('YYYY-MM-DD') : null })}
            status={fieldError('closes_on') ? 'error' : undefined}
            data-testid="survey-closes-on"
          />
        </Space>
        <Space wrap>
          <Switch checked={input.anonymous} onChange={(v) => set({ anonymous: v })} data-testid="survey-anonymous" /> {t('builder.anonymous')}
        </Space>
        <Typography.Text type="secondary">{t('builder.anonymousHelp')}</Typography.Text>
        <Space wrap>
          <Switch checked={input.results_to_respondents} onChange={(v) => set({ results_to_respondents: v })} /> {t('builder.share')}
        </Space>
        <Space>
          <Button type="primary" onClick={submit} loading={save.isPending} data-testid="survey-save">
            {t('builder.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Space>
    </Drawer>
  );
}

function QuestionEditor({
  index,
  count,
  question: q,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  question: Question;
  error: boolean;
  onChange: (q: Question) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('surveys');
  const choice = q.kind === 'single' || q.kind === 'multiple';
  const setOption = (j: number, patch: Partial<Question['options'][number]>) =>
    onChange({ ...q, options: q.options.map((o, k) => (k === j ? { ...o, ...patch } : o)) });
  return (
    <Card
      size="small"
      className={error ? 'survey-question survey-question-error' : 'survey-question'}
      title={`Q${index + 1}`}
      data-testid={`survey-question-${index}`}
      extra={
        <Space>
          <Select<QuestionKind>
            size="small"
            value={q.kind}
            onChange={(k) => onChange(withKind(q, k))}
            options={questionKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            style={{ width: 130 }}
          />
          <Checkbox checked={q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })}>
            {t('builder.required')}
          </Checkbox>
          <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('builder.up')} />
          <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('builder.down')} />
          <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('builder.remove')} />
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          placeholder={t('builder.questionJa')}
          value={q.text_ja}
          onChange={(e) => onChange({ ...q, text_ja: e.target.value })}
          data-testid={`survey-question-${index}-text`}
        />
        <Input placeholder={t('builder.questionEn')} value={q.text_en} onChange={(e) => onChange({ ...q, text_en: e.target.value })} />
        {choice &&
          q.options.map((o, j) => (
            <Space key={j} wrap>
              <Input
                style={{ width: 220 }}
                placeholder={t('builder.optionJa', { n: j + 1 })}
                value={o.text_ja}
                onChange={(e) => setOption(j, { text_ja: e.target.value })}
                data-testid={`survey-question-${index}-option-${j}`}
              />
              <Input style={{ width: 180 }} placeholder={t('builder.optionEn')} value={o.text_en} onChange={(e) => setOption(j, { text_en: e.target.value })} />
              {q.kind === 'single' && (
                <Select<number | null>
                  style={{ width: 170 }}
                  value={o.jump_to}
                  onChange={(v) => setOption(j, { jump_to: v })}
                  options={[
                    { value: null, label: t('builder.next') },
                    ...jumpTargets(index, count).map((target) => ({
                      value: target,
                      label: target === count ? t('builder.toEnd') : t('builder.toQuestion', { n: target + 1 }),
                    })),
                  ]}
                />
              )}
              <Button
                size="small"
                icon={<DeleteOutlined />}
                disabled={q.options.length <= 2}
                onClick={() => onChange({ ...q, options: q.options.filter((_, k) => k !== j) })}
                aria-label={t('builder.remove')}
              />
            </Space>
          ))}
        {choice && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...q, options: [...q.options, { text_ja: '', text_en: '', jump_to: null }] })}>
            {t('builder.addOption')}
          </Button>
        )}
        {q.kind === 'multiple' && (
          <Space>
            {t('builder.maxChoices')}
            <InputNumber min={1} max={q.options.length} value={q.max_choices} onChange={(v) => onChange({ ...q, max_choices: v ?? null })} />
          </Space>
        )}
        {q.kind === 'scale' && (
          <Space wrap>
            <Select
              value={q.scale_min ?? 1}
              onChange={(v) => onChange({ ...q, scale_min: v })}
              options={[0, 1].map((v) => ({ value: v, label: String(v) }))}
              style={{ width: 70 }}
            />
            <span>–</span>
            <InputNumber min={2} max={10} value={q.scale_max ?? 5} onChange={(v) => onChange({ ...q, scale_max: v ?? 5 })} />
            <Input
              style={{ width: 120 }}
              placeholder={t('builder.minLabel')}
              value={q.min_label_ja}
              onChange={(e) => onChange({ ...q, min_label_ja: e.target.value })}
            />
            <Input
              style={{ width: 120 }}
              placeholder={t('builder.maxLabel')}
              value={q.max_label_ja}
              onChange={(e) => onChange({ ...q, max_label_ja: e.target.value })}
            />
            <Input
              style={{ width: 120 }}
              placeholder={t('builder.minLabelEn')}
              value={q.min_label_en}
              onChange={(e) => onChange({ ...q, min_label_en: e.target.value })}
            />
            <Input
              style={{ width: 120 }}
              placeholder={t('builder.maxLabelEn')}
              value={q.max_label_en}
              onChange={(e) => onChange({ ...q, max_label_en: e.target.value })}
            />
          </Space>
        )}
      </Space>
    </Card>
  );
}
