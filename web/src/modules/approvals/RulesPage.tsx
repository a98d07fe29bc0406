// The office's approval rules (稟議の承認ルート): for each kind of subject (contracts by type,
// budget changes), amount bands in yen and the ordered approvers of each — a named person, any
// holder of a role other than whoever prepared it, or the steering committee. The committee and
// admins read; the office and admins change them. A band may not overlap another of the same
// kind and type (the server answers 422 naming amount_from or amount_to).
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { ArrowRightOutlined, DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { PersonSelect } from '../projects/components';
import { APPROVERS, SUBJECT_KINDS, useDeleteRule, useRules, useSaveRule, type Rule, type RuleStep } from './api';
import { bandLabel, overlaps, ruleFromForm, sortRules } from './logic';

const CONTRACT_TYPES = ['nda', 'joint_research', 'mta', 'collaboration_fee', 'consulting', 'licence'];
const ROLES = ['office', 'admin', 'committee', 'clinician', 'researcher', 'company_researcher', 'coi_committee'];

function StepChain({ steps }: { steps: RuleStep[] }) {
  const { t } = useTranslation('approvals');
  const language = currentLanguage();
  return (
    <Space wrap size={4}>
      {steps.map((s, i) => (
        <Space key={i} size={4}>
          {i > 0 && <ArrowRightOutlined style={{ color: '#999' }} />}
          <Tag color={s.approver === 'committee' ? 'purple' : s.approver === 'person' ? 'blue' : 'default'}>
            {language === 'en' && s.label_en ? s.label_en : s.label_ja}
            {s.approver === 'person' && s.person && `（${displayName(s.person, language)}）`}
            {s.approver === 'role' && s.role && `（${t(`roles.${s.role}`)}）`}
          </Tag>
        </Space>
      ))}
    </Space>
  );
}

function RuleModal({ rule, rules, onClose }: { rule: Rule | 'new'; rules: Rule[]; onClose: () => void }) {
  const { t } = useTranslation('approvals');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveRule();
  const editing = rule === 'new' ? null : rule;
  const initial = editing
    ? {
        ...editing,
        steps: editing.steps.map((s) => ({ ...s, person_id: s.person?.id })),
      }
    : {
        kind: 'contract',
        subject_type: '',
        amount_from: 0,
        amount_to: null,
        note: '',
        steps: [{ label_ja: '', label_en: '', approver: 'role', role: 'office' }],
      };
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const submit = (values: Parameters<typeof ruleFromForm>[0]) => {
    const body = ruleFromForm(values);
    const clash = rules.find((r) => r.id !== editing?.id && overlaps(body, r));
    if (clash) {
      form.setFields([{ name: 'amount_from', errors: [t('overlaps', { band: bandLabel(clash.amount_from, clash.amount_to, currentLanguage()) })] }]);
      return;
    }
    save.mutate(
      { id: editing?.id, body },
      {
        onSuccess: () => {
          void message.success(t('saved'));
          onClose();
        },
        onError: (e) => {
          if (!showFieldError(form, e, t, ['kind', 'subject_type', 'amount_from', 'amount_to', 'steps', 'note'])) void message.error(errorMessage(e, t));
        },
      },
    );
  };
  return (
    <Modal
      open
      title={editing ? t('edit') : t('add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('save')}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="rule-form">
        <Space wrap>
          <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={SUBJECT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="subject_type" label={t('field.type')}>
            <Select
              style={{ width: 220 }}
              data-testid="rule-type"
              options={[
                { value: '', label: t('anyType') },
                ...(kind === 'contract' ? CONTRACT_TYPES.map((c) => ({ value: c, label: t(`contractTypes.${c}`) })) : []),
              ]}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="amount_from" label={t('field.from')} rules={[{ required: true }]}>
            <InputNumber min={0} step={1000000} style={{ width: 200 }} addonAfter="円" data-testid="rule-from" />
          </Form.Item>
          <Form.Item name="amount_to" label={t('field.to')} extra={t('toHint')}>
            <InputNumber min={1} step={1000000} style={{ width: 200 }} addonAfter="円" data-testid="rule-to" />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('field.steps')}</Typography.Title>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('stepN', { n: i + 1 })}
                  extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                >
                  <Space wrap align="start">
                    <Form.Item name={[field.name, 'label_ja']} label={t('field.labelJa')} rules={[{ required: true, message: t('labelRequired') }]}>
                      <Input style={{ width: 180 }} placeholder="部門長" data-testid={`step-label-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'label_en']} label={t('field.labelEn')}>
                      <Input style={{ width: 180 }} placeholder="Department head" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'approver']} label={t('field.approver')}>
                      <Select
                        style={{ width: 200 }}
                        options={APPROVERS.map((a) => ({ value: a, label: t(`approvers.${a}`) }))}
                        data-testid={`step-approver-${i}`}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const approver = form.getFieldValue(['steps', field.name, 'approver']);
                        if (approver === 'person')
                          return (
                            <Form.Item name={[field.name, 'person_id']} label={t('field.person')} rules={[{ required: true, message: t('personRequired') }]}>
                              <PersonSelect testId={`step-person-${i}`} known={editing?.steps[i]?.person ? [editing.steps[i].person!] : []} />
                            </Form.Item>
                          );
                        if (approver === 'role')
                          return (
                            <Form.Item name={[field.name, 'role']} label={t('field.role')} rules={[{ required: true }]}>
                              <Select style={{ width: 180 }} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
                            </Form.Item>
                          );
                        return <Typography.Text type="secondary">{t('committeeHint')}</Typography.Text>;
                      }}
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              {fields.length < 10 && (
                <Button icon={<PlusOutlined />} onClick={() => add({ label_ja: '', label_en: '', approver: 'person' })} data-testid="step-add">
                  {t('addStep')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
        <Form.Item name="note" label={t('field.note')} style={{ marginTop: 12 }}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RulesPage({ me }: { me: Me }) {
  const { t } = useTranslation('approvals');
  const { message } = App.useApp();
  const language = currentLanguage();
  const rules = useRules();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const keeper = me.roles.includes('office') || me.roles.includes('admin');
  const sorted = sortRules(rules.data ?? []);
  return (
    <div className="page">
      <PageTitle
        extra={
          keeper && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-add">
              {t('add')}
            </Button>
          )
        }
      >
        {t('title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <ResponsiveTable<Rule>
        rowKey="id"
        cardTestId="rule-card"
        data-testid="rule-list"
        loading={rules.isFetching}
        dataSource={sorted}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        columns={[
          { key: 'kind', card: 'title', title: t('field.kind'), width: 130, render: (_, r) => t(`kinds.${r.kind}`) },
          {
            key: 'type',
            title: t('field.type'),
            width: 170,
            render: (_, r) => (r.subject_type ? t(`contractTypes.${r.subject_type}`, { defaultValue: r.subject_type }) : t('anyType')),
          },
          {
            key: 'band',
            title: t('field.band'),
            width: 200,
            render: (_, r) => <span data-testid="rule-band">{bandLabel(r.amount_from, r.amount_to, language)}</span>,
          },
          { key: 'steps', title: t('field.steps'), render: (_, r) => <StepChain steps={r.steps} /> },
          { key: 'note', title: t('field.note'), width: 200, render: (_, r) => r.note },
          ...(keeper
            ? [
                {
                  key: 'actions',
                  title: '',
                  width: 110,
                  render: (_: unknown, r: Rule) => (
                    <Space>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('edit')} />
                      <Popconfirm
                        title={t('deleteConfirm')}
                        onConfirm={() =>
                          remove.mutate(r.id, { onSuccess: () => void message.success(t('deleted')), onError: (e) => void message.error(errorMessage(e, t)) })
                        }
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('delete')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <RuleModal rule={editing} rules={rules.data ?? []} onClose={() => setEditing(null)} />}
    </div>
  );
}
