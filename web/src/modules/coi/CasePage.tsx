// One COI case with everything the committee needs on one page: the person, the project and its
// companies, the company group, the relationships with it and their totals against the
// thresholds; the decision with its measures. Opening it is logged (a read of the declaration).
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { coiApi, useCase, useCoiMutation, type Crossing, type Relationship } from './api';
import { CaseStatusTag, DecisionTag } from './components';
import { DECISIONS, formatYen, type Decision } from './model';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

function FindingsTable({ rows }: { rows: Crossing[] }) {
  const { t } = useTranslation('coi');
  const language = currentLanguage();
  return (
    <Table<Crossing>
      rowKey="category"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { key: 'category', title: t('mine.categoryLabel'), render: (_, c) => t(`category.${c.category}`) },
        { key: 'total', title: t('case.total'), align: 'right', render: (_, c) => formatYen(c.total_yen, language) },
        {
          key: 'threshold',
          title: t('case.threshold'),
          align: 'right',
          render: (_, c) => (c.rule === 'amount' ? formatYen(c.threshold_yen, language) : t(`rule.${c.rule}`)),
        },
        {
          key: 'crossed',
          title: '',
          render: (_, c) => (c.crossed ? <Tag color="red">{t('case.crossed')}</Tag> : <Tag>{t('case.notCrossed')}</Tag>),
        },
      ]}
    />
  );
}

export function CasePage({ me }: { me: Me }) {
  const { t } = useTranslation('coi');
  const language = currentLanguage();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const kase = useCase(id);
  const [form] = Form.useForm<{ decision: Decision; measures: string }>();
  const decide = useCoiMutation((v: { decision: Decision; measures: string }) => coiApi.decide(id, v.decision, v.measures));
  const mayManage = me.roles.includes('office') || me.roles.includes('coi_committee');

  if (kase.isPending) return <Spin />;
  if (kase.isError) return <Result status="warning" title={errorMessage(kase.error, t)} />;
  const c = kase.data;
  const changed = JSON.stringify(c.findings.filter((f) => f.crossed)) !== JSON.stringify(c.current.filter((f) => f.crossed));

  const submit = async (values: { decision: Decision; measures: string }) => {
    try {
      await decide.mutateAsync({ decision: values.decision, measures: values.measures ?? '' });
      void message.success(t('case.decided'));
      void kase.refetch();
    } catch (error) {
      if (!showFieldError(form, error, t, ['decision', 'measures'])) void message.error(errorMessage(error, t));
    }
  };

  return (
    <div className="page">
      {mayManage && (
        <Link to="/coi/management?tab=cases">
          <ArrowLeftOutlined /> {t('case.back')}
        </Link>
      )}
      <PageTitle extra={<CaseStatusTag status={c.status} />}>
        {t('case.title')}: {displayName(c.person, language)} × {displayName(c.organisation, language)}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('case.auditNote')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              {
                key: 'person',
                label: t('case.person'),
                children: `${displayName(c.person, language)}${c.person.organisation ? ` (${displayName(c.person.organisation, language)})` : ''}`,
              },
              {
                key: 'role',
                label: t('case.role'),
                children: c.project.person_role ? t(`projects:role.${c.project.person_role}`, { defaultValue: c.project.person_role }) : '—',
              },
              {
                key: 'project',
                label: t('case.project'),
                span: 2,
                children: <Link to={`/projects/${c.project.id}`}>{displayName({ name_ja: c.project.title_ja, name_en: c.project.title_en }, language)}</Link>,
              },
              {
                key: 'companies',
                label: t('case.companies'),
                span: 2,
                children: (c.project.companies ?? []).map((o) => <Tag key={o.id}>{displayName(o, language)}</Tag>),
              },
              {
                key: 'group',
                label: t('case.group'),
                span: 2,
                children: c.group.map((o) => (
                  <Tag key={o.id} color={o.id === c.organisation.id ? 'blue' : undefined}>
                    {displayName(o, language)}
                  </Tag>
                )),
              },
              { key: 'fy', label: t('mine.year'), children: t('fy', { year: c.fiscal_year }) },
              {
                key: 'declared',
                label: t('manage.declaration'),
                children: c.declaration ? t('case.declaredAt', { at: formatDateTime(c.declaration.updated_at, language) }) : t('case.noDeclaration'),
              },
            ]}
          />
        </Card>

        <Card title={t('case.relationships', { year: c.fiscal_year })}>
          <ResponsiveTable<Relationship>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.relationships}
            data-testid="coi-case-relationships"
            columns={[
              {
                key: 'company',
                title: t('mine.company'),
                render: (_, r) =>
                  r.organisation_id ? (
                    displayName({ name_ja: r.organisation_name_ja, name_en: r.organisation_name_en }, language)
                  ) : (
                    <Space orientation="vertical" size={0}>
                      <span>{r.company_name}</span>
                      {r.resolved_organisation && (
                        <Typography.Text type="secondary">{t('mine.resolved', { name: displayName(r.resolved_organisation, language) })}</Typography.Text>
                      )}
                    </Space>
                  ),
              },
              { key: 'category', title: t('mine.categoryLabel'), render: (_, r) => t(`category.${r.category}`) },
              { key: 'amount', title: t('mine.amount'), align: 'right', render: (_, r) => formatYen(r.amount_yen, language) },
              { key: 'note', title: t('mine.note'), dataIndex: 'note' },
            ]}
          />
        </Card>

        <Card title={t('case.findings')} data-testid="coi-case-findings">
          {changed && <Alert type="warning" showIcon message={t('case.changed')} style={{ marginBottom: 12 }} />}
          <FindingsTable rows={changed ? c.current : c.findings} />
        </Card>

        <Card title={t('case.decision')}>
          {c.decision ? (
            <Space orientation="vertical">
              <DecisionTag decision={c.decision} />
              {c.measures && <div className="pre-wrap">{c.measures}</div>}
              {c.decided_by && (
                <Typography.Text type="secondary">
                  {t('case.decidedBy', { name: displayName(c.decided_by, language), at: formatDateTime(c.decided_at, language) })}
                </Typography.Text>
              )}
            </Space>
          ) : c.may_decide ? (
            <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ decision: 'manageable', measures: '' }}>
              <Form.Item name="decision" label={t('case.decision')} rules={[{ required: true }]}>
                <Radio.Group>
                  {DECISIONS.map((d) => (
                    <Radio.Button key={d} value={d}>
                      {t(`decision.${d}`)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name="measures"
                label={t('case.measures')}
                dependencies={['decision']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: string) =>
                      getFieldValue('decision') === 'manageable' && !value?.trim() ? Promise.reject(new Error(t('case.measuresRequired'))) : Promise.resolve(),
                  }),
                ]}
              >
                <Input.TextArea rows={4} maxLength={4000} placeholder={t('case.measuresPlaceholder')} data-testid="coi-measures" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={decide.isPending} data-testid="coi-decide">
                {t('case.decide')}
              </Button>
            </Form>
          ) : (
            <Typography.Text type="secondary">{c.status === 'open' && c.person.id === me.id ? t('case.ownCase') : t(`status.${c.status}`)}</Typography.Text>
          )}
        </Card>
      </Space>
    </div>
  );
}
