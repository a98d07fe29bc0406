// The bell in the header: how many notifications are unread, and the latest ones.
import { Badge, Button, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useMarkAllRead, useNotifications } from './api';

export function NotificationBell() {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const notifications = useNotifications();
  const markAll = useMarkAllRead();
  const unread = notifications.data?.unread_count ?? 0;
  const content = (
    <div style={{ width: 340 }}>
      <List
        size="small"
        locale={{ emptyText: t('bell.empty') }}
        dataSource={(notifications.data?.items ?? []).slice(0, 8)}
        renderItem={(n) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Link to={n.link || '/'} style={{ fontWeight: n.read ? 'normal' : 'bold' }}>
                  {language === 'ja' ? n.title_ja : n.title_en}
                </Link>
              }
              description={<Typography.Text type="secondary">{formatDateTime(n.created_at, language)}</Typography.Text>}
            />
          </List.Item>
        )}
      />
      {unread > 0 && (
        <Button size="small" block onClick={() => markAll.mutate()} loading={markAll.isPending}>
          {t('bell.markAll')}
        </Button>
      )}
    </div>
  );
  return (
    <Popover content={content} title={t('bell.title')} trigger="click" placement="bottomRight">
      <Badge count={unread} size="small">
        <Button size="small" icon={<BellOutlined />} aria-label={t('bell.label', { count: unread })} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
