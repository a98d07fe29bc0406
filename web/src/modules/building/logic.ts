// Pure page logic of the building UI (tested in logic.test.ts): drag selection on the grid,
// the recurrence form turned into the request body, the clash list, the week's days and the
// client-side pre-check of a space's opening hours and maximum length.
import type { Booking, Clash, NewBooking, SlotProposal, Space } from './api';
import { addDays, tokyoDate, tokyoTime } from './time';

export const GRID_START = 8 * 60;
export const GRID_END = 22 * 60;
export const SLOT = 30;

export type CellState = 'free' | 'taken' | 'closed';

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function toMinutes(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return h * 60 + m;
}

/**
 * The time range chosen by dragging from the slot at `anchor` to the slot at `current` in one row
 * (slot starts in minutes; `states` maps a slot start to its state). The range runs over free
 * slots only: it stops before the first taken or closed slot between the two. A plain click
 * (anchor = current) gives one hour, or less if the next slot is not free.
 */
export function dragRange(states: Map<number, CellState>, anchor: number, current: number, slot = SLOT): { start: number; end: number } | null {
  if (states.get(anchor) !== 'free') return null;
  if (anchor === current) {
    const next = states.get(anchor + slot) === 'free' ? anchor + 2 * slot : anchor + slot;
    return { start: anchor, end: next };
  }
  const step = current > anchor ? slot : -slot;
  let reached = anchor;
  for (let m = anchor + step; step > 0 ? m <= current : m >= current; m += step) {
    if (states.get(m) !== 'free') break;
    reached = m;
  }
  return { start: Math.min(anchor, reached), end: Math.max(anchor, reached) + slot };
}

/** The seven dates of the week (Monday first) that holds `date`. */
export function weekDays(date: string): string[] {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const monday = addDays(date, -((weekday + 6) % 7));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

/** The weekday code (MO…SU) of a "YYYY-MM-DD" date. */
export function weekdayOf(date: string): WeekdayCode {
  return WEEKDAY_CODES[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
}

export interface RecurrenceForm {
  repeat: boolean;
  freq: 'daily' | 'weekly' | 'monthly';
  weekdays: WeekdayCode[];
  ends: 'count' | 'until';
  count?: number | null;
  until?: string | null; // YYYY-MM-DD
}

/** The `recurrence` member of the booking request, or null for a single booking. */
export function recurrenceBody(form: RecurrenceForm, startDate: string): NewBooking['recurrence'] {
  if (!form.repeat) return null;
  const body: NonNullable<NewBooking['recurrence']> = { freq: form.freq };
  if (form.freq === 'weekly') {
    const chosen = WEEKDAY_CODES.filter((w) => form.weekdays.includes(w));
    body.weekdays = chosen.length > 0 ? chosen : [weekdayOf(startDate)];
  }
  if (form.ends === 'until' && form.until) body.until = form.until;
  else body.count = form.count && form.count > 0 ? form.count : 4;
  return body;
}

export interface ClashRow {
  key: string;
  date: string;
  time: string;
  title: string;
  organiser: { name_ja: string; name_en: string };
}

/** The clashing occurrences, one row each in time order, and how many occurrences stay free. */
export function clashList(occurrences: { start: string; end: string }[], conflicts: Clash[]): { rows: ClashRow[]; free: number } {
  const seen = new Set<string>();
  const rows: ClashRow[] = [];
  for (const c of [...conflicts].sort((a, b) => a.start.localeCompare(b.start))) {
    const key = new Date(c.start).toISOString();
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      key,
      date: tokyoDate(new Date(c.start)),
      time: `${tokyoTime(c.start)}–${tokyoTime(c.end)}`,
      title: c.booking.title,
      organiser: c.booking.organiser,
    });
  }
  return { rows, free: Math.max(0, occurrences.length - rows.length) };
}

