// TanStack Query hooks for joint research projects, gates, milestones, reports, documents,
// products, the portfolio and the committee's goal (docs/projects.md, docs/openapi.yaml).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, buildUrl, getCsrfToken } from '../../shell/api';
import { inboxKeys } from '../inbox/keys';
import { projectsKeys } from './keys';
import type { Kind, Stage } from './model';

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface StageChange {
  id: string;
  from_stage: Stage | null;
  to_stage: Stage;
  at: string;
  requested_by: PersonRef | null;
  approved_by: PersonRef | null;
  note: string;
}

export interface StageRequest {
  id: string;
  from_stage: Stage;
  to_stage: Stage;
  approver: string;
  note: string;
  state: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  requested_by: PersonRef;
  requested_at: string;
  decided_by: PersonRef | null;
  decided_at: string | null;
  reason: string;
}

export interface Product {
  id: string;
  kind: 'product' | 'service';
  name_ja: string;
  name_en: string;
  description: string;
  launched_on: string | null;
  sales: { period: string; amount_yen: number }[];
  total_sales_yen: number;
  counts_towards_goal?: boolean;
  project_id?: string;
  project_title_ja?: string;
  project_title_en?: string;
}

export interface Permissions {
  edit: boolean;
  decide: boolean;
  request_stage: boolean;
  approve_stage: boolean;
  report: boolean;
  acknowledge: boolean;
  upload: boolean;
  confirm: boolean;
  member: boolean;
}

export interface Project {
  id: string;
  kind: Kind;
  area_code: string | null;
  title_ja: string;
  title_en: string;
  public_summary: string;
  status: 'proposed' | 'active' | 'rejected' | 'closed';
  stage: Stage;
  stage_since: string;
  access: 'full' | 'summary';
  pi: PersonRef | null;
  company_lead: PersonRef | null;
  // Full access only:
  aims?: string;
  report_period?: string;
  created_at?: string;
  active_since?: string | null;
  proposed_by?: PersonRef;
  decided_by?: PersonRef | null;
  decided_at?: string | null;
  decision_reason?: string;
  members?: { person: PersonRef; role: string; organisation_id: string | null }[];
  organisations?: { organisation_id: string; role: string; name_ja: string; name_en: string }[];
  budgets?: { fiscal_year: number; amount_yen: number }[];
  links?: ProjectLink[];
  history?: StageChange[];
  pending_request?: StageRequest | null;
  confirmations?: { code: string; note: string; confirmed_by: PersonRef; confirmed_at: string }[];
  product?: Product | null;
  last_report_on?: string | null;
  next_report_due?: string | null;
  report_overdue?: boolean;
  permissions?: Permissions;
  member?: boolean;
}

/** A need or seed the project links to (only those the viewer may see are listed). */
export interface ProjectLink {
  kind: 'need' | 'seed';
  target_id: string;
  title?: string;
  status?: string;
  confidential?: boolean;
}

export interface MeetingDecision {
  id: string;
  text: string;
  task: Milestone | null;
  created_by: PersonRef;
  created_at: string;
}

export interface Meeting {
  id: string;
  project_id: string;
  title: string;
  start: string;
  end: string;
  space_id: string | null;
  space_name_ja: string;
  space_name_en: string;
  booking_id: string | null;
  status: 'planned' | 'held' | 'cancelled';
  minutes: string;
  attendees: PersonRef[];
  created_by: PersonRef;
  created_at: string;
  updated_at: string;
  decisions: MeetingDecision[];
}

export interface NewMeeting {
  title: string;
  attendee_ids: string[];
  start: string;
  end: string;
  space_id?: string;
}

/** A free slot where every participant is free and a room is free (GET /api/slots, building module). */
export interface SlotProposal {
  space_id: string;
  space_name_ja: string;
  space_name_en: string;
  start: string;
  end: string;
}

export interface ChecklistItem {
  code: string;
  module: string;
  label_ja: string;
  label_en: string;
  satisfied: boolean;
  how: string;
  /** Answered by Renkei itself (projects or a module's check); an office confirmation does not count. */
  automatic: boolean;
}

export interface GateChecklist {
  to_stage: Stage | null;
  approver: string | null;
  items: ChecklistItem[];
  passes: boolean;
}

export interface Milestone {
  id: string;
  title: string;
  owner: PersonRef;
  due_on: string;
  done: boolean;
  done_at: string | null;
  overdue: boolean;
}

export interface Report {
  id: string;
  author: PersonRef;
  report_on: string;
  done: string;
  next: string;
  risks: string;
  help: string;
  submitted_at: string;
  acknowledgements: { person: PersonRef; role: string; at: string }[];
}

export interface DocumentVersion {
  version: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  uploaded_by: PersonRef;
  uploaded_at: string;
}

export interface ProjectDocument {
  id: string;
  title: string;
  visibility: 'public' | 'internal' | 'confidential';
  current_version: number;
  created_by: PersonRef;
  created_at: string;
  updated_at: string;
  versions: DocumentVersion[];
}

