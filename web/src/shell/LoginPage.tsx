import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from './api';
import { mayOpen } from './AppLayout';
import { errorMessage } from './errors';
import { LanguageSwitch } from './LanguageSwitch';
import { useLogin, useMe } from './session';

interface LoginValues {
  email: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation('shell');
  const [form] = Form.useForm<LoginValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const login = useLogin();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  // Back to the page the session expired on, unless this person may not open it.
  const destination = (roles: readonly string[]) => (mayOpen(target, roles) ? target : '/');
  if (me.data) return <Navigate to={destination(me.data.roles)} replace />;

  const submit = (values: LoginValues) => {
    setFailure(null);
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: ({ me: person }) => navigate(destination(person.roles), { replace: true }),
        onError: (error) => {
          if (error instanceof ApiError) {
            if (error.status === 401) {
              setFailure(t('login.wrongCredentials'));
              form.setFieldValue('password', '');
              return;
            }
            if (error.status === 429) {
              setFailure(error.retryAfterSeconds ? t('login.throttledSeconds', { seconds: error.retryAfterSeconds }) : t('login.throttled'));
              return;
            }
            if (error.status === 422 && (error.field === 'email' || error.field === 'password')) {
              form.setFields([
                {
                  name: error.field,
                  errors: [t(error.field === 'email' ? 'login.emailRequired' : 'login.passwordRequired')],
                },
              ]);
              return;
            }
          }
          setFailure(errorMessage(error, t));
        },
      },
    );
  };

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
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        <Card title={t('login.title')}>
          {failure && <Alert type="error" showIcon title={failure} role="alert" data-testid="login-error" style={{ marginBottom: 16 }} />}
          <Form<LoginValues> form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
            <Form.Item
              name="email"
              label={t('login.email')}
              rules={[
                { required: true, message: t('login.emailRequired') },
                { type: 'email', message: t('login.emailInvalid') },
              ]}
            >
              <Input prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0, textAlign: 'right' }}>
            <Link to="/forgot" data-testid="forgot-link">
              {t('login.forgot')}
            </Link>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
            {t('login.help')}
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
