// TanStack Query hooks for ethics review (倫理審査): committees and their meetings, protocols and
// their status, the generated application, adverse events, enrolment, deadlines, the office's
// rules and the turnaround (docs/ethics.md).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, getCsrfToken } from '../../shell/api';
import { inboxKeys } from '../inbox/keys';
import { projectsKeys } from '../projects/keys';
import { ethicsKeys } from './keys';
import type { Category, May, Seriousness, Status } from './model';

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface Meeting {
  id: string;
  meets_on: string;
  cutoff_on: string;
}

export interface Committee {
  id: string;
  name_ja: string;
  name_en: string;
  kind: 'institutional' | 'certified';
  certification_no: string;
  approval_valid_months: number | null;
  active: boolean;
  members: PersonRef[];
  meetings: Meeting[];
  next_meeting: Meeting | null;
  template_version: number;
}

export interface Deadline {
  kind: string;
  due_on: string;
  legal_due_on: string;
  protocol_id: string;
  rule_code: string;
  subject_id: string;
  label_ja: string;
  label_en: string;
  source_ja: string;
  source_url: string;
  falls_on_holiday: boolean;
  filed_on: string | null;
  // GET /api/ethics/deadlines only:
  protocol_title_ja?: string;
  protocol_title_en?: string;
  project_id?: string;
  status?: Status;
  pi?: PersonRef;
  overdue?: boolean;
}

export interface ProtocolSummary {
  id: string;
  project_id: string;
  project_title_ja: string;
  project_title_en: string;
  title_ja: string;
  title_en: string;
  category: Category;
  committee: string;
  committee_name_ja: string;
  committee_name_en: string;
  review_type: 'full' | 'expedited';
  status: Status;
  pi: PersonRef;
  submitted_on: string | null;
  approved_on: string | null;
  target_enrolment: number | null;
  enrolled: number;
  next_deadline: Deadline | null;
}

export interface HistoryRow {
  from: string;
  to: string;
  on: string;
  note: string;
  actor: PersonRef | null;
  at: string;
}

export interface AdverseEvent {
  id: string;
  occurred_on: string | null;
  learned_on: string;
  seriousness: Seriousness;
  expected: boolean;
  unapproved: boolean;
  summary: string;
  created_at: string;
}

export type AmendmentKind = 'amendment' | 'consent';
export type AmendmentStatus = 'submitted' | 'revisions_requested' | 'approved' | 'withdrawn';

/** An amendment (変更申請 N) or a consent-form version (同意説明文書 第N版), reviewed on its own. */
export interface Amendment {
  id: string;
  kind: AmendmentKind;
  number: number;
  summary: string;
  filename: string;
  size_bytes: number;
  status: AmendmentStatus;
  note: string;
  submitted_on: string | null;
  decided_on: string | null;
}

export interface Protocol extends ProtocolSummary {
  sites: string[];
  planned_start: string | null;
  planned_end: string | null;
  investigators: { person: PersonRef; role: 'pi' | 'sub' }[];
  jrct_id: string;
  jrct_registered_on: string | null;
  approval_no: string;
  expires_on: string | null;
  activated_on: string | null;
  completed_on: string | null;
  meeting: Meeting | null;
  history: HistoryRow[];
  enrolment: { counted_on: string; enrolled: number }[];
  adverse_events: AdverseEvent[];
  deadlines: Deadline[];
  amendments?: Amendment[];
  /** The newest approved consent-form version (0 before any). */
  consent_version?: number;
  may: May;
}

export interface Rule {
  code: string;
  kind: string;
  trigger: string;
  categories: Category[];
  seriousness: Seriousness[] | null;
  expected: boolean | null;
  unapproved: boolean | null;
  amount: number;
  unit: 'day' | 'month' | 'year';
  first_day_counts: boolean;
  repeat_months: number;
  moves_to_business_day: boolean;
  label_ja: string;
  label_en: string;
  source_ja: string;
  source_url: string;
  note: string;
}

export interface TurnaroundRow {
  key: string;
  label_ja: string;
  label_en: string;
  approved: number;
  median_days: number | null;
}

export interface Turnaround {
  committees: TurnaroundRow[];
  categories: TurnaroundRow[];
}

export interface ProtocolInput {
  project_id?: string;
  category?: Category;
  committee_id?: string;
  review_type?: string;
  title_ja?: string;
  title_en?: string;
  sites?: string[];
  planned_start?: string | null;
  planned_end?: string | null;
  target_enrolment?: number | null;
  investigator_ids?: string[];
  jrct_id?: string;
  jrct_registered_on?: string | null;
}

export interface StatusInput {
  status: Status;
  note?: string;
  on?: string;
  approval_no?: string;
}

