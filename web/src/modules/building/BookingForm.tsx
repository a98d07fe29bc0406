// The booking form: space, time, attendees, "find a time", and a recurrence; a series is
// checked first and its clashes listed, so the free occurrences can be booked without them.
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space as AntSpace,
  Switch,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Me } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useCheckBooking, useCreateBooking, usePeopleSearch, type NewBooking, type SlotProposal, type Space } from './api';
import { FindTime } from './FindTime';
import type { Draft } from './Grid';
import {
  clashList,
  meetingMinutes,
  proposalDraft,
  recurrenceBody,
  serverRefusal,
  slotProblem,
  slotWindow,
  weekdayOf,
  WEEKDAY_CODES,
  type ClashRow,
  type RecurrenceForm,
} from './logic';
import { tokyoDate, tokyoInstant } from './time';

type FormValues = {
  space_id: string;
  date: Dayjs;
  start: Dayjs;
  end: Dayjs;
  title: string;
  purpose?: string;
  attendees?: number | null;
  attendee_ids?: string[];
  repeat: boolean;
  freq: RecurrenceForm['freq'];
  weekdays: RecurrenceForm['weekdays'];
  ends: RecurrenceForm['ends'];
  count?: number | null;
  until?: Dayjs | null;
};

const FORM_FIELDS: Record<string, keyof FormValues> = {
  space_id: 'space_id',
  start: 'start',
  end: 'end',
  title: 'title',
  attendees: 'attendees',
  attendee_ids: 'attendee_ids',
  'recurrence.count': 'count',
  'recurrence.until': 'until',
  'recurrence.weekdays': 'weekdays',
  'recurrence.freq': 'freq',
  recurrence: 'count',
};

/** People search for the attendees of a booking (not the organiser). */
function AttendeePicker({ value, onChange, me }: { value?: string[]; onChange?: (v: string[]) => void; me: Me }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const [query, setQuery] = useState('');
  const found = usePeopleSearch(query);
  // Labels of the people already chosen, so they stay readable when the search changes.
  const [labels, setLabels] = useState<Record<string, string>>({});
  const options = (found.data ?? []).filter((p) => p.id !== me.id).map((p) => ({ value: p.id, label: `${displayName(p, language)} <${p.email}>` }));
  const chosen = (value ?? []).filter((id) => !options.some((o) => o.value === id)).map((id) => ({ value: id, label: labels[id] ?? id }));
  return (
    <Select
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setQuery}
      value={value}
      onChange={(ids: string[]) => {
        const next = { ...labels };
        for (const o of options) next[o.value] = o.label;
        setLabels(next);
        onChange?.(ids);
      }}
      notFoundContent={query ? (found.isFetching ? t('attendees.searching') : t('attendees.none')) : t('attendees.typeToSearch')}
      placeholder={t('attendees.placeholder')}
      options={[...chosen, ...options]}
      data-testid="booking-attendees"
      aria-label={t('attendees.label')}
    />
  );
}

