// Contracts (契約): the list with filters, a contract's page (parties, terms, status actions,
// negotiation log, draft download), the office's template admin and the turnaround table.
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, FileWordOutlined, PlusOutlined, QuestionCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import { useOrganisations, usePeople } from '../people/api';
import { useProject, useProjects } from '../projects/api';
import {
  downloadDraft,
  downloadTemplate,
  SIDES,
  STATUSES,
  TYPES,
  useAddRound,
  useContract,
  useContracts,
  useCreateContract,
  useTemplates,
  type TemplateType,
  useTransition,
  useTurnaround,
  useUpdateContract,
  useUploadTemplate,
  type Contract,
  type ContractSummary,
  type ContractType,
  type Side,
  type Status,
  type Terms,
} from './api';
import {
  COMPANY_SIDE,
  formatDays,
  formatYen,
  orderActions,
  organisationLabel,
  partiesFromProject,
  partyNames,
  splitClauses,
  termFieldsFor,
  termsFromForm,
  UNIVERSITY_SIDE,
} from './logic';
import { STATUS_COLOURS } from './logic';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { DateField } from '../../shell/DateField';

const isOffice = (me: Me) => hasAnyRole(me.roles, ['office', 'admin']);
const seesAll = (me: Me) => hasAnyRole(me.roles, ['office', 'admin', 'committee']);

function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation('contracts');
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="contract-status">
      {t(`statuses.${status}`)}
    </Tag>
  );
}

function SubNav({ me }: { me: Me }) {
  const { t } = useTranslation('contracts');
  if (!seesAll(me)) return null;
  return (
    <Space wrap>
      <Link to="/contracts">{t('title')}</Link>
      <Link to="/contracts/templates" data-testid="nav-templates">
        {t('templates')}
      </Link>
      <Link to="/contracts/turnaround" data-testid="nav-turnaround">
        {t('turnaround')}
      </Link>
    </Space>
  );
}

