import { describe, expect, it } from 'vitest';
import type { Registration } from './api';
import { checkInRows, eventFormBody, eventTitle } from './events';

describe('event form → request body', () => {
  it('turns Tokyo wall-clock times into RFC 3339 and trims blanks', () => {
    expect(
      eventFormBody({
        kind: 'seminar',
        title_ja: ' 心不全セミナー ',
        space_id: 's1',
        date: '2026-12-10',
        start: '15:00',
        end: '17:00',
        capacity: 80,
        tags: ['cardio'],
      }),
    ).toEqual({
      kind: 'seminar',
      title_ja: '心不全セミナー',
      title_en: '',
      description_ja: '',
      description_en: '',
      space_id: 's1',
      start: '2026-12-10T15:00:00+09:00',
      end: '2026-12-10T17:00:00+09:00',
      capacity: 80,
      open_to_public: false,
      tags: ['cardio'],
    });
  });
  it('falls back to the other language for the title', () => {
    expect(eventTitle({ title_ja: '', title_en: 'Open lab day' }, 'ja')).toBe('Open lab day');
    expect(eventTitle({ title_ja: '公開日', title_en: '' }, 'en')).toBe('公開日');
  });
});

describe('check-in list', () => {
  const r = (over: Partial<Registration>): Registration => ({
    id: over.name ?? 'x',
    event_id: 'e',
    name: 'x',
    affiliation: '',
    email: '',
    status: 'registered',
    guest: true,
    waitlist_position: 0,
    created_at: '',
    person_id: null,
    checked_in_at: null,
    ...over,
  });
  const items = [
    r({ name: '鈴木', status: 'waitlisted', waitlist_position: 2 }),
    r({ name: 'Yamada', affiliation: 'Osaka Univ.' }),
    r({ name: '佐藤', status: 'cancelled' }),
    r({ name: '伊藤', status: 'waitlisted', waitlist_position: 1 }),
    r({ name: 'Abe', email: 'abe@example.com' }),
  ];
  it('puts registered people first, then the waiting list in order, and leaves out cancellations', () => {
    expect(checkInRows(items, '').map((x) => x.name)).toEqual(['Abe', 'Yamada', '伊藤', '鈴木']);
  });
  it('searches name, affiliation and email', () => {
    expect(checkInRows(items, 'osaka').map((x) => x.name)).toEqual(['Yamada']);
    expect(checkInRows(items, 'ABE@').map((x) => x.name)).toEqual(['Abe']);
  });
});
