// 職務発明の補償金 (rewards): an inventor's own rewards (what is due and what has been paid), and for the office the
// whole ledger with payments to record, the ledger as CSV or Excel, and the reward rules.
import { App, Button, Card, Empty, Form, InputNumber, Modal, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { DateField } from '../../shell/DateField';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable, type ResponsiveColumn } from '../../shell/ResponsiveTable';
import { ipApi, ledgerUrl, useIpMutation, useRewardRules, useRewards, type LedgerRow, type RewardRules } from './api';
import { isIpOffice, SubNav, Yen, yenInput } from './components';
import { formatYen, tokyoToday } from './model';

export function RewardsPage({ me }: { me: Me }) {
  const { t } = useTranslation('ip');
  const language = currentLanguage();
  const office = isIpOffice(me);
  const rewards = useRewards();
  const [paying, setPaying] = useState<LedgerRow | null>(null);
  const columns: ResponsiveColumn<LedgerRow>[] = [
    {
      key: 'invention',
      title: t('rewards.invention'),
      card: 'title',
      render: (_, r) => (
        <Link to={`/ip/inventions/${r.invention_id}`} className="ip-wrap">
          {r.invention_title}
        </Link>
      ),
    },
    ...(office ? [{ key: 'person', title: t('rewards.person'), render: (_: unknown, r: LedgerRow) => displayName(r.person, language) }] : []),
    { key: 'kind', title: t('rewards.kind'), render: (_, r) => t(`rewardKinds.${r.kind}`) },
    { key: 'basis', title: t('rewards.basisOn'), render: (_, r) => <span className="nowrap">{r.basis_on}</span> },
    { key: 'amount', title: t('rewards.amount'), align: 'right', render: (_, r) => <Yen amount={r.amount_yen} /> },
    {
      key: 'paid',
      title: t('rewards.paidOn'),
      render: (_, r) =>
        r.paid_on ? (
          <span className="nowrap">{r.paid_on}</span>
        ) : office ? (
          <Button size="small" onClick={() => setPaying(r)} data-testid="ip-mark-paid">
            {t('rewards.markPaid')}
          </Button>
        ) : (
          <Typography.Text type="warning">{t('rewards.unpaid')}</Typography.Text>
        ),
    },
  ];
  return (
    <div className="page">
      <PageTitle>{office ? t('rewards.ledger') : t('rewards.mine')}</PageTitle>
      <SubNav />
      <Typography.Paragraph type="secondary">{office ? t('rewards.ledgerHelp') : t('rewards.mineHelp')}</Typography.Paragraph>
      {rewards.isError && <Typography.Paragraph type="danger">{errorMessage(rewards.error, t)}</Typography.Paragraph>}
      {rewards.data && (
        <div className="ip-totals" data-testid="ip-reward-totals">
          <Card size="small">
            <Statistic title={t('rewards.dueTotal')} value={formatYen(rewards.data.due_total_yen)} />
          </Card>
          <Card size="small">
            <Statistic title={t('rewards.paidTotal')} value={formatYen(rewards.data.paid_total_yen)} />
          </Card>
        </div>
      )}
      {office && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button icon={<DownloadOutlined />} href={ledgerUrl('csv', language)} download data-testid="ip-ledger-csv">
            {t('rewards.csv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={ledgerUrl('xlsx', language)} download data-testid="ip-ledger-xlsx">
            {t('rewards.xlsx')}
          </Button>
        </Space>
      )}
      <ResponsiveTable<LedgerRow>
        rowKey="id"
        size="middle"
        loading={rewards.isLoading}
        dataSource={rewards.data?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        cardTestId="ip-reward-card"
        data-testid="ip-reward-list"
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('rewards.none')} /> }}
      />
      {office ? <RewardRulesCard /> : <RulesLine />}
      {paying && <MarkPaidModal row={paying} onClose={() => setPaying(null)} />}
    </div>
  );
}

function MarkPaidModal({ row, onClose }: { row: LedgerRow; onClose: () => void }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<{ paid_on: string }>();
  const pay = useIpMutation((body: { paid_on: string }) => ipApi.markPaid(row.id, body));
  return (
    <Modal
      open
      title={t('rewards.markPaid')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rewards.markPaid')}
      cancelText={t('form.cancel')}
      confirmLoading={pay.isPending}
      okButtonProps={{ 'data-testid': 'ip-mark-paid-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('rewards.payWhat', { person: displayName(row.person, language), amount: formatYen(row.amount_yen), title: row.invention_title })}
      </Typography.Paragraph>
      <Form<{ paid_on: string }>
        form={form}
        layout="vertical"
        initialValues={{ paid_on: tokyoToday() }}
        onFinish={(v) =>
          pay.mutate(v, {
            onSuccess: () => {
              void message.success(t('rewards.marked'));
              onClose();
            },
            onError: (e) => {
              if (!showFieldError(form, e, t, ['paid_on'])) void message.error(errorMessage(e, t));
            },
          })
        }
      >
        <Form.Item name="paid_on" label={t('rewards.paidOn')} rules={[{ required: true, message: t('form.required') }]}>
          <DateField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RewardRulesCard() {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const rules = useRewardRules();
  const [form] = Form.useForm<RewardRules>();
  const save = useIpMutation((body: RewardRules) => ipApi.saveRewardRules(body));
  return (
    <Card size="small" title={t('rules.title')} style={{ marginTop: 24, maxWidth: 760 }} data-testid="ip-reward-rules">
      <Typography.Paragraph type="secondary">{t('rules.help')}</Typography.Paragraph>
      {rules.isError && <Typography.Paragraph type="danger">{errorMessage(rules.error, t)}</Typography.Paragraph>}
      {rules.data && (
        <Form<RewardRules>
          form={form}
          layout="vertical"
          initialValues={rules.data}
          onFinish={(v) =>
            save.mutate(v, {
              onSuccess: () => void message.success(t('rules.saved')),
              onError: (e) => {
                if (!showFieldError(form, e, t, ['filing_yen', 'registration_yen', 'revenue_percent'])) void message.error(errorMessage(e, t));
              },
            })
          }
        >
          <div className="ip-form-row">
            <Form.Item name="filing_yen" label={t('rules.filingYen')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber<number> {...yenInput} max={100_000_000} step={1000} style={{ width: 180 }} data-testid="ip-rule-filing" />
            </Form.Item>
            <Form.Item name="registration_yen" label={t('rules.registrationYen')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber<number> {...yenInput} max={100_000_000} step={1000} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="revenue_percent" label={t('rules.revenuePercent')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber<number> min={0} max={100} precision={0} suffix="%" style={{ width: 140 }} />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="ip-rules-save">
            {t('form.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** The rules as an inventor reads them (they are published to everyone). */
function RulesLine() {
  const { t } = useTranslation('ip');
  const rules = useRewardRules();
  if (!rules.data) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: 16 }} data-testid="ip-rules-line">
      {t('rules.line', { filing: formatYen(rules.data.filing_yen), registration: formatYen(rules.data.registration_yen), percent: rules.data.revenue_percent })}
    </Typography.Paragraph>
  );
}
