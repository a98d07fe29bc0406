// 知財の期限: the open legal deadlines of the inventions the viewer may see in a period (default:
// the last 90 days, so what is overdue shows, to three years ahead as on an invention's page), by due date, overdue rows red, each
// with the provision it comes from and the period's end when a closed day moved it.
import { DatePicker, Empty, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useDeadlines, type Deadline } from './api';
import { DueDate, SubNav } from './components';
import { addDays, daysUntil, isOverdue, sortByDue, tokyoToday } from './model';

export function DeadlinesPage() {
  const { t } = useTranslation('ip');
  const today = tokyoToday();
  const [range, setRange] = useState<[string, string]>([addDays(today, -90), addDays(today, 3 * 365 + 1)]);
  const deadlines = useDeadlines(range[0], range[1]);
  const rows = sortByDue(deadlines.data?.items ?? []);
  return (
    <div className="page">
      <PageTitle>{t('deadlines.title')}</PageTitle>
      <SubNav />
      <Typography.Paragraph type="secondary">{t('deadlines.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span id="ip-deadline-range-label">{t('deadlines.range')}</span>
        <DatePicker.RangePicker
          value={[dayjs(range[0]), dayjs(range[1])]}
          format="YYYY-MM-DD"
          allowClear={false}
          aria-labelledby="ip-deadline-range-label"
          onChange={(v) => {
            if (v && v[0] && v[1]) setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
          }}
          data-testid="ip-deadline-range"
        />
      </Space>
      {deadlines.isError && <Typography.Paragraph type="danger">{errorMessage(deadlines.error, t)}</Typography.Paragraph>}
      <ResponsiveTable<Deadline>
        rowKey={(d) => `${d.invention_id}:${d.kind}:${d.filing_id ?? ''}:${d.due_on}`}
        size="middle"
        loading={deadlines.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        cardTestId="ip-deadline-card"
        data-testid="ip-deadline-list"
        scroll={{ x: 900 }}
        rowClassName={(d) => (isOverdue(d, today) ? 'ip-overdue-row' : '')}
        locale={{ emptyText: <Empty description={t('deadlines.empty')} /> }}
        columns={[
          {
            key: 'due',
            title: t('columns.dueOn'),
            render: (_, d) => (
              <Space orientation="vertical" size={0}>
                <DueDate due={d.due_on} overdue={isOverdue(d, today)} />
                {!isOverdue(d, today) && <span className="muted">{t('days', { count: daysUntil(d.due_on, today) })}</span>}
                {d.period_end && d.period_end !== d.due_on && <span className="muted">{t('deadlines.periodEnd', { date: d.period_end })}</span>}
              </Space>
            ),
          },
          {
            key: 'kind',
            title: t('columns.deadline'),
            card: 'title',
            render: (_, d) => <span className="ip-wrap">{t(`deadlineKinds.${d.kind}`)}</span>,
          },
          {
            key: 'invention',
            title: t('columns.invention'),
            render: (_, d) => (
              <Link to={`/ip/inventions/${d.invention_id}`} className="ip-wrap" data-testid="ip-deadline-invention">
                {d.title}
              </Link>
            ),
          },
          { key: 'source', title: t('columns.source'), render: (_, d) => <span className="ip-wrap">{d.source_ja}</span> },
        ]}
      />
    </div>
  );
}
