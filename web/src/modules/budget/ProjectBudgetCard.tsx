// A project's allocation against its spending for this fiscal year, on the project's page: shown to
// whom the server shows it (office, committee, admins, the PI and the company lead), nothing to
// anyone else. The PI (or the office) may ask for a change from here; the year's changes show
// where their approval chain (稟議) stands, and its current approver may decide here.
import { Button, Card, Collapse, Progress, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../shell/i18n';
import { useProjectBudget } from './api';
import { ChangeModal, HealthTag } from './BudgetPage';
import { ChangeChain, ChangeStatusTag } from './ChangeChain';
import { fiscalYearOf, formatYen, spentPercent, tokyoToday } from './model';

export function ProjectBudgetCard({ projectId }: { projectId: string }) {
  const { t } = useTranslation('budget');
  const language = currentLanguage();
  const fy = fiscalYearOf(tokyoToday());
  const budget = useProjectBudget(projectId, fy);
  const [asking, setAsking] = useState(false);
  const b = budget.data;
  if (!b) return null;
  const percent = spentPercent(b.allocated_yen, b.spent_yen);
  const changes = b.changes.filter((c) => c.fiscal_year === fy);
  const pending = changes.some((c) => c.status === 'pending');
  return (
    <Card size="small" title={t('card.title', { year: fy })} extra={<HealthTag health={b.status} />} data-testid="project-budget-card">
      {b.allocated_yen === null ? <Typography.Paragraph type="secondary">{t('card.noAllocation')}</Typography.Paragraph> : null}
      <Space size="large" wrap>
        <Statistic title={t('card.allocated')} value={formatYen(b.allocated_yen, language)} />
        <Statistic title={t('card.spent')} value={formatYen(b.spent_yen, language)} />
        <Statistic
          title={t('card.remaining')}
          value={formatYen(b.remaining_yen, language)}
          valueStyle={b.remaining_yen < 0 ? { color: '#cf1322' } : undefined}
        />
      </Space>
      <Progress percent={Math.min(percent, 100)} status={b.status === 'over' ? 'exception' : 'normal'} format={() => `${percent}%`} />
      {pending ? <Typography.Paragraph type="warning">{t('card.pending')}</Typography.Paragraph> : null}
      {changes.length > 0 ? (
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          defaultActiveKey={changes.filter((c) => c.status === 'pending').map((c) => c.id)}
          data-testid="project-budget-changes"
          items={changes.map((c) => ({
            key: c.id,
            label: (
              <Space wrap size={8}>
                {t('card.change', { from: formatYen(c.current_yen, language), to: formatYen(c.new_yen, language) })}
                <ChangeStatusTag change={c} />
              </Space>
            ),
            children: <ChangeChain change={c} />,
          }))}
        />
      ) : null}
      {b.may_request_change && !pending ? (
        <Button size="small" onClick={() => setAsking(true)} data-testid="project-budget-change">
          {t('action.requestChange')}
        </Button>
      ) : null}
      {asking ? <ChangeModal fy={fy} projectId={projectId} onClose={() => setAsking(false)} /> : null}
    </Card>
  );
}
