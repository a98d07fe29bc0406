// The company's consent to a joint application (特許法 第38条): a co-owned invention decided for
// filing waits for it before its first application. The company's lead consents here (and from
// the inbox); the office records a consent received in writing.
import { Alert, App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/DateField';
import { errorMessage } from '../../shell/errors';
import { ipApi, useIpMutation, type Invention } from './api';
import { tokyoToday } from './model';

export function ConsentNotice({ invention: inv, office }: { invention: Invention; office: boolean }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const [on, setOn] = useState<string | null>(tokyoToday());
  const consent = useIpMutation((date: string) => ipApi.consent(inv.id, date));
  if (!inv.company_consent_required) return null;
  if (inv.company_consent_on)
    return (
      <Typography.Text type="secondary" data-testid="ip-consent-given">
        {t('consent.given', { date: inv.company_consent_on })}
      </Typography.Text>
    );
  if (inv.filings.length > 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="ip-consent"
      title={t('consent.needed')}
      description={
        inv.may.consent ? (
          <Space wrap style={{ marginTop: 8 }}>
            <DateField size="small" value={on} onChange={setOn} aria-label={t('consent.date')} />
            <Button
              size="small"
              type="primary"
              disabled={!on}
              loading={consent.isPending}
              onClick={() =>
                on &&
                consent.mutate(on, {
                  onSuccess: () => void message.success(t('consent.done')),
                  onError: (e) => void message.error(errorMessage(e, t)),
                })
              }
              data-testid="ip-consent-submit"
            >
              {office ? t('consent.record') : t('consent.give')}
            </Button>
          </Space>
        ) : (
          t('consent.waiting')
        )
      }
      style={{ marginBottom: 12 }}
    />
  );
}
