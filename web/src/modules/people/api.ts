// TanStack Query hooks for people and organisations (GET/POST/PATCH /api/people, /api/organisations).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, type Organisation, type OrganisationKind, type Person } from '../../shell/api';
import { sessionKeys } from '../../shell/keys';
import { auditKeys } from '../audit/keys';
import { coiKeys } from '../coi/keys';
import { peopleKeys } from './keys';

export type ActiveFilter = 'true' | 'false' | 'all';

export interface PeopleFilters {
  q?: string;
  role?: string;
  organisation_id?: string;
  active?: ActiveFilter;
}

export function usePeople(filters: PeopleFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: peopleKeys.personList(filters),
    queryFn: ({ signal }) => api<{ items: Person[] }>('/api/people', { query: { ...filters }, signal }).then((body) => body.items),
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  });
}

export function useOrganisations(active: ActiveFilter = 'all', options: { retry?: boolean; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: peopleKeys.organisationList(active),
    queryFn: ({ signal }) => api<{ items: Organisation[] }>('/api/organisations', { query: { active }, signal }).then((body) => body.items),
    staleTime: 60_000,
    retry: options.retry,
    enabled: options.enabled ?? true,
  });
}

function afterPeopleChange(queryClient: QueryClient, person?: Person) {
  void queryClient.invalidateQueries({ queryKey: peopleKeys.persons });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
  const me = queryClient.getQueryData<Person | null>(sessionKeys.me);
  if (person && me && me.id === person.id) void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
}

export interface PersonInput {
  email: string;
  name_ja: string;
  name_kana: string;
  name_en: string;
  organisation_id: string | null;
  roles: string[];
  password: string;
}

export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonInput) => api<Person>('/api/people', { method: 'POST', body }),
    onSuccess: (person) => afterPeopleChange(queryClient, person),
  });
}

export type PersonChange = Partial<Omit<PersonInput, 'password'>> & { active?: boolean };

export function useUpdatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: PersonChange }) =>
      api<Person>(`/api/people/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }),
    onSuccess: (person) => afterPeopleChange(queryClient, person),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api<void>(`/api/people/${encodeURIComponent(id)}/password`, { method: 'POST', body: { password } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}

export interface OrganisationInput {
  name_ja: string;
  name_en: string;
  name_kana: string;
  kind: OrganisationKind;
  parent_id: string | null;
}

function afterOrganisationChange(queryClient: QueryClient) {
  // This module's organisations and people (people carry their organisation's names).
  void queryClient.invalidateQueries({ queryKey: peopleKeys.all });
  // The COI declaration reads the organisations under its own key (the companies to choose).
  void queryClient.invalidateQueries({ queryKey: coiKeys.organisations });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
  void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationInput) => api<Organisation>('/api/organisations', { method: 'POST', body }),
    onSuccess: () => afterOrganisationChange(queryClient),
  });
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: Partial<OrganisationInput> & { active?: boolean } }) =>
      api<Organisation>(`/api/organisations/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }),
    onSuccess: () => afterOrganisationChange(queryClient),
  });
}
