// Propose a joint research project — or edit one after its proposal (the same form): kind, area,
// title, aims, PI, company lead, members, companies, budget per fiscal year and linked needs and
// seeds. A proposal may come from an accepted introduction (prefilled from its need and seed).
// Server field errors land on their fields.
import { App, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useOrganisations } from '../people/api';
import type { Introduction, Need, Seed } from '../exchange/api';
import { useAreas, useCreateProject, useUpdateProject, type NewProject, type Project, type ProjectPatch } from './api';
import { LinkPicker, PersonSelect, type LinkOption } from './components';
import { fiscalYearOf, KINDS, MEMBER_ROLES, REPORT_PERIODS, tokyoToday } from './model';
import { TitleFields } from '../../shell/TitleFields';

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
  links?: string[]; // "need:ID" / "seed:ID"
}

const FIELDS = [
  'kind',
  'area_code',
  'title_ja',
  'title_en',
  'aims',
  'public_summary',
  'report_period',
  'pi_id',
  'company_lead_id',
  'members',
  'organisations',
  'budgets',
  'links',
];

/** "need:ID" → {kind, target_id}; anything else is dropped. */
export function parseLinks(values: readonly string[] | undefined) {
  const out: { kind: 'need' | 'seed'; target_id: string }[] = [];
  for (const v of values ?? []) {
    const i = v.indexOf(':');
    const kind = v.slice(0, i);
    if ((kind === 'need' || kind === 'seed') && v.length > i + 1) out.push({ kind, target_id: v.slice(i + 1) });
  }
  return out;
}

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
    members: (v.members ?? []).filter((m) => m?.person_id).map((m) => ({ person_id: m.person_id!, role: m.role || 'researcher' })),
    organisations: (v.organisations ?? []).filter((o) => o?.organisation_id).map((o) => ({ organisation_id: o.organisation_id!, role: o.role ?? 'sponsor' })),
    budgets: (v.budgets ?? [])
      .filter((b) => b?.fiscal_year && b.amount_yen !== undefined && b.amount_yen !== null)
      .map((b) => ({ fiscal_year: b.fiscal_year!, amount_yen: b.amount_yen! })),
    links: parseLinks(v.links),
  };
}

/** Form values to a PATCH body: the member list with the PI and the company lead first. */
export function toProjectPatch(v: Values): ProjectPatch {
  const n = toNewProject(v);
  const others = n.members.filter((m) => m.person_id !== n.pi_id && m.person_id !== n.company_lead_id);
  return {
    kind: n.kind,
    area_code: n.area_code,
    title_ja: n.title_ja,
    title_en: n.title_en,
    aims: n.aims,
    public_summary: n.public_summary,
    report_period: n.report_period,
    members: [{ person_id: n.pi_id, role: 'pi' }, { person_id: n.company_lead_id, role: 'company_lead' }, ...others],
    organisations: n.organisations,
    budgets: n.budgets,
    links: n.links,
  };
}

/** The form's values for an existing project. */
export function valuesFromProject(p: Project): Values {
  return {
    kind: p.kind,
    area_code: p.area_code ?? undefined,
    title_ja: p.title_ja,
    title_en: p.title_en,
    aims: p.aims ?? '',
    public_summary: p.public_summary,
    report_period: p.report_period ?? 'monthly',
    pi_id: p.pi?.id ?? '',
    company_lead_id: p.company_lead?.id ?? '',
    members: (p.members ?? []).filter((m) => m.role !== 'pi' && m.role !== 'company_lead').map((m) => ({ person_id: m.person.id, role: m.role })),
    organisations: (p.organisations ?? []).map((o) => ({ organisation_id: o.organisation_id, role: o.role as 'sponsor' | 'partner' })),
    budgets: (p.budgets ?? []).map((b) => ({ ...b })),
    links: (p.links ?? []).map((l) => `${l.kind}:${l.target_id}`),
  };
}

