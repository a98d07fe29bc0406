// Shared fixtures of the open call page tests (not a test file itself).
import { tanaka } from '../../test/util';

export const ref = (p: { id: string; name_ja: string; name_en: string }) => ({ id: p.id, name_ja: p.name_ja, name_en: p.name_en });

export const office = { ...tanaka, id: 'p-office', name_ja: '中村 由美', name_kana: 'ナカムラ ユミ', name_en: 'Yumi Nakamura', roles: ['office'] };
export const committee = { ...tanaka, id: 'p-sato', name_ja: '佐藤 誠一', name_kana: 'サトウ セイイチ', name_en: 'Seiichi Sato', roles: ['committee'] };
export const shimizu = { ...tanaka, id: 'p-shimizu', name_ja: '清水 光', name_kana: 'シミズ ヒカル', name_en: 'Hikaru Shimizu', roles: ['company_researcher'] };
export const reviewerA = { id: 'p-rev-a', name_ja: '鈴木 一郎', name_en: 'Ichiro Suzuki' };
export const reviewerB = { id: 'p-rev-b', name_ja: '高橋 花子', name_en: 'Hanako Takahashi' };

const permissions = { edit: false, open: false, apply: false, assign: false, start_review: false, rank: false, select: false, decide: false };

export function makeCall(overrides: Record<string, unknown> = {}) {
  return {
    id: 'c-1',
    title_ja: '2026年度 学内公募',
    title_en: 'FY2026 internal open call',
    status: 'open',
    opens_on: '2026-04-01',
    closes_on: '2099-05-31',
    accepting: true,
    total_budget_yen: 10_000_000,
    per_project_cap_yen: 5_000_000,
    areas: [],
    proposals_submitted: 3,
    theme: '在宅医療を支える機器',
    reviews_per_proposal: 2,
    disagreement_threshold: 1.5,
    normalise: true,
    criteria: [
      { code: 'novelty', label_ja: '新規性', label_en: 'Novelty', weight: 50 },
      { code: 'impact', label_ja: '社会実装', label_en: 'Impact', weight: 50 },
    ],
    reviewers: [],
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    decided_at: null,
    decided_by: null,
    decision_note: '',
    selection_note: '',
    my_proposals: [],
    my_reviews: [],
    ...overrides,
    permissions: { ...permissions, ...((overrides.permissions as object) ?? {}) },
  };
}

export function summary(id: string, title: string, requested: number, status = 'submitted') {
  return {
    id,
    call_id: 'c-1',
    title_ja: title,
    title_en: '',
    status,
    applicant: ref(tanaka),
    requested_yen: requested,
    submitted_at: '2026-05-01T01:00:00Z',
    project_id: null,
  };
}

export function makeProposal(overrides: Record<string, unknown> = {}) {
  return {
    ...summary('pp-1', '在宅心電図パッチ', 3_000_000, 'draft'),
    submitted_at: null,
    aims: '在宅で心房細動を検出する',
    company_lead: ref(shimizu),
    partner_company: { id: 'o-jsr', name_ja: 'JSR株式会社', name_en: 'JSR Corporation' },
    team: [],
    budgets: [{ fiscal_year: 2026, amount_yen: 3_000_000 }],
    links: [],
    attachments: [],
    updated_at: '2026-04-10T00:00:00Z',
    call: { id: 'c-1', title_ja: '2026年度 学内公募', title_en: 'FY2026 internal open call', status: 'open', closes_on: '2099-05-31', accepting: true },
    permissions: { edit: true, submit: true, withdraw: false, review: false },
    ...overrides,
  };
}
