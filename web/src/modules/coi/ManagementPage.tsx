// The office's and the COI committee's page: who has declared for the year (no contents; opening
// one is logged), the cases, and the thresholds the office edits.
import { Alert, App, Button, Card, Checkbox, InputNumber, Segmented, Select, Space, Spin, Statistic, Tabs, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { ExportButtons } from '../../shell/ExportButtons';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { coiApi, useCases, useCoiMutation, useDeclarationStatus, useThresholds, type CaseSummary, type StatusRow } from './api';
import { CaseStatusTag, DecisionTag } from './components';
import { fiscalYearOf, RULES, type Rule, type Threshold } from './model';

function StatusTab({ me }: { me: Me }) {
  const { t } = useTranslation('coi');
  const language = currentLanguage();
  const { message, modal } = App.useApp();
  const current = fiscalYearOf(new Date());
  const [year, setYear] = useState(current);
  const [onlyMissing, setOnlyMissing] = useState(false);
  const status = useDeclarationStatus(year);
  const ask = useCoiMutation((fy: number) => coiApi.ask(fy));
  const isOffice = me.roles.includes('office');

  const open = async (row: StatusRow) => {
    if (!row.declaration) return;
    try {
      const d = await coiApi.declaration(row.declaration.id);
      modal.info({
        width: 720,
        title: `${displayName(d.person, language)} · ${t('fy', { year: d.fiscal_year })}`,
        content: d.nothing_to_declare ? (
          <Typography.Text>{t('mine.nothing')}</Typography.Text>
        ) : (
          <ResponsiveTable
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.relationships}
            columns={[
              {
                key: 'c',
                title: t('mine.company'),
                render: (_, r) =>
                  r.organisation_id ? displayName({ name_ja: r.organisation_name_ja, name_en: r.organisation_name_en }, language) : r.company_name,
              },
              { key: 'k', title: t('mine.categoryLabel'), render: (_, r) => t(`category.${r.category}`) },
              { key: 'a', title: t('mine.amount'), align: 'right', render: (_, r) => r.amount_yen.toLocaleString(language === 'ja' ? 'ja-JP' : 'en-GB') },
              { key: 'n', title: t('mine.note'), dataIndex: 'note' },
            ]}
          />
        ),
      });
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  const missing = (r: StatusRow) => r.must_declare && !r.declaration;
  // Those still missing first (stable: the server's order by reading within each group).
  const rows = (status.data?.people ?? []).filter((r) => !onlyMissing || missing(r)).sort((a, b) => Number(missing(b)) - Number(missing(a)));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<number>
          value={year}
          onChange={setYear}
          options={[current - 1, current, current + 1].map((y) => ({ value: y, label: t('fy', { year: y }) }))}
        />
        <Checkbox checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)}>
          {t('manage.onlyMissing')}
        </Checkbox>
        {isOffice && (
          <Button
            icon={<SendOutlined />}
            loading={ask.isPending}
            onClick={async () => {
              try {
                const r = await ask.mutateAsync(year);
                void message.success(t('manage.asked', { count: r.asked }));
              } catch (error) {
                void message.error(errorMessage(error, t));
              }
            }}
            data-testid="coi-ask"
          >
            {t('manage.ask')}
          </Button>
        )}
      </Space>
      {status.isError && <Alert type="error" showIcon message={errorMessage(status.error, t)} />}
      {status.data && (
        <Space size="large">
          <Statistic title={t('manage.mustDeclare')} value={status.data.must_declare} />
          <Statistic title={t('manage.filed')} value={status.data.filed} />
          <Statistic title={t('manage.missing')} value={status.data.missing} valueStyle={status.data.missing ? { color: '#cf1322' } : undefined} />
        </Space>
      )}
      <ResponsiveTable<StatusRow>
        rowKey={(r) => r.person.id}
        size="small"
        loading={status.isPending}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { key: 'name', title: t('manage.person'), render: (_, r) => displayName(r.person, language) },
          { key: 'org', title: t('manage.organisation'), render: (_, r) => displayName(r.organisation, language) || '—' },
          {
            key: 'why',
            title: t('manage.reason'),
            render: (_, r) =>
              r.must_declare ? (r.roles.includes('clinician') || r.roles.includes('researcher') ? t('manage.byRole') : t('manage.byProject')) : '—',
          },
          {
            key: 'state',
            title: t('manage.declaration'),
            render: (_, r) => (r.declaration ? <Tag color="green">{t('manage.filed')}</Tag> : <Tag color="red">{t('manage.missing')}</Tag>),
          },
          { key: 'at', title: t('manage.filedAt'), render: (_, r) => (r.declaration ? formatDateTime(r.declaration.updated_at, language) : '—') },
          {
            key: 'open',
            card: 'actions',
            render: (_, r) =>
              r.declaration ? (
                <Button size="small" onClick={() => void open(r)}>
                  {t('manage.open')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

export function CasesTable({ cases, loading }: { cases: CaseSummary[]; loading?: boolean }) {
  const { t } = useTranslation('coi');
  const language = currentLanguage();
  return (
    <ResponsiveTable<CaseSummary>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={cases}
      locale={{ emptyText: t('cases.empty') }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { key: 'status', title: t('manage.statusFilter'), render: (_, c) => <CaseStatusTag status={c.status} /> },
        { key: 'person', card: 'title', title: t('cases.person'), render: (_, c) => <Link to={`/coi/cases/${c.id}`}>{displayName(c.person, language)}</Link> },
        { key: 'project', title: t('cases.project'), render: (_, c) => displayName({ name_ja: c.project.title_ja, name_en: c.project.title_en }, language) },
        { key: 'company', title: t('cases.company'), render: (_, c) => displayName(c.organisation, language) },
        { key: 'categories', title: t('cases.categories'), render: (_, c) => (c.categories ?? []).map((k) => <Tag key={k}>{t(`category.${k}`)}</Tag>) },
        { key: 'decision', title: t('case.decision'), render: (_, c) => (c.decision ? <DecisionTag decision={c.decision} /> : '—') },
        { key: 'fy', title: t('mine.year'), render: (_, c) => t('fy', { year: c.fiscal_year }) },
        { key: 'opened', title: t('cases.opened'), render: (_, c) => formatDateTime(c.created_at, language) },
      ]}
    />
  );
}

function CasesTab() {
  const { t } = useTranslation('coi');
  const [status, setStatus] = useState('open');
  const cases = useCases(status);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<string>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'open', label: t('status.open') },
            { value: 'decided', label: t('status.decided') },
            { value: 'withdrawn', label: t('status.withdrawn') },
            { value: '', label: t('cases.all') },
          ]}
        />
        <ExportButtons base="/api/coi/cases/export" query={{ status }} testId="coi-cases" />
      </Space>
      {cases.isError && <Alert type="error" showIcon message={errorMessage(cases.error, t)} />}
      <CasesTable cases={cases.data?.items ?? []} loading={cases.isPending} />
    </Space>
  );
}

