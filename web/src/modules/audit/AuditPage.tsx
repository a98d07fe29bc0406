import { Button, Input, Segmented, Select, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FilterOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { compareNames, displayName, formatDateTime, nameSortKey } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { usePeople } from '../people/api';
import { useAuditLog, type AuditEntry, type AuditFilters, type AuditShown } from './api';
import { AuditDiff } from './AuditDiff';
import { AUDIT_ENTITIES, entityLink, personLink } from './links';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

const SHOWN: AuditShown[] = ['changes', 'reads', 'all'];

const ACTION_COLOURS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  deactivate: 'red',
  reactivate: 'cyan',
  password_reset: 'orange',
  password_change: 'gold',
  read: 'purple',
};

/** A readable name for the record an entry is about: the server's name for it, else its after (or before) state. */
function targetName(entry: AuditEntry, language: 'ja' | 'en') {
  if (entry.entity_name) return displayName(entry.entity_name, language);
  const state = (entry.after ?? entry.before ?? {}) as Record<string, unknown>;
  const named = {
    name_ja: typeof state.name_ja === 'string' ? state.name_ja : undefined,
    name_en: typeof state.name_en === 'string' ? state.name_en : undefined,
  };
  return displayName(named, language) || (typeof state.email === 'string' ? state.email : '');
}

export function AuditPage() {
  const { t } = useTranslation(['audit', 'shell']);
  const language = currentLanguage();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entityIdText, setEntityIdText] = useState('');
  const log = useAuditLog(filters);
  const people = usePeople({ active: 'all' });

  const entries = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);

  const actorOptions = useMemo(() => {
    const byId = new Map<string, { id: string; name_ja: string; name_en: string; name_kana?: string }>();
    for (const person of people.data ?? []) byId.set(person.id, person);
    for (const entry of entries) if (entry.actor && !byId.has(entry.actor.id)) byId.set(entry.actor.id, entry.actor);
    return [...byId.values()]
      .sort((a, b) => compareNames(nameSortKey(a, language), nameSortKey(b, language), language))
      .map((person) => ({ value: person.id, label: displayName(person, language) }));
  }, [people.data, entries, language]);

  const personNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const person of people.data ?? []) names.set(person.id, displayName(person, language));
    for (const entry of entries) if (entry.actor) names.set(entry.actor.id, displayName(entry.actor, language));
    return names;
  }, [people.data, entries, language]);

  const update = (change: Partial<AuditFilters>) => {
    setFilters((previous) => {
      const next = { ...previous, ...change };
      for (const key of Object.keys(next) as (keyof AuditFilters)[]) if (!next[key]) delete next[key];
      return next;
    });
  };

  const columns: ColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.at'),
      width: 190,
      render: (_, entry) => <span className="nowrap">{formatDateTime(entry.at, language)}</span>,
    },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, entry) =>
        entry.actor ? (
          <Link to={personLink(entry.actor.id)} onClick={(event) => event.stopPropagation()}>
            {displayName(entry.actor, language) || entry.actor.id}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, entry) => <Tag color={ACTION_COLOURS[entry.action] ?? 'default'}>{t(`actions.${entry.action}`, { defaultValue: entry.action })}</Tag>,
    },
    {
      key: 'entity',
      title: t('audit.entity'),
      render: (_, entry) => t(`entities.${entry.entity}`, { defaultValue: entry.entity }),
    },
    {
      key: 'target',
      title: t('audit.target'),
      render: (_, entry) => {
        const name = targetName(entry, language);
        const link = entityLink(entry.entity, entry.entity_id);
        return (
          <span className="audit-target">
            <span>
              {name && link && !entry.redacted ? (
                <Link to={link} onClick={(event) => event.stopPropagation()}>
                  {name}
                </Link>
              ) : (
                name || <span className="mono">{entry.entity_id}</span>
              )}
            </span>
            <Tooltip title={`${t('audit.onlyThis')} (${entry.entity_id})`}>
              <Button
                type="text"
                size="small"
                icon={<FilterOutlined />}
                aria-label={t('audit.onlyThis')}
                className="audit-only-this"
                onClick={(event) => {
                  event.stopPropagation();
                  setEntityIdText(entry.entity_id);
                  update({ entity: entry.entity, entity_id: entry.entity_id });
                }}
              />
            </Tooltip>
          </span>
        );
      },
    },
  ];

  return (
    <div className="page">
      <PageTitle>{t('audit.title')}</PageTitle>
      <Typography.Paragraph type="secondary">
        {t('audit.intro')}
        {(filters.shown ?? 'changes') === 'changes' && (language === 'ja' ? '' : ' ') + t('audit.readsHint')}
      </Typography.Paragraph>
      <div className="filter-bar">
        <Segmented<AuditShown>
          value={filters.shown ?? 'changes'}
          onChange={(shown) => update({ shown: shown === 'changes' ? undefined : shown })}
          options={SHOWN.map((value) => ({ value, label: t(`audit.shownOptions.${value}`) }))}
          aria-label={t('audit.shownLabel')}
          data-testid="audit-shown"
        />
        <Select
          allowClear
          placeholder={t('audit.filterEntity')}
          value={filters.entity}
          onChange={(entity) => update({ entity })}
          options={AUDIT_ENTITIES.map((value) => ({ value, label: t(`entities.${value}`) }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          aria-label={t('audit.filterEntity')}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.filterEntityId')}
          value={entityIdText}
          onChange={(event) => setEntityIdText(event.target.value)}
          onSearch={(value) => update({ entity_id: value.trim() })}
          style={{ width: 260 }}
          aria-label={t('audit.filterEntityId')}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filterActor')}
          value={filters.actor_id}
          onChange={(actor_id) => update({ actor_id })}
          options={actorOptions}
          style={{ width: 220 }}
          aria-label={t('audit.filterActor')}
        />
        {Object.keys(filters).length > 0 && (
          <Button
            onClick={() => {
              setEntityIdText('');
              setFilters({});
            }}
          >
            {t('audit.clearFilters')}
          </Button>
        )}
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
          {log.data ? t('audit.shown', { count: entries.length }) : null}
        </Typography.Text>
      </div>
      <ResponsiveTable<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={entries}
        loading={log.isLoading || (log.isFetching && !log.isFetchingNextPage)}
        pagination={false}
        expandable={{
          expandedRowRender: (entry) => (
            <AuditDiff before={entry.before} after={entry.after} redacted={entry.redacted} personName={(id) => personNames.get(id)} />
          ),
          expandRowByClick: true,
        }}
        locale={{ emptyText: log.isError ? errorMessage(log.error, t) : t('audit.empty') }}
        scroll={{ x: 900 }}
        data-testid="audit-table"
      />
      <div className="load-more">
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="audit-load-more">
            {t('audit.loadMore')}
          </Button>
        ) : entries.length > 0 ? (
          <Typography.Text type="secondary">{t('audit.end')}</Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
