// TanStack Query hooks and wire types of the internal open call (学内公募, docs/opencall.md): calls,
// proposals with their attachments, the reviewer assignment, reviews, the ranking and the decision.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, buildUrl, getCsrfToken } from '../../shell/api';
import { inboxKeys } from '../inbox/keys';
import { opencallKeys } from './keys';
import type { CallStatus, ConflictKind, ProposalStatus, TeamRole } from './model';

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface Criterion {
  code: string;
  label_ja: string;
  label_en: string;
  weight: number;
}

export interface CallSummary {
  id: string;
  title_ja: string;
  title_en: string;
  status: CallStatus;
  opens_on: string;
  closes_on: string;
  /** Open and within the window today. */
  accepting: boolean;
  total_budget_yen: number;
  per_project_cap_yen: number;
  areas: string[];
  proposals_submitted: number;
}

export interface CallPermissions {
  edit: boolean;
  open: boolean;
  apply: boolean;
  assign: boolean;
  start_review: boolean;
  rank: boolean;
  select: boolean;
  decide: boolean;
}

export interface Call extends CallSummary {
  theme: string;
  reviews_per_proposal: number;
  disagreement_threshold: number;
  normalise: boolean;
  criteria: Criterion[];
  /** The office only; [] for everyone else. */
  reviewers: { person: PersonRef; load_cap: number }[];
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  decided_by: PersonRef | null;
  decision_note: string;
  /** The office's note sent with the selection to the committee. */
  selection_note: string;
  my_proposals: { id: string; title_ja: string; title_en: string; status: ProposalStatus }[];
  my_reviews: { proposal_id: string; title_ja: string; title_en: string; submitted: boolean }[];
  permissions: CallPermissions;
}

export interface CallInput {
  title_ja: string;
  title_en: string;
  theme: string;
  areas: string[];
  total_budget_yen: number;
  per_project_cap_yen: number;
  opens_on: string;
  closes_on: string;
  reviews_per_proposal: number;
  disagreement_threshold: number;
  normalise: boolean;
  criteria: Criterion[];
  reviewers: { person_id: string; load_cap: number }[];
}

export interface Budget {
  fiscal_year: number;
  amount_yen: number;
}

export interface ProposalSummary {
  id: string;
  call_id: string;
  title_ja: string;
  title_en: string;
  status: ProposalStatus;
  applicant: PersonRef;
  requested_yen: number;
  submitted_at: string | null;
  project_id: string | null;
}

export interface Attachment {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  uploaded_at: string;
}

export interface Proposal extends ProposalSummary {
  aims: string;
  company_lead: PersonRef | null;
  partner_company: { id: string; name_ja: string; name_en: string } | null;
  team: { person: PersonRef; role: TeamRole }[];
  budgets: Budget[];
  links: { kind: 'need' | 'seed'; target_id: string; title: string }[];
  attachments: Attachment[];
  updated_at: string;
  call: { id: string; title_ja: string; title_en: string; status: CallStatus; closes_on: string; accepting: boolean };
  permissions: { edit: boolean; submit: boolean; withdraw: boolean; review: boolean };
}

export interface ProposalInput {
  title_ja: string;
  title_en: string;
  aims: string;
  company_lead_id: string | null;
  team: { person_id: string; role: TeamRole }[];
  budgets: Budget[];
  links: { kind: 'need' | 'seed'; target_id: string }[];
}

export type PairRule = 'pin' | 'forbid';

export interface Pair {
  proposal_id: string;
  person_id: string;
  rule: PairRule;
}

export interface Assignment {
  solved: boolean;
  stale: boolean;
  solved_at: string | null;
  /** Sum of the pairs' expertise, each on a 0–1 scale. */
  total_expertise: number;
  proposals: {
    id: string;
    title_ja: string;
    title_en: string;
    applicant: PersonRef;
    reviewers: { person: PersonRef; expertise: number; pinned: boolean }[];
    excluded: { person: PersonRef; reasons: ConflictKind[] }[];
  }[];
  reviewers: { person: PersonRef; load_cap: number; load: number }[];
  pairs: Pair[];
}

export interface Refusal {
  kind: string;
  proposal_id: string | null;
  person_id: string | null;
  needed: number;
  available: number;
  message: string;
}

export interface Review {
  criteria: Criterion[];
  scores: Record<string, number>;
  comment: string;
  submitted_at: string | null;
}

export interface RankingRow {
  proposal: ProposalSummary;
  reviews_done: number;
  reviews_expected: number;
  score: number | null;
  spread: number | null;
  disagreement: boolean;
  eligible: boolean;
  proposed: boolean;
  sent: boolean;
  reviews: { reviewer: PersonRef; scores: Record<string, number>; weighted: number; comment: string }[];
}

export interface Ranking {
  normalise: boolean;
  total_budget_yen: number;
  per_project_cap_yen: number;
  rows: RankingRow[];
  proposed: { proposal_ids: string[]; total_requested_yen: number; total_score: number };
}

const callPath = (id: string) => `/api/opencall/calls/${encodeURIComponent(id)}`;
const proposalPath = (id: string) => `/api/opencall/proposals/${encodeURIComponent(id)}`;

/** After any change: every open-call query, and the inbox (items come and go with each step). */
export function refreshOpenCall(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: opencallKeys.all });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
}

export function useCalls(filters: { status?: string } = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: opencallKeys.list(filters),
    queryFn: ({ signal }) => api<{ items: CallSummary[] }>('/api/opencall/calls', { query: { ...filters }, signal }).then((b) => b.items),
    enabled: options.enabled ?? true,
  });
}

