// A contract's key terms, its parties and the people an NDA covers, each editable by the office.
import { App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useOrganisations, usePeople } from '../people/api';
import { useUpdateContract, type Contract, type Terms } from './api';
import { formatYen, termFieldsFor, termsFromForm } from './logic';
import { DateField } from '../../shell/DateField';

export function TermsCard({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm();
  const update = useUpdateContract(contract.id);
  const fields = termFieldsFor(contract.type);
  const numeric: (keyof Terms)[] = [
    'ip_share_university',
    'ip_share_company',
    'publication_review_days',
    'confidentiality_years',
    'indirect_cost_rate',
    'amount_yen',
  ];
  if (!contract.may_edit) {
    return (
      <Card title={t('terms.title')} size="small">
        <Descriptions column={1} size="small">
          {fields.map((f) => {
            const v = contract.terms[f];
            const text =
              f === 'amount_yen' ? formatYen(v as number | null, language) : f === 'renewal' ? t(`renewals.${String(v)}`) : v === null ? '—' : String(v);
            return (
              <Descriptions.Item key={f} label={t(`terms.${f}`)}>
                {text}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      </Card>
    );
  }
  return (
    <Card title={t('terms.title')} size="small">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...contract.terms }}
        onFinish={(values: Record<string, unknown>) =>
          update.mutate(
            { terms: { ...contract.terms, ...termsFromForm({ ...contract.terms, ...values }) } },
            {
              onSuccess: () => void message.success(t('form.saved')),
              onError: (e) => {
                const names = fields.map((f) => `terms.${f}`);
                const err = e as { field?: string | null };
                if (err.field && names.includes(err.field)) {
                  form.setFields([{ name: err.field.slice(6), errors: [errorMessage(e, t)] }]);
                } else void message.error(errorMessage(e, t));
              },
            },
          )
        }
      >
        <Row gutter={12}>
          {fields.map((f) => (
            <Col key={f} xs={24} sm={f === 'purpose' || f === 'payment_schedule' ? 24 : 12}>
              <Form.Item name={f} label={t(`terms.${f}`)}>
                {f === 'renewal' ? (
                  <Select options={['none', 'automatic', 'by_agreement'].map((x) => ({ value: x, label: t(`renewals.${x}`) }))} />
                ) : numeric.includes(f) ? (
                  <InputNumber min={0} style={{ width: '100%' }} data-testid={`term-${f}`} />
                ) : f === 'starts_on' || f === 'ends_on' ? (
                  <DateField data-testid={`term-${f}`} />
                ) : (
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid={`term-${f}`} />
                )}
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button htmlType="submit" type="primary" loading={update.isPending} data-testid="terms-save">
          {t('form.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** The office edits the parties and signatories until the contract is signed. */

export function PartiesModal({ contract, onClose }: { contract: Contract; onClose: () => void }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm();
  const organisations = useOrganisations('all');
  const update = useUpdateContract(contract.id);
  const options = (organisations.data ?? []).map((o) => ({ value: o.id, label: language === 'en' && o.name_en ? o.name_en : o.name_ja }));
  type PartyValues = { organisation_id: string; signatory_title?: string; signatory_name?: string };
  return (
    <Modal open title={t('detail.editParties')} onCancel={onClose} footer={null} destroyOnClose width={720}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          parties: contract.parties.map((p) => ({ organisation_id: p.organisation_id, signatory_title: p.signatory_title, signatory_name: p.signatory_name })),
        }}
        onFinish={(v: { parties: PartyValues[] }) =>
          update.mutate(
            {
              parties: v.parties.map((p) => ({
                organisation_id: p.organisation_id,
                signatory_title: p.signatory_title ?? '',
                signatory_name: p.signatory_name ?? '',
              })),
            },
            {
              onSuccess: () => {
                void message.success(t('form.saved'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e, t)),
            },
          )
        }
      >
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={8} key={field.key} align="bottom">
                  <Col xs={24} sm={10}>
                    <Form.Item
                      name={[field.name, 'organisation_id']}
                      label={`${language === 'en' ? 'Party ' + 'ABCDEF'[i] : '甲乙丙丁戊己'[i]}`}
                      rules={[{ required: true }]}
                    >
                      <Select showSearch optionFilterProp="label" options={options} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item name={[field.name, 'signatory_title']} label={t('form.signatoryTitle')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6}>
                    <Form.Item name={[field.name, 'signatory_name']} label={t('form.signatoryName')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={3}>
                    <Form.Item>
                      <Button danger disabled={fields.length <= 2} onClick={() => remove(field.name)}>
                        {t('detail.removeParty')}
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} disabled={fields.length >= 6} onClick={() => add({ organisation_id: undefined })}>
                  {t('detail.addParty')}
                </Button>
                <Button type="primary" htmlType="submit" loading={update.isPending}>
                  {t('detail.saveParties')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** An NDA's covered people: who may see the company's confidential seeds while it is in force. */

export function CoveredEditor({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const people = usePeople({ active: 'true' });
  const update = useUpdateContract(contract.id);
  const [value, setValue] = useState<string[]>(contract.covered.map((p) => p.id));
  return (
    <Space.Compact style={{ width: '100%', minWidth: 320 }}>
      <Select
        mode="multiple"
        allowClear
        style={{ width: '100%', minWidth: 240 }}
        value={value}
        onChange={setValue}
        optionFilterProp="label"
        placeholder={t('detail.coveredDefault')}
        data-testid="covered-select"
        options={(people.data ?? []).map((p) => ({ value: p.id, label: displayName(p, language) }))}
      />
      <Button
        loading={update.isPending}
        onClick={() =>
          update.mutate({ covered: value }, { onSuccess: () => void message.success(t('form.saved')), onError: (e) => void message.error(errorMessage(e, t)) })
        }
      >
        {t('detail.saveCovered')}
      </Button>
    </Space.Compact>
  );
}