function ContractList({ me }: { me: Me }) {
  const { t } = useTranslation('contracts');
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const filters = {
    type: params.get('type') ?? '',
    status: params.get('status') ?? '',
    q: params.get('q') ?? '',
    project_id: params.get('project_id') ?? '',
    waiting_long: params.get('waiting_long') === 'true',
  };
  const list = useContracts(filters);
  const projects = useProjects({});
  const [creating, setCreating] = useState(false);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const columns = [
    {
      title: t('columns.title'),
      key: 'title',
      render: (_: unknown, c: ContractSummary) => (
        <Link to={`/contracts/${c.id}`} data-testid="contract-link">
          {c.title}
        </Link>
      ),
    },
    { title: t('columns.type'), key: 'type', render: (_: unknown, c: ContractSummary) => t(`types.${c.type}`) },
    { title: t('columns.parties'), key: 'parties', render: (_: unknown, c: ContractSummary) => partyNames(c, language) },
    {
      title: t('columns.status'),
      key: 'status',
      render: (_: unknown, c: ContractSummary) => (
        <Space size={4}>
          <StatusTag status={c.status} />
          {c.waiting_long && <Tag color="red">{t('waitingLong')}</Tag>}
        </Space>
      ),
    },
    { title: t('columns.since'), key: 'since', render: (_: unknown, c: ContractSummary) => t('days', { days: formatDays(c.days_in_status) }) },
    {
      title: (
        <Tooltip title={t('columns.waitingOnHelp')}>
          <span data-testid="waiting-on-header" aria-label={`${t('columns.waitingOn')}: ${t('columns.waitingOnHelp')}`}>
            {t('columns.waitingOn')} <QuestionCircleOutlined />
          </span>
        </Tooltip>
      ),
      key: 'waiting', render: (_: unknown, c: ContractSummary) => (c.status === 'negotiating' ? t(`sides.${c.waiting_on}`) : '') },
    {
      title: t('columns.term'),
      key: 'term',
      render: (_: unknown, c: ContractSummary) => (c.starts_on || c.ends_on ? `${c.starts_on ?? ''} – ${c.ends_on ?? ''}` : ''),
    },
    {
      title: t('columns.amount'),
      key: 'amount',
      align: 'right' as const,
      // No amount: nothing (a card then leaves the field out instead of showing an empty 金額).
      render: (_: unknown, c: ContractSummary) =>
        c.amount_yen === null || c.amount_yen === undefined ? null : <span style={{ whiteSpace: 'nowrap' }}>{formatYen(c.amount_yen, language)}</span>,
    },
  ];
  return (
    <div className="page">
      <PageTitle
        extra={
          isOffice(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contract-new">
              {t('new')}
            </Button>
          )
        }
      >
        {t('title')}
      </PageTitle>
      <SubNav me={me} />
      <Space wrap className="list-filters" style={{ margin: '12px 0' }}>
        <Input.Search
          allowClear
          placeholder={t('filters.search')}
          defaultValue={filters.q}
          onSearch={(v) => set('q', v)}
          style={{ width: 260 }}
          data-testid="contract-search"
        />
        <Select
          style={{ width: 220 }}
          value={filters.type}
          onChange={(v) => set('type', v)}
          options={[{ value: '', label: `${t('filters.type')}: ${t('filters.all')}` }, ...TYPES.map((x) => ({ value: x, label: t(`types.${x}`) }))]}
          data-testid="filter-type"
        />
        <Select
          style={{ width: 180 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={[{ value: '', label: `${t('filters.status')}: ${t('filters.all')}` }, ...STATUSES.map((x) => ({ value: x, label: t(`statuses.${x}`) }))]}
          data-testid="filter-status"
        />
        <Select
          style={{ width: 260 }}
          value={filters.project_id}
          onChange={(v) => set('project_id', v)}
          showSearch
          optionFilterProp="label"
          options={[
            { value: '', label: `${t('form.project')}: ${t('filters.all')}` },
            ...(projects.data ?? []).map((p) => ({ value: p.id, label: language === 'en' && p.title_en ? p.title_en : p.title_ja })),
          ]}
          data-testid="filter-project"
        />
        <Space>
          <Switch checked={filters.waiting_long} onChange={(v) => set('waiting_long', v ? 'true' : '')} aria-label={t('filters.waitingLong')} />
          {t('filters.waitingLong')}
        </Space>
      </Space>
      <ResponsiveTable<ContractSummary>
        rowKey="id"
        size="middle"
        cardTestId="contract-card"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
      />
      {creating && <NewContractModal onClose={() => setCreating(false)} />}
    </div>
  );
}

function NewContractModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const organisations = useOrganisations('all');
  const projects = useProjects({});
  const create = useCreateContract();
  // Choosing the project fills 甲 and 乙 from it (the PI's university, the project's company),
  // unless the office has already chosen them.
  const projectId: string = Form.useWatch('project_id', form) ?? '';
  const project = useProject(projectId);
  useEffect(() => {
    if (!project.data || !organisations.data || project.data.id !== projectId) return;
    const parties = partiesFromProject(project.data, organisations.data);
    for (const field of ['party_a', 'party_b'] as const)
      if (parties[field] && !form.isFieldTouched(field)) form.setFieldValue(field, parties[field]);
  }, [project.data, organisations.data, projectId, form]);
  const orgOptions = (kinds: readonly string[]) =>
    (organisations.data ?? [])
      .filter((o) => o.active && kinds.includes(o.kind))
      .map((o) => ({ value: o.id, label: organisationLabel(organisations.data ?? [], o.id, language) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'ja'));
  const submit = (values: Record<string, string>) => {
    create.mutate(
      {
        type: values.type as ContractType,
        title: values.title,
        project_id: values.project_id || null,
        parties: [
          { organisation_id: values.party_a, signatory_name: values.a_name ?? '', signatory_title: values.a_title ?? '' },
          { organisation_id: values.party_b, signatory_name: values.b_name ?? '', signatory_title: values.b_title ?? '' },
        ],
      },
      {
        onSuccess: (c) => {
          void message.success(t('form.created'));
          onClose();
          navigate(`/contracts/${c.id}`);
        },
        onError: (e) => {
          if (!showFieldError(form, e, t, ['type', 'title', 'project_id', 'parties'])) void message.error(errorMessage(e, t));
        },
      },
    );
  };
  return (
    <Modal open title={t('new')} onCancel={onClose} footer={null} destroyOnClose width={640}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'nda' }}>
        <Form.Item name="type" label={t('form.type')} rules={[{ required: true }]}>
          <Select options={TYPES.map((x) => ({ value: x, label: t(`types.${x}`) }))} data-testid="new-type" />
        </Form.Item>
        <Form.Item name="title" label={t('form.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="new-title" />
        </Form.Item>
        <Form.Item name="project_id" label={t('form.project')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="new-project"
            options={(projects.data ?? []).map((p) => ({ value: p.id, label: language === 'en' && p.title_en ? p.title_en : p.title_ja }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="party_a" label={t('form.partyA')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={orgOptions(UNIVERSITY_SIDE)} data-testid="new-party-a" />
            </Form.Item>
            <Form.Item name="a_title" label={t('form.signatoryTitle')}>
              <Input />
            </Form.Item>
            <Form.Item name="a_name" label={t('form.signatoryName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="party_b" label={t('form.partyB')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={orgOptions(COMPANY_SIDE)} data-testid="new-party-b" />
            </Form.Item>
            <Form.Item name="b_title" label={t('form.signatoryTitle')}>
              <Input />
            </Form.Item>
            <Form.Item name="b_name" label={t('form.signatoryName')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="new-submit">
          {t('form.create')}
        </Button>
      </Form>
    </Modal>
  );
}

function TermsCard({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm();
  const update = useUpdateContract(contract.id);
  const fields = termFieldsFor(contract.type);
  const numeric: (keyof Terms)[] = ['ip_share_university', 'ip_share_company', 'publication_review_days', 'confidentiality_years', 'indirect_cost_rate', 'amount_yen'];
  if (!contract.may_edit) {
    return (
      <Card title={t('terms.title')} size="small">
        <Descriptions column={1} size="small">
          {fields.map((f) => {
            const v = contract.terms[f];
            const text = f === 'amount_yen' ? formatYen(v as number | null, language) : f === 'renewal' ? t(`renewals.${String(v)}`) : v === null ? '—' : String(v);
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
function PartiesModal({ contract, onClose }: { contract: Contract; onClose: () => void }) {
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
            { parties: v.parties.map((p) => ({ organisation_id: p.organisation_id, signatory_title: p.signatory_title ?? '', signatory_name: p.signatory_name ?? '' })) },
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
                    <Form.Item name={[field.name, 'organisation_id']} label={`${language === 'en' ? 'Party ' + 'ABCDEF'[i] : '甲乙丙丁戊己'[i]}`} rules={[{ required: true }]}>
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
function CoveredEditor({ contract }: { contract: Contract }) {
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
          update.mutate(
            { covered: value },
            { onSuccess: () => void message.success(t('form.saved')), onError: (e) => void message.error(errorMessage(e, t)) },
          )
        }
      >
        {t('detail.saveCovered')}
      </Button>
    </Space.Compact>
  );
}

function StatusActions({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const move = useTransition(contract.id);
  const [note, setNote] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const actions = orderActions(contract.status, contract.next_statuses);
  if (contract.next_statuses.length === 0) return null;
  const go = (to: Status) =>
    move.mutate(
      { to, note, signed_on: to === 'signed' && signedOn ? signedOn : undefined },
      {
        onSuccess: () => {
          setNote('');
          void message.success(t('detail.moved', { status: t(`statuses.${to}`) }));
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <Card title={t('detail.status')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input placeholder={t('detail.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        {actions.forward.includes('signed') && (
          <Space>
            {t('detail.signedOnInput')}
            <DateField value={signedOn} onChange={setSignedOn} data-testid="signed-on" />
          </Space>
        )}
        {contract.approval_needs_other && (
          <Typography.Text type="secondary" data-testid="approval-needs-other">
            {t('detail.approvalNeedsOther')}
          </Typography.Text>
        )}
        <Space wrap>
          {actions.forward.map((s) => (
            <Button key={s} type="primary" onClick={() => go(s)} loading={move.isPending} data-testid={`move-${s}`}>
              {t(`actions.${s}`)}
            </Button>
          ))}
          {actions.back.map((s) => (
            <Button key={s} onClick={() => go(s)} data-testid={`move-${s}`}>
              {t(`actions.${s}`)}
            </Button>
          ))}
          {actions.terminate && (
            <Popconfirm title={t('actions.terminateConfirm')} onConfirm={() => go('terminated')}>
              <Button danger data-testid="move-terminated">
                {t('actions.terminated')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}

function Rounds({ contract, office }: { contract: Contract; office: boolean }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const add = useAddRound(contract.id);
  const open = !['signed', 'active', 'expired', 'terminated'].includes(contract.status);
  return (
    <Card title={t('detail.rounds')} size="small">
      {contract.rounds.length === 0 ? (
        <Typography.Text type="secondary">{t('detail.noRounds')}</Typography.Text>
      ) : (
        <Timeline
          items={contract.rounds.map((r) => ({
            children: (
              <div data-testid="round">
                <Typography.Text strong>
                  {t('detail.round', { n: r.round_no })} {r.sent_on} — {t(`sides.${r.sent_by}`)} → {t(`sides.${r.waiting_on}`)}
                </Typography.Text>
                {r.clauses.length > 0 && (
                  <div>
                    {r.clauses.map((c) => (
                      <Tag key={c}>{c}</Tag>
                    ))}
                  </div>
                )}
                {r.summary && <div>{r.summary}</div>}
              </div>
            ),
          }))}
        />
      )}
      {office && open && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ sent_by: 'us', waiting_on: 'company', sent_on: new Date().toISOString().slice(0, 10) }}
          onFinish={(v: { sent_by: Side; waiting_on: Side; sent_on: string; clauses?: string; summary?: string }) =>
            add.mutate(
              { sent_by: v.sent_by, waiting_on: v.waiting_on, sent_on: v.sent_on, clauses: splitClauses(v.clauses ?? ''), summary: v.summary ?? '' },
              {
                onSuccess: () => {
                  form.resetFields(['clauses', 'summary']);
                  void message.success(t('detail.recorded'));
                },
                onError: (e) => {
                  if (!showFieldError(form, e, t, ['sent_by', 'sent_on', 'waiting_on', 'clauses', 'summary'])) void message.error(errorMessage(e, t));
                },
              },
            )
          }
        >
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('detail.addRound')}
          </Typography.Title>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="sent_by" label={t('detail.sentBy')}>
                <Select options={SIDES.map((s) => ({ value: s, label: t(`sides.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="sent_on" label={t('detail.sentOn')} rules={[{ required: true }]}>
                <DateField />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="waiting_on" label={t('detail.waitingOn')}>
                <Select options={SIDES.map((s) => ({ value: s, label: t(`sides.${s}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="clauses" label={t('detail.clauses')}>
            <Input />
          </Form.Item>
          <Form.Item name="summary" label={t('detail.summary')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending} data-testid="round-add">
            {t('detail.record')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function ContractPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const query = useContract(id);
  const [downloading, setDownloading] = useState(false);
  const [editingParties, setEditingParties] = useState(false);
  if (query.isLoading) return <div className="page" />;
  if (query.error || !query.data)
    return (
      <div className="page">
        <Alert type="error" message={errorMessage(query.error, t)} />
      </div>
    );
  const c = query.data;
  const office = isOffice(me);
  const download = async () => {
    setDownloading(true);
    try {
      const name = await downloadDraft(c.id);
      void message.success(t('detail.drafted', { name }));
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <div className="page">
      <PageTitle
        extra={
          <Button icon={<FileWordOutlined />} onClick={() => void download()} loading={downloading} data-testid="draft-download">
            {t('detail.draft')}
          </Button>
        }
      >
        <span data-testid="contract-title">{c.title}</span>
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{t(`types.${c.type}`)}</Tag>
        <StatusTag status={c.status} />
        {c.waiting_long && <Tag color="red">{t('waitingLong')}</Tag>}
        <Typography.Text type="secondary">{t('days', { days: formatDays(c.days_in_status) })}</Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card
              title={t('detail.parties')}
              size="small"
              extra={
                c.may_edit && (
                  <Button size="small" onClick={() => setEditingParties(true)} data-testid="parties-edit">
                    {t('detail.editParties')}
                  </Button>
                )
              }
            >
              <Descriptions column={1} size="small">
                {c.parties.map((p, i) => (
                  <Descriptions.Item key={p.organisation_id} label={language === 'en' ? `Party ${'ABCDEF'[i] ?? i + 1}` : (['甲', '乙', '丙', '丁', '戊', '己'][i] ?? String(i + 1))}>
                    {language === 'en' && p.name_en ? p.name_en : p.name_ja}
                    {(p.signatory_title || p.signatory_name) && `（${p.signatory_title} ${p.signatory_name}）`}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('detail.project')}>
                  {c.project ? <Link to={`/projects/${c.project.id}`}>{language === 'en' && c.project.title_en ? c.project.title_en : c.project.title_ja}</Link> : '—'}
                </Descriptions.Item>
                {c.type === 'nda' && (
                  <Descriptions.Item label={t('detail.covered')}>
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <span data-testid="covered-effective">
                        {c.covered_effective.length ? c.covered_effective.map((p) => displayName(p, language)).join('、') : t('detail.coveredNone')}
                      </span>
                      {c.may_edit && <CoveredEditor contract={c} />}
                    </Space>
                  </Descriptions.Item>
                )}
                {c.signed_on && <Descriptions.Item label={t('detail.signedOn')}>{c.signed_on}</Descriptions.Item>}
                {c.approved_by && <Descriptions.Item label={t('detail.approvedBy')}>{displayName(c.approved_by, language)}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <TermsCard contract={c} />
            <Rounds contract={c} office={office} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            {office && <StatusActions contract={c} />}
            <Card title={t('detail.history')} size="small">
              <Timeline
                items={c.history.map((h) => ({
                  color: h.to_status === 'terminated' ? 'red' : h.to_status === 'active' ? 'green' : 'blue',
                  children: (
                    <div>
                      <StatusTag status={h.to_status} /> {formatDateTime(h.at, language)}
                      <Typography.Text type="secondary"> {t('detail.stayed', { days: formatDays(h.days) })}</Typography.Text>
                      {h.by && <div>{displayName(h.by, language)}</div>}
                      {h.note && <div>{h.note}</div>}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      {editingParties && <PartiesModal contract={c} onClose={() => setEditingParties(false)} />}
    </div>
  );
}

function TemplatesPage({ me }: { me: Me }) {
  const { t } = useTranslation('contracts');
  const { message, modal } = App.useApp();
  const language = currentLanguage();
  const templates = useTemplates();
  const upload = useUploadTemplate();
  const [note, setNote] = useState('');
  const known = useMemo(() => new Map((templates.data?.merge_fields ?? []).map((p) => [p.name, p])), [templates.data]);
  const send = (type: string, file: File) =>
    upload.mutate(
      { type, file, note },
      {
        onSuccess: (r) => {
          setNote('');
          void message.success(t('tpl.uploaded', { n: r.version }));
          if (r.unknown_merge_fields.length)
            modal.warning({ title: t('tpl.unknown'), content: t('tpl.unknownWarning', { names: r.unknown_merge_fields.join(', ') }) });
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <div className="page">
      <PageTitle>{t('templates')}</PageTitle>
      <SubNav me={me} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('tpl.help', { ph: '{{field}}', interpolation: { escapeValue: false } })}
      </Typography.Paragraph>
      {isOffice(me) && (
        <Input placeholder={t('tpl.note')} value={note} onChange={(e) => setNote(e.target.value)} style={{ maxWidth: 400, marginBottom: 12 }} maxLength={500} />
      )}
      <ResponsiveTable<TemplateType>
        rowKey="type"
        loading={templates.isLoading}
        dataSource={templates.data?.types ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        expandable={{
          expandedRowRender: (row) =>
            row.versions.length ? (
              <ul>
                {row.versions.map((v) => (
                  <li key={v.version}>
                    {t('tpl.version', { n: v.version })} — {v.filename} — {formatDateTime(v.uploaded_at, language)} {v.uploaded_by ? displayName(v.uploaded_by, language) : ''} {v.note}{' '}
                    <Button size="small" type="link" onClick={() => void downloadTemplate(row.type, v.version)}>
                      {t('tpl.download')}
                    </Button>
                  </li>
                ))}
              </ul>
            ) : (
              t('tpl.builtIn')
            ),
        }}
        columns={[
          { title: t('tpl.type'), key: 'type', render: (_: unknown, r) => t(`types.${r.type}`) },
          { title: t('tpl.current'), key: 'current', render: (_: unknown, r) => (r.built_in ? t('tpl.builtIn') : t('tpl.version', { n: r.current_version })) },
          {
            title: t('tpl.mergeFields'),
            key: 'merge_fields',
            render: (_: unknown, r) => (
              <Space size={[4, 4]} wrap>
                {/* By what they mean (「甲の名称」), the key a template author types as the hint. */}
                {r.merge_fields.map((p) => {
                  const field = known.get(p);
                  return (
                    <Tooltip key={p} title={field ? `{{${p}}}` : t('tpl.unknown')}>
                      <Tag color={field ? undefined : 'red'} data-testid="tpl-field" data-key={p}>
                        {field ? (language === 'en' ? field.label_en : field.label_ja) : `{{${p}}}`}
                      </Tag>
                    </Tooltip>
                  );
                })}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadTemplate(r.type)} data-testid={`tpl-download-${r.type}`}>
                  {t('tpl.download')}
                </Button>
                {isOffice(me) && (
                  <Upload
                    accept=".docx"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      send(r.type, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid={`tpl-upload-${r.type}`}>
                      {t('tpl.upload')}
                    </Button>
                  </Upload>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Card title={t('tpl.known')} size="small" style={{ marginTop: 16 }}>
        <Space size={[4, 8]} wrap>
          {(templates.data?.merge_fields ?? []).map((p) => (
            <Tag key={p.name} className="tpl-known-field">
              {language === 'en' ? p.label_en : p.label_ja} <code className="tpl-key">{`{{${p.name}}}`}</code>
            </Tag>
          ))}
        </Space>
      </Card>
    </div>
  );
}

function TurnaroundPage({ me }: { me: Me }) {
  const { t } = useTranslation('contracts');
  const data = useTurnaround();
  const stages = data.data?.stages ?? [];
  return (
    <div className="page">
      <PageTitle>{t('turnaround')}</PageTitle>
      <SubNav me={me} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('ta.help')}
      </Typography.Paragraph>
      <Table
        rowKey="type"
        loading={data.isLoading}
        dataSource={data.data?.types ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="turnaround-table"
        columns={[
          { title: t('ta.type'), key: 'type', render: (_: unknown, r) => t(`types.${r.type}`) },
          { title: t('ta.contracts'), dataIndex: 'contracts', key: 'contracts', align: 'right' as const },
          ...stages.map((s) => ({
            title: t(`statuses.${s}`),
            key: s,
            align: 'right' as const,
            render: (_: unknown, r: { stages: Record<string, { median_days: number | null; count: number }> }) => (
              <span title={t('ta.n', { n: r.stages[s]?.count ?? 0 })}>{formatDays(r.stages[s]?.median_days)}</span>
            ),
          })),
          { title: t('ta.total'), key: 'total', align: 'right' as const, render: (_: unknown, r) => <strong>{formatDays(r.median_days_to_sign || null)}</strong> },
        ]}
      />
    </div>
  );
}

export function ContractsRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<ContractList me={me} />} />
      <Route path="templates" element={<TemplatesPage me={me} />} />
      <Route path="turnaround" element={<TurnaroundPage me={me} />} />
      <Route path=":id" element={<ContractPage me={me} />} />
    </Routes>
  );
}
