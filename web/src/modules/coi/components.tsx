// Small pieces shared by the COI pages.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, Decision } from './model';

const STATUS_COLOURS: Record<CaseStatus, string> = { open: 'orange', decided: 'blue', withdrawn: 'default' };
const DECISION_COLOURS: Record<Decision, string> = { no_conflict: 'green', manageable: 'gold', not_allowed: 'red' };

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('coi');
  return <Tag color={STATUS_COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}

export function DecisionTag({ decision }: { decision: Decision }) {
  const { t } = useTranslation('coi');
  return <Tag color={DECISION_COLOURS[decision]}>{t(`decision.${decision}`)}</Tag>;
}
