// /surveys/:id: one survey. The office sees its state and actions (edit a draft, send, close,
// delete), who has answered (named surveys only), and the results; a respondent sees the results
// once the survey closes when it shares them. Results: per choice question a bar chart with its
// table (count and share), a scale's distribution and mean, the free-text answers listed; CSV and
// Excel downloads. An imported survey says where its figures come from (出典) and its sample size.
import { Alert, App, Button, Card, Descriptions, List, Popconfirm, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { Chart, type ChartOption } from '../kpi/Chart';
import { exportUrl, useResults, useSurvey, useSurveyAction, type QuestionResult, type Results, type Survey } from './api';
import { formatPercent, pick, type Question } from './model';
import { inputOf, SurveyBuilder } from './SurveyBuilder';
import { StatusTag } from './SurveysPage';
import './surveys.css';

export function SurveyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('surveys');
  const language = currentLanguage();
  const survey = useSurvey(id);
  const results = useResults(id, survey.data?.may.results ?? false);
  const [editing, setEditing] = useState(false);
  if (survey.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (survey.isError) return <Result status="warning" title={errorMessage(survey.error, t)} extra={<Link to="/">{t('common.home')}</Link>} />;
  const s = survey.data;
  return (
    <div className="page" data-testid="survey-page">
      <PageTitle>{pick(language, s.title_ja, s.title_en)}</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag survey={s} />
        {s.anonymous && s.source === 'live' && <Tag>{t('builder.anonymous')}</Tag>}
        {s.may.manage && <Link to="/surveys">{t('common.backToList')}</Link>}
      </Space>
      {pick(language, s.description_ja, s.description_en) && <Typography.Paragraph>{pick(language, s.description_ja, s.description_en)}</Typography.Paragraph>}
      {s.imported && <ImportedNote survey={s} />}
      {s.may.answer && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={s.answered_by_me ? t('answer.answeredCanChange') : t('answer.pleaseAnswer', { date: s.closes_on })}
          action={
            <Link to={`/surveys/${s.id}/answer`} data-testid="survey-go-answer">
              {t('answer.open')}
            </Link>
          }
        />
      )}
      {s.may.manage && s.source === 'live' && <ManageCard survey={s} onEdit={() => setEditing(true)} />}
      {s.may.results ? (
        results.isPending ? (
          <Spin />
        ) : results.isError ? (
          <Alert type="warning" message={errorMessage(results.error, t)} />
        ) : (
          <ResultsView results={results.data} survey={s} />
        )
      ) : (
        s.source === 'live' && (
          <Typography.Paragraph type="secondary">{s.status === 'closed' ? t('results.officeOnly') : t('results.afterClose')}</Typography.Paragraph>
        )
      )}
      {editing && (
        <SurveyBuilder
          open
          surveyId={s.id}
          initial={inputOf(s)}
          knownPeople={s.audience_people}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
    </div>
  );
}

function ImportedNote({ survey: s }: { survey: Survey }) {
  const { t } = useTranslation('surveys');
  const language = currentLanguage();
  if (!s.imported) return null;
  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      data-testid="survey-imported-note"
      message={t('imported.title', { n: s.imported.sample_size })}
      description={
        <>
          <div>
            {t('imported.source')}: {pick(language, s.imported.citation_ja, s.imported.citation_en)}
          </div>
          <div>{t('imported.honest')}</div>
        </>
      }
    />
  );
}

function ManageCard({ survey: s, onEdit }: { survey: Survey; onEdit: () => void }) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const action = useSurveyAction();
  const run = (what: 'send' | 'close' | 'delete') =>
    action.mutate(
      { id: s.id, action: what },
      {
        onSuccess: () => {
          void message.success(t(`manage.done.${what}`));
          if (what === 'delete') void navigate('/surveys');
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  const language = currentLanguage();
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={t('manage.title')}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('list.closesOn')}>{s.closes_on ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('builder.audience')}>
          {[...s.audience_roles.map((r) => t(`audience.${r}`)), ...s.audience_people.map((p) => pick(language, p.name_ja, p.name_en))].join('、') || '—'}
        </Descriptions.Item>
        {s.source === 'live' && s.status !== 'draft' && (
          <Descriptions.Item label={t('list.answered')}>
            <span data-testid="survey-answered-count">
              {s.answered} / {s.recipients}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap>
        {s.may.edit && <Button onClick={onEdit}>{t('manage.edit')}</Button>}
        {s.status === 'draft' && (
          <Popconfirm title={t('manage.confirmSend')} onConfirm={() => run('send')}>
            <Button type="primary" loading={action.isPending} data-testid="survey-send">
              {t('manage.send')}
            </Button>
          </Popconfirm>
        )}
        {s.status === 'open' && (
          <Popconfirm title={t('manage.confirmClose')} onConfirm={() => run('close')}>
            <Button loading={action.isPending}>{t('manage.close')}</Button>
          </Popconfirm>
        )}
        {s.status === 'draft' && (
          <Popconfirm title={t('manage.confirmDelete')} onConfirm={() => run('delete')}>
            <Button danger>{t('manage.delete')}</Button>
          </Popconfirm>
        )}
      </Space>
      {!s.anonymous && s.recipient_list.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 12 }}
          header={t('manage.recipients')}
          dataSource={s.recipient_list}
          renderItem={(r) => (
            <List.Item>
              {pick(language, r.person.name_ja, r.person.name_en)}{' '}
              {r.answered ? <Tag color="green">{t('manage.answered')}</Tag> : <Tag>{t('manage.notAnswered')}</Tag>}
            </List.Item>
          )}
        />
      )}
      {s.anonymous && s.source === 'live' && <Typography.Paragraph type="secondary">{t('manage.anonymousNote')}</Typography.Paragraph>}
    </Card>
  );
}

