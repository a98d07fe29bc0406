// The 知財 tab of a project: its inventions (status, inventors, next deadline) and its planned
// publications with the publication guard, 「発明を届け出る」 (the disclosure form prefilled from the
// project) and 「発表予定を登録」.
import { Alert, Button, Empty, Space, Spin, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import type { Project } from '../projects/api';
import { useInventions, type Invention } from './api';
import { DueDate, isIpOffice, StatusTag } from './components';
import { DiscloseModal } from './DiscloseModal';
import './ip.css';
import { isOverdue, nextDeadline, tokyoToday } from './model';
import { PublicationsPanel } from './PublicationsPanel';

export function ProjectIpPanel({ project, me, member }: { project: Project; me: Me; member: boolean }) {
  const { t } = useTranslation('ip');
  const language = currentLanguage();
  const inventions = useInventions({ project_id: project.id });
  const [disclosing, setDisclosing] = useState(false);
  const today = tokyoToday();
  const mayDisclose = member || isIpOffice(me);
  if (inventions.isPending) return <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ip-panel">
      <Space wrap>
        {mayDisclose && (
          <Button type="primary" icon={<BulbOutlined />} onClick={() => setDisclosing(true)} data-testid="ip-disclose">
            {t('disclose.open')}
          </Button>
        )}
        <Link to="/ip">{t('panel.all')}</Link>
      </Space>
      <section aria-labelledby="ip-panel-inventions">
        <Typography.Title level={5} id="ip-panel-inventions">
          {t('panel.inventions')}
        </Typography.Title>
        {inventions.isError ? (
          <Alert type="error" showIcon title={errorMessage(inventions.error, t)} />
        ) : (
          <ResponsiveTable<Invention>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={inventions.data}
            cardTestId="ip-panel-card"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.noInventions')} /> }}
            columns={[
              {
                key: 'title',
                title: t('columns.title'),
                card: 'title',
                render: (_, inv) => (
                  <Link to={`/ip/inventions/${inv.id}`} className="ip-wrap" data-testid="ip-panel-link">
                    {inv.title}
                  </Link>
                ),
              },
              { key: 'status', title: t('columns.status'), render: (_, inv) => <StatusTag status={inv.status} /> },
              {
                key: 'inventors',
                title: t('columns.inventors'),
                render: (_, inv) => <span className="ip-wrap">{inv.inventors.map((i) => displayName(i.person, language)).join('、')}</span>,
              },
              {
                key: 'next',
                title: t('columns.nextDeadline'),
                render: (_, inv) => {
                  const d = nextDeadline(inv.deadlines);
                  return d ? (
                    <Space orientation="vertical" size={0}>
                      <DueDate due={d.due_on} overdue={isOverdue(d, today)} />
                      <span className="muted ip-wrap">{t(`deadlineKinds.${d.kind}`)}</span>
                    </Space>
                  ) : null;
                },
              },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="ip-panel-publications">
        <Typography.Title level={5} id="ip-panel-publications">
          {t('panel.publications')}
        </Typography.Title>
        <PublicationsPanel projectId={project.id} inventions={inventions.data ?? []} mayAdd={member} />
      </section>
      {disclosing && <DiscloseModal project={project} onClose={() => setDisclosing(false)} />}
    </Space>
  );
}
