// My yearly conflict-of-interest declaration: one click for "nothing to declare", or rows of
// relationships with companies, pre-filled from last year, with a live comparison against the
// thresholds before filing.
import { Alert, App, Button, Card, Empty, Input, InputNumber, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { coiApi, useCoiMutation, useMyDeclaration, useOrganisations } from './api';
import {
  amountMatters,
  CATEGORIES,
  filledRows,
  fiscalYearFromSearch,
  fiscalYearOf,
  formatYen,
  newRow,
  preview,
  resolvedCompany,
  rowProblems,
  rowsFromPrefill,
  toPayload,
  type Category,
  type OrgNode,
  type RelationshipRow,
} from './model';

export function DeclarationPage() {
  const { t } = useTranslation('coi');
  const language = currentLanguage();
  const { message, modal } = App.useApp();
  const location = useLocation();
  const current = fiscalYearOf(new Date());
  const [year, setYear] = useState(() => fiscalYearFromSearch(location.search, current));
  const mine = useMyDeclaration(year);
  const orgs = useOrganisations();
  const [rows, setRows] = useState<RelationshipRow[]>([]);
  const [prefilledFrom, setPrefilledFrom] = useState<number | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  // Load the form from each new copy of the server's answer: this year's rows, or last year's
  // answers when nothing is filed yet. (Set while rendering, as React's "adjusting state when a
  // prop changes" does, rather than in an effect one render later.)
  const [loadedFrom, setLoadedFrom] = useState<typeof mine.data>(undefined);
  if (mine.data !== loadedFrom) {
    const data = mine.data;
    setLoadedFrom(data);
    if (data) {
      if (data.declaration) {
        setRows(rowsFromPrefill(data.declaration.relationships));
        setPrefilledFrom(null);
      } else {
        setRows(rowsFromPrefill(data.prefill));
        setPrefilledFrom(data.prefill.length ? data.prefill_from : null);
      }
      setProblems([]);
    }
  }

  const orgMap = useMemo(() => {
    const m = new Map<string, OrgNode>();
    for (const o of orgs.data?.items ?? []) m.set(o.id, { id: o.id, parent_id: o.parent_id, kind: o.kind });
    return m;
  }, [orgs.data]);
  const companyOptions = useMemo(
    () =>
      (orgs.data?.items ?? [])
        .filter((o) => o.active && (o.kind === 'company' || (o.kind === 'division' && o.parent_id && orgMap.get(o.parent_id)?.kind === 'company')))
        .map((o) => {
          const parent = o.parent_id ? orgs.data?.items.find((p) => p.id === o.parent_id) : undefined;
          const label = parent && o.kind === 'division' ? `${displayName(parent, language)} ${displayName(o, language)}` : displayName(o, language);
          return { value: o.id, label };
        })
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [orgs.data, orgMap, language],
  );
  const orgName = (id: string) => {
    const o = orgs.data?.items.find((x) => x.id === id);
    return o ? displayName(o, language) : id;
  };

  const nothing = useCoiMutation((fy: number) => coiApi.nothing(fy));
  const file = useCoiMutation((v: { fy: number; rows: RelationshipRow[] }) => coiApi.file(v.fy, false, toPayload(v.rows)));

  const thresholds = mine.data?.thresholds ?? [];
  const lines = preview(rows, thresholds, orgMap);
  const declaration = mine.data?.declaration ?? null;

  const update = (key: string, patch: Partial<RelationshipRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const onNothing = async () => {
    try {
      await nothing.mutateAsync(year);
      void message.success(t('mine.nothingDone'));
      void mine.refetch();
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  // "Nothing to declare" files no relationships: the rows in the form (last year's, or typed) go.
  // Ask first when there are any, saying which.
  const confirmNothing = () => {
    const filled = filledRows(rows);
    if (filled.length === 0) {
      void onNothing();
      return;
    }
    const companyLabel = (r: RelationshipRow) =>
      r.organisation_id
        ? (companyOptions.find((o) => o.value === r.organisation_id)?.label ?? orgName(r.organisation_id))
        : r.company_name.trim() || t('mine.discardNoCompany');
    modal.confirm({
      title: t('mine.discardTitle'),
      content: (
        <div data-testid="coi-discard">
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('mine.discardText', { count: filled.length })}</Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {filled.map((r) => (
              <li key={r.key}>
                {[
                  companyLabel(r),
                  r.category ? t(`category.${r.category}`) : t('mine.discardNoCategory'),
                  ...(r.amount_yen !== null ? [formatYen(r.amount_yen, language)] : []),
                ].join(' · ')}
              </li>
            ))}
          </ul>
        </div>
      ),
      okText: t('mine.discardOk'),
      okButtonProps: { danger: true },
      cancelText: t('mine.discardCancel'),
      onOk: () => onNothing(),
    });
  };

  const onSubmit = async () => {
    const found = rowProblems(rows);
    if (rows.length === 0) {
      setProblems([t('mine.empty')]);
      return;
    }
    if (found.size) {
      setProblems([...found.entries()].map(([i, what]) => t(`mine.problem.${what}`, { row: i + 1 })));
      return;
    }
    setProblems([]);
    try {
      await file.mutateAsync({ fy: year, rows });
      void message.success(t('mine.saved'));
      void mine.refetch();
    } catch (error) {
      setProblems([errorMessage(error, t)]);
    }
  };

  const yearOptions = [current - 1, current, current + 1].map((y) => ({ value: y, label: t('fy', { year: y }) }));

  return (
    <div className="page">
      <PageTitle extra={<Segmented<number> value={year} onChange={setYear} options={yearOptions} data-testid="coi-year" />}>{t('mine.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('mine.intro')}</Typography.Paragraph>
      {mine.isPending ? (
        <Spin />
      ) : mine.isError ? (
        <Alert type="error" showIcon message={errorMessage(mine.error, t)} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card data-testid="coi-status">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>{t('fyRange', { year, next: year + 1 })}</Typography.Text>
              {declaration ? (
                <Alert
                  type="success"
                  showIcon
                  icon={<CheckCircleOutlined />}
                  message={
                    declaration.nothing_to_declare
                      ? t('mine.filedNothing', { at: formatDateTime(declaration.updated_at, language) })
                      : t('mine.filed', { at: formatDateTime(declaration.updated_at, language) })
                  }
                />
              ) : (
                <Alert type="warning" showIcon message={t('mine.notFiled', { year })} />
              )}
              {(!declaration || declaration.nothing_to_declare) && (
                <Space wrap>
                  <Button
                    type="primary"
                    size="large"
                    icon={<CheckCircleOutlined />}
                    loading={nothing.isPending}
                    disabled={!!declaration?.nothing_to_declare}
                    onClick={confirmNothing}
                    data-testid="coi-nothing"
                  >
                    {t('mine.nothing')}
                  </Button>
                  <Typography.Text type="secondary">{t('mine.nothingHelp')}</Typography.Text>
                </Space>
              )}
            </Space>
          </Card>

          <Card title={t('mine.relationships')}>
            {prefilledFrom !== null && <Alert type="info" showIcon message={t('mine.prefilled', { year: prefilledFrom })} style={{ marginBottom: 12 }} />}
            <ResponsiveTable<RelationshipRow>
              rowKey="key"
              stacked
              cardTitle={(_, i) => t('mine.rowTitle', { n: i + 1 })}
              cardTestId="coi-row"
              size="small"
              pagination={false}
              dataSource={rows}
              locale={{ emptyText: <Empty description={t('mine.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              scroll={{ x: 900 }}
              columns={[
                {
                  key: 'company',
                  title: t('mine.company'),
                  width: 300,
                  render: (_, r, i) => (
                    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
                      <Select
                        showSearch
                        allowClear
                        optionFilterProp="label"
                        placeholder={t('mine.companyPlaceholder')}
                        value={r.organisation_id ?? undefined}
                        options={companyOptions}
                        onChange={(v: string | undefined) => update(r.key, { organisation_id: v ?? null })}
                        style={{ width: '100%' }}
                        aria-label={`${t('mine.company')} ${i + 1}`}
                        data-testid={`coi-company-${i}`}
                      />
                      {!r.organisation_id && (
                        <Input
                          placeholder={t('mine.otherCompany')}
                          value={r.company_name}
                          maxLength={200}
                          onChange={(e) => update(r.key, { company_name: e.target.value })}
                          aria-label={`${t('mine.otherCompany')} ${i + 1}`}
                        />
                      )}
                      <ResolvedHint row={r} index={i} />
                    </Space>
                  ),
                },
                {
                  key: 'category',
                  title: t('mine.categoryLabel'),
                  width: 220,
                  render: (_, r, i) => (
                    <Select<Category>
                      value={r.category || undefined}
                      options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                      onChange={(v) => update(r.key, { category: v })}
                      style={{ width: '100%' }}
                      aria-label={`${t('mine.categoryLabel')} ${i + 1}`}
                      data-testid={`coi-category-${i}`}
                    />
                  ),
                },
                {
                  key: 'amount',
                  title: t('mine.amount'),
                  width: 170,
                  render: (_, r, i) => (
                    <InputNumber<number>
                      min={0}
                      step={10000}
                      precision={0}
                      value={r.amount_yen}
                      placeholder={amountMatters(r.category, thresholds) ? '' : t('mine.amountAny')}
                      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : Number(v).toLocaleString('ja-JP'))}
                      parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
                      onChange={(v) => update(r.key, { amount_yen: v ?? null })}
                      style={{ width: '100%' }}
                      aria-label={`${t('mine.amount')} ${i + 1}`}
                      data-testid={`coi-amount-${i}`}
                    />
                  ),
                },
                {
                  key: 'note',
                  title: t('mine.note'),
                  render: (_, r, i) => (
                    <Input value={r.note} maxLength={500} onChange={(e) => update(r.key, { note: e.target.value })} aria-label={`${t('mine.note')} ${i + 1}`} />
                  ),
                },
                {
                  key: 'remove',
                  card: 'actions',
                  width: 60,
                  render: (_, r) => (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('mine.remove')}
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    />
                  ),
                },
              ]}
            />
            <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, newRow()])} style={{ marginTop: 12 }} data-testid="coi-add-row">
              {t('mine.add')}
            </Button>

            {lines.length > 0 && (
              <div style={{ marginTop: 16 }} data-testid="coi-preview">
                <Typography.Text strong>{t('mine.preview')}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('mine.previewHelp')}
                </Typography.Paragraph>
                <Space orientation="vertical" size={4}>
                  {lines.map((l) => (
                    <Space key={`${l.root ?? l.name}|${l.category}`} wrap>
                      <Tag color={l.crossed ? 'red' : 'default'}>{l.crossed ? t('mine.crosses') : t('mine.below')}</Tag>
                      <span>{l.root ? orgName(l.root) : l.name}</span>
                      <span>· {t(`category.${l.category}`)}</span>
                      <span>· {formatYen(l.total_yen, language)}</span>
                    </Space>
                  ))}
                </Space>
              </div>
            )}

            {problems.length > 0 && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 16 }}
                message={problems.map((p) => (
                  <div key={p}>{p}</div>
                ))}
                data-testid="coi-problems"
              />
            )}
            <div style={{ marginTop: 16 }}>
              <Button type="primary" onClick={() => void onSubmit()} loading={file.isPending} data-testid="coi-submit">
                {declaration && !declaration.nothing_to_declare ? t('mine.update') : t('mine.submit')}
              </Button>
            </div>
          </Card>

          <Card title={t('mine.thresholds')} size="small">
            <Space wrap>
              {thresholds.map((th) => (
                <Tag key={th.category}>
                  {t(`category.${th.category}`)}:{' '}
                  {th.rule === 'amount' ? t('mine.atLeast', { amount: formatYen(th.amount_yen, language) }) : t(`rule.${th.rule}`)}
                </Tag>
              ))}
            </Space>
          </Card>
        </Space>
      )}
    </div>
  );
}

/** Under a free-text company: the registered company the server counts it as, if any. */
function ResolvedHint({ row, index }: { row: RelationshipRow; index: number }) {
  const { t } = useTranslation('coi');
  const resolved = resolvedCompany(row);
  if (!resolved) return null;
  return (
    <Typography.Text type="secondary" data-testid={`coi-resolved-${index}`}>
      {t('mine.resolved', { name: displayName(resolved, currentLanguage()) })}
    </Typography.Text>
  );
}
