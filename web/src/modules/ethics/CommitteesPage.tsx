// 委員会・期限ルール (office): the ethics committees with their members, meetings and application
// template; the deadline rules with their legal sources; the turnaround from submission to approval.
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { DateField } from '../../shell/DateField';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import {
  committeeTemplate,
  ethicsApi,
  saveFile,
  useCommittees,
  useEthicsMutation,
  useRules,
  useTurnaround,
  useUploadTemplate,
  type Committee,
  type CommitteeInput,
  type Rule,
  type TurnaroundRow,
} from './api';
import { isOffice, PeopleSelect, SubNav } from './components';
import { COMMITTEE_KINDS, formatMedian, tokyoToday, UNITS } from './model';

export function CommitteesPage({ me }: { me: Me }) {
  const { t } = useTranslation('ethics');
  const committees = useCommittees();
  const office = isOffice(me);
  const [editing, setEditing] = useState<Committee | 'new' | null>(null);
  return (
    <div className="page">
      <PageTitle
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="ethics-committee-new">
              {t('committees.new')}
            </Button>
          )
        }
      >
        {t('committees.title')}
      </PageTitle>
      <SubNav me={me} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {committees.isError && <Typography.Text type="danger">{errorMessage(committees.error, t)}</Typography.Text>}
        {committees.data?.length === 0 && <Empty description={t('committees.empty')} />}
        {(committees.data ?? []).map((c) => (
          <CommitteeCard key={c.id} committee={c} office={office} onEdit={() => setEditing(c)} />
        ))}
        <RulesCard office={office} />
        <TurnaroundCard />
      </Space>
      {editing && <CommitteeModal committee={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function CommitteeCard({ committee: c, office, onEdit }: { committee: Committee; office: boolean; onEdit: () => void }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<{ meets_on: string; cutoff_on: string }>();
  const [note, setNote] = useState('');
  const add = useEthicsMutation((body: { meets_on: string; cutoff_on: string }) => ethicsApi.addMeeting(c.id, body));
  const remove = useEthicsMutation((meetingId: string) => ethicsApi.removeMeeting(c.id, meetingId));
  const upload = useUploadTemplate();
  const today = tokyoToday();
  const [showPast, setShowPast] = useState(false);
  const past = c.meetings.filter((m) => m.meets_on < today).length;
  const meetings = showPast ? c.meetings : c.meetings.filter((m) => m.meets_on >= today);
  const send = (file: File) =>
    upload.mutate(
      { id: c.id, file, note },
      {
        onSuccess: (r) => {
          setNote('');
          void message.success(t('committees.uploaded', { n: r.version }));
          if (r.unknown_merge_fields.length) void message.warning(t('committees.unknownFields', { names: r.unknown_merge_fields.join(', ') }));
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  const download = () =>
    committeeTemplate(c.id)
      .then(saveFile)
      .catch((e: unknown) => void message.error(errorMessage(e, t)));
  return (
    <Card
      size="small"
      className="ethics-committee"
      data-testid="ethics-committee"
      title={
        <Space wrap size={4}>
          <span className="ethics-wrap">{displayName(c, language)}</span>
          <Tag>{t(`kinds.${c.kind}`)}</Tag>
          {!c.active && <Tag>{t('committees.inactive')}</Tag>}
        </Space>
      }
      extra={
        office && (
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={t('committees.edit')}>
            {t('committees.edit')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Text className="ethics-wrap">
          {c.certification_no && (
            <>
              {t('committees.certificationNo')}: {c.certification_no} ·{' '}
            </>
          )}
          {t('committees.validMonths')}: {c.approval_valid_months ?? t('committees.none')}
        </Typography.Text>
        <div>
          <Typography.Text strong>{t('committees.members')}: </Typography.Text>
          {c.members.length ? c.members.map((m) => <Tag key={m.id}>{displayName(m, language)}</Tag>) : t('committees.none')}
        </div>
        <Typography.Text strong>{t('committees.meetings')}</Typography.Text>
        {past > 0 && (
          <Button type="link" size="small" style={{ padding: 0, alignSelf: 'flex-start' }} onClick={() => setShowPast((v) => !v)}>
            {showPast ? t('committees.hidePast') : t('committees.showPast', { count: past })}
          </Button>
        )}
        {meetings.length === 0 ? (
          <Typography.Text type="secondary">{t('form.noMeeting')}</Typography.Text>
        ) : (
          <ul className="ethics-meetings">
            {meetings.map((m) => (
              <li key={m.id} className={m.meets_on < today ? 'muted' : undefined}>
                <span>
                  {t('committees.meetsOn')} {m.meets_on} · {t('committees.cutoffOn')} {m.cutoff_on}
                  {c.next_meeting?.id === m.id && (
                    <Tag color="blue" style={{ marginLeft: 8 }}>
                      {t('committees.next')}
                    </Tag>
                  )}
                </span>
                {office && (
                  <Popconfirm
                    title={t('committees.deleteMeetingConfirm')}
                    onConfirm={() => remove.mutate(m.id, { onError: (e) => void message.error(errorMessage(e, t)) })}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('committees.deleteMeeting')} />
                  </Popconfirm>
                )}
              </li>
            ))}
          </ul>
        )}
        {office && (
          <Form
            form={form}
            layout="inline"
            className="ethics-form-row"
            onFinish={(v) =>
              add.mutate(v, {
                onSuccess: () => form.resetFields(),
                onError: (e) => {
                  if (!showFieldError(form, e, t, ['meets_on', 'cutoff_on'])) void message.error(errorMessage(e, t));
                },
              })
            }
          >
            <Form.Item name="meets_on" label={t('committees.meetsOn')} rules={[{ required: true, message: t('form.required') }]}>
              <DateField />
            </Form.Item>
            <Form.Item name="cutoff_on" label={t('committees.cutoffOn')} rules={[{ required: true, message: t('form.required') }]}>
              <DateField />
            </Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
              {t('committees.addMeeting')}
            </Button>
          </Form>
        )}
        <Typography.Text strong>{t('committees.template')}</Typography.Text>
        <Space wrap>
          <span>{c.template_version ? t('committees.templateVersion', { n: c.template_version }) : t('committees.noTemplate')}</span>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void download()}>
            {t('committees.downloadTemplate')}
          </Button>
          {office && (
            <>
              <Input
                size="small"
                placeholder={t('committees.uploadNote')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                style={{ width: 220 }}
                maxLength={500}
              />
              <Upload
                accept=".docx"
                showUploadList={false}
                beforeUpload={(file) => {
                  send(file);
                  return false;
                }}
              >
                <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
                  {t('committees.upload')}
                </Button>
              </Upload>
            </>
          )}
        </Space>
      </Space>
    </Card>
  );
}

interface CommitteeValues {
  name_ja: string;
  name_en?: string;
  kind: string;
  certification_no?: string;
  approval_valid_months?: number | null;
  member_ids?: string[];
  active: boolean;
}

function CommitteeModal({ committee, onClose }: { committee: Committee | null; onClose: () => void }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const [form] = Form.useForm<CommitteeValues>();
  const save = useEthicsMutation((body: CommitteeInput) => (committee ? ethicsApi.updateCommittee(committee.id, body) : ethicsApi.createCommittee(body)));
  const finish = (v: CommitteeValues) =>
    save.mutate(
      {
        name_ja: v.name_ja,
        name_en: v.name_en ?? '',
        kind: v.kind,
        certification_no: v.certification_no ?? '',
        approval_valid_months: v.approval_valid_months ?? null,
        member_ids: v.member_ids ?? [],
        ...(committee ? { active: v.active } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('committees.saved'));
          onClose();
        },
        onError: (e) => {
          if (!showFieldError(form, e, t, ['name_ja', 'name_en', 'kind', 'certification_no', 'approval_valid_months', 'member_ids']))
            void message.error(errorMessage(e, t));
        },
      },
    );
  return (
    <Modal
      open
      title={committee ? t('committees.edit') : t('committees.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.save')}
      cancelText={t('actions.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<CommitteeValues>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={
          committee
            ? {
                name_ja: committee.name_ja,
                name_en: committee.name_en,
                kind: committee.kind,
                certification_no: committee.certification_no,
                approval_valid_months: committee.approval_valid_months,
                member_ids: committee.members.map((m) => m.id),
                active: committee.active,
              }
            : { kind: 'institutional', active: true }
        }
      >
        <Form.Item name="name_ja" label={t('committees.nameJa')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="name_en" label={t('committees.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('committees.kind')}>
          <Select options={COMMITTEE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <div className="ethics-form-row">
          <Form.Item name="certification_no" label={t('committees.certificationNo')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="approval_valid_months" label={t('committees.validMonths')} extra={t('committees.validHelp')}>
            <InputNumber min={1} max={120} />
          </Form.Item>
        </div>
        <Form.Item name="member_ids" label={t('committees.members')}>
          <PeopleSelect known={committee?.members} />
        </Form.Item>
        {committee && (
          <Form.Item name="active" label={t('committees.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RulesCard({ office }: { office: boolean }) {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  const rules = useRules();
  const [editing, setEditing] = useState<Rule | null>(null);
  return (
    <Card size="small" title={t('rules.title')}>
      <ResponsiveTable<Rule>
        rowKey="code"
        size="small"
        loading={rules.isLoading}
        pagination={false}
        dataSource={rules.data ?? []}
        scroll={{ x: 900 }}
        data-testid="ethics-rules"
        columns={[
          {
            key: 'label',
            title: t('rules.label'),
            card: 'title',
            render: (_, r) => <span className="ethics-wrap">{language === 'en' ? r.label_en : r.label_ja}</span>,
          },
          {
            key: 'period',
            title: t('rules.period'),
            render: (_, r) => <span className="nowrap">{t('rules.periodValue', { amount: r.amount, unit: t(`rules.units.${r.unit}`) })}</span>,
          },
          {
            key: 'source',
            title: t('rules.source'),
            render: (_, r) =>
              r.source_url ? (
                <a href={r.source_url} target="_blank" rel="noreferrer" className="ethics-wrap">
                  {r.source_ja}
                </a>
              ) : (
                <span className="ethics-wrap">{r.source_ja}</span>
              ),
          },
          { key: 'note', title: t('rules.note'), render: (_, r) => (r.note ? <span className="ethics-wrap muted">{r.note}</span> : null) },
          ...(office
            ? [
                {
                  key: 'edit',
                  title: '',
                  render: (_: unknown, r: Rule) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('rules.edit')}>
                      {t('rules.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <RuleModal rule={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function RuleModal({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<{ amount: number; unit: string; source_ja: string; source_url?: string; note?: string }>();
  const save = useEthicsMutation((body: { amount: number; unit: string; source_ja: string; source_url?: string; note?: string }) =>
    ethicsApi.updateRule(rule.code, body),
  );
  return (
    <Modal
      open
      title={language === 'en' ? rule.label_en : rule.label_ja}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.save')}
      cancelText={t('actions.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: rule.amount, unit: rule.unit, source_ja: rule.source_ja, source_url: rule.source_url, note: rule.note }}
        onFinish={(v) =>
          save.mutate(
            { ...v, source_url: v.source_url ?? '', note: v.note ?? '' },
            {
              onSuccess: () => {
                void message.success(t('rules.saved'));
                onClose();
              },
              onError: (e) => {
                if (!showFieldError(form, e, t, ['amount', 'unit', 'source_ja', 'source_url', 'note'])) void message.error(errorMessage(e, t));
              },
            },
          )
        }
      >
        <div className="ethics-form-row">
          <Form.Item name="amount" label={t('rules.amount')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={0} max={3650} />
          </Form.Item>
          <Form.Item name="unit" label={t('rules.unit')} style={{ minWidth: 140 }}>
            <Select options={UNITS.map((u) => ({ value: u, label: t(`rules.units.${u}`).trim() }))} />
          </Form.Item>
        </div>
        <Form.Item name="source_ja" label={t('rules.source')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="source_url" label={t('rules.sourceUrl')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="note" label={t('rules.note')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TurnaroundCard() {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  const turnaround = useTurnaround();
  const table = (rows: TurnaroundRow[], testId: string) => (
    <ResponsiveTable<TurnaroundRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      columns={[
        { key: 'name', title: t('turnaround.name'), card: 'title', render: (_, r) => displayName({ name_ja: r.label_ja, name_en: r.label_en }, language) },
        { key: 'approved', title: t('turnaround.approved'), align: 'right', render: (_, r) => r.approved },
        {
          key: 'median',
          title: t('turnaround.median'),
          align: 'right',
          render: (_, r) => {
            const m = formatMedian(r.median_days);
            return m === null ? t('turnaround.none') : t('turnaround.days', { days: m });
          },
        },
      ]}
    />
  );
  if (turnaround.isError) return null;
  return (
    <Card size="small" title={t('turnaround.title')} loading={turnaround.isLoading}>
      <div className="ethics-turnaround">
        <div>
          <Typography.Title level={5}>{t('turnaround.byCommittee')}</Typography.Title>
          {table(turnaround.data?.committees ?? [], 'ethics-turnaround-committees')}
        </div>
        <div>
          <Typography.Title level={5}>{t('turnaround.byCategory')}</Typography.Title>
          {table(turnaround.data?.categories ?? [], 'ethics-turnaround-categories')}
        </div>
      </div>
    </Card>
  );
}