export interface Area {
  id: string;
  code: string;
  name_ja: string;
  name_en: string;
  description_ja: string;
  description_en: string;
  position: number;
}

export interface PortfolioRow {
  id: string;
  kind: Kind;
  title_ja: string;
  title_en: string;
  status: string;
  stage: Stage;
  stage_since: string;
  area_code: string | null;
  pi: PersonRef | null;
  company_lead: PersonRef | null;
  reports: number;
  report_overdue: boolean;
  open_milestones: number;
  overdue_milestones: number;
  last_report_on: string | null;
  next_report_due: string | null;
  pending_stage: Stage | null;
  next_stage?: Stage | null;
  blockers?: ChecklistItem[];
}

export interface ChainStep {
  code: string;
  label_ja: string;
  label_en: string;
  count: number;
}

export interface Goal {
  date: string;
  met: boolean;
  products_counting: number;
  products: Product[];
  funnel: Record<string, number>;
  chain?: ChainStep[];
  today: string;
}

export interface Portfolio {
  today: string;
  areas: Area[];
  stages: Stage[];
  projects: PortfolioRow[];
  proposed: PortfolioRow[];
  closest_to_market: PortfolioRow[];
  overdue_reports: PortfolioRow[];
  overdue_milestones: PortfolioRow[];
  goal: Goal;
}

export interface ProjectFilters {
  q?: string;
  need?: string;
  seed?: string;
  area?: string;
  stage?: string;
  kind?: string;
  status?: string;
  mine?: boolean;
}

export interface NewProject {
  kind: Kind;
  area_code: string | null;
  title_ja: string;
  title_en: string;
  aims: string;
  public_summary: string;
  report_period: string;
  pi_id: string;
  company_lead_id: string;
  members: { person_id: string; role: string }[];
  organisations: { organisation_id: string; role: 'sponsor' | 'partner' }[];
  budgets: { fiscal_year: number; amount_yen: number }[];
  links: { kind: 'need' | 'seed'; target_id: string }[];
  introduction_id?: string;
}

/** PATCH /api/projects/{id}: the full lists (members with the PI and the company lead). */
export interface ProjectPatch {
  kind: Kind;
  area_code: string | null;
  title_ja: string;
  title_en: string;
  aims: string;
  public_summary: string;
  report_period: string;
  members: { person_id: string; role: string }[];
  organisations: { organisation_id: string; role: 'sponsor' | 'partner' }[];
  budgets: { fiscal_year: number; amount_yen: number }[];
  links: { kind: 'need' | 'seed'; target_id: string }[];
}

export function refreshProject(queryClient: QueryClient, id?: string) {
  void queryClient.invalidateQueries({ queryKey: id ? projectsKeys.detail(id) : projectsKeys.details });
  void queryClient.invalidateQueries({ queryKey: projectsKeys.lists });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
  void queryClient.invalidateQueries({ queryKey: projectsKeys.portfolio });
}

export function useProjects(filters: ProjectFilters) {
  return useQuery({
    queryKey: projectsKeys.list(filters),
    queryFn: ({ signal }) => api<{ items: Project[] }>('/api/projects', { query: { ...filters }, signal }).then((b) => b.items),
    placeholderData: (previous) => previous,
  });
}

export function useProject(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: projectsKeys.detail(id),
    queryFn: ({ signal }) => api<Project>(`/api/projects/${encodeURIComponent(id)}`, { signal }),
    enabled: (options.enabled ?? true) && id !== '',
  });
}

function useProjectPart<T>(id: string, part: string, enabled: boolean) {
  return useQuery({
    queryKey: projectsKeys.part(id, part),
    queryFn: ({ signal }) => api<T>(`/api/projects/${encodeURIComponent(id)}/${part}`, { signal }),
    enabled,
  });
}

export const useGate = (id: string, enabled: boolean) => useProjectPart<GateChecklist>(id, 'gate', enabled);
export const useMilestones = (id: string, enabled: boolean) => useProjectPart<{ items: Milestone[] }>(id, 'milestones', enabled);
export const useReports = (id: string, enabled: boolean) => useProjectPart<{ items: Report[] }>(id, 'reports', enabled);
export const useMeetings = (id: string, enabled: boolean) => useProjectPart<{ items: Meeting[] }>(id, 'meetings', enabled);
export const useDocuments = (id: string, enabled: boolean) => useProjectPart<{ items: ProjectDocument[] }>(id, 'documents', enabled);

export function useAreas() {
  return useQuery({
    queryKey: projectsKeys.areas,
    queryFn: ({ signal }) => api<{ items: Area[] }>('/api/areas', { signal }).then((b) => b.items),
    staleTime: 300_000,
  });
}

export function usePortfolio(enabled = true) {
  return useQuery({
    queryKey: projectsKeys.portfolio,
    queryFn: ({ signal }) => api<Portfolio>('/api/portfolio', { signal }),
    enabled,
  });
}

export function useGoal(enabled = true) {
  return useQuery({
    queryKey: projectsKeys.goal,
    queryFn: ({ signal }) => api<Goal>('/api/portfolio/goal', { signal }),
    enabled,
    retry: false,
  });
}

