// TanStack Query hooks for intellectual property (知財, docs/ip.md): inventions with their
// inventors, the office's decision, filings and legal deadlines; licences and revenue; inventors'
// rewards and the office's reward rules; publications and the publication guard.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../shell/api';
import { inboxKeys } from '../inbox/keys';
import { projectsKeys } from '../projects/keys';
import { ipKeys } from './keys';
import type { Decision, DeadlineKind, Employer, FilingKind, PersonRef, PublicationKind, RewardKind, Status } from './model';

export type { PersonRef } from './model';

export interface Inventor {
  person: PersonRef;
  share_percent: number;
  employer: Employer;
  affiliation: string;
}

export interface Filing {
  id: string;
  kind: FilingKind;
  country: string;
  number: string;
  filed_on: string;
  priority_date: string | null;
  examination_requested_on: string | null;
  registered_on: string | null;
  grace_proof_on: string | null;
}

export interface Deadline {
  kind: DeadlineKind;
  due_on: string;
  period_end: string;
  invention_id: string;
  filing_id?: string;
  source_ja: string;
  // GET /api/ip/deadlines only:
  title?: string;
  project_id?: string;
}

export interface Revenue {
  id: string;
  received_on: string;
  amount_yen: number;
  note: string;
}

export interface Licence {
  id: string;
  licensee: string;
  contract_id: string | null;
  exclusive: boolean;
  signed_on: string;
  note: string;
  revenue: Revenue[];
  revenue_total_yen: number;
}

export interface Reward {
  id: string;
  person: PersonRef;
  kind: RewardKind;
  basis_on: string;
  amount_yen: number;
  paid_on: string | null;
}

export interface May {
  edit: boolean;
  decide: boolean;
  file: boolean;
  license?: boolean;
  consent?: boolean;
}

export interface Invention {
  id: string;
  title: string;
  summary: string;
  project_id: string;
  project_title_ja: string;
  project_title_en: string;
  status: Status;
  conceived_on: string | null;
  disclosed_on: string | null;
  decision: Decision | null;
  decision_note: string;
  novelty_notes: string;
  prior_art: string;
  university_share: number | null;
  company_share: number | null;
  contract_id: string | null;
  company_consent_required?: boolean;
  company_consent_on?: string | null;
  inventors: Inventor[];
  filings: Filing[];
  deadlines: Deadline[];
  // Licences and rewards come with the next server version; absent until then.
  licences?: Licence[];
  rewards?: Reward[];
  may: May;
  created_at: string;
}

export interface InventorInput {
  person_id: string;
  share_percent: number;
  employer?: Employer;
}

export interface InventionInput {
  project_id?: string;
  title?: string;
  summary?: string;
  conceived_on?: string | null;
  disclosed_on?: string | null;
  inventors?: InventorInput[];
}

export interface DecisionInput {
  decision: Decision;
  note: string;
  novelty_notes: string;
  prior_art: string;
  university_share?: number;
}

export interface FilingInput {
  kind: FilingKind;
  country: string;
  number: string;
  filed_on: string;
  priority_date?: string;
}

export interface FilingUpdate {
  examination_requested_on?: string;
  registered_on?: string;
  grace_proof_on?: string;
  number?: string;
}

export interface LicenceInput {
  licensee: string;
  contract_id?: string;
  exclusive: boolean;
  signed_on: string;
  note?: string;
}

export interface RevenueInput {
  received_on: string;
  amount_yen: number;
  note?: string;
}

export interface RewardRules {
  filing_yen: number;
  registration_yen: number;
  revenue_percent: number;
}

export interface LedgerRow extends Reward {
  invention_id: string;
  invention_title: string;
}

export interface Ledger {
  items: LedgerRow[];
  due_total_yen: number;
  paid_total_yen: number;
}

export interface Publication {
  id: string;
  project_id: string;
  invention_id: string | null;
  person: PersonRef;
  kind: PublicationKind;
  title: string;
  venue: string;
  planned_on: string | null;
  event_id: string | null;
  event_title_ja: string | null;
  event_title_en: string | null;
  guarded: boolean;
  status: 'planned' | 'cleared';
  clearance: null | 'no_invention' | 'filed';
  review_due_on: string | null;
  review: null | 'approved' | 'objection';
  review_note?: string;
  may: { clear: boolean; review: boolean };
}

export interface PublicationInput {
  project_id: string;
  invention_id?: string;
  kind: PublicationKind;
  title: string;
  venue?: string;
  planned_on?: string;
  event_id?: string;
}

const enc = encodeURIComponent;
const inventionPath = (id: string) => `/api/ip/inventions/${enc(id)}`;

