// TanStack Query hooks for contracts (/api/contracts/…, see docs/contracts.md), and the two
// binary transfers: downloading a generated .docx draft or a template, uploading a template.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, getCsrfToken } from '../../shell/api';
import { contractsKeys } from './keys';
import type { ApprovalChain } from '../approvals/api';

export const TYPES = ['nda', 'joint_research', 'mta', 'collaboration_fee', 'consulting', 'licence'] as const;
export type ContractType = (typeof TYPES)[number];
export const STATUSES = ['draft', 'internal_review', 'negotiating', 'approved', 'signed', 'active', 'expired', 'terminated'] as const;
export type Status = (typeof STATUSES)[number];
export const WORK_STAGES = ['draft', 'internal_review', 'negotiating', 'approved', 'signed'] as const;
export const SIDES = ['us', 'company', 'university'] as const;
export type Side = (typeof SIDES)[number];

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface Party {
  organisation_id: string;
  name_ja: string;
  name_en: string;
  organisation_kind: string;
  role: string;
  signatory: PersonRef | null;
  signatory_name: string;
  signatory_title: string;
}

export interface Terms {
  ip_share_university: number | null;
  ip_share_company: number | null;
  publication_review_days: number | null;
  confidentiality_years: number | null;
  indirect_cost_rate: number | null;
  amount_yen: number | null;
  payment_schedule: string;
  starts_on: string | null;
  ends_on: string | null;
  renewal: 'none' | 'automatic' | 'by_agreement';
  purpose: string;
}

export interface ContractSummary {
  id: string;
  type: ContractType;
  title: string;
  status: Status;
  status_since: string;
  days_in_status: number;
  waiting_long: boolean;
  waiting_on: Side;
  project_id: string | null;
  parties: Party[];
  starts_on: string | null;
  ends_on: string | null;
  amount_yen: number | null;
  updated_at: string;
}

export interface HistoryEntry {
  from_status: Status | null;
  to_status: Status;
  at: string;
  by: PersonRef | null;
  note: string;
  days: number;
}

export interface Round {
  id: string;
  round_no: number;
  sent_by: Side;
  sent_on: string;
  clauses: string[];
  summary: string;
  waiting_on: Side;
  recorded_by: PersonRef | null;
  recorded_at: string;
}

export interface Contract extends ContractSummary {
  terms: Terms;
  notes: string;
  signed_on: string | null;
  approved_by: PersonRef | null;
  created_by: PersonRef | null;
  project: { id: string; title_ja: string; title_en: string } | null;
  covered: PersonRef[];
  covered_effective: PersonRef[];
  history: HistoryEntry[];
  rounds: Round[];
  next_statuses: Status[];
  may_edit: boolean;
  /** The caller prepared it: another office member or an admin approves (four eyes). */
  approval_needs_other?: boolean;
  /** Its approval chains (稟議), oldest first, and the latest. */
  approvals?: ApprovalChain[];
  approval?: ApprovalChain | null;
  may_start_approval?: boolean;
}

export interface ListFilters {
  type?: string;
  status?: string;
  q?: string;
  project_id?: string;
  waiting_long?: boolean;
}

export interface TemplateVersion {
  version: number;
  filename: string;
  size_bytes: number;
  merge_fields: string[];
  note: string;
  uploaded_by: PersonRef | null;
  uploaded_at: string;
}
export interface TemplateType {
  type: ContractType;
  label_ja: string;
  label_en: string;
  current_version: number;
  built_in: boolean;
  merge_fields: string[];
  unknown_merge_fields: string[];
  versions: TemplateVersion[];
}
export interface Templates {
  types: TemplateType[];
  merge_fields: { name: string; label_ja: string; label_en: string }[];
}
export interface UploadResult {
  type: ContractType;
  version: number;
  merge_fields: string[];
  unknown_merge_fields: string[];
}

export interface Turnaround {
  stages: string[];
  types: {
    type: ContractType;
    label_ja: string;
    label_en: string;
    contracts: number;
    median_days_to_sign: number;
    stages: Record<string, { median_days: number | null; count: number }>;
  }[];
}

