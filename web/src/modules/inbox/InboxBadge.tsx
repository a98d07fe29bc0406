// The header's inbox button with its count, on every page.
import { Badge, Button } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useInboxCount } from './api';

export function InboxBadge() {
  const { t } = useTranslation('inbox');
  const navigate = useNavigate();
  const count = useInboxCount();
  const open = count.data?.open ?? 0;
  const overdue = count.data?.overdue ?? 0;
  return (
    <Badge count={open} size="small" color={overdue > 0 ? 'red' : '#1f5fa8'}>
      <Button
        size="small"
        icon={<InboxOutlined />}
        onClick={() => navigate('/inbox')}
        aria-label={t('badge', { count: open })}
        data-testid="inbox-badge"
        data-count={open}
      />
    </Badge>
  );
}
