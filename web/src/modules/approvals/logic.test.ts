import { describe, expect, it } from 'vitest';
import type { ApprovalStep, Rule } from './api';
import { bandLabel, chainPlace, currentIndex, myStep, overlaps, ruleFromForm, sortRules, stepLabel, stepsStatus } from './logic';

const step = (status: ApprovalStep['status'], may_act = false): ApprovalStep => ({
  id: status,
  position: 1,
  label_ja: '事務局長',
  label_en: 'Office head',
  approver: 'person',
  person: null,
  role: null,
  status,
  started_at: null,
  decided_at: null,
  decided_by: null,
  comment: '',
  days: null,
  may_act,
});

const rule = (subject_type: string, amount_from: number, amount_to: number | null, kind: Rule['kind'] = 'contract'): Rule => ({
  id: `${kind}-${subject_type}-${amount_from}`,
  kind,
  subject_type,
  amount_from,
  amount_to,
  steps: [],
  note: '',
  updated_by: null,
  updated_at: '',
});

describe('approval chain steps', () => {
  it('maps step statuses onto Ant Design Steps', () => {
    expect(stepsStatus('approved')).toBe('finish');
    expect(stepsStatus('current')).toBe('process');
    expect(stepsStatus('returned')).toBe('error');
    expect(stepsStatus('waiting')).toBe('wait');
    expect(stepsStatus('cancelled')).toBe('wait');
  });

  it('points at the current step, or the last decided one when the chain is over', () => {
    expect(currentIndex({ steps: [step('approved'), step('current'), step('waiting')] })).toBe(1);
    expect(currentIndex({ steps: [step('approved'), step('approved'), step('approved')] })).toBe(2);
    expect(currentIndex({ steps: [step('approved'), step('returned'), step('cancelled')] })).toBe(1);
  });

  it('offers the action only on the current step the caller may act on', () => {
    expect(myStep({ steps: [step('approved', true), step('current', false)] })).toBeUndefined();
    expect(myStep({ steps: [step('approved'), step('current', true)] })?.status).toBe('current');
    expect(myStep(null)).toBeUndefined();
  });

  it('says where a chain stands: at a person’s step, at the committee, or ended', () => {
    const head = { ...step('current'), id: 's-1' };
    const committee = { ...step('waiting'), id: 's-2', label_ja: '運営委員会', approver: 'committee' as const };
    expect(chainPlace({ status: 'in_progress', current_step_id: 's-1', steps: [head, committee] })).toEqual({ kind: 'step', step: head });
    const atCommittee = { ...committee, status: 'current' as const };
    const approvedHead = { ...head, status: 'approved' as const };
    expect(chainPlace({ status: 'in_progress', current_step_id: 's-2', steps: [approvedHead, atCommittee] })).toEqual({ kind: 'committee', step: atCommittee });
    expect(chainPlace({ status: 'returned', current_step_id: null, steps: [{ ...head, status: 'returned' }, committee] })).toEqual({
      kind: 'ended',
      status: 'returned',
    });
    expect(chainPlace({ status: 'approved', current_step_id: null, steps: [approvedHead] })).toEqual({ kind: 'ended', status: 'approved' });
  });

  it('names a step in the reader’s language, in Japanese when it has no English name', () => {
    expect(stepLabel(step('current'), 'en')).toBe('Office head');
    expect(stepLabel(step('current'), 'ja')).toBe('事務局長');
    expect(stepLabel({ label_ja: '事務局', label_en: '' }, 'en')).toBe('事務局');
  });
});

describe('rules', () => {
  it('says a band as people say it, in both languages', () => {
    expect(bandLabel(0, 5_000_000, 'ja')).toBe('500万円未満');
    expect(bandLabel(5_000_000, 20_000_000, 'ja')).toBe('500万円以上 2,000万円未満');
    expect(bandLabel(20_000_000, null, 'ja')).toBe('2,000万円以上');
    expect(bandLabel(0, null, 'ja')).toBe('全額');
    expect(bandLabel(100_000_000, null, 'ja')).toBe('1億円以上');
    expect(bandLabel(1_500, null, 'ja')).toBe('1,500円以上');
    expect(bandLabel(0, 5_000_000, 'en')).toBe('under ¥5,000,000');
    expect(bandLabel(20_000_000, null, 'en')).toBe('¥20,000,000 or more');
    expect(bandLabel(0, null, 'en')).toBe('any amount');
  });

  it('finds overlapping bands as the server does: [from, to), same kind and type only', () => {
    expect(overlaps(rule('jr', 0, 5), rule('jr', 5, 10))).toBe(false);
    expect(overlaps(rule('jr', 0, 6), rule('jr', 5, 10))).toBe(true);
    expect(overlaps(rule('jr', 10, null), rule('jr', 20, null))).toBe(true);
    expect(overlaps(rule('jr', 0, 10), rule('nda', 0, 10))).toBe(false);
    expect(overlaps(rule('', 0, 10), rule('', 0, 10, 'budget_change'))).toBe(false);
  });

  it('lists rules by kind, type (any last) and amount', () => {
    const sorted = sortRules([rule('', 0, null), rule('joint_research', 20, null), rule('joint_research', 0, 5), rule('', 0, null, 'budget_change')]);
    expect(sorted.map((r) => r.id)).toEqual(['budget_change--0', 'contract-joint_research-0', 'contract-joint_research-20', 'contract--0']);
  });

  it('turns the form into the API input: no upper bound when empty, only the approver fields that apply', () => {
    const input = ruleFromForm({
      kind: 'contract',
      subject_type: 'joint_research',
      amount_from: 5_000_000,
      amount_to: null,
      steps: [
        { label_ja: '事務局長', approver: 'person', person_id: 'p1', role: 'office' },
        { label_ja: '運営委員会', approver: 'committee', person_id: 'p2' },
        { label_ja: '事務局', approver: 'role', role: 'office' },
      ],
    });
    expect(input.amount_to).toBeNull();
    expect(input.steps[0]).toEqual({ label_ja: '事務局長', label_en: '', approver: 'person', person_id: 'p1' });
    expect(input.steps[1]).toEqual({ label_ja: '運営委員会', label_en: '', approver: 'committee' });
    expect(input.steps[2]).toEqual({ label_ja: '事務局', label_en: '', approver: 'role', role: 'office' });
    expect(ruleFromForm({ kind: 'budget_change' })).toEqual({ kind: 'budget_change', subject_type: '', amount_from: 0, amount_to: null, note: '', steps: [] });
  });
});
