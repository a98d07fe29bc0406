// An approval chain (稟議) as its subject's page shows it (a contract, a budget change): where it
// stands (a tag), its steps as a timeline with who decided when, how long each took and their
// comments, and, for the current step's approver, approve / send back with a comment.
import { App, Button, Input, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useDecideStep, type ApprovalChain, type ApprovalStep } from './api';
import { chainPlace, currentIndex, formatDays, myStep, stepLabel, stepsStatus } from './logic';

export const CHAIN_COLOURS: Record<ApprovalChain['status'], string> = {
  in_progress: 'orange',
  approved: 'green',
  returned: 'red',
  withdrawn: 'default',
};

/** The chain's status as a tag: 承認待ち, 承認済, 差し戻し, 取り下げ. */
export function ChainStatusTag({ chain, testId }: { chain: Pick<ApprovalChain, 'status'>; testId?: string }) {
  const { t } = useTranslation('approvals');
  return (
    <Tag color={CHAIN_COLOURS[chain.status]} data-testid={testId}>
      {t(`chain.status.${chain.status}`)}
    </Tag>
  );
}

/** Where the chain stands, said as a person would: 「事務局長の承認待ち」, 「運営委員会の審議待ち」, 承認済…. */
export function ChainPlaceTag({ chain, testId }: { chain: ApprovalChain; testId?: string }) {
  const { t } = useTranslation('approvals');
  const language = currentLanguage();
  const place = chainPlace(chain);
  if (place.kind === 'ended') return <ChainStatusTag chain={chain} testId={testId} />;
  const step = stepLabel(place.step, language);
  const text =
    place.kind === 'committee' ? t('chain.awaitingCommittee') : place.step.may_act ? t('chain.awaitingYou', { step }) : t('chain.awaitingStep', { step });
  return (
    <Tag color={place.kind === 'committee' ? 'purple' : CHAIN_COLOURS.in_progress} style={{ whiteSpace: 'normal' }} data-testid={testId}>
      {text}
    </Tag>
  );
}

function Approver({ step }: { step: ApprovalStep }) {
  const { t } = useTranslation('approvals');
  const language = currentLanguage();
  if (step.approver === 'person' && step.person) return <>{displayName(step.person, language)}</>;
  if (step.approver === 'committee') return <>{t('chain.committee')}</>;
  return <>{t('chain.role', { role: t(`roles.${step.role ?? 'office'}`, { defaultValue: step.role ?? '' }) })}</>;
}

/** Who started the chain, when, and how many days it has run. */
export function ChainStarted({ chain }: { chain: ApprovalChain }) {
  const { t } = useTranslation('approvals');
  const language = currentLanguage();
  return (
    <Typography.Text type="secondary">
      {t('chain.started', {
        name: chain.started_by ? displayName(chain.started_by, language) : '',
        at: formatDateTime(chain.started_at, language),
        days: formatDays(chain.days),
      })}
    </Typography.Text>
  );
}

/** The chain's steps as a vertical timeline (`approval-step-N` per step, `approval-comment` per comment). */
export function ChainSteps({ chain }: { chain: ApprovalChain }) {
  const { t } = useTranslation('approvals');
  const language = currentLanguage();
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={currentIndex(chain)}
      items={chain.steps.map((s) => ({
        key: s.id,
        status: stepsStatus(s.status),
        title: (
          <span data-testid={`approval-step-${s.position}`}>
            {stepLabel(s, language)} <Tag>{t(`chain.stepStatus.${s.status}`)}</Tag>
          </span>
        ),
        content: (
          <div>
            <div>
              <Approver step={s} />
            </div>
            {s.started_at && (
              <Typography.Text type="secondary">
                {t('chain.asked', { at: formatDateTime(s.started_at, language) })}
                {s.days !== null && ` · ${t('chain.days', { days: formatDays(s.days) })}`}
              </Typography.Text>
            )}
            {s.decided_at && (
              <div>
                {t(s.status === 'returned' ? 'chain.returnedBy' : 'chain.approvedBy', {
                  name: s.decided_by ? displayName(s.decided_by, language) : '',
                  at: formatDateTime(s.decided_at, language),
                })}
              </div>
            )}
            {s.comment && <div data-testid="approval-comment">{t('chain.quoted', { comment: s.comment })}</div>}
          </div>
        ),
      }))}
    />
  );
}

/**
 * The current approver's actions: a comment, 承認する and 差し戻す (only with a comment). Nothing
 * for anyone else. The decision refreshes the subject's pages (useDecideStep).
 */
export function StepActions({ chain }: { chain: ApprovalChain | null | undefined }) {
  const { t } = useTranslation('approvals');
  const { message } = App.useApp();
  const decide = useDecideStep();
  const [comment, setComment] = useState('');
  const mine = myStep(chain);
  if (!mine) return null;
  const act = (decision: 'approve' | 'return') =>
    decide.mutate(
      { step: mine.id, decision, comment },
      {
        onSuccess: () => {
          setComment('');
          void message.success(t(decision === 'approve' ? 'chain.approved' : 'chain.returned'));
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 720 }} data-testid="approval-actions">
      <Input.TextArea
        placeholder={t('chain.comment')}
        aria-label={t('chain.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={2000}
        autoSize={{ minRows: 1, maxRows: 4 }}
        data-testid="approval-comment-input"
      />
      <Space wrap>
        <Button type="primary" onClick={() => act('approve')} loading={decide.isPending} data-testid="approval-approve">
          {t('chain.approve')}
        </Button>
        <Button danger onClick={() => act('return')} disabled={!comment.trim() || decide.isPending} data-testid="approval-return">
          {t('chain.return')}
        </Button>
      </Space>
    </Space>
  );
}
