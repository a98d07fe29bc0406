// Browse and search needs, seeds and people: one search box (Japanese, English or both),
// filters (type, area, kind, status, organisation), highlighted snippets. State lives in the URL.
import { BulbOutlined, ExperimentOutlined, IdcardOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Pagination, Segmented, Select, Space, Switch, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import { useOrganisations } from '../people/api';
import { AREAS, SEED_KINDS, useSearch, type ItemType, type SearchFilters } from './api';
import { HitList } from './components';

const PAGE = 20;

export function ExchangePage({ me }: { me: Me }) {
  const { t } = useTranslation('exchange');
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const type = (params.get('type') ?? '') as '' | ItemType;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const mine = params.get('mine') === 'true';
  const filters: SearchFilters = {
    q: params.get('q') ?? '',
    type,
    area: params.get('area') ?? '',
    kind: type === 'seed' ? (params.get('kind') ?? '') : '',
    status: params.get('status') ?? (mine ? 'all' : ''),
    organisation_id: params.get('organisation_id') ?? '',
    mine,
    offset: (page - 1) * PAGE,
    limit: PAGE,
  };
  const search = useSearch(filters);
  const organisations = useOrganisations('all', { retry: false });
  const orgOptions = useMemo(
    () =>
      (organisations.data ?? [])
        .filter((org) => ['company', 'department', 'division', 'hospital', 'university'].includes(org.kind))
        .map((org) => ({ value: org.id, label: displayName(org, language) })),
    [organisations.data, language],
  );

  function update(change: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in change)) next.delete('page');
    setParams(next, { replace: true });
  }

  const canPostNeed = hasAnyRole(me.roles, ['clinician', 'researcher', 'office', 'admin']);
  const canPostSeed = hasAnyRole(me.roles, ['researcher', 'company_researcher', 'clinician', 'office', 'admin']);
  const hasFilters = [...params.keys()].length > 0;

  return (
    <div className="page ex-page">
      <PageTitle
        extra={
          <Space wrap>
            {canPostNeed && (
              <Link to="/exchange/needs/new">
                <Button type="primary" icon={<BulbOutlined />} data-testid="new-need">
                  {t('browse.newNeed')}
                </Button>
              </Link>
            )}
            {canPostSeed && (
              <Link to="/exchange/seeds/new">
                <Button icon={<ExperimentOutlined />} data-testid="new-seed">
                  {t('browse.newSeed')}
                </Button>
              </Link>
            )}
            <Link to="/exchange/profile">
              <Button icon={<IdcardOutlined />}>{t('browse.myProfile')}</Button>
            </Link>
          </Space>
        }
      >
        {t('browse.title')}
      </PageTitle>
      <Card>
        <Input.Search
          key={params.get('q') ?? ''}
          defaultValue={params.get('q') ?? ''}
          placeholder={t('browse.searchPlaceholder')}
          enterButton={t('browse.search')}
          allowClear
          size="large"
          aria-label={t('browse.search')}
          data-testid="exchange-search"
          onSearch={(value) => update({ q: value.trim() })}
        />
        <div className="ex-filters">
          <Segmented
            value={type}
            onChange={(value) => update({ type: String(value), kind: null })}
            options={[
              { value: '', label: t('browse.all') },
              { value: 'need', label: t('types.need') },
              { value: 'seed', label: t('types.seed') },
              { value: 'profile', label: t('types.profile') },
            ]}
          />
          <Select
            allowClear
            placeholder={t('browse.area')}
            aria-label={t('browse.area')}
            value={filters.area || undefined}
            onChange={(value) => update({ area: value ?? null })}
            options={AREAS.map((area) => ({ value: area, label: t(`areas.${area}`) }))}
          />
          {type === 'seed' && (
            <Select
              allowClear
              placeholder={t('browse.kind')}
              aria-label={t('browse.kind')}
              value={filters.kind || undefined}
              onChange={(value) => update({ kind: value ?? null })}
              options={SEED_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
            />
          )}
          {type !== 'profile' && (
            <Select
              allowClear
              placeholder={t('browse.status')}
              aria-label={t('browse.status')}
              value={params.get('status') || undefined}
              onChange={(value) => update({ status: value ?? null })}
              options={['open', 'draft', 'closed', 'withdrawn', 'all'].map((status) => ({ value: status, label: t(`status.${status}`) }))}
            />
          )}
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('browse.organisation')}
            aria-label={t('browse.organisation')}
            value={filters.organisation_id || undefined}
            onChange={(value) => update({ organisation_id: value ?? null })}
            options={orgOptions}
            style={{ minWidth: 200 }}
          />
          <Space size={6}>
            <Switch size="small" checked={mine} onChange={(checked) => update({ mine: checked ? 'true' : null })} aria-label={t('browse.mine')} />
            <span>{t('browse.mine')}</span>
          </Space>
          {hasFilters && (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('browse.clear')}
            </Button>
          )}
        </div>
        {search.isError && <Alert type="error" showIcon title={errorMessage(search.error, t)} />}
        {search.data && (
          <Typography.Text type="secondary" data-testid="result-count">
            {t('browse.results', { count: search.data.total })}
          </Typography.Text>
        )}
        <HitList hits={search.data?.items} loading={search.isPending} empty={mine ? t('browse.emptyMine') : t('browse.empty')} testId="search-results" />
        {search.data && search.data.total > PAGE && (
          <Pagination
            style={{ marginTop: 12, textAlign: 'right' }}
            current={page}
            pageSize={PAGE}
            total={search.data.total}
            showSizeChanger={false}
            onChange={(next) => update({ page: String(next) })}
          />
        )}
      </Card>
    </div>
  );
}
