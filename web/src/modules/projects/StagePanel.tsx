// Stages: where the project is, the timeline of stages entered (dates and approvers), the gate
// checklist of the next stage, "request move", and approve / decline of a pending request.
import { App, Button, Card, Col, Form, Input, List, Modal, Row, Space, Steps, Tag, Timeline, Tooltip, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { projectApi, useGate, useProjectAction, type ChecklistItem, type Project } from './api';
import { STAGES, stageIndex } from './model';

function ConfirmModal({ project, item, onClose }: { project: Project; item: ChecklistItem | null; onClose: () => void }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const confirm = useProjectAction(project.id, (v: { code: string; note: string }) => projectApi.confirm(project.id, v.code, v.note));
  return (
    <Modal
      open={!!item}
      title={item ? t('gate.confirmTitle', { label: language === 'ja' ? item.label_ja : item.label_en }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: confirm.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await confirm.mutateAsync({ code: item!.code, note: v.note });
            void message.success(t('gate.confirmed'));
            onClose();
          } catch (error) {
            if (!showFieldError(form, error, t, ['note'])) void message.error(errorMessage(error, t));
          }
        }}
      >
        <Form.Item name="note" label={t('gate.confirmNote')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function StagePanel({ project, me }: { project: Project; me: Me }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const perms = project.permissions;
  const gate = useGate(project.id, project.status === 'active');
  const [note, setNote] = useState('');
  const [declining, setDeclining] = useState(false);
  const [confirming, setConfirming] = useState<ChecklistItem | null>(null);
  const [declineForm] = Form.useForm<{ reason: string }>();
  const request = useProjectAction(project.id, (v: { to: string; note: string }) => projectApi.requestStage(project.id, v.to, v.note));
  const decide = useProjectAction(project.id, (v: { decision: 'approve' | 'reject' | 'withdraw'; reason: string }) =>
    projectApi.decideStage(project.id, project.pending_request!.id, v.decision, v.reason),
  );
  const pending = project.pending_request;
  const current = stageIndex(project.stage);

  const doRequest = async () => {
    if (!gate.data?.to_stage) return;
    try {
      const r = await request.mutateAsync({ to: gate.data.to_stage, note });
      setNote('');
      void message.success(r.state === 'approved' ? t('gate.moved') : t('gate.requested'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };
  const doDecide = async (decision: 'approve' | 'reject' | 'withdraw', reason = '') => {
    try {
      await decide.mutateAsync({ decision, reason });
      void message.success(t(`gate.decided.${decision}`));
      setDeclining(false);
    } catch (error) {
      if (!showFieldError(declineForm, error, t, ['reason'])) void message.error(errorMessage(error, t));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Steps size="small" current={current} responsive items={STAGES.map((s) => ({ title: t(`stage.${s}`) }))} data-testid="stage-steps" />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('gate.title', { stage: gate.data?.to_stage ? t(`stage.${gate.data.to_stage}`) : '—' })}
            loading={gate.isPending && project.status === 'active'}
          >
            {project.status !== 'active' ? (
              <Typography.Text type="secondary">{t('gate.notActive')}</Typography.Text>
            ) : !gate.data?.to_stage ? (
              <Typography.Text type="secondary">{t('gate.last')}</Typography.Text>
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  {t('gate.approver')}: <Tag>{gate.data.approver ? t(`approver.${gate.data.approver}`) : '—'}</Tag>
                </Typography.Text>
                <List
                  size="small"
                  dataSource={gate.data.items}
                  locale={{ emptyText: t('gate.noRequirements') }}
                  data-testid="gate-checklist"
                  renderItem={(item) => (
                    <List.Item
                      actions={
                        // A module that answers its requirements itself: go where they are met.
                        !item.satisfied && item.module === 'contracts'
                          ? [
                              <Link key="c" to={`/contracts?project_id=${project.id}`} data-testid="gate-contracts-link">
                                {t('contracts:nav.contracts')}
                              </Link>,
                            ]
                          : !item.satisfied && item.module === 'coi'
                            ? [
                                <Link key="c" to={`/projects/${project.id}/coi`} data-testid="gate-coi-link">
                                  {t('gate.toCoi')}
                                </Link>,
                              ]
                            : !item.satisfied && item.module === 'ethics'
                              ? [
                                  <Link key="c" to={`/projects/${project.id}/ethics`} data-testid="gate-ethics-link">
                                    {t('module.ethics')}
                                  </Link>,
                                ]
                              : !item.satisfied && perms?.confirm && !item.automatic
                                ? [
                                    <Button key="c" size="small" onClick={() => setConfirming(item)}>
                                      {t('gate.confirm')}
                                    </Button>,
                                  ]
                                : []
                      }
                    >
                      <Space>
                        {item.satisfied ? (
                          // How it was met (from the project, by its module, confirmed by the office) on hover.
                          <Tooltip title={item.how ? t(`gate.how.${item.how}`, { defaultValue: item.how }) : undefined}>
                            <CheckCircleTwoTone
                              twoToneColor="#52c41a"
                              data-testid="gate-how"
                              aria-label={item.how ? t(`gate.how.${item.how}`, { defaultValue: item.how }) : undefined}
                            />
                          </Tooltip>
                        ) : (
                          <CloseCircleTwoTone twoToneColor="#ff4d4f" />
                        )}
                        <span>{language === 'ja' ? item.label_ja : item.label_en}</span>
                        {item.module !== 'projects' && <Tag>{t(`module.${item.module}`, { defaultValue: item.module })}</Tag>}
                      </Space>
                    </List.Item>
                  )}
                />
                {pending ? (
                  <Card size="small" type="inner" title={t('gate.pendingTitle', { stage: t(`stage.${pending.to_stage}`) })} data-testid="pending-request">
                    <Typography.Paragraph style={{ marginBottom: 8 }}>
                      {t('gate.pendingBy', {
                        name: displayName(pending.requested_by, language),
                        at: formatDateTime(pending.requested_at, language),
                        approver: t(`approver.${pending.approver}`),
                      })}
                    </Typography.Paragraph>
                    {pending.note && <Typography.Paragraph className="pre-wrap">{pending.note}</Typography.Paragraph>}
                    <Space wrap>
                      {perms?.approve_stage && (
                        <>
                          <Button type="primary" loading={decide.isPending} onClick={() => void doDecide('approve')} data-testid="stage-approve">
                            {t('gate.approve')}
                          </Button>
                          <Button danger onClick={() => setDeclining(true)}>
                            {t('gate.decline')}
                          </Button>
                        </>
                      )}
                      {pending.requested_by.id === me.id && <Button onClick={() => void doDecide('withdraw')}>{t('gate.withdraw')}</Button>}
                      {!perms?.approve_stage && pending.requested_by.id !== me.id && <Typography.Text type="secondary">{t('gate.waiting')}</Typography.Text>}
                    </Space>
                  </Card>
                ) : perms?.request_stage ? (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Input.TextArea rows={2} placeholder={t('gate.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
                    <Button
                      type="primary"
                      disabled={!gate.data.passes}
                      loading={request.isPending}
                      onClick={() => void doRequest()}
                      data-testid="stage-request"
                    >
                      {t('gate.request', { stage: t(`stage.${gate.data.to_stage}`) })}
                    </Button>
                    {!gate.data.passes && <Typography.Text type="warning">{t('gate.notPassing')}</Typography.Text>}
                  </Space>
                ) : null}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('timeline.title')}>
            <Timeline
              data-testid="stage-timeline"
              items={(project.history ?? []).map((h) => ({
                color: h.to_stage === project.stage ? 'blue' : 'gray',
                children: (
                  <div>
                    <Space wrap>
                      <strong>{t(`stage.${h.to_stage}`)}</strong>
                      <Typography.Text type="secondary">{formatDateTime(h.at, language)}</Typography.Text>
                    </Space>
                    <div className="muted">
                      {h.approved_by ? t('timeline.approvedBy', { name: displayName(h.approved_by, language) }) : ''}
                      {h.requested_by && h.requested_by.id !== h.approved_by?.id
                        ? ` · ${t('timeline.requestedBy', { name: displayName(h.requested_by, language) })}`
                        : ''}
                    </div>
                    {h.note && <div className="pre-wrap">{h.note}</div>}
                  </div>
                ),
              }))}
            />
            {!project.history?.length && <Typography.Text type="secondary">{t('timeline.empty')}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <ConfirmModal project={project} item={confirming} onClose={() => setConfirming(null)} />
      <Modal
        open={declining}
        title={t('gate.declineTitle')}
        onCancel={() => setDeclining(false)}
        onOk={() => declineForm.submit()}
        okButtonProps={{ danger: true, loading: decide.isPending }}
        okText={t('gate.decline')}
        destroyOnHidden
      >
        <Form form={declineForm} layout="vertical" onFinish={(v) => void doDecide('reject', v.reason)}>
          <Form.Item name="reason" label={t('decision.reason')} rules={[{ required: true, whitespace: true, message: t('decision.reasonRequired') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
