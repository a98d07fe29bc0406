// A contract's approval chain (稟議): the office starts it; the chain's steps as a timeline with
// who decided when, how long each took and their comments; the current approver approves or
// sends back here (or approves from the inbox in one click).
import { App, Button, Card, Collapse, Input, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import type { ApprovalChain, ApprovalStep } from '../approvals/api';
import { currentIndex, formatDays, myStep, stepsStatus } from '../approvals/logic';
import { useDecideStep, useStartApproval, type Contract } from './api';

const CHAIN_COLOURS: Record<ApprovalChain['status'], string> = {
  in_progress: 'orange',
  approved: 'green',
  returned: 'red',
  withdrawn: 'default',
};

function Approver({ step }: { step: ApprovalStep }) {
  const { t } = useTranslation('contracts');
  const language = currentLanguage();
  if (step.approver === 'person' && step.person) return <>{displayName(step.person, language)}</>;
  if (step.approver === 'committee') return <>{t('approval.committee')}</>;
  return <>{t('approval.role', { role: t(`approval.roles.${step.role ?? 'office'}`, { defaultValue: step.role ?? '' }) })}</>;
}

export function ChainSteps({ chain }: { chain: ApprovalChain }) {
  const { t } = useTranslation('contracts');
  const language = currentLanguage();
  return (
    <Steps
      direction="vertical"
      size="small"
      current={currentIndex(chain)}
      items={chain.steps.map((s) => ({
        status: stepsStatus(s.status),
        title: (
          <span data-testid={`approval-step-${s.position}`}>
            {language === 'en' && s.label_en ? s.label_en : s.label_ja} <Tag>{t(`approval.stepStatus.${s.status}`)}</Tag>
          </span>
        ),
        description: (
          <div>
            <div>
              <Approver step={s} />
            </div>
            {s.started_at && (
              <Typography.Text type="secondary">
                {t('approval.asked', { at: formatDateTime(s.started_at, language) })}
                {s.days !== null && ` · ${t('approval.days', { days: formatDays(s.days) })}`}
              </Typography.Text>
            )}
            {s.decided_at && (
              <div>
                {t(s.status === 'returned' ? 'approval.returnedBy' : 'approval.approvedBy', {
                  name: s.decided_by ? displayName(s.decided_by, language) : '',
                  at: formatDateTime(s.decided_at, language),
                })}
              </div>
            )}
            {s.comment && <div data-testid="approval-comment">「{s.comment}」</div>}
          </div>
        ),
      }))}
    />
  );
}

export function ApprovalPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const start = useStartApproval(contract.id);
  const decide = useDecideStep();
  const [comment, setComment] = useState('');
  const chains = contract.approvals ?? [];
  const chain = contract.approval ?? null;
  const mine = myStep(chain);
  if (!chain && !contract.may_start_approval) return null;
  const act = (decision: 'approve' | 'return') =>
    mine &&
    decide.mutate(
      { step: mine.id, decision, comment },
      {
        onSuccess: () => {
          setComment('');
          void message.success(t(decision === 'approve' ? 'approval.approved' : 'approval.returned'));
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  const earlier = chains.slice(0, -1);
  return (
    <Card
      title={t('approval.title')}
      size="small"
      data-testid="approval-panel"
      extra={
        chain && (
          <Tag color={CHAIN_COLOURS[chain.status]} data-testid="approval-status">
            {t(`approval.status.${chain.status}`)}
          </Tag>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {chain && (
          <Typography.Text type="secondary">
            {t('approval.started', {
              name: chain.started_by ? displayName(chain.started_by, language) : '',
              at: formatDateTime(chain.started_at, language),
              days: formatDays(chain.days),
            })}
          </Typography.Text>
        )}
        {chain && <ChainSteps chain={chain} />}
        {mine && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              placeholder={t('approval.comment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              maxLength={2000}
              autoSize={{ minRows: 1, maxRows: 4 }}
              data-testid="approval-comment-input"
            />
            <Space wrap>
              <Button type="primary" onClick={() => act('approve')} loading={decide.isPending} data-testid="approval-approve">
                {t('approval.approve')}
              </Button>
              <Button danger onClick={() => act('return')} disabled={!comment.trim()} data-testid="approval-return">
                {t('approval.return')}
              </Button>
            </Space>
          </Space>
        )}
        {contract.may_start_approval && (
          <Space direction="vertical">
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
                      <Tag color={CHAIN_COLOURS[c.status]}>{t(`approval.status.${c.status}`)}</Tag> {formatDateTime(c.started_at, language)}
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