export function BookingForm({ draft, spaces, onClose, me }: { draft: Draft | null; spaces: Space[]; onClose: () => void; me: Me }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateBooking();
  const check = useCheckBooking();
  const [clashes, setClashes] = useState<{ rows: ClashRow[]; free: number } | null>(null);
  const repeat = Form.useWatch('repeat', form);
  const freq = Form.useWatch('freq', form);
  const ends = Form.useWatch('ends', form);

  // A new draft starts without the last one's clashes: reset while rendering, as React's
  // "adjusting state when a prop changes" does, rather than in an effect one render later.
  const [clashesDraft, setClashesDraft] = useState(draft);
  if (clashesDraft !== draft) {
    setClashesDraft(draft);
    setClashes(null);
  }

  // "Find a time": slots where a room of the chosen kind and everybody (me and the attendees) are free.
  const slotQuery = () => {
    const values = form.getFieldsValue();
    const space = spaces.find((s) => s.id === values.space_id);
    // Meetings go to meeting or discussion rooms: the kind of the chosen room, meeting rooms otherwise.
    const kind = space && ['meeting_room', 'discussion_room'].includes(space.kind) ? space.kind : 'meeting_room';
    const people = [me.id, ...(values.attendee_ids ?? [])];
    return {
      people,
      minutes: values.start && values.end ? meetingMinutes(values.start.format('HH:mm'), values.end.format('HH:mm')) : 60,
      ...slotWindow(values.date ? values.date.format('YYYY-MM-DD') : tokyoDate(new Date()), new Date()),
      kind,
      min_capacity: Math.max(values.attendees ?? 0, people.length),
      limit: 6,
    };
  };
  const applyProposal = (p: SlotProposal) => {
    const d = proposalDraft(p);
    form.setFieldsValue({ space_id: d.space_id, date: dayjs(d.date), start: dayjs(`2000-01-01T${d.start}`), end: dayjs(`2000-01-01T${d.end}`) });
    form.setFields([{ name: 'start', errors: [] }]);
    setClashes(null);
  };

  const request = (values: FormValues): NewBooking => {
    const date = values.date.format('YYYY-MM-DD');
    return {
      space_id: values.space_id,
      title: values.title,
      purpose: values.purpose ?? '',
      attendees: values.attendees ?? 0,
      attendee_ids: values.attendee_ids ?? [],
      start: tokyoInstant(date, values.start.format('HH:mm')),
      end: tokyoInstant(date, values.end.format('HH:mm')),
      recurrence: recurrenceBody(
        {
          repeat: values.repeat,
          freq: values.freq,
          weekdays: values.weekdays ?? [],
          ends: values.ends,
          count: values.count,
          until: values.until?.format('YYYY-MM-DD') ?? null,
        },
        date,
      ),
    };
  };

  const showError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      form.setFields([{ name: 'start', errors: [t('form.taken')] }]);
      return;
    }
    const name = error instanceof ApiError && error.field ? FORM_FIELDS[error.field] : undefined;
    if (name && error instanceof ApiError) {
      const known = serverRefusal(error.message);
      form.setFields([{ name, errors: [known ? t(known.key, known.values) : error.message] }]);
      return;
    }
    message.error(errorMessage(error, t));
  };

  const submit = async (skip: boolean) => {
    const values = await form.validateFields();
    const space = spaces.find((s) => s.id === values.space_id);
    const problem = space ? slotProblem(space, values.start.format('HH:mm'), values.end.format('HH:mm')) : null;
    if (problem) {
      form.setFields([{ name: problem.field, errors: [t(`refusal.${problem.key}`, problem.values)] }]);
      return;
    }
    const body = request(values);
    try {
      if (body.recurrence && !skip) {
        const result = await check.mutateAsync(body);
        if (result.conflicts.length > 0) {
          setClashes(clashList(result.occurrences, result.conflicts));
          return;
        }
      }
      const result = await create.mutateAsync({ ...body, skip_conflicts: skip });
      message.success(
        result.status === 'pending' ? t('form.requested') : t('form.booked', { count: result.occurrences.filter((b) => b.status !== 'skipped').length }),
      );
      onClose();
    } catch (error) {
      showError(error);
    }
  };

  const busy = create.isPending || check.isPending;
  return (
    <Modal
      open={draft !== null}
      title={t('form.title')}
      onCancel={onClose}
      destroyOnClose
      width={620}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('form.cancel')}
        </Button>,
        clashes && clashes.free > 0 && (
          <Button key="skip" onClick={() => void submit(true)} loading={busy} data-testid="booking-book-free">
            {t('form.bookFree', { count: clashes.free })}
          </Button>
        ),
        <Button key="ok" type="primary" onClick={() => void submit(false)} loading={busy} data-testid="booking-submit" disabled={clashes !== null}>
          {t('form.submit')}
        </Button>,
      ]}
    >
      {draft && (
        <Form<FormValues>
          form={form}
          layout="vertical"
          onValuesChange={() => setClashes(null)}
          initialValues={{
            space_id: draft.space_id,
            date: dayjs(draft.date),
            start: dayjs(`2000-01-01T${draft.start}`),
            end: dayjs(`2000-01-01T${draft.end}`),
            repeat: false,
            freq: 'weekly',
            weekdays: [weekdayOf(draft.date)],
            ends: 'count',
            count: 4,
          }}
        >
          <Form.Item name="space_id" label={t('form.space')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={spaces
                .filter((s) => s.bookable)
                .map((s) => ({ value: s.id, label: `${displayName(s, language)} (${s.floor})${s.needs_approval ? ` — ${t('space.approval')}` : ''}` }))}
            />
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
          <Form.Item name="attendee_ids" label={t('attendees.label')} extra={t('attendees.help')}>
            <AttendeePicker me={me} />
          </Form.Item>
          <FindTime query={slotQuery} onPick={applyProposal} />
          <Form.Item name="repeat" valuePropName="checked" label={t('form.repeat')}>
            <Switch data-testid="booking-repeat" />
          </Form.Item>
          {repeat && (
            <Card size="small" className="building-recurrence">
              <Form.Item name="freq" label={t('form.freq')}>
                <Radio.Group options={(['daily', 'weekly', 'monthly'] as const).map((f) => ({ value: f, label: t(`freq.${f}`) }))} optionType="button" />
              </Form.Item>
              {freq === 'weekly' && (
                <Form.Item name="weekdays" label={t('form.weekdays')}>
                  <Checkbox.Group options={WEEKDAY_CODES.map((w) => ({ value: w, label: t(`weekday.${w}`) }))} />
                </Form.Item>
              )}
              <AntSpace wrap align="start">
                <Form.Item name="ends" label={t('form.ends')}>
                  <Radio.Group
                    options={[
                      { value: 'count', label: t('form.endsCount') },
                      { value: 'until', label: t('form.endsUntil') },
                    ]}
                  />
                </Form.Item>
                {ends === 'until' ? (
                  <Form.Item name="until" label={t('form.until')} rules={[{ required: true, message: t('form.untilRequired') }]}>
                    <DatePicker />
                  </Form.Item>
                ) : (
                  <Form.Item name="count" label={t('form.count')}>
                    <InputNumber min={1} max={200} addonAfter={t('form.times')} data-testid="booking-count" />
                  </Form.Item>
                )}
              </AntSpace>
            </Card>
          )}
          {clashes && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              data-testid="booking-clashes"
              message={t('form.clashTitle', { count: clashes.rows.length, free: clashes.free })}
              description={
                <ul className="building-clash-list">
                  {clashes.rows.map((r) => (
                    <li key={r.key}>
                      {r.date} {r.time} — {r.title} ({displayName(r.organiser, language)})
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </Form>
      )}
    </Modal>
  );
}
