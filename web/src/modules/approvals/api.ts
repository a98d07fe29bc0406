// Approval chains (稟議, /api/approvals/…, see docs/approvals.md): the types of a chain and its
// steps (shown on the subject's page, e.g. a contract), and the office's rules.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { approvalsKeys } from './keys';

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export type Approver = 'person' | 'role' | 'committee';
export type StepStatus = 'waiting' | 'current' | 'approved' | 'returned' | 'cancelled';
export type ChainStatus = 'in_progress' | 'approved' | 'returned' | 'withdrawn';
export type SubjectKind = 'contract' | 'budget_change';
export const SUBJECT_KINDS: SubjectKind[] = ['contract', 'budget_change'];
export const APPROVERS: Approver[] = ['person', 'role', 'committee'];

export interface ApprovalStep {
  id: string;
  position: number;
  label_ja: string;
  label_en: string;
  approver: Approver;
  person: PersonRef | null;
  role: string | null;
  status: StepStatus;
  started_at: string | null;
  decided_at: string | null;
  decided_by: PersonRef | null;
  comment: string;
  days: number | null;
  may_act: boolean;
}

export interface ApprovalChain {
  id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  subject_type: string;
  amount_yen: number | null;
  title_ja: string;
  title_en: string;
  link: string;
  status: ChainStatus;
  started_by: PersonRef | null;
  started_at: string;
  ended_at: string | null;
  days: number;
  current_step_id: string | null;
  steps: ApprovalStep[];
}

export interface RuleStep {
  label_ja: string;
  label_en: string;
  approver: Approver;
  person_id?: string;
  role?: string | null;
  person?: PersonRef | null;
}

export interface RuleInput {
  kind: SubjectKind;
  subject_type: string;
  amount_from: number;
  amount_to: number | null;
  steps: RuleStep[];
  note: string;
}

export interface Rule extends RuleInput {
  id: string;
  updated_by: PersonRef | null;
  updated_at: string;
}

export function useRules() {
  return useQuery({
    queryKey: approvalsKeys.rules,
    queryFn: ({ signal }) => api<{ items: Rule[] }>('/api/approvals/rules', { signal }).then((r) => r.items),
  });
}

export function useMyApprovals() {
  return useQuery({
    queryKey: approvalsKeys.mine,
    queryFn: ({ signal }) => api<{ items: ApprovalChain[] }>('/api/approvals/mine', { signal }).then((r) => r.items),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: approvalsKeys.all });
}

export function useSaveRule() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: RuleInput }) =>
      id ? api<Rule>(`/api/approvals/rules/${id}`, { method: 'PUT', body }) : api<Rule>('/api/approvals/rules', { method: 'POST', body }),
    onSuccess: () => void invalidate(),
  });
}

export function useDeleteRule() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/approvals/rules/${id}`, { method: 'DELETE' }),
    onSuccess: () => void invalidate(),
  });
}
