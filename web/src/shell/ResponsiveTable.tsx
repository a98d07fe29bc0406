// A list that is a table on a wide screen and a list of cards on a phone. The cards use the same
// column definitions: the title column (`card: 'title'`, else the first) heads the card, the others
// follow as "label: value" lines, `card: 'actions'` columns (and those without a heading) sit at the
// bottom, `card: 'hidden'` columns are left out. Row clicks, empty text, loading, client-side pagination and expandable rows
// work in both forms.
import { Button, Empty, Pagination, Spin, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useState, type Key, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from './responsive';

export type ResponsiveColumn<T> = ColumnType<T> & {
  /** How the column shows in a card: its heading, a button row at the bottom, or not at all. */
  card?: 'title' | 'actions' | 'hidden';
};

export type ResponsiveTableProps<T> = Omit<TableProps<T>, 'columns'> & {
  columns: ResponsiveColumn<T>[];
  /** data-testid of each card on a phone. */
  cardTestId?: string;
  /** A heading for each card instead of the title column (then every column is a field). */
  cardTitle?: (record: T, index: number) => ReactNode;
  /** Labels above their values, full width (forms: inputs need the card's width). */
  stacked?: boolean;
};

function valueAt(record: unknown, dataIndex: ColumnType<unknown>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  let value: unknown = record;
  for (const step of path) value = value == null ? undefined : (value as Record<string | number, unknown>)[step as string];
  return value;
}

function cell<T>(column: ResponsiveColumn<T>, record: T, index: number): ReactNode {
  const value = valueAt(record, column.dataIndex as ColumnType<unknown>['dataIndex']);
  if (column.render) {
    const rendered = column.render(value, record, index) as unknown;
    // A render may return { children, props } (row/col spans in a table); a card wants the children.
    if (rendered && typeof rendered === 'object' && 'children' in (rendered as object) && 'props' in (rendered as object))
      return (rendered as { children: ReactNode }).children;
    return rendered as ReactNode;
  }
  return value as ReactNode;
}

function isEmpty(node: ReactNode) {
  return node === null || node === undefined || node === false || node === '';
}

function keyOf<T>(rowKey: TableProps<T>['rowKey'], record: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(record, index) as Key;
  if (typeof rowKey === 'string') return (record as Record<string, Key>)[rowKey];
  return ((record as Record<string, Key>).key ?? index) as Key;
}

export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const phone = useIsPhone();
  if (!phone || props.rowSelection) return <Table<T> {...(props as TableProps<T>)} />;
  return <CardList {...props} />;
}

function CardList<T extends object>({
  columns,
  dataSource,
  rowKey,
  loading,
  locale,
  pagination,
  onRow,
  rowClassName,
  expandable,
  cardTestId,
  cardTitle,
  stacked,
  className,
  ...rest
}: ResponsiveTableProps<T>) {
  const { t } = useTranslation('shell');
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<Set<Key>>(new Set());
  const rows = [...(dataSource ?? [])];
  const pageSize = pagination && typeof pagination === 'object' && pagination.pageSize ? pagination.pageSize : rows.length || 1;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(page, pages);
  const shown = rows.slice((current - 1) * pageSize, current * pageSize);

  // A column without a heading holds buttons (or a checkbox): they go to the card's bottom row.
  const role = (column: ResponsiveColumn<T>) => column.card ?? (isEmpty(column.title as ReactNode) ? 'actions' : undefined);
  const visible = columns.filter((column) => role(column) !== 'hidden' && !column.hidden);
  const titleColumn = cardTitle ? undefined : (visible.find((column) => role(column) === 'title') ?? visible.find((column) => role(column) !== 'actions'));
  const fields = visible.filter((column) => column !== titleColumn && role(column) !== 'actions');
  const actions = visible.filter((column) => role(column) === 'actions');
  const spinning = typeof loading === 'object' ? !!loading.spinning : !!loading;
  const testId = (rest as { 'data-testid'?: string })['data-testid'];

  return (
    <Spin spinning={spinning}>
      <div className={`card-list ${className ?? ''}`} data-testid={testId} role="list">
        {shown.length === 0 && !spinning && (
          <div className="card-list-empty">
            {typeof locale?.emptyText === 'function' ? locale.emptyText() : (locale?.emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />)}
          </div>
        )}
        {shown.map((record, offset) => {
          const index = (current - 1) * pageSize + offset;
          const key = keyOf(rowKey, record, index);
          const handlers = onRow?.(record, index) ?? {};
          const extraClass = typeof rowClassName === 'function' ? rowClassName(record, index, 0) : (rowClassName ?? '');
          const canExpand = !!expandable?.expandedRowRender && (expandable.rowExpandable?.(record) ?? true);
          const open = expanded.has(key);
          const title = cardTitle ? cardTitle(record, index) : titleColumn ? cell(titleColumn, record, index) : null;
          return (
            <div
              key={key}
              role="listitem"
              className={`card-list-item ${handlers.onClick ? 'card-list-clickable' : ''} ${extraClass}`}
              data-testid={cardTestId}
              onClick={handlers.onClick as never}
            >
              {!isEmpty(title) && <div className="card-list-title">{title}</div>}
              {fields.length > 0 && (
                <dl className={stacked ? 'card-list-fields card-list-stacked' : 'card-list-fields'}>
                  {fields.map((column, i) => {
                    const value = cell(column, record, index);
                    if (isEmpty(value)) return null;
                    const label = typeof column.title === 'function' ? null : column.title;
                    return (
                      <div key={String(column.key ?? column.dataIndex ?? i)} className="card-list-field">
                        {!isEmpty(label) && <dt>{label}</dt>}
                        <dd>{value}</dd>
                      </div>
                    );
                  })}
                </dl>
              )}
              {actions.length > 0 && (
                <div className="card-list-actions" onClick={(event) => event.stopPropagation()}>
                  {actions.map((column, i) => (
                    <span key={String(column.key ?? i)}>{cell(column, record, index)}</span>
                  ))}
                </div>
              )}
              {canExpand && (
                <div className="card-list-expand" onClick={(event) => event.stopPropagation()}>
                  <Button
                    type="link"
                    size="small"
                    aria-expanded={open}
                    onClick={() => {
                      setExpanded((was) => {
                        const next = new Set(was);
                        if (next.has(key)) next.delete(key);
                        else next.add(key);
                        return next;
                      });
                      expandable?.onExpand?.(!open, record);
                    }}
                  >
                    {open ? t('list.less') : t('list.more')}
                  </Button>
                  {open && <div className="card-list-expanded">{expandable!.expandedRowRender!(record, index, 0, open)}</div>}
                </div>
              )}
            </div>
          );
        })}
      </div>
      {pages > 1 && (
        <div className="card-list-pagination">
          <Pagination simple current={current} pageSize={pageSize} total={rows.length} onChange={setPage} />
        </div>
      )}
    </Spin>
  );
}
