// The calendar feeds: a secret iCalendar address for the person's bookings and one per space.
import { App as AntApp, Alert, Button, Card, Select, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useCalendarToken, useRotateCalendarToken, type Space } from './api';
import { tokyoDate } from './time';

export function CalendarFeed({ spaces }: { spaces: Space[] }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const token = useCalendarToken();
  const rotate = useRotateCalendarToken();
  const { modal } = AntApp.useApp();
  const [spaceId, setSpaceId] = useState<string | undefined>(undefined);
  const origin = window.location.origin;
  const personUrl = rotate.data ? `${origin}${rotate.data.person_feed}` : null;
  const spaceUrl = rotate.data && spaceId ? `${origin}${rotate.data.space_feed_template.replace('{space_id}', spaceId)}` : null;
  const issue = () => {
    if (!token.data?.exists) return rotate.mutate();
    modal.confirm({
      title: t('feed.rotateConfirm'),
      content: t('feed.rotateWarning'),
      okText: t('feed.rotate'),
      cancelText: t('form.cancel'),
      onOk: () => rotate.mutateAsync(),
    });
  };
  return (
    <Card
      size="small"
      title={
        <>
          <CalendarOutlined /> {t('feed.title')}
        </>
      }
    >
      <Typography.Paragraph>{t('feed.explain')}</Typography.Paragraph>
      {token.data?.exists && !personUrl && (
        <Typography.Paragraph type="secondary">
          {t('feed.existing', { date: token.data.created_at ? tokyoDate(new Date(token.data.created_at)) : '' })}
        </Typography.Paragraph>
      )}
      {personUrl && (
        <>
          <Typography.Text strong>{t('feed.mine')}</Typography.Text>
          <Typography.Paragraph copyable code data-testid="feed-url">
            {personUrl}
          </Typography.Paragraph>
          <Typography.Text strong>{t('feed.space')}</Typography.Text>
          <div style={{ margin: '4px 0 8px' }}>
            <Select
              style={{ width: 280 }}
              placeholder={t('feed.chooseSpace')}
              value={spaceId}
              onChange={setSpaceId}
              options={spaces.map((s) => ({ value: s.id, label: displayName(s, language) }))}
            />
          </div>
          {spaceUrl && (
            <Typography.Paragraph copyable code data-testid="space-feed-url">
              {spaceUrl}
            </Typography.Paragraph>
          )}
          <Alert type="info" showIcon message={t('feed.onlyOnce')} style={{ marginBottom: 12 }} />
        </>
      )}
      <Button onClick={issue} loading={rotate.isPending} data-testid="feed-issue">
        {token.data?.exists ? t('feed.rotate') : t('feed.create')}
      </Button>
    </Card>
  );
}
