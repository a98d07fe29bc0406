// 倫理審査: the protocols the viewer may see, filtered by status and category, sorted by the
// next deadline and then by title as a Japanese reader expects.
import { Button, Empty, Input, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable, type ResponsiveColumn } from '../../shell/ResponsiveTable';
import { useProtocols, type ProtocolSummary } from './api';
import { CategoryTag, DueDate, mayPropose, StatusTag, SubNav } from './components';
import { CATEGORIES, compareTitles, filterProtocols, isOverdue, sortProtocols, STATUSES, titleOf, tokyoToday } from './model';
import { NewProtocolModal } from './NewProtocolModal';

export function ProtocolListPage({ me }: { me: Me }) {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const filters = { status: params.get('status') ?? '', category: params.get('category') ?? '', q: params.get('q') ?? '' };
  const list = useProtocols();
  const [creating, setCreating] = useState(false);
  const today = tokyoToday();
  const rows = sortProtocols(filterProtocols(list.data ?? [], filters), language);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const columns: ResponsiveColumn<ProtocolSummary>[] = [
    {
      title: t('columns.title'),
      key: 'title',
      card: 'title',
      sorter: (a, b) => compareTitles(a, b, language),
      render: (_, p) => (
        <Link to={`/ethics/protocols/${p.id}`} data-testid="ethics-protocol-link" className="ethics-wrap">
          {titleOf(p, language)}
        </Link>
      ),
    },
    {
      title: t('columns.project'),
      key: 'project',
      render: (_, p) => (
        <Link to={`/projects/${p.project_id}`} className="ethics-wrap">
          {titleOf({ title_ja: p.project_title_ja, title_en: p.project_title_en }, language)}
        </Link>
      ),
    },
    { title: t('columns.category'), key: 'category', render: (_, p) => <CategoryTag category={p.category} /> },
    {
      title: t('columns.committee'),
      key: 'committee',
      render: (_, p) => displayName({ name_ja: p.committee_name_ja, name_en: p.committee_name_en }, language),
    },
    { title: t('columns.status'), key: 'status', render: (_, p) => <StatusTag status={p.status} /> },
    {
      title: t('columns.pi'),
      key: 'pi',
      sorter: (a, b) => displayName(a.pi, language).localeCompare(displayName(b.pi, language), language),
      render: (_, p) => <span className="nowrap">{displayName(p.pi, language)}</span>,
    },
    {
      title: t('columns.nextDeadline'),
      key: 'next',
      sorter: (a, b) => (a.next_deadline?.due_on ?? '9999').localeCompare(b.next_deadline?.due_on ?? '9999'),
      render: (_, p) =>
        p.next_deadline ? (
          <Space orientation="vertical" size={0}>
            <DueDate due={p.next_deadline.due_on} overdue={isOverdue(p.next_deadline, today)} />
            <span className="muted ethics-wrap">{language === 'en' ? p.next_deadline.label_en : p.next_deadline.label_ja}</span>
          </Space>
        ) : null,
    },
    { title: t('columns.submitted'), key: 'submitted', render: (_, p) => (p.submitted_on ? <span className="nowrap">{p.submitted_on}</span> : null) },
    { title: t('columns.approved'), key: 'approved', render: (_, p) => (p.approved_on ? <span className="nowrap">{p.approved_on}</span> : null) },
  ];
  return (
    <div className="page">
      <PageTitle
        extra={
          mayPropose(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ethics-new">
              {t('new')}
            </Button>
          )
        }
      >
        {t('title')}
      </PageTitle>
      <SubNav me={me} />
      <Space wrap className="list-filters" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('filters.search')}
          defaultValue={filters.q}
          onSearch={(v) => set('q', v)}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <Select
          style={{ width: 200 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={[{ value: '', label: `${t('filters.status')}: ${t('filters.all')}` }, ...STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))]}
          data-testid="ethics-filter-status"
        />
        <Select
          style={{ width: 220 }}
          value={filters.category}
          onChange={(v) => set('category', v)}
          options={[
            { value: '', label: `${t('filters.category')}: ${t('filters.all')}` },
            ...CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) })),
          ]}
          data-testid="ethics-filter-category"
        />
      </Space>
      <ResponsiveTable<ProtocolSummary>
        rowKey="id"
        size="middle"
        cardTestId="ethics-card"
        loading={list.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        data-testid="ethics-list"
      />
      {creating && <NewProtocolModal onClose={() => setCreating(false)} />}
    </div>
  );
}
