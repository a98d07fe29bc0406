// The tabs of a protocol's page: 概要 (edited while preparing or after revisions are requested),
// 申請書, 期限, 有害事象, 症例登録 and 履歴.
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Progress, Radio, Select, Space, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/DateField';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import {
  ethicsApi,
  generateApplication,
  generateCoiForms,
  saveFile,
  useCommittees,
  useEthicsMutation,
  type AdverseEvent,
  type AdverseEventInput,
  type Deadline,
  type DownloadedFile,
  type HistoryRow,
  type Protocol,
  type ProtocolInput,
} from './api';
import { FileLink } from './ActionModals';
import { DueDate, HolidayWarning, PeopleSelect, PlanFields } from './components';
import { KeyFields } from './KeyFields';
import {
  CATEGORIES,
  enrolmentPercent,
  enrolmentSeries,
  isEditable,
  isOverdue,
  REVIEW_TYPES,
  SERIOUSNESS,
  sortDeadlines,
  tokyoToday,
  type Category,
} from './model';

interface OverviewValues {
  title_ja: string;
  title_en?: string;
  category: Category;
  committee_id: string;
  review_type: string;
  planned_start?: string;
  planned_end?: string;
  target_enrolment?: number | null;
  sites?: string[];
  investigator_ids?: string[];
  jrct_id?: string;
  jrct_registered_on?: string;
}

const OVERVIEW_FIELDS = [
  'title_ja',
  'title_en',
  'category',
  'committee_id',
  'review_type',
  'planned_start',
  'planned_end',
  'target_enrolment',
  'sites',
  'investigator_ids',
  'jrct_id',
  'jrct_registered_on',
];

export function OverviewPanel({ protocol: p }: { protocol: Protocol }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<OverviewValues>();
  const editable = p.may.edit && isEditable(p.status);
  const committees = useCommittees(editable);
  const save = useEthicsMutation((body: ProtocolInput) => ethicsApi.update(p.id, body));
  const subs = p.investigators.filter((i) => i.role === 'sub').map((i) => i.person);
  const jrctOnly = p.may.edit && !editable && p.category === 'specified_clinical';

  const finish = (v: OverviewValues) => {
    const body: ProtocolInput = jrctOnly
      ? { jrct_id: v.jrct_id ?? '', jrct_registered_on: v.jrct_registered_on || null }
      : {
          title_ja: v.title_ja,
          title_en: v.title_en ?? '',
          category: v.category,
          committee_id: v.committee_id,
          review_type: v.review_type,
          planned_start: v.planned_start || null,
          planned_end: v.planned_end || null,
          target_enrolment: v.target_enrolment ?? null,
          sites: v.sites ?? [],
          investigator_ids: v.investigator_ids ?? [],
          jrct_id: v.jrct_id ?? '',
          jrct_registered_on: v.jrct_registered_on || null,
        };
    save.mutate(body, {
      onSuccess: () => void message.success(t('form.saved')),
      onError: (e) => {
        if (!showFieldError(form, e, t, OVERVIEW_FIELDS)) void message.error(errorMessage(e, t));
      },
    });
  };

  const initial: OverviewValues = {
    title_ja: p.title_ja,
    title_en: p.title_en,
    category: p.category,
    committee_id: p.committee,
    review_type: p.review_type,
    planned_start: p.planned_start ?? undefined,
    planned_end: p.planned_end ?? undefined,
    target_enrolment: p.target_enrolment,
    sites: p.sites,
    investigator_ids: subs.map((s) => s.id),
    jrct_id: p.jrct_id,
    jrct_registered_on: p.jrct_registered_on ?? undefined,
  };

  const jrctFields = (
    <div className="ethics-form-row">
      <Form.Item name="jrct_id" label={t('form.jrctId')}>
        <Input maxLength={40} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="jrct_registered_on" label={t('form.jrctOn')}>
        <DateField />
      </Form.Item>
    </div>
  );

  if (!editable)
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <KeyFields protocol={p} />
        {jrctOnly && (
          <Card size="small" title={t('page.jrct')}>
            <Form<OverviewValues> form={form} layout="vertical" initialValues={initial} onFinish={finish}>
              {jrctFields}
              <Button htmlType="submit" loading={save.isPending}>
                {t('form.save')}
              </Button>
            </Form>
          </Card>
        )}
      </Space>
    );

  return (
    <Form<OverviewValues> form={form} layout="vertical" initialValues={initial} onFinish={finish} data-testid="ethics-overview-form" style={{ maxWidth: 760 }}>
      <Form.Item name="title_ja" label={t('form.titleJa')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="title_en" label={t('form.titleEn')}>
        <Input maxLength={300} />
      </Form.Item>
      <div className="ethics-form-row">
        <Form.Item name="category" label={t('form.category')} style={{ minWidth: 220 }}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="review_type" label={t('form.reviewType')} style={{ minWidth: 180 }}>
          <Select options={REVIEW_TYPES.map((r) => ({ value: r, label: t(`reviewTypes.${r}`) }))} />
        </Form.Item>
      </div>
      <Form.Item name="committee_id" label={t('form.committee')}>
        <Select
          loading={committees.isLoading}
          options={(committees.data ?? [])
            .filter((c) => c.active || c.id === p.committee)
            .map((c) => ({
              value: c.id,
              label: `${displayName(c, language)}${c.next_meeting ? ` — ${t('form.nextMeeting', { meets: c.next_meeting.meets_on, cutoff: c.next_meeting.cutoff_on })}` : ''}`,
            }))}
        />
      </Form.Item>
      <PlanFields />
      <Form.Item name="investigator_ids" label={t('overview.subs')}>
        <PeopleSelect known={subs} />
      </Form.Item>
      {p.category === 'specified_clinical' && jrctFields}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="ethics-overview-save">
        {t('form.save')}
      </Button>
    </Form>
  );
}

