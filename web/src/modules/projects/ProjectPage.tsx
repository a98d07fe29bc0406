// One project: the public summary for non-members; for members, office and committee the full
// record with tabs for stages and gates, milestones, progress reports, documents and product.
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, type Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { projectApi, useAreas, useProject, useProjectAction, type Project } from './api';
import { areaName, StageTag, StatusTag } from './components';
import { DocumentsPanel } from './DocumentsPanel';
import { MeetingsPanel } from './MeetingsPanel';
import { MilestonesPanel } from './MilestonesPanel';
import { formatYen } from './model';
import { ProductPanel } from './ProductPanel';
import { ProposeProjectModal } from './ProposeProjectModal';
import { projectTitle } from './ProjectsPage';
import { ReportsPanel } from './ReportsPanel';
import { StagePanel } from './StagePanel';
import { CoiPanel } from '../coi/CoiPanel';
import { ContractsPanel } from './ContractsPanel';
import { ProjectEthicsPanel } from '../ethics/ProjectEthicsPanel';
import { ProjectIpPanel } from '../ip/ProjectIpPanel';
import { ProjectBudgetCard } from '../budget/ProjectBudgetCard';

const TABS = ['overview', 'stages', 'milestones', 'meetings', 'reports', 'documents', 'product'] as const;

/** The tab a link opens: /projects/ID/report and /projects/ID/reports open the reports. */
// Tabs other modules add (coi: conflicts of interest).
const MODULE_TABS = ['coi', 'contracts', 'ethics', 'ip'] as const;
export function tabFromPath(pathname: string): (typeof TABS)[number] | (typeof MODULE_TABS)[number] {
  const rest = pathname.split('/').slice(3)[0] ?? '';
  if (rest === 'report' || rest === 'reports') return 'reports';
  if ((MODULE_TABS as readonly string[]).includes(rest)) return rest as (typeof MODULE_TABS)[number];
  return (TABS as readonly string[]).includes(rest) ? (rest as (typeof TABS)[number]) : 'overview';
}

