// The contract list with its filters (type, status, project, search, waiting long), and CSV and
// Excel downloads of what it shows.
import { Button, Empty, Input, Select, Space, Switch, Tag, Tooltip } from 'antd';
import { PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { ExportButtons } from '../../shell/ExportButtons';
import { currentLanguage } from '../../shell/i18n';
import { useProjects } from '../projects/api';
import { STATUSES, TYPES, useContracts, type ContractSummary } from './api';
import { formatDays, formatYen, partyNames } from './logic';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { isOffice, StatusTag, SubNav } from './components';
import { NewContractModal } from './NewContractModal';

export function ContractList({ me }: { me: Me }) {
  const { t } = useTranslation('contracts');
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const filters = {
    type: params.get('type') ?? '',
    status: params.get('status') ?? '',
    q: params.get('q') ?? '',
    project_id: params.get('project_id') ?? '',
    waiting_long: params.get('waiting_long') === 'true',
  };
  const list = useContracts(filters);
  const projects = useProjects({});
  const [creating, setCreating] = useState(false);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const columns = [
    {
      title: t('columns.title'),
      key: 'title',
      render: (_: unknown, c: ContractSummary) => (
        <Link to={`/contracts/${c.id}`} data-testid="contract-link">
          {c.title}
        </Link>
      ),
    },
    { title: t('columns.type'), key: 'type', render: (_: unknown, c: ContractSummary) => t(`types.${c.type}`) },
    { title: t('columns.parties'), key: 'parties', render: (_: unknown, c: ContractSummary) => partyNames(c, language) },
    {
      title: t('columns.status'),
      key: 'status',
      render: (_: unknown, c: ContractSummary) => (
        <Space size={4}>
          <StatusTag status={c.status} />
          {c.waiting_long && <Tag color="red">{t('waitingLong')}</Tag>}
        </Space>
      ),
    },
    { title: t('columns.since'), key: 'since', render: (_: unknown, c: ContractSummary) => t('days', { days: formatDays(c.days_in_status) }) },
    {
      title: (
        <Tooltip title={t('columns.waitingOnHelp')}>
          <span data-testid="waiting-on-header" aria-label={`${t('columns.waitingOn')}: ${t('columns.waitingOnHelp')}`}>
            {t('columns.waitingOn')} <QuestionCircleOutlined />
          </span>
        </Tooltip>
      ),
      key: 'waiting',
      render: (_: unknown, c: ContractSummary) => (c.status === 'negotiating' ? t(`sides.${c.waiting_on}`) : ''),
    },
    {
      title: t('columns.term'),
      key: 'term',
      render: (_: unknown, c: ContractSummary) => (c.starts_on || c.ends_on ? `${c.starts_on ?? ''} – ${c.ends_on ?? ''}` : ''),
    },
    {
      title: t('columns.amount'),
      key: 'amount',
      align: 'right' as const,
      // No amount: nothing (a card then leaves the field out instead of showing an empty 金額).
      render: (_: unknown, c: ContractSummary) =>
        c.amount_yen === null || c.amount_yen === undefined ? null : <span style={{ whiteSpace: 'nowrap' }}>{formatYen(c.amount_yen, language)}</span>,
    },
  ];
  return (
    <div className="page">
      <PageTitle
        extra={
          isOffice(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contract-new">
              {t('new')}
            </Button>
          )
        }
      >
        {t('title')}
      </PageTitle>
      <SubNav me={me} />
      <Space wrap className="list-filters" style={{ margin: '12px 0' }}>
        <Input.Search
          allowClear
          placeholder={t('filters.search')}
          defaultValue={filters.q}
          onSearch={(v) => set('q', v)}
          style={{ width: 260 }}
          data-testid="contract-search"
        />
        <Select
          style={{ width: 220 }}
          value={filters.type}
          onChange={(v) => set('type', v)}
          options={[{ value: '', label: `${t('filters.type')}: ${t('filters.all')}` }, ...TYPES.map((x) => ({ value: x, label: t(`types.${x}`) }))]}
          data-testid="filter-type"
        />
        <Select
          style={{ width: 180 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={[{ value: '', label: `${t('filters.status')}: ${t('filters.all')}` }, ...STATUSES.map((x) => ({ value: x, label: t(`statuses.${x}`) }))]}
          data-testid="filter-status"
        />
        <Select
          style={{ width: 260 }}
          value={filters.project_id}
          onChange={(v) => set('project_id', v)}
          showSearch
          optionFilterProp="label"
          options={[
            { value: '', label: `${t('form.project')}: ${t('filters.all')}` },
            ...(projects.data ?? []).map((p) => ({ value: p.id, label: language === 'en' && p.title_en ? p.title_en : p.title_ja })),
          ]}
          data-testid="filter-project"
        />
        <Space>
          <Switch checked={filters.waiting_long} onChange={(v) => set('waiting_long', v ? 'true' : '')} aria-label={t('filters.waitingLong')} />
          {t('filters.waitingLong')}
        </Space>
        <ExportButtons base="/api/contracts/export" query={{ ...filters, waiting_long: filters.waiting_long ? 'true' : undefined }} testId="contracts" />
      </Space>
      <ResponsiveTable<ContractSummary>
        rowKey="id"
        size="middle"
        cardTestId="contract-card"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
      />
      {creating && <NewContractModal onClose={() => setCreating(false)} />}
    </div>
  );
}