export function ApplicationPanel({ protocol: p, onSubmit }: { protocol: Protocol; onSubmit?: () => void }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const [file, setFile] = useState<DownloadedFile | null>(null);
  const [busy, setBusy] = useState<'application' | 'coi' | null>(null);
  const run = async (which: 'application' | 'coi') => {
    setBusy(which);
    try {
      const f = which === 'application' ? await generateApplication(p.id) : await generateCoiForms(p.id);
      saveFile(f);
      if (which === 'application') setFile(f);
      void message.success(t('application.downloaded', { name: f.filename }));
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('application.intro')}</Typography.Paragraph>
      <Space wrap>
        <Button icon={<FileWordOutlined />} onClick={() => void run('application')} loading={busy === 'application'} data-testid="ethics-generate">
          {t('application.generate')}
        </Button>
        {onSubmit && (
          <Button type="primary" onClick={onSubmit}>
            {t('application.submit')}
          </Button>
        )}
        {p.category === 'specified_clinical' && (
          <Button icon={<FileExcelOutlined />} onClick={() => void run('coi')} loading={busy === 'coi'} data-testid="ethics-coi-forms">
            {t('application.coiForms')}
          </Button>
        )}
      </Space>
      <FileLink file={file} testId="ethics-application-file" />
      {p.category === 'specified_clinical' && <Typography.Text type="secondary">{t('application.coiFormsHelp')}</Typography.Text>}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('application.filledFrom')}
      </Typography.Title>
      <KeyFields protocol={p} />
    </Space>
  );
}

