// A protocol's page: the header (status, category, committee, approval number, jRCT), the
// actions the viewer may take now, and the tabs. 確認して提出 sits in the header so a clinician
// goes from the list to a submission in three clicks.
import { Alert, Button, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { ApiError } from '../../shell/api';
import { useProtocol } from './api';
import { AmendmentsPanel } from './AmendmentsPanel';
import { ActionButton, ActionModal, SubmitModal } from './ActionModals';
import { CategoryTag, StatusTag } from './components';
import { availableActions, isOverdue, titleOf, tokyoToday, type Action } from './model';
import { ApplicationPanel, DeadlinesPanel, EnrolmentPanel, EventsPanel, HistoryPanel, MetaList, OverviewPanel } from './ProtocolPanels';

type Tab = 'overview' | 'application' | 'deadlines' | 'events' | 'enrolment' | 'amendments' | 'history';

export function ProtocolPage({ me }: { me: Me }) {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  const { id = '' } = useParams();
  const protocol = useProtocol(id);
  const [tab, setTab] = useState<Tab>('overview');
  const [action, setAction] = useState<Action | null>(null);
  if (protocol.isPending) return <Spin />;
  if (protocol.isError) {
    const missing = protocol.error instanceof ApiError && protocol.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('page.notFound') : errorMessage(protocol.error, t)}
        extra={
          <Link to="/ethics">
            <Button>{t('page.back')}</Button>
          </Link>
        }
      />
    );
  }
  const p = protocol.data;
  const actions = availableActions(p.status, p.may);
  const today = tokyoToday();
  const overdue = p.deadlines.filter((d) => isOverdue(d, today)).length;
  const pending = (p.amendments ?? []).filter((a) => a.status === 'submitted').length;
  return (
    <div className="page">
      <Typography.Text type="secondary">
        <Link to="/ethics">{t('title')}</Link> /{' '}
        <Link to={`/projects/${p.project_id}`}>{titleOf({ title_ja: p.project_title_ja, title_en: p.project_title_en }, language)}</Link>
      </Typography.Text>
      <PageTitle>
        <span className="ethics-wrap" data-testid="ethics-title">
          {titleOf(p, language)}
        </span>
      </PageTitle>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <StatusTag status={p.status} />
        <CategoryTag category={p.category} />
        <Tag>{t(`reviewTypes.${p.review_type}`)}</Tag>
      </Space>
      <MetaList protocol={p} />
      {actions.length > 0 && (
        <div className="ethics-actions" style={{ margin: '8px 0 16px' }} data-testid="ethics-actions">
          {actions.map((a) => (
            <ActionButton key={a} action={a} onClick={() => setAction(a)} />
          ))}
        </div>
      )}
      {p.status === 'revisions_requested' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('statuses.revisions_requested')}
          description={[...p.history].reverse().find((h) => h.to === 'revisions_requested')?.note}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          { key: 'overview', label: t('tab.overview'), children: <OverviewPanel protocol={p} /> },
          {
            key: 'application',
            label: t('tab.application'),
            children: <ApplicationPanel protocol={p} onSubmit={actions.includes('submit') ? () => setAction('submit') : undefined} />,
          },
          {
            key: 'deadlines',
            label: (
              <span>
                {t('tab.deadlines')}
                {overdue > 0 && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {overdue}
                  </Tag>
                )}
              </span>
            ),
            children: <DeadlinesPanel protocol={p} />,
          },
          { key: 'events', label: t('tab.events'), children: <EventsPanel protocol={p} /> },
          { key: 'enrolment', label: t('tab.enrolment'), children: <EnrolmentPanel protocol={p} /> },
          {
            key: 'amendments',
            label: (
              <span data-testid="ethics-amendments-tab">
                {t('tab.amendments')}
                {pending > 0 && (
                  <Tag color="blue" style={{ marginLeft: 4 }}>
                    {pending}
                  </Tag>
                )}
              </span>
            ),
            children: <AmendmentsPanel protocol={p} me={me} />,
          },
          { key: 'history', label: t('tab.history'), children: <HistoryPanel protocol={p} /> },
        ]}
      />
      {action === 'submit' && <SubmitModal protocol={p} onClose={() => setAction(null)} />}
      {action && action !== 'submit' && <ActionModal protocol={p} action={action} onClose={() => setAction(null)} />}
    </div>
  );
}
