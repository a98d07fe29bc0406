// TanStack Query hooks and wire types of the centre's budget (issue 18, src/modules/budget/routes.cpp,
// docs/budget.md): the overview per fiscal year, the plan, spending lines, the CSV import with its
// preview, budget changes (each approved through its approval chain) and a project's budget.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, buildUrl, getCsrfToken } from '../../shell/api';
import type { ApprovalChain } from '../approvals/api';
import { approvalsKeys } from '../approvals/keys';
import { committeeKeys } from '../committee/keys';
import { inboxKeys } from '../inbox/keys';
import { projectsKeys } from '../projects/keys';
import { budgetKeys } from './keys';
import type { Category, Health } from './model';

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface AreaLine {
  area_code: string;
  name_ja: string;
  name_en: string;
  planned_yen: number;
  allocated_yen: number;
  spent_yen: number;
}

export interface ProjectLine {
  project_id: string;
  title_ja: string;
  title_en: string;
  kind: string;
  area_code: string;
  allocated_yen: number | null;
  spent_yen: number;
  remaining_yen: number;
  status: Health;
  lines: number;
}

export interface Overview {
  fiscal_year: number;
  from: string;
  to: string;
  areas: AreaLine[];
  total: AreaLine;
  projects: ProjectLine[];
  pending_changes: number;
  may_write: boolean;
}

export interface Spending {
  id: string;
  project_id: string;
  project_title_ja: string;
  project_title_en: string;
  fiscal_year: number;
  spent_on: string;
  amount_yen: number;
  category: Category;
  description: string;
  reference: string;
  imported: boolean;
  created_by: PersonRef;
  updated_by: PersonRef;
  created_at: string;
  updated_at: string;
}

export interface SpendingInput {
  project_id: string;
  spent_on: string;
  amount_yen: number;
  category: Category;
  description: string;
  reference: string;
}

export interface Recorded extends Spending {
  project_status: Health;
  crossed: boolean;
}

export interface PreviewLine {
  line: number;
  project_id: string;
  project_title_ja: string;
  project_title_en: string;
  fiscal_year: number;
  spent_on: string;
  amount_yen: number;
  category: Category;
  description: string;
  reference: string;
  duplicate: boolean;
}

export interface RowError {
  line: number;
  field: string;
  message: string;
}

export interface Preview {
  lines: PreviewLine[];
  errors: RowError[];
  new_lines: number;
  duplicates: number;
  new_total_yen: number;
  ok: boolean;
}

export interface Imported {
  imported: number;
  duplicates: number;
  total_yen: number;
  crossed: string[];
}

export type ChangeStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface Change {
  id: string;
  project_id: string;
  project_title_ja: string;
  project_title_en: string;
  fiscal_year: number;
  current_yen: number | null;
  new_yen: number;
  reason: string;
  status: ChangeStatus;
  requested_by: PersonRef;
  requested_at: string;
  decided_by: PersonRef | null;
  decided_at: string | null;
  decision_note: string;
  may_withdraw: boolean;
  /** Its approval chain (稟議), chosen by the size of the change; null for a change asked before chains. */
  approval: ApprovalChain | null;
}

export interface ChangeInput {
  project_id: string;
  fiscal_year: number;
  new_yen: number;
  reason: string;
}

export interface ProjectBudget {
  project_id: string;
  fiscal_year: number;
  allocated_yen: number | null;
  spent_yen: number;
  remaining_yen: number;
  status: Health;
  lines: Spending[];
  changes: Change[];
  may_request_change: boolean;
}

export function useOverview(fiscalYear: number) {
  return useQuery({
    queryKey: budgetKeys.overview(fiscalYear),
    queryFn: ({ signal }) => api<Overview>('/api/budget/overview', { query: { fiscal_year: fiscalYear }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSpending(fiscalYear: number, projectId = '') {
  return useQuery({
    queryKey: budgetKeys.spending(fiscalYear, projectId),
    queryFn: ({ signal }) => api<{ items: Spending[] }>('/api/budget/spending', { query: { fiscal_year: fiscalYear, project_id: projectId }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useChanges() {
  return useQuery({
    queryKey: budgetKeys.changes,
    queryFn: ({ signal }) => api<{ items: Change[] }>('/api/budget/changes', { signal }),
  });
}

/** A project's budget; a 404 (not the caller's to see) is no error for the project page. */
export function useProjectBudget(projectId: string, fiscalYear: number) {
  return useQuery({
    queryKey: budgetKeys.project(projectId, fiscalYear),
    queryFn: async ({ signal }) => {
      try {
        return await api<ProjectBudget>(`/api/budget/projects/${encodeURIComponent(projectId)}`, {
          query: { fiscal_year: fiscalYear },
          signal,
        });
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
        throw error;
      }
    },
    enabled: projectId !== '',
  });
}

/** Everything a change of spending or of an allocation (and its approval chain) may have moved. */
function useInvalidate() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: budgetKeys.all }),
      client.invalidateQueries({ queryKey: inboxKeys.all }),
      client.invalidateQueries({ queryKey: committeeKeys.pending }),
      client.invalidateQueries({ queryKey: projectsKeys.all }),
      client.invalidateQueries({ queryKey: approvalsKeys.all }),
    ]);
}

export function useBudgetAction<I, O>(run: (input: I) => Promise<O>) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: run, onSuccess: () => invalidate() });
}

export const budgetApi = {
  setPlan: (input: { fiscal_year: number; area_code: string; amount_yen: number }) => api<AreaLine>('/api/budget/plans', { method: 'PUT', body: input }),
  record: (input: SpendingInput) => api<Recorded>('/api/budget/spending', { method: 'POST', body: input }),
  update: ({ id, ...patch }: Partial<SpendingInput> & { id: string }) =>
    api<Recorded>(`/api/budget/spending/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  remove: (id: string) => api<void>(`/api/budget/spending/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  requestChange: (input: ChangeInput) => api<Change>('/api/budget/changes', { method: 'POST', body: input }),
  withdrawChange: (id: string) => api<Change>(`/api/budget/changes/${encodeURIComponent(id)}/withdraw`, { method: 'POST' }),
};

/** Sends a CSV file as the raw request body (preview or import); the server decodes UTF-8 or Shift_JIS. */
export async function sendCsv<T>(kind: 'preview' | 'import', file: Blob, projectId?: string): Promise<T> {
  const url = buildUrl(kind === 'preview' ? '/api/budget/import/preview' : '/api/budget/import', { project_id: projectId });
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'text/csv' };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'network', String(cause), null);
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; field?: string | null } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? '', error?.field ?? null);
  }
  return data as T;
}
