// Gate configuration for the office: for each stage, who approves the move into it and which
// requirements must be met (GET /api/project-gates, PUT /api/project-gates/{stage}).
import { App, Button, Card, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { projectsKeys } from './keys';
import { STAGES } from './model';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

interface GateRow {
  stage: string;
  approver: string;
  requirements: string[];
}
interface GateList {
  items: GateRow[];
  requirements: { code: string; module: string; label_ja: string; label_en: string }[];
}

const APPROVERS = ['pi', 'company_lead', 'office', 'committee'];

export function GatesEditor() {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const gates = useQuery({ queryKey: projectsKeys.gates, queryFn: ({ signal }) => api<GateList>('/api/project-gates', { signal }) });
  const [edits, setEdits] = useState<Record<string, GateRow>>({});
  const save = useMutation({
    mutationFn: (g: GateRow) => api<GateRow>(`/api/project-gates/${g.stage}`, { method: 'PUT', body: { approver: g.approver, requirements: g.requirements } }),
    onSuccess: (g) => {
      setEdits((e) => {
        const next = { ...e };
        delete next[g.stage];
        return next;
      });
      // The gates and every project's gate checklist.
      void queryClient.invalidateQueries({ queryKey: projectsKeys.all });
      void message.success(t('gates.saved', { stage: t(`stage.${g.stage}`) }));
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });
  const byStage = new Map((gates.data?.items ?? []).map((g) => [g.stage, g]));
  const rows: GateRow[] = STAGES.slice(1).map((stage) => edits[stage] ?? byStage.get(stage) ?? { stage, approver: 'committee', requirements: [] });
  const change = (row: GateRow, patch: Partial<GateRow>) => setEdits((e) => ({ ...e, [row.stage]: { ...row, ...patch } }));

  return (
    <Card size="small" title={t('gates.title')}>
      <ResponsiveTable<GateRow>
        stacked
        rowKey="stage"
        size="small"
        loading={gates.isPending}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 800 }}
        columns={[
          { key: 'stage', title: t('gates.into'), width: 140, render: (_, g) => t(`stage.${g.stage}`) },
          {
            key: 'approver',
            title: t('gate.approver'),
            width: 180,
            render: (_, g) => (
              <Select
                value={g.approver}
                style={{ width: 160 }}
                onChange={(approver) => change(g, { approver })}
                options={APPROVERS.map((a) => ({ value: a, label: t(`approver.${a}`) }))}
              />
            ),
          },
          {
            key: 'req',
            title: t('gates.requirements'),
            render: (_, g) => (
              <Select
                mode="multiple"
                value={g.requirements}
                style={{ width: '100%', minWidth: 300 }}
                onChange={(requirements) => change(g, { requirements })}
                options={(gates.data?.requirements ?? []).map((r) => ({ value: r.code, label: language === 'ja' ? r.label_ja : r.label_en }))}
              />
            ),
          },
          {
            key: 'save',
            width: 90,
            render: (_, g) => (
              <Button
                type="primary"
                size="small"
                disabled={!edits[g.stage]}
                loading={save.isPending && save.variables?.stage === g.stage}
                onClick={() => save.mutate(g)}
              >
                {t('product.save')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
