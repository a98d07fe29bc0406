// The building page: floor-by-floor spaces, a day grid of spaces × hours with what is free,
// a booking form (single or weekly), the person's own bookings, the office's approval queue
// and the secret calendar feed URL.
import { App as AntApp, Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space as AntSpace, Switch, Table, Tabs, Tag, TimePicker, Typography } from 'antd';
import { CalendarOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import {
  useBookings,
  useCalendarToken,
  useCancelBooking,
  useCreateBooking,
  useDecide,
  useRotateCalendarToken,
  useSpaces,
  type Booking,
  type Space,
} from './api';
import { addDays, tokyoDate, tokyoInstant, tokyoMinutes, tokyoTime } from './time';
import './building.css';

const GRID_START = 8 * 60;
const GRID_END = 22 * 60;
const SLOT = 30;

function spaceName(space: { name_ja: string; name_en: string }, language: 'ja' | 'en') {
  return displayName(space, language);
}

interface Draft {
  space_id: string;
  date: string;
  start: string;
  end: string;
}

function DayGrid({ date, spaces, bookings, onPick }: { date: string; spaces: Space[]; bookings: Booking[]; onPick: (d: Draft) => void }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const slots: number[] = [];
  for (let m = GRID_START; m < GRID_END; m += SLOT) slots.push(m);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return (
    <div className="building-grid" role="grid" aria-label={t('grid.label')}>
      <table>
        <thead>
          <tr>
            <th className="building-grid-space">{t('grid.space')}</th>
            {slots.map((m) => (
              <th key={m} className="building-grid-hour">
                {m % 60 === 0 ? hhmm(m).replace(/^0/, '') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spaces.map((space) => {
            const mine = bookings.filter((b) => b.space_id === space.id && tokyoDate(new Date(b.start)) === date);
            return (
              <tr key={space.id} data-space={space.code}>
                <th className="building-grid-space" scope="row">
                  {spaceName(space, language)}
                  {space.needs_approval && <Tag color="orange" className="building-approval-tag">{t('space.approval')}</Tag>}
                </th>
                {slots.map((m) => {
                  const booking = mine.find((b) => tokyoMinutes(b.start) < m + SLOT && m < tokyoMinutes(b.end) + (tokyoMinutes(b.end) === 0 ? 1440 : 0));
                  const closed = m < toMinutes(space.opens_at) || m + SLOT > toMinutes(space.closes_at);
                  if (booking) {
                    const first = tokyoMinutes(booking.start) >= m;
                    return (
                      <td
                        key={m}
                        className={`building-cell taken ${booking.status}`}
                        title={`${booking.title} ${tokyoTime(booking.start)}–${tokyoTime(booking.end)} ${displayName(booking.organiser, language)}`}
                        data-testid={first ? `taken-${space.code}-${hhmm(m)}` : undefined}
                      >
                        {first ? booking.title : ''}
                      </td>
                    );
                  }
                  return (
                    <td
                      key={m}
                      className={closed ? 'building-cell closed' : 'building-cell free'}
                      aria-label={closed ? t('grid.closed') : t('grid.free', { space: spaceName(space, language), time: hhmm(m) })}
                      onClick={closed ? undefined : () => onPick({ space_id: space.id, date, start: hhmm(m), end: hhmm(Math.min(m + 60, GRID_END)) })}
                    />
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function toMinutes(hhmm: string) {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function BookingForm({ draft, spaces, onClose }: { draft: Draft | null; spaces: Space[]; onClose: () => void }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const create = useCreateBooking();
  const [repeat, setRepeat] = useState(false);

  const submit = async (skip = false) => {
    const values = await form.validateFields();
    const date = (values.date as Dayjs).format('YYYY-MM-DD');
    try {
      const result = await create.mutateAsync({
        space_id: values.space_id,
        title: values.title,
        purpose: values.purpose ?? '',
        attendees: values.attendees ?? 0,
        start: tokyoInstant(date, (values.start as Dayjs).format('HH:mm')),
        end: tokyoInstant(date, (values.end as Dayjs).format('HH:mm')),
        recurrence: repeat ? { freq: 'weekly', count: values.count ?? 4 } : null,
        skip_conflicts: skip,
      });
      message.success(result.status === 'pending' ? t('form.requested') : t('form.booked', { count: result.occurrences.length }));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        message.error(`${t('form.taken')} ${repeat ? t('form.takenSeries') : ''}`);
        return;
      }
      if (error instanceof ApiError && error.field) {
        const name = error.field === 'space_id' ? 'space_id' : error.field === 'end' ? 'end' : error.field === 'title' ? 'title' : 'start';
        form.setFields([{ name, errors: [error.message] }]);
        return;
      }
      message.error(errorMessage(error, t));
    }
  };

  return (
    <Modal
      open={draft !== null}
      title={t('form.title')}
      onCancel={onClose}
      destroyOnClose
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('form.cancel')}
        </Button>,
        repeat && (
          <Button key="skip" onClick={() => void submit(true)} loading={create.isPending}>
            {t('form.bookFree')}
          </Button>
        ),
        <Button key="ok" type="primary" onClick={() => void submit(false)} loading={create.isPending} data-testid="booking-submit">
          {t('form.submit')}
        </Button>,
      ]}
    >
      {draft && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ space_id: draft.space_id, date: dayjs(draft.date), start: dayjs(`2000-01-01T${draft.start}`), end: dayjs(`2000-01-01T${draft.end}`), count: 4 }}
        >
          <Form.Item name="space_id" label={t('form.space')} rules={[{ required: true }]}>
            <Select options={spaces.filter((s) => s.bookable).map((s) => ({ value: s.id, label: `${spaceName(s, language)} (${s.floor})` }))} />
          </Form.Item>
          <AntSpace wrap>
            <Form.Item name="date" label={t('form.date')} rules={[{ required: true }]}>
              <DatePicker allowClear={false} />
            </Form.Item>
            <Form.Item name="start" label={t('form.start')} rules={[{ required: true }]}>
              <TimePicker format="HH:mm" minuteStep={15} allowClear={false} />
            </Form.Item>
            <Form.Item name="end" label={t('form.end')} rules={[{ required: true }]}>
              <TimePicker format="HH:mm" minuteStep={15} allowClear={false} />
            </Form.Item>
          </AntSpace>
          <Form.Item name="title" label={t('form.name')} rules={[{ required: true, message: t('form.nameRequired') }]}>
            <Input maxLength={200} data-testid="booking-title" />
          </Form.Item>
          <Form.Item name="purpose" label={t('form.purpose')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="attendees" label={t('form.attendees')}>
            <InputNumber min={0} max={2000} />
          </Form.Item>
          <AntSpace>
            <Switch checked={repeat} onChange={setRepeat} /> {t('form.weekly')}
            {repeat && (
              <Form.Item name="count" noStyle>
                <InputNumber min={2} max={52} addonAfter={t('form.times')} />
              </Form.Item>
            )}
          </AntSpace>
        </Form>
      )}
    </Modal>
  );
}

function BookingTable({ bookings, mode }: { bookings: Booking[]; mode: 'mine' | 'approval' }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const cancel = useCancelBooking();
  const decide = useDecide();
  const { message, modal } = AntApp.useApp();
  const decline = (b: Booking) => {
    let reason = '';
    modal.confirm({
      title: t('approval.declineTitle'),
      content: <Input.TextArea rows={3} onChange={(e) => (reason = e.target.value)} aria-label={t('approval.reason')} />,
      onOk: () => decide.mutateAsync({ id: b.id, approve: false, reason }).catch((e) => message.error(errorMessage(e, t))),
    });
  };
  return (
    <Table<Booking>
      rowKey="id"
      dataSource={bookings}
      pagination={{ pageSize: 20 }}
      columns={[
        { title: t('list.when'), key: 'when', render: (_, b) => `${tokyoDate(new Date(b.start))} ${tokyoTime(b.start)}–${tokyoTime(b.end)}` },
        { title: t('list.space'), key: 'space', render: (_, b) => displayName({ name_ja: b.space_name_ja, name_en: b.space_name_en }, language) },
        { title: t('list.title'), dataIndex: 'title' },
        { title: t('list.organiser'), key: 'organiser', render: (_, b) => displayName(b.organiser, language) },
        {
          title: t('list.status'),
          key: 'status',
          render: (_, b) => (
            <AntSpace>
              <Tag color={b.status === 'confirmed' ? 'green' : b.status === 'pending' ? 'orange' : 'default'}>{t(`status.${b.status}`)}</Tag>
              {b.series_id && <Tag>{t('list.series')}</Tag>}
            </AntSpace>
          ),
        },
        {
          title: '',
          key: 'actions',
          render: (_, b) =>
            mode === 'approval' ? (
              <AntSpace>
                <Button size="small" type="primary" onClick={() => decide.mutateAsync({ id: b.id, approve: true }).catch((e) => message.error(errorMessage(e, t)))}>
                  {t('approval.approve')}
                </Button>
                <Button size="small" danger onClick={() => decline(b)}>
                  {t('approval.decline')}
                </Button>
              </AntSpace>
            ) : (
              b.can_cancel && (
                <AntSpace>
                  <Button size="small" onClick={() => cancel.mutateAsync({ id: b.id, scope: 'this' }).catch((e) => message.error(errorMessage(e, t)))}>
                    {t('list.cancel')}
                  </Button>
                  {b.series_id && (
                    <Button size="small" onClick={() => cancel.mutateAsync({ id: b.id, scope: 'following' }).catch((e) => message.error(errorMessage(e, t)))}>
                      {t('list.cancelFollowing')}
                    </Button>
                  )}
                </AntSpace>
              )
            ),
        },
      ]}
    />
  );
}

function FloorList({ spaces, floors }: { spaces: Space[]; floors: { code: string; name_ja: string; name_en: string; area_m2: number }[] }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  return (
    <AntSpace direction="vertical" style={{ width: '100%' }}>
      {floors.map((floor) => {
        const onFloor = spaces.filter((s) => s.floor === floor.code);
        return (
          <Card key={floor.code} size="small" title={`${displayName(floor, language)} — ${floor.area_m2.toLocaleString()} m²`}>
            <Table<Space>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={onFloor}
              columns={[
                { title: t('space.name'), key: 'name', render: (_, s) => spaceName(s, language) },
                { title: t('space.kind'), key: 'kind', render: (_, s) => t(`kind.${s.kind}`) },
                { title: t('space.area'), dataIndex: 'area_m2', render: (v: number) => `${v} m²` },
                { title: t('space.capacity'), dataIndex: 'capacity' },
                { title: t('space.hours'), key: 'hours', render: (_, s) => (s.bookable ? `${s.opens_at}–${s.closes_at}` : '') },
                {
                  title: t('space.bookable'),
                  key: 'bookable',
                  render: (_, s) =>
                    s.bookable ? <Tag color={s.needs_approval ? 'orange' : 'green'}>{s.needs_approval ? t('space.approval') : t('space.yes')}</Tag> : <Tag>{t('space.no')}</Tag>,
                },
              ]}
            />
          </Card>
        );
      })}
    </AntSpace>
  );
}

function CalendarFeed() {
  const { t } = useTranslation('building');
  const token = useCalendarToken();
  const rotate = useRotateCalendarToken();
  const url = rotate.data ? `${window.location.origin}${rotate.data.person_feed}` : null;
  return (
    <Card size="small" title={<><CalendarOutlined /> {t('feed.title')}</>}>
      <Typography.Paragraph>{t('feed.explain')}</Typography.Paragraph>
      {url && <Typography.Paragraph copyable code data-testid="feed-url">{url}</Typography.Paragraph>}
      <Button onClick={() => rotate.mutate()} loading={rotate.isPending}>
        {token.data?.exists ? t('feed.rotate') : t('feed.create')}
      </Button>
    </Card>
  );
}

export function BuildingPage({ me }: { me: Me }) {
  const { t } = useTranslation('building');
  const spaces = useSpaces();
  const [date, setDate] = useState(() => tokyoDate(new Date()));
  const [draft, setDraft] = useState<Draft | null>(null);
  const day = useBookings({ from: date, to: addDays(date, 1) });
  const today = tokyoDate(new Date());
  const mine = useBookings({ from: today, to: addDays(today, 400), mine: true });
  const office = hasAnyRole(me.roles, ['office', 'admin']);
  const pending = useBookings({ from: today, to: addDays(today, 400), status: 'pending' });
  const bookable = useMemo(() => (spaces.data?.items ?? []).filter((s) => s.bookable), [spaces.data]);

  if (spaces.isError) return <Alert type="error" message={errorMessage(spaces.error, t)} />;
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ space_id: bookable[0]?.id ?? '', date, start: '10:00', end: '11:00' })}>
            {t('form.open')}
          </Button>
        }
      >
        {t('title')}
      </PageTitle>
      <Tabs
        items={[
          {
            key: 'grid',
            label: t('tabs.grid'),
            children: (
              <>
                <AntSpace style={{ marginBottom: 12 }}>
                  <Button icon={<LeftOutlined />} aria-label={t('grid.previous')} onClick={() => setDate(addDays(date, -1))} />
                  <DatePicker value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
                  <Button icon={<RightOutlined />} aria-label={t('grid.next')} onClick={() => setDate(addDays(date, 1))} />
                  <Button onClick={() => setDate(tokyoDate(new Date()))}>{t('grid.today')}</Button>
                  <Typography.Text type="secondary">{t('grid.hint')}</Typography.Text>
                </AntSpace>
                <DayGrid date={date} spaces={bookable} bookings={day.data ?? []} onPick={setDraft} />
              </>
            ),
          },
          { key: 'mine', label: t('tabs.mine'), children: <BookingTable bookings={mine.data ?? []} mode="mine" /> },
          ...(office ? [{ key: 'approval', label: `${t('tabs.approval')} (${pending.data?.length ?? 0})`, children: <BookingTable bookings={pending.data ?? []} mode="approval" /> }] : []),
          { key: 'floors', label: t('tabs.floors'), children: <FloorList spaces={spaces.data?.items ?? []} floors={spaces.data?.floors ?? []} /> },
          { key: 'feed', label: t('tabs.feed'), children: <CalendarFeed /> },
        ]}
      />
      <BookingForm draft={draft} spaces={spaces.data?.items ?? []} onClose={() => setDraft(null)} />
    </>
  );
}
