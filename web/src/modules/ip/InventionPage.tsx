// An invention's page: the header (status, decision, project, agreement, next deadline) and the
// tabs — overview, evaluation and decision, filings and their deadlines, licences and revenue,
// rewards, publications. A publication planned before the filing is flagged above the tabs.
import { Alert, Button, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { useInvention, usePublications } from './api';
import { DecisionPanel } from './DecisionPanel';
import { DecisionTag, DueDate, StatusTag } from './components';
import { FilingsPanel } from './FilingsPanel';
import { InventionRewardsPanel, LicencesPanel } from './MoneyPanels';
import { isOverdue, needsClearance, nextDeadline, titleOf, tokyoToday } from './model';
import { OverviewPanel } from './OverviewPanel';
import { PublicationsPanel } from './PublicationsPanel';

type Tab = 'overview' | 'decision' | 'filings' | 'licences' | 'rewards' | 'publications';

export function InventionPage({ me }: { me: Me }) {
  const { t } = useTranslation('ip');
  const language = currentLanguage();
  const { id = '' } = useParams();
  const invention = useInvention(id);
  const publications = usePublications({ project_id: invention.data?.project_id ?? '' }, !!invention.data);
  const [tab, setTab] = useState<Tab>('overview');
  if (invention.isPending) return <Spin />;
  if (invention.isError) {
    const missing = invention.error instanceof ApiError && invention.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('page.notFound') : errorMessage(invention.error, t)}
        extra={
          <Link to="/ip">
            <Button>{t('page.back')}</Button>
          </Link>
        }
      />
    );
  }
  const inv = invention.data;
  const today = tokyoToday();
  const next = nextDeadline(inv.deadlines);
  const overdue = inv.deadlines.filter((d) => isOverdue(d, today)).length;
  const guarded = (publications.data ?? []).filter((p) => (p.invention_id === inv.id || p.invention_id === null) && needsClearance(p)).length;
  const isMember = inv.inventors.some((i) => i.person.id === me.id);
  return (
    <div className="page">
      <Typography.Text type="secondary">
        <Link to="/ip">{t('title')}</Link> /{' '}
        <Link to={`/projects/${inv.project_id}`}>{titleOf({ title_ja: inv.project_title_ja, title_en: inv.project_title_en }, language)}</Link>
      </Typography.Text>
      <PageTitle>
        <span className="ip-wrap" data-testid="ip-title">
          {inv.title}
        </span>
      </PageTitle>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <StatusTag status={inv.status} />
        {inv.decision && <DecisionTag decision={inv.decision} />}
      </Space>
      <div className="ip-header-meta">
        {inv.disclosed_on && <Typography.Text type="secondary">{t('page.disclosedOn', { date: inv.disclosed_on })}</Typography.Text>}
        {inv.contract_id && (
          <Link to={`/contracts/${inv.contract_id}`} data-testid="ip-header-contract">
            {t('page.contractLink')}
          </Link>
        )}
        {next && (
          <Space size={4} wrap data-testid="ip-next-deadline">
            <Typography.Text type="secondary">{t('page.nextDeadline', { kind: t(`deadlineKinds.${next.kind}`) })}</Typography.Text>
            <DueDate due={next.due_on} overdue={isOverdue(next, today)} />
          </Space>
        )}
      </div>
      {guarded > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('publications.guard')}
          description={t('page.guardedCount', { count: guarded })}
          action={
            <Button size="small" onClick={() => setTab('publications')}>
              {t('page.showPublications')}
            </Button>
          }
          data-testid="ip-guard-banner"
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          { key: 'overview', label: t('tab.overview'), children: <OverviewPanel invention={inv} /> },
          { key: 'decision', label: t('tab.decision'), children: <DecisionPanel invention={inv} /> },
          {
            key: 'filings',
            label: (
              <span>
                {t('tab.filings')}
                {overdue > 0 && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {overdue}
                  </Tag>
                )}
              </span>
            ),
            children: <FilingsPanel invention={inv} />,
          },
          { key: 'licences', label: t('tab.licences'), children: <LicencesPanel invention={inv} /> },
          { key: 'rewards', label: t('tab.rewards'), children: <InventionRewardsPanel invention={inv} /> },
          {
            key: 'publications',
            label: (
              <span data-testid="ip-publications-tab">
                {t('tab.publications')}
                {guarded > 0 && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {guarded}
                  </Tag>
                )}
              </span>
            ),
            children: <PublicationsPanel projectId={inv.project_id} inventionId={inv.id} inventions={[inv]} mayAdd={isMember} />,
          },
        ]}
      />
    </div>
  );
}
