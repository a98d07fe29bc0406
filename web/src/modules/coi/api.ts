// TanStack Query hooks for conflict of interest: my declaration, the thresholds, who has
// declared, cases and the project panel (docs/coi.md, docs/openapi.yaml).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Organisation } from '../../shell/api';
import { inboxKeys } from '../inbox/keys';
import { projectsKeys } from '../projects/keys';
import { coiKeys } from './keys';
import type { Category, CaseStatus, Decision, Rule, Threshold } from './model';

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface OrgRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface Relationship {
  id: string;
  organisation_id: string | null;
  organisation_name_ja: string;
  organisation_name_en: string;
  company_name: string;
  category: Category;
  amount_yen: number;
  note: string;
  /** The registered company a free-text company_name is treated as (docs/coi.md). */
  resolved_organisation?: OrgRef | null;
}

export interface Declaration {
  id: string;
  person: PersonRef;
  fiscal_year: number;
  nothing_to_declare: boolean;
  filed_at: string;
  updated_at: string;
  relationships: Relationship[];
}

export interface MyDeclaration {
  fiscal_year: number;
  current_fiscal_year: number;
  declaration: Declaration | null;
  prefill: Omit<Relationship, 'id'>[];
  prefill_from: number | null;
  thresholds: Threshold[];
}

export interface Crossing {
  category: Category;
  rule: Rule;
  total_yen: number;
  threshold_yen: number;
  relationships: number;
  crossed: boolean;
}

export interface CaseSummary {
  id: string;
  project: { id: string; title_ja: string; title_en: string };
  person: PersonRef;
  organisation: OrgRef;
  fiscal_year: number;
  status: CaseStatus;
  decision: Decision | null;
  measures: string;
  decided_by: PersonRef | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
  categories?: Category[];
}

export interface CaseDetail extends CaseSummary {
  findings: Crossing[];
  current: Crossing[];
  person: PersonRef & { roles?: string[]; organisation?: OrgRef };
  project: CaseSummary['project'] & {
    status?: string;
    stage?: string;
    person_role?: string | null;
    members?: { person: PersonRef; role: string }[];
    organisations?: (OrgRef & { role: string })[];
    companies?: OrgRef[];
  };
  group: OrgRef[];
  relationships: Relationship[];
  declaration: { id: string; filed_at: string; updated_at: string } | null;
  thresholds: Threshold[];
  may_decide: boolean;
}

export interface StatusRow {
  person: PersonRef;
  roles: string[];
  organisation: OrgRef | null;
  member_of_active_project: boolean;
  must_declare: boolean;
  declaration: { id: string; filed_at: string; updated_at: string } | null;
}

export interface DeclarationStatus {
  fiscal_year: number;
  must_declare: number;
  filed: number;
  missing: number;
  people: StatusRow[];
}

export interface ProjectCoi {
  project_id: string;
  fiscal_year: number;
  cleared: boolean;
  missing_declarations: number;
  open_cases: number;
  companies: OrgRef[];
  members: { person: PersonRef; role: string; must_declare: boolean; declared: boolean }[];
  cases: CaseSummary[];
}

export interface RelationshipInput {
  organisation_id: string | null;
  company_name: string;
  category: string;
  amount_yen: number;
  note: string;
}

export const coiApi = {
  mine: (fiscalYear: number, signal?: AbortSignal) => api<MyDeclaration>('/api/coi/declarations/mine', { query: { fiscal_year: fiscalYear }, signal }),
  file: (fiscalYear: number, nothing: boolean, relationships: RelationshipInput[]) =>
    api<Declaration>('/api/coi/declarations/mine', {
      method: 'PUT',
      body: { fiscal_year: fiscalYear, nothing_to_declare: nothing, relationships },
    }),
  nothing: (fiscalYear: number) => api<Declaration>('/api/coi/declarations/mine/nothing', { method: 'POST', body: { fiscal_year: fiscalYear } }),
  declaration: (id: string, signal?: AbortSignal) => api<Declaration>(`/api/coi/declarations/${encodeURIComponent(id)}`, { signal }),
  status: (fiscalYear: number, signal?: AbortSignal) => api<DeclarationStatus>('/api/coi/declarations', { query: { fiscal_year: fiscalYear }, signal }),
  ask: (fiscalYear: number) =>
    api<{ fiscal_year: number; asked: number }>('/api/coi/declaration-requests', { method: 'POST', body: { fiscal_year: fiscalYear } }),
  thresholds: (signal?: AbortSignal) => api<{ items: Threshold[] }>('/api/coi/thresholds', { signal }),
  saveThresholds: (thresholds: Threshold[]) => api<{ items: Threshold[] }>('/api/coi/thresholds', { method: 'PUT', body: { thresholds } }),
  cases: (status: string, signal?: AbortSignal) => api<{ items: CaseSummary[] }>('/api/coi/cases', { query: { status: status || undefined }, signal }),
  case: (id: string, signal?: AbortSignal) => api<CaseDetail>(`/api/coi/cases/${encodeURIComponent(id)}`, { signal }),
  decide: (id: string, decision: Decision, measures: string) =>
    api<CaseSummary>(`/api/coi/cases/${encodeURIComponent(id)}/decision`, { method: 'POST', body: { decision, measures } }),
  project: (id: string, signal?: AbortSignal) => api<ProjectCoi>(`/api/coi/projects/${encodeURIComponent(id)}`, { signal }),
  organisations: (signal?: AbortSignal) => api<{ items: Organisation[] }>('/api/organisations', { signal }),
};

export function useMyDeclaration(fiscalYear: number) {
  return useQuery({
    queryKey: coiKeys.mine(fiscalYear),
    queryFn: ({ signal }) => coiApi.mine(fiscalYear, signal),
    // Every read is audited: no polling; read again when the page is opened (the inbox's
    // one-click "nothing to declare" may have changed it meanwhile).
    staleTime: 0,
  });
}

export function useOrganisations() {
  return useQuery({ queryKey: coiKeys.organisations, queryFn: ({ signal }) => coiApi.organisations(signal), staleTime: 300_000 });
}

export function useThresholds() {
  return useQuery({ queryKey: coiKeys.thresholds, queryFn: ({ signal }) => coiApi.thresholds(signal) });
}

export function useDeclarationStatus(fiscalYear: number, enabled = true) {
  return useQuery({
    queryKey: coiKeys.status(fiscalYear),
    queryFn: ({ signal }) => coiApi.status(fiscalYear, signal),
    enabled,
  });
}

export function useCases(status: string) {
  return useQuery({ queryKey: coiKeys.cases(status), queryFn: ({ signal }) => coiApi.cases(status, signal) });
}

export function useCase(id: string) {
  return useQuery({ queryKey: coiKeys.case(id), queryFn: ({ signal }) => coiApi.case(id, signal), staleTime: Infinity });
}

export function useProjectCoi(projectId: string) {
  return useQuery({ queryKey: coiKeys.project(projectId), queryFn: ({ signal }) => coiApi.project(projectId, signal) });
}

/** A change that may alter declarations, cases, the inbox and projects' gates. */
export function useCoiMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: coiKeys.all });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      void queryClient.invalidateQueries({ queryKey: projectsKeys.all });
    },
  });
}