export function DeadlinesPanel({ protocol: p }: { protocol: Protocol }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const language = currentLanguage();
  const today = tokyoToday();
  const report = useEthicsMutation((d: Deadline) => ethicsApi.report(p.id, { kind: d.kind, due_on: d.due_on, subject_id: d.subject_id || undefined }));
  const rows = sortDeadlines(p.deadlines);
  return (
    <ResponsiveTable<Deadline>
      rowKey={(d) => `${d.kind}:${d.subject_id}:${d.due_on}`}
      size="small"
      pagination={false}
      dataSource={rows}
      cardTestId="ethics-deadline-card"
      data-testid="ethics-deadlines"
      rowClassName={(d) => (isOverdue(d, today) ? 'ethics-overdue-row' : '')}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.none')} /> }}
      columns={[
        {
          key: 'label',
          title: t('columns.label'),
          card: 'title',
          render: (_, d) => <span className="ethics-wrap">{language === 'en' ? d.label_en : d.label_ja}</span>,
        },
        {
          key: 'due',
          title: t('columns.dueOn'),
          render: (_, d) => (
            <Space orientation="vertical" size={0}>
              <DueDate due={d.due_on} overdue={isOverdue(d, today)} />
              {d.legal_due_on && d.legal_due_on !== d.due_on && <span className="muted">{t('deadlines.legalDue', { date: d.legal_due_on })}</span>}
              {d.falls_on_holiday && !d.filed_on && <HolidayWarning />}
            </Space>
          ),
        },
        {
          key: 'source',
          title: t('columns.source'),
          render: (_, d) =>
            d.source_url ? (
              <a href={d.source_url} target="_blank" rel="noreferrer" className="ethics-wrap">
                {d.source_ja}
              </a>
            ) : (
              <span className="ethics-wrap">{d.source_ja}</span>
            ),
        },
        {
          key: 'filed',
          title: t('columns.filed'),
          render: (_, d) =>
            d.filed_on ? (
              t('deadlines.filedOn', { date: d.filed_on })
            ) : p.may.report && d.kind !== 'jrct_registration' ? (
              <Button
                size="small"
                onClick={() =>
                  report.mutate(d, {
                    onSuccess: () => void message.success(t('deadlines.marked')),
                    onError: (e) => void message.error(errorMessage(e, t)),
                  })
                }
                loading={report.isPending && report.variables === d}
                data-testid="ethics-mark-filed"
              >
                {t('deadlines.markFiled')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

interface EventValues {
  learned_on: string;
  occurred_on?: string;
  seriousness: AdverseEventInput['seriousness'];
  expected: boolean;
  unapproved: boolean;
  summary: string;
}

export function EventsPanel({ protocol: p }: { protocol: Protocol }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<EventValues>();
  const [added, setAdded] = useState<string | null>(null);
  const add = useEthicsMutation((body: AdverseEventInput) => ethicsApi.adverseEvent(p.id, body));
  const yesNo = [
    { value: true, label: t('events.yes') },
    { value: false, label: t('events.no') },
  ];
  const finish = (v: EventValues) =>
    add.mutate(
      { ...v, occurred_on: v.occurred_on || undefined, summary: v.summary ?? '' },
      {
        onSuccess: (next) => {
          const known = new Set(p.adverse_events.map((e) => e.id));
          setAdded(next.adverse_events.find((e) => !known.has(e.id))?.id ?? null);
          form.resetFields();
          void message.success(t('events.recorded'));
        },
        onError: (e) => {
          if (!showFieldError(form, e, t, ['learned_on', 'occurred_on', 'seriousness', 'expected', 'unapproved', 'summary']))
            void message.error(errorMessage(e, t));
        },
      },
    );
  const newDeadlines = added ? p.deadlines.filter((d) => d.subject_id === added) : [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {newDeadlines.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="ethics-new-deadline"
          title={newDeadlines.map((d) => (
            <div key={`${d.kind}:${d.due_on}`}>
              {language === 'en' ? d.label_en : d.label_ja}: <strong>{d.due_on}</strong> ({d.source_ja})
            </div>
          ))}
        />
      )}
      {p.may.report && (
        <Card size="small" title={t('events.new')}>
          <Alert type="info" showIcon title={t('events.privacy')} style={{ marginBottom: 12 }} />
          <Form<EventValues>
            form={form}
            layout="vertical"
            onFinish={finish}
            initialValues={{ learned_on: tokyoToday(), seriousness: 'serious', expected: false, unapproved: false }}
            data-testid="ethics-event-form"
          >
            <div className="ethics-form-row">
              <Form.Item name="learned_on" label={t('events.learnedOn')} rules={[{ required: true, message: t('form.required') }]}>
                <DateField data-testid="ethics-event-learned" />
              </Form.Item>
              <Form.Item name="occurred_on" label={t('events.occurredOn')}>
                <DateField />
              </Form.Item>
              <Form.Item name="seriousness" label={t('events.seriousness')} rules={[{ required: true, message: t('form.required') }]} style={{ minWidth: 200 }}>
                <Select options={SERIOUSNESS.map((s) => ({ value: s, label: t(`seriousness.${s}`) }))} data-testid="ethics-event-seriousness" />
              </Form.Item>
            </div>
            <div className="ethics-form-row">
              <Form.Item name="expected" label={t('events.expected')}>
                <Radio.Group options={yesNo} optionType="button" />
              </Form.Item>
              <Form.Item name="unapproved" label={t('events.unapproved')}>
                <Radio.Group options={yesNo} optionType="button" />
              </Form.Item>
            </div>
            <Form.Item name="summary" label={t('events.summary')} extra={t('events.privacy')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="ethics-event-summary" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="ethics-event-add">
              {t('events.add')}
            </Button>
          </Form>
        </Card>
      )}
      <ResponsiveTable<AdverseEvent>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...p.adverse_events].sort((a, b) => (a.learned_on < b.learned_on ? 1 : -1))}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.empty')} /> }}
        data-testid="ethics-events"
        columns={[
          { key: 'learned', title: t('events.learnedOn'), render: (_, e) => e.learned_on },
          { key: 'occurred', title: t('events.occurredOn'), render: (_, e) => e.occurred_on ?? null },
          { key: 'seriousness', title: t('events.seriousness'), render: (_, e) => t(`seriousness.${e.seriousness}`) },
          { key: 'expected', title: t('events.expected'), render: (_, e) => t(e.expected ? 'events.yes' : 'events.no') },
          { key: 'unapproved', title: t('events.unapproved'), render: (_, e) => t(e.unapproved ? 'events.yes' : 'events.no') },
          { key: 'summary', title: t('events.summary'), render: (_, e) => <span className="pre-wrap ethics-wrap">{e.summary}</span> },
        ]}
      />
    </Space>
  );
}

export function EnrolmentPanel({ protocol: p }: { protocol: Protocol }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ counted_on: string; enrolled: number }>();
  const record = useEthicsMutation((body: { counted_on: string; enrolled: number }) => ethicsApi.enrolment(p.id, body));
  const percent = enrolmentPercent(p.enrolled, p.target_enrolment);
  const series = enrolmentSeries(p.enrolment);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="ethics-enrolment-summary">
          <Typography.Text strong>
            {t('enrolment.enrolled', { n: p.enrolled })}
            {p.target_enrolment ? ` / ${t('enrolment.target', { target: p.target_enrolment })}` : ''}
          </Typography.Text>
          {percent === null ? <Typography.Text type="secondary">{t('enrolment.noTarget')}</Typography.Text> : <Progress percent={percent} />}
          {p.target_enrolment && series.length > 0 && (
            <div className="ethics-bars" aria-hidden>
              {series.map((s) => (
                <div key={s.counted_on} className="ethics-bar" title={`${s.counted_on}: ${s.enrolled}`}>
                  <div className="ethics-bar-fill" style={{ height: `${Math.min(100, (s.enrolled / p.target_enrolment!) * 100)}%` }} />
                </div>
              ))}
            </div>
          )}
        </Space>
      </Card>
      {p.may.report && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ counted_on: tokyoToday(), enrolled: p.enrolled }}
          onFinish={(v) =>
            record.mutate(v, {
              onSuccess: () => void message.success(t('enrolment.recorded')),
              onError: (e) => {
                if (!showFieldError(form, e, t, ['counted_on', 'enrolled'])) void message.error(errorMessage(e, t));
              },
            })
          }
          className="ethics-form-row"
        >
          <Form.Item name="counted_on" label={t('enrolment.countedOn')} rules={[{ required: true, message: t('form.required') }]}>
            <DateField />
          </Form.Item>
          <Form.Item name="enrolled" label={t('enrolment.count')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={0} max={10_000_000} data-testid="ethics-enrolled" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t('enrolment.record')}
          </Button>
        </Form>
      )}
      <ResponsiveTable
        rowKey="counted_on"
        size="small"
        pagination={false}
        dataSource={[...series].reverse()}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enrolment.empty')} /> }}
        columns={[
          { key: 'on', title: t('enrolment.countedOn'), render: (_, s) => s.counted_on },
          { key: 'n', title: t('enrolment.count'), align: 'right', render: (_, s) => s.enrolled },
          { key: 'change', title: '+', align: 'right', card: 'hidden', render: (_, s) => (s.change > 0 ? `+${s.change}` : s.change) },
        ]}
      />
    </Space>
  );
}

