// One agenda item or written resolution: its title and matter, who stands aside and why, the votes
// by name and the tally, and the actions the viewer may take (by the item's `may`): a member votes
// or recuses themself; the office records a present member's vote and closes the vote.
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { committeeApi, useCommitteeAction, type Attendance, type Item } from './api';
import { DecisionTag, ItemKindTag, PersonName, SideTag, VoteTag, useRecusalText } from './components';
import { VOTES, titleOf, type VoteChoice } from './model';

export function ItemCard({
  item,
  me,
  number,
  recordable,
  extra,
}: {
  item: Item;
  me: Me;
  /** The place on the agenda (第N号議案); none for a written resolution. */
  number?: number;
  /** The office in a meeting: members present (their votes may be recorded). */
  recordable?: Attendance[];
  /** Controls beside the title (the office's reorder and remove). */
  extra?: ReactNode;
}) {
  const { t } = useTranslation('committee');
  const language = currentLanguage();
  const { message } = App.useApp();
  const recusalText = useRecusalText();
  const [error, setError] = useState<string | null>(null);
  const [recusing, setRecusing] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const vote = useCommitteeAction((v: { vote: VoteChoice; personId?: string }) => committeeApi.vote(item.id, v.vote, v.personId));
  const title = titleOf(item, language);
  const recusedIds = new Set(item.recusals.map((r) => r.person.id));
  const votes = new Map(item.votes.map((v) => [v.person.id, v.vote]));
  const iAmRecused = recusedIds.has(me.id);
  const open = item.decision === null;

  const cast = async (choice: VoteChoice, personId?: string, name?: string) => {
    setError(null);
    try {
      await vote.mutateAsync({ vote: choice, personId });
      void message.success(name ? t('item.recorded', { name }) : t('item.voted'));
    } catch (e) {
      const text = errorMessage(e, t);
      setError(text);
      void message.error(text);
    }
  };

  const heading = (
    <Space wrap size={6} className="cm-item-heading">
      {number !== undefined ? <strong>{t('item.number', { n: number })}</strong> : <strong>{t('item.written')}</strong>}
      {item.link ? (
        <Link to={item.link} data-testid="item-link">
          {title}
        </Link>
      ) : (
        <span>{title}</span>
      )}
      <ItemKindTag kind={item.kind} />
      <DecisionTag decision={item.decision} />
    </Space>
  );

  const tally = item.tally;
  return (
    <Card className="cm-item" title={heading} extra={extra} style={{ marginBottom: 16 }} data-testid="agenda-item" data-item-id={item.id}>
      {item.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.note}</Typography.Paragraph>}
      {item.vote_deadline && (
        <Typography.Paragraph type="secondary" data-testid="item-deadline">
          {t('item.deadline', { at: formatDateTime(item.vote_deadline, language) })}
        </Typography.Paragraph>
      )}

      <div className="cm-section">
        <Typography.Text strong>{t('item.recusals')}</Typography.Text>
        {item.recusals.length === 0 ? (
          <div>
            <Typography.Text type="secondary">{t('item.noRecusals')}</Typography.Text>
          </div>
        ) : (
          <ul className="cm-rows" data-testid="item-recusals">
            {item.recusals.map((r, i) => (
              <li key={`${r.person.id}-${r.reason}-${i}`} data-testid="recusal">
                <StopOutlined style={{ color: '#cf1322' }} /> <PersonName person={r.person} /> — <span>{recusalText(r)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="cm-section">
        <Typography.Text strong>{t('item.votes')}</Typography.Text>
        {item.votes.length === 0 ? (
          <div>
            <Typography.Text type="secondary">{t('item.noVotes')}</Typography.Text>
          </div>
        ) : (
          <div className="cm-votes" data-testid="item-votes">
            {item.votes.map((v) => (
              <span key={v.person.id} className="cm-vote">
                <PersonName person={v.person} /> <VoteTag vote={v.vote} />
              </span>
            ))}
          </div>
        )}
        <div className="cm-tally" data-testid="item-tally">
          {t('item.tally', { for: tally.for, against: tally.against, abstain: tally.abstain, not_voted: tally.not_voted, eligible: tally.eligible })}
          {open && (
            <Typography.Text type={tally.outcome === 'approved' ? 'success' : tally.outcome === 'rejected' ? 'secondary' : 'warning'} style={{ marginLeft: 8 }}>
              {t(`item.outcome.${tally.outcome}`)}
            </Typography.Text>
          )}
        </div>
      </div>

      {!open && (
        <Alert
          type={item.decision === 'approved' ? 'success' : 'error'}
          showIcon
          icon={item.decision === 'approved' ? <CheckCircleOutlined /> : undefined}
          style={{ marginBottom: 12 }}
          title={t('item.decidedBy', {
            decision: t(`decision.${item.decision}`),
            name: displayName(item.decided_by, language),
            at: formatDateTime(item.decided_at, language),
          })}
          description={item.decision_note || undefined}
          data-testid="item-decided"
        />
      )}

      {open && recordable && recordable.length > 0 && (
        <div className="cm-section" data-testid="record-votes">
          <Typography.Text strong>{t('item.record')}</Typography.Text>
          <ul className="cm-rows">
            {recordable.map((a) => {
              const name = displayName(a.person, language);
              const recused = recusedIds.has(a.person.id);
              return (
                <li key={a.person.id} data-testid="record-row" data-person-id={a.person.id}>
                  <Space wrap size={6}>
                    <span className="cm-name">{name}</span>
                    <SideTag side={a.side} />
                    {recused ? (
                      <Typography.Text type="secondary">{recusalText(item.recusals.find((r) => r.person.id === a.person.id)!)}</Typography.Text>
                    ) : (
                      <Radio.Group
                        size="small"
                        optionType="button"
                        buttonStyle="solid"
                        aria-label={t('item.recordFor', { name })}
                        value={votes.get(a.person.id) ?? null}
                        disabled={vote.isPending}
                        onChange={(e) => void cast(e.target.value as VoteChoice, a.person.id, name)}
                      >
                        {VOTES.map((v) => (
                          <Radio.Button key={v} value={v} data-testid={`record-${v}`}>
                            {t(`vote.${v}`)}
                          </Radio.Button>
                        ))}
                      </Radio.Group>
                    )}
                  </Space>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {open && iAmRecused && !item.may.vote && recordable === undefined && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('item.youAreRecused')} data-testid="you-are-recused" />
      )}

      {error && <Alert type="error" showIcon closable onClose={() => setError(null)} style={{ marginBottom: 12 }} title={error} data-testid="item-error" />}

      {(item.may.vote || item.may.recuse || item.may.decide) && (
        <Space wrap className="cm-actions">
          {item.may.vote &&
            VOTES.map((v) => (
              <Button
                key={v}
                type={item.my_vote === v ? 'primary' : 'default'}
                danger={v === 'against' && item.my_vote === v}
                loading={vote.isPending && vote.variables?.vote === v && !vote.variables?.personId}
                onClick={() => void cast(v)}
                data-testid={`vote-${v}`}
              >
                {t(`vote.${v}`)}
              </Button>
            ))}
          {item.may.vote && item.my_vote && <Typography.Text type="secondary">{t('item.myVote', { vote: t(`vote.${item.my_vote}`) })}</Typography.Text>}
          {item.may.recuse && (
            <Button onClick={() => setRecusing(true)} data-testid="item-recuse">
              {t('item.recuse')}
            </Button>
          )}
          {item.may.decide && (
            <Button type="primary" onClick={() => setDeciding(true)} data-testid="item-decide">
              {t('item.decide')}
            </Button>
          )}
        </Space>
      )}

      {recusing && <RecuseModal item={item} onClose={() => setRecusing(false)} />}
      {deciding && (
        <DecideModal
          item={item}
          onClose={() => setDeciding(false)}
          onError={(text) => {
            setError(text);
            setDeciding(false);
          }}
        />
      )}
    </Card>
  );
}

function RecuseModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useTranslation('committee');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const recuse = useCommitteeAction((reason: string) => committeeApi.recuse(item.id, reason));
  return (
    <Modal
      open
      title={t('item.recuseTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('item.recuse')}
      cancelText={t('common.cancel')}
      confirmLoading={recuse.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'recuse-submit' } as Record<`data-${string}`, string>}
    >
      <Typography.Paragraph type="secondary">{t('item.recuseText')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await recuse.mutateAsync(v.reason.trim());
            void message.success(t('item.recused'));
            onClose();
          } catch (error) {
            if (!showFieldError(form, error, t, ['reason'])) void message.error(errorMessage(error, t));
          }
        }}
      >
        <Form.Item
          name="reason"
          label={t('field.reason')}
          rules={[{ required: true, whitespace: true, message: t('item.recuseReasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} data-testid="recuse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The office closes the vote; a 409 (no quorum, nobody eligible, a written vote still open) goes back to the card. */
function DecideModal({ item, onClose, onError }: { item: Item; onClose: () => void; onError: (text: string) => void }) {
  const { t } = useTranslation('committee');
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const decide = useCommitteeAction((text: string) => committeeApi.decide(item.id, text));
  const tally = item.tally;
  return (
    <Modal
      open
      title={t('item.decideTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('item.decide')}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      okButtonProps={{ 'data-testid': 'decide-submit' } as Record<`data-${string}`, string>}
      onOk={async () => {
        try {
          await decide.mutateAsync(note.trim());
          void message.success(t('item.decided'));
          onClose();
        } catch (error) {
          const text = errorMessage(error, t);
          void message.error(text);
          onError(text);
        }
      }}
    >
      <Typography.Paragraph strong>{titleOf(item, currentLanguage())}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('item.tally', { for: tally.for, against: tally.against, abstain: tally.abstain, not_voted: tally.not_voted, eligible: tally.eligible })}
        <br />
        <Typography.Text type={tally.outcome === 'approved' ? 'success' : 'warning'}>{t(`item.outcome.${tally.outcome}`)}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('item.decideText')}</Typography.Paragraph>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        placeholder={t('item.decisionNote')}
        aria-label={t('item.decisionNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="decision-note"
      />
    </Modal>
  );
}
