import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, type Me } from './api';
import { PageTitle } from './AppLayout';
import { errorMessage, showFieldError } from './errors';
import { displayName } from './format';
import { currentLanguage } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { RoleTags } from './RoleTags';
import { MailPreferencesCard } from '../modules/mail/MailPreferencesCard';
import { useChangeOwnPassword } from './session';

interface PasswordValues {
  current_password: string;
  new_password: string;
  confirm_password: string;
}

const PASSWORD_FIELDS = ['current_password', 'new_password'] as const;

export function AccountPage({ me }: { me: Me }) {
  const { t } = useTranslation('shell');
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangeOwnPassword();
  const language = currentLanguage();

  const submit = (values: PasswordValues) => {
    change.mutate(
      { current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: () => {
          form.resetFields();
          message.success(t('account.success'));
        },
        onError: (error) => {
          const known: Record<string, string> = {};
          if (error instanceof ApiError && error.field === 'current_password') known.current_password = t('account.currentWrong');
          if (error instanceof ApiError && error.field === 'new_password' && /short|least|8/i.test(error.message)) known.new_password = t('account.tooShort');
          if (!showFieldError(form, error, t, PASSWORD_FIELDS, known)) message.error(errorMessage(error, t));
        },
      },
    );
  };

  return (
    <div className="page">
      <PageTitle>{t('account.title')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 150 } }}
              items={[
                { key: 'name', label: t('account.name'), children: me.name_ja },
                { key: 'kana', label: t('account.nameKana'), children: me.name_kana },
                { key: 'en', label: t('account.nameEn'), children: me.name_en },
                { key: 'email', label: t('account.email'), children: me.email },
                { key: 'org', label: t('account.organisation'), children: displayName(me.organisation, language) || t('common.none') },
                { key: 'roles', label: t('account.roles'), children: <RoleTags roles={me.roles} empty={t('common.none')} /> },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('account.profileHint')}
            </Typography.Paragraph>
          </Card>
          <Card title={t('account.language')} style={{ marginTop: 16 }}>
            <LanguageSwitch />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('account.languageHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.passwordTitle')}>
            <Form<PasswordValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
              <input type="text" name="username" autoComplete="username" value={me.email} readOnly hidden />
              <Form.Item name="current_password" label={t('account.currentPassword')} rules={[{ required: true, message: t('account.currentRequired') }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="new_password"
                label={t('account.newPassword')}
                rules={[
                  { required: true, message: t('account.newRequired') },
                  { min: 8, message: t('account.tooShort') },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm_password"
                label={t('account.confirmPassword')}
                dependencies={['new_password']}
                rules={[
                  { required: true, message: t('account.newRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      !value || getFieldValue('new_password') === value ? Promise.resolve() : Promise.reject(new Error(t('account.mismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={change.isPending}>
                {t('account.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
      <MailPreferencesCard />
    </div>
  );
}
