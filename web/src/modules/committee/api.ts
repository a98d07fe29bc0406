// TanStack Query hooks and wire types of the steering committee (運営委員会, issue 18,
// src/modules/committee/routes.cpp): members and rules, meetings with attendance and their agenda,
// recusals, votes and decisions, written resolutions (書面決議) and the matters awaiting the committee.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, type Person } from '../../shell/api';
import { inboxKeys } from '../inbox/keys';
import { projectsKeys } from '../projects/keys';
import { opencallKeys } from '../opencall/keys';
import { committeeKeys } from './keys';
import type { ItemKind, MeetingKind, MeetingStatus, Outcome, PassRule, QuorumRule, RecusalReason, Side, VoteChoice } from './model';

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface Member {
  person: PersonRef;
  side: Side;
  term_from: string;
  term_to: string | null;
  organisation_ja: string;
  organisation_en: string;
  /** In term today. */
  in_term: boolean;
}

export interface Rules {
  quorum: QuorumRule;
  each_side: boolean;
  pass: PassRule;
}

export interface Tally {
  members: number;
  present: number;
  present_university: number;
  present_company: number;
  quorum_needed: number;
  quorum: boolean;
  eligible: number;
  for: number;
  against: number;
  abstain: number;
  not_voted: number;
  outcome: Outcome;
}

export interface Recusal {
  person: PersonRef;
  reason: RecusalReason;
  /** A declared recusal's reason; the role on the project, or the company, for the automatic ones. */
  detail: string;
  /** The same with the company's English name (equal to `detail` otherwise). */
  detail_en?: string;
}

export interface CastVote {
  person: PersonRef;
  vote: VoteChoice;
  cast_at: string;
  /** Person id of whoever recorded it (the member, or the office in the meeting). */
  recorded_by: string;
}

export interface Item {
  id: string;
  /** null: a written resolution. */
  meeting_id: string | null;
  position: number;
  kind: ItemKind;
  subject_id: string | null;
  /** The subject's page in the UI ('' for none). */
  link: string;
  title_ja: string;
  title_en: string;
  note: string;
  vote_deadline: string | null;
  decision: 'approved' | 'rejected' | null;
  decision_note: string;
  decided_by: PersonRef | null;
  decided_at: string | null;
  recused: string[];
  recusals: Recusal[];
  votes: CastVote[];
  tally: Tally;
  my_vote: VoteChoice | null;
  may: { vote: boolean; recuse: boolean; decide: boolean };
}

export interface MeetingSummary {
  id: string;
  kind: MeetingKind;
  title_ja: string;
  title_en: string;
  starts_at: string;
  ends_at: string;
  space_id: string | null;
  booking_id: string | null;
  space_name_ja: string;
  space_name_en: string;
  status: MeetingStatus;
  sent_at: string | null;
  closed_at: string | null;
  closed_by: PersonRef | null;
  items_total: number;
  items_open: number;
}

export interface Attendance {
  person: PersonRef;
  side: Side;
  present: boolean;
}

export interface Meeting extends MeetingSummary {
  attendance: Attendance[];
  agenda: Item[];
  items: Item[];
  rules: Rules;
  may_manage: boolean;
}

export interface Pending {
  kind: ItemKind;
  subject_id: string;
  title_ja: string;
  title_en: string;
  link: string;
}

export interface NewMeeting {
  kind: MeetingKind;
  title_ja: string;
  title_en: string;
  starts_at: string;
  ends_at: string;
  space_id?: string;
}

export interface NewWritten {
  kind: ItemKind;
  subject_id?: string;
  title_ja?: string;
  title_en?: string;
  note: string;
  vote_deadline: string;
}

const meetingPath = (id: string) => `/api/committee/meetings/${encodeURIComponent(id)}`;
const itemPath = (id: string) => `/api/committee/items/${encodeURIComponent(id)}`;

/** After any change: every committee query, the inbox (agenda and vote items), and what a decision changes. */
export function refreshCommittee(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: committeeKeys.all });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
  void queryClient.invalidateQueries({ queryKey: projectsKeys.all });
  void queryClient.invalidateQueries({ queryKey: opencallKeys.all });
}

