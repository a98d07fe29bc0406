// KPI (issue 18, docs/kpi.md): the funnel need → introduction → NDA → project → invention → product
// over a date range (the current fiscal year by default), with conversions and median days, and the
// centre's figures per month or fiscal year — each chart with its table and the CSV / Excel export.
import { Alert, Card, DatePicker, Select, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { ExportButtons } from '../../shell/ExportButtons';
import { useOrganisations } from '../people/api';
import { useFunnel, useSeries, type FunnelStep, type KpiQuery, type SeriesPoint } from './api';
import { Chart, type ChartOption } from './Chart';
import './kpi.css';
import { areasIn, days, fiscalYearRange, hours, orderedSteps, percent, STEPS, stagesIn, tokyoToday } from './model';
import { FilterSelect } from '../../shell/FilterSelect';

const AREAS = ['precision_medicine', 'stem_cell', 'microbiome', 'medical_device', 'other'];

export function KpiPage() {
  const { t, i18n } = useTranslation('kpi');
  const language = i18n.language;
  const { t: tx } = useTranslation('exchange');
  const { t: tp } = useTranslation('projects');
  const initial = fiscalYearRange(tokyoToday());
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [by, setBy] = useState<'month' | 'fiscal_year'>('month');
  const [area, setArea] = useState<string>();
  const [department, setDepartment] = useState<string>();
  const [company, setCompany] = useState<string>();
  const organisations = useOrganisations('all');
  const orgOptions = (kinds: string[]) =>
    (organisations.data ?? [])
      .filter((o) => kinds.includes(o.kind))
      .map((o) => ({ value: o.id, label: language === 'en' && o.name_en ? o.name_en : o.name_ja }))
      .sort((a, b) => a.label.localeCompare(b.label, language === 'en' ? 'en' : 'ja'));
  const query: KpiQuery = { from, to, by, area, department, company };
  const funnel = useFunnel(query);
  const series = useSeries(query);
  const steps = useMemo(() => orderedSteps(funnel.data?.steps ?? []), [funnel.data]);
  const points = useMemo(() => series.data?.points ?? [], [series.data]);
  const perAction = series.data?.minutes_per_action;
  const stepLabel = (name: string) => t(`steps.${name}`);

  // The steps as horizontal bars, first step on top: their lengths compare at a glance (a funnel
  // drawn with trapezoids reads wrongly when a later step outnumbers an earlier one).
  const funnelOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: steps.map((s) => t(`steps.${s.name}`)) },
      series: [{ type: 'bar', data: steps.map((s) => s.count), label: { show: true, position: 'right' }, barMaxWidth: 28 }],
    }),
    [steps, t],
  );

  const periods = points.map((p) => p.period);
  const bars = (names: { key: string; label: string; value: (p: SeriesPoint) => number | null }[], type: 'bar' | 'line' = 'bar'): ChartOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', minInterval: 1 },
    series: names.map((n) => ({ name: n.label, type, data: points.map(n.value), connectNulls: true })),
  });

  const activity = [
    { key: 'needs', label: t('series.needs'), value: (p: SeriesPoint) => p.needs },
    { key: 'seeds', label: t('series.seeds'), value: (p: SeriesPoint) => p.seeds },
    { key: 'introductions', label: t('series.introductions'), value: (p: SeriesPoint) => p.introductions },
    { key: 'projects_started', label: t('series.projectsStarted'), value: (p: SeriesPoint) => p.projects_started },
  ];
  const stages = stagesIn(points).map((s) => ({ key: `stage.${s}`, label: tp(`stage.${s}`), value: (p: SeriesPoint) => p.stages[s] ?? 0 }));
  const areas = areasIn(points).map((a) => ({
    key: `area.${a}`,
    label: a ? tx(`areas.${a}`, { defaultValue: a }) : t('series.noArea'),
    value: (p: SeriesPoint) => p.areas[a] ?? 0,
  }));
  const people = [
    { key: 'companies', label: t('series.companies'), value: (p: SeriesPoint) => p.companies },
    { key: 'clinicians', label: t('series.clinicians'), value: (p: SeriesPoint) => p.clinicians },
  ];
  const turnaround = [
    { key: 'contract', label: t('series.contractTurnaround'), value: (p: SeriesPoint) => p.contract_turnaround_days },
    { key: 'ethics', label: t('series.ethicsTurnaround'), value: (p: SeriesPoint) => p.ethics_turnaround_days },
  ];
  const saved = [{ key: 'hours', label: t('series.hoursSaved'), value: (p: SeriesPoint) => hours(p.minutes_saved) }];

  const funnelColumns: ColumnsType<FunnelStep> = [
    { title: t('table.step'), dataIndex: 'name', render: (name: string) => stepLabel(name) },
    { title: t('table.count'), dataIndex: 'count', align: 'right' },
    { title: t('table.conversion'), dataIndex: 'conversion', align: 'right', render: (v: number | null) => percent(v) },
    { title: t('table.medianDays'), dataIndex: 'median_days', align: 'right', render: (v: number | null) => days(v) },
  ];

  const exportQuery = { from, to, by, area, department, company };
  // The funnel over time: each step's count per period (with the filters).
  const funnelOverTime = STEPS.map((name) => ({
    key: `funnel.${name}`,
    label: stepLabel(name),
    value: (p: SeriesPoint) => p.funnel?.find((s) => s.name === name)?.count ?? 0,
  }));
  const section = (
    id: string,
    title: string,
    rows: { key: string; label: string; value: (p: SeriesPoint) => number | null }[],
    type: 'bar' | 'line' = 'bar',
  ) => {
    const columns: ColumnsType<SeriesPoint> = [
      { title: t('table.period'), dataIndex: 'period', fixed: 'left' },
      ...rows.map((r) => ({
        title: r.label,
        key: r.key,
        align: 'right' as const,
        render: (_: unknown, p: SeriesPoint) => {
          const v = r.value(p);
          return v === null ? '—' : v;
        },
      })),
    ];
    return (
      <Card
        key={id}
        title={title}
        size="small"
        className="kpi-card"
        data-testid={`kpi-${id}`}
        extra={<ExportButtons base="/api/kpi/export" query={exportQuery} testId={`kpi-${id}-export`} />}
      >
        {rows.length === 0 ? (
          <Typography.Text type="secondary">{t('empty')}</Typography.Text>
        ) : (
          <>
            <Chart option={bars(rows, type)} testId={`kpi-${id}-chart`} />
            <Table<SeriesPoint> size="small" rowKey="period" columns={columns} dataSource={points} pagination={false} scroll={{ x: true }} />
          </>
        )}
      </Card>
    );
  };

  return (
    <div className="page">
      <PageTitle>{t('title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('help')}</Typography.Paragraph>
      <div className="kpi-filters">
        <label className="kpi-filter">
          <span>{t('filters.range')}</span>
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            format="YYYY-MM-DD"
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) {
                setFrom(v[0].format('YYYY-MM-DD'));
                setTo(v[1].format('YYYY-MM-DD'));
              }
            }}
            data-testid="kpi-range"
          />
        </label>
        <label className="kpi-filter">
          <span>{t('filters.by')}</span>
          <Select
            value={by}
            onChange={setBy}
            options={[
              { value: 'month', label: t('filters.month') },
              { value: 'fiscal_year', label: t('filters.fiscalYear') },
            ]}
            data-testid="kpi-by"
          />
        </label>
        <FilterSelect
          className="kpi-filter"
          label={t('filters.area')}
          value={area}
          placeholder={t('filters.all')}
          onChange={setArea}
          options={AREAS.map((a) => ({ value: a, label: tx(`areas.${a}`) }))}
          testId="kpi-area"
        />
        <FilterSelect
          className="kpi-filter"
          label={t('filters.department')}
          search
          value={department}
          placeholder={t('filters.all')}
          onChange={setDepartment}
          options={orgOptions(['university', 'faculty', 'department', 'hospital', 'division'])}
          testId="kpi-department"
        />
        <FilterSelect
          className="kpi-filter"
          label={t('filters.company')}
          search
          value={company}
          placeholder={t('filters.all')}
          onChange={setCompany}
          options={orgOptions(['company'])}
          testId="kpi-company"
        />
      </div>
      {funnel.error && <Alert type="error" showIcon message={errorMessage(funnel.error, t)} />}
      {series.error && <Alert type="error" showIcon message={errorMessage(series.error, t)} />}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          title={t('funnel.title')}
          size="small"
          className="kpi-card"
          data-testid="kpi-funnel"
          extra={<ExportButtons base="/api/kpi/export" query={exportQuery} testId="kpi-funnel-export" />}
        >
          <Typography.Paragraph type="secondary">{t('funnel.help')}</Typography.Paragraph>
          {funnel.isPending ? (
            <Spin />
          ) : (
            <>
              <Chart option={funnelOption} height={300} testId="kpi-funnel-chart" />
              <Table<FunnelStep> size="small" rowKey="name" columns={funnelColumns} dataSource={steps} pagination={false} data-testid="kpi-funnel-table" />
            </>
          )}
        </Card>
        {series.isPending ? (
          <Spin />
        ) : (
          <>
            {section('funnel-over-time', t('sections.funnelOverTime'), funnelOverTime)}
            {section('activity', t('sections.activity'), activity)}
            {section('stages', t('sections.stages'), stages)}
            {section('areas', t('sections.areas'), areas)}
            {section('people', t('sections.people'), people)}
            {section('turnaround', t('sections.turnaround'), turnaround, 'line')}
            <Typography.Paragraph type="secondary" data-testid="kpi-estimate">
              {t('estimate', {
                contract: perAction?.contract_drafted ?? 0,
                ethics: perAction?.ethics_application ?? 0,
                coi: perAction?.coi_check ?? 0,
                invention: perAction?.invention_disclosure ?? 0,
              })}
            </Typography.Paragraph>
            {section('saved', t('sections.saved'), saved)}
          </>
        )}
      </Space>
    </div>
  );
}
