// The centre's budget (issue 18, docs/budget.md): per fiscal year the plan per strategic area, the
// projects' allocations and their spending as a bar chart with its table, each project with its
// status (warnings for those over), the spending lines with entry, editing and the CSV import (a
// preview with every bad row first), and the budget changes, each with its approval chain (稟議):
// where it stands, its timeline, and approve / send back for its current approver.
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { type Key, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { ExportButtons } from '../../shell/ExportButtons';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { Chart, type ChartOption } from '../kpi/Chart';
import {
  budgetApi,
  sendCsv,
  useBudgetAction,
  useChanges,
  useOverview,
  useSpending,
  type AreaLine,
  type Change,
  type Imported,
  type Preview,
  type ProjectLine,
  type Spending,
} from './api';
import { ChangeChain, ChangeStatusTag } from './ChangeChain';
import { CATEGORIES, chartSeries, fiscalYearChoices, fiscalYearOf, formatYen, HEALTH_COLOURS, tokyoToday, type Category, type Health } from './model';

function titleOf(item: { title_ja?: string; title_en?: string; project_title_ja?: string; project_title_en?: string }, language: 'ja' | 'en') {
  const ja = item.title_ja ?? item.project_title_ja ?? '';
  const en = item.title_en ?? item.project_title_en ?? '';
  return language === 'en' && en ? en : ja;
}

export function HealthTag({ health }: { health: Health }) {
  const { t } = useTranslation('budget');
  return (
    <Tag color={HEALTH_COLOURS[health]} data-testid={`health-${health}`}>
      {t(`status.${health}`)}
    </Tag>
  );
}

export function BudgetPage({ me }: { me: Me }) {
  const { t } = useTranslation('budget');
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const current = fiscalYearOf(tokyoToday());
  const fy = Number(params.get('fy')) || current;
  const overview = useOverview(fy);
  const linked = params.get('change') ?? '';
  const [tab, setTab] = useState(linked ? 'changes' : 'overview');
  // Another inbox link followed while the page is open (/budget?change=…) shows the changes again.
  const [shownLink, setShownLink] = useState(linked);
  if (linked !== shownLink) {
    setShownLink(linked);
    if (linked) setTab('changes');
  }
  const mayWrite = overview.data?.may_write ?? false;
  const mayAsk = me.roles.includes('office');

  const setYear = (year: number) => {
    const next = new URLSearchParams(params);
    next.set('fy', String(year));
    setParams(next, { replace: true });
  };

  const over = (overview.data?.projects ?? []).filter((p) => p.status === 'over');
  return (
    <div data-testid="budget-page">
      <PageTitle
        extra={
          <Space wrap>
            <Select
              data-testid="budget-year"
              value={fy}
              style={{ width: 140 }}
              onChange={setYear}
              options={fiscalYearChoices(current).map((year) => ({ value: year, label: t('fiscalYear', { year }) }))}
            />
            <ExportButtons base="/api/budget/overview" query={{ fiscal_year: fy }} testId="budget-export" />
          </Space>
        }
      >
        {t('title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">
        {t('intro')} {overview.data ? t('fiscalYearRange', { from: overview.data.from, to: overview.data.to }) : null}
      </Typography.Paragraph>
      {overview.isError ? <Alert type="error" showIcon title={errorMessage(overview.error, t)} /> : null}
      {over.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="budget-over-warning"
          title={t('warning.over', { count: over.length })}
          description={over.map((p) => titleOf(p, language)).join('、')}
        />
      ) : null}
      {overview.data && overview.data.pending_changes > 0 ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('warning.pending', { count: overview.data.pending_changes })} />
      ) : null}
      {!overview.data ? (
        <Spin />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'overview',
              label: t('tabs.overview'),
              children: <OverviewTab areas={overview.data.areas} total={overview.data.total} projects={overview.data.projects} fy={fy} mayWrite={mayWrite} />,
            },
            { key: 'spending', label: t('tabs.spending'), children: <SpendingTab fy={fy} projects={overview.data.projects} mayWrite={mayWrite} /> },
            {
              key: 'changes',
              label: t('tabs.changes'),
              children: <ChangesTab fy={fy} projects={overview.data.projects} mayAsk={mayAsk} highlight={linked} />,
            },
          ]}
        />
      )}
    </div>
  );
}

