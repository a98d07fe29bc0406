// The building page: a day or week grid of spaces × time with what is free (book by dragging
// across free cells or with the form, single or recurring), the person's own bookings, the
// office's approval queue, floor-by-floor spaces (the office edits them) and the calendar feeds.
import { App as AntApp, Alert, Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Modal, Radio, Segmented, Select, Space as AntSpace, Switch, Table, Tabs, Tag, TimePicker, Typography } from 'antd';
import { CalendarOutlined, EditOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
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
  useCheckBooking,
  useCreateBooking,
  useDecide,
  usePeopleSearch,
  useRotateCalendarToken,
  useSpaces,
  useUpdateSpace,
  type Booking,
  type NewBooking,
  type SlotProposal,
  type Space,
} from './api';
import {
  approvalRows,
  clashList,
  meetingMinutes,
  proposalDraft,
  slotWindow,
  dragRange,
  GRID_END,
  GRID_START,
  hhmm,
  recurrenceBody,
  serverRefusal,
  SLOT,
  slotProblem,
  toMinutes,
  weekDays,
  weekdayOf,
  WEEKDAY_CODES,
  type ApprovalRow,
  type CellState,
  type ClashRow,
  type RecurrenceForm,
} from './logic';
import { addDays, tokyoDate, tokyoInstant, tokyoMinutes, tokyoTime } from './time';
import { FindTime } from './FindTime';
import './building.css';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useIsPhone } from '../../shell/responsive';

function spaceName(space: { name_ja: string; name_en: string }, language: 'ja' | 'en') {
  return displayName(space, language);
}

interface Draft {
  space_id: string;
  date: string;
  start: string;
  end: string;
}

interface GridRow {
  key: string;
  date: string;
  space: Space;
}

interface Selection {
  row: string;
  anchor: number;
  current: number;
}

const SLOTS: number[] = [];
for (let m = GRID_START; m < GRID_END; m += SLOT) SLOTS.push(m);

function endMinutes(b: Booking) {
  const m = tokyoMinutes(b.end);
  return m === 0 ? 1440 : m;
}

/** Each space and day of the grid, with the state of each slot and the booking taking it. */
function useGridCells(dates: string[], spaces: Space[], bookings: Booking[]) {
  const rows: GridRow[] = useMemo(() => dates.flatMap((date) => spaces.map((space) => ({ key: `${date}/${space.id}`, date, space }))), [dates, spaces]);
  const cells = useMemo(() => {
    const out = new Map<string, { states: Map<number, CellState>; bookings: Map<number, Booking> }>();
    for (const row of rows) {
      const here = bookings.filter((b) => b.space_id === row.space.id && tokyoDate(new Date(b.start)) === row.date && (b.status === 'confirmed' || b.status === 'pending'));
      const states = new Map<number, CellState>();
      const taken = new Map<number, Booking>();
      for (const m of SLOTS) {
        const booking = here.find((b) => tokyoMinutes(b.start) < m + SLOT && m < endMinutes(b));
        if (booking) {
          states.set(m, 'taken');
          taken.set(m, booking);
        } else if (m < toMinutes(row.space.opens_at) || m + SLOT > toMinutes(row.space.closes_at)) states.set(m, 'closed');
        else states.set(m, 'free');
      }
      out.set(row.key, { states, bookings: taken });
    }
    return out;
  }, [rows, bookings]);

  return { rows, cells };
}