function ResultsView({ results, survey }: { results: Results; survey: Survey }) {
  const { t } = useTranslation('surveys');
  const language = currentLanguage();
  return (
    <div data-testid="survey-results">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('results.title')}
        </Typography.Title>
        <Tag data-testid="survey-n">n = {results.respondents}</Tag>
        <a href={exportUrl(survey.id, 'results', 'csv', language)} download data-testid="survey-export-csv">
          CSV
        </a>
        <a href={exportUrl(survey.id, 'results', 'xlsx', language)} download data-testid="survey-export-xlsx">
          Excel
        </a>
        {survey.may.responses && (
          <>
            <a href={exportUrl(survey.id, 'responses', 'csv', language)} download>
              {t('results.responsesCsv')}
            </a>
            <a href={exportUrl(survey.id, 'responses', 'xlsx', language)} download>
              {t('results.responsesXlsx')}
            </a>
          </>
        )}
      </Space>
      {results.questions.map((q, i) => (
        <QuestionResultCard key={i} index={i} question={q} result={results.results[i]} imported={results.source === 'imported'} />
      ))}
    </div>
  );
}

function QuestionResultCard({ index, question: q, result: r, imported }: { index: number; question: Question; result: QuestionResult; imported: boolean }) {
  const { t } = useTranslation('surveys');
  const language = currentLanguage();
  const labels = useMemo(
    () => (q.kind === 'scale' ? r.scale.map((_, j) => String((q.scale_min ?? 1) + j)) : q.options.map((o) => pick(language, o.text_ja, o.text_en))),
    [q, r.scale, language],
  );
  const values = useMemo(
    () =>
      q.kind === 'scale'
        ? r.scale.map((c) => (r.answered ? (100 * c) / r.answered : 0))
        : r.options.map((o) => (o.percent === null ? null : Number(o.percent.toFixed(1)))),
    [q.kind, r],
  );
  const option: ChartOption = useMemo(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 200, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: values,
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value.toFixed(1)}%` : '—') },
        },
      ],
    }),
    [labels, values],
  );
  const title = `Q${index + 1}. ${pick(language, q.text_ja, q.text_en)}`;
  const noFigures = imported && !r.published;
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid={`survey-result-${index}`}>
      {q.kind === 'text' ? (
        imported ? (
          <Typography.Text type="secondary">{t('imported.notPublished')}</Typography.Text>
        ) : r.texts.length === 0 ? (
          <Typography.Text type="secondary">{t('results.noTexts')}</Typography.Text>
        ) : (
          <List
            size="small"
            bordered
            dataSource={r.texts}
            renderItem={(text) => <List.Item style={{ whiteSpace: 'pre-wrap' }}>{text}</List.Item>}
            data-testid={`survey-texts-${index}`}
          />
        )
      ) : noFigures ? (
        <Typography.Text type="secondary" data-testid={`survey-not-published-${index}`}>
          {t('imported.notPublished')}
        </Typography.Text>
      ) : (
        <>
          <Typography.Text type="secondary">
            {imported ? `n = ${r.answered}` : t('results.answered', { n: r.answered })}
            {q.kind === 'multiple' && ` · ${t('results.multipleNote')}`}
            {q.kind === 'scale' && r.mean !== null && ` · ${t('results.mean')}: ${r.mean.toFixed(2)}`}
          </Typography.Text>
          <Chart option={option} height={Math.max(120, labels.length * 36 + 24)} testId={`survey-chart-${index}`} />
          <Table
            size="small"
            pagination={false}
            rowKey="label"
            dataSource={labels.map((label, j) => ({
              label,
              count: q.kind === 'scale' ? r.scale[j] : r.options[j]?.count,
              percent: q.kind === 'scale' ? (r.answered ? (100 * r.scale[j]) / r.answered : null) : r.options[j]?.percent,
            }))}
            columns={[
              { title: q.kind === 'scale' ? t('results.value') : t('results.option'), dataIndex: 'label' },
              {
                title: t('results.count'),
                dataIndex: 'count',
                align: 'right',
                render: (v: number | null | undefined) => (v === null || v === undefined ? '—' : v),
              },
              { title: t('results.percent'), dataIndex: 'percent', align: 'right', render: (v: number | null | undefined) => formatPercent(v) },
            ]}
          />
          {q.kind === 'scale' && (
            <Typography.Text type="secondary">
              {q.scale_min ?? 1} = {pick(language, q.min_label_ja, q.min_label_en) || '—'} · {q.scale_max ?? 5} ={' '}
              {pick(language, q.max_label_ja, q.max_label_en) || '—'}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}