export interface AdverseEventInput {
  learned_on: string;
  occurred_on?: string;
  seriousness: Seriousness;
  expected: boolean;
  unapproved: boolean;
  summary: string;
}

export interface CommitteeInput {
  name_ja?: string;
  name_en?: string;
  kind?: string;
  certification_no?: string;
  approval_valid_months?: number | null;
  member_ids?: string[];
  active?: boolean;
}

const enc = encodeURIComponent;
const protocolPath = (id: string) => `/api/ethics/protocols/${enc(id)}`;

export const ethicsApi = {
  committees: (signal?: AbortSignal) => api<{ items: Committee[] }>('/api/ethics/committees', { signal }).then((b) => b.items),
  protocols: (filters: { project_id?: string }, signal?: AbortSignal) =>
    api<{ items: ProtocolSummary[] }>('/api/ethics/protocols', { query: { ...filters }, signal }).then((b) => b.items),
  protocol: (id: string, signal?: AbortSignal) => api<Protocol>(protocolPath(id), { signal }),
  create: (body: ProtocolInput) => api<Protocol>('/api/ethics/protocols', { method: 'POST', body }),
  update: (id: string, body: ProtocolInput) => api<Protocol>(protocolPath(id), { method: 'PATCH', body }),
  move: (id: string, body: StatusInput) => api<Protocol>(`${protocolPath(id)}/status`, { method: 'POST', body }),
  enrolment: (id: string, body: { counted_on: string; enrolled: number }) => api<Protocol>(`${protocolPath(id)}/enrolment`, { method: 'PUT', body }),
  adverseEvent: (id: string, body: AdverseEventInput) => api<Protocol>(`${protocolPath(id)}/adverse-events`, { method: 'POST', body }),
  report: (id: string, body: { kind: string; due_on: string; subject_id?: string; filed_on?: string }) =>
    api<Protocol>(`${protocolPath(id)}/reports`, { method: 'POST', body }),
  deadlines: (from: string, to: string, signal?: AbortSignal) =>
    api<{ from: string; to: string; items: Deadline[] }>('/api/ethics/deadlines', {
      // The office's page lists what is overdue too, whatever range it shows.
      query: { from, to, include_overdue: 'true' },
      signal,
    }),
  rules: (signal?: AbortSignal) => api<{ items: Rule[] }>('/api/ethics/rules', { signal }).then((b) => b.items),
  updateRule: (code: string, body: { amount: number; unit: string; source_ja: string; source_url?: string; note?: string }) =>
    api<Rule>(`/api/ethics/rules/${enc(code)}`, { method: 'PUT', body }),
  amendmentStatus: (id: string, amendmentId: string, body: { status: AmendmentStatus; note?: string }) =>
    api<Protocol>(`${protocolPath(id)}/amendments/${enc(amendmentId)}/status`, { method: 'POST', body }),
  turnaround: (signal?: AbortSignal) => api<Turnaround>('/api/ethics/turnaround', { signal }),
  createCommittee: (body: CommitteeInput) => api<Committee>('/api/ethics/committees', { method: 'POST', body }),
  updateCommittee: (id: string, body: CommitteeInput) => api<Committee>(`/api/ethics/committees/${enc(id)}`, { method: 'PATCH', body }),
  addMeeting: (id: string, body: { meets_on: string; cutoff_on: string }) =>
    api<Committee>(`/api/ethics/committees/${enc(id)}/meetings`, { method: 'POST', body }),
  removeMeeting: (id: string, meetingId: string) => api<Committee>(`/api/ethics/committees/${enc(id)}/meetings/${enc(meetingId)}`, { method: 'DELETE' }),
};

export function useCommittees(enabled = true) {
  return useQuery({ queryKey: ethicsKeys.committees, queryFn: ({ signal }) => ethicsApi.committees(signal), enabled });
}

export function useProtocols(filters: { project_id?: string } = {}) {
  return useQuery({ queryKey: ethicsKeys.protocols(filters), queryFn: ({ signal }) => ethicsApi.protocols(filters, signal) });
}

export function useProtocol(id: string) {
  return useQuery({ queryKey: ethicsKeys.protocol(id), queryFn: ({ signal }) => ethicsApi.protocol(id, signal), enabled: id !== '' });
}

export function useDeadlines(from: string, to: string) {
  return useQuery({ queryKey: ethicsKeys.deadlines(from, to), queryFn: ({ signal }) => ethicsApi.deadlines(from, to, signal) });
}

export function useRules() {
  return useQuery({ queryKey: ethicsKeys.rules, queryFn: ({ signal }) => ethicsApi.rules(signal) });
}