function OverviewTab({ areas, total, projects, fy, mayWrite }: { areas: AreaLine[]; total: AreaLine; projects: ProjectLine[]; fy: number; mayWrite: boolean }) {
  const { t } = useTranslation('budget');
  const language = currentLanguage();
  const [planning, setPlanning] = useState(false);
  const option = useMemo<ChartOption>(() => {
    const s = chartSeries(areas, language);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatYen(Number(v), language) },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: s.categories, axisLabel: { interval: 0, width: 110, overflow: 'break' } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (language === 'ja' ? `${v / 10000}万` : `${v / 1000000}M`) } },
      series: [
        { name: t('series.planned'), type: 'bar', data: s.planned, itemStyle: { color: '#91caff' } },
        { name: t('series.allocated'), type: 'bar', data: s.allocated, itemStyle: { color: '#1677ff' } },
        { name: t('series.spent'), type: 'bar', data: s.spent, itemStyle: { color: '#fa8c16' } },
      ],
    };
  }, [areas, language, t]);
  const areaColumns: ColumnsType<AreaLine> = [
    {
      key: 'area',
      title: t('column.area'),
      render: (_, a) => (a.area_code === 'total' ? <strong>{t('total')}</strong> : language === 'en' && a.name_en ? a.name_en : a.name_ja),
    },
    { key: 'planned', title: t('column.planned'), align: 'right', render: (_, a) => formatYen(a.planned_yen, language) },
    { key: 'allocated', title: t('column.allocated'), align: 'right', render: (_, a) => formatYen(a.allocated_yen, language) },
    { key: 'spent', title: t('column.spent'), align: 'right', render: (_, a) => formatYen(a.spent_yen, language) },
    { key: 'remaining', title: t('column.remaining'), align: 'right', render: (_, a) => formatYen(a.allocated_yen - a.spent_yen, language) },
  ];
  const areaName = (code: string) => {
    const a = areas.find((x) => x.area_code === code);
    return a ? (language === 'en' && a.name_en ? a.name_en : a.name_ja) : code;
  };
  const projectColumns: ColumnsType<ProjectLine> = [
    { key: 'project', title: t('column.project'), render: (_, p) => <Link to={`/projects/${p.project_id}`}>{titleOf(p, language)}</Link> },
    { key: 'area', title: t('column.area'), render: (_, p) => areaName(p.area_code) },
    { key: 'allocated', title: t('column.allocated'), align: 'right', render: (_, p) => formatYen(p.allocated_yen, language) },
    { key: 'spent', title: t('column.spent'), align: 'right', render: (_, p) => formatYen(p.spent_yen, language) },
    {
      key: 'remaining',
      title: t('column.remaining'),
      align: 'right',
      render: (_, p) => <span style={{ color: p.remaining_yen < 0 ? '#cf1322' : undefined }}>{formatYen(p.remaining_yen, language)}</span>,
    },
    { key: 'status', title: t('column.status'), render: (_, p) => <HealthTag health={p.status} /> },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        size="small"
        extra={
          mayWrite ? (
            <Button onClick={() => setPlanning(true)} data-testid="budget-plan">
              {t('action.plan')}
            </Button>
          ) : null
        }
      >
        <Chart option={option} height={300} testId="budget-chart" />
        <Table size="small" rowKey="area_code" pagination={false} dataSource={[...areas, total]} columns={areaColumns} data-testid="budget-areas" />
      </Card>
      <Card size="small" title={t('column.project')}>
        <Table
          size="small"
          rowKey="project_id"
          pagination={false}
          dataSource={projects}
          columns={projectColumns}
          data-testid="budget-projects"
          scroll={{ x: true }}
        />
      </Card>
      {planning ? <PlanModal fy={fy} areas={areas} onClose={() => setPlanning(false)} /> : null}
    </Space>
  );
}

