// 変更申請・同意文書: the consent-form versions (同意説明文書 第N版, the approved one in force
// highlighted) and the amendments (変更申請 N) of a protocol, each with its document, its review
// status and the steps the viewer may take; below, the form to submit a new one with its document
// (.pdf or .docx, sent as raw bytes). The server decides who may do what (docs/ethics.md); the
// buttons follow `may` and the viewer's roles, and a refusal shows the server's message.
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { ResponsiveTable, type ResponsiveColumn } from '../../shell/ResponsiveTable';
import { useIsPhone } from '../../shell/responsive';
import {
  amendmentFileUrl,
  ethicsApi,
  submitAmendment,
  useEthicsMutation,
  type Amendment,
  type AmendmentInput,
  type AmendmentKind,
  type AmendmentStatus,
  type Protocol,
} from './api';
import { isOffice } from './components';
import { isTerminal, STATUS_COLOURS } from './model';

const AMENDABLE = ['approved', 'active', 'suspended'];
const MAX_BYTES = 5 * 1024 * 1024;

/** 1.2 MB, 340 KB, 12 B. */
function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

type Step = 'approved' | 'revisions_requested' | 'submitted' | 'withdrawn';

/** The steps a row offers: reviewers decide a submitted one; the investigators resubmit or withdraw. */
export function amendmentSteps(status: AmendmentStatus, reviewer: boolean, investigator: boolean): Step[] {
  const out: Step[] = [];
  if (reviewer && status === 'submitted') out.push('approved', 'revisions_requested');
  if (investigator && status === 'revisions_requested') out.push('submitted');
  if (investigator && (status === 'submitted' || status === 'revisions_requested')) out.push('withdrawn');
  return out;
}

export function AmendmentsPanel({ protocol: p, me }: { protocol: Protocol; me: Me }) {
  const { t } = useTranslation('ethics');
  const office = isOffice(me);
  const reviewer = p.may.review || office;
  const investigator = p.may.report || p.may.edit || office;
  const rows = p.amendments ?? [];
  const consents = rows.filter((a) => a.kind === 'consent').sort((a, b) => b.number - a.number);
  const amendments = rows.filter((a) => a.kind === 'amendment').sort((a, b) => b.number - a.number);
  const current = p.consent_version ?? 0;
  const [revising, setRevising] = useState<Amendment | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ethics-amendments">
      <Card
        size="small"
        title={
          <Space wrap size={8}>
            <span>{t('amend.consentTitle')}</span>
            {current > 0 ? (
              <Tag color="green" data-testid="ethics-consent-current">
                {t('amend.currentVersion', { n: current })}
              </Tag>
            ) : (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {t('amend.noCurrent')}
              </Typography.Text>
            )}
          </Space>
        }
        className="ethics-amend-card"
      >
        <AmendmentTable
          protocol={p}
          rows={consents}
          current={current}
          reviewer={reviewer}
          investigator={investigator}
          onRevise={setRevising}
          testId="ethics-consent-list"
        />
      </Card>
      <Card size="small" title={t('amend.amendmentsTitle')} className="ethics-amend-card">
        <AmendmentTable
          protocol={p}
          rows={amendments}
          current={0}
          reviewer={reviewer}
          investigator={investigator}
          onRevise={setRevising}
          testId="ethics-amendment-list"
        />
      </Card>
      {investigator && !isTerminal(p.status) && <AmendmentForm protocol={p} />}
      {revising && <ReviseModal protocol={p} amendment={revising} onClose={() => setRevising(null)} />}
    </Space>
  );
}

