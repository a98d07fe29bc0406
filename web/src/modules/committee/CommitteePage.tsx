// The steering committee (運営委員会): its meetings, written resolutions, members and voting rules,
// one tab each (?tab=…). The office creates meetings and written resolutions and keeps the roll
// and the rules (admins too for those two); committee members read everything and vote.
import { Button, Card, Empty, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useMeetings, type MeetingSummary } from './api';
import { MeetingKindTag, MeetingStatusTag } from './components';
import { MeetingForm } from './MeetingForm';
import { MembersTab } from './MembersTab';
import { formatMeetingTime, titleOf } from './model';
import { RulesTab } from './RulesTab';
import { WrittenTab } from './WrittenTab';
import './committee.css';

const TABS = ['meetings', 'written', 'members', 'rules'] as const;

export function CommitteePage({ me }: { me: Me }) {
  const { t } = useTranslation('committee');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as string) : 'meetings';
  return (
    <div className="page" data-testid="committee-page">
      <PageTitle>{t('page.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('page.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'meetings' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'meetings', label: <span data-testid="tab-meetings">{t('tabs.meetings')}</span>, children: <MeetingsTab me={me} /> },
          { key: 'written', label: <span data-testid="tab-written">{t('tabs.written')}</span>, children: <WrittenTab me={me} /> },
          { key: 'members', label: <span data-testid="tab-members">{t('tabs.members')}</span>, children: <MembersTab me={me} /> },
          { key: 'rules', label: <span data-testid="tab-rules">{t('tabs.rules')}</span>, children: <RulesTab me={me} /> },
        ]}
        destroyOnHidden
      />
    </div>
  );
}

function MeetingsTab({ me }: { me: Me }) {
  const { t } = useTranslation('committee');
  const language = currentLanguage();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const meetings = useMeetings();
  const office = me.roles.includes('office');
  return (
    <Card
      extra={
        office && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-create">
            {t('meetings.create')}
          </Button>
        )
      }
      title={t('tabs.meetings')}
    >
      {meetings.isError ? (
        <Typography.Text type="danger">{errorMessage(meetings.error, t)}</Typography.Text>
      ) : (
        <ResponsiveTable<MeetingSummary>
          rowKey="id"
          cardTestId="meeting-card"
          data-testid="meeting-list"
          loading={meetings.isFetching}
          dataSource={meetings.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 860 }}
          locale={{ emptyText: <Empty description={t('meetings.empty')} /> }}
          onRow={(m) => ({ onClick: () => navigate(`/committee/meetings/${m.id}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'title',
              card: 'title',
              title: t('field.title'),
              render: (_, m) => (
                <Link to={`/committee/meetings/${m.id}`} onClick={(e) => e.stopPropagation()}>
                  {titleOf(m, language)}
                </Link>
              ),
            },
            { key: 'time', title: t('field.time'), width: 260, render: (_, m) => formatMeetingTime(m.starts_at, m.ends_at, language) },
            { key: 'kind', title: t('field.kind'), width: 100, render: (_, m) => <MeetingKindTag kind={m.kind} /> },
            { key: 'status', title: t('field.status'), width: 140, render: (_, m) => <MeetingStatusTag status={m.status} /> },
            {
              key: 'open',
              title: t('field.openItems'),
              width: 110,
              align: 'right',
              render: (_, m) => (
                <span data-testid="meeting-open-items">
                  {m.items_open} / {m.items_total}
                </span>
              ),
            },
          ]}
        />
      )}
      {office && (
        <MeetingForm
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(m) => {
            setCreating(false);
            navigate(`/committee/meetings/${m.id}`);
          }}
        />
      )}
    </Card>
  );
}
