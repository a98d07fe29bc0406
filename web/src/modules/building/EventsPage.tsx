// Events of the centre (seminars, symposia, exhibitions, lounge meet-ups): register, cancel,
// see the waiting list position; the office downloads registrations as CSV for Excel.
import { App as AntApp, Alert, Button, Card, Col, Empty, Row, Space as AntSpace, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import { useEvents, useRegistration, type EventItem } from './api';
import { tokyoTime } from './time';

function title(e: EventItem, language: 'ja' | 'en') {
  return language === 'ja' ? e.title_ja || e.title_en : e.title_en || e.title_ja;
}

export function EventsPage({ me }: { me: Me }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const events = useEvents();
  const registration = useRegistration();
  const { message } = AntApp.useApp();
  const office = hasAnyRole(me.roles, ['office', 'admin']);
  if (events.isError) return <Alert type="error" message={errorMessage(events.error, t)} />;
  const items = (events.data ?? []).filter((e) => e.status === 'published');
  return (
    <>
      <PageTitle>{t('events.title')}</PageTitle>
      {items.length === 0 && !events.isPending && <Empty description={t('events.none')} />}
      <Row gutter={[16, 16]}>
        {items.map((e) => {
          const full = e.registered >= e.capacity;
          return (
            <Col key={e.id} xs={24} lg={12}>
              <Card
                title={title(e, language)}
                extra={<Tag color="blue">{t(`eventKind.${e.kind}`)}</Tag>}
                actions={[
                  e.my_status ? (
                    <Button key="cancel" onClick={() => registration.mutateAsync({ event: e, cancel: true }).catch((err) => message.error(errorMessage(err, t)))}>
                      {t('events.cancel')}
                    </Button>
                  ) : (
                    <Button
                      key="register"
                      type="primary"
                      onClick={() =>
                        registration
                          .mutateAsync({ event: e, cancel: false })
                          .then(() => message.success(full ? t('events.waitlisted') : t('events.registered')))
                          .catch((err) => message.error(errorMessage(err, t)))
                      }
                    >
                      {full ? t('events.joinWaitlist') : t('events.register')}
                    </Button>
                  ),
                  ...(office
                    ? [
                        <a key="csv" href={`/api/events/${e.id}/registrations.csv`} download>
                          <DownloadOutlined /> {t('events.csv')}
                        </a>,
                      ]
                    : []),
                ]}
              >
                <AntSpace direction="vertical" size={4}>
                  <Typography.Text strong>
                    {formatDateTime(e.start, language)}–{tokyoTime(e.end)} · {displayName({ name_ja: e.space_name_ja, name_en: e.space_name_en }, language)}
                  </Typography.Text>
                  <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
                    {language === 'ja' ? e.description_ja || e.description_en : e.description_en || e.description_ja}
                  </Typography.Paragraph>
                  <AntSpace wrap>
                    <Tag>{t('events.places', { registered: e.registered, capacity: e.capacity })}</Tag>
                    {e.waitlisted > 0 && <Tag color="orange">{t('events.waiting', { count: e.waitlisted })}</Tag>}
                    <Tag color={e.open_to_public ? 'green' : 'default'}>{e.open_to_public ? t('events.open') : t('events.members')}</Tag>
                    {e.my_status && <Tag color="purple">{t(`events.my.${e.my_status}`)}</Tag>}
                    {e.tags.map((tag) => (
                      <Tag key={tag}>{tag}</Tag>
                    ))}
                  </AntSpace>
                </AntSpace>
              </Card>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
