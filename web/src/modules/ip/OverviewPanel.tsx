// 概要: the disclosure (summary, dates, the project and its joint research agreement) and the
// inventors with their shares, employer and affiliation; the inventors and the office correct it
// until the office decides.
import { App, Button, Descriptions, Empty, Form, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { ipApi, useIpMutation, type Invention, type InventionInput, type Inventor } from './api';
import { InventionFields, INVENTION_FIELDS, toInventionInput, type InventionValues } from './InventionFields';
import { titleOf } from './model';

export function OverviewPanel({ invention: inv }: { invention: Invention }) {
  const { t } = useTranslation('ip');
  const language = currentLanguage();
  const [editing, setEditing] = useState(false);
  if (editing && inv.may.edit) return <EditForm invention={inv} onDone={() => setEditing(false)} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {inv.may.edit && (
        <div>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="ip-edit">
            {t('overview.edit')}
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {t('overview.editHelp')}
          </Typography.Text>
        </div>
      )}
      <Descriptions
        bordered
        size="small"
        column={1}
        className="ip-fields"
        items={[
          {
            key: 'project',
            label: t('columns.project'),
            children: <Link to={`/projects/${inv.project_id}`}>{titleOf({ title_ja: inv.project_title_ja, title_en: inv.project_title_en }, language)}</Link>,
          },
          {
            key: 'contract',
            label: t('page.contract'),
            children: inv.contract_id ? (
              <Link to={`/contracts/${inv.contract_id}`} data-testid="ip-contract-link">
                {t('page.contractLink')}
              </Link>
            ) : (
              <Typography.Text type="secondary">{t('page.noContract')}</Typography.Text>
            ),
          },
          { key: 'conceived', label: t('form.conceivedOn'), children: inv.conceived_on ?? '—' },
          { key: 'disclosed', label: t('form.disclosedOn'), children: inv.disclosed_on ?? t('overview.notDisclosed') },
          { key: 'created', label: t('overview.created'), children: formatDateTime(inv.created_at, language) },
          {
            key: 'summary',
            label: t('form.summary'),
            children: inv.summary ? (
              <div className="pre-wrap ip-wrap">{inv.summary}</div>
            ) : (
              <Typography.Text type="secondary">{t('overview.noSummary')}</Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('form.inventors')}
      </Typography.Title>
      <ResponsiveTable<Inventor>
        rowKey={(i) => i.person.id}
        size="small"
        pagination={false}
        dataSource={inv.inventors}
        cardTestId="ip-inventor-card"
        data-testid="ip-inventors-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noInventors')} /> }}
        columns={[
          { key: 'name', title: t('columns.person'), card: 'title', render: (_, i) => displayName(i.person, language) },
          { key: 'share', title: t('columns.share'), align: 'right', render: (_, i) => `${i.share_percent}%` },
          { key: 'employer', title: t('columns.employer'), render: (_, i) => t(`employers.${i.employer}`) },
          { key: 'affiliation', title: t('columns.affiliation'), render: (_, i) => <span className="ip-wrap">{i.affiliation || '—'}</span> },
        ]}
      />
    </Space>
  );
}

function EditForm({ invention: inv, onDone }: { invention: Invention; onDone: () => void }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const [form] = Form.useForm<InventionValues>();
  const save = useIpMutation((body: InventionInput) => ipApi.update(inv.id, body));
  const initial: InventionValues = {
    title: inv.title,
    summary: inv.summary,
    conceived_on: inv.conceived_on ?? undefined,
    disclosed_on: inv.disclosed_on ?? undefined,
    inventors: inv.inventors.map((i) => ({
      person_id: i.person.id,
      name_ja: i.person.name_ja,
      name_en: i.person.name_en,
      share_percent: i.share_percent,
      employer: i.employer,
    })),
  };
  return (
    <Form<InventionValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      style={{ maxWidth: 760 }}
      data-testid="ip-edit-form"
      onFinish={(v) =>
        save.mutate(toInventionInput(v), {
          onSuccess: () => {
            void message.success(t('form.saved'));
            onDone();
          },
          onError: (e) => {
            if (!showFieldError(form, e, t, INVENTION_FIELDS)) void message.error(errorMessage(e, t));
          },
        })
      }
    >
      <InventionFields />
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="ip-edit-save">
          {t('form.save')}
        </Button>
        <Button onClick={onDone}>{t('form.cancel')}</Button>
      </Space>
    </Form>
  );
}