function PlanModal({ fy, areas, onClose }: { fy: number; areas: AreaLine[]; onClose: () => void }) {
  const { t } = useTranslation('budget');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<{ area_code: string; amount_yen: number }>();
  const save = useBudgetAction(budgetApi.setPlan);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync({ fiscal_year: fy, area_code: values.area_code, amount_yen: values.amount_yen });
      message.success(t('saved'));
      onClose();
    } catch (error) {
      if (!showFieldError(form, error, t, ['area_code', 'amount_yen'])) message.error(errorMessage(error, t));
    }
  };
  return (
    <Modal
      open
      title={`${t('action.plan')}（${t('fiscalYear', { year: fy })}）`}
      onOk={submit}
      onCancel={onClose}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ area_code: areas[0]?.area_code, amount_yen: areas[0]?.planned_yen }}>
        <Form.Item name="area_code" label={t('form.area')} rules={[{ required: true }]}>
          <Select
            options={areas.map((a) => ({ value: a.area_code, label: language === 'en' && a.name_en ? a.name_en : a.name_ja }))}
            onChange={(code: string) => form.setFieldValue('amount_yen', areas.find((a) => a.area_code === code)?.planned_yen ?? 0)}
          />
        </Form.Item>
        <Form.Item name="amount_yen" label={t('form.amount')} rules={[{ required: true }]}>
          <InputNumber<number>
            min={0}
            max={1e15}
            step={100000}
            style={{ width: '100%' }}
            formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SpendingTab({ fy, projects, mayWrite }: { fy: number; projects: ProjectLine[]; mayWrite: boolean }) {
  const { t } = useTranslation('budget');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [project, setProject] = useState('');
  const spending = useSpending(fy, project);
  const [editing, setEditing] = useState<Spending | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const remove = useBudgetAction(budgetApi.remove);
  const columns: ColumnsType<Spending> = [
    { key: 'date', title: t('column.date'), dataIndex: 'spent_on', width: 110 },
    { key: 'project', title: t('column.project'), render: (_, s) => titleOf(s, language) },
    { key: 'amount', title: t('column.amount'), align: 'right', render: (_, s) => formatYen(s.amount_yen, language) },
    { key: 'category', title: t('column.category'), render: (_, s) => t(`category.${s.category}`) },
    { key: 'description', title: t('column.description'), dataIndex: 'description' },
    {
      key: 'reference',
      title: t('column.reference'),
      render: (_, s) =>
        s.imported ? (
          <Space size={4}>
            {s.reference}
            <Tag>{t('column.imported')}</Tag>
          </Space>
        ) : (
          s.reference
        ),
    },
    ...(mayWrite
      ? [
          {
            key: 'actions',
            title: '',
            render: (_: unknown, s: Spending) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setEditing(s)}>
                  {t('action.edit')}
                </Button>
                <Popconfirm
                  title={t('action.confirmDelete')}
                  onConfirm={() => remove.mutateAsync(s.id).catch((error: unknown) => message.error(errorMessage(error, t)))}
                >
                  <Button size="small" type="link" danger>
                    {t('action.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('form.project')}
          style={{ minWidth: 280 }}
          value={project || undefined}
          onChange={(v?: string) => setProject(v ?? '')}
          options={projects.map((p) => ({ value: p.project_id, label: titleOf(p, language) }))}
          data-testid="spending-project-filter"
        />
        {mayWrite ? (
          <>
            <Button type="primary" onClick={() => setEditing('new')} data-testid="spending-record">
              {t('action.record')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="spending-import">
              {t('action.import')}
            </Button>
          </>
        ) : null}
        <ExportButtons base="/api/budget/spending" query={{ fiscal_year: fy, project_id: project }} testId="spending-export" />
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={spending.isFetching}
        dataSource={spending.data?.items ?? []}
        columns={columns}
        data-testid="spending-table"
        scroll={{ x: true }}
      />
      {editing ? <SpendingModal fy={fy} line={editing === 'new' ? null : editing} projects={projects} onClose={() => setEditing(null)} /> : null}
      {importing ? <ImportModal onClose={() => setImporting(false)} /> : null}
    </Space>
  );
}

interface SpendingForm {
  project_id: string;
  spent_on: dayjs.Dayjs;
  amount_yen: number;
  category: Category;
  description: string;
  reference: string;
}

function SpendingModal({ fy, line, projects, onClose }: { fy: number; line: Spending | null; projects: ProjectLine[]; onClose: () => void }) {
  const { t } = useTranslation('budget');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<SpendingForm>();
  const record = useBudgetAction(budgetApi.record);
  const update = useBudgetAction(budgetApi.update);
  const today = tokyoToday();
  const defaultDay = fiscalYearOf(today) === fy ? today : `${fy}-04-01`;
  const submit = async () => {
    const v = await form.validateFields();
    const input = {
      project_id: v.project_id,
      spent_on: v.spent_on.format('YYYY-MM-DD'),
      amount_yen: v.amount_yen,
      category: v.category,
      description: v.description ?? '',
      reference: v.reference ?? '',
    };
    try {
      const saved = line ? await update.mutateAsync({ id: line.id, ...input }) : await record.mutateAsync(input);
      if (saved.crossed) message.warning(t('crossed'), 8);
      else message.success(t('recorded'));
      onClose();
    } catch (error) {
      const fields = ['project_id', 'spent_on', 'amount_yen', 'category', 'description', 'reference'];
      if (!showFieldError(form, error, t, fields)) message.error(errorMessage(error, t));
    }
  };
  return (
    <Modal
      open
      title={line ? t('action.edit') : t('action.record')}
      onOk={submit}
      onCancel={onClose}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={record.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'spending-save' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          line ? { ...line, spent_on: dayjs(line.spent_on) } : { spent_on: dayjs(defaultDay), category: 'equipment', description: '', reference: '' }
        }
      >
        <Form.Item name="project_id" label={t('form.project')} rules={[{ required: true }]}>
          <Select
            disabled={!!line}
            showSearch
            optionFilterProp="label"
            options={projects.map((p) => ({ value: p.project_id, label: titleOf(p, language) }))}
            data-testid="spending-project"
          />
        </Form.Item>
        <Form.Item name="spent_on" label={t('form.spentOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="amount_yen" label={t('form.amount')} rules={[{ required: true }]}>
          <InputNumber<number>
            min={1}
            max={1e15}
            precision={0}
            style={{ width: '100%' }}
            formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
            parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
            data-testid="spending-amount"
          />
        </Form.Item>
        <Form.Item name="category" label={t('form.category')} rules={[{ required: true }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('form.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="reference" label={t('form.reference')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('budget');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState('');
  const run = useBudgetAction((f: File) => sendCsv<Imported>('import', f));
  const choose = async (f: File) => {
    setFile(f);
    setError('');
    try {
      setPreview(await sendCsv<Preview>('preview', f));
    } catch (e) {
      setPreview(null);
      setError(errorMessage(e, t));
    }
    return false;
  };
  const submit = async () => {
    if (!file) return;
    try {
      const r = await run.mutateAsync(file);
      message.success(t('import.done', { imported: r.imported, duplicates: r.duplicates }));
      if (r.crossed.length > 0) message.warning(t('crossed'), 8);
      onClose();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <Modal
      open
      width={900}
      title={t('import.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('action.doImport', { count: preview?.new_lines ?? 0 })}
      cancelText={t('action.cancel')}
      okButtonProps={{ disabled: !preview?.ok || preview.new_lines === 0, 'data-testid': 'import-run' } as ButtonProps}
      confirmLoading={run.isPending}
    >
      <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
      <Upload accept=".csv,text/csv" maxCount={1} beforeUpload={choose} showUploadList={file ? { showRemoveIcon: false } : false}>
        <Button icon={<UploadOutlined />} data-testid="import-file">
          {t('action.chooseFile')}
        </Button>
      </Upload>
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} /> : null}
      {preview ? (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Typography.Text data-testid="import-summary">
            {t('import.summary', { new: preview.new_lines, total: formatYen(preview.new_total_yen, language), duplicates: preview.duplicates })}
          </Typography.Text>
          {preview.errors.length > 0 ? (
            <Table
              size="small"
              rowKey={(e) => `${e.line}-${e.field}`}
              pagination={false}
              title={() => <Typography.Text type="danger">{t('import.errors')}</Typography.Text>}
              dataSource={preview.errors}
              data-testid="import-errors"
              columns={[
                { key: 'line', title: t('column.line'), dataIndex: 'line', width: 60 },
                { key: 'field', title: t('column.field'), dataIndex: 'field', width: 110 },
                { key: 'message', title: t('column.message'), dataIndex: 'message' },
              ]}
            />
          ) : null}
          <Table
            size="small"
            rowKey="line"
            pagination={{ pageSize: 10 }}
            dataSource={preview.lines}
            data-testid="import-lines"
            columns={[
              { key: 'line', title: t('column.line'), dataIndex: 'line', width: 60 },
              { key: 'date', title: t('column.date'), dataIndex: 'spent_on', width: 110 },
              { key: 'project', title: t('column.project'), render: (_, l) => titleOf(l, language) },
              { key: 'amount', title: t('column.amount'), align: 'right', render: (_, l) => formatYen(l.amount_yen, language) },
              { key: 'category', title: t('column.category'), render: (_, l) => t(`category.${l.category}`) },
              { key: 'description', title: t('column.description'), dataIndex: 'description' },
              { key: 'dup', title: '', render: (_, l) => (l.duplicate ? <Tag>{t('import.duplicate')}</Tag> : null) },
            ]}
          />
        </Space>
      ) : null}
    </Modal>
  );
}

function ChangesTab({ fy, projects, mayAsk, highlight }: { fy: number; projects: ProjectLine[]; mayAsk: boolean; highlight: string }) {
  const { t } = useTranslation('budget');
  const { message } = App.useApp();
  const language = currentLanguage();
  const changes = useChanges();
  const [asking, setAsking] = useState(false);
  // The change an approver's inbox link names (/budget?change=…) opens with its chain.
  const [expanded, setExpanded] = useState<readonly Key[]>(highlight ? [highlight] : []);
  const [shown, setShown] = useState(highlight);
  if (highlight !== shown) {
    setShown(highlight);
    if (highlight && !expanded.includes(highlight)) setExpanded([...expanded, highlight]);
  }
  const loaded = changes.data !== undefined;
  useEffect(() => {
    if (loaded && highlight) document.querySelector(`[data-row-key="${CSS.escape(highlight)}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [loaded, highlight]);
  const withdraw = useBudgetAction(budgetApi.withdrawChange);
  const columns: ColumnsType<Change> = [
    {
      key: 'project',
      title: t('column.project'),
      width: 240,
      render: (_, c) => <Link to={`/projects/${c.project_id}`}>{titleOf(c, language)}</Link>,
    },
    { key: 'fy', title: t('form.fiscalYear'), onCell: noWrap, render: (_, c) => t('fiscalYear', { year: c.fiscal_year }) },
    { key: 'current', title: t('column.current'), align: 'right', onCell: noWrap, render: (_, c) => formatYen(c.current_yen, language) },
    { key: 'new', title: t('column.new'), align: 'right', onCell: noWrap, render: (_, c) => formatYen(c.new_yen, language) },
    {
      key: 'difference',
      title: t('column.difference'),
      align: 'right',
      onCell: noWrap,
      render: (_, c) => signedYen(c.new_yen - (c.current_yen ?? 0), language),
    },
    { key: 'reason', title: t('column.reason'), dataIndex: 'reason' },
    { key: 'by', title: t('column.requestedBy'), onCell: noWrap, render: (_, c) => displayName(c.requested_by, language) },
    { key: 'status', title: t('column.status'), width: 190, render: (_, c) => <ChangeStatusTag change={c} /> },
    {
      key: 'actions',
      title: '',
      render: (_, c) =>
        c.may_withdraw ? (
          <Button size="small" type="link" onClick={() => withdraw.mutateAsync(c.id).catch((e: unknown) => message.error(errorMessage(e, t)))}>
            {t('action.withdraw')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {mayAsk ? (
        <Button onClick={() => setAsking(true)} data-testid="change-request">
          {t('action.requestChange')}
        </Button>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        loading={changes.isFetching}
        dataSource={changes.data?.items ?? []}
        columns={columns}
        data-testid="changes-table"
        rowClassName={(c) => (c.id === highlight ? 'ant-table-row-selected' : '')}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          rowExpandable: (c) => c.approval !== null,
          expandedRowRender: (c) => <ChangeChain change={c} />,
        }}
        scroll={{ x: true }}
      />
      {asking ? (
        <ChangeModal
          fy={fy}
          projects={projects}
          onClose={() => setAsking(false)}
          onRequested={(c) => c.approval && setExpanded((keys) => (keys.includes(c.id) ? keys : [...keys, c.id]))}
        />
      ) : null}
    </Space>
  );
}

const noWrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** A difference of yen with its sign: +¥500,000, −¥1,000,000. */
function signedYen(amount: number, language: 'ja' | 'en') {
  if (amount === 0) return formatYen(0, language);
  return `${amount > 0 ? '+' : '−'}${formatYen(Math.abs(amount), language)}`;
}

export function ChangeModal({
  fy,
  projects,
  projectId,
  onClose,
  onRequested,
}: {
  fy: number;
  projects?: ProjectLine[];
  projectId?: string;
  onClose: () => void;
  /** The change asked for (its chain has started). */
  onRequested?: (change: Change) => void;
}) {
  const { t } = useTranslation('budget');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<{ project_id: string; fiscal_year: number; new_yen: number; reason: string }>();
  const ask = useBudgetAction(budgetApi.requestChange);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const change = await ask.mutateAsync({ project_id: projectId ?? v.project_id, fiscal_year: v.fiscal_year, new_yen: v.new_yen, reason: v.reason });
      message.success(t('requested'));
      onRequested?.(change);
      onClose();
    } catch (error) {
      if (!showFieldError(form, error, t, ['project_id', 'fiscal_year', 'new_yen', 'reason'])) message.error(errorMessage(error, t));
    }
  };
  return (
    <Modal
      open
      title={t('action.requestChange')}
      onOk={submit}
      onCancel={onClose}
      okText={t('action.submitChange')}
      cancelText={t('action.cancel')}
      confirmLoading={ask.isPending}
      okButtonProps={{ 'data-testid': 'change-submit' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary" data-testid="change-hint">
        {t('changeHint')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ fiscal_year: fy }}>
        {projectId ? null : (
          <Form.Item name="project_id" label={t('form.project')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(projects ?? []).map((p) => ({ value: p.project_id, label: titleOf(p, language) }))}
              data-testid="change-project"
            />
          </Form.Item>
        )}
        <Form.Item name="fiscal_year" label={t('form.fiscalYear')} rules={[{ required: true }]}>
          <Select options={fiscalYearChoices(fiscalYearOf(tokyoToday())).map((year) => ({ value: year, label: t('fiscalYear', { year }) }))} />
        </Form.Item>
        <Form.Item name="new_yen" label={t('form.newAmount')} rules={[{ required: true }]}>
          <InputNumber<number>
            min={0}
            max={1e15}
            precision={0}
            style={{ width: '100%' }}
            formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
            parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
            data-testid="change-new-yen"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('form.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="change-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
