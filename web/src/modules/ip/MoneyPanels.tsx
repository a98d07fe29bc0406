// ライセンス・収入 and 補償金: the invention's licences, each with the revenue received under it and
// its total (the office records both), and the inventors' rewards — an inventor sees their own
// rows, the office all of them.
import { App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateField } from '../../shell/DateField';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useContracts } from '../contracts/api';
import { ipApi, useIpMutation, type Invention, type Licence, type LicenceInput, type Revenue, type RevenueInput, type Reward } from './api';
import { Yen, yenInput } from './components';
import { formatYen, rewardTotals, tokyoToday } from './model';

export function LicencesPanel({ invention: inv }: { invention: Invention }) {
  const { t } = useTranslation('ip');
  const [adding, setAdding] = useState(false);
  const licences = inv.licences ?? [];
  const total = licences.reduce((sum, l) => sum + (l.revenue_total_yen ?? 0), 0);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong data-testid="ip-revenue-total">
          {t('licences.allTotal', { amount: formatYen(total) })}
        </Typography.Text>
        {inv.may.license && !adding && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="ip-licence-add">
            {t('licences.add')}
          </Button>
        )}
      </Space>
      {adding && <AddLicenceForm invention={inv} onDone={() => setAdding(false)} />}
      {licences.length === 0 && !adding && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('licences.none')} />}
      {licences.map((l) => (
        <LicenceCard key={l.id} invention={inv} licence={l} />
      ))}
    </Space>
  );
}

function LicenceCard({ invention: inv, licence: l }: { invention: Invention; licence: Licence }) {
  const { t } = useTranslation('ip');
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      className="ip-licence"
      data-testid="ip-licence"
      title={
        <Space wrap size={4}>
          <span className="ip-wrap">{l.licensee}</span>
          <Tag color={l.exclusive ? 'magenta' : 'default'}>{l.exclusive ? t('licences.exclusive') : t('licences.nonExclusive')}</Tag>
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'signed', label: t('licences.signedOn'), children: l.signed_on },
          {
            key: 'contract',
            label: t('licences.contract'),
            children: l.contract_id ? <Link to={`/contracts/${l.contract_id}`}>{t('licences.contractLink')}</Link> : t('licences.noContract'),
          },
          ...(l.note ? [{ key: 'note', label: t('licences.note'), children: <span className="pre-wrap ip-wrap">{l.note}</span> }] : []),
          { key: 'total', label: t('licences.total'), children: <Yen amount={l.revenue_total_yen} testId="ip-licence-total" /> },
        ]}
      />
      {l.revenue.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('licences.noRevenue')}
        </Typography.Paragraph>
      ) : (
        <ResponsiveTable<Revenue>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={l.revenue}
          cardTestId="ip-revenue-card"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('licences.noRevenue')} /> }}
          columns={[
            { key: 'received', title: t('licences.receivedOn'), render: (_, r) => <span className="nowrap">{r.received_on}</span> },
            { key: 'amount', title: t('licences.amount'), align: 'right', render: (_, r) => <Yen amount={r.amount_yen} /> },
            { key: 'note', title: t('licences.note'), render: (_, r) => <span className="ip-wrap">{r.note}</span> },
          ]}
        />
      )}
      {inv.may.license &&
        (adding ? (
          <AddRevenueForm invention={inv} licence={l} onDone={() => setAdding(false)} />
        ) : (
          <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setAdding(true)} data-testid="ip-revenue-add">
            {t('licences.addRevenue')}
          </Button>
        ))}
    </Card>
  );
}

interface LicenceValues {
  licensee: string;
  contract_id?: string;
  exclusive: boolean;
  signed_on: string;
  note?: string;
}

