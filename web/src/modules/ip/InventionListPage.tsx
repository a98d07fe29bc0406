// 知財: the inventions the viewer may see (their own as an inventor, their projects' as a PI, all
// for the office), filtered by status, sorted by the next deadline and then by title.
import { Empty, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable, type ResponsiveColumn } from '../../shell/ResponsiveTable';
import { useInventions, type Invention } from './api';
import { DueDate, StatusTag, SubNav } from './components';
import { filterInventions, isOverdue, nextDeadline, sortInventions, STATUSES, titleOf, tokyoToday } from './model';

export function InventionListPage() {
  const { t } = useTranslation('ip');
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const filters = { status: params.get('status') ?? '', q: params.get('q') ?? '' };
  const list = useInventions();
  const today = tokyoToday();
  const rows = sortInventions(filterInventions(list.data ?? [], filters), language);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const columns: ResponsiveColumn<Invention>[] = [
    {
      title: t('columns.title'),
      key: 'title',
      card: 'title',
      sorter: (a, b) => a.title.localeCompare(b.title, language),
      render: (_, inv) => (
        <Link to={`/ip/inventions/${inv.id}`} data-testid="ip-invention-link" className="ip-wrap">
          {inv.title}
        </Link>
      ),
    },
    {
      title: t('columns.project'),
      key: 'project',
      render: (_, inv) => (
        <Link to={`/projects/${inv.project_id}`} className="ip-wrap">
          {titleOf({ title_ja: inv.project_title_ja, title_en: inv.project_title_en }, language)}
        </Link>
      ),
    },
    { title: t('columns.status'), key: 'status', render: (_, inv) => <StatusTag status={inv.status} /> },
    {
      title: t('columns.inventors'),
      key: 'inventors',
      render: (_, inv) => <span className="ip-wrap">{inv.inventors.map((i) => `${displayName(i.person, language)} ${i.share_percent}%`).join('、')}</span>,
    },
    {
      title: t('columns.nextDeadline'),
      key: 'next',
      sorter: (a, b) => (nextDeadline(a.deadlines)?.due_on ?? '9999').localeCompare(nextDeadline(b.deadlines)?.due_on ?? '9999'),
      render: (_, inv) => {
        const d = nextDeadline(inv.deadlines);
        return d ? (
          <Space orientation="vertical" size={0}>
            <DueDate due={d.due_on} overdue={isOverdue(d, today)} />
            <span className="muted ip-wrap">{t(`deadlineKinds.${d.kind}`)}</span>
          </Space>
        ) : null;
      },
    },
  ];
  return (
    <div className="page">
      <PageTitle>{t('title')}</PageTitle>
      <SubNav />
      <Typography.Paragraph type="secondary">{t('listHelp')}</Typography.Paragraph>
      <Space wrap className="list-filters" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('filters.search')}
          aria-label={t('filters.search')}
          defaultValue={filters.q}
          onSearch={(v) => set('q', v)}
          style={{ width: 280, maxWidth: '100%' }}
        />
        <Select
          style={{ width: 200 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          aria-label={t('filters.status')}
          options={[{ value: '', label: `${t('filters.status')}: ${t('filters.all')}` }, ...STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))]}
          data-testid="ip-filter-status"
        />
      </Space>
      {list.isError && <Typography.Paragraph type="danger">{errorMessage(list.error, t)}</Typography.Paragraph>}
      <ResponsiveTable<Invention>
        rowKey="id"
        size="middle"
        cardTestId="ip-card"
        loading={list.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        data-testid="ip-list"
      />
    </div>
  );
}
