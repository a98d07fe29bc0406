// One proposal to an open call. Its applicant edits it (title, aims, company lead, team, budget by
// fiscal year, linked needs and seeds, attachments), saves drafts, submits and withdraws it before
// the deadline; everyone else who may see it reads it. An assigned reviewer scores it here, also
// straight from the inbox (?review=1 scrolls to the form).
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Result, Select, Space, Spin, Typography } from 'antd';
import { ClockCircleOutlined, MinusCircleOutlined, PlusOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, type Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { LinkPicker, PersonSelect, type LinkOption } from '../projects/components';
import { opencallApi, useCall, useOpenCallAction, useProposal, type Proposal, type ProposalInput } from './api';
import { AttachmentsPanel } from './AttachmentsPanel';
import { PersonName, ProposalStatusTag, showPathError } from './components';
import {
  budgetTotal,
  daysLeft,
  deadlinePassed,
  fiscalYearOf,
  formatDate,
  formatYen,
  TEAM_ROLES,
  titleOf,
  toProposalInput,
  tokyoToday,
  type ProposalValues,
} from './model';
import { ReviewCard } from './ReviewCard';
import './opencall.css';
import { TitleFields } from '../../shell/TitleFields';

const FIELDS = ['title_ja', 'title_en', 'aims', 'company_lead_id', 'team', 'budgets', 'links'];
const LISTS = ['team', 'budgets', 'links'];

const yenFormatter = (v: number | string | undefined) => (v === undefined || v === null || v === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
const yenParser = (v: string | undefined) => Number((v ?? '').replace(/[^\d]/g, ''));

export function valuesFromProposal(p: Proposal): ProposalValues {
  return {
    title_ja: p.title_ja,
    title_en: p.title_en,
    aims: p.aims,
    company_lead_id: p.company_lead?.id ?? undefined,
    team: p.team.map((m) => ({ person_id: m.person.id, role: m.role })),
    budgets: p.budgets.map((b) => ({ ...b })),
    links: p.links.map((l) => `${l.kind}:${l.target_id}`),
  };
}

export function ProposalPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('opencall');
  const proposal = useProposal(id);
  if (proposal.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (proposal.isError) return <Result status="warning" title={errorMessage(proposal.error, t)} extra={<Link to="/opencall">{t('common.backToList')}</Link>} />;
  return <ProposalView key={proposal.data.id} proposal={proposal.data} me={me} />;
}

function ProposalView({ proposal, me }: { proposal: Proposal; me: Me }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const [params] = useSearchParams();
  const call = useCall(proposal.call.id);
  const cap = call.data?.per_project_cap_yen;
  const passed = deadlinePassed(proposal.call.closes_on);
  const left = daysLeft(proposal.call.closes_on, tokyoToday());
  // The deadline matters to the applicant (and the team) while the proposal can still change.
  const mine = proposal.applicant.id === me.id || proposal.team.some((m) => m.person.id === me.id);
  const live = mine && (proposal.status === 'draft' || proposal.status === 'submitted');
  const p = proposal.permissions;

  return (
    <div className="page" data-testid="proposal-page">
      <PageTitle>
        <Space wrap size={8}>
          <span>{titleOf(proposal, language) || t('proposal.untitled')}</span>
          <ProposalStatusTag status={proposal.status} />
        </Space>
      </PageTitle>
      <div style={{ marginBottom: 12 }}>
        <Link to={`/opencall/${proposal.call.id}`}>{t('proposal.backToCall', { title: titleOf(proposal.call, language) })}</Link>
      </div>

      {live && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="proposal-deadline">
          <Space wrap size={[16, 4]} className="oc-deadline">
            <span>
              <ClockCircleOutlined /> {t('proposal.closesOn')}
            </span>
            <strong>{t('proposal.closesAt', { date: formatDate(proposal.call.closes_on, language) })}</strong>
            {!passed && <Typography.Text type={left <= 3 ? 'warning' : 'secondary'}>{t('proposal.daysLeft', { count: left })}</Typography.Text>}
          </Space>
        </Card>
      )}
      {live && passed && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="deadline-passed"
          title={t('proposal.deadlinePassed', { date: formatDate(proposal.call.closes_on, language) })}
          description={proposal.status === 'draft' ? t('proposal.deadlinePassedDraft') : t('proposal.deadlinePassedSubmitted')}
        />
      )}
      {mine && proposal.status === 'submitted' && !passed && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('proposal.submittedAt', { at: formatDateTime(proposal.submitted_at, language) })}
          description={p.edit ? t('proposal.submittedEditable') : undefined}
        />
      )}
      {proposal.status === 'selected' && proposal.project_id && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('proposal.selected')}
          description={<Link to={`/projects/${proposal.project_id}`}>{t('proposal.toProject')}</Link>}
        />
      )}

      {p.edit ? <ProposalForm proposal={proposal} me={me} cap={cap} /> : <ProposalDetails proposal={proposal} />}
      {p.withdraw && !p.edit && <WithdrawButton proposal={proposal} />}
      <AttachmentsPanel proposal={proposal} />
      {p.review && <ReviewCard proposal={proposal} focus={params.get('review') === '1'} />}
    </div>
  );
}

