// The inventors of a disclosure and their shares, as one form field: each inventor with a share in
// whole percent and (optionally) whether a university or a company employs them; a search to add
// someone, a button to split the shares evenly again, and the running sum, which must reach 100.
import { Button, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { usePeople } from '../people/api';
import { EMPLOYERS, respread, sharesProblem, shareTotal, type Employer, type InventorRow, type SharesProblem } from './model';

export function sharesMessage(problem: SharesProblem, total: number, t: TFunction): string {
  return t(`inventors.problems.${problem}`, { total });
}

/** The validator a Form.Item of inventors uses (the same rules as the server's CheckInventors). */
export function inventorsRule(t: TFunction) {
  return {
    validator: (_: unknown, value: InventorRow[] | undefined) => {
      const rows = value ?? [];
      const problem = sharesProblem(rows);
      return problem ? Promise.reject(new Error(sharesMessage(problem, shareTotal(rows), t))) : Promise.resolve();
    },
  };
}

export function InventorsField({ value, onChange }: { value?: InventorRow[]; onChange?: (rows: InventorRow[]) => void }) {
  const { t } = useTranslation('ip');
  const language = currentLanguage();
  const rows = useMemo(() => value ?? [], [value]);
  const [q, setQ] = useState('');
  const people = usePeople({ q, active: 'true' }, { enabled: q.trim().length > 0 });
  const total = shareTotal(rows);
  const problem = sharesProblem(rows);
  const set = (next: InventorRow[]) => onChange?.(next);
  const update = (index: number, patch: Partial<InventorRow>) => set(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const chosen = new Set(rows.map((r) => r.person_id));
  const options = (people.data ?? [])
    .filter((p) => !chosen.has(p.id))
    .map((p) => ({ value: p.id, label: `${displayName(p, language)}${p.email ? ` (${p.email})` : ''}` }));

  return (
    <div className="ip-inventors" role="group" aria-label={t('form.inventors')} data-testid="ip-inventors">
      <ul className="ip-inventor-list">
        {rows.map((r, i) => {
          const name = displayName(r, language);
          return (
            <li key={r.person_id} className="ip-inventor-row" data-testid="ip-inventor-row">
              <span className="ip-inventor-name">{name}</span>
              <InputNumber<number>
                min={1}
                max={100}
                precision={0}
                value={r.share_percent}
                onChange={(v) => update(i, { share_percent: v ?? null })}
                suffix="%"
                style={{ width: 104 }}
                aria-label={t('inventors.shareOf', { name })}
                data-testid="ip-inventor-share"
              />
              <Select<Employer | ''>
                value={r.employer ?? ''}
                onChange={(v) => update(i, { employer: v || undefined })}
                options={[{ value: '', label: t('inventors.employerAuto') }, ...EMPLOYERS.map((e) => ({ value: e, label: t(`employers.${e}`) }))]}
                style={{ width: 150 }}
                aria-label={t('inventors.employerOf', { name })}
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => set(rows.filter((_, j) => j !== i))}
                aria-label={t('inventors.remove', { name })}
                data-testid="ip-inventor-remove"
              />
            </li>
          );
        })}
      </ul>
      <div className="ip-inventors-footer">
        <Select
          showSearch
          value={null}
          placeholder={t('inventors.add')}
          onSearch={setQ}
          filterOption={false}
          options={options}
          loading={people.isFetching}
          notFoundContent={q.trim() ? undefined : null}
          onChange={(id: string | null) => {
            const p = people.data?.find((x) => x.id === id);
            if (!p) return;
            setQ('');
            set([...rows, { person_id: p.id, name_ja: p.name_ja, name_en: p.name_en, share_percent: null }]);
          }}
          style={{ width: 260, maxWidth: '100%' }}
          aria-label={t('inventors.add')}
          data-testid="ip-inventor-add"
        />
        <Button onClick={() => set(respread(rows))} disabled={rows.length === 0} data-testid="ip-inventor-even">
          {t('inventors.even')}
        </Button>
        <Typography.Text type={problem === null ? 'success' : 'danger'} strong aria-live="polite" data-testid="ip-share-total">
          {t('inventors.total', { total })}
        </Typography.Text>
      </div>
    </div>
  );
}
