// The office's form for a call (CallInput): create a draft, or edit a draft or open call. Server
// field errors land on their fields, list rows included (criteria[1].weight, reviewers[0].person_id).
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/DateField';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useAreas } from '../projects/api';
import { PersonSelect } from '../projects/components';
import { opencallApi, useOpenCallAction, type Call, type CallInput } from './api';
import { showPathError } from './components';
import { toCallInput, type CallValues } from './model';
import { TitleFields } from '../../shell/TitleFields';

const FIELDS = [
  'title_ja',
  'title_en',
  'theme',
  'areas',
  'total_budget_yen',
  'per_project_cap_yen',
  'opens_on',
  'closes_on',
  'reviews_per_proposal',
  'disagreement_threshold',
  'normalise',
  'criteria',
  'reviewers',
];

const yenFormatter = (v: number | string | undefined) => (v === undefined || v === null || v === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const yenParser = (v: string | undefined) => Number((v ?? '').replace(/[^\d]/g, ''));

export function valuesFromCall(call: Call): CallValues {
  return {
    title_ja: call.title_ja,
    title_en: call.title_en,
    theme: call.theme,
    areas: call.areas,
    total_budget_yen: call.total_budget_yen,
    per_project_cap_yen: call.per_project_cap_yen,
    opens_on: call.opens_on,
    closes_on: call.closes_on,
    reviews_per_proposal: call.reviews_per_proposal,
    disagreement_threshold: call.disagreement_threshold,
    normalise: call.normalise,
    criteria: call.criteria.map((c) => ({ ...c })),
    reviewers: call.reviewers.map((r) => ({ person_id: r.person.id, load_cap: r.load_cap })),
  };
}

const DEFAULTS: CallValues = {
  reviews_per_proposal: 3,
  disagreement_threshold: 1.5,
  normalise: true,
  areas: [],
  criteria: [
    { code: 'novelty', label_ja: '新規性', label_en: 'Novelty', weight: 30 },
    { code: 'feasibility', label_ja: '実現可能性', label_en: 'Feasibility', weight: 30 },
    { code: 'impact', label_ja: '社会実装の見込み', label_en: 'Path to market', weight: 40 },
  ],
  reviewers: [],
};

export function CallForm({ open, call, onClose, onSaved }: { open: boolean; call?: Call; onClose: () => void; onSaved: (call: Call) => void }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<CallValues>();
  const areas = useAreas();
  const save = useOpenCallAction((input: CallInput) => (call ? opencallApi.updateCall(call.id, input) : opencallApi.createCall(input)));
  const known = call?.reviewers.map((r) => r.person) ?? [];

  const submit = async (values: CallValues) => {
    try {
      const saved = await save.mutateAsync(toCallInput(values));
      void message.success(call ? t('form.saved') : t('form.created'));
      onSaved(saved);
    } catch (error) {
      if (!showPathError(form, error, t, FIELDS, ['criteria', 'reviewers'])) void message.error(errorMessage(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={call ? t('form.editTitle') : t('form.createTitle')}
      onCancel={onClose}
      width={860}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="call-form-submit">
          {call ? t('common.save') : t('form.create')}
        </Button>,
      ]}
    >
      <Form<CallValues> form={form} layout="vertical" onFinish={submit} initialValues={call ? valuesFromCall(call) : DEFAULTS}>
        <TitleFields labelJa={t('field.titleJa')} labelEn={t('field.titleEn')} requiredMessage={t('form.titleRequired')} testId="call-title" />
        <Form.Item name="theme" label={t('field.theme')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="call-theme" />
        </Form.Item>
        <Form.Item name="areas" label={t('field.areas')} extra={t('form.areasHelp')}>
          <Select
            mode="multiple"
            allowClear
            loading={areas.isPending}
            options={(areas.data ?? []).map((a) => ({ value: a.code, label: displayName(a, language) }))}
            data-testid="call-areas"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="total_budget_yen" label={t('field.totalBudget')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber<number>
                min={0}
                step={1_000_000}
                style={{ width: '100%', maxWidth: 240 }}
                suffix={t('common.yen')}
                formatter={yenFormatter}
                parser={yenParser}
                data-testid="call-budget"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="per_project_cap_yen" label={t('field.perProjectCap')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber<number>
                min={0}
                step={100_000}
                style={{ width: '100%', maxWidth: 240 }}
                suffix={t('common.yen')}
                formatter={yenFormatter}
                parser={yenParser}
                data-testid="call-cap"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="opens_on" label={t('field.opensOn')} rules={[{ required: true, message: t('form.required') }]}>
              <DateField data-testid="call-opens" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="closes_on" label={t('field.closesOn')} extra={t('form.closesHelp')} rules={[{ required: true, message: t('form.required') }]}>
              <DateField data-testid="call-closes" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="reviews_per_proposal" label={t('field.reviewsPerProposal')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={1} max={10} precision={0} style={{ width: 120 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="disagreement_threshold"
              label={t('field.disagreementThreshold')}
              extra={t('form.thresholdHelp')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber min={0} max={4} step={0.5} style={{ width: 120 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="normalise" label={t('field.normalise')} valuePropName="checked" extra={t('form.normaliseHelp')}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('field.criteria')}</Typography.Title>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }} data-testid="criterion-row">
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true, message: t('form.required') }]}>
                    <Input placeholder={t('field.code')} style={{ width: 120 }} aria-label={t('field.code')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label_ja']} rules={[{ required: true, message: t('form.required') }]}>
                    <Input placeholder={t('field.labelJa')} style={{ width: 180 }} aria-label={t('field.labelJa')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label_en']}>
                    <Input placeholder={t('field.labelEn')} style={{ width: 180 }} aria-label={t('field.labelEn')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'weight']} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber min={1} max={100} precision={0} prefix={t('field.weight')} style={{ width: 130 }} aria-label={t('field.weight')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" onClick={() => add({ weight: 10 })} icon={<PlusOutlined />} disabled={fields.length >= 10} data-testid="criterion-add">
                  {t('form.addCriterion')}
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('field.reviewers')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('form.reviewersHelp')}</Typography.Paragraph>
        <Form.List name="reviewers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }} data-testid="reviewer-row">
                  <Form.Item name={[field.name, 'person_id']} style={{ minWidth: 260 }} rules={[{ required: true, message: t('form.required') }]}>
                    <PersonSelect placeholder={t('form.searchPerson')} known={known} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'load_cap']} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber min={1} max={100} precision={0} prefix={t('field.loadCap')} style={{ width: 150 }} aria-label={t('field.loadCap')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" onClick={() => add({ load_cap: 5 })} icon={<PlusOutlined />} data-testid="reviewer-add">
                  {t('form.addReviewer')}
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
