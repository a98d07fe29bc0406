// The office records confidentiality agreements as person–company grants with a term (until the
// contracts module exists), and revokes them.
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import './exchange.css';
import type { Person } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useOrganisations, usePeople } from '../people/api';
import { useCreateGrant, useGrants, useRevokeGrant, type Grant } from './api';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

interface GrantValues {
  person_id: string;
  company_id: string;
  term: [Dayjs, Dayjs];
  note: string;
}

/** The start of a Tokyo day and the end of another, as RFC 3339 instants. */
export function termToInstants(start: string, end: string): { starts_at: string; ends_at: string } {
  return { starts_at: `${start}T00:00:00+09:00`, ends_at: `${end}T23:59:59+09:00` };
}

export function GrantsPage() {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const language = currentLanguage();
  const grants = useGrants();
  const people = usePeople({});
  const organisations = useOrganisations('all');
  const create = useCreateGrant();
  const revoke = useRevokeGrant();
  const [form] = Form.useForm<GrantValues>();
  const personById = useMemo(() => new Map((people.data ?? []).map((p: Person) => [p.id, p])), [people.data]);
  const orgById = useMemo(() => new Map((organisations.data ?? []).map((o) => [o.id, o])), [organisations.data]);
  const companies = (organisations.data ?? []).filter((o) => o.kind === 'company');

  const columns = [
    { title: t('grants.person'), key: 'person', render: (_: unknown, g: Grant) => displayName(personById.get(g.person_id), language) || g.person_id },
    { title: t('grants.company'), key: 'company', render: (_: unknown, g: Grant) => displayName(orgById.get(g.company_id), language) || g.company_id },
    {
      title: t('grants.term'),
      key: 'term',
      render: (_: unknown, g: Grant) => `${formatDateTime(g.starts_at, language).slice(0, 10)} – ${formatDateTime(g.ends_at, language).slice(0, 10)}`,
    },
    { title: t('grants.note'), dataIndex: 'note', key: 'note' },
    {
      title: t('grants.state'),
      key: 'state',
      render: (_: unknown, g: Grant) =>
        g.revoked_at ? (
          <Tag>{t('grants.revoked')}</Tag>
        ) : g.active ? (
          <Tag color="green">{t('grants.active')}</Tag>
        ) : (
          <Tag color="orange">{t('grants.inactive')}</Tag>
        ),
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, g: Grant) =>
        !g.revoked_at && (
          <Popconfirm
            title={t('grants.revokeConfirm')}
            onConfirm={() =>
              revoke.mutate(g.id, { onSuccess: () => void message.success(t('grants.revokedDone')), onError: (e) => void message.error(errorMessage(e, t)) })
            }
          >
            <Button size="small" danger>
              {t('grants.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div className="page ex-page">
      <PageTitle>{t('grants.title')}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('grants.help')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ term: [dayjs(), dayjs().add(1, 'year')] }}
          onFinish={(values) =>
            create.mutate(
              {
                person_id: values.person_id,
                company_id: values.company_id,
                ...termToInstants(values.term[0].format('YYYY-MM-DD'), values.term[1].format('YYYY-MM-DD')),
                note: (values.note ?? '').trim(),
              },
              {
                onSuccess: () => {
                  void message.success(t('grants.created'));
                  form.resetFields();
                },
                onError: (error) => {
                  if (!showFieldError(form, error, t, ['person_id', 'company_id', 'note'])) void message.error(errorMessage(error, t));
                },
              },
            )
          }
        >
          <div className="ex-filters" style={{ alignItems: 'flex-start' }}>
            <Form.Item name="person_id" label={t('grants.person')} rules={[{ required: true, message: t('grants.required') }]} style={{ minWidth: 220 }}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(people.data ?? []).map((p) => ({ value: p.id, label: `${displayName(p, language)} (${p.email})` }))}
              />
            </Form.Item>
            <Form.Item name="company_id" label={t('grants.company')} rules={[{ required: true, message: t('grants.required') }]} style={{ minWidth: 220 }}>
              <Select options={companies.map((c) => ({ value: c.id, label: displayName(c, language) }))} />
            </Form.Item>
            <Form.Item name="term" label={t('grants.term')} rules={[{ required: true, message: t('grants.required') }]}>
              <DatePicker.RangePicker allowClear={false} />
            </Form.Item>
            <Form.Item name="note" label={t('grants.note')} style={{ minWidth: 240, flex: 1 }}>
              <Input maxLength={500} />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('grants.add')}
          </Button>
        </Form>
      </Card>
      <Card>
        <ResponsiveTable
          rowKey="id"
          size="small"
          loading={grants.isPending}
          dataSource={grants.data ?? []}
          columns={columns}
          locale={{ emptyText: t('grants.empty') }}
          pagination={false}
          scroll={{ x: true }}
        />
      </Card>
    </div>
  );
}
