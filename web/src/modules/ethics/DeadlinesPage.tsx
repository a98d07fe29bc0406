// 倫理審査の期限: every deadline of the protocols the viewer may see in a period (default: today
// and the next 90 days; overdue ones before it are always listed), by due date, overdue rows red.
import { DatePicker, Empty, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useDeadlines, type Deadline } from './api';
import { DueDate, HolidayWarning, StatusTag, SubNav } from './components';
import { addDays, daysUntil, isOverdue, sortDeadlines, titleOf, tokyoToday } from './model';

export function DeadlinesPage({ me }: { me: Me }) {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  const today = tokyoToday();
  const [range, setRange] = useState<[string, string]>([today, addDays(today, 90)]);
  const deadlines = useDeadlines(range[0], range[1]);
  const rows = sortDeadlines(deadlines.data?.items ?? []);
  return (
    <div className="page">
      <PageTitle>{t('deadlines.title')}</PageTitle>
      <SubNav me={me} />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('deadlines.range')}</span>
        <DatePicker.RangePicker
          value={[dayjs(range[0]), dayjs(range[1])]}
          format="YYYY-MM-DD"
          allowClear={false}
          onChange={(v) => {
            if (v && v[0] && v[1]) setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
          }}
          data-testid="ethics-deadline-range"
        />
      </Space>
      {deadlines.isError && <Typography.Paragraph type="danger">{errorMessage(deadlines.error, t)}</Typography.Paragraph>}
      <ResponsiveTable<Deadline>
        rowKey={(d) => `${d.protocol_id}:${d.kind}:${d.subject_id}:${d.due_on}`}
        size="middle"
        loading={deadlines.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        cardTestId="ethics-deadline-card"
        data-testid="ethics-deadline-list"
        scroll={{ x: 1000 }}
        rowClassName={(d) => (isOverdue(d, today) ? 'ethics-overdue-row' : '')}
        locale={{ emptyText: <Empty description={t('deadlines.empty')} /> }}
        columns={[
          {
            key: 'due',
            title: t('columns.dueOn'),
            render: (_, d) => (
              <Space orientation="vertical" size={0}>
                <DueDate due={d.due_on} overdue={isOverdue(d, today)} />
                {!isOverdue(d, today) && !d.filed_on && <span className="muted">{t('days', { count: daysUntil(d.due_on, today) })}</span>}
                {d.falls_on_holiday && !d.filed_on && <HolidayWarning />}
              </Space>
            ),
          },
          {
            key: 'label',
            title: t('columns.label'),
            card: 'title',
            render: (_, d) => <span className="ethics-wrap">{language === 'en' ? d.label_en : d.label_ja}</span>,
          },
          {
            key: 'protocol',
            title: t('columns.protocol'),
            render: (_, d) => (
              <Link to={`/ethics/protocols/${d.protocol_id}`} className="ethics-wrap" data-testid="ethics-deadline-protocol">
                {titleOf({ title_ja: d.protocol_title_ja ?? '', title_en: d.protocol_title_en ?? '' }, language)}
              </Link>
            ),
          },
          { key: 'status', title: t('columns.status'), render: (_, d) => (d.status ? <StatusTag status={d.status} /> : null) },
          { key: 'pi', title: t('columns.pi'), render: (_, d) => displayName(d.pi, language) },
          {
            key: 'source',
            title: t('columns.source'),
            render: (_, d) =>
              d.source_url ? (
                <a href={d.source_url} target="_blank" rel="noreferrer" className="ethics-wrap">
                  {d.source_ja}
                </a>
              ) : (
                <span className="ethics-wrap">{d.source_ja}</span>
              ),
          },
          { key: 'filed', title: t('columns.filed'), render: (_, d) => (d.filed_on ? t('deadlines.filedOn', { date: d.filed_on }) : null) },
        ]}
      />
    </div>
  );
}
