// A forgotten password: ask for a link (/forgot), then set a new password from it (/reset/:token).
// The first page says the same whether or not the address exists.
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { finishPasswordReset, requestPasswordReset } from './api';

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation('shell');
  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <div className="login-box">
        <div className="login-brand">
          <div className="brand-mark" aria-hidden>
            連
          </div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
        </div>
        <Card title={title}>{children}</Card>
      </div>
    </div>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation('mail');
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ email }: { email: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) setFailure(t('forgot.throttled'));
      else setFailure(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame title={t('forgot.title')}>
      {sent ? (
        <Result status="success" title={t('forgot.sentTitle')} subTitle={t('forgot.sent')} extra={<Link to="/login">{t('backToLogin')}</Link>} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('forgot.intro')}</Typography.Paragraph>
          {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />}
          <Form<{ email: string }> layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
            <Form.Item
              name="email"
              label={t('forgot.email')}
              rules={[
                { required: true, message: t('forgot.emailRequired') },
                { type: 'email', message: t('forgot.emailInvalid') },
              ]}
            >
              <Input prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('forgot.submit')}
            </Button>
          </Form>
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
            <Link to="/login">{t('backToLogin')}</Link>
          </Typography.Paragraph>
        </>
      )}
    </Frame>
  );
}

interface ResetValues {
  password: string;
  confirm: string;
}

export function ResetPasswordPage() {
  const { t } = useTranslation('mail');
  const { token = '' } = useParams();
  const [form] = Form.useForm<ResetValues>();
  const [done, setDone] = useState(false);
  const [invalidLink, setInvalidLink] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ password }: ResetValues) => {
    setBusy(true);
    setFailure(null);
    try {
      await finishPasswordReset(token, password);
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.field === 'token') setInvalidLink(true);
      else if (error instanceof ApiError && error.field === 'password') form.setFields([{ name: 'password', errors: [t('reset.tooShort')] }]);
      else setFailure(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Frame title={t('reset.title')}>
        <Result status="success" title={t('reset.doneTitle')} subTitle={t('reset.done')} extra={<Link to="/login">{t('backToLogin')}</Link>} />
      </Frame>
    );
  if (invalidLink)
    return (
      <Frame title={t('reset.title')}>
        <Result status="warning" title={t('reset.invalidTitle')} subTitle={t('reset.invalid')} extra={<Link to="/forgot">{t('reset.askAgain')}</Link>} />
      </Frame>
    );
  return (
    <Frame title={t('reset.title')}>
      {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />}
      <Form<ResetValues> form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item
          name="password"
          label={t('reset.password')}
          rules={[
            { required: true, message: t('reset.required') },
            { min: 8, message: t('reset.tooShort') },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" autoFocus size="large" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('reset.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('reset.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('reset.mismatch')))),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('reset.submit')}
        </Button>
      </Form>
    </Frame>
  );
}
