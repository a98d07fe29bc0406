// A contract's approval chain (稟議): the office starts it; the chain's steps as a timeline with
// who decided when, how long each took and their comments; the current approver approves or
// sends back here (or approves from the inbox in one click). The chain's parts are the approvals
// module's (ChainView), shared with the budget changes.
import { App, Button, Card, Collapse, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ChainStarted, ChainStatusTag, ChainSteps, StepActions } from '../approvals/ChainView';
import { useStartApproval, type Contract } from './api';

export function ApprovalPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const { t: ta } = useTranslation('approvals');
  const { message } = App.useApp();
  const language = currentLanguage();
  const start = useStartApproval(contract.id);
  const chains = contract.approvals ?? [];
  const chain = contract.approval ?? null;
  if (!chain && !contract.may_start_approval) return null;
  const earlier = chains.slice(0, -1);
  return (
    <Card title={ta('chain.title')} size="small" data-testid="approval-panel" extra={chain && <ChainStatusTag chain={chain} testId="approval-status" />}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {chain && <ChainStarted chain={chain} />}
        {chain && <ChainSteps chain={chain} />}
        <StepActions chain={chain} />
        {contract.may_start_approval && (
          <Space orientation="vertical">
            <Typography.Text type="secondary">{t('approval.startHint')}</Typography.Text>
            <Button
              type="primary"
              onClick={() =>
                start.mutate(undefined, {
                  onSuccess: () => void message.success(t('approval.startedToast')),
                  onError: (e) => void message.error(errorMessage(e, t)),
                })
              }
              loading={start.isPending}
              data-testid="approval-start"
            >
              {t('approval.start')}
            </Button>
          </Space>
        )}
        {earlier.length > 0 && (
          <Collapse
            size="small"
            items={[
              {
                key: 'earlier',
                label: t('approval.earlier', { count: earlier.length }),
                children: earlier
                  .slice()
                  .reverse()
                  .map((c) => (
                    <div key={c.id} style={{ marginBottom: 12 }}>
                      <ChainStatusTag chain={c} /> {formatDateTime(c.started_at, language)}
                      <ChainSteps chain={c} />
                    </div>
                  )),
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
