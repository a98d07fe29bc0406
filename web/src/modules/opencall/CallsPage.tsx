// The internal open calls (学内公募): every call the viewer may see, and for the office a new one.
import { Button, Card, Empty, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useCalls, type CallSummary } from './api';
import { CallForm } from './CallForm';
import { CallStatusTag } from './components';
import { CALL_STATUSES, formatDate, formatYen, titleOf } from './model';

export function CallsPage({ me }: { me: Me }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const calls = useCalls(status ? { status } : {});
  const office = me.roles.includes('office');

  return (
    <div className="page">
      <PageTitle
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="call-create">
              {t('list.create')}
            </Button>
          )
        }
      >
        {t('list.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('list.intro')}</Typography.Paragraph>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('field.status')}
            style={{ width: 180 }}
            value={status}
            onChange={(value?: string) => setStatus(value)}
            options={CALL_STATUSES.filter((s) => office || s !== 'draft').map((s) => ({ value: s, label: t(`callStatus.${s}`) }))}
            data-testid="call-status-filter"
          />
        </Space>
        {calls.isError ? (
          <Typography.Text type="danger">{errorMessage(calls.error, t)}</Typography.Text>
        ) : (
          <ResponsiveTable<CallSummary>
            rowKey="id"
            cardTestId="call-card"
            data-testid="call-list"
            loading={calls.isFetching}
            dataSource={calls.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 820 }}
            locale={{ emptyText: <Empty description={t('list.empty')} /> }}
            onRow={(c) => ({ onClick: () => navigate(`/opencall/${c.id}`), style: { cursor: 'pointer' } })}
            columns={[
              {
                key: 'title',
                card: 'title',
                title: t('field.title'),
                render: (_, c) => (
                  <Space size={4} wrap>
                    <Link to={`/opencall/${c.id}`} onClick={(e) => e.stopPropagation()}>
                      {titleOf(c, language)}
                    </Link>
                    {c.accepting && <Tag color="green">{t('list.accepting')}</Tag>}
                  </Space>
                ),
              },
              { key: 'status', title: t('field.status'), width: 130, render: (_, c) => <CallStatusTag status={c.status} /> },
              {
                key: 'window',
                title: t('field.window'),
                width: 240,
                render: (_, c) => t('common.range', { from: formatDate(c.opens_on, language), to: formatDate(c.closes_on, language) }),
              },
              {
                key: 'budget',
                title: t('field.budget'),
                width: 220,
                render: (_, c) => (
                  <Space orientation="vertical" size={0}>
                    <span>{formatYen(c.total_budget_yen, language)}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('list.cap', { amount: formatYen(c.per_project_cap_yen, language) })}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                key: 'submitted',
                title: t('field.submitted'),
                width: 110,
                align: 'right',
                render: (_, c) => t('common.count', { count: c.proposals_submitted }),
              },
            ]}
          />
        )}
      </Card>
      {office && (
        <CallForm
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(call) => {
            setCreating(false);
            navigate(`/opencall/${call.id}`);
          }}
        />
      )}
    </div>
  );
}
