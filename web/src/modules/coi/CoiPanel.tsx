// The COI tab of a project: whether coi_cleared holds, members' declaration status for the year,
// and the committee's decisions with their measures (no amounts here).
import { Alert, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useProjectCoi, type CaseSummary, type ProjectCoi } from './api';
import { CaseStatusTag, DecisionTag } from './components';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

type MemberRow = ProjectCoi['members'][number];

export function CoiPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation('coi');
  const language = currentLanguage();
  const coi = useProjectCoi(projectId);
  if (coi.isPending) return <Spin />;
  if (coi.isError) return <Alert type="error" showIcon message={errorMessage(coi.error, t)} />;
  const d = coi.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="coi-panel">
      {d.cleared ? (
        <Alert type="success" showIcon message={t('panel.cleared')} />
      ) : (
        <Alert
          type="warning"
          showIcon
          message={t('panel.notCleared')}
          description={
            <>
              {d.missing_declarations > 0 && <div>{t('panel.missing', { count: d.missing_declarations })}</div>}
              {d.open_cases > 0 && <div>{t('panel.openCases', { count: d.open_cases })}</div>}
            </>
          }
        />
      )}
      <Card size="small" title={t('panel.companies')}>
        {d.companies.length ? (
          d.companies.map((o) => <Tag key={o.id}>{displayName(o, language)}</Tag>)
        ) : (
          <Typography.Text type="secondary">{t('panel.noCompanies')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('panel.cases')}>
        {d.cases.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.noCases')} />
        ) : (
          <ResponsiveTable<CaseSummary>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.cases}
            columns={[
              { key: 'person', title: t('cases.person'), render: (_, c) => <Link to={`/coi/cases/${c.id}`}>{displayName(c.person, language)}</Link> },
              { key: 'company', title: t('cases.company'), render: (_, c) => displayName(c.organisation, language) },
              { key: 'fy', title: t('mine.year'), render: (_, c) => t('fy', { year: c.fiscal_year }) },
              { key: 'status', title: t('manage.statusFilter'), render: (_, c) => <CaseStatusTag status={c.status} /> },
              { key: 'decision', title: t('case.decision'), render: (_, c) => (c.decision ? <DecisionTag decision={c.decision} /> : '—') },
              {
                key: 'measures',
                title: t('case.measures'),
                render: (_, c) => (
                  <div>
                    <div className="pre-wrap">{c.measures || '—'}</div>
                    {c.decided_at && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(c.decided_at, language)}
                      </Typography.Text>
                    )}
                  </div>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={`${t('panel.members')} · ${t('fy', { year: d.fiscal_year })}`}>
        <Table<MemberRow>
          rowKey={(m) => m.person.id}
          size="small"
          pagination={false}
          dataSource={d.members}
          columns={[
            { key: 'name', title: t('manage.person'), render: (_, m) => displayName(m.person, language) },
            { key: 'role', title: t('case.role'), render: (_, m) => t(`projects:role.${m.role}`, { defaultValue: m.role }) },
            {
              key: 'state',
              title: t('manage.declaration'),
              render: (_, m) =>
                !m.must_declare ? (
                  <Tag>{t('panel.notRequired')}</Tag>
                ) : m.declared ? (
                  <Tag color="green">{t('panel.declared')}</Tag>
                ) : (
                  <Tag color="red">{t('panel.notDeclared')}</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