function AddLicenceForm({ invention: inv, onDone }: { invention: Invention; onDone: () => void }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const [form] = Form.useForm<LicenceValues>();
  const contracts = useContracts({ project_id: inv.project_id });
  const add = useIpMutation((body: LicenceInput) => ipApi.addLicence(inv.id, body));
  const finish = (v: LicenceValues) => {
    const body: LicenceInput = { licensee: v.licensee.trim(), exclusive: v.exclusive, signed_on: v.signed_on };
    if (v.contract_id) body.contract_id = v.contract_id;
    if (v.note?.trim()) body.note = v.note.trim();
    add.mutate(body, {
      onSuccess: () => {
        void message.success(t('licences.added'));
        onDone();
      },
      onError: (e) => {
        if (!showFieldError(form, e, t, ['licensee', 'contract_id', 'exclusive', 'signed_on', 'note'])) void message.error(errorMessage(e, t));
      },
    });
  };
  return (
    <Card size="small" title={t('licences.add')} style={{ maxWidth: 760 }}>
      <Form<LicenceValues>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={{ exclusive: false, signed_on: tokyoToday() }}
        data-testid="ip-licence-form"
      >
        <Form.Item name="licensee" label={t('licences.licensee')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={200} data-testid="ip-licensee" />
        </Form.Item>
        <div className="ip-form-row">
          <Form.Item name="exclusive" label={t('licences.kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: false, label: t('licences.nonExclusive') },
                { value: true, label: t('licences.exclusive') },
              ]}
            />
          </Form.Item>
          <Form.Item name="signed_on" label={t('licences.signedOn')} rules={[{ required: true, message: t('form.required') }]}>
            <DateField />
          </Form.Item>
        </div>
        <Form.Item name="contract_id" label={t('licences.contract')} extra={t('licences.contractHelp')}>
          <Select
            allowClear
            loading={contracts.isLoading}
            options={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
            notFoundContent={t('licences.noContracts')}
          />
        </Form.Item>
        <Form.Item name="note" label={t('licences.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="ip-licence-save">
            {t('licences.save')}
          </Button>
          <Button onClick={onDone}>{t('form.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

interface RevenueValues {
  received_on: string;
  amount_yen: number;
  note?: string;
}

function AddRevenueForm({ invention: inv, licence: l, onDone }: { invention: Invention; licence: Licence; onDone: () => void }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const [form] = Form.useForm<RevenueValues>();
  const add = useIpMutation((body: RevenueInput) => ipApi.addRevenue(inv.id, l.id, body));
  const finish = (v: RevenueValues) => {
    const body: RevenueInput = { received_on: v.received_on, amount_yen: v.amount_yen };
    if (v.note?.trim()) body.note = v.note.trim();
    add.mutate(body, {
      onSuccess: () => {
        void message.success(t('licences.revenueAdded'));
        onDone();
      },
      onError: (e) => {
        if (!showFieldError(form, e, t, ['received_on', 'amount_yen', 'note'])) void message.error(errorMessage(e, t));
      },
    });
  };
  return (
    <Form<RevenueValues>
      form={form}
      layout="vertical"
      onFinish={finish}
      initialValues={{ received_on: tokyoToday() }}
      style={{ marginTop: 12 }}
      data-testid="ip-revenue-form"
    >
      <div className="ip-form-row">
        <Form.Item name="received_on" label={t('licences.receivedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DateField />
        </Form.Item>
        <Form.Item name="amount_yen" label={t('licences.amount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> {...yenInput} min={1} max={100_000_000_000} style={{ width: 200 }} data-testid="ip-revenue-amount" />
        </Form.Item>
        <Form.Item name="note" label={t('licences.note')} style={{ flex: 1 }}>
          <Input maxLength={500} />
        </Form.Item>
      </div>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="ip-revenue-save">
          {t('licences.saveRevenue')}
        </Button>
        <Button onClick={onDone}>{t('form.cancel')}</Button>
      </Space>
    </Form>
  );
}

export function InventionRewardsPanel({ invention: inv }: { invention: Invention }) {
  const { t } = useTranslation('ip');
  const language = currentLanguage();
  const rows = inv.rewards ?? [];
  const totals = rewardTotals(rows);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="ip-totals">
        <Card size="small">
          <Typography.Text type="secondary">{t('rewards.dueTotal')}</Typography.Text>
          <div className="ip-total-figure" data-testid="ip-invention-reward-due">
            {formatYen(totals.due)}
          </div>
        </Card>
        <Card size="small">
          <Typography.Text type="secondary">{t('rewards.paidTotal')}</Typography.Text>
          <div className="ip-total-figure">{formatYen(totals.paid)}</div>
        </Card>
      </div>
      <ResponsiveTable<Reward>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        cardTestId="ip-reward-card"
        data-testid="ip-invention-rewards"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rewards.none')} /> }}
        columns={[
          { key: 'person', title: t('rewards.person'), card: 'title', render: (_, r) => displayName(r.person, language) },
          { key: 'kind', title: t('rewards.kind'), render: (_, r) => t(`rewardKinds.${r.kind}`) },
          { key: 'basis', title: t('rewards.basisOn'), render: (_, r) => <span className="nowrap">{r.basis_on}</span> },
          { key: 'amount', title: t('rewards.amount'), align: 'right', render: (_, r) => <Yen amount={r.amount_yen} /> },
          {
            key: 'paid',
            title: t('rewards.paidOn'),
            render: (_, r) =>
              r.paid_on ? <span className="nowrap">{r.paid_on}</span> : <Typography.Text type="warning">{t('rewards.unpaid')}</Typography.Text>,
          },
        ]}
      />
      <Link to="/ip/rewards">{t('rewards.toLedger')}</Link>
    </Space>
  );
}
