// Small shared pieces of the contract pages: who drives contracts, the status tag, the sub-navigation.
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { hasAnyRole } from '../../shell/roles';
import type { Status } from './api';
import { STATUS_COLOURS } from './logic';

export const isOffice = (me: Me) => hasAnyRole(me.roles, ['office', 'admin']);

const seesAll = (me: Me) => hasAnyRole(me.roles, ['office', 'admin', 'committee']);

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation('contracts');
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="contract-status">
      {t(`statuses.${status}`)}
    </Tag>
  );
}

export function SubNav({ me }: { me: Me }) {
  const { t } = useTranslation('contracts');
  if (!seesAll(me)) return null;
  return (
    <Space wrap>
      <Link to="/contracts">{t('title')}</Link>
      <Link to="/contracts/templates" data-testid="nav-templates">
        {t('templates')}
      </Link>
      <Link to="/contracts/turnaround" data-testid="nav-turnaround">
        {t('turnaround')}
      </Link>
    </Space>
  );
}
