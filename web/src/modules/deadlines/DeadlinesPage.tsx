// 期限一覧 (the office's view of deadlines, docs/deadlines.md): every module's deadlines of the next
// 90 days (or another range), week by week — report dues, milestones, contract ends, COI
// declarations, ethics and IP legal deadlines — filtered by kind, project and person, with CSV
// and Excel downloads of what is shown.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { exportUrl, useDeadlineView, type Deadline, type DeadlineQuery } from './api';
import './deadlines.css';
import { dayLabel, daysUntil, kindChoices, monthDay, tokyoToday } from './model';
import { FilterSelect } from '../../shell/FilterSelect';

const RANGES = [30, 90, 180, 366];

export function DeadlinesPage() {
  const { t } = useTranslation('deadlines');
  const language = currentLanguage();
  const today = tokyoToday();
  const [from, setFrom] = useState(today);
  const [days, setDays] = useState(90);
  const [kind, setKind] = useState<string>();
  const [projectId, setProjectId] = useState<string>();
  const [personId, setPersonId] = useState<string>();
  const query: DeadlineQuery = { from, days, kind, project_id: projectId, person_id: personId };
  const view = useDeadlineView(query);
  const data = view.data;
  const en = language === 'en';
  const title = (d: { title_ja: string; title_en: string }) => (en && d.title_en ? d.title_en : d.title_ja);
  // What it is about, unless that is just the project's title (a report or a milestone).
  const about = (d: Deadline) => {
    const text = en ? d.about_en : d.about_ja;
    return d.project && text === title(d.project) ? '' : text;
  };

  return (
    <div className="page">
      <PageTitle>{t('title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('help')}</Typography.Paragraph>
      <div className="deadlines-filters">
        <label className="deadlines-filter">
          <span>{t('filters.from')}</span>
          <DatePicker
            value={dayjs(from)}
            format="YYYY-MM-DD"
            allowClear={false}
            onChange={(v) => v && setFrom(v.format('YYYY-MM-DD'))}
            data-testid="deadlines-from"
          />
        </label>
        <label className="deadlines-filter">
          <span>{t('filters.days')}</span>
          <Select
            value={days}
            onChange={setDays}
            options={RANGES.map((n) => ({ value: n, label: t('filters.daysOption', { count: n }) }))}
            data-testid="deadlines-days"
          />
        </label>
        <FilterSelect
          className="deadlines-filter"
          label={t('filters.kind')}
          value={kind}
          placeholder={t('filters.all')}
          onChange={setKind}
          options={kindChoices(data?.kinds ?? []).map((group) => ({
            label: t(`modules.${group.module}`, { defaultValue: group.module }),
            options: [
              { value: group.module, label: t('filters.allOf', { module: t(`modules.${group.module}`, { defaultValue: group.module }) }) },
              ...group.kinds.map((k) => ({ value: k, label: t(`kinds.${k}`, { defaultValue: k }) })),
            ],
          }))}
          testId="deadlines-kind"
        />
        <FilterSelect
          className="deadlines-filter"
          label={t('filters.project')}
          search
          value={projectId}
          placeholder={t('filters.all')}
          onChange={setProjectId}
          options={(data?.projects ?? []).map((p) => ({ value: p.id, label: title(p) }))}
          testId="deadlines-project"
        />
        <FilterSelect
          className="deadlines-filter"
          label={t('filters.person')}
          search
          value={personId}
          placeholder={t('filters.all')}
          onChange={setPersonId}
          options={(data?.people ?? []).map((p) => ({ value: p.id, label: displayName(p, language) }))}
          testId="deadlines-person"
        />
      </div>
      <Space wrap className="deadlines-actions">
        {data && <span data-testid="deadlines-total">{t('total', { count: data.total, from: data.from, to: data.to })}</span>}
        <Button icon={<DownloadOutlined />} href={exportUrl(query, 'csv', language)} download data-testid="deadlines-csv">
          {t('csv')}
        </Button>
        <Button icon={<DownloadOutlined />} href={exportUrl(query, 'xlsx', language)} download data-testid="deadlines-xlsx">
          {t('xlsx')}
        </Button>
      </Space>
      {view.isError && <Typography.Paragraph type="danger">{errorMessage(view.error, t)}</Typography.Paragraph>}
      {view.isLoading && <Spin />}
      {data && data.weeks.length === 0 && <Empty description={t('empty')} />}
      {data?.weeks.map((week) => (
        <section key={week.week_start} className="deadlines-week" data-testid="deadlines-week">
          <Typography.Title level={4} className="deadlines-week-title">
            {t('week', { date: monthDay(week.week_start, language) })}
            <span className="muted deadlines-week-count">{t('count', { count: week.items.length })}</span>
          </Typography.Title>
          <ResponsiveTable<Deadline>
            rowKey={(d) => `${d.due_on}:${d.kind}:${d.link}:${d.title_ja}`}
            size="small"
            dataSource={week.items}
            pagination={false}
            cardTestId="deadlines-card"
            data-testid="deadlines-table"
            scroll={{ x: 900 }}
            rowClassName={(d) => (d.due_on < today ? 'deadlines-overdue-row' : '')}
            columns={[
              {
                key: 'due',
                title: t('columns.due'),
                width: 130,
                render: (_, d) => (
                  <Space orientation="vertical" size={0}>
                    <span className="nowrap">{dayLabel(d.due_on, language)}</span>
                    <span className="muted">{d.due_on < today ? t('overdue') : t('days', { count: daysUntil(d.due_on, today) })}</span>
                  </Space>
                ),
              },
              {
                key: 'kind',
                title: t('columns.kind'),
                width: 140,
                render: (_, d) => (
                  <Space size={4} wrap>
                    <Tag data-testid="deadlines-kind-tag">{en ? d.kind_label_en : d.kind_label_ja}</Tag>
                    {d.legal && <Tag color="red">{t('legal')}</Tag>}
                  </Space>
                ),
              },
              {
                key: 'title',
                title: t('columns.title'),
                card: 'title',
                render: (_, d) => (
                  <Space orientation="vertical" size={0}>
                    <Link to={d.link} className="deadlines-wrap" data-testid="deadlines-title">
                      {title(d)}
                    </Link>
                    {about(d) && <span className="muted deadlines-wrap">{about(d)}</span>}
                  </Space>
                ),
              },
              {
                key: 'project',
                title: t('columns.project'),
                render: (_, d) =>
                  d.project ? (
                    <Link to={`/projects/${d.project.id}`} className="deadlines-wrap">
                      {title(d.project)}
                    </Link>
                  ) : (
                    ''
                  ),
              },
              {
                key: 'people',
                title: t('columns.people'),
                render: (_, d) => <span className="deadlines-wrap">{d.people.map((p) => displayName(p, language)).join(en ? ', ' : '、')}</span>,
              },
            ]}
          />
        </section>
      ))}
    </div>
  );
}
