// "My expertise profile" (free text and keywords), and anyone's profile with their open items.
import { App, Button, Card, Descriptions, Form, Input, Result, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { RoleTags } from '../../shell/RoleTags';
import { useProfile, useSaveProfile, useSearch } from './api';
import { HitList } from './components';

export function ProfilePage({ me }: { me: Me }) {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const profile = useProfile(me.id);
  const save = useSaveProfile(me.id);
  const [form] = Form.useForm<{ expertise: string; keywords: string[] }>();

  useEffect(() => {
    if (profile.data) form.setFieldsValue({ expertise: profile.data.expertise, keywords: profile.data.keywords });
  }, [form, profile.data]);

  return (
    <div className="page ex-page">
      <PageTitle>{t('profile.title')}</PageTitle>
      <Card className="ex-form">
        <Typography.Paragraph type="secondary">{t('profile.help')}</Typography.Paragraph>
        {profile.isPending ? (
          <Skeleton active />
        ) : (
          <Form
            form={form}
            layout="vertical"
            onFinish={(values) =>
              save.mutate(
                { expertise: (values.expertise ?? '').trim(), keywords: values.keywords ?? [] },
                {
                  onSuccess: () => void message.success(t('profile.saved')),
                  onError: (error) => {
                    if (!showFieldError(form, error, t, ['expertise', 'keywords'])) void message.error(errorMessage(error, t));
                  },
                },
              )
            }
          >
            <Form.Item name="expertise" label={t('profile.expertise')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder={t('profile.expertisePlaceholder')} data-testid="profile-expertise" />
            </Form.Item>
            <Form.Item name="keywords" label={t('profile.keywords')}>
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                tokenSeparators={[',', '、', '，']}
                placeholder={t('profile.keywordsPlaceholder')}
                data-testid="profile-keywords"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
              {t('profile.save')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}

/** Someone's profile: expertise, keywords, and what they have posted. */
export function PersonProfilePage() {
  const { id } = useParams();
  const { t } = useTranslation('exchange');
  const language = currentLanguage();
  const profile = useProfile(id);
  const items = useSearch({ author_id: id, limit: 50 });
  if (profile.isPending) return <Skeleton active />;
  if (profile.isError) return <Result status="warning" title={errorMessage(profile.error, t)} />;
  const p = profile.data;
  return (
    <div className="page ex-page">
      <PageTitle>{displayName(p, language)}</PageTitle>
      <Card>
        <Descriptions
          column={1}
          items={[
            { key: 'roles', label: ' ', children: <RoleTags roles={p.roles} empty="" /> },
            { key: 'expertise', label: t('detail.expertise'), children: <span className="ex-pre">{p.expertise || t('detail.empty')}</span> },
            {
              key: 'keywords',
              label: t('detail.keywords'),
              children: p.keywords.length ? (
                <Space wrap size={4}>
                  {p.keywords.map((k) => (
                    <Tag key={k}>{k}</Tag>
                  ))}
                </Space>
              ) : (
                t('detail.empty')
              ),
            },
          ]}
        />
        <HitList hits={items.data?.items.filter((hit) => hit.type !== 'profile')} loading={items.isPending} empty={t('browse.empty')} />
      </Card>
    </div>
  );
}
