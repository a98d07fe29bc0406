// 出願: the open legal deadlines of the invention (with the provision each comes from), its filings
// — a Japanese application, a PCT application, national phases — and, for the office once it has
// decided to file, forms to record a filing and what happened to it (examination requested,
// registration, the grace period's proof).
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/DateField';
import { errorMessage, showFieldError } from '../../shell/errors';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { ipApi, useIpMutation, type Deadline, type Filing, type FilingInput, type FilingUpdate, type Invention } from './api';
import { DueDate } from './components';
import { ConsentNotice } from './ConsentNotice';
import { FILING_KINDS, isOverdue, sortByDue, tokyoToday, type FilingKind } from './model';

export function FilingsPanel({ invention: inv }: { invention: Invention }) {
  const { t } = useTranslation('ip');
  const [updating, setUpdating] = useState<Filing | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <section aria-labelledby="ip-deadlines-heading">
        <Typography.Title level={5} id="ip-deadlines-heading">
          {t('filings.deadlinesTitle')}
        </Typography.Title>
        <InventionDeadlines invention={inv} />
      </section>
      <section aria-labelledby="ip-filings-heading">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
          <Typography.Title level={5} id="ip-filings-heading" style={{ margin: 0 }}>
            {t('filings.title')}
          </Typography.Title>
          {inv.may.file && !adding && !(inv.company_consent_required && !inv.company_consent_on && inv.filings.length === 0) && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="ip-filing-add">
              {t('filings.add')}
            </Button>
          )}
        </Space>
        <ConsentNotice invention={inv} office={inv.may.file} />
        {!inv.may.file && (inv.status === 'disclosed' || inv.status === 'evaluating') && (
          <Alert type="info" showIcon title={t('filings.afterDecision')} style={{ marginBottom: 12 }} />
        )}
        {adding && <AddFilingForm invention={inv} onDone={() => setAdding(false)} />}
        <ResponsiveTable<Filing>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={inv.filings}
          cardTestId="ip-filing-card"
          data-testid="ip-filings"
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('filings.none')} /> }}
          columns={[
            { key: 'kind', title: t('filings.kind'), card: 'title', render: (_, f) => `${t(`filingKinds.${f.kind}`)} (${f.country})` },
            { key: 'number', title: t('filings.number'), render: (_, f) => <span className="ip-wrap">{f.number || '—'}</span> },
            { key: 'filed', title: t('filings.filedOn'), render: (_, f) => <span className="nowrap">{f.filed_on}</span> },
            { key: 'priority', title: t('filings.priorityDate'), render: (_, f) => f.priority_date },
            { key: 'exam', title: t('filings.examinationRequestedOn'), render: (_, f) => f.examination_requested_on },
            { key: 'registered', title: t('filings.registeredOn'), render: (_, f) => f.registered_on },
            { key: 'proof', title: t('filings.graceProofOn'), render: (_, f) => f.grace_proof_on },
            ...(inv.may.file
              ? [
                  {
                    key: 'actions',
                    title: '',
                    card: 'actions' as const,
                    render: (_: unknown, f: Filing) => (
                      <Button
                        size="small"
                        onClick={() => setUpdating(f)}
                        data-testid="ip-filing-update"
                        aria-label={t('filings.updateOf', { number: f.number || f.filed_on })}
                      >
                        {t('filings.update')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>
      {updating && <UpdateFilingModal invention={inv} filing={updating} onClose={() => setUpdating(null)} />}
    </Space>
  );
}

/** The invention's open deadlines, soonest first, each with what it is counted from. */
export function InventionDeadlines({ invention: inv }: { invention: Invention }) {
  const { t } = useTranslation('ip');
  const today = tokyoToday();
  const filingLabel = (d: Deadline) => {
    const f = inv.filings.find((x) => x.id === d.filing_id);
    if (!f) return t('filings.fromDisclosure', { date: inv.disclosed_on ?? '' });
    return t('filings.fromFiling', { kind: t(`filingKinds.${f.kind}`), date: f.filed_on });
  };
  return (
    <ResponsiveTable<Deadline>
      rowKey={(d) => `${d.kind}:${d.filing_id ?? ''}:${d.due_on}`}
      size="small"
      pagination={false}
      dataSource={sortByDue(inv.deadlines)}
      cardTestId="ip-deadline-card"
      data-testid="ip-invention-deadlines"
      rowClassName={(d) => (isOverdue(d, today) ? 'ip-overdue-row' : '')}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.none')} /> }}
      columns={[
        { key: 'kind', title: t('columns.deadline'), card: 'title', render: (_, d) => <span className="ip-wrap">{t(`deadlineKinds.${d.kind}`)}</span> },
        {
          key: 'due',
          title: t('columns.dueOn'),
          render: (_, d) => (
            <Space orientation="vertical" size={0}>
              <DueDate due={d.due_on} overdue={isOverdue(d, today)} />
              {d.period_end && d.period_end !== d.due_on && <span className="muted">{t('deadlines.periodEnd', { date: d.period_end })}</span>}
            </Space>
          ),
        },
        { key: 'from', title: t('columns.countedFrom'), render: (_, d) => <span className="ip-wrap">{filingLabel(d)}</span> },
        { key: 'source', title: t('columns.source'), render: (_, d) => <span className="ip-wrap">{d.source_ja}</span> },
      ]}
    />
  );
}

interface AddValues {
  kind: FilingKind;
  country?: string;
  number?: string;
  filed_on: string;
  priority_date?: string;
}

function AddFilingForm({ invention: inv, onDone }: { invention: Invention; onDone: () => void }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const add = useIpMutation((body: FilingInput) => ipApi.addFiling(inv.id, body));
  const kind = Form.useWatch('kind', form);
  const firstJp = [...inv.filings].filter((f) => f.kind === 'jp').sort((a, b) => (a.filed_on < b.filed_on ? -1 : 1))[0];
  const finish = (v: AddValues) => {
    const body: FilingInput = { kind: v.kind, country: (v.country ?? '').trim().toUpperCase(), number: (v.number ?? '').trim(), filed_on: v.filed_on };
    if (v.priority_date) body.priority_date = v.priority_date;
    add.mutate(body, {
      onSuccess: () => {
        void message.success(t('filings.added'));
        onDone();
      },
      onError: (e) => {
        if (!showFieldError(form, e, t, ['kind', 'country', 'number', 'filed_on', 'priority_date'])) void message.error(errorMessage(e, t));
      },
    });
  };
  return (
    <Card size="small" title={t('filings.add')} style={{ marginBottom: 12, maxWidth: 760 }}>
      <Form<AddValues>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={
          inv.filings.length === 0
            ? { kind: 'jp', country: 'JP', filed_on: tokyoToday() }
            : { kind: 'pct', country: 'WO', filed_on: tokyoToday(), priority_date: firstJp?.filed_on }
        }
        onValuesChange={(changed: Partial<AddValues>) => {
          if (changed.kind === 'jp') form.setFieldsValue({ country: 'JP' });
          if (changed.kind === 'pct') form.setFieldsValue({ country: 'WO', priority_date: firstJp?.filed_on });
          if (changed.kind === 'national') form.setFieldsValue({ country: '', priority_date: firstJp?.filed_on });
        }}
        data-testid="ip-filing-form"
      >
        <div className="ip-form-row">
          <Form.Item name="kind" label={t('filings.kind')} rules={[{ required: true, message: t('form.required') }]} style={{ minWidth: 180 }}>
            <Select options={FILING_KINDS.map((k) => ({ value: k, label: t(`filingKinds.${k}`) }))} data-testid="ip-filing-kind" />
          </Form.Item>
          <Form.Item
            name="country"
            label={t('filings.country')}
            extra={t('filings.countryHelp')}
            rules={[{ pattern: /^[A-Za-z]{2}$/, message: t('filings.countryInvalid') }]}
          >
            <Input maxLength={2} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="number" label={t('filings.number')}>
            <Input maxLength={60} style={{ width: 220 }} data-testid="ip-filing-number" />
          </Form.Item>
        </div>
        <div className="ip-form-row">
          <Form.Item name="filed_on" label={t('filings.filedOn')} rules={[{ required: true, message: t('form.required') }]}>
            <DateField />
          </Form.Item>
          {kind !== 'jp' && (
            <Form.Item name="priority_date" label={t('filings.priorityDate')} extra={t('filings.priorityHelp')}>
              <DateField />
            </Form.Item>
          )}
        </div>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="ip-filing-save">
            {t('filings.save')}
          </Button>
          <Button onClick={onDone}>{t('form.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

interface UpdateValues {
  number?: string;
  examination_requested_on?: string;
  registered_on?: string;
  grace_proof_on?: string;
}

function UpdateFilingModal({ invention: inv, filing: f, onClose }: { invention: Invention; filing: Filing; onClose: () => void }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateValues>();
  const update = useIpMutation((body: FilingUpdate) => ipApi.updateFiling(inv.id, f.id, body));
  const finish = (v: UpdateValues) => {
    const body: FilingUpdate = {};
    if ((v.number ?? '').trim() && v.number!.trim() !== f.number) body.number = v.number!.trim();
    if (v.examination_requested_on) body.examination_requested_on = v.examination_requested_on;
    if (v.registered_on) body.registered_on = v.registered_on;
    if (v.grace_proof_on) body.grace_proof_on = v.grace_proof_on;
    update.mutate(body, {
      onSuccess: () => {
        void message.success(t('filings.updated'));
        onClose();
      },
      onError: (e) => {
        if (!showFieldError(form, e, t, ['number', 'examination_requested_on', 'registered_on', 'grace_proof_on'])) void message.error(errorMessage(e, t));
      },
    });
  };
  return (
    <Modal
      open
      title={`${t('filings.update')}: ${t(`filingKinds.${f.kind}`)} ${f.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'ip-filing-update-ok' }}
      destroyOnHidden
    >
      <Form<UpdateValues>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={{
          number: f.number,
          examination_requested_on: f.examination_requested_on ?? undefined,
          registered_on: f.registered_on ?? undefined,
          grace_proof_on: f.grace_proof_on ?? undefined,
        }}
        data-testid="ip-filing-update-form"
      >
        <Form.Item name="number" label={t('filings.number')}>
          <Input maxLength={60} />
        </Form.Item>
        {f.kind === 'jp' && (
          <Form.Item name="examination_requested_on" label={t('filings.examinationRequestedOn')}>
            <DateField data-testid="ip-exam-date" />
          </Form.Item>
        )}
        <Form.Item name="registered_on" label={t('filings.registeredOn')} extra={t('filings.registeredHelp')}>
          <DateField />
        </Form.Item>
        {f.kind === 'jp' && inv.disclosed_on && (
          <Form.Item name="grace_proof_on" label={t('filings.graceProofOn')}>
            <DateField />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