function DecisionCard({ project }: { project: Project }) {
  const { t } = useTranslation('projects');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [rejecting, setRejecting] = useState(false);
  const decide = useProjectAction(project.id, (v: { decision: 'approve' | 'reject'; reason: string }) => projectApi.decide(project.id, v.decision, v.reason));
  const run = async (decision: 'approve' | 'reject', reason = '') => {
    try {
      await decide.mutateAsync({ decision, reason });
      void message.success(decision === 'approve' ? t('decision.approved') : t('decision.rejected'));
      setRejecting(false);
    } catch (error) {
      if (!showFieldError(form, error, t, ['reason'])) void message.error(errorMessage(error, t));
    }
  };
  return (
    <Card className="decision-card" style={{ marginBottom: 16, borderColor: '#faad14' }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('decision.ask')}</Typography.Text>
        <Typography.Text type="secondary">{t('decision.help')}</Typography.Text>
        <Space>
          <Button type="primary" icon={<CheckOutlined />} loading={decide.isPending} onClick={() => void run('approve')} data-testid="project-approve">
            {t('decision.approve')}
          </Button>
          <Button danger icon={<CloseOutlined />} onClick={() => setRejecting(true)}>
            {t('decision.reject')}
          </Button>
        </Space>
      </Space>
      <Modal
        open={rejecting}
        title={t('decision.rejectTitle')}
        onCancel={() => setRejecting(false)}
        onOk={() => form.submit()}
        okText={t('decision.reject')}
        okButtonProps={{ danger: true, loading: decide.isPending }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void run('reject', v.reason)}>
          <Form.Item name="reason" label={t('decision.reason')} rules={[{ required: true, whitespace: true, message: t('decision.reasonRequired') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Overview({ project }: { project: Project }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'aims', label: t('field.aims'), span: 2, children: <div className="pre-wrap">{project.aims || '—'}</div> },
          { key: 'summary', label: t('field.publicSummary'), span: 2, children: <div className="pre-wrap">{project.public_summary || '—'}</div> },
          { key: 'period', label: t('field.reportPeriod'), children: project.report_period ? t(`period.${project.report_period}`) : '—' },
          {
            key: 'next',
            label: t('field.nextReportDue'),
            children: project.next_report_due ? (
              <Space>
                {project.next_report_due}
                {project.report_overdue && <Tag color="red">{t('common.overdue')}</Tag>}
              </Space>
            ) : (
              '—'
            ),
          },
          {
            key: 'proposed',
            label: t('field.proposedBy'),
            children: `${displayName(project.proposed_by, language)} · ${formatDateTime(project.created_at, language)}`,
          },
          {
            key: 'decided',
            label: t('field.decidedBy'),
            children: project.decided_by ? `${displayName(project.decided_by, language)} · ${formatDateTime(project.decided_at, language)}` : '—',
          },
          ...(project.decision_reason ? [{ key: 'reason', label: t('decision.reason'), span: 2, children: project.decision_reason }] : []),
        ]}
      />
      <Card size="small" title={t('field.members')}>
        <Table
          size="small"
          rowKey={(m) => m.person.id + m.role}
          pagination={false}
          dataSource={project.members ?? []}
          columns={[
            { key: 'name', title: t('field.name'), render: (_, m) => displayName(m.person, language) },
            { key: 'role', title: t('field.role'), render: (_, m) => t(`role.${m.role}`, { defaultValue: m.role }) },
          ]}
        />
      </Card>
      <Card size="small" title={t('field.companies')}>
        {project.organisations?.length ? (
          <Space wrap>
            {project.organisations.map((o) => (
              <Tag key={o.organisation_id} color={o.role === 'sponsor' ? 'blue' : 'default'}>
                {displayName(o, language) || o.organisation_id} · {t(`orgRole.${o.role}`, { defaultValue: o.role })}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('field.links')} data-testid="project-links">
        {project.links?.length ? (
          <Space orientation="vertical" size={4}>
            {project.links.map((l) => (
              <Link key={l.kind + l.target_id} to={`/exchange/${l.kind}s/${l.target_id}`}>
                <Tag color={l.kind === 'need' ? 'volcano' : 'geekblue'}>{t(`links.${l.kind}`)}</Tag>
                {l.title ?? l.target_id}
                {l.confidential && <LockOutlined style={{ marginLeft: 6 }} title={t('links.confidential')} />}
              </Link>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('field.budgets')}>
        {project.budgets?.length ? (
          <Table
            size="small"
            rowKey="fiscal_year"
            pagination={false}
            dataSource={project.budgets}
            columns={[
              { key: 'fy', title: t('field.fiscalYear'), render: (_, b) => t('common.fy', { year: b.fiscal_year }) },
              { key: 'amount', title: t('field.amount'), align: 'right', render: (_, b) => formatYen(b.amount_yen, language) },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        )}
      </Card>
      <ProjectBudgetCard projectId={project.id} />
    </Space>
  );
}

export function ProjectPage({ me }: { me: Me }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const project = useProject(id);
  const areas = useAreas();
  const tab = tabFromPath(location.pathname);
  const [editing, setEditing] = useState(false);

  if (project.isPending)
    return (
      <div className="full-page-center">
        <Spin size="large" />
      </div>
    );
  if (project.isError) {
    const notFound = project.error instanceof ApiError && project.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('page.notFound') : errorMessage(project.error, t)}
        extra={<Link to="/projects">{t('page.back')}</Link>}
      />
    );
  }
  const p = project.data;
  const full = p.access === 'full';
  const perms = p.permissions;
  const header = (
    <>
      <Link to="/projects" className="muted">
        <ArrowLeftOutlined /> {t('page.back')}
      </Link>
      <PageTitle
        extra={
          p.access === 'full' && p.permissions?.edit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
              {t('edit.open')}
            </Button>
          ) : undefined
        }
      >
        <span data-testid="project-title">{projectTitle(p, language)}</span>
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <span data-testid="project-stage" data-stage={p.stage}>
          <StageTag stage={p.stage} />
        </span>
        <span data-testid="project-status" data-status={p.status}>
          <StatusTag status={p.status} />
        </span>
        <Tag>{t(`kind.${p.kind}`)}</Tag>
        {p.area_code && <Tag>{areaName(areas.data, p.area_code, language)}</Tag>}
        <Typography.Text type="secondary">
          {t('field.pi')}: {displayName(p.pi, language) || '—'} · {t('field.companyLead')}: {displayName(p.company_lead, language) || '—'}
        </Typography.Text>
      </Space>
    </>
  );

  if (!full)
    return (
      <div className="page">
        {header}
        <Alert type="info" showIcon message={t('page.summaryOnly')} style={{ marginBottom: 16 }} />
        <Card title={t('field.publicSummary')}>
          {p.public_summary ? <div className="pre-wrap">{p.public_summary}</div> : <Empty description={t('page.noSummary')} />}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('page.stageSince', { date: formatDateTime(p.stage_since, language) })}
          </Typography.Paragraph>
        </Card>
        <ContractsPanel projectId={p.id} me={me} hideWhenEmpty />
      </div>
    );

  return (
    <div className="page">
      {header}
      {p.status === 'proposed' && perms?.decide && <DecisionCard project={p} />}
      {p.status === 'proposed' && !perms?.decide && <Alert type="warning" showIcon message={t('page.waitingApproval')} style={{ marginBottom: 16 }} />}
      {p.status === 'rejected' && (
        <Alert type="error" showIcon message={t('page.rejected', { reason: p.decision_reason || '—' })} style={{ marginBottom: 16 }} />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'overview' ? `/projects/${p.id}` : `/projects/${p.id}/${key}`, { replace: true })}
        items={[
          { key: 'overview', label: t('tab.overview'), children: <Overview project={p} /> },
          { key: 'stages', label: t('tab.stages'), children: <StagePanel project={p} me={me} /> },
          { key: 'milestones', label: t('tab.milestones'), children: <MilestonesPanel project={p} me={me} /> },
          { key: 'meetings', label: t('tab.meetings'), children: <MeetingsPanel project={p} me={me} /> },
          {
            key: 'reports',
            label: (
              <span>
                {t('tab.reports')}{' '}
                {p.report_overdue && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {t('common.overdue')}
                  </Tag>
                )}
              </span>
            ),
            children: <ReportsPanel project={p} me={me} />,
          },
          { key: 'documents', label: t('tab.documents'), children: <DocumentsPanel project={p} /> },
          { key: 'product', label: t('tab.product'), children: <ProductPanel project={p} /> },
          { key: 'coi', label: t('module.coi'), children: <CoiPanel projectId={p.id} /> },
          { key: 'contracts', label: t('module.contracts'), children: <ContractsPanel projectId={p.id} me={me} /> },
          { key: 'ethics', label: t('module.ethics'), children: <ProjectEthicsPanel projectId={p.id} me={me} member={!!perms?.member} /> },
          { key: 'ip', label: t('module.ip'), children: <ProjectIpPanel project={p} me={me} member={!!perms?.member} /> },
        ]}
      />
      {editing && <ProposeProjectModal me={me} open project={p} onClose={() => setEditing(false)} onCreated={() => setEditing(false)} />}
    </div>
  );
}
