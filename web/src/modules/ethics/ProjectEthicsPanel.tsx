// The 倫理審査 tab of a project: its protocols with their status and next deadline, and a way to
// start one.
import { Alert, Button, Empty, Space, Spin } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useProtocols, type ProtocolSummary } from './api';
import { CategoryTag, DueDate, mayPropose, StatusTag } from './components';
import './ethics.css';
import { isOverdue, titleOf, tokyoToday } from './model';
import { NewProtocolModal } from './NewProtocolModal';

export function ProjectEthicsPanel({ projectId, me, member }: { projectId: string; me: Me; member: boolean }) {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  const protocols = useProtocols({ project_id: projectId });
  const [creating, setCreating] = useState(false);
  const today = tokyoToday();
  if (protocols.isPending) return <Spin />;
  if (protocols.isError) return <Alert type="error" showIcon title={errorMessage(protocols.error, t)} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ethics-panel">
      <Space wrap>
        {member && mayPropose(me) && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('panel.new')}
          </Button>
        )}
        <Link to="/ethics">{t('panel.all')}</Link>
      </Space>
      <ResponsiveTable<ProtocolSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={protocols.data}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.none')} /> }}
        columns={[
          {
            key: 'title',
            title: t('columns.title'),
            render: (_, p) => (
              <Link to={`/ethics/protocols/${p.id}`} className="ethics-wrap" data-testid="ethics-panel-link">
                {titleOf(p, language)}
              </Link>
            ),
          },
          { key: 'category', title: t('columns.category'), render: (_, p) => <CategoryTag category={p.category} /> },
          { key: 'status', title: t('columns.status'), render: (_, p) => <StatusTag status={p.status} /> },
          {
            key: 'next',
            title: t('columns.nextDeadline'),
            render: (_, p) => (p.next_deadline ? <DueDate due={p.next_deadline.due_on} overdue={isOverdue(p.next_deadline, today)} /> : null),
          },
          { key: 'approved', title: t('columns.approved'), render: (_, p) => p.approved_on ?? null },
        ]}
      />
      {creating && <NewProtocolModal projectId={projectId} onClose={() => setCreating(false)} />}
    </Space>
  );
}
