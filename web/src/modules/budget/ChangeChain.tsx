// A budget change's state and its approval chain (稟議), shared by the budget page's changes tab and
// a project's budget card: a tag saying where the change stands (「事務局長の承認待ち」,
// 「運営委員会の審議待ち」, 承認, 否決…), and the chain's timeline with, for its current approver,
// approve / send back with a comment (the last approval changes the allocation; a return rejects
// the change).
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChainPlaceTag, ChainStarted, ChainSteps, StepActions } from '../approvals/ChainView';
import type { Change } from './api';

export const CHANGE_COLOURS: Record<Change['status'], string> = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' };

/** Where a change stands: while pending, its chain's place; once decided, the change's status. */
export function ChangeStatusTag({ change, testId = 'change-status' }: { change: Change; testId?: string }) {
  const { t } = useTranslation('budget');
  if (change.status === 'pending' && change.approval?.status === 'in_progress') return <ChainPlaceTag chain={change.approval} testId={testId} />;
  return (
    <Tag color={CHANGE_COLOURS[change.status]} data-testid={testId}>
      {t(`changeStatus.${change.status}`)}
    </Tag>
  );
}

/** The change's chain: who started it, its steps, and the current approver's actions. */
export function ChangeChain({ change }: { change: Change }) {
  const { t } = useTranslation('budget');
  const chain = change.approval;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`change-chain-${change.id}`}>
      {chain ? (
        <>
          <ChainStarted chain={chain} />
          <ChainSteps chain={chain} />
          {change.status === 'pending' ? <StepActions chain={chain} /> : null}
        </>
      ) : (
        <Typography.Text type="secondary">{t('chain.none')}</Typography.Text>
      )}
    </Space>
  );
}
