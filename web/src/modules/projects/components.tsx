// Small shared pieces of the project pages: stage tags, person picker, area names.
import { Select, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../shell/api';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useSearch, type Hit } from '../exchange/api';
import { usePeople } from '../people/api';
import type { Area, PersonRef } from './api';
import { stageIndex } from './model';

const STAGE_COLOURS = ['default', 'cyan', 'blue', 'geekblue', 'purple', 'magenta', 'orange', 'green'];

export function StageTag({ stage }: { stage: string }) {
  const { t } = useTranslation('projects');
  return <Tag color={STAGE_COLOURS[stageIndex(stage)] ?? 'default'}>{t(`stage.${stage}`)}</Tag>;
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation('projects');
  const colour = { proposed: 'gold', active: 'green', rejected: 'red', closed: 'default' }[status] ?? 'default';
  return <Tag color={colour}>{t(`status.${status}`)}</Tag>;
}

export function areaName(areas: Area[] | undefined, code: string | null | undefined, language: 'ja' | 'en') {
  if (!code) return '';
  const area = areas?.find((a) => a.code === code);
  return area ? displayName(area, language) : code;
}

export function PersonName({ person }: { person: PersonRef | null | undefined }) {
  return <>{displayName(person, currentLanguage())}</>;
}

/** Searches people by name, reading or e-mail (GET /api/people?q=), optionally of one role. */
export function PersonSelect({
  value,
  onChange,
  role,
  placeholder,
  testId,
  known,
}: {
  value?: string;
  onChange?: (value: string) => void;
  role?: string;
  placeholder?: string;
  testId?: string;
  known?: PersonRef[];
}) {
  const language = currentLanguage();
  const [q, setQ] = useState('');
  const people = usePeople({ q, role, active: 'true' });
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    const add = (p: Person | PersonRef, extra = '') => {
      if (seen.has(p.id)) return;
      seen.add(p.id);
      out.push({ value: p.id, label: displayName(p, language) + extra });
    };
    for (const p of people.data ?? []) add(p, 'email' in p && p.email ? ` (${p.email})` : '');
    for (const p of known ?? []) add(p);
    return out;
  }, [people.data, known, language]);
  return (
    <Select
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? '')}
      onSearch={setQ}
      filterOption={false}
      options={options}
      loading={people.isFetching}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}

export interface LinkOption {
  kind: 'need' | 'seed';
  id: string;
  title: string;
}

/** Option values "need:ID" / "seed:ID" from search hits (profiles left out), known ones kept. */
export function linkOptions(hits: readonly Hit[], known: readonly LinkOption[], label: (kind: string) => string) {
  const seen = new Set<string>();
  const out: { value: string; label: string }[] = [];
  const add = (kind: string, id: string, title: string) => {
    const value = `${kind}:${id}`;
    if (seen.has(value)) return;
    seen.add(value);
    out.push({ value, label: `[${label(kind)}] ${title}` });
  };
  for (const k of known) add(k.kind, k.id, k.title);
  for (const h of hits) if (h.type === 'need' || h.type === 'seed') add(h.type, h.id, 'title' in h.item ? h.item.title : h.id);
  return out;
}

/** Picks needs and seeds by title (the exchange's search: only what the viewer may see). */
export function LinkPicker({
  value,
  onChange,
  known,
  placeholder,
  testId,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  known?: LinkOption[];
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useTranslation('projects');
  const [q, setQ] = useState('');
  const search = useSearch({ q, limit: 10 });
  const options = useMemo(() => linkOptions(search.data?.items ?? [], known ?? [], (kind) => t(`links.${kind}`)), [search.data, known, t]);
  return (
    <Select
      mode="multiple"
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      onSearch={setQ}
      filterOption={false}
      options={options}
      loading={search.isFetching}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}
