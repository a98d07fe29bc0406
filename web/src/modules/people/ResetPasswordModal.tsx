import { App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useResetPassword } from './api';

/** The admin sets a new password for someone who has forgotten theirs. */
export function ResetPasswordModal({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const { t } = useTranslation(['people', 'shell']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();
  const name = displayName(person, currentLanguage());

  useEffect(() => {
    if (person) form.resetFields();
  }, [person, form]);

  return (
    <Modal
      open={person !== null}
      title={t('resetPassword.title')}
      okText={t('resetPassword.submit')}
      cancelText={t('personForm.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      forceRender
    >
      <Typography.Paragraph>{t('resetPassword.intro', { name })}</Typography.Paragraph>
      <Form<{ password: string }>
        form={form}
        layout="vertical"
        name="reset-password"
        onFinish={({ password }) => {
          if (!person) return;
          reset.mutate(
            { id: person.id, password },
            {
              onSuccess: () => {
                message.success(t('resetPassword.done', { name }));
                onClose();
              },
              onError: (error) => {
                if (!showFieldError(form, error, t, ['password'])) message.error(errorMessage(error, t));
              },
            },
          );
        }}
      >
        <Form.Item
          name="password"
          label={t('resetPassword.password')}
          rules={[
            { required: true, message: t('personForm.passwordRequired') },
            { min: 8, message: t('personForm.passwordTooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