/** One mutation hook for every project action: it refreshes the project, the inbox and the portfolio. */
export function useProjectAction<TInput, TResult = unknown>(id: string, send: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => refreshProject(queryClient, id) });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewProject) => api<Project>('/api/projects', { method: 'POST', body: input }),
    onSuccess: () => refreshProject(queryClient),
  });
}

export function useUpdateProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectPatch) => api<Project>(base(id), { method: 'PATCH', body: input }),
    onSuccess: () => refreshProject(queryClient, id),
  });
}

/** Free times of everyone with a free meeting room (building module's slot finder). */
export function useSlots(query: { people: string[]; minutes: number; from: string; to: string } | null) {
  return useQuery({
    queryKey: projectsKeys.slots(query),
    queryFn: ({ signal }) =>
      api<{ slots: SlotProposal[] }>('/api/slots', {
        query: { people: query!.people.join(','), minutes: query!.minutes, from: query!.from, to: query!.to },
        signal,
      }).then((b) => b.slots),
    enabled: !!query && query.people.length > 0,
    retry: false,
  });
}

export function useSetGoalDate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api<Goal>('/api/portfolio/goal', { method: 'PUT', body: { date } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: projectsKeys.portfolio }),
  });
}

const base = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

export const projectApi = {
  decide: (id: string, decision: 'approve' | 'reject', reason: string) => api<Project>(`${base(id)}/decision`, { method: 'POST', body: { decision, reason } }),
  requestStage: (id: string, to_stage: string, note: string) => api<StageRequest>(`${base(id)}/stage-requests`, { method: 'POST', body: { to_stage, note } }),
  decideStage: (id: string, requestId: string, decision: 'approve' | 'reject' | 'withdraw', reason: string) =>
    api<StageRequest>(`${base(id)}/stage-requests/${encodeURIComponent(requestId)}/decision`, {
      method: 'POST',
      body: { decision, reason },
    }),
  confirm: (id: string, code: string, note: string) => api(`${base(id)}/confirmations`, { method: 'POST', body: { code, note } }),
  addMilestone: (id: string, input: { title: string; owner_id: string; due_on: string }) =>
    api<Milestone>(`${base(id)}/milestones`, { method: 'POST', body: input }),
  setMilestoneDone: (id: string, milestoneId: string, done: boolean) =>
    api<Milestone>(`${base(id)}/milestones/${encodeURIComponent(milestoneId)}`, { method: 'PATCH', body: { done } }),
  submitReport: (id: string, input: { done: string; next: string; risks: string; help: string }) =>
    api<Report>(`${base(id)}/reports`, { method: 'POST', body: input }),
  acknowledge: (id: string, reportId: string) => api<Report>(`${base(id)}/reports/${encodeURIComponent(reportId)}/acknowledge`, { method: 'POST' }),
  saveProduct: (id: string, input: { kind: string; name_ja: string; name_en: string; description: string; launched_on: string | null }) =>
    api<Product>(`${base(id)}/product`, { method: 'PUT', body: input }),
  recordSale: (id: string, input: { period: string; amount_yen: number }) => api<Product>(`${base(id)}/product/sales`, { method: 'POST', body: input }),
  linkIntroduction: (id: string, introductionId: string) =>
    api<Project>(`${base(id)}/introductions`, { method: 'POST', body: { introduction_id: introductionId } }),
  createMeeting: (id: string, input: NewMeeting) => api<Meeting>(`${base(id)}/meetings`, { method: 'POST', body: input }),
  updateMeeting: (id: string, meetingId: string, input: { title?: string; minutes?: string; status?: string }) =>
    api<Meeting>(`${base(id)}/meetings/${encodeURIComponent(meetingId)}`, { method: 'PATCH', body: input }),
  addDecision: (id: string, meetingId: string, input: { text: string; owner_id?: string; due_on?: string }) =>
    api<Meeting>(`${base(id)}/meetings/${encodeURIComponent(meetingId)}/decisions`, { method: 'POST', body: input }),
  decisionToTask: (id: string, meetingId: string, decisionId: string, input: { owner_id: string; due_on: string }) =>
    api<Meeting>(`${base(id)}/meetings/${encodeURIComponent(meetingId)}/decisions/${encodeURIComponent(decisionId)}/task`, {
      method: 'POST',
      body: input,
    }),
  contentUrl: (id: string, documentId: string, version?: number) => buildUrl(`${base(id)}/documents/${encodeURIComponent(documentId)}/content`, { version }),
};

/** Uploads a file as the raw request body (the server reads title, visibility and filename from the query). */
export async function uploadDocument(id: string, input: { file: File; contentType: string; title: string; visibility: string; documentId?: string }) {
  const path = input.documentId ? `${base(id)}/documents/${encodeURIComponent(input.documentId)}/versions` : `${base(id)}/documents`;
  const url = buildUrl(path, { title: input.title, visibility: input.visibility, filename: input.file.name });
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': input.contentType };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: input.file, credentials: 'same-origin' });
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
  return data as ProjectDocument;
}
