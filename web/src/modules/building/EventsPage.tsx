// Events of the centre (seminars, symposia, exhibitions, lounge meet-ups): members register or
// cancel and see their waiting-list place; the office creates and edits events, opens the
// check-in screen, downloads registrations as CSV for Excel and copies the public page link.
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space as AntSpace,
  Spin,
  Switch,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { CheckSquareOutlined, DownloadOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, type Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { exportHref } from '../../shell/ExportButtons';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import { useAreas, useEvents, useRegistration, useSaveEvent, useSpaces, type EventInput, type EventItem, type Registration } from './api';
import { eventTitle, eventDescription, eventFormBody, EVENT_KINDS, EVENT_SPACE_KINDS, type EventFormValues } from './events';
import { tokyoDate, tokyoTime } from './time';

const EVENT_FIELDS = ['space_id', 'kind', 'title_ja', 'title_en', 'description_ja', 'description_en', 'start', 'end', 'capacity', 'tags'];

type FormShape = Omit<EventFormValues, 'date' | 'start' | 'end'> & { date: Dayjs; start: Dayjs; end: Dayjs };

export function EventFormModal({ event, open, onClose }: { event: EventItem | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const [form] = Form.useForm<FormShape>();
  const spaces = useSpaces();
  const areas = useAreas();
  const save = useSaveEvent();
  const { message } = AntApp.useApp();
  const [formError, setFormError] = useState<string | null>(null);
  const venues = (spaces.data?.items ?? []).filter((s) => EVENT_SPACE_KINDS.includes(s.kind));

  const submit = async () => {
    setFormError(null);
    let values: FormShape;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body: EventInput = eventFormBody({
      ...values,
      date: values.date.format('YYYY-MM-DD'),
      start: values.start.format('HH:mm'),
      end: values.end.format('HH:mm'),
    });
    if (!body.title_ja && !body.title_en) {
      form.setFields([{ name: 'title_ja', errors: [t('eventForm.titleRequired')] }]);
      return;
    }
    try {
      await save.mutateAsync({ id: event?.id ?? null, body });
      message.success(event ? t('eventForm.saved') : t('eventForm.created'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        form.setFields([{ name: 'start', errors: [t('eventForm.taken')] }]);
        return;
      }
      if (error instanceof ApiError && error.field && EVENT_FIELDS.includes(error.field)) {
        const name = error.field === 'end' || error.field === 'start' ? error.field : (error.field as keyof FormShape);
        form.setFields([{ name, errors: [error.message] }]);
        return;
      }
      setFormError(errorMessage(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={event ? t('eventForm.editTitle') : t('eventForm.newTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={event ? t('eventForm.save') : t('eventForm.create')}
      cancelText={t('form.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'event-save' } as ButtonProps}
      width={720}
      destroyOnClose
    >
      {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
      <Form<FormShape>
        form={form}
        layout="vertical"
        initialValues={
          event
            ? {
                kind: event.kind,
                title_ja: event.title_ja,
                title_en: event.title_en,
                description_ja: event.description_ja,
                description_en: event.description_en,
                space_id: event.space_id,
                date: dayjs(tokyoDate(new Date(event.start))),
                start: dayjs(`2000-01-01T${tokyoTime(event.start)}`),
                end: dayjs(`2000-01-01T${tokyoTime(event.end)}`),
                capacity: event.capacity,
                open_to_public: event.open_to_public,
                tags: event.tags,
              }
            : { kind: 'seminar', capacity: 50, open_to_public: true, tags: [], start: dayjs('2000-01-01T15:00'), end: dayjs('2000-01-01T17:00') }
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('eventForm.kind')} rules={[{ required: true }]}>
              <Select options={EVENT_KINDS.map((k) => ({ value: k, label: t(`eventKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="open_to_public" label={t('eventForm.openToPublic')} valuePropName="checked" extra={t('eventForm.openHelp')}>
              <Switch data-testid="event-open" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title_ja" label={t('eventForm.titleJa')}>
          <Input maxLength={200} data-testid="event-title-ja" />
        </Form.Item>
        <Form.Item name="title_en" label={t('eventForm.titleEn')}>
          <Input maxLength={200} data-testid="event-title-en" />
        </Form.Item>
        <Form.Item name="description_ja" label={t('eventForm.descriptionJa')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="description_en" label={t('eventForm.descriptionEn')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="space_id"
          label={t('eventForm.space')}
          rules={[{ required: true, message: t('eventForm.spaceRequired') }]}
          extra={event ? t('eventForm.fixed') : undefined}
        >
          <Select
            disabled={!!event}
            data-testid="event-space"
            options={venues.map((s) => ({ value: s.id, label: `${displayName(s, language)} (${s.floor}, ${t('space.capacity')} ${s.capacity})` }))}
          />
        </Form.Item>
        <AntSpace wrap>
          <Form.Item name="date" label={t('form.date')} rules={[{ required: true, message: t('eventForm.dateRequired') }]}>
            <DatePicker disabled={!!event} data-testid="event-date" />
          </Form.Item>
          <Form.Item name="start" label={t('form.start')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" minuteStep={15} allowClear={false} disabled={!!event} />
          </Form.Item>
          <Form.Item name="end" label={t('form.end')} rules={[{ required: true }]}>
            <TimePicker format="HH:mm" minuteStep={15} allowClear={false} disabled={!!event} />
          </Form.Item>
          <Form.Item name="capacity" label={t('eventForm.capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={2000} data-testid="event-capacity" />
          </Form.Item>
        </AntSpace>
        <Form.Item name="tags" label={t('eventForm.tags')}>
          <Checkbox.Group options={(areas.data ?? []).map((a) => ({ value: a.code, label: displayName(a, language) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function publicEventUrl(id: string) {
  return `${window.location.origin}/public/events/${id}`;
}

export function EventsPage({ me }: { me: Me }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const events = useEvents();
  const areas = useAreas();
  const registration = useRegistration();
  const { message, modal } = AntApp.useApp();
  const office = hasAnyRole(me.roles, ['office', 'admin']);
  const [editing, setEditing] = useState<EventItem | null>(null);
  const [creating, setCreating] = useState(false);
  if (events.isError) return <Alert type="error" message={errorMessage(events.error, t)} />;
  // The clock is read on every render on purpose: a page left open drops events that ended over a
  // day ago when it next renders (a refetch). Frozen at mount it would keep them. This app does not
  // use the React Compiler, the one thing that would cache this value between renders.
  // eslint-disable-next-line react-hooks/purity -- the cutoff follows the clock, see above
  const now = Date.now();
  const items = (events.data ?? []).filter((e) => (office || e.status === 'published') && new Date(e.end).getTime() > now - 86400_000);
  const areaName = (code: string) => {
    const area = areas.data?.find((a) => a.code === code);
    return area ? displayName(area, language) : code;
  };

  const register = (e: EventItem) =>
    registration
      .mutateAsync({ event: e, cancel: false })
      .then((r) => {
        const reg = r as Registration;
        message.success(reg.status === 'waitlisted' ? t('events.waitlistedAt', { position: reg.waitlist_position }) : t('events.registered'));
      })
      .catch((err) => message.error(errorMessage(err, t)));
  const cancel = (e: EventItem) =>
    modal.confirm({
      title: t('events.cancelConfirm'),
      content: eventTitle(e, language),
      okText: t('events.cancel'),
      cancelText: t('form.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        registration
          .mutateAsync({ event: e, cancel: true })
          .then(() => message.success(t('events.cancelled')))
          .catch((err) => message.error(errorMessage(err, t))),
    });

  return (
    <>
      <PageTitle
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="event-new">
              {t('events.new')}
            </Button>
          )
        }
      >
        {t('events.title')}
      </PageTitle>
      {events.isPending && <Spin />}
      {items.length === 0 && !events.isPending && <Empty description={t('events.none')} />}
      <Row gutter={[16, 16]}>
        {items.map((e) => {
          const full = e.registered >= e.capacity;
          const cancelled = e.status !== 'published';
          const actions = [];
          if (!cancelled)
            actions.push(
              e.my_status ? (
                <Button key="cancel" size="small" onClick={() => cancel(e)}>
                  {t('events.cancel')}
                </Button>
              ) : (
                <Button
                  key="register"
                  size="small"
                  type="primary"
                  onClick={() => void register(e)}
                  loading={registration.isPending && registration.variables?.event.id === e.id}
                >
                  {full ? t('events.joinWaitlist') : t('events.register')}
                </Button>
              ),
            );
          if (office) {
            actions.push(
              <Button key="edit" type="link" icon={<EditOutlined />} onClick={() => setEditing(e)}>
                {t('events.edit')}
              </Button>,
              <Link key="checkin" to={`/events/${e.id}/checkin`}>
                <CheckSquareOutlined /> {t('events.checkin')}
              </Link>,
              <a key="csv" href={exportHref(`/api/events/${e.id}/registrations`, 'csv')} download>
                <DownloadOutlined /> {t('events.csv')}
              </a>,
              <a key="xlsx" href={exportHref(`/api/events/${e.id}/registrations`, 'xlsx')} download>
                <DownloadOutlined /> {t('events.xlsx')}
              </a>,
            );
          }
          return (
            <Col key={e.id} xs={24} lg={12}>
              <Card
                title={eventTitle(e, language)}
                data-testid={`event-${e.id}`}
                extra={
                  <AntSpace size={4}>
                    {cancelled && <Tag color="red">{t('events.cancelledTag')}</Tag>}
                    <Tag color="blue">{t(`eventKind.${e.kind}`)}</Tag>
                  </AntSpace>
                }
                actions={actions}
              >
                <AntSpace direction="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Text strong>
                    {formatDateTime(e.start, language).slice(0, -3)}–{tokyoTime(e.end)} ·{' '}
                    {displayName({ name_ja: e.space_name_ja, name_en: e.space_name_en }, language)}
                  </Typography.Text>
                  <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
                    {eventDescription(e, language)}
                  </Typography.Paragraph>
                  <AntSpace wrap>
                    <Tag>{t('events.places', { registered: e.registered, capacity: e.capacity })}</Tag>
                    {e.waitlisted > 0 && <Tag color="orange">{t('events.waiting', { count: e.waitlisted })}</Tag>}
                    <Tag color={e.open_to_public ? 'green' : 'default'}>{e.open_to_public ? t('events.open') : t('events.members')}</Tag>
                    {e.my_status && (
                      <Tag color="purple" data-testid="my-registration">
                        {e.my_registration?.status === 'waitlisted'
                          ? t('events.myWaitlist', { position: e.my_registration.waitlist_position })
                          : t(`events.my.${e.my_status}`)}
                      </Tag>
                    )}
                    {e.tags.map((tag) => (
                      <Tag key={tag} color="geekblue">
                        {areaName(tag)}
                      </Tag>
                    ))}
                  </AntSpace>
                  {e.open_to_public && !cancelled && (
                    <Typography.Text type="secondary" copyable={{ text: publicEventUrl(e.id) }}>
                      <LinkOutlined />{' '}
                      <a href={`/public/events/${e.id}`} target="_blank" rel="noreferrer">
                        {t('events.publicPage')}
                      </a>
                    </Typography.Text>
                  )}
                </AntSpace>
              </Card>
            </Col>
          );
        })}
      </Row>
      <EventFormModal
        open={creating || editing !== null}
        event={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
