// Portfolio for the office and the committee: board by area × stage, pipeline funnel, projects
// closest to market with what blocks each, overdue reports and milestones, CSV and Excel export.
import { Alert, Card, Col, Empty, List, Row, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { ExportButtons } from '../../shell/ExportButtons';
import { hasAnyRole } from '../../shell/roles';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { usePortfolio, type PortfolioRow } from './api';
import { StageTag } from './components';
import { Chain, Funnel } from './Funnel';
import { GatesEditor } from './GatesEditor';
import { GoalSummary } from './GoalWidget';
import { boardCells, STAGES } from './model';
import { projectTitle } from './ProjectsPage';
import './projects.css';

function ProjectLink({ p }: { p: PortfolioRow }) {
  return <Link to={`/projects/${p.id}`}>{projectTitle(p, currentLanguage())}</Link>;
}

export function PortfolioPage({ me }: { me: Me }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const portfolio = usePortfolio();

  if (portfolio.isPending)
    return (
      <div className="full-page-center">
        <Spin size="large" />
      </div>
    );
  if (portfolio.isError) return <Alert type="error" showIcon message={errorMessage(portfolio.error, t)} />;
  const data = portfolio.data;
  const cells = boardCells(data.projects);
  const areaRows = [
    ...data.areas.map((a) => ({ code: a.code, name: displayName(a, language) })),
    ...(data.projects.some((p) => !p.area_code) ? [{ code: '', name: t('portfolio.noArea') }] : []),
  ];

  return (
    <div className="page">
      <PageTitle extra={<ExportButtons base="/api/portfolio/export" testId="portfolio" />}>{t('portfolio.title')}</PageTitle>
      {(() => {
        const overview = (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card title={t('goal.title')} size="small" style={{ height: '100%' }}>
                <GoalSummary goal={data.goal} canSetDate={hasAnyRole(me.roles, ['office', 'admin'])} />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('portfolio.funnel')} size="small" style={{ height: '100%' }}>
                <Funnel funnel={data.goal.funnel} />
              </Card>
            </Col>
            {data.goal.chain && data.goal.chain.length > 0 && (
              <Col span={24}>
                <Card title={t('portfolio.chain')} size="small">
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    {t('portfolio.chainHint')}
                  </Typography.Paragraph>
                  <Chain chain={data.goal.chain} />
                </Card>
              </Col>
            )}
            <Col span={24}>
              <Card title={t('portfolio.board', { count: data.projects.length })} size="small">
                <Table
                  className="projects-board"
                  size="small"
                  bordered
                  rowKey="code"
                  pagination={false}
                  scroll={{ x: 1040 }}
                  dataSource={areaRows}
                  locale={{ emptyText: <Empty description={t('portfolio.empty')} /> }}
                  columns={[
                    { key: 'area', title: t('field.area'), fixed: 'left', width: 160, render: (_, a) => <strong>{a.name}</strong> },
                    ...STAGES.map((s) => ({
                      key: s,
                      title: t(`stage.${s}`),
                      width: 110,
                      render: (_: unknown, a: { code: string }) => {
                        const list = cells.get(`${a.code}|${s}`) ?? [];
                        if (!list.length) return <span className="muted">·</span>;
                        return (
                          <div className="projects-board-cell" data-testid={`board-${a.code || 'none'}-${s}`}>
                            <span className="projects-board-count">{list.length}</span>
                            {list.slice(0, 5).map((p) => (
                              <ProjectLink key={p.id} p={p} />
                            ))}
                            {list.length > 5 && <span className="muted">{t('portfolio.more', { count: list.length - 5 })}</span>}
                          </div>
                        );
                      },
                    })),
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('portfolio.closest')} size="small">
                <List
                  dataSource={data.closest_to_market}
                  locale={{ emptyText: t('portfolio.empty') }}
                  renderItem={(p) => (
                    <List.Item>
                      <div style={{ width: '100%' }}>
                        <Space wrap>
                          <StageTag stage={p.stage} />
                          <ProjectLink p={p} />
                          {p.pending_stage && <Tag color="gold">{t('portfolio.pending', { stage: t(`stage.${p.pending_stage}`) })}</Tag>}
                        </Space>
                        <div style={{ marginTop: 4 }}>
                          {p.next_stage == null ? (
                            <Typography.Text type="success">{t('portfolio.atLast')}</Typography.Text>
                          ) : p.blockers?.length ? (
                            <Space wrap size={4}>
                              <Typography.Text type="secondary">{t('portfolio.blockedBy', { stage: t(`stage.${p.next_stage}`) })}</Typography.Text>
                              {p.blockers.map((b) => (
                                <Tag key={b.code} color="red" style={{ whiteSpace: 'normal' }}>
                                  {language === 'ja' ? b.label_ja : b.label_en}
                                </Tag>
                              ))}
                            </Space>
                          ) : (
                            <Typography.Text type="success">{t('portfolio.ready', { stage: t(`stage.${p.next_stage}`) })}</Typography.Text>
                          )}
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card
                  title={
                    <>
                      <WarningOutlined style={{ color: '#cf1322' }} /> {t('portfolio.overdueReports', { count: data.overdue_reports.length })}
                    </>
                  }
                  size="small"
                >
                  <List
                    size="small"
                    dataSource={data.overdue_reports}
                    locale={{ emptyText: t('portfolio.noneOverdue') }}
                    renderItem={(p) => (
                      <List.Item extra={<Typography.Text type="danger">{p.next_report_due}</Typography.Text>}>
                        <Space orientation="vertical" size={0}>
                          <ProjectLink p={p} />
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {displayName(p.company_lead, language)}
                          </Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                </Card>
                <Card
                  title={
                    <>
                      <WarningOutlined style={{ color: '#cf1322' }} /> {t('portfolio.overdueMilestones', { count: data.overdue_milestones.length })}
                    </>
                  }
                  size="small"
                >
                  <List
                    size="small"
                    dataSource={data.overdue_milestones}
                    locale={{ emptyText: t('portfolio.noneOverdue') }}
                    renderItem={(p) => (
                      <List.Item extra={<Tag color="red">{t('portfolio.milestonesOverdue', { count: p.overdue_milestones })}</Tag>}>
                        <ProjectLink p={p} />
                      </List.Item>
                    )}
                  />
                </Card>
                {data.proposed.length > 0 && (
                  <Card title={t('portfolio.proposed', { count: data.proposed.length })} size="small">
                    <List
                      size="small"
                      dataSource={data.proposed}
                      renderItem={(p) => (
                        <List.Item>
                          <ProjectLink p={p} />
                        </List.Item>
                      )}
                    />
                  </Card>
                )}
              </Space>
            </Col>
          </Row>
        );
        if (!hasAnyRole(me.roles, ['office', 'admin'])) return overview;
        return (
          <Tabs
            items={[
              { key: 'overview', label: t('gates.overviewTab'), children: overview },
              { key: 'gates', label: t('gates.tab'), children: <GatesEditor /> },
            ]}
          />
        );
      })()}
    </div>
  );
}
