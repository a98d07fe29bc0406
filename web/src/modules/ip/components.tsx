// Small shared pieces of the IP pages: tags, the sub-navigation, a due date that turns red when
// overdue, yen, and the publication guard's warning.
import { Alert, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { hasAnyRole } from '../../shell/roles';
import { DECISION_COLOURS, formatYen, STATUS_COLOURS, type Decision, type Status } from './model';

/** The office handles disclosures (admins see none: they are confidential). */
export const isIpOffice = (me: Me) => hasAnyRole(me.roles, ['office']);

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation('ip');
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} data-testid="ip-status">
      {t(`statuses.${status}`)}
    </Tag>
  );
}

export function DecisionTag({ decision }: { decision: Decision }) {
  const { t } = useTranslation('ip');
  return <Tag color={DECISION_COLOURS[decision] ?? 'default'}>{t(`decisions.${decision}`)}</Tag>;
}

export function SubNav() {
  const { t } = useTranslation('ip');
  return (
    <nav className="ip-subnav" aria-label={t('nav.ip')}>
      <Space wrap>
        <Link to="/ip">{t('subnav.list')}</Link>
        <Link to="/ip/deadlines" data-testid="nav-ip-deadlines">
          {t('subnav.deadlines')}
        </Link>
        <Link to="/ip/rewards" data-testid="nav-ip-rewards">
          {t('subnav.rewards')}
        </Link>
      </Space>
    </nav>
  );
}

/** A due date, red with a tag once it has passed: the ethics module's, one component for both. */
export { DueDate } from '../ethics/components';

/** Props for an InputNumber of whole yen: ¥ before, thousands separated as in ja-JP. */
export const yenInput = {
  min: 0,
  precision: 0,
  prefix: '¥',
  formatter: (v: number | string | undefined) => (v === undefined || v === null || `${v}` === '' ? '' : Number(v).toLocaleString('ja-JP')),
  parser: (v: string | undefined) => Number((v ?? '').replace(/[^\d]/g, '') || 0),
};

/** An amount of yen, right-aligned figures that do not break. */
export function Yen({ amount, testId }: { amount: number | null | undefined; testId?: string }) {
  return (
    <span className="ip-yen nowrap" data-testid={testId}>
      {formatYen(amount)}
    </span>
  );
}

/** The publication guard: a talk or paper planned before the invention is filed. */
export function GuardWarning({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('ip');
  return <Alert type="error" showIcon role="alert" title={t('publications.guard')} banner={compact} data-testid="ip-guard-warning" />;
}