export function ThresholdsEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation('coi');
  const { message } = App.useApp();
  const thresholds = useThresholds();
  const [draft, setDraft] = useState<Threshold[]>([]);
  // The draft restarts from each new copy of the saved thresholds (set while rendering, as React's
  // "adjusting state when a prop changes" does, rather than in an effect one render later).
  const [draftFrom, setDraftFrom] = useState<typeof thresholds.data>(undefined);
  if (thresholds.data !== draftFrom) {
    setDraftFrom(thresholds.data);
    if (thresholds.data) setDraft(thresholds.data.items);
  }
  const save = useCoiMutation((items: Threshold[]) => coiApi.saveThresholds(items));
  const change = (category: string, patch: Partial<Threshold>) => setDraft((d) => d.map((x) => (x.category === category ? { ...x, ...patch } : x)));
  if (thresholds.isPending) return <Spin />;
  if (thresholds.isError) return <Alert type="error" showIcon message={errorMessage(thresholds.error, t)} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('thresholds.help')}</Typography.Paragraph>
      <ResponsiveTable<Threshold>
        stacked
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={draft}
        columns={[
          { key: 'category', title: t('thresholds.category'), render: (_, x) => t(`category.${x.category}`) },
          {
            key: 'rule',
            title: t('thresholds.rule'),
            render: (_, x) => (
              <Select<Rule>
                value={x.rule}
                disabled={!editable}
                style={{ width: 220, maxWidth: '100%' }}
                options={RULES.map((r) => ({ value: r, label: t(`rule.${r}`) }))}
                onChange={(rule) => change(x.category, { rule, amount_yen: rule === 'amount' ? x.amount_yen || 1_000_000 : 0 })}
                aria-label={`${t('thresholds.rule')} ${t(`category.${x.category}`)}`}
              />
            ),
          },
          {
            key: 'amount',
            title: t('thresholds.amount'),
            render: (_, x) =>
              x.rule === 'amount' ? (
                <InputNumber<number>
                  min={1}
                  step={10000}
                  precision={0}
                  value={x.amount_yen}
                  disabled={!editable}
                  formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : Number(v).toLocaleString('ja-JP'))}
                  parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
                  onChange={(v) => change(x.category, { amount_yen: v ?? 0 })}
                  style={{ width: 200, maxWidth: '100%' }}
                  aria-label={`${t('thresholds.amount')} ${t(`category.${x.category}`)}`}
                  data-testid={`coi-threshold-${x.category}`}
                />
              ) : (
                '—'
              ),
          },
        ]}
      />
      {editable && (
        <Button
          type="primary"
          loading={save.isPending}
          onClick={async () => {
            try {
              await save.mutateAsync(draft);
              void message.success(t('thresholds.saved'));
            } catch (error) {
              void message.error(errorMessage(error, t));
            }
          }}
          data-testid="coi-thresholds-save"
        >
          {t('thresholds.save')}
        </Button>
      )}
    </Space>
  );
}

const TABS = ['status', 'cases', 'thresholds'] as const;

export function ManagementPage({ me }: { me: Me }) {
  const { t } = useTranslation('coi');
  const location = useLocation();
  const navigate = useNavigate();
  const tab = new URLSearchParams(location.search).get('tab');
  const active = (TABS as readonly string[]).includes(tab ?? '') ? (tab as string) : me.roles.includes('coi_committee') ? 'cases' : 'status';
  return (
    <div className="page">
      <PageTitle>{t('manage.title')}</PageTitle>
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(`/coi/management?tab=${key}`, { replace: true })}
          items={[
            { key: 'status', label: t('manage.tabStatus'), children: <StatusTab me={me} /> },
            { key: 'cases', label: t('manage.tabCases'), children: <CasesTab /> },
            {
              key: 'thresholds',
              label: t('manage.tabThresholds'),
              children: <ThresholdsEditor editable={me.roles.includes('office') || me.roles.includes('admin')} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