/** Why a space would refuse the slot (opening hours, maximum length), before asking the server. */
export function slotProblem(
  space: Pick<Space, 'opens_at' | 'closes_at' | 'max_minutes'>,
  start: string,
  end: string,
): { field: 'start' | 'end'; key: 'outsideHours' | 'tooLong' | 'endBeforeStart'; values: Record<string, string | number> } | null {
  const s = toMinutes(start);
  const e = toMinutes(end);
  if (e <= s) return { field: 'end', key: 'endBeforeStart', values: {} };
  if (s < toMinutes(space.opens_at) || e > toMinutes(space.closes_at))
    return { field: 'start', key: 'outsideHours', values: { opens: space.opens_at, closes: space.closes_at } };
  if (e - s > space.max_minutes) return { field: 'end', key: 'tooLong', values: { minutes: space.max_minutes } };
  return null;
}

/**
 * The server's booking refusals (422, English) as a translation key and values, so the Japanese
 * UI can say them in Japanese; null when the message is not one we know.
 */
export function serverRefusal(message: string): { key: string; values: Record<string, string | number> } | null {
  let m = /^outside opening hours: .* is open (\d\d:\d\d)–(\d\d:\d\d)/.exec(message);
  if (m) return { key: 'refusal.outsideHours', values: { opens: m[1], closes: m[2] } };
  m = /^too long: .* at most (\d+) minutes/.exec(message);
  if (m) return { key: 'refusal.tooLong', values: { minutes: Number(m[1]) } };
  if (message === 'start is in the past') return { key: 'refusal.past', values: {} };
  m = /at most (\d+) days ahead/.exec(message);
  if (m) return { key: 'refusal.tooFar', values: { days: Number(m[1]) } };
  if (message.startsWith('a booking must start and end on the same day')) return { key: 'refusal.spansDays', values: {} };
  m = /^more (?:attendees|people) than the space holds \((\d+)\)/.exec(message);
  if (m) return { key: 'refusal.capacity', values: { capacity: Number(m[1]) } };
  if (message.startsWith('unknown or inactive person')) return { key: 'refusal.unknownPerson', values: {} };
  return null;
}

/** A row of the office's approval queue: one booking, or the pending occurrences of one series. */
export interface ApprovalRow {
  key: string;
  first: Booking;
  occurrences: Booking[];
}

/** Pending requests grouped so that a recurring request is one row (decided as a whole). */
export function approvalRows(bookings: Booking[]): ApprovalRow[] {
  const rows: ApprovalRow[] = [];
  const bySeries = new Map<string, ApprovalRow>();
  for (const b of [...bookings].sort((x, y) => x.start.localeCompare(y.start))) {
    if (!b.series_id) {
      rows.push({ key: b.id, first: b, occurrences: [b] });
      continue;
    }
    const existing = bySeries.get(b.series_id);
    if (existing) existing.occurrences.push(b);
    else {
      const row = { key: `series-${b.series_id}`, first: b, occurrences: [b] };
      bySeries.set(b.series_id, row);
      rows.push(row);
    }
  }
  return rows;
}

/**
 * The window the slot finder searches from the form's date: from that day (or now, if the day
 * is today or past) for 14 days. RFC 3339 strings.
 */
export function slotWindow(date: string, now: Date): { from: string; to: string } {
  const start = new Date(`${date}T00:00:00+09:00`);
  const from = start.getTime() > now.getTime() ? start : now;
  return { from: from.toISOString(), to: new Date(from.getTime() + 14 * 86400_000).toISOString() };
}

/** Meeting length in minutes from the form's "HH:MM" times (60 when they make no sense). */
export function meetingMinutes(start: string, end: string): number {
  const m = toMinutes(end) - toMinutes(start);
  return m >= 15 ? m : 60;
}

/** A proposal as the form's place, date and times (Asia/Tokyo). */
export function proposalDraft(p: SlotProposal): { space_id: string; date: string; start: string; end: string } {
  return { space_id: p.space_id, date: tokyoDate(new Date(p.start)), start: tokyoTime(p.start), end: tokyoTime(p.end) };
}
