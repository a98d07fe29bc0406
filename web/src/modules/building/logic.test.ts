import { describe, expect, it } from 'vitest';
import type { Booking, Clash } from './api';
import {
  approvalRows,
  clashList,
  dragRange,
  meetingMinutes,
  proposalDraft,
  recurrenceBody,
  serverRefusal,
  slotProblem,
  slotWindow,
  weekDays,
  weekdayOf,
  type CellState,
} from './logic';

function row(cells: Record<number, CellState>) {
  return new Map(Object.entries(cells).map(([k, v]) => [Number(k), v]));
}

describe('drag selection → time range', () => {
  const states = row({ 600: 'free', 630: 'free', 660: 'free', 690: 'taken', 720: 'free', 570: 'free', 540: 'closed' });
  it('covers the dragged free slots, forwards and backwards', () => {
    expect(dragRange(states, 600, 660)).toEqual({ start: 600, end: 690 });
    expect(dragRange(states, 660, 570)).toEqual({ start: 570, end: 690 });
  });
  it('stops before a taken or closed slot', () => {
    expect(dragRange(states, 600, 720)).toEqual({ start: 600, end: 690 });
    expect(dragRange(states, 600, 540)).toEqual({ start: 570, end: 630 });
  });
  it('gives an hour for a click, or half an hour before a taken slot', () => {
    expect(dragRange(states, 600, 600)).toEqual({ start: 600, end: 660 });
    expect(dragRange(states, 660, 660)).toEqual({ start: 660, end: 690 });
  });
  it('starts nothing on a taken slot', () => {
    expect(dragRange(states, 690, 720)).toBeNull();
  });
});

describe('week and weekdays', () => {
  it('runs Monday to Sunday across a month end', () => {
    expect(weekDays('2026-12-02')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(weekDays('2026-11-29')[0]).toBe('2026-11-23');
    expect(weekdayOf('2026-11-25')).toBe('WE');
  });
});

describe('recurrence form → request body', () => {
  const base = { repeat: true, freq: 'weekly' as const, weekdays: [], ends: 'count' as const, count: 6 };
  it('is null for a single booking', () => {
    expect(recurrenceBody({ ...base, repeat: false }, '2026-11-25')).toBeNull();
  });
  it('weekly on chosen weekdays in week order, or on the start day', () => {
    expect(recurrenceBody({ ...base, weekdays: ['FR', 'MO'] }, '2026-11-25')).toEqual({ freq: 'weekly', weekdays: ['MO', 'FR'], count: 6 });
    expect(recurrenceBody(base, '2026-11-25')).toEqual({ freq: 'weekly', weekdays: ['WE'], count: 6 });
  });
  it('daily or monthly until a date', () => {
    expect(recurrenceBody({ ...base, freq: 'monthly', ends: 'until', until: '2027-03-31' }, '2026-11-25')).toEqual({ freq: 'monthly', until: '2027-03-31' });
    expect(recurrenceBody({ ...base, freq: 'daily', count: null }, '2026-11-25')).toEqual({ freq: 'daily', count: 4 });
  });
});

describe('clash list', () => {
  const booking = { title: '定例', organiser: { id: 'p', name_ja: '田中 健二', name_en: 'Kenji Tanaka' } } as Booking;
  const clash = (start: string, end: string): Clash => ({ start, end, booking });
  it('lists clashing occurrences in Tokyo time, once each, and counts the free rest', () => {
    const occurrences = Array.from({ length: 4 }, (_, i) => ({ start: `2026-12-0${i + 1}T01:00:00Z`, end: `2026-12-0${i + 1}T02:00:00Z` }));
    const { rows, free } = clashList(occurrences, [
      clash('2026-12-03T01:00:00Z', '2026-12-03T02:00:00Z'),
      clash('2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z'),
      clash('2026-12-03T01:00:00Z', '2026-12-03T02:00:00Z'),
    ]);
    expect(rows.map((r) => `${r.date} ${r.time}`)).toEqual(['2026-12-01 10:00–11:00', '2026-12-03 10:00–11:00']);
    expect(free).toBe(2);
  });
});

describe('opening hours and maximum length', () => {
  const space = { opens_at: '08:00', closes_at: '22:00', max_minutes: 240 };
  it('explains the refusal before asking the server', () => {
    expect(slotProblem(space, '07:30', '09:00')).toMatchObject({ field: 'start', key: 'outsideHours' });
    expect(slotProblem(space, '09:00', '14:00')).toMatchObject({ field: 'end', key: 'tooLong', values: { minutes: 240 } });
    expect(slotProblem(space, '10:00', '10:00')).toMatchObject({ key: 'endBeforeStart' });
    expect(slotProblem(space, '18:00', '22:00')).toBeNull();
  });
});

describe('server refusals in the UI language', () => {
  it('recognises the opening-hours, length, past and capacity refusals', () => {
    expect(serverRefusal('outside opening hours: Gallery is open 09:00–20:00 (Asia/Tokyo)')).toEqual({
      key: 'refusal.outsideHours',
      values: { opens: '09:00', closes: '20:00' },
    });
    expect(serverRefusal('too long: Meeting Room 1 can be booked for at most 60 minutes')).toEqual({ key: 'refusal.tooLong', values: { minutes: 60 } });
    expect(serverRefusal('start is in the past')?.key).toBe('refusal.past');
    expect(serverRefusal('more attendees than the space holds (12)')).toEqual({ key: 'refusal.capacity', values: { capacity: 12 } });
    expect(serverRefusal('something else')).toBeNull();
  });
});

describe('approval queue', () => {
  const b = (id: string, start: string, series: string | null) => ({ id, start, end: start, series_id: series, title: id }) as unknown as Booking;
  it('makes one row per series, in time order, and one per single booking', () => {
    const rows = approvalRows([b('s2', '2026-12-08T04:00:00Z', 'S'), b('x', '2026-12-02T04:00:00Z', null), b('s1', '2026-12-01T04:00:00Z', 'S')]);
    expect(rows.map((r) => r.key)).toEqual(['series-S', 'x']);
    expect(rows[0].first.id).toBe('s1');
    expect(rows[0].occurrences.map((o) => o.id)).toEqual(['s1', 's2']);
  });
});

describe('slot finder helpers', () => {
  it('searches 14 days from the chosen day, or from now when that day has begun', () => {
    const now = new Date('2026-12-01T03:00:00Z'); // 12:00 in Tokyo
    expect(slotWindow('2026-12-03', now)).toEqual({ from: '2026-12-02T15:00:00.000Z', to: '2026-12-16T15:00:00.000Z' });
    expect(slotWindow('2026-12-01', now).from).toBe('2026-12-01T03:00:00.000Z');
  });
  it('takes the meeting length from the form', () => {
    expect(meetingMinutes('10:00', '11:30')).toBe(90);
    expect(meetingMinutes('11:00', '10:00')).toBe(60);
  });
  it('turns a proposal into Tokyo date and times', () => {
    expect(proposalDraft({ space_id: 'r', space_name_ja: '', space_name_en: '', start: '2026-12-02T01:00:00Z', end: '2026-12-02T02:00:00Z' })).toEqual({
      space_id: 'r',
      date: '2026-12-02',
      start: '10:00',
      end: '11:00',
    });
  });
});

describe('attendee refusals in Japanese', () => {
  it('knows the server messages about attendees', () => {
    expect(serverRefusal('more people than the space holds (12)')).toEqual({ key: 'refusal.capacity', values: { capacity: 12 } });
    expect(serverRefusal('unknown or inactive person: abc')).toEqual({ key: 'refusal.unknownPerson', values: {} });
  });
});
