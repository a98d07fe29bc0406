// Query keys of the building module: all start with 'building' (one owner per key,
// src/queryKeys.test.ts). Invalidating `all` refreshes the notifications and public events too.
const all = ['building'] as const;

export const buildingKeys = {
  all,
  spaces: [...all, 'spaces'] as const,
  bookings: (query: object) => [...all, 'bookings', query] as const,
  people: (q: string) => [...all, 'people', q] as const,
  calendarToken: [...all, 'calendar-token'] as const,
  events: [...all, 'events'] as const,
  event: (id: string) => [...all, 'event', id] as const,
  registrations: (eventId: string) => [...all, 'registrations', eventId] as const,
  areas: [...all, 'areas'] as const,
  notifications: [...all, 'notifications'] as const,
  publicEvent: (id: string) => [...all, 'public-event', id] as const,
  guestRegistration: (id: string, token: string | null) => [...all, 'public-event', id, 'registration', token] as const,
};