export function useMeetings() {
  return useQuery({
    queryKey: committeeKeys.meetings,
    queryFn: ({ signal }) => api<{ items: MeetingSummary[] }>('/api/committee/meetings', { signal }).then((b) => b.items),
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: committeeKeys.meeting(id),
    queryFn: ({ signal }) => api<Meeting>(meetingPath(id), { signal }),
    enabled: id !== '',
  });
}

export function useWritten() {
  return useQuery({
    queryKey: committeeKeys.written,
    queryFn: ({ signal }) => api<{ items: Item[] }>('/api/committee/written', { signal }).then((b) => b.items),
  });
}

export function useItem(id: string) {
  return useQuery({
    queryKey: committeeKeys.item(id),
    queryFn: ({ signal }) => api<Item>(itemPath(id), { signal }),
    enabled: id !== '',
  });
}

export function useMembers() {
  return useQuery({
    queryKey: committeeKeys.members,
    queryFn: ({ signal }) => api<{ items: Member[] }>('/api/committee/members', { signal }).then((b) => b.items),
  });
}

export function useRules() {
  return useQuery({
    queryKey: committeeKeys.rules,
    queryFn: ({ signal }) => api<Rules>('/api/committee/rules', { signal }),
  });
}

export function usePending(enabled = true) {
  return useQuery({
    queryKey: committeeKeys.pending,
    queryFn: ({ signal }) => api<{ items: Pending[] }>('/api/committee/pending', { signal }).then((b) => b.items),
    enabled,
  });
}

/** Active people holding the committee role: who the office may put on the roll. */
export function useCandidates(enabled: boolean) {
  return useQuery({
    queryKey: committeeKeys.candidates,
    queryFn: ({ signal }) => api<{ items: Person[] }>('/api/people', { query: { role: 'committee' }, signal }).then((b) => b.items),
    enabled,
  });
}

/** One mutation hook for every committee action: it refreshes the committee's queries and what a decision touches. */
export function useCommitteeAction<TInput, TResult = unknown>(send: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => refreshCommittee(queryClient) });
}

export const committeeApi = {
  createMeeting: (input: NewMeeting) => api<Meeting>('/api/committee/meetings', { method: 'POST', body: input }),
  gather: (id: string) => api<Meeting>(`${meetingPath(id)}/gather`, { method: 'POST' }),
  addItem: (id: string, input: { title_ja: string; title_en: string; note: string }) =>
    api<Meeting>(`${meetingPath(id)}/items`, { method: 'POST', body: input }),
  order: (id: string, itemIds: string[]) => api<Meeting>(`${meetingPath(id)}/order`, { method: 'PUT', body: { item_ids: itemIds } }),
  send: (id: string) => api<Meeting>(`${meetingPath(id)}/send`, { method: 'POST' }),
  attend: (id: string, personId: string, present: boolean) =>
    api<Meeting>(`${meetingPath(id)}/attendance`, { method: 'PUT', body: { person_id: personId, present } }),
  close: (id: string) => api<Meeting>(`${meetingPath(id)}/close`, { method: 'POST' }),
  minutesUrl: (id: string) => `${meetingPath(id)}/minutes.docx`,
  removeItem: (itemId: string) => api<Meeting>(itemPath(itemId), { method: 'DELETE' }),
  vote: (itemId: string, vote: VoteChoice, personId?: string) =>
    api<Item>(`${itemPath(itemId)}/votes`, { method: 'POST', body: personId ? { vote, person_id: personId } : { vote } }),
  recuse: (itemId: string, reason: string) => api<Item>(`${itemPath(itemId)}/recusal`, { method: 'POST', body: { reason } }),
  decide: (itemId: string, note: string) => api<Item>(`${itemPath(itemId)}/decision`, { method: 'POST', body: { note } }),
  createWritten: (input: NewWritten) => api<Item>('/api/committee/written', { method: 'POST', body: input }),
  putMember: (personId: string, input: { side: Side; term_from: string; term_to: string }) =>
    api<Member>(`/api/committee/members/${encodeURIComponent(personId)}`, { method: 'PUT', body: input }),
  removeMember: (personId: string) => api<void>(`/api/committee/members/${encodeURIComponent(personId)}`, { method: 'DELETE' }),
  setRules: (rules: Rules) => api<Rules>('/api/committee/rules', { method: 'PUT', body: rules }),
};
