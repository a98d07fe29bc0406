// Tiered disclosure (docs/exchange.md): the teaser page with "詳細を見る (NDA を依頼)" for whoever
// may not read a confidential need's or seed's details, and the owner's teaser editor.
import { FileProtectOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { AREAS, teaserTitle, useRequestDetails, useSaveNeed, useSaveSeed, type Teaser, type TeaserItem } from './api';
import { AreaTag, TeaserLockTag, TypeTag } from './components';

/** "詳細を見る (NDA を依頼)", or once asked, the way to the NDA the office is preparing. */
export function RequestDetailsButton({ item }: { item: TeaserItem }) {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const request = useRequestDetails();
  if (item.disclosure_request)
    return (
      <Link to={item.disclosure_request.link}>
        <Button icon={<FileProtectOutlined />} data-testid="details-requested">
          {t('disclosure.requested')}
        </Button>
      </Link>
    );
  return (
    <>
      <Button type="primary" icon={<LockOutlined />} onClick={() => setOpen(true)} data-testid="request-details">
        {t('disclosure.request')}
      </Button>
      <Modal
        open={open}
        title={t('disclosure.requestTitle')}
        okText={t('disclosure.requestOk')}
        confirmLoading={request.isPending}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'request-details-ok' }}
        onOk={() =>
          request.mutate(
            { type: item.type, id: item.id },
            {
              onSuccess: () => {
                setOpen(false);
                void message.success(t('disclosure.requestSent'));
              },
              onError: (error) => {
                setOpen(false);
                void message.error(errorMessage(error, t));
              },
            },
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph>{t('disclosure.requestHelp')}</Typography.Paragraph>
      </Modal>
    </>
  );
}

/** The page of a confidential need or seed for someone who sees only its teaser. */
export function TeaserPage({ item }: { item: TeaserItem }) {
  const { t } = useTranslation('exchange');
  const language = currentLanguage();
  return (
    <div className="page ex-page" data-testid="teaser-page">
      <PageTitle extra={item.status === 'open' ? <RequestDetailsButton item={item} /> : undefined}>
        <span data-testid="detail-title">
          <LockOutlined /> {teaserTitle(item.teaser, language)}
        </span>
      </PageTitle>
      <Card className="ex-teaser-card">
        <Space wrap size={4} style={{ marginBottom: 12 }}>
          <TypeTag type={item.type} />
          <TeaserLockTag />
          <AreaTag area={item.teaser.area} />
          {item.teaser.kind && <Tag>{item.teaser.kind}</Tag>}
        </Space>
        <Typography.Paragraph className="ex-pre" data-testid="teaser-body">
          {item.teaser.body}
        </Typography.Paragraph>
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined />}
          title={item.disclosure_request ? t('disclosure.waiting') : t('disclosure.explain')}
          data-testid="teaser-note"
        />
      </Card>
    </div>
  );
}

/**
 * The owner's (and for a need the office's) teaser: whether the item is confidential, and what
 * everyone else sees of it. Without a teaser a confidential item stays hidden from them.
 */
export function TeaserEditor({
  type,
  id,
  confidential,
  teaser,
  mayMarkConfidential = true,
}: {
  type: 'need' | 'seed';
  id: string;
  confidential: boolean;
  teaser: Teaser | null | undefined;
  mayMarkConfidential?: boolean;
}) {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const [form] = Form.useForm<Teaser & { confidential: boolean }>();
  const saveNeed = useSaveNeed(type === 'need' ? id : undefined);
  const saveSeed = useSaveSeed(type === 'seed' ? id : undefined);
  const save = type === 'need' ? saveNeed : saveSeed;
  const isConfidential = Form.useWatch('confidential', form) ?? confidential;
  const empty: Teaser = { title_ja: '', title_en: '', body: '', area: '', kind: '' };
  return (
    <Card
      size="small"
      title={
        <>
          <LockOutlined /> {t('disclosure.editorTitle')}
        </>
      }
      data-testid="teaser-editor"
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ confidential, ...empty, ...(teaser ?? {}) }}
        onFinish={(values) => {
          const written: Teaser = {
            title_ja: values.title_ja ?? '',
            title_en: values.title_en ?? '',
            body: values.body ?? '',
            area: values.area ?? '',
            kind: values.kind ?? '',
          };
          const body = { confidential: values.confidential, teaser: written.title_ja.trim() ? written : null };
          save.mutate(body, {
            onSuccess: () => void message.success(t('disclosure.saved')),
            onError: (error) => {
              // The server names teaser.<field>; the form's fields are the teaser's own names.
              if (error instanceof ApiError && error.field?.startsWith('teaser.')) {
                form.setFields([
                  { name: error.field.slice('teaser.'.length) as keyof Teaser, errors: [t('shell:errors.invalid', { message: error.message })] },
                ]);
                return;
              }
              if (!showFieldError(form, error, t, ['confidential'])) void message.error(errorMessage(error, t));
            },
          });
        }}
      >
        <Form.Item name="confidential" label={t('disclosure.confidential')} valuePropName="checked">
          <Switch disabled={!mayMarkConfidential} data-testid="teaser-confidential" />
        </Form.Item>
        {isConfidential && (
          <>
            <Typography.Paragraph type="secondary">{t('disclosure.editorHelp')}</Typography.Paragraph>
            {!teaser && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('disclosure.noTeaser')} />}
            <Form.Item name="title_ja" label={t('disclosure.titleJa')} rules={[{ max: 120 }]}>
              <Input maxLength={120} data-testid="teaser-title-ja" />
            </Form.Item>
            <Form.Item name="title_en" label={t('disclosure.titleEn')} rules={[{ max: 200 }]}>
              <Input maxLength={200} data-testid="teaser-title-en" />
            </Form.Item>
            <Form.Item name="body" label={t('disclosure.body')} rules={[{ max: 600 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={600} data-testid="teaser-body-input" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="area" label={t('disclosure.area')}>
                <Select
                  style={{ minWidth: 200 }}
                  options={[{ value: '', label: t('needForm.areaUnknown') }, ...AREAS.map((a) => ({ value: a, label: t(`areas.${a}`) }))]}
                />
              </Form.Item>
              <Form.Item name="kind" label={t('disclosure.kind')} rules={[{ max: 40 }]}>
                <Input maxLength={40} />
              </Form.Item>
            </Space>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="teaser-save">
          {t('disclosure.save')}
        </Button>
      </Form>
    </Card>
  );
}
