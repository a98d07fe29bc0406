// The one list of everything asked of the signed-in person, with one-click actions.
import { Alert, App, Button, Card, Empty, Grid, List, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useInbox, usePerformAction, type InboxItem, type InboxState } from './api';

export function InboxPage() {
  const { t } = useTranslation('inbox');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [state, setState] = useState<InboxState>('open');
  const inbox = useInbox(state);
  const perform = usePerformAction();
  const [busy, setBusy] = useState<string | null>(null);
  // On a phone the action goes under the text instead of squeezing it.
  const wide = Grid.useBreakpoint().md ?? true;

  const run = async (item: InboxItem) => {
    setBusy(item.id);
    try {
      await perform.mutateAsync(item);
      void message.success(t('done', { title: language === 'ja' ? item.title_ja : item.title_en }));
    } catch (error) {
      void message.error(errorMessage(error, t));
    } finally {
      setBusy(null);
    }
  };

  const items = inbox.data?.items ?? [];
  // A link from a mail (/inbox?item=ID) brings that item into view, marked; if it was dealt with
  // since the mail was sent, the page says so.
  const [params] = useSearchParams();
  const focus = params.get('item');
  const focusOpen = focus !== null && items.some((item) => item.id === focus);
  useEffect(() => {
    if (focusOpen) document.getElementById(`inbox-${focus}`)?.scrollIntoView?.({ block: 'center' });
  }, [focus, focusOpen]);
  return (
    <div className="page">
      <PageTitle
        extra={
          <Segmented<InboxState>
            value={state}
            onChange={setState}
            options={[
              { value: 'open', label: t('state.open') },
              { value: 'done', label: t('state.done') },
              { value: 'all', label: t('state.all') },
            ]}
          />
        }
      >
        {t('title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Card>
        {focus && state === 'open' && inbox.isSuccess && !focusOpen && (
          <Alert type="info" showIcon title={t('focusResolved')} data-testid="inbox-focus-resolved" style={{ marginBottom: 16 }} />
        )}
        {inbox.isPending ? (
          <div style={{ textAlign: 'center', padding: 32 }}>
            <Spin />
          </div>
        ) : inbox.isError ? (
          <Typography.Text type="danger">{errorMessage(inbox.error, t)}</Typography.Text>
        ) : items.length === 0 ? (
          <Empty description={state === 'open' ? t('emptyOpen') : t('empty')} />
        ) : (
          <List
            dataSource={items}
            itemLayout={wide ? 'horizontal' : 'vertical'}
            data-testid="inbox-list"
            renderItem={(item) => {
              const title = language === 'ja' ? item.title_ja : item.title_en;
              const context = language === 'ja' ? item.context_ja : item.context_en;
              return (
                <List.Item
                  data-testid={`inbox-item-${item.kind}`}
                  id={`inbox-${item.id}`}
                  className={[item.overdue ? 'inbox-overdue' : '', item.id === focus ? 'inbox-focus' : ''].join(' ').trim() || undefined}
                  actions={[
                    item.state === 'open' && item.action ? (
                      <Button
                        key="act"
                        type="primary"
                        icon={<CheckOutlined />}
                        loading={busy === item.id}
                        disabled={busy !== null && busy !== item.id}
                        onClick={() => void run(item)}
                        data-testid="inbox-action"
                      >
                        {language === 'ja' ? item.action.label_ja : item.action.label_en}
                      </Button>
                    ) : null,
                    item.link ? (
                      <Link key="open" to={item.link} className="inbox-open">
                        {t('open')}
                      </Link>
                    ) : null,
                  ].filter(Boolean)}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <span>{title}</span>
                        {item.overdue && <Tag color="red">{t('overdue')}</Tag>}
                        {item.state !== 'open' && <Tag>{t(`state.${item.state}`)}</Tag>}
                      </Space>
                    }
                    description={
                      <Space orientation="vertical" size={0}>
                        {context && <span>{context}</span>}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {item.due_on && (
                            <>
                              <ClockCircleOutlined /> {t('due', { date: item.due_on })}
                              {' · '}
                            </>
                          )}
                          {t('asked', { at: formatDateTime(item.created_at, language) })}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </div>
  );
}
