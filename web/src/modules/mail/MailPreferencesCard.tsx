// The person's choices of how each kind of item reaches them by mail (Account page, #mail).
import { App as AntApp, Card, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { DELIVERIES, useMailPreferences, useSetMailPreferences, type Delivery, type MailKind } from './api';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export function kindLabel(kind: MailKind, language: string) {
  return language === 'ja' ? kind.label_ja : kind.label_en;
}

export function DeliverySelect({
  kind,
  value,
  onChange,
  disabled,
}: {
  kind: MailKind;
  value: Delivery;
  onChange: (value: Delivery) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('mail');
  return (
    <Select<Delivery>
      value={value}
      onChange={onChange}
      disabled={disabled}
      style={{ width: 170 }}
      aria-label={t('deliveryFor', { kind: kindLabel(kind, currentLanguage()) })}
      data-testid={`delivery-${kind.kind}`}
      options={DELIVERIES.map((d) => ({
        value: d,
        label: t(`delivery.${d}`),
        disabled: d === 'off' && kind.legal,
      }))}
    />
  );
}

export function MailPreferencesCard() {
  const { t } = useTranslation('mail');
  const { message } = AntApp.useApp();
  const language = currentLanguage();
  const preferences = useMailPreferences();
  const save = useSetMailPreferences();
  const data = preferences.data;

  const change = (body: Parameters<typeof save.mutate>[0]) =>
    save.mutate(body, {
      onSuccess: () => void message.success(t('saved')),
      onError: (error) => void message.error(errorMessage(error, t)),
    });

  return (
    <Card title={t('preferences.title')} id="mail" style={{ marginTop: 16 }} loading={preferences.isLoading}>
      {preferences.isError && <Typography.Text type="danger">{errorMessage(preferences.error, t)}</Typography.Text>}
      {data && (
        <>
          <Typography.Paragraph type="secondary">{t('preferences.intro')}</Typography.Paragraph>
          <div style={{ marginBottom: 16 }}>
            <Typography.Text strong>{t('preferences.digestHour')} </Typography.Text>
            <Select<number | 'centre'>
              value={data.digest_hour ?? 'centre'}
              style={{ width: 220 }}
              aria-label={t('preferences.digestHour')}
              data-testid="digest-hour"
              onChange={(value) => change({ digest_hour: value === 'centre' ? null : value })}
              options={[
                { value: 'centre', label: t('preferences.centreHour', { hour: data.centre_digest_hour }) },
                ...HOURS.map((hour) => ({ value: hour, label: t('preferences.hour', { hour }) })),
              ]}
            />
          </div>
          <Table<MailKind>
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={data.kinds}
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
                title: t('preferences.delivery'),
                width: 190,
                render: (_, kind) => (
                  <DeliverySelect kind={kind} value={kind.delivery} disabled={save.isPending} onChange={(value) => change({ kinds: { [kind.kind]: value } })} />
                ),
              },
              {
                title: t('preferences.centreDefault'),
                width: 150,
                responsive: ['md'],
                render: (_, kind) =>
                  kind.own ? t(`delivery.${kind.centre_delivery}`) : <Typography.Text type="secondary">{t('preferences.asDefault')}</Typography.Text>,
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('preferences.legalHint')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