function AmendmentTable({
  protocol: p,
  rows,
  current,
  reviewer,
  investigator,
  onRevise,
  testId,
}: {
  protocol: Protocol;
  rows: Amendment[];
  current: number;
  reviewer: boolean;
  investigator: boolean;
  onRevise: (a: Amendment) => void;
  testId: string;
}) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const move = useEthicsMutation((v: { amendment: Amendment; status: AmendmentStatus }) =>
    ethicsApi.amendmentStatus(p.id, v.amendment.id, { status: v.status }),
  );
  const step = (amendment: Amendment, status: AmendmentStatus) =>
    move.mutate(
      { amendment, status },
      {
        onSuccess: () => void message.success(t('amend.done', { status: t(`amend.statuses.${status}`) })),
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  const phone = useIsPhone();
  const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;
  const fileLink = (a: Amendment) =>
    a.filename ? (
      <a href={amendmentFileUrl(p.id, a.id)} download={a.filename} className="ethics-wrap" data-testid="ethics-amendment-file">
        <PaperClipOutlined /> {a.filename}
        {a.size_bytes ? <span className="muted"> ({formatBytes(a.size_bytes)})</span> : null}
      </a>
    ) : null;
  // On a wide screen the document sits under the summary (one column fewer); a card gives it its own line.
  const fileColumn: ResponsiveColumn<Amendment>[] = phone ? [{ key: 'file', title: t('amend.file'), render: (_, a) => fileLink(a) }] : [];
  // Two dates on a card; one column of both on a wide screen (the table fits a 1024 px window).
  const dateColumns: ResponsiveColumn<Amendment>[] = phone
    ? [
        { key: 'submitted', title: t('amend.submittedOn'), render: (_, a) => a.submitted_on ?? '—' },
        { key: 'decided', title: t('amend.decidedOn'), render: (_, a) => a.decided_on },
      ]
    : [
        {
          key: 'dates',
          title: (
            <div style={{ whiteSpace: 'nowrap' }}>
              <div>{t('amend.submittedOn')}</div>
              <div className="muted">{t('amend.decidedOn')}</div>
            </div>
          ),
          render: (_, a) => (
            <div style={{ whiteSpace: 'nowrap' }}>
              <div>{a.submitted_on ?? '—'}</div>
              {a.decided_on && <div className="muted">{a.decided_on}</div>}
            </div>
          ),
        },
      ];
  const isCurrent = (a: Amendment) => a.kind === 'consent' && a.number === current && a.status === 'approved';
  const name = (a: Amendment) => t(a.kind === 'consent' ? 'amend.consentNumber' : 'amend.amendmentNumber', { n: a.number });
  return (
    <ResponsiveTable<Amendment>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      cardTestId={`${testId}-card`}
      rowClassName={(a) => (isCurrent(a) ? 'ethics-current-row' : '')}
      tableLayout="auto"
      scroll={phone ? undefined : { x: 640 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('amend.empty')} /> }}
      columns={[
        {
          key: 'number',
          title: nowrap(t('amend.number')),
          card: 'title',
          render: (_, a) => (
            <Space size={4} wrap>
              <span style={{ whiteSpace: 'nowrap' }} data-testid="ethics-amendment-name">
                {name(a)}
              </span>
              {isCurrent(a) && <Tag color="green">{t('amend.current')}</Tag>}
            </Space>
          ),
        },
        {
          key: 'summary',
          title: phone ? t('amend.summary') : `${t('amend.summary')} / ${t('amend.file')}`,
          render: (_, a) =>
            phone ? (
              <span className="pre-wrap ethics-wrap">{a.summary}</span>
            ) : (
              <div className="ethics-amend-summary">
                <div className="pre-wrap ethics-wrap">{a.summary}</div>
                {fileLink(a)}
              </div>
            ),
        },
        {
          key: 'status',
          title: nowrap(t('columns.status')),
          render: (_, a) => (
            <Tag color={STATUS_COLOURS[a.status]} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }} data-testid="ethics-amendment-status">
              {t(`amend.statuses.${a.status}`)}
            </Tag>
          ),
        },
        ...dateColumns,
        {
          key: 'note',
          title: t('amend.note'),
          render: (_, a) => (a.note ? <span className="pre-wrap ethics-wrap ethics-amend-note">{a.note}</span> : null),
        },
        ...fileColumn,
        {
          key: 'actions',
          title: '',
          card: 'actions',
          render: (_, a) => {
            const steps = amendmentSteps(a.status, reviewer, investigator);
            if (steps.length === 0) return null;
            return (
              <div className="ethics-actions ethics-amend-actions">
                {steps.map((s) => {
                  const busy = move.isPending && move.variables?.amendment.id === a.id && move.variables.status === s;
                  if (s === 'revisions_requested')
                    return (
                      <Button key={s} size="small" onClick={() => onRevise(a)} data-testid="ethics-amendment-revise">
                        {t('amend.revise')}
                      </Button>
                    );
                  if (s === 'withdrawn')
                    return (
                      <Popconfirm
                        key={s}
                        title={t('amend.withdrawConfirm', { name: name(a) })}
                        okText={t('amend.withdraw')}
                        cancelText={t('actions.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => step(a, 'withdrawn')}
                      >
                        <Button size="small" danger loading={busy} data-testid="ethics-amendment-withdraw">
                          {t('amend.withdraw')}
                        </Button>
                      </Popconfirm>
                    );
                  if (s === 'approved')
                    return (
                      <Popconfirm
                        key={s}
                        title={t('amend.approveConfirm', { name: name(a) })}
                        okText={t('amend.approve')}
                        cancelText={t('actions.cancel')}
                        okButtonProps={{ 'data-testid': 'ethics-amendment-approve-ok' }}
                        onConfirm={() => step(a, 'approved')}
                      >
                        <Button size="small" type="primary" loading={busy} data-testid="ethics-amendment-approve">
                          {t('amend.approve')}
                        </Button>
                      </Popconfirm>
                    );
                  return (
                    <Button key={s} size="small" type="primary" loading={busy} onClick={() => step(a, 'submitted')} data-testid="ethics-amendment-resubmit">
                      {t('amend.resubmit')}
                    </Button>
                  );
                })}
              </div>
            );
          },
        },
      ]}
    />
  );
}