export function HistoryPanel({ protocol: p }: { protocol: Protocol }) {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  const label = (s: string) => (s ? t(`statuses.${s}`, { defaultValue: s }) : t('history.created'));
  return (
    <ResponsiveTable<HistoryRow>
      rowKey={(h) => `${h.at}:${h.to}`}
      size="small"
      pagination={false}
      dataSource={[...p.history].sort((a, b) => (a.at < b.at ? 1 : -1))}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} /> }}
      data-testid="ethics-history"
      columns={[
        { key: 'change', title: t('history.change'), card: 'title', render: (_, h) => `${label(h.from)} → ${label(h.to)}` },
        { key: 'on', title: t('history.on'), render: (_, h) => h.on },
        { key: 'actor', title: t('history.actor'), render: (_, h) => displayName(h.actor, language) || null },
        { key: 'note', title: t('history.note'), render: (_, h) => (h.note ? <span className="pre-wrap ethics-wrap">{h.note}</span> : null) },
        { key: 'at', title: '', card: 'hidden', render: (_, h) => <span className="muted">{formatDateTime(h.at, language)}</span> },
      ]}
    />
  );
}

export function MetaList({ protocol: p }: { protocol: Protocol }) {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, md: 3 }}
      styles={{ content: { overflowWrap: 'anywhere' } }}
      items={[
        { key: 'committee', label: t('columns.committee'), children: displayName({ name_ja: p.committee_name_ja, name_en: p.committee_name_en }, language) },
        { key: 'pi', label: t('columns.pi'), children: displayName(p.pi, language) },
        { key: 'approval', label: t('page.approvalNo'), children: p.approval_no || '—' },
        { key: 'jrct', label: t('page.jrct'), children: p.jrct_id ? `${p.jrct_id}${p.jrct_registered_on ? ` (${p.jrct_registered_on})` : ''}` : '—' },
        ...(p.meeting
          ? [{ key: 'meeting', label: t('page.meeting'), children: t('page.meetingValue', { meets: p.meeting.meets_on, cutoff: p.meeting.cutoff_on }) }]
          : []),
        ...(p.consent_version
          ? [
              {
                key: 'consent',
                label: t('amend.consentLabel'),
                children: <span data-testid="ethics-consent-version">{t('amend.consentNumber', { n: p.consent_version })}</span>,
              },
            ]
          : []),
        ...(p.expires_on ? [{ key: 'expires', label: t('page.expires'), children: p.expires_on }] : []),
        ...(p.submitted_on ? [{ key: 'submitted', label: t('columns.submitted'), children: p.submitted_on }] : []),
        ...(p.approved_on ? [{ key: 'approved', label: t('columns.approved'), children: p.approved_on }] : []),
      ]}
    />
  );
}
