// The person's own bookings (organised or invited to), with cancelling one or the following occurrences.
import { App as AntApp, Button, Empty, Space as AntSpace, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useCancelBooking, type Booking } from './api';
import { tokyoDate, tokyoTime } from './time';

export function BookingTable({ bookings, loading, meId }: { bookings: Booking[]; loading: boolean; meId?: string }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const cancel = useCancelBooking();
  const { message, modal } = AntApp.useApp();
  const confirmCancel = (b: Booking, scope: 'this' | 'following') =>
    modal.confirm({
      title: scope === 'this' ? t('list.cancelConfirm') : t('list.cancelFollowingConfirm'),
      content: `${b.title} — ${tokyoDate(new Date(b.start))} ${tokyoTime(b.start)}–${tokyoTime(b.end)}`,
      okText: scope === 'this' ? t('list.cancel') : t('list.cancelFollowing'),
      okButtonProps: { danger: true },
      cancelText: t('form.cancel'),
      onOk: () =>
        cancel
          .mutateAsync({ id: b.id, scope })
          .then((r) => message.success(t('list.cancelled', { count: r.items.length })))
          .catch((e) => message.error(errorMessage(e, t))),
    });
  return (
    <ResponsiveTable<Booking>
      rowKey="id"
      dataSource={bookings}
      loading={loading}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 800 }}
      locale={{ emptyText: <Empty description={t('list.noneMine')} /> }}
      columns={[
        { title: t('list.when'), key: 'when', render: (_, b) => `${tokyoDate(new Date(b.start))} ${tokyoTime(b.start)}–${tokyoTime(b.end)}` },
        { title: t('list.space'), key: 'space', render: (_, b) => displayName({ name_ja: b.space_name_ja, name_en: b.space_name_en }, language) },
        {
          title: t('list.title'),
          key: 'title',
          card: 'title',
          render: (_, b) => (
            <>
              {b.title}
              {meId && b.organiser.id !== meId && (
                <Tag color="cyan" style={{ marginLeft: 8 }}>
                  {t('list.invitedBy', { name: displayName(b.organiser, language) })}
                </Tag>
              )}
            </>
          ),
        },
        { title: t('list.reason'), key: 'reason', render: (_, b) => b.decision_reason },
        {
          title: t('list.status'),
          key: 'status',
          render: (_, b) => (
            <AntSpace>
              <Tag color={b.status === 'confirmed' ? 'green' : b.status === 'pending' ? 'orange' : b.status === 'declined' ? 'red' : 'default'}>
                {t(`status.${b.status}`)}
              </Tag>
              {b.series_id && <Tag>{t('list.series')}</Tag>}
            </AntSpace>
          ),
        },
        {
          title: '',
          key: 'actions',
          render: (_, b) =>
            b.can_cancel &&
            (b.status === 'confirmed' || b.status === 'pending') && (
              <AntSpace>
                <Button size="small" onClick={() => confirmCancel(b, 'this')}>
                  {b.series_id ? t('list.cancelOne') : t('list.cancel')}
                </Button>
                {b.series_id && (
                  <Button size="small" onClick={() => confirmCancel(b, 'following')}>
                    {t('list.cancelFollowing')}
                  </Button>
                )}
              </AntSpace>
            ),
        },
      ]}
    />
  );
}
