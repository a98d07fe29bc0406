import { Alert, Checkbox, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffObjects, formatValue, type DiffRow } from './diff';

/** A field that holds a person's id (person_id, owner_id, decided_by, ...). */
const PERSON_FIELD = /(^|_)(person|owner|author|requester|organiser|pi)_id$|_by$/;

/**
 * Before and after side by side; rows whose value changed are highlighted. A redacted entry says why its contents are not shown.
 * `personName` turns a person's id in a person field into their name (the id stays in the cell's title).
 */
export function AuditDiff({
  before,
  after,
  redacted,
  personName,
}: {
  before: unknown;
  after: unknown;
  redacted?: string | null;
  personName?: (id: string) => string | undefined;
}) {
  const { t } = useTranslation('audit');
  // Before the early returns: a hook is called on every render, in the same order.
  const [changedOnly, setChangedOnly] = useState(false);
  const rows = diffObjects(before, after);
  if (redacted)
    return (
      <Alert type="info" showIcon message={t(`diff.redacted.${redacted === 'undeclared' ? 'undeclared' : 'not_entitled'}`)} data-testid="audit-redacted" />
    );
  const anyChanged = rows.some((row) => row.status !== 'unchanged');
  if (rows.length === 0) return <Typography.Text type="secondary">{t('diff.nothing')}</Typography.Text>;
  const shown = changedOnly ? rows.filter((row) => row.status !== 'unchanged') : rows;
  const cell = (key: string, value: unknown) => {
    const name = typeof value === 'string' && PERSON_FIELD.test(key) ? personName?.(value) : undefined;
    return name ? <pre title={value as string}>{name}</pre> : <pre>{formatValue(value)}</pre>;
  };

  return (
    <div className="audit-diff">
      <div className="audit-diff-toolbar">
        <Typography.Text type="secondary">
          <span className="diff-swatch" aria-hidden /> {t('diff.legend')}
        </Typography.Text>
        {anyChanged && before !== null && after !== null && (
          <Checkbox checked={changedOnly} onChange={(event) => setChangedOnly(event.target.checked)}>
            {t('diff.changedOnly')}
          </Checkbox>
        )}
      </div>
      <table className="audit-diff-table">
        <thead>
          <tr>
            <th>{t('diff.field')}</th>
            <th>{t('diff.before')}</th>
            <th>{t('diff.after')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row: DiffRow) => (
            <tr key={row.key} className={`diff-row diff-${row.status}`} data-key={row.key} data-changed={row.status !== 'unchanged'}>
              <th scope="row" title={row.key}>
                {t(`fields.${row.key}`, { defaultValue: '' }) || <code className="diff-key">{row.key}</code>}
              </th>
              <td className="diff-before">{cell(row.key, row.before)}</td>
              <td className="diff-after">{cell(row.key, row.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
