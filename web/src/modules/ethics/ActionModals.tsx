// The status changes of a protocol. 確認して提出 opens one modal that already shows the key fields
// and the generated application to download, and whose OK submits (open → 確認して提出 → 提出する:
// three clicks from the list). The committee's and the investigators' other steps each ask only
// for what the server needs (a note, an approval number, a date, the jRCT registration).
import { Alert, App, Button, Form, Input, Modal, Space, Spin, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/DateField';
import { errorMessage, showFieldError } from '../../shell/errors';
import { ethicsApi, generateApplication, useEthicsMutation, type DownloadedFile, type Protocol, type StatusInput } from './api';
import { KeyFields } from './KeyFields';
import { ACTION_TARGET, missingForSubmit, tokyoToday, type Action } from './model';

/** An object URL for a generated file, let go a minute after the component no longer shows it. */
function useObjectUrl(file: DownloadedFile | null) {
  const url = useMemo(() => (file ? URL.createObjectURL(file.blob) : null), [file]);
  useEffect(
    () => () => {
      if (url) setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    [url],
  );
  return url;
}

/** A link with the download attribute to a generated file (the browser saves it under its name). */
export function FileLink({ file, testId }: { file: DownloadedFile | null; testId?: string }) {
  const { t } = useTranslation('ethics');
  const url = useObjectUrl(file);
  if (!file || !url) return null;
  return (
    <a href={url} download={file.filename} data-testid={testId} className="ethics-wrap">
      <DownloadOutlined /> {t('application.download')} ({file.filename})
    </a>
  );
}

export function SubmitModal({ protocol, onClose }: { protocol: Protocol; onClose: () => void }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const [file, setFile] = useState<DownloadedFile | null>(null);
  const [generating, setGenerating] = useState(true);
  const [failed, setFailed] = useState<string | null>(null);
  const move = useEthicsMutation((body: StatusInput) => ethicsApi.move(protocol.id, body));
  const missing = missingForSubmit(protocol);
  const missingLabels: Record<string, string> = {
    title_ja: t('form.titleJa'),
    committee_id: t('form.committee'),
    planned_start: t('form.plannedStart'),
    planned_end: t('form.plannedEnd'),
  };
  useEffect(() => {
    let live = true;
    generateApplication(protocol.id)
      .then((f) => live && setFile(f))
      .catch((e: unknown) => live && setFailed(errorMessage(e, t)))
      .finally(() => live && setGenerating(false));
    return () => {
      live = false;
    };
  }, [protocol.id, t]);
  const submit = () =>
    move.mutate(
      { status: 'submitted' },
      {
        onSuccess: () => {
          void message.success(t('application.submitted'));
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <Modal
      open
      title={t('application.submitTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('application.submitOk')}
      cancelText={t('actions.cancel')}
      confirmLoading={move.isPending}
      okButtonProps={{ disabled: missing.length > 0, 'data-testid': 'ethics-submit-ok' }}
      width={720}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ethics-submit-modal">
        {missing.length > 0 && <Alert type="warning" showIcon title={t('application.missing', { fields: missing.map((m) => missingLabels[m]).join('、') })} />}
        <Alert
          type="info"
          icon={<FileWordOutlined />}
          showIcon
          title={t('application.submitHelp')}
          description={
            <>
              {generating && <Spin size="small" />}
              <FileLink file={file} testId="ethics-application-link" />
              {failed && <Typography.Text type="danger">{failed}</Typography.Text>}
            </>
          }
        />
        <KeyFields protocol={protocol} />
      </Space>
    </Modal>
  );
}

interface ActionValues {
  note?: string;
  on?: string;
  approval_no?: string;
  jrct_id?: string;
  jrct_registered_on?: string;
}

const ACTION_LABEL: Record<Action, string> = {
  submit: 'application.submit',
  revise: 'actions.revise',
  approve: 'actions.approve',
  suspend: 'actions.suspend',
  resume: 'actions.resume',
  start: 'actions.start',
  complete: 'actions.complete',
  withdraw: 'actions.withdraw',
};

export const actionLabelKey = (a: Action) => ACTION_LABEL[a];

export function ActionModal({ protocol, action, onClose }: { protocol: Protocol; action: Action; onClose: () => void }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState(false);
  const move = useEthicsMutation((body: StatusInput) => ethicsApi.move(protocol.id, body));
  const patch = useEthicsMutation((body: { jrct_id?: string; jrct_registered_on?: string | null }) => ethicsApi.update(protocol.id, body));
  const status = ACTION_TARGET[action];
  const jrct = action === 'start' && protocol.category === 'specified_clinical';
  const withDate = action === 'approve' || action === 'start' || action === 'complete';

  const finish = async (v: ActionValues) => {
    setBusy(true);
    try {
      if (jrct && (v.jrct_id !== protocol.jrct_id || (v.jrct_registered_on || null) !== protocol.jrct_registered_on)) {
        await patch.mutateAsync({ jrct_id: v.jrct_id ?? '', jrct_registered_on: v.jrct_registered_on || null });
      }
      const body: StatusInput = { status };
      if (v.note?.trim()) body.note = v.note.trim();
      if (v.on) body.on = v.on;
      if (v.approval_no?.trim()) body.approval_no = v.approval_no.trim();
      await move.mutateAsync(body);
      void message.success(t('actions.done', { status: t(`statuses.${status}`) }));
      onClose();
    } catch (e) {
      const messages: Record<string, string> = {};
      if (!showFieldError(form, e, t, ['note', 'on', 'approval_no', 'jrct_id', 'jrct_registered_on'], messages)) void message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(ACTION_LABEL[action])}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(ACTION_LABEL[action])}
      cancelText={t('actions.cancel')}
      okButtonProps={{ danger: action === 'withdraw' || action === 'suspend', 'data-testid': 'ethics-action-ok' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<ActionValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void finish(v)}
        initialValues={{ on: tokyoToday(), jrct_id: protocol.jrct_id, jrct_registered_on: protocol.jrct_registered_on ?? undefined }}
        data-testid={`ethics-action-${action}`}
      >
        {action === 'withdraw' && <Alert type="warning" showIcon title={t('actions.withdrawConfirm')} style={{ marginBottom: 12 }} />}
        {action === 'approve' && (
          <Form.Item name="approval_no" label={t('actions.approvalNo')}>
            <Input maxLength={60} data-testid="ethics-approval-no" />
          </Form.Item>
        )}
        {jrct && (
          <>
            <Alert type="info" showIcon title={t('actions.startJrctHelp')} style={{ marginBottom: 12 }} />
            <Form.Item name="jrct_id" label={t('form.jrctId')}>
              <Input maxLength={40} data-testid="ethics-jrct-id" />
            </Form.Item>
            <Form.Item name="jrct_registered_on" label={t('form.jrctOn')}>
              <DateField data-testid="ethics-jrct-on" />
            </Form.Item>
          </>
        )}
        {withDate && (
          <Form.Item
            name="on"
            label={t(action === 'approve' ? 'actions.approvedOn' : action === 'start' ? 'actions.startedOn' : 'actions.completedOn')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <DateField />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t(action === 'revise' ? 'actions.reviseNote' : 'actions.note')}
          rules={action === 'revise' ? [{ required: true, whitespace: true, message: t('form.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="ethics-action-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ActionButton({ action, onClick }: { action: Action; onClick: () => void }) {
  const { t } = useTranslation('ethics');
  return (
    <Button
      type={action === 'submit' || action === 'approve' ? 'primary' : 'default'}
      danger={action === 'withdraw'}
      onClick={onClick}
      data-testid={`ethics-action-${action}-button`}
    >
      {t(ACTION_LABEL[action])}
    </Button>
  );
}
