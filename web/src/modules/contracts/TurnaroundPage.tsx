// Median days per stage and contract type.
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { useTurnaround } from './api';
import { formatDays } from './logic';
import { SubNav } from './components';

export function TurnaroundPage({ me }: { me: Me }) {
  const { t } = useTranslation('contracts');
  const data = useTurnaround();
  const stages = data.data?.stages ?? [];
  return (
    <div className="page">
      <PageTitle>{t('turnaround')}</PageTitle>
      <SubNav me={me} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('ta.help')}
      </Typography.Paragraph>
      <Table
        rowKey="type"
        loading={data.isLoading}
        dataSource={data.data?.types ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="turnaround-table"
        columns={[
          { title: t('ta.type'), key: 'type', render: (_: unknown, r) => t(`types.${r.type}`) },
          { title: t('ta.contracts'), dataIndex: 'contracts', key: 'contracts', align: 'right' as const },
          ...stages.map((s) => ({
            title: t(`statuses.${s}`),
            key: s,
            align: 'right' as const,
            render: (_: unknown, r: { stages: Record<string, { median_days: number | null; count: number }> }) => (
              <span title={t('ta.n', { n: r.stages[s]?.count ?? 0 })}>{formatDays(r.stages[s]?.median_days)}</span>
            ),
          })),
          {
            title: t('ta.total'),
            key: 'total',
            align: 'right' as const,
            render: (_: unknown, r) => <strong>{formatDays(r.median_days_to_sign || null)}</strong>,
          },
        ]}
      />
    </div>
  );
}