function WithdrawButton({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('opencall');
  const { message } = App.useApp();
  const withdraw = useOpenCallAction(() => opencallApi.withdrawProposal(proposal.id));
  return (
    <Popconfirm
      title={t('proposal.withdrawConfirm')}
      okText={t('proposal.withdraw')}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          await withdraw.mutateAsync(undefined);
          void message.success(t('proposal.withdrawn'));
        } catch (error) {
          void message.error(errorMessage(error, t));
        }
      }}
    >
      <Button danger icon={<RollbackOutlined />} loading={withdraw.isPending} style={{ marginBottom: 16 }} data-testid="proposal-withdraw">
        {t('proposal.withdraw')}
      </Button>
    </Popconfirm>
  );
}

function ProposalForm({ proposal, me, cap }: { proposal: Proposal; me: Me; cap: number | undefined }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposalValues>();
  const save = useOpenCallAction((input: ProposalInput) => opencallApi.updateProposal(proposal.id, input));
  const submit = useOpenCallAction(() => opencallApi.submitProposal(proposal.id));
  const withdraw = useOpenCallAction(() => opencallApi.withdrawProposal(proposal.id));
  const budgets = Form.useWatch('budgets', form);
  const total = budgetTotal(budgets);
  const overCap = cap !== undefined && total > cap;
  const p = proposal.permissions;
  const knownPeople = useMemo(
    () => [
      { id: me.id, name_ja: me.name_ja, name_en: me.name_en },
      ...(proposal.company_lead ? [proposal.company_lead] : []),
      ...proposal.team.map((m) => m.person),
    ],
    [me, proposal],
  );
  const knownLinks: LinkOption[] = proposal.links.map((l) => ({ kind: l.kind, id: l.target_id, title: l.title || l.target_id }));

  const fail = (error: unknown) => {
    // After the deadline the server answers 409 naming closes_on, which is no field of this form.
    if (error instanceof ApiError && error.field === 'closes_on') void message.error(t('proposal.lateRefused', { message: error.message }));
    else if (!showPathError(form, error, t, FIELDS, LISTS)) void message.error(errorMessage(error, t));
  };

  const saveDraft = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    try {
      await save.mutateAsync(toProposalInput(form.getFieldsValue(true) as ProposalValues));
      void message.success(t('proposal.saved'));
    } catch (error) {
      fail(error);
    }
  };

  const saveAndSubmit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    try {
      await save.mutateAsync(toProposalInput(form.getFieldsValue(true) as ProposalValues));
      await submit.mutateAsync(undefined);
      void message.success(t('proposal.submitted'));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card title={t('proposal.formTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('proposal.formIntro')}</Typography.Paragraph>
      <Form<ProposalValues> form={form} layout="vertical" initialValues={valuesFromProposal(proposal)} data-testid="proposal-form">
        <TitleFields labelJa={t('field.titleJa')} labelEn={t('field.titleEn')} requiredMessage={t('form.titleRequired')} testId="proposal-title" />
        <Form.Item name="aims" label={t('field.aims')} extra={t('proposal.aimsHelp')} rules={[{ max: 8000 }]}>
          <Input.TextArea rows={6} data-testid="proposal-aims" />
        </Form.Item>
        <Form.Item
          name="company_lead_id"
          label={t('field.companyLead')}
          extra={
            proposal.partner_company ? t('proposal.partnerCompany', { name: displayName(proposal.partner_company, language) }) : t('proposal.companyLeadHelp')
          }
        >
          <PersonSelect role="company_researcher" placeholder={t('form.searchPerson')} known={knownPeople} testId="proposal-lead" />
        </Form.Item>
        <Typography.Text strong>{t('field.team')}</Typography.Text>
        <Form.List name="team">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }} data-testid="team-row">
                  <Form.Item name={[field.name, 'person_id']} style={{ minWidth: 240 }}>
                    <PersonSelect placeholder={t('form.searchPerson')} known={knownPeople} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} initialValue="researcher">
                    <Select style={{ width: 160 }} options={TEAM_ROLES.map((r) => ({ value: r, label: t(`teamRole.${r}`) }))} aria-label={t('field.role')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" onClick={() => add({ role: 'co_investigator' })} icon={<PlusOutlined />} data-testid="team-add">
                  {t('proposal.addMember')}
                </Button>
              </Form.Item>
            </div>
          )}
        </Form.List>
        <Typography.Text strong>{t('field.budgets')}</Typography.Text>
        <Form.List name="budgets">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }} data-testid="budget-row">
                  <Form.Item name={[field.name, 'fiscal_year']} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber min={2000} max={2100} precision={0} prefix={t('proposal.fy')} style={{ width: 140 }} aria-label={t('proposal.fiscalYear')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amount_yen']} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber<number>
                      min={0}
                      step={100_000}
                      style={{ width: 200 }}
                      suffix={t('common.yen')}
                      formatter={yenFormatter}
                      parser={yenParser}
                      aria-label={t('proposal.amount')}
                      data-testid="budget-amount"
                    />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Form.Item
                extra={
                  <span className={overCap ? 'oc-over' : undefined} data-testid="budget-total">
                    {cap !== undefined
                      ? t('proposal.budgetTotalCap', { total: formatYen(total, language), cap: formatYen(cap, language) })
                      : t('proposal.budgetTotal', { total: formatYen(total, language) })}
                  </span>
                }
              >
                <Button
                  type="dashed"
                  onClick={() => {
                    const rows = (form.getFieldValue('budgets') ?? []) as NonNullable<ProposalValues['budgets']>;
                    const last = rows.length ? rows[rows.length - 1]?.fiscal_year : undefined;
                    add({ fiscal_year: last ? last + 1 : fiscalYearOf(tokyoToday()) });
                  }}
                  icon={<PlusOutlined />}
                  data-testid="budget-add"
                >
                  {t('proposal.addBudget')}
                </Button>
              </Form.Item>
            </div>
          )}
        </Form.List>
        <Form.Item name="links" label={t('field.links')} extra={t('proposal.linksHelp')}>
          <LinkPicker known={knownLinks} placeholder={t('proposal.linksSearch')} testId="proposal-links" />
        </Form.Item>
      </Form>
      <Space wrap>
        <Button icon={<SaveOutlined />} loading={save.isPending && !submit.isPending} onClick={() => void saveDraft()} data-testid="proposal-save">
          {proposal.status === 'draft' ? t('proposal.saveDraft') : t('proposal.saveChanges')}
        </Button>
        {p.submit && (
          <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} onClick={() => void saveAndSubmit()} data-testid="proposal-submit">
            {t('proposal.submit')}
          </Button>
        )}
        {p.withdraw && (
          <Popconfirm
            title={t('proposal.withdrawConfirm')}
            okText={t('proposal.withdraw')}
            cancelText={t('common.cancel')}
            onConfirm={async () => {
              try {
                await withdraw.mutateAsync(undefined);
                void message.success(t('proposal.withdrawn'));
              } catch (error) {
                fail(error);
              }
            }}
          >
            <Button danger icon={<RollbackOutlined />} loading={withdraw.isPending} data-testid="proposal-withdraw">
              {t('proposal.withdraw')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {p.submit && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('proposal.submitHelp')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function ProposalDetails({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  return (
    <Card title={t('proposal.detailsTitle')} style={{ marginBottom: 16 }} data-testid="proposal-details">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'applicant', label: t('field.applicant'), children: <PersonName person={proposal.applicant} /> },
          ...(language === 'ja' && proposal.title_en ? [{ key: 'en', label: t('field.titleEn'), children: proposal.title_en }] : []),
          ...(language === 'en' && proposal.title_ja ? [{ key: 'ja', label: t('field.titleJa'), children: proposal.title_ja }] : []),
          { key: 'aims', label: t('field.aims'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{proposal.aims || '—'}</span> },
          {
            key: 'lead',
            label: t('field.companyLead'),
            children: proposal.company_lead ? (
              <span>
                <PersonName person={proposal.company_lead} />
                {proposal.partner_company && ` (${displayName(proposal.partner_company, language)})`}
              </span>
            ) : (
              '—'
            ),
          },
          {
            key: 'team',
            label: t('field.team'),
            children: proposal.team.length ? (
              <ul className="oc-plain-list">
                {proposal.team.map((m) => (
                  <li key={m.person.id}>
                    <PersonName person={m.person} /> · {t(`teamRole.${m.role}`)}
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            ),
          },
          {
            key: 'budgets',
            label: t('field.budgets'),
            children: (
              <Space orientation="vertical" size={0}>
                {proposal.budgets.map((b) => (
                  <span key={b.fiscal_year}>
                    {t('proposal.fyYear', { year: b.fiscal_year })}: {formatYen(b.amount_yen, language)}
                  </span>
                ))}
                <strong>{t('proposal.budgetTotal', { total: formatYen(proposal.requested_yen, language) })}</strong>
              </Space>
            ),
          },
          {
            key: 'links',
            label: t('field.links'),
            children: proposal.links.length ? (
              <ul className="oc-plain-list">
                {proposal.links.map((l) => (
                  <li key={`${l.kind}:${l.target_id}`}>
                    [{t(`linkKind.${l.kind}`)}] <Link to={`/exchange/${l.kind}s/${l.target_id}`}>{l.title || l.target_id}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            ),
          },
          ...(proposal.submitted_at ? [{ key: 'submitted', label: t('field.submittedAt'), children: formatDateTime(proposal.submitted_at, language) }] : []),
        ]}
      />
    </Card>
  );
}
