// The one-minute progress report (done / next / risks / help) with the previous report beside
// it, and the reports so far with who acknowledged them.
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { projectApi, useProjectAction, useReports, type Project, type Report } from './api';

const PARTS = ['done', 'next', 'risks', 'help'] as const;

/** Whether this person may still acknowledge this report (PI or company lead, not the author, not yet). */
export function mayAcknowledge(report: Report, me: { id: string }, project: Pick<Project, 'pi' | 'company_lead'>) {
  const role = project.pi?.id === me.id || project.company_lead?.id === me.id;
  if (!role || report.author.id === me.id) return false;
  return !report.acknowledgements.some((a) => a.person.id === me.id);
}

function ReportBody({ report }: { report: Report }) {
  const { t } = useTranslation('projects');
  return (
    <Descriptions
      size="small"
      column={1}
      styles={{ label: { width: 110 } }}
      items={PARTS.map((part) => ({
        key: part,
        label: t(`report.${part}`),
        children: <div className="pre-wrap">{report[part] || '—'}</div>,
      }))}
    />
  );
}

function Acks({ report }: { report: Report }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  if (!report.acknowledgements.length) return <Tag>{t('report.notAcknowledged')}</Tag>;
  return (
    <Space wrap>
      {report.acknowledgements.map((a) => (
        <Tag color="green" key={a.person.id} icon={<CheckOutlined />} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
          {t('report.acknowledgedBy', { name: displayName(a.person, language), at: formatDateTime(a.at, language) })}
        </Tag>
      ))}
    </Space>
  );
}

export function ReportsPanel({ project, me }: { project: Project; me: Me }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<(typeof PARTS)[number], string>>();
  const reports = useReports(project.id, true);
  const submit = useProjectAction(project.id, (v: Record<(typeof PARTS)[number], string>) => projectApi.submitReport(project.id, v));
  const ack = useProjectAction(project.id, (reportId: string) => projectApi.acknowledge(project.id, reportId));
  const items = reports.data?.items ?? [];
  const previous = items[0];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {project.report_overdue && <Alert type="error" showIcon message={t('report.overdue', { date: project.next_report_due })} />}
      {project.permissions?.report && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('report.formTitle')} extra={project.next_report_due ? t('report.due', { date: project.next_report_due }) : undefined}>
              <Form
                form={form}
                layout="vertical"
                onFinish={async (v) => {
                  try {
                    await submit.mutateAsync({ done: v.done ?? '', next: v.next ?? '', risks: v.risks ?? '', help: v.help ?? '' });
                    form.resetFields();
                    void message.success(t('report.submitted'));
                  } catch (error) {
                    if (!showFieldError(form, error, t, [...PARTS])) void message.error(errorMessage(error, t));
                  }
                }}
              >
                {PARTS.map((part) => (
                  <Form.Item
                    key={part}
                    name={part}
                    label={t(`report.${part}`)}
                    rules={part === 'done' ? [{ required: true, whitespace: true, message: t('report.doneRequired') }] : []}
                    style={{ marginBottom: 12 }}
                  >
                    <Input.TextArea rows={2} maxLength={2000} placeholder={t(`report.${part}Placeholder`)} data-testid={`report-${part}`} />
                  </Form.Item>
                ))}
                <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="report-submit">
                  {t('report.submit')}
                </Button>
              </Form>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('report.previous')} extra={previous ? previous.report_on : undefined}>
              {previous ? <ReportBody report={previous} /> : <Empty description={t('report.none')} />}
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title={t('report.history')}>
        <List
          loading={reports.isPending}
          dataSource={items}
          locale={{ emptyText: t('report.none') }}
          renderItem={(r) => (
            <List.Item
              data-testid="report-item"
              actions={
                mayAcknowledge(r, me, project)
                  ? [
                      <Button
                        key="ack"
                        type="primary"
                        size="small"
                        icon={<CheckOutlined />}
                        loading={ack.isPending && ack.variables === r.id}
                        onClick={() =>
                          ack.mutate(r.id, {
                            onSuccess: () => void message.success(t('report.acknowledged')),
                            onError: (error) => void message.error(errorMessage(error, t)),
                          })
                        }
                      >
                        {t('report.acknowledge')}
                      </Button>,
                    ]
                  : []
              }
            >
              <div style={{ width: '100%' }}>
                <Space wrap style={{ marginBottom: 4 }}>
                  <strong>{r.report_on}</strong>
                  <Typography.Text type="secondary">{displayName(r.author, language)}</Typography.Text>
                  <Acks report={r} />
                </Space>
                <ReportBody report={r} />
              </div>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
