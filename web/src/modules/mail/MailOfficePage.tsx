// The office's view of mail: what was sent, what waits, what failed and why (with a retry), and
// the centre's default delivery of each kind.
import { App as AntApp, Button, Card, Segmented, Select, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useIsPhone } from '../../shell/responsive';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useMailDefaults, useOutbox, useRetryMessage, useSetMailDefaults, type MailKind, type OutboxEntry, type OutboxState } from './api';
import { DeliverySelect, kindLabel } from './MailPreferencesCard';

const STATE_COLOURS: Record<OutboxState, string> = { pending: 'gold', sending: 'blue', sent: 'green', failed: 'red' };
const FILTERS = ['all', 'failed', 'pending', 'sending', 'sent'] as const;

function Outbox() {
  const { t } = useTranslation('mail');
  const { message } = AntApp.useApp();
  const [state, setState] = useState<(typeof FILTERS)[number]>('all');
  const outbox = useOutbox(state);
  const retry = useRetryMessage();
  const counts = outbox.data?.counts;
  const phone = useIsPhone();
  const filterOptions = FILTERS.map((f) => ({ value: f, label: f === 'all' || !counts ? t(`state.${f}`) : `${t(`state.${f}`)} (${counts[f]})` }));

  return (
    <>
      {phone ? (
        <Select
          value={state}
          onChange={(value) => setState(value)}
          options={filterOptions}
          style={{ width: '100%', marginBottom: 16 }}
          aria-label={t('outbox.state')}
        />
      ) : (
        <Segmented value={state} onChange={(value) => setState(value as (typeof FILTERS)[number])} options={filterOptions} style={{ marginBottom: 16 }} />
      )}
      {outbox.isError && <Typography.Paragraph type="danger">{errorMessage(outbox.error, t)}</Typography.Paragraph>}
      <ResponsiveTable<OutboxEntry>
        size="small"
        rowKey="id"
        loading={outbox.isLoading}
        dataSource={outbox.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1200 }}
        columns={[
          { title: t('outbox.created'), width: 150, render: (_, e) => formatDateTime(e.created_at, currentLanguage()) },
          { title: t('outbox.to'), dataIndex: 'to', width: 230, ellipsis: true },
          { title: t('outbox.subject'), dataIndex: 'subject', width: 360, ellipsis: true, card: 'title' },
          {
            title: t('outbox.state'),
            width: 100,
            render: (_, e) => (
              <Tag color={STATE_COLOURS[e.state]} data-testid={`outbox-state-${e.state}`}>
                {t(`state.${e.state}`)}
              </Tag>
            ),
          },
          { title: t('outbox.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
          {
            title: t('outbox.error'),
            width: 200,
            ellipsis: true,
            render: (_, e) =>
              e.last_error ? (
                <Tooltip title={e.last_error}>
                  <Typography.Text type="danger">{e.last_error}</Typography.Text>
                </Tooltip>
              ) : null,
          },
          {
            title: '',
            width: 110,
            card: 'actions',
            render: (_, e) =>
              e.state === 'failed' || e.state === 'pending' ? (
                <Button
                  size="small"
                  loading={retry.isPending && retry.variables === e.id}
                  onClick={() =>
                    retry.mutate(e.id, {
                      onSuccess: () => void message.success(t('outbox.retried')),
                      onError: (error) => void message.error(errorMessage(error, t)),
                    })
                  }
                >
                  {t('outbox.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

function Defaults() {
  const { t } = useTranslation('mail');
  const { message } = AntApp.useApp();
  const language = currentLanguage();
  const defaults = useMailDefaults();
  const save = useSetMailDefaults();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('defaults.intro', { hour: defaults.data?.digest_hour ?? 8 })}</Typography.Paragraph>
      <ResponsiveTable<MailKind>
        size="small"
        rowKey="kind"
        pagination={false}
        loading={defaults.isLoading}
        dataSource={defaults.data?.kinds ?? []}
        columns={[
          {
            title: t('preferences.kind'),
            render: (_, kind) => (
              <span>
                {kindLabel(kind, language)} {kind.legal && <Tag color="red">{t('legal')}</Tag>}
              </span>
            ),
          },
          {
            title: t('defaults.delivery'),
            width: 190,
            render: (_, kind) => (
              <DeliverySelect
                kind={kind}
                value={kind.delivery}
                disabled={save.isPending}
                onChange={(value) =>
                  save.mutate(
                    { [kind.kind]: value },
                    { onSuccess: () => void message.success(t('saved')), onError: (error) => void message.error(errorMessage(error, t)) },
                  )
                }
              />
            ),
          },
        ]}
      />
    </>
  );
}

export function MailOfficePage() {
  const { t } = useTranslation('mail');
  return (
    <div className="page">
      <PageTitle>{t('office.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('office.intro')}</Typography.Paragraph>
      <Card>
        <Tabs
          items={[
            { key: 'outbox', label: t('office.outbox'), children: <Outbox /> },
            { key: 'defaults', label: t('office.defaults'), children: <Defaults /> },
          ]}
        />
      </Card>
    </div>
  );
}