export function useContracts(filters: ListFilters) {
  return useQuery({
    queryKey: contractsKeys.list(filters),
    queryFn: ({ signal }) =>
      api<{ items: ContractSummary[]; total: number }>('/api/contracts', {
        query: { ...filters, waiting_long: filters.waiting_long ? 'true' : undefined },
        signal,
      }),
  });
}

export function useContract(id: string) {
  return useQuery({ queryKey: contractsKeys.one(id), queryFn: ({ signal }) => api<Contract>(`/api/contracts/${id}`, { signal }) });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: contractsKeys.all });
}

export interface NewContract {
  type: ContractType;
  title: string;
  project_id?: string | null;
  parties: { organisation_id: string; signatory_name?: string; signatory_title?: string }[];
  terms?: Partial<Terms>;
}

export function useCreateContract() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NewContract) => api<Contract>('/api/contracts', { method: 'POST', body }),
    onSuccess: () => void invalidate(),
  });
}

export function useUpdateContract(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Contract>(`/api/contracts/${id}`, { method: 'PATCH', body }),
    onSuccess: () => void invalidate(),
  });
}

export function useTransition(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { to: Status; note?: string; signed_on?: string }) => api<Contract>(`/api/contracts/${id}/transitions`, { method: 'POST', body }),
    onSuccess: () => void invalidate(),
  });
}

/** 稟議を開始: the contract's approval chain starts under the rule for its type and amount. */
export function useStartApproval(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api<ApprovalChain>(`/api/contracts/${id}/approval`, { method: 'POST' }),
    onSuccess: () => void invalidate(),
  });
}

export function useAddRound(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { sent_by: Side; sent_on: string; waiting_on: Side; clauses: string[]; summary: string }) =>
      api<Contract>(`/api/contracts/${id}/rounds`, { method: 'POST', body }),
    onSuccess: () => void invalidate(),
  });
}

export function useTemplates() {
  return useQuery({ queryKey: contractsKeys.templates, queryFn: ({ signal }) => api<Templates>('/api/contracts/templates', { signal }) });
}

export function useTurnaround() {
  return useQuery({ queryKey: contractsKeys.turnaround, queryFn: ({ signal }) => api<Turnaround>('/api/contracts/turnaround', { signal }) });
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

async function fetchFile(path: string, method: 'GET' | 'POST'): Promise<{ blob: Blob; filename: string }> {
  const headers: Record<string, string> = {};
  const csrf = getCsrfToken();
  if (method === 'POST' && csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, { method, headers, credentials: 'same-origin' });
  if (!response.ok) {
    let code = `http_${response.status}`;
    let message = response.statusText;
    try {
      const data = (await response.json()) as { error?: { code?: string; message?: string } };
      code = data.error?.code ?? code;
      message = data.error?.message ?? message;
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, code, message, null);
  }
  return { blob: await response.blob(), filename: fileNameFrom(response.headers.get('Content-Disposition'), 'contract.docx') };
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadDraft(id: string) {
  const file = await fetchFile(`/api/contracts/${id}/draft`, 'POST');
  save(file.blob, file.filename);
  return file.filename;
}

export async function downloadTemplate(type: string, version?: number) {
  const file = await fetchFile(`/api/contracts/templates/${type}/file${version === undefined ? '' : `?version=${version}`}`, 'GET');
  save(file.blob, file.filename);
}

export function useUploadTemplate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ type, file, note }: { type: string; file: File; note: string }) => {
      const headers: Record<string, string> = { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' };
      const csrf = getCsrfToken();
      if (csrf) headers['X-CSRF-Token'] = csrf;
      const query = new URLSearchParams({ filename: file.name, note });
      const response = await fetch(`/api/contracts/templates/${type}?${query.toString()}`, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: file,
      });
      const data = (await response.json()) as UploadResult & { error?: { code?: string; message?: string; field?: string } };
      if (!response.ok) throw new ApiError(response.status, data.error?.code ?? 'error', data.error?.message ?? '', data.error?.field ?? null);
      return data;
    },
    onSuccess: () => void invalidate(),
  });
}