export const ipApi = {
  inventions: (filters: { project_id?: string }, signal?: AbortSignal) =>
    api<{ items: Invention[] }>('/api/ip/inventions', { query: { ...filters }, signal }).then((b) => b.items),
  invention: (id: string, signal?: AbortSignal) => api<Invention>(inventionPath(id), { signal }),
  disclose: (body: InventionInput) => api<Invention>('/api/ip/inventions', { method: 'POST', body }),
  update: (id: string, body: InventionInput) => api<Invention>(inventionPath(id), { method: 'PATCH', body }),
  startEvaluation: (id: string) => api<Invention>(`${inventionPath(id)}/evaluation`, { method: 'POST', body: {} }),
  consent: (id: string, consented_on: string) => api<Invention>(`${inventionPath(id)}/consent`, { method: 'POST', body: { consented_on } }),
  decide: (id: string, body: DecisionInput) => api<Invention>(`${inventionPath(id)}/decision`, { method: 'POST', body }),
  addFiling: (id: string, body: FilingInput) => api<Invention>(`${inventionPath(id)}/filings`, { method: 'POST', body }),
  updateFiling: (id: string, filingId: string, body: FilingUpdate) =>
    api<Invention>(`${inventionPath(id)}/filings/${enc(filingId)}`, { method: 'PATCH', body }),
  addLicence: (id: string, body: LicenceInput) => api<Invention>(`${inventionPath(id)}/licences`, { method: 'POST', body }),
  addRevenue: (id: string, licenceId: string, body: RevenueInput) =>
    api<Invention>(`${inventionPath(id)}/licences/${enc(licenceId)}/revenue`, { method: 'POST', body }),
  deadlines: (from: string, to: string, signal?: AbortSignal) =>
    api<{ from: string; to: string; items: Deadline[] }>('/api/ip/deadlines', { query: { from, to }, signal }),
  rewards: (signal?: AbortSignal) => api<Ledger>('/api/ip/rewards', { signal }),
  markPaid: (id: string, body: { paid_on: string }) => api<unknown>(`/api/ip/rewards/${enc(id)}/paid`, { method: 'POST', body }),
  rewardRules: (signal?: AbortSignal) => api<RewardRules>('/api/ip/reward-rules', { signal }),
  saveRewardRules: (body: RewardRules) => api<RewardRules>('/api/ip/reward-rules', { method: 'PUT', body }),
  publications: (filters: { project_id?: string }, signal?: AbortSignal) =>
    api<{ items: Publication[] }>('/api/ip/publications', { query: { ...filters }, signal }).then((b) => b.items),
  addPublication: (body: PublicationInput) => api<Publication>('/api/ip/publications', { method: 'POST', body }),
  clearPublication: (id: string) => api<Publication>(`/api/ip/publications/${enc(id)}/clear`, { method: 'POST', body: { resolution: 'no_invention' } }),
  reviewPublication: (id: string, body: { outcome: 'approved' | 'objection'; note?: string }) =>
    api<Publication>(`/api/ip/publications/${enc(id)}/review`, { method: 'POST', body }),
};

/** Where the office downloads the reward ledger (a plain link: the session cookie goes along). */
export const ledgerUrl = (format: 'csv' | 'xlsx', lang: 'ja' | 'en') => buildUrl('/api/ip/rewards', { format, lang });

export function useInventions(filters: { project_id?: string } = {}) {
  return useQuery({ queryKey: ipKeys.inventions(filters), queryFn: ({ signal }) => ipApi.inventions(filters, signal) });
}

export function useInvention(id: string) {
  return useQuery({ queryKey: ipKeys.invention(id), queryFn: ({ signal }) => ipApi.invention(id, signal), enabled: id !== '' });
}

export function useDeadlines(from: string, to: string) {
  return useQuery({ queryKey: ipKeys.deadlines(from, to), queryFn: ({ signal }) => ipApi.deadlines(from, to, signal) });
}

export function useRewards() {
  return useQuery({ queryKey: ipKeys.rewards, queryFn: ({ signal }) => ipApi.rewards(signal) });
}

export function useRewardRules(enabled = true) {
  return useQuery({ queryKey: ipKeys.rewardRules, queryFn: ({ signal }) => ipApi.rewardRules(signal), enabled });
}

export function usePublications(filters: { project_id?: string }, enabled = true) {
  return useQuery({ queryKey: ipKeys.publications(filters), queryFn: ({ signal }) => ipApi.publications(filters, signal), enabled });
}

/**
 * A change to IP data: every IP query, the inbox (a disclosure asks the office to evaluate it) and
 * projects are read again. An invention the server answers with goes into the cache at once.
 */
export function useIpMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      const inv = result as Partial<Invention> | undefined;
      if (inv && typeof inv === 'object' && typeof inv.id === 'string' && 'inventors' in inv && 'may' in inv)
        queryClient.setQueryData(ipKeys.invention(inv.id), inv);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ipKeys.all });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      void queryClient.invalidateQueries({ queryKey: projectsKeys.all });
    },
  });
}
