// TanStack Query hooks for the building: spaces, bookings, events, calendar feed, notifications.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { buildingKeys } from './keys';

export interface Floor {
  code: string;
  name_ja: string;
  name_en: string;
  area_m2: number;
  position: number;
}

export interface Space {
  id: string;
  code: string;
  name: string;
  name_ja: string;
  name_en: string;
  floor: string;
  kind: string;
  description_ja: string;
  description_en: string;
  area_m2: number;
  capacity: number;
  bookable: boolean;
  needs_approval: boolean;
  opens_at: string;
  closes_at: string;
  max_minutes: number;
  active: boolean;
}

export interface Booking {
  id: string;
  space_id: string;
  space_name_ja: string;
  space_name_en: string;
  organiser: { id: string; name_ja: string; name_en: string };
  title: string;
  purpose: string | null;
  attendees: number | null;
  start: string;
  end: string;
  status: 'pending' | 'confirmed' | 'declined' | 'cancelled' | 'skipped';
  series_id: string | null;
  decision_reason: string;
  can_cancel: boolean;
  /** People invited besides the organiser; null when the caller may not see the details. */
  attendee_ids?: string[] | null;
  attendee_people?: { id: string; name_ja: string; name_en: string }[] | null;
}

export interface Clash {
  start: string;
  end: string;
  booking: Booking;
}

export interface NewBooking {
  space_id: string;
  start: string;
  end: string;
  title: string;
  purpose?: string;
  attendees?: number;
  recurrence?: { freq: 'daily' | 'weekly' | 'monthly'; count?: number; until?: string; weekdays?: string[] } | null;
  skip_conflicts?: boolean;
  attendee_ids?: string[];
}

export interface EventItem {
  id: string;
  space_id: string;
  space_name_ja: string;
  space_name_en: string;
  kind: string;
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  start: string;
  end: string;
  capacity: number;
  open_to_public: boolean;
  tags: string[];
  status: string;
  registered: number;
  waitlisted: number;
  my_registration_id: string | null;
  my_status: string;
  my_registration?: { id: string; status: 'registered' | 'waitlisted'; waitlist_position: number } | null;
}

export interface Notification {
  id: string;
  kind: string;
  title_ja: string;
  title_en: string;
  link: string;
  created_at: string;
  read: boolean;
}

export function useSpaces() {
  return useQuery({
    queryKey: buildingKeys.spaces,
    queryFn: ({ signal }) => api<{ items: Space[]; floors: Floor[] }>('/api/spaces', { signal }),
    staleTime: 60_000,
  });
}

export function useBookings(query: { from: string; to: string; mine?: boolean; status?: string }) {
  return useQuery({
    queryKey: buildingKeys.bookings(query),
    queryFn: ({ signal }) =>
      api<{ items: Booking[] }>('/api/bookings', { query: { ...query, mine: query.mine ? 'true' : undefined }, signal }).then((body) => body.items),
    placeholderData: (previous) => previous,
  });
}

function useInvalidateBuilding() {
  const queryClient = useQueryClient();
  return () => {
    // Notifications are under the building's keys too.
    void queryClient.invalidateQueries({ queryKey: buildingKeys.all });
  };
}