function ReviseModal({ protocol: p, amendment, onClose }: { protocol: Protocol; amendment: Amendment; onClose: () => void }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const move = useEthicsMutation((note: string) => ethicsApi.amendmentStatus(p.id, amendment.id, { status: 'revisions_requested', note }));
  const name = t(amendment.kind === 'consent' ? 'amend.consentNumber' : 'amend.amendmentNumber', { n: amendment.number });
  return (
    <Modal
      open
      title={`${t('amend.revise')} — ${name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('amend.revise')}
      cancelText={t('actions.cancel')}
      confirmLoading={move.isPending}
      okButtonProps={{ 'data-testid': 'ethics-amendment-revise-ok' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="ethics-amendment-revise-form"
        onFinish={(v) =>
          move.mutate(v.note.trim(), {
            onSuccess: () => {
              void message.success(t('amend.done', { status: t('amend.statuses.revisions_requested') }));
              onClose();
            },
            onError: (e) => {
              if (!showFieldError(form, e, t, ['note'])) void message.error(errorMessage(e, t));
            },
          })
        }
      >
        <Form.Item name="note" label={t('actions.reviseNote')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="ethics-amendment-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface FormValues {
  kind: AmendmentKind;
  summary: string;
}

function AmendmentForm({ protocol: p }: { protocol: Protocol }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const amendable = AMENDABLE.includes(p.status);
  const kind = Form.useWatch('kind', form) ?? 'consent';
  const submit = useEthicsMutation((v: AmendmentInput) => submitAmendment(p.id, v));
  const finish = (v: FormValues) => {
    if (v.kind === 'consent' && !file) {
      setFileError(t('amend.fileRequired'));
      return;
    }
    submit.mutate(
      { kind: v.kind, summary: v.summary.trim(), file },
      {
        onSuccess: () => {
          void message.success(t('amend.submitted'));
          form.resetFields(['summary']);
          setFile(null);
          setFileError(null);
        },
        onError: (e) => {
          const field = e instanceof Error && 'field' in e ? (e as { field: string | null }).field : null;
          if (field === 'file' || field === 'filename') setFileError(errorMessage(e, t));
          else if (!showFieldError(form, e, t, ['kind', 'summary'])) void message.error(errorMessage(e, t));
        },
      },
    );
  };
  return (
    <Card size="small" title={t('amend.formTitle')} className="ethics-amend-card">
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'consent', summary: '' }}
        onFinish={finish}
        data-testid="ethics-amendment-form"
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="kind" label={t('amend.kind')} extra={amendable ? undefined : t('amend.amendmentLater')}>
          <Select
            data-testid="ethics-amendment-kind"
            style={{ maxWidth: 280 }}
            options={[
              { value: 'consent', label: t('amend.kinds.consent') },
              { value: 'amendment', label: t('amend.kinds.amendment'), disabled: !amendable },
            ]}
          />
        </Form.Item>
        <Form.Item name="summary" label={t('amend.summary')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t(`amend.summaryHelp.${kind}`)} data-testid="ethics-amendment-summary" />
        </Form.Item>
        <Form.Item
          label={t('amend.file')}
          required={kind === 'consent'}
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? t('amend.fileHelp')}
        >
          <Upload
            accept=".pdf,.docx"
            maxCount={1}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
            onRemove={() => {
              setFile(null);
              return true;
            }}
            beforeUpload={(f) => {
              if (!/\.(pdf|docx)$/i.test(f.name)) setFileError(t('amend.fileType'));
              else if (f.size > MAX_BYTES) setFileError(t('amend.fileTooLarge'));
              else {
                setFile(f);
                setFileError(null);
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="ethics-amendment-upload">
              {t('amend.choose')}
            </Button>
          </Upload>
        </Form.Item>
        {kind === 'consent' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('amend.consentHelp')} />}
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="ethics-amendment-submit">
          {t('amend.submit')}
        </Button>
      </Form>
    </Card>
  );
}
