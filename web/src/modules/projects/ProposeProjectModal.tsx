// Propose a joint research project: kind, area, title, aims, PI, company lead, members,
// companies and budget per fiscal year. Server field errors land on their fields.
import { App, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useOrganisations } from '../people/api';
import { useAreas, useCreateProject, type NewProject, type Project } from './api';
import { PersonSelect } from './components';
import { fiscalYearOf, KINDS, MEMBER_ROLES, REPORT_PERIODS, tokyoToday } from './model';

interface Values {
  kind: NewProject['kind'];
  area_code?: string;
  title_ja: string;
  title_en?: string;
  aims?: string;
  public_summary?: string;
  report_period: string;
  pi_id: string;
  company_lead_id: string;
  members?: { person_id?: string; role?: string }[];
  organisations?: { organisation_id?: string; role?: 'sponsor' | 'partner' }[];
  budgets?: { fiscal_year?: number; amount_yen?: number }[];
}

const FIELDS = ['kind', 'area_code', 'title_ja', 'title_en', 'aims', 'public_summary', 'report_period', 'pi_id', 'company_lead_id', 'members', 'organisations', 'budgets'];

/** Form values to the request body: blank rows dropped, the area only for strategic research. */
export function toNewProject(v: Values): NewProject {
  return {
    kind: v.kind,
    area_code: v.area_code || null,
    title_ja: v.title_ja.trim(),
    title_en: (v.title_en ?? '').trim(),
    aims: (v.aims ?? '').trim(),
    public_summary: (v.public_summary ?? '').trim(),
    report_period: v.report_period,
    pi_id: v.pi_id,
    company_lead_id: v.company_lead_id,
    members: (v.members ?? [])
      .filter((m) => m?.person_id)
      .map((m) => ({ person_id: m.person_id!, role: m.role || 'researcher' })),
    organisations: (v.organisations ?? [])
      .filter((o) => o?.organisation_id)
      .map((o) => ({ organisation_id: o.organisation_id!, role: o.role ?? 'sponsor' })),
    budgets: (v.budgets ?? [])
      .filter((b) => b?.fiscal_year && b.amount_yen !== undefined && b.amount_yen !== null)
      .map((b) => ({ fiscal_year: b.fiscal_year!, amount_yen: b.amount_yen! })),
  };
}

export function ProposeProjectModal({
  me,
  open,
  onClose,
  onCreated,
}: {
  me: Me;
  open: boolean;
  onClose: () => void;
  onCreated: (p: Project) => void;
}) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const areas = useAreas();
  const organisations = useOrganisations('true', { enabled: open });
  const create = useCreateProject();
  const kind = Form.useWatch('kind', form);
  const isCompany = me.roles.includes('company_researcher');
  const isClinician = me.roles.includes('clinician') || me.roles.includes('researcher');
  const self = [{ id: me.id, name_ja: me.name_ja, name_en: me.name_en }];

  const submit = async (values: Values) => {
    try {
      const project = await create.mutateAsync(toNewProject(values));
      void message.success(t('propose.created'));
      form.resetFields();
      onCreated(project);
    } catch (error) {
      if (!showFieldError(form, error, t, FIELDS)) void message.error(errorMessage(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('propose.title')}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="propose-submit">
          {t('propose.submit')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('propose.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: 'joint',
          report_period: 'monthly',
          company_lead_id: isCompany ? me.id : undefined,
          pi_id: !isCompany && isClinician ? me.id : undefined,
          budgets: [{ fiscal_year: fiscalYearOf(tokyoToday()), amount_yen: undefined }],
        }}
      >
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            data-testid="propose-kind"
          />
        </Form.Item>
        <Form.Item
          name="area_code"
          label={t('field.area')}
          rules={[{ required: kind === 'strategic', message: t('propose.areaRequired') }]}
          extra={kind === 'strategic' ? t('propose.areaHelp') : undefined}
        >
          <Select
            allowClear
            loading={areas.isPending}
            options={(areas.data ?? []).map((a) => ({ value: a.code, label: displayName(a, language) }))}
            data-testid="propose-area"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="title_ja" label={t('field.titleJa')} rules={[{ required: true, whitespace: true, message: t('propose.titleRequired') }, { max: 200 }]}>
              <Input data-testid="propose-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title_en" label={t('field.titleEn')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="aims" label={t('field.aims')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="propose-aims" />
        </Form.Item>
        <Form.Item name="public_summary" label={t('field.publicSummary')} extra={t('propose.publicHelp')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="pi_id" label={t('field.pi')} rules={[{ required: true, message: t('propose.piRequired') }]}>
              <PersonSelect placeholder={t('propose.searchPerson')} testId="propose-pi" known={self} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="company_lead_id" label={t('field.companyLead')} rules={[{ required: true, message: t('propose.leadRequired') }]}>
              <PersonSelect placeholder={t('propose.searchPerson')} testId="propose-lead" known={self} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('field.members')} name="members" style={{ marginBottom: 0 }}>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }} wrap>
                    <Form.Item name={[field.name, 'person_id']} style={{ minWidth: 260 }}>
                      <PersonSelect placeholder={t('propose.searchPerson')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} initialValue="researcher">
                      <Select
                        style={{ width: 160 }}
                        options={MEMBER_ROLES.filter((r) => r !== 'pi' && r !== 'company_lead').map((r) => ({ value: r, label: t(`role.${r}`) }))}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                    {t('propose.addMember')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label={t('field.companies')} name="organisations" style={{ marginBottom: 0 }}>
          <Form.List name="organisations">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }} wrap>
                    <Form.Item name={[field.name, 'organisation_id']} style={{ minWidth: 260 }}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        options={(organisations.data ?? [])
                          .filter((o) => o.kind === 'company' || o.kind === 'division')
                          .map((o) => ({ value: o.id, label: displayName(o, language) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} initialValue="sponsor">
                      <Select
                        style={{ width: 140 }}
                        options={[
                          { value: 'sponsor', label: t('orgRole.sponsor') },
                          { value: 'partner', label: t('orgRole.partner') },
                        ]}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                    {t('propose.addCompany')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label={t('field.budgets')} name="budgets" extra={t('propose.budgetHelp')} style={{ marginBottom: 0 }}>
          <Form.List name="budgets">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }} wrap>
                    <Form.Item name={[field.name, 'fiscal_year']}>
                      <InputNumber min={2000} max={2100} prefix={t('propose.fy')} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'amount_yen']}>
                      <InputNumber<number>
                        min={0}
                        step={100000}
                        style={{ width: 200 }}
                        suffix={t('propose.yen')}
                        formatter={(v) => (v === undefined || v === null ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','))}
                        parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Space>
                ))}
                <Form.Item>
                  <Button
                    type="dashed"
                    onClick={() => {
                      const rows = (form.getFieldValue('budgets') ?? []) as Values['budgets'];
                      const last = rows?.length ? rows[rows.length - 1]?.fiscal_year : undefined;
                      add({ fiscal_year: last ? last + 1 : fiscalYearOf(tokyoToday()) });
                    }}
                    icon={<PlusOutlined />}
                  >
                    {t('propose.addBudget')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="report_period" label={t('field.reportPeriod')}>
          <Select options={REPORT_PERIODS.map((p) => ({ value: p, label: t(`period.${p}`) }))} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