export function useCreateBooking() {
  const invalidate = useInvalidateBuilding();
  return useMutation({
    mutationFn: (body: NewBooking) => api<Booking & { occurrences: Booking[]; skipped: Clash[] }>('/api/bookings', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useCheckBooking() {
  return useMutation({
    mutationFn: (body: NewBooking) =>
      api<{ occurrences: { start: string; end: string }[]; conflicts: Clash[]; needs_approval: boolean }>('/api/bookings/check', {
        method: 'POST',
        body,
      }),
  });
}

export function useCancelBooking() {
  const invalidate = useInvalidateBuilding();
  return useMutation({
    mutationFn: ({ id, scope }: { id: string; scope: 'this' | 'following' }) =>
      api<{ items: Booking[] }>(`/api/bookings/${encodeURIComponent(id)}`, { method: 'DELETE', query: { scope } }),
    onSuccess: invalidate,
  });
}

export function useDecide() {
  const invalidate = useInvalidateBuilding();
  return useMutation({
    mutationFn: ({ id, approve, reason, scope = 'this' }: { id: string; approve: boolean; reason?: string; scope?: 'this' | 'series' }) =>
      api<Booking & { occurrences: Booking[] }>(`/api/bookings/${encodeURIComponent(id)}/${approve ? 'approve' : 'decline'}`, {
        method: 'POST',
        body: approve ? { scope } : { reason, scope },
      }),
    onSuccess: invalidate,
  });
}

export interface SlotProposal {
  space_id: string;
  space_name_ja: string;
  space_name_en: string;
  start: string;
  end: string;
}

/** Free slots where a room and every person are free (GET /api/slots). */
export function useFindSlots() {
  return useMutation({
    mutationFn: (q: { people: string[]; minutes: number; from: string; to: string; kind?: string; min_capacity?: number; limit?: number }) =>
      api<{ slots: SlotProposal[] }>('/api/slots', {
        query: {
          people: q.people.join(','),
          minutes: String(q.minutes),
          from: q.from,
          to: q.to,
          kind: q.kind,
          min_capacity: q.min_capacity ? String(q.min_capacity) : undefined,
          limit: q.limit ? String(q.limit) : undefined,
        },
      }).then((body) => body.slots),
  });
}

export interface PersonOption {
  id: string;
  name_ja: string;
  name_en: string;
  email: string;
}

/** People search for the attendee picker (GET /api/people?q=). */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: buildingKeys.people(q),
    queryFn: ({ signal }) => api<{ items: PersonOption[] }>('/api/people', { query: { q }, signal }).then((body) => body.items.slice(0, 20)),
    enabled: q.trim().length > 0,
    staleTime: 30_000,
  });
}

export function useCalendarToken() {
  return useQuery({
    queryKey: buildingKeys.calendarToken,
    queryFn: ({ signal }) => api<{ exists: boolean; created_at: string | null }>('/api/calendar/token', { signal }),
  });
}

export function useRotateCalendarToken() {
  const invalidate = useInvalidateBuilding();
  return useMutation({
    mutationFn: () => api<{ token: string; person_feed: string; space_feed_template: string }>('/api/calendar/token', { method: 'POST', body: {} }),
    onSuccess: invalidate,
  });
}

export function useEvents() {
  return useQuery({
    queryKey: buildingKeys.events,
    queryFn: ({ signal }) => api<{ items: EventItem[] }>('/api/events', { signal }).then((body) => body.items),
  });
}

export function useRegistration() {
  const invalidate = useInvalidateBuilding();
  return useMutation({
    mutationFn: ({ event, cancel }: { event: EventItem; cancel: boolean }) =>
      cancel && event.my_registration_id
        ? api(`/api/events/${event.id}/registrations/${event.my_registration_id}`, { method: 'DELETE' })
        : api(`/api/events/${event.id}/registrations`, { method: 'POST', body: {} }),
    onSuccess: invalidate,
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: buildingKeys.notifications,
    queryFn: ({ signal }) => api<{ items: Notification[]; unread_count: number }>('/api/notifications', { signal }),
    refetchInterval: 60_000,
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/notifications/read-all', { method: 'POST', body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: buildingKeys.notifications }),
  });
}

export interface SpacePatch {
  kind?: string;
  name_ja?: string;
  name_en?: string;
  capacity?: number;
  opens_at?: string;
  closes_at?: string;
  max_minutes?: number;
  bookable?: boolean;
  needs_approval?: boolean;
}

export function useUpdateSpace() {
  const invalidate = useInvalidateBuilding();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: SpacePatch }) => api<Space>(`/api/spaces/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: invalidate,
  });
}

export interface Area {
  id: string;
  code: string;
  name_ja: string;
  name_en: string;
}

export function useAreas() {
  return useQuery({
    queryKey: buildingKeys.areas,
    queryFn: ({ signal }) => api<{ items: Area[] }>('/api/areas', { signal }).then((body) => body.items),
    staleTime: 300_000,
  });
}

export interface EventInput {
  space_id: string;
  kind: string;
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  start: string;
  end: string;
  capacity: number;
  open_to_public: boolean;
  tags: string[];
}

export function useSaveEvent() {
  const invalidate = useInvalidateBuilding();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: EventInput }) => {
      if (!id) return api<EventItem>('/api/events', { method: 'POST', body });
      // Place and time are fixed once the hall is booked; everything else may change.
      const { space_id: _space, start: _start, end: _end, ...patch } = body;
      return api<EventItem>(`/api/events/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
    },
    onSuccess: invalidate,
  });
}

export function useEvent(id: string) {
  return useQuery({
    queryKey: buildingKeys.event(id),
    queryFn: ({ signal }) => api<EventItem & { checked_in: number }>(`/api/events/${encodeURIComponent(id)}`, { signal }),
  });
}

export interface Registration {
  id: string;
  event_id: string;
  name: string;
  affiliation: string;
  email: string;
  status: 'registered' | 'waitlisted' | 'cancelled';
  guest: boolean;
  waitlist_position: number;
  created_at: string;
  person_id: string | null;
  checked_in_at: string | null;
}

export function useRegistrations(eventId: string) {
  return useQuery({
    queryKey: buildingKeys.registrations(eventId),
    queryFn: ({ signal }) => api<{ items: Registration[] }>(`/api/events/${encodeURIComponent(eventId)}/registrations`, { signal }).then((b) => b.items),
  });
}

export function useCheckIn(eventId: string) {
  const invalidate = useInvalidateBuilding();
  return useMutation({
    mutationFn: ({ id, present }: { id: string; present: boolean }) =>
      api<Registration>(`/api/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(id)}/check-in`, {
        method: 'POST',
        body: { present },
      }),
    onSuccess: invalidate,
  });
}

export function usePublicEvent(id: string) {
  return useQuery({
    queryKey: buildingKeys.publicEvent(id),
    queryFn: ({ signal }) => api<EventItem>(`/api/public/events/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useGuestRegistration(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; affiliation: string; email: string }) =>
      api<{ status: 'registered' | 'waitlisted'; waitlist_position: number; name: string; cancel_token: string; manage_url: string }>(
        `/api/public/events/${encodeURIComponent(id)}/registrations`,
        { method: 'POST', body },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: buildingKeys.publicEvent(id) }),
  });
}

export interface GuestRegistrationState {
  status: 'registered' | 'waitlisted' | 'cancelled';
  waitlist_position: number;
  name: string;
  event_id: string;
}

/** A guest's own registration by the secret token of their link. */
export function useGuestRegistrationState(id: string, token: string | null) {
  return useQuery({
    queryKey: buildingKeys.guestRegistration(id, token),
    queryFn: ({ signal }) =>
      api<GuestRegistrationState>(`/api/public/events/${encodeURIComponent(id)}/registration`, { query: { token: token ?? '' }, signal }),
    enabled: !!token,
    retry: false,
  });
}

export function useCancelGuestRegistration(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api<GuestRegistrationState>(`/api/public/events/${encodeURIComponent(id)}/registration/cancel`, { method: 'POST', body: { token } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: buildingKeys.publicEvent(id) }),
  });
}
