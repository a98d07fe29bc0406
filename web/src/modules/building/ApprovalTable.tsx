// The office's approval queue and the decline dialog (with the reason the requester is told).
import { App as AntApp, Button, Empty, Form, Input, Modal, Space as AntSpace, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useDecide, type Booking } from './api';
import { approvalRows, type ApprovalRow } from './logic';
import { tokyoDate, tokyoTime } from './time';

function DeclineModal({
  booking,
  onClose,
  scope = 'this',
  count = 1,
}: {
  booking: Booking | null;
  onClose: () => void;
  scope?: 'this' | 'series';
  count?: number;
}) {
  const { t } = useTranslation('building');
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDecide();
  const { message } = AntApp.useApp();
  const submit = async () => {
    const { reason } = await form.validateFields();
    try {
      await decide.mutateAsync({ id: booking!.id, approve: false, reason, scope });
      message.success(t('approval.declined'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.field === 'reason') form.setFields([{ name: 'reason', errors: [error.message] }]);
      else message.error(errorMessage(error, t));
    }
  };
  return (
    <Modal
      open={booking !== null}
      title={t('approval.declineTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('approval.decline')}
      okButtonProps={{ danger: true, loading: decide.isPending }}
      destroyOnClose
    >
      {booking && (
        <Form form={form} layout="vertical">
          <Typography.Paragraph>
            {booking.title} — {tokyoDate(new Date(booking.start))} {tokyoTime(booking.start)}–{tokyoTime(booking.end)}
            {scope === 'series' && ` ${t('approval.wholeSeries', { count })}`}
          </Typography.Paragraph>
          <Form.Item name="reason" label={t('approval.reason')} rules={[{ required: true, whitespace: true, message: t('approval.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="decline-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** The office's queue: a recurring request is one row, decided as a whole; its occurrences can still be decided one by one. */
export function ApprovalTable({ bookings, loading }: { bookings: Booking[]; loading: boolean }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const decide = useDecide();
  const { message } = AntApp.useApp();
  const [declining, setDeclining] = useState<{ booking: Booking; scope: 'this' | 'series'; count: number } | null>(null);
  const rows = useMemo(() => approvalRows(bookings), [bookings]);
  const approve = (b: Booking, scope: 'this' | 'series') =>
    decide
      .mutateAsync({ id: b.id, approve: true, scope })
      .then((r) => message.success(t('approval.approvedCount', { count: r.occurrences.length })))
      .catch((e) => {
        if (e instanceof ApiError && e.status === 409) message.error(t('approval.clashes'));
        else message.error(errorMessage(e, t));
      });
  const when = (b: Booking) => `${tokyoDate(new Date(b.start))} ${tokyoTime(b.start)}–${tokyoTime(b.end)}`;
  return (
    <>
      <ResponsiveTable<ApprovalRow>
        rowKey="key"
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('list.nonePending')} /> }}
        expandable={{
          rowExpandable: (r) => r.occurrences.length > 1,
          expandedRowRender: (r) => (
            <Table<Booking>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.occurrences}
              columns={[
                { title: t('list.when'), key: 'when', render: (_, b) => when(b) },
                {
                  title: '',
                  key: 'actions',
                  render: (_, b) => (
                    <AntSpace>
                      <Button size="small" onClick={() => void approve(b, 'this')}>
                        {t('approval.approveOne')}
                      </Button>
                      <Button size="small" danger onClick={() => setDeclining({ booking: b, scope: 'this', count: 1 })}>
                        {t('approval.declineOne')}
                      </Button>
                    </AntSpace>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          {
            title: t('list.when'),
            key: 'when',
            render: (_, r) =>
              r.occurrences.length > 1 ? (
                <>
                  {when(r.first)} <Tag color="blue">{t('approval.seriesCount', { count: r.occurrences.length })}</Tag>
                  <br />
                  <Typography.Text type="secondary">
                    {t('approval.until', { date: tokyoDate(new Date(r.occurrences[r.occurrences.length - 1].start)) })}
                  </Typography.Text>
                </>
              ) : (
                when(r.first)
              ),
          },
          { title: t('list.space'), key: 'space', render: (_, r) => displayName({ name_ja: r.first.space_name_ja, name_en: r.first.space_name_en }, language) },
          { title: t('list.title'), key: 'title', card: 'title', render: (_, r) => r.first.title },
          {
            title: t('list.organiser'),
            key: 'organiser',
            render: (_, r) => (
              <>
                {displayName(r.first.organiser, language)}
                {r.first.purpose ? (
                  <Typography.Text type="secondary">
                    <br />
                    {r.first.purpose}
                  </Typography.Text>
                ) : null}
              </>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, r) => {
              const series = r.occurrences.length > 1;
              return (
                <AntSpace>
                  <Button size="small" type="primary" onClick={() => void approve(r.first, series ? 'series' : 'this')} data-testid="approve">
                    {series ? t('approval.approveAll', { count: r.occurrences.length }) : t('approval.approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setDeclining({ booking: r.first, scope: series ? 'series' : 'this', count: r.occurrences.length })}
                  >
                    {series ? t('approval.declineAll') : t('approval.decline')}
                  </Button>
                </AntSpace>
              );
            },
          },
        ]}
      />
      <DeclineModal booking={declining?.booking ?? null} scope={declining?.scope} count={declining?.count} onClose={() => setDeclining(null)} />
    </>
  );
}
