// Pure helpers of the events pages (tested in events.test.ts).
import type { EventInput, EventItem, Registration } from './api';
import { tokyoInstant } from './time';

export const EVENT_KINDS = ['seminar', 'symposium', 'exhibition', 'meetup'] as const;
/** Events take place in the hall, the gallery or the lounge. */
export const EVENT_SPACE_KINDS = ['hall', 'gallery', 'lounge'];

export interface EventFormValues {
  kind: string;
  title_ja?: string;
  title_en?: string;
  description_ja?: string;
  description_en?: string;
  space_id: string;
  date: string; // YYYY-MM-DD
  start: string; // HH:MM
  end: string; // HH:MM
  capacity: number;
  open_to_public?: boolean;
  tags?: string[];
}

/** The POST /api/events body from the form (Tokyo wall clock → RFC 3339, blanks trimmed). */
export function eventFormBody(v: EventFormValues): EventInput {
  return {
    kind: v.kind,
    title_ja: (v.title_ja ?? '').trim(),
    title_en: (v.title_en ?? '').trim(),
    description_ja: (v.description_ja ?? '').trim(),
    description_en: (v.description_en ?? '').trim(),
    space_id: v.space_id,
    start: tokyoInstant(v.date, v.start),
    end: tokyoInstant(v.date, v.end),
    capacity: v.capacity,
    open_to_public: v.open_to_public ?? false,
    tags: v.tags ?? [],
  };
}

export function eventTitle(e: Pick<EventItem, 'title_ja' | 'title_en'>, language: 'ja' | 'en') {
  return language === 'ja' ? e.title_ja || e.title_en : e.title_en || e.title_ja;
}

export function eventDescription(e: Pick<EventItem, 'description_ja' | 'description_en'>, language: 'ja' | 'en') {
  return language === 'ja' ? e.description_ja || e.description_en : e.description_en || e.description_ja;
}

/** Check-in list: registered first (by name), then the waiting list in order; cancelled left out. */
export function checkInRows(items: Registration[], filter: string): Registration[] {
  const q = filter.trim().toLowerCase();
  return items
    .filter((r) => r.status !== 'cancelled')
    .filter((r) => !q || `${r.name} ${r.affiliation} ${r.email}`.toLowerCase().includes(q))
    .sort((a, b) => {
      if (a.status !== b.status) return a.status === 'registered' ? -1 : 1;
      if (a.status === 'waitlisted') return a.waitlist_position - b.waitlist_position;
      return a.name.localeCompare(b.name, 'ja');
    });
}