export function useTurnaround() {
  return useQuery({ queryKey: ethicsKeys.turnaround, queryFn: ({ signal }) => ethicsApi.turnaround(signal) });
}

/**
 * A change to ethics data: every ethics query, the inbox (deadlines are inbox items) and projects
 * (ethics_protocol_approved is a gate requirement) are read again. A protocol the server answers
 * with goes into the cache at once.
 */
export function useEthicsMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      const p = result as Partial<Protocol> | undefined;
      if (p && typeof p === 'object' && typeof p.id === 'string' && 'may' in p) queryClient.setQueryData(ethicsKeys.protocol(p.id), p);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ethicsKeys.all });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      void queryClient.invalidateQueries({ queryKey: projectsKeys.all });
    },
  });
}

/** The file name from Content-Disposition (RFC 5987 filename* first). */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return fallback;
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

async function fetchFile(path: string, method: 'GET' | 'POST', fallback: string): Promise<DownloadedFile> {
  const headers: Record<string, string> = {};
  const csrf = getCsrfToken();
  if (method === 'POST' && csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, { method, headers, credentials: 'same-origin' });
  if (!response.ok) {
    let code = `http_${response.status}`;
    let message = response.statusText;
    let field: string | null = null;
    try {
      const data = (await response.json()) as { error?: { code?: string; message?: string; field?: string | null } };
      code = data.error?.code ?? code;
      message = data.error?.message ?? message;
      field = data.error?.field ?? null;
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, code, message, field);
  }
  return { blob: await response.blob(), filename: fileNameFrom(response.headers.get('Content-Disposition'), fallback) };
}

/** Hands a file to the browser: an object URL on a link with the download attribute. */
export function saveFile(file: DownloadedFile) {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const generateApplication = (id: string) => fetchFile(`${protocolPath(id)}/application`, 'POST', 'application.docx');
export const generateCoiForms = (id: string) => fetchFile(`${protocolPath(id)}/coi-forms`, 'POST', 'coi-forms.xlsx');
export const committeeTemplate = (id: string) => fetchFile(`/api/ethics/committees/${enc(id)}/template`, 'GET', 'application.docx');

export interface UploadResult {
  version: number;
  filename: string;
  merge_fields: string[];
  unknown_merge_fields: string[];
}

/** POST /api/ethics/committees/{id}/template with the .docx bytes as the body (as contracts' templates). */
export function useUploadTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, file, note }: { id: string; file: File; note: string }) => {
      const headers: Record<string, string> = { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' };
      const csrf = getCsrfToken();
      if (csrf) headers['X-CSRF-Token'] = csrf;
      const query = new URLSearchParams({ filename: file.name, note });
      const response = await fetch(`/api/ethics/committees/${enc(id)}/template?${query.toString()}`, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: file,
      });
      const data = (await response.json()) as UploadResult & { error?: { code?: string; message?: string; field?: string } };
      if (!response.ok) throw new ApiError(response.status, data.error?.code ?? 'error', data.error?.message ?? '', data.error?.field ?? null);
      return data;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ethicsKeys.committees }),
  });
}

/** Where an amendment's or consent form's document downloads from (a plain link: the session cookie goes along). */
export const amendmentFileUrl = (id: string, amendmentId: string) => `${protocolPath(id)}/amendments/${enc(amendmentId)}/file`;

export interface AmendmentInput {
  kind: AmendmentKind;
  summary: string;
  file?: File | null;
}

/**
 * POST /api/ethics/protocols/{id}/amendments?kind=&summary=&filename= with the document's bytes
 * as the body (as the committees' template upload). Answers the protocol.
 */
export async function submitAmendment(id: string, { kind, summary, file }: AmendmentInput): Promise<Protocol> {
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', Accept: 'application/json' };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const query = new URLSearchParams({ kind, summary });
  let body: ArrayBuffer | undefined;
  if (file) {
    query.set('filename', file.name);
    body = await readBytes(file);
  }
  const response = await fetch(`${protocolPath(id)}/amendments?${query.toString()}`, { method: 'POST', headers, credentials: 'same-origin', body });
  let data: (Protocol & { error?: { code?: string; message?: string; field?: string } }) | null = null;
  try {
    data = (await response.json()) as Protocol & { error?: { code?: string; message?: string; field?: string } };
  } catch {
    // not JSON
  }
  if (!response.ok)
    throw new ApiError(
      response.status,
      data?.error?.code ?? `http_${response.status}`,
      data?.error?.message ?? response.statusText,
      data?.error?.field ?? null,
    );
  return data as Protocol;
}

/** A File's bytes (Blob.arrayBuffer where there is one, else a FileReader). */
function readBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}