/** A proposal prefilled from an accepted introduction: the need gives the title and the problem,
 *  the seed the approach; the need's author is the PI candidate, a company seed's author the lead. */
export function prefillFromIntroduction(intro: Introduction, need: Need | null, seed: Seed | null): Partial<Values> {
  const aims = [need?.problem, need?.desired_outcome, seed ? `${seed.title}: ${seed.description}` : ''].filter((x) => x && x.trim()).join('\n\n');
  const links: string[] = [];
  if (need) links.push(`need:${need.id}`);
  if (seed) links.push(`seed:${seed.id}`);
  return {
    kind: 'joint',
    title_ja: (need?.title ?? seed?.title ?? intro.item_title).slice(0, 200),
    aims: aims.slice(0, 4000),
    pi_id: need?.author.id,
    company_lead_id: seed?.company_id ? seed.author.id : undefined,
    links,
  };
}
export function ProposeProjectModal({
  me,
  open,
  onClose,
  onCreated,
  project,
  prefill,
  introductionId,
  knownLinks,
  knownPeople,
}: {
  me: Me;
  open: boolean;
  onClose: () => void;
  onCreated: (p: Project) => void;
  /** Edit this project instead of proposing a new one. */
  project?: Project;
  prefill?: Partial<Values>;
  introductionId?: string;
  knownLinks?: LinkOption[];
  knownPeople?: { id: string; name_ja: string; name_en: string }[];
}) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const areas = useAreas();
  const organisations = useOrganisations('true', { enabled: open });
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? '');
  const editing = !!project;
  const kind = Form.useWatch('kind', form);
  const isCompany = me.roles.includes('company_researcher');
  const isClinician = me.roles.includes('clinician') || me.roles.includes('researcher');
  const self = [{ id: me.id, name_ja: me.name_ja, name_en: me.name_en }, ...(project?.members ?? []).map((m) => m.person), ...(knownPeople ?? [])];
  const links: LinkOption[] = [...(project?.links ?? []).map((l) => ({ kind: l.kind, id: l.target_id, title: l.title ?? l.target_id })), ...(knownLinks ?? [])];

  const submit = async (values: Values) => {
    try {
      let saved: Project;
      if (editing) {
        saved = await update.mutateAsync(toProjectPatch(values));
        void message.success(t('edit.saved'));
      } else {
        saved = await create.mutateAsync({ ...toNewProject(values), ...(introductionId ? { introduction_id: introductionId } : {}) });
        void message.success(t('propose.created'));
      }
      form.resetFields();
      onCreated(saved);
    } catch (error) {
      if (!showFieldError(form, error, t, FIELDS)) void message.error(errorMessage(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('edit.title') : t('propose.title')}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="propose-submit">
          {editing ? t('edit.submit') : t('propose.submit')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {editing ? t('edit.intro') : introductionId ? t('propose.fromIntroduction') : t('propose.intro')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          project
            ? valuesFromProject(project)
            : {
                kind: 'joint',
                report_period: 'monthly',
                company_lead_id: isCompany ? me.id : undefined,
                pi_id: !isCompany && isClinician ? me.id : undefined,
                budgets: [{ fiscal_year: fiscalYearOf(tokyoToday()), amount_yen: undefined }],
                ...Object.fromEntries(Object.entries(prefill ?? {}).filter(([, v]) => v !== undefined)),
              }
        }
      >
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} data-testid="propose-kind" />
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
        <TitleFields labelJa={t('field.titleJa')} labelEn={t('field.titleEn')} requiredMessage={t('propose.titleRequired')} testId="propose-title" />
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
        <Form.Item name="links" label={t('field.links')} extra={t('links.help')}>
          <LinkPicker known={links} placeholder={t('links.search')} testId="propose-links" />
        </Form.Item>
        <Form.Item name="report_period" label={t('field.reportPeriod')}>
          <Select options={REPORT_PERIODS.map((p) => ({ value: p, label: t(`period.${p}`) }))} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