export function useCall(id: string) {
  return useQuery({
    queryKey: opencallKeys.call(id),
    queryFn: ({ signal }) => api<Call>(callPath(id), { signal }),
    enabled: id !== '',
  });
}

export function useCallProposals(callId: string, enabled: boolean) {
  return useQuery({
    queryKey: opencallKeys.proposals(callId),
    queryFn: ({ signal }) => api<{ items: ProposalSummary[] }>(`${callPath(callId)}/proposals`, { signal }).then((b) => b.items),
    enabled,
  });
}

export function useAssignment(callId: string, enabled: boolean) {
  return useQuery({
    queryKey: opencallKeys.assignment(callId),
    queryFn: ({ signal }) => api<Assignment>(`${callPath(callId)}/assignment`, { signal }),
    enabled,
  });
}

export function useRanking(callId: string, enabled: boolean) {
  return useQuery({
    queryKey: opencallKeys.ranking(callId),
    queryFn: ({ signal }) => api<Ranking>(`${callPath(callId)}/ranking`, { signal }),
    enabled,
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: opencallKeys.proposal(id),
    queryFn: ({ signal }) => api<Proposal>(proposalPath(id), { signal }),
    enabled: id !== '',
  });
}

export function useReview(proposalId: string, enabled: boolean) {
  return useQuery({
    queryKey: opencallKeys.review(proposalId),
    queryFn: ({ signal }) => api<Review>(`${proposalPath(proposalId)}/review`, { signal }),
    enabled,
  });
}

/** One mutation hook for every open-call action: it refreshes the open call's queries and the inbox. */
export function useOpenCallAction<TInput, TResult = unknown>(send: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => refreshOpenCall(queryClient) });
}

export const opencallApi = {
  createCall: (input: CallInput) => api<Call>('/api/opencall/calls', { method: 'POST', body: input }),
  updateCall: (id: string, input: CallInput) => api<Call>(callPath(id), { method: 'PUT', body: input }),
  openCall: (id: string) => api<Call>(`${callPath(id)}/open`, { method: 'POST' }),
  startReview: (id: string) => api<Call>(`${callPath(id)}/review`, { method: 'POST' }),
  sendSelection: (id: string, proposalIds: string[], note: string) =>
    api<Call>(`${callPath(id)}/selection`, { method: 'POST', body: { proposal_ids: proposalIds, note } }),
  decide: (id: string, approve: boolean, note: string) => api<Call>(`${callPath(id)}/decision`, { method: 'POST', body: { approve, note } }),
  setPairs: (id: string, pairs: Pair[]) => api<Assignment>(`${callPath(id)}/pairs`, { method: 'PUT', body: { pairs } }),
  solve: (id: string) => solveAssignment(id),
  createProposal: (callId: string, input: ProposalInput) => api<Proposal>(`${callPath(callId)}/proposals`, { method: 'POST', body: input }),
  updateProposal: (id: string, input: ProposalInput) => api<Proposal>(proposalPath(id), { method: 'PUT', body: input }),
  submitProposal: (id: string) => api<Proposal>(`${proposalPath(id)}/submit`, { method: 'POST' }),
  withdrawProposal: (id: string) => api<Proposal>(`${proposalPath(id)}/withdraw`, { method: 'POST' }),
  deleteAttachment: (id: string, attachmentId: string) =>
    api<void>(`${proposalPath(id)}/attachments/${encodeURIComponent(attachmentId)}`, { method: 'DELETE' }),
  attachmentUrl: (id: string, attachmentId: string) => `${proposalPath(id)}/attachments/${encodeURIComponent(attachmentId)}/content`,
  saveReview: (id: string, input: { scores: Record<string, number>; comment: string }) =>
    api<Review>(`${proposalPath(id)}/review`, { method: 'PUT', body: input }),
};

/** A 422 from solving the assignment: the server's refusals, each naming a proposal or reviewer. */
export class AssignmentRefused extends ApiError {
  readonly refusals: Refusal[];
  constructor(error: ApiError, refusals: Refusal[]) {
    super(error.status, error.code, error.message, error.field);
    this.name = 'AssignmentRefused';
    this.refusals = refusals;
  }
}

async function sendRaw(url: string, init: { method: string; headers?: Record<string, string>; body?: BodyInit }) {
  const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers ?? {}) };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(url, { method: init.method, headers, body: init.body, credentials: 'same-origin' });
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
    return {
      ok: false as const,
      data,
      error: new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? '', error?.field ?? null),
    };
  }
  return { ok: true as const, data };
}

/**
 * POST /calls/{id}/assignment. The refusals of a 422 are read whether the server puts them beside
 * the error object or inside it (the shell's api() keeps only code, message and field).
 */
export async function solveAssignment(callId: string): Promise<Assignment> {
  const result = await sendRaw(`${callPath(callId)}/assignment`, { method: 'POST' });
  if (result.ok) return result.data as Assignment;
  const body = result.data as { refusals?: Refusal[]; error?: { refusals?: Refusal[] } } | undefined;
  const refusals = body?.refusals ?? body?.error?.refusals;
  if (result.error.status === 422 && Array.isArray(refusals)) throw new AssignmentRefused(result.error, refusals);
  throw result.error;
}

/** Uploads an attachment as the raw request body with its Content-Type, as project documents do (filename in the query). */
export async function uploadAttachment(proposalId: string, file: File, contentType: string): Promise<Attachment> {
  const url = buildUrl(`${proposalPath(proposalId)}/attachments`, { filename: file.name });
  const result = await sendRaw(url, { method: 'POST', headers: { 'Content-Type': contentType }, body: file });
  if (!result.ok) throw result.error;
  return result.data as Attachment;
}
