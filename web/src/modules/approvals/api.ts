// Approval chains (稟議, /api/approvals/…, see docs/approvals.md): the types of a chain and its
// steps (shown on the subject's page: a contract, a budget change), a step's decision, and the
// office's rules.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { budgetKeys } from '../budget/keys';
import { committeeKeys } from '../committee/keys';
import { contractsKeys } from '../contracts/keys';
import { inboxKeys } from '../inbox/keys';
import { projectsKeys } from '../projects/keys';
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

/**
 * The current step's approver approves or sends back, with a comment (a return needs one). The
 * chain's end moves its subject (a contract becomes approved, a budget change changes the
 * project's allocation or is rejected; a committee step puts it on the agenda), so every page
 * that shows a subject, the inbox and the committee's pending matters are refreshed.
 */
export function useDecideStep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, decision, comment }: { step: string; decision: 'approve' | 'return'; comment: string }) =>
      api<ApprovalChain>(`/api/approvals/steps/${encodeURIComponent(step)}/decision`, { method: 'POST', body: { decision, comment } }),
    onSuccess: () =>
      Promise.all(
        [approvalsKeys.all, contractsKeys.all, budgetKeys.all, projectsKeys.all, inboxKeys.all, committeeKeys.pending].map((queryKey) =>
          client.invalidateQueries({ queryKey }),
        ),
      ),
  });
}