/** Spaces × time for one day, or spaces × days × time for a week (a row per space and day). */
function Grid({ dates, spaces, bookings, onPick }: { dates: string[]; spaces: Space[]; bookings: Booking[]; onPick: (d: Draft) => void }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const week = dates.length > 1;
  const [selection, setSelection] = useState<Selection | null>(null);

  const { rows, cells } = useGridCells(dates, spaces, bookings);

  const range = selection ? dragRange(cells.get(selection.row)!.states, selection.anchor, selection.current) : null;

  // One window listener reads the latest state through a ref, so a mouseup anywhere (even
  // outside the grid, or straight after the mousedown) ends the drag.
  const latest = useRef({ selection, rows, cells, onPick });
  latest.current = { selection, rows, cells, onPick };
  useEffect(() => {
    const finish = () => {
      const { selection: current, rows: allRows, cells: allCells, onPick: pick } = latest.current;
      if (!current) return;
      latest.current.selection = null;
      setSelection(null);
      const row = allRows.find((r) => r.key === current.row);
      const chosen = dragRange(allCells.get(current.row)!.states, current.anchor, current.current);
      if (row && chosen) pick({ space_id: row.space.id, date: row.date, start: hhmm(chosen.start), end: hhmm(Math.min(chosen.end, GRID_END)) });
    };
    window.addEventListener('mouseup', finish);
    return () => window.removeEventListener('mouseup', finish);
  }, []);

  const dayLabel = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))} (${t(`weekday.${weekdayOf(date)}`)})`;

  return (
    <div className="building-grid" role="grid" aria-label={t('grid.label')}>
      <table>
        <thead>
          <tr>
            <th className="building-grid-space">{t('grid.space')}</th>
            {SLOTS.map((m) => (
              <th key={m} className="building-grid-hour">
                {m % 60 === 0 ? hhmm(m).replace(/^0/, '') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dates.map((date) => (
            <Fragment key={date}>
              {week && (
                <tr className="building-grid-day">
                  <th colSpan={SLOTS.length + 1} data-testid={`week-day-${date}`}>
                    {dayLabel(date)}
                  </th>
                </tr>
              )}
              {spaces.map((space) => {
                const key = `${date}/${space.id}`;
                const row = cells.get(key);
                if (!row) return null;
                return (
                  <tr key={key} data-space={space.code} data-date={date}>
                    <th className="building-grid-space" scope="row">
                      {spaceName(space, language)}
                      {space.needs_approval && <Tag color="orange" className="building-approval-tag">{t('space.approval')}</Tag>}
                    </th>
                    {SLOTS.map((m) => {
                      const state = row.states.get(m)!;
                      if (state === 'taken') {
                        const booking = row.bookings.get(m)!;
                        const first = tokyoMinutes(booking.start) >= m;
                        const testid = week ? `taken-${date}-${space.code}-${hhmm(m)}` : `taken-${space.code}-${hhmm(m)}`;
                        return (
                          <td
                            key={m}
                            className={`building-cell taken ${booking.status}`}
                            title={`${booking.title} ${tokyoTime(booking.start)}–${tokyoTime(booking.end)} ${displayName(booking.organiser, language)}`}
                            data-testid={first ? testid : undefined}
                          >
                            {first ? booking.title : ''}
                          </td>
                        );
                      }
                      if (state === 'closed') return <td key={m} className="building-cell closed" aria-label={t('grid.closed')} />;
                      const selected = selection?.row === key && range !== null && m >= range.start && m < range.end;
                      const label = week
                        ? t('grid.freeOn', { space: spaceName(space, language), date: dayLabel(date), time: hhmm(m) })
                        : t('grid.free', { space: spaceName(space, language), time: hhmm(m) });
                      return (
                        <td
                          key={m}
                          className={selected ? 'building-cell free selected' : 'building-cell free'}
                          aria-label={label}
                          data-slot={hhmm(m)}
                          onMouseDown={(e) => {
                            if (e.button !== 0) return;
                            e.preventDefault();
                            const started = { row: key, anchor: m, current: m };
                            latest.current.selection = started;
                            setSelection(started);
                          }}
                          onMouseEnter={() => {
                            const current = latest.current.selection;
                            if (current?.row === key) {
                              const moved = { ...current, current: m };
                              latest.current.selection = moved;
                              setSelection(moved);
                            }
                          }}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter' || e.key === ' ') {
                              const chosen = dragRange(row.states, m, m);
                              if (chosen) onPick({ space_id: space.id, date, start: hhmm(chosen.start), end: hhmm(chosen.end) });
                            }
                          }}
                          tabIndex={0}
                        />
                      );
                    })}
                  </tr>
                );
              })}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The grid on a phone: time runs down the left and stays put while the spaces (and, for a week,
 * the days) scroll sideways, so the whole day is there by scrolling down. A booking is one block
 * over its slots; tapping a free slot books it (an hour, or less if the next slot is taken).
 */
function PhoneGrid({ dates, spaces, bookings, onPick }: { dates: string[]; spaces: Space[]; bookings: Booking[]; onPick: (d: Draft) => void }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const week = dates.length > 1;
  const { rows, cells } = useGridCells(dates, spaces, bookings);
  const dayLabel = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))} (${t(`weekday.${weekdayOf(date)}`)})`;
  // The slots a booking block covers below its first one are not drawn again.
  const covered = new Set<string>();

  return (
    <div className="building-grid building-grid-phone" role="grid" aria-label={t('grid.label')} data-testid="phone-grid">
      <table>
        <thead>
          {week && (
            <tr className="building-grid-days">
              <th className="building-grid-time" />
              {dates.map((date) => (
                <th key={date} colSpan={spaces.length} data-testid={`week-day-${date}`}>
                  {dayLabel(date)}
                </th>
              ))}
            </tr>
          )}
          <tr>
            <th className="building-grid-time">{t('grid.time')}</th>
            {rows.map((row) => (
              <th key={row.key} className="building-grid-column" scope="col">
                {spaceName(row.space, language)}
                {row.space.needs_approval && (
                  <Tag color="orange" className="building-approval-tag">
                    {t('space.approval')}
                  </Tag>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SLOTS.map((m) => (
            <tr key={m} className={m % 60 === 0 ? 'building-grid-hour-row' : undefined}>
              <th className="building-grid-time" scope="row">
                {hhmm(m).replace(/^0/, '')}
              </th>
              {rows.map((row) => {
                const cellKey = `${row.key}@${m}`;
                if (covered.has(cellKey)) return null;
                const here = cells.get(row.key)!;
                const state = here.states.get(m)!;
                if (state === 'taken') {
                  const booking = here.bookings.get(m)!;
                  let span = 1;
                  while (here.bookings.get(m + span * SLOT) === booking) {
                    covered.add(`${row.key}@${m + span * SLOT}`);
                    span++;
                  }
                  const testid = week ? `taken-${row.date}-${row.space.code}-${hhmm(m)}` : `taken-${row.space.code}-${hhmm(m)}`;
                  return (
                    <td key={row.key} rowSpan={span} className={`building-cell taken ${booking.status}`} data-testid={testid}>
                      <span className="building-block-title">{booking.title}</span>
                      <span className="building-block-time">
                        {tokyoTime(booking.start)}–{tokyoTime(booking.end)}
                      </span>
                    </td>
                  );
                }
                if (state === 'closed') return <td key={row.key} className="building-cell closed" aria-label={t('grid.closed')} />;
                const label = week
                  ? t('grid.freeOn', { space: spaceName(row.space, language), date: dayLabel(row.date), time: hhmm(m) })
                  : t('grid.free', { space: spaceName(row.space, language), time: hhmm(m) });
                const pick = () => {
                  const chosen = dragRange(here.states, m, m);
                  if (chosen) onPick({ space_id: row.space.id, date: row.date, start: hhmm(chosen.start), end: hhmm(Math.min(chosen.end, GRID_END)) });
                };
                return (
                  <td
                    key={row.key}
                    className="building-cell free"
                    aria-label={label}
                    data-slot={hhmm(m)}
                    data-space={row.space.code}
                    data-date={row.date}
                    role="button"
                    tabIndex={0}
                    onClick={pick}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        pick();
                      }
                    }}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

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

function BookingForm({ draft, spaces, onClose, me }: { draft: Draft | null; spaces: Space[]; onClose: () => void; me: Me }) {
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

  useEffect(() => setClashes(null), [draft]);

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
        { repeat: values.repeat, freq: values.freq, weekdays: values.weekdays ?? [], ends: values.ends, count: values.count, until: values.until?.format('YYYY-MM-DD') ?? null },
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
      message.success(result.status === 'pending' ? t('form.requested') : t('form.booked', { count: result.occurrences.filter((b) => b.status !== 'skipped').length }));
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
              options={spaces.filter((s) => s.bookable).map((s) => ({ value: s.id, label: `${spaceName(s, language)} (${s.floor})${s.needs_approval ? ` — ${t('space.approval')}` : ''}` }))}
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
                <Radio.Group
                  options={(['daily', 'weekly', 'monthly'] as const).map((f) => ({ value: f, label: t(`freq.${f}`) }))}
                  optionType="button"
                />
              </Form.Item>
              {freq === 'weekly' && (
                <Form.Item name="weekdays" label={t('form.weekdays')}>
                  <Checkbox.Group options={WEEKDAY_CODES.map((w) => ({ value: w, label: t(`weekday.${w}`) }))} />
                </Form.Item>
              )}
              <AntSpace wrap align="start">
                <Form.Item name="ends" label={t('form.ends')}>
                  <Radio.Group options={[{ value: 'count', label: t('form.endsCount') }, { value: 'until', label: t('form.endsUntil') }]} />
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

function DeclineModal({ booking, onClose, scope = 'this', count = 1 }: { booking: Booking | null; onClose: () => void; scope?: 'this' | 'series'; count?: number }) {
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
    <Modal open={booking !== null} title={t('approval.declineTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('approval.decline')} okButtonProps={{ danger: true, loading: decide.isPending }} destroyOnClose>
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
function ApprovalTable({ bookings, loading }: { bookings: Booking[]; loading: boolean }) {
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
                  <Typography.Text type="secondary">{t('approval.until', { date: tokyoDate(new Date(r.occurrences[r.occurrences.length - 1].start)) })}</Typography.Text>
                </>
              ) : (
                when(r.first)
              ),
          },
          { title: t('list.space'), key: 'space', render: (_, r) => displayName({ name_ja: r.first.space_name_ja, name_en: r.first.space_name_en }, language) },
          { title: t('list.title'), key: 'title', card: 'title', render: (_, r) => r.first.title },
          { title: t('list.organiser'), key: 'organiser', render: (_, r) => <>{displayName(r.first.organiser, language)}{r.first.purpose ? <Typography.Text type="secondary"><br />{r.first.purpose}</Typography.Text> : null}</> },
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
                  <Button size="small" danger onClick={() => setDeclining({ booking: r.first, scope: series ? 'series' : 'this', count: r.occurrences.length })}>
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

function BookingTable({ bookings, mode, loading, meId }: { bookings: Booking[]; mode: 'mine' | 'approval'; loading: boolean; meId?: string }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const cancel = useCancelBooking();
  const decide = useDecide();
  const { message, modal } = AntApp.useApp();
  const [declining, setDeclining] = useState<Booking | null>(null);
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
    <>
      <ResponsiveTable<Booking>
        rowKey="id"
        dataSource={bookings}
        loading={loading}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={mode === 'mine' ? t('list.noneMine') : t('list.nonePending')} /> }}
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
          mode === 'approval'
            ? { title: t('list.organiser'), key: 'organiser', render: (_, b) => <>{displayName(b.organiser, language)}{b.purpose ? <Typography.Text type="secondary"><br />{b.purpose}</Typography.Text> : null}</> }
            : { title: t('list.reason'), key: 'reason', render: (_, b) => b.decision_reason },
          {
            title: t('list.status'),
            key: 'status',
            render: (_, b) => (
              <AntSpace>
                <Tag color={b.status === 'confirmed' ? 'green' : b.status === 'pending' ? 'orange' : b.status === 'declined' ? 'red' : 'default'}>{t(`status.${b.status}`)}</Tag>
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
                  <Button size="small" type="primary" onClick={() => decide.mutateAsync({ id: b.id, approve: true }).then(() => message.success(t('approval.approved'))).catch((e) => message.error(errorMessage(e, t)))}>
                    {t('approval.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setDeclining(b)}>
                    {t('approval.decline')}
                  </Button>
                </AntSpace>
              ) : (
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
                )
              ),
          },
        ]}
      />
      <DeclineModal booking={declining} onClose={() => setDeclining(null)} />
    </>
  );
}

const KINDS = ['meeting_room', 'discussion_room', 'lounge', 'hall', 'gallery', 'open_lab', 'lab_office', 'office', 'chemistry_lab', 'storage', 'electrical_room', 'machine_room', 'other'];

type SpaceForm = { kind: string; name_ja: string; name_en: string; capacity: number; bookable: boolean; needs_approval: boolean; hours: [Dayjs, Dayjs]; max_minutes: number };

function SpaceModal({ space, onClose }: { space: Space | null; onClose: () => void }) {
  const { t } = useTranslation('building');
  const [form] = Form.useForm<SpaceForm>();
  const update = useUpdateSpace();
  const { message } = AntApp.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await update.mutateAsync({
        id: space!.id,
        patch: {
          kind: v.kind,
          name_ja: v.name_ja,
          name_en: v.name_en ?? '',
          capacity: v.capacity,
          bookable: v.bookable,
          needs_approval: v.needs_approval,
          opens_at: v.hours[0].format('HH:mm'),
          closes_at: v.hours[1].format('HH:mm'),
          max_minutes: v.max_minutes,
        },
      });
      message.success(t('spaceForm.saved'));
      onClose();
    } catch (error) {
      const field = error instanceof ApiError ? error.field : null;
      const name = field === 'opens_at' || field === 'closes_at' ? 'hours' : field;
      if (name && ['kind', 'name_ja', 'name_en', 'capacity', 'hours', 'max_minutes'].includes(name))
        form.setFields([{ name: name as keyof SpaceForm, errors: [name === 'hours' ? t('spaceForm.hoursOrder') : (error as ApiError).message] }]);
      else message.error(errorMessage(error, t));
    }
  };
  return (
    <Modal open={space !== null} title={t('spaceForm.title')} onCancel={onClose} onOk={() => void submit()} okText={t('spaceForm.save')} cancelText={t('form.cancel')} okButtonProps={{ loading: update.isPending, 'data-testid': 'space-save' } as ButtonProps} destroyOnClose>
      {space && (
        <Form<SpaceForm>
          form={form}
          layout="vertical"
          initialValues={{
            kind: space.kind,
            name_ja: space.name_ja,
            name_en: space.name_en,
            capacity: space.capacity,
            bookable: space.bookable,
            needs_approval: space.needs_approval,
            hours: [dayjs(`2000-01-01T${space.opens_at}`), dayjs(`2000-01-01T${space.closes_at}`)],
            max_minutes: space.max_minutes,
          }}
        >
          <AntSpace wrap>
            <Form.Item name="name_ja" label={t('spaceForm.nameJa')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="name_en" label={t('spaceForm.nameEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </AntSpace>
          <AntSpace wrap>
            <Form.Item name="kind" label={t('space.kind')}>
              <Select style={{ width: 200 }} options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="capacity" label={t('space.capacity')}>
              <InputNumber min={0} max={2000} addonAfter={t('spaceForm.people')} />
            </Form.Item>
          </AntSpace>
          <AntSpace wrap>
            <Form.Item name="bookable" valuePropName="checked" label={t('spaceForm.bookable')}>
              <Switch />
            </Form.Item>
            <Form.Item name="needs_approval" valuePropName="checked" label={t('spaceForm.needsApproval')}>
              <Switch />
            </Form.Item>
          </AntSpace>
          <AntSpace wrap>
            <Form.Item name="hours" label={t('space.hours')} rules={[{ required: true }]}>
              <TimePicker.RangePicker format="HH:mm" minuteStep={15} allowClear={false} order={false} />
            </Form.Item>
            <Form.Item name="max_minutes" label={t('spaceForm.maxMinutes')} extra={t('spaceForm.maxMinutesHelp')}>
              <InputNumber min={15} max={1440} step={15} addonAfter={t('spaceForm.minutes')} />
            </Form.Item>
          </AntSpace>
        </Form>
      )}
    </Modal>
  );
}

function FloorList({ spaces, floors, office }: { spaces: Space[]; floors: { code: string; name_ja: string; name_en: string; area_m2: number }[]; office: boolean }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const [editing, setEditing] = useState<Space | null>(null);
  return (
    <AntSpace direction="vertical" style={{ width: '100%' }}>
      {floors.map((floor) => {
        const onFloor = spaces.filter((s) => s.floor === floor.code);
        return (
          <Card key={floor.code} size="small" title={`${displayName(floor, language)} — ${floor.area_m2.toLocaleString()} m²`}>
            <ResponsiveTable<Space>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={onFloor}
              scroll={{ x: 700 }}
              columns={[
                { title: t('space.name'), key: 'name', render: (_, s) => spaceName(s, language) },
                { title: t('space.kind'), key: 'kind', render: (_, s) => t(`kind.${s.kind}`) },
                { title: t('space.area'), dataIndex: 'area_m2', render: (v: number) => `${v} m²` },
                { title: t('space.capacity'), dataIndex: 'capacity' },
                { title: t('space.hours'), key: 'hours', render: (_, s) => (s.bookable ? `${s.opens_at}–${s.closes_at}` : '') },
                { title: t('space.max'), key: 'max', render: (_, s) => (s.bookable ? t('space.maxValue', { hours: s.max_minutes / 60 }) : '') },
                {
                  title: t('space.bookable'),
                  key: 'bookable',
                  render: (_, s) =>
                    s.bookable ? <Tag color={s.needs_approval ? 'orange' : 'green'}>{s.needs_approval ? t('space.approval') : t('space.yes')}</Tag> : <Tag>{t('space.no')}</Tag>,
                },
                ...(office
                  ? [
                      {
                        title: '',
                        key: 'edit',
                        render: (_: unknown, s: Space) => (
                          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={t('spaceForm.editOf', { name: spaceName(s, language) })}>
                            {t('spaceForm.edit')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        );
      })}
      <SpaceModal space={editing} onClose={() => setEditing(null)} />
    </AntSpace>
  );
}

function CalendarFeed({ spaces }: { spaces: Space[] }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const token = useCalendarToken();
  const rotate = useRotateCalendarToken();
  const { modal } = AntApp.useApp();
  const [spaceId, setSpaceId] = useState<string | undefined>(undefined);
  const origin = window.location.origin;
  const personUrl = rotate.data ? `${origin}${rotate.data.person_feed}` : null;
  const spaceUrl = rotate.data && spaceId ? `${origin}${rotate.data.space_feed_template.replace('{space_id}', spaceId)}` : null;
  const issue = () => {
    if (!token.data?.exists) return rotate.mutate();
    modal.confirm({ title: t('feed.rotateConfirm'), content: t('feed.rotateWarning'), okText: t('feed.rotate'), cancelText: t('form.cancel'), onOk: () => rotate.mutateAsync() });
  };
  return (
    <Card size="small" title={<><CalendarOutlined /> {t('feed.title')}</>}>
      <Typography.Paragraph>{t('feed.explain')}</Typography.Paragraph>
      {token.data?.exists && !personUrl && <Typography.Paragraph type="secondary">{t('feed.existing', { date: token.data.created_at ? tokyoDate(new Date(token.data.created_at)) : '' })}</Typography.Paragraph>}
      {personUrl && (
        <>
          <Typography.Text strong>{t('feed.mine')}</Typography.Text>
          <Typography.Paragraph copyable code data-testid="feed-url">
            {personUrl}
          </Typography.Paragraph>
          <Typography.Text strong>{t('feed.space')}</Typography.Text>
          <div style={{ margin: '4px 0 8px' }}>
            <Select style={{ width: 280 }} placeholder={t('feed.chooseSpace')} value={spaceId} onChange={setSpaceId} options={spaces.map((s) => ({ value: s.id, label: spaceName(s, language) }))} />
          </div>
          {spaceUrl && (
            <Typography.Paragraph copyable code data-testid="space-feed-url">
              {spaceUrl}
            </Typography.Paragraph>
          )}
          <Alert type="info" showIcon message={t('feed.onlyOnce')} style={{ marginBottom: 12 }} />
        </>
      )}
      <Button onClick={issue} loading={rotate.isPending} data-testid="feed-issue">
        {token.data?.exists ? t('feed.rotate') : t('feed.create')}
      </Button>
    </Card>
  );
}

export function BuildingPage({ me }: { me: Me }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const spaces = useSpaces();
  const [date, setDate] = useState(() => tokyoDate(new Date()));
  const [view, setView] = useState<'day' | 'week'>('day');
  const [spaceFilter, setSpaceFilter] = useState<string[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const dates = useMemo(() => (view === 'day' ? [date] : weekDays(date)), [view, date]);
  const shown = useBookings({ from: dates[0], to: addDays(dates[dates.length - 1], 1) });
  const today = tokyoDate(new Date());
  const mine = useBookings({ from: today, to: addDays(today, 400), mine: true });
  const office = hasAnyRole(me.roles, ['office', 'admin']);
  const pending = useBookings({ from: today, to: addDays(today, 400), status: 'pending' });
  const bookable = useMemo(() => (spaces.data?.items ?? []).filter((s) => s.bookable), [spaces.data]);
  const gridSpaces = useMemo(() => (spaceFilter.length ? bookable.filter((s) => spaceFilter.includes(s.id)) : bookable), [bookable, spaceFilter]);
  const step = view === 'day' ? 1 : 7;
  const phone = useIsPhone();

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
                <AntSpace style={{ marginBottom: 12 }} wrap className="building-toolbar">
                  <Segmented value={view} onChange={(v) => setView(v as 'day' | 'week')} options={[{ value: 'day', label: t('grid.day') }, { value: 'week', label: t('grid.week') }]} />
                  <Button icon={<LeftOutlined />} aria-label={view === 'day' ? t('grid.previous') : t('grid.previousWeek')} onClick={() => setDate(addDays(date, -step))} />
                  <DatePicker value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
                  <Button icon={<RightOutlined />} aria-label={view === 'day' ? t('grid.next') : t('grid.nextWeek')} onClick={() => setDate(addDays(date, step))} />
                  <Button onClick={() => setDate(tokyoDate(new Date()))}>{t('grid.today')}</Button>
                  <Select
                    mode="multiple"
                    allowClear
                    style={{ minWidth: 220 }}
                    placeholder={t('grid.allSpaces')}
                    value={spaceFilter}
                    onChange={setSpaceFilter}
                    optionFilterProp="label"
                    options={bookable.map((s) => ({ value: s.id, label: spaceName(s, language) }))}
                    aria-label={t('grid.filter')}
                  />
                </AntSpace>
                <Typography.Paragraph type="secondary">{phone ? t('grid.hintPhone') : t('grid.hint')}</Typography.Paragraph>
                {spaces.isPending ? (
                  <Card loading />
                ) : phone ? (
                  <PhoneGrid dates={dates} spaces={gridSpaces} bookings={shown.data ?? []} onPick={setDraft} />
                ) : (
                  <Grid dates={dates} spaces={gridSpaces} bookings={shown.data ?? []} onPick={setDraft} />
                )}
              </>
            ),
          },
          { key: 'mine', label: t('tabs.mine'), children: <BookingTable bookings={mine.data ?? []} mode="mine" loading={mine.isPending} meId={me.id} /> },
          ...(office
            ? [{ key: 'approval', label: `${t('tabs.approval')} (${approvalRows(pending.data ?? []).length})`, children: <ApprovalTable bookings={pending.data ?? []} loading={pending.isPending} /> }]
            : []),
          { key: 'floors', label: t('tabs.floors'), children: <FloorList spaces={spaces.data?.items ?? []} floors={spaces.data?.floors ?? []} office={office} /> },
          { key: 'feed', label: t('tabs.feed'), children: <CalendarFeed spaces={bookable} /> },
        ]}
      />
      <BookingForm draft={draft} spaces={spaces.data?.items ?? []} onClose={() => setDraft(null)} me={me} />
    </>
  );
}
