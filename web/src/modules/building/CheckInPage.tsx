// Attendance check-in for the office on the day of an event: search a name, tick who came.
import { App as AntApp, Alert, Button, Card, Input, Space as AntSpace, Statistic, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { ExportButtons } from '../../shell/ExportButtons';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useCheckIn, useEvent, useRegistrations, type Registration } from './api';
import { checkInRows, eventTitle } from './events';
import { tokyoTime } from './time';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

export function CheckInPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const event = useEvent(id);
  const registrations = useRegistrations(id);
  const checkIn = useCheckIn(id);
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState('');
  if (event.isError) return <Alert type="error" message={errorMessage(event.error, t)} />;
  if (registrations.isError) return <Alert type="error" message={errorMessage(registrations.error, t)} />;
  const rows = checkInRows(registrations.data ?? [], filter);
  const present = (registrations.data ?? []).filter((r) => r.checked_in_at).length;
  const registered = (registrations.data ?? []).filter((r) => r.status === 'registered').length;
  const toggle = (r: Registration) =>
    checkIn
      .mutateAsync({ id: r.id, present: !r.checked_in_at })
      .then(() => message.success(r.checked_in_at ? t('checkin.undone', { name: r.name }) : t('checkin.done', { name: r.name })))
      .catch((e) => message.error(errorMessage(e, t)));
  return (
    <>
      <PageTitle
        extra={
          <AntSpace>
            <Link to="/events">
              <Button icon={<ArrowLeftOutlined />}>{t('checkin.back')}</Button>
            </Link>
            <ExportButtons base={`/api/events/${id}/registrations`} testId="registrations" />
          </AntSpace>
        }
      >
        {t('checkin.title')}
      </PageTitle>
      <Card loading={event.isPending} size="small" style={{ marginBottom: 16 }}>
        {event.data && (
          <AntSpace direction="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {eventTitle(event.data, language)}
            </Typography.Title>
            <Typography.Text>
              {formatDateTime(event.data.start, language).slice(0, -3)}–{tokyoTime(event.data.end)} ·{' '}
              {displayName({ name_ja: event.data.space_name_ja, name_en: event.data.space_name_en }, language)}
            </Typography.Text>
            <AntSpace size="large" wrap>
              <Statistic title={t('checkin.present')} value={present} suffix={`/ ${registered}`} valueStyle={{ color: '#1f5fa8' }} />
              <Statistic title={t('checkin.capacity')} value={event.data.capacity} />
              <Statistic title={t('checkin.waiting')} value={event.data.waitlisted} />
            </AntSpace>
          </AntSpace>
        )}
      </Card>
      <Input.Search
        allowClear
        placeholder={t('checkin.search')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 12 }}
        aria-label={t('checkin.search')}
      />
      <ResponsiveTable<Registration>
        rowKey="id"
        loading={registrations.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        rowClassName={(r) => (r.checked_in_at ? 'building-checkin-row present' : 'building-checkin-row')}
        locale={{ emptyText: t('checkin.none') }}
        columns={[
          {
            title: t('checkin.name'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <>
                {name} {r.guest && <Tag>{t('checkin.guest')}</Tag>}
              </>
            ),
          },
          { title: t('checkin.affiliation'), dataIndex: 'affiliation' },
          { title: t('checkin.email'), dataIndex: 'email' },
          {
            title: t('list.status'),
            key: 'status',
            render: (_, r) =>
              r.status === 'waitlisted' ? (
                <Tag color="orange">{t('checkin.waitlist', { position: r.waitlist_position })}</Tag>
              ) : (
                <Tag color="green">{t('events.my.registered')}</Tag>
              ),
          },
          {
            title: t('checkin.attendance'),
            key: 'checkin',
            render: (_, r) =>
              r.checked_in_at ? (
                <AntSpace>
                  <Tag color="blue">{t('checkin.arrivedAt', { time: tokyoTime(r.checked_in_at) })}</Tag>
                  <Button size="small" onClick={() => void toggle(r)}>
                    {t('checkin.undo')}
                  </Button>
                </AntSpace>
              ) : (
                <Button size="small" type="primary" onClick={() => void toggle(r)} aria-label={t('checkin.checkInOf', { name: r.name })}>
                  {t('checkin.checkIn')}
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}
