// 発明を届け出る: the disclosure form of a project, prefilled as the server would fill it — the
// project's title, and its members (the company lead and coordinators aside) as inventors with even
// shares — so the discloser sees and corrects what will be sent.
import { App, Alert, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage, showFieldError } from '../../shell/errors';
import type { Project } from '../projects/api';
import { ipApi, useIpMutation, type InventionInput } from './api';
import { InventionFields, INVENTION_FIELDS, toInventionInput, type InventionValues } from './InventionFields';
import { prefillInventors } from './model';

export function DiscloseModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<InventionValues>();
  const disclose = useIpMutation((body: InventionInput) => ipApi.disclose(body));
  const initial: InventionValues = {
    title: project.title_ja || project.title_en,
    summary: '',
    inventors: prefillInventors(project.members ?? []),
  };
  const submit = (v: InventionValues) =>
    disclose.mutate(
      { project_id: project.id, ...toInventionInput(v) },
      {
        onSuccess: (inv) => {
          void message.success(t('disclose.done'));
          onClose();
          void navigate(`/ip/inventions/${inv.id}`);
        },
        onError: (e) => {
          if (!showFieldError(form, e, t, INVENTION_FIELDS)) void message.error(errorMessage(e, t));
        },
      },
    );
  return (
    <Modal
      open
      title={t('disclose.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('disclose.submit')}
      cancelText={t('form.cancel')}
      confirmLoading={disclose.isPending}
      okButtonProps={{ 'data-testid': 'ip-disclose-ok' }}
      destroyOnHidden
      width={720}
    >
      <Alert type="info" showIcon title={t('disclose.help')} style={{ marginBottom: 12 }} />
      <Form<InventionValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="ip-disclose-form">
        <InventionFields />
      </Form>
    </Modal>
  );
}
