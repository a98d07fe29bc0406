// The ranking of a call's proposals by score, with each proposal's reviews. The office starts from
// Renkei's proposed selection (the best total score within the budget), may change it while the
// total is checked against the budget live, and sends it to the committee; a committee member
// reads it and approves or returns it with a note.
import { Alert, App, Button, Card, Checkbox, Empty, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, SendOutlined, WarningOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { opencallApi, useOpenCallAction, useRanking, type Call, type RankingRow } from './api';
import { PersonName, ProposalStatusTag } from './components';
import { checkSelection, formatScore, formatYen, initialSelection, labelOf, titleOf } from './model';

export function RankingSection({ call }: { call: Call }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const { message, modal } = App.useApp();
  const ranking = useRanking(call.id, true);
  const [changed, setChanged] = useState<Set<string> | null>(null);
  const [note, setNote] = useState('');
  const [decisionNote, setDecisionNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const send = useOpenCallAction((input: { ids: string[]; note: string }) => opencallApi.sendSelection(call.id, input.ids, input.note));
  const decide = useOpenCallAction((input: { approve: boolean; note: string }) => opencallApi.decide(call.id, input.approve, input.note));

  const rows = useMemo(() => ranking.data?.rows ?? [], [ranking.data]);
  const selectable = call.permissions.select && call.status === 'review';
  const selected = useMemo(() => changed ?? initialSelection(rows), [changed, rows]);
  const budget = ranking.data?.total_budget_yen ?? call.total_budget_yen;
  const cap = ranking.data?.per_project_cap_yen ?? call.per_project_cap_yen;
  const check = checkSelection(rows, selected, budget, cap);
  const proposedIds = new Set(ranking.data?.proposed.proposal_ids ?? []);
  const differsFromProposal = rows.some((r) => selected.has(r.proposal.id) !== proposedIds.has(r.proposal.id));

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setChanged(next);
  };

  const sendSelection = () =>
    modal.confirm({
      title: t('ranking.sendConfirm'),
      content: t('ranking.sendConfirmText', { count: check.count, total: formatYen(check.total, language) }),
      okText: t('ranking.send'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await send.mutateAsync({ ids: rows.filter((r) => selected.has(r.proposal.id)).map((r) => r.proposal.id), note: note.trim() });
          setChanged(null);
          void message.success(t('ranking.sent'));
        } catch (error) {
          void message.error(errorMessage(error, t));
        }
      },
    });

  const runDecision = (approve: boolean) => {
    if (!approve && !decisionNote.trim()) {
      setNoteError(true);
      return;
    }
    modal.confirm({
      title: approve ? t('decision.approveConfirm') : t('decision.returnConfirm'),
      content: approve ? t('decision.approveConfirmText') : t('decision.returnConfirmText'),
      okText: approve ? t('decision.approve') : t('decision.return'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await decide.mutateAsync({ approve, note: decisionNote.trim() });
          void message.success(approve ? t('decision.approved') : t('decision.returned'));
        } catch (error) {
          void message.error(errorMessage(error, t));
        }
      },
    });
  };

  const criteria = call.criteria;

  return (
    <Card title={t('ranking.title')} style={{ marginBottom: 16 }} data-testid="ranking">
      {ranking.isError ? (
        <Alert type="error" showIcon title={errorMessage(ranking.error, t)} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {(ranking.data?.normalise ?? call.normalise) ? t('ranking.introNormalised') : t('ranking.intro')}
          </Typography.Paragraph>
          <div className="oc-totals" data-testid="selection-totals" style={{ marginBottom: 12 }}>
            <span>{t('ranking.selectedCount', { count: check.count })}</span>
            <span className={check.overBudget ? 'oc-over' : undefined} data-testid="selection-total">
              {t('ranking.totalOfBudget', { total: formatYen(check.total, language), budget: formatYen(budget, language) })}
            </span>
            <span className={check.overBudget ? 'oc-over' : undefined}>
              {check.overBudget
                ? t('ranking.over', { amount: formatYen(-check.remaining, language) })
                : t('ranking.remaining', { amount: formatYen(check.remaining, language) })}
            </span>
            {ranking.data && (
              <Typography.Text type="secondary">
                {t('ranking.proposedTotals', {
                  total: formatYen(ranking.data.proposed.total_requested_yen, language),
                  score: formatScore(ranking.data.proposed.total_score),
                })}
              </Typography.Text>
            )}
          </div>
          {check.overBudget && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('ranking.overBudget')} data-testid="over-budget" />}
          {check.aboveCap.length > 0 && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('ranking.aboveCap', { cap: formatYen(cap, language) })} />
          )}
          <ResponsiveTable<RankingRow>
            rowKey={(r) => r.proposal.id}
            size="small"
            data-testid="ranking-table"
            cardTestId="ranking-card"
            loading={ranking.isPending}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 960 }}
            locale={{ emptyText: <Empty description={t('ranking.empty')} /> }}
            expandable={{
              rowExpandable: (r) => r.reviews.length > 0,
              expandedRowRender: (r) => (
                <Table
                  size="small"
                  rowKey={(x) => x.reviewer.id}
                  pagination={false}
                  dataSource={r.reviews}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { key: 'reviewer', title: t('ranking.reviewer'), render: (_, x) => <PersonName person={x.reviewer} /> },
                    ...criteria.map((c) => ({
                      key: c.code,
                      title: labelOf(c, language),
                      align: 'center' as const,
                      render: (_: unknown, x: RankingRow['reviews'][number]) => x.scores[c.code] ?? '—',
                    })),
                    { key: 'weighted', title: t('ranking.weighted'), align: 'right', render: (_, x) => formatScore(x.weighted) },
                    {
                      key: 'comment',
                      title: t('ranking.comment'),
                      render: (_, x) => <span style={{ whiteSpace: 'pre-wrap' }}>{x.comment}</span>,
                    },
                  ]}
                />
              ),
            }}
            columns={[
              { key: 'rank', title: '#', width: 48, card: 'hidden', render: (_, _r, i) => i + 1 },
              {
                key: 'title',
                card: 'title',
                title: t('field.title'),
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    <Space wrap size={4}>
                      <Link to={`/opencall/proposals/${r.proposal.id}`}>{titleOf(r.proposal, language)}</Link>
                      {r.proposed && <Tag color="gold">{t('ranking.proposedTag')}</Tag>}
                      {call.status !== 'review' && call.status !== 'committee' && <ProposalStatusTag status={r.proposal.status} />}
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <PersonName person={r.proposal.applicant} />
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                key: 'score',
                title: t('ranking.score'),
                width: 90,
                align: 'right',
                render: (_, r) => <strong data-testid="ranking-score">{formatScore(r.score)}</strong>,
              },
              {
                key: 'spread',
                title: t('ranking.spread'),
                width: 150,
                render: (_, r) => (
                  <Space size={4} wrap>
                    <span>{formatScore(r.spread)}</span>
                    {r.disagreement && (
                      <Tooltip title={t('ranking.disagreementHelp', { threshold: call.disagreement_threshold })}>
                        <Tag color="orange" icon={<WarningOutlined />} data-testid="disagreement">
                          {t('ranking.disagreement')}
                        </Tag>
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              {
                key: 'reviews',
                title: t('ranking.reviewsDone'),
                width: 90,
                render: (_, r) => (
                  <span style={{ color: r.reviews_done < r.reviews_expected ? '#d46b08' : undefined }}>
                    {r.reviews_done} / {r.reviews_expected}
                  </span>
                ),
              },
              {
                key: 'requested',
                title: t('field.requested'),
                width: 150,
                align: 'right',
                render: (_, r) => (
                  <Space size={4} wrap>
                    <span>{formatYen(r.proposal.requested_yen, language)}</span>
                    {!r.eligible && <Tag color="red">{t('ranking.ineligible')}</Tag>}
                  </Space>
                ),
              },
              {
                key: 'select',
                title: t('ranking.select'),
                width: 90,
                card: 'actions',
                render: (_, r) => (
                  <Checkbox
                    checked={selected.has(r.proposal.id)}
                    disabled={!selectable || (!r.eligible && !selected.has(r.proposal.id))}
                    onChange={(e) => toggle(r.proposal.id, e.target.checked)}
                    data-testid={`select-${r.proposal.id}`}
                  >
                    {t('ranking.selectShort')}
                  </Checkbox>
                ),
              },
            ]}
          />
          {selectable && (
            <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
              {differsFromProposal && <Alert type="info" showIcon title={t('ranking.changed')} />}
              <Input.TextArea
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('ranking.notePlaceholder')}
                aria-label={t('ranking.note')}
                maxLength={4000}
                data-testid="selection-note"
              />
              <Space wrap>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  disabled={check.overBudget || check.aboveCap.length > 0 || check.count === 0}
                  loading={send.isPending}
                  onClick={sendSelection}
                  data-testid="selection-send"
                >
                  {t('ranking.send')}
                </Button>
                {changed && <Button onClick={() => setChanged(null)}>{t('ranking.reset')}</Button>}
              </Space>
            </Space>
          )}
          {call.permissions.decide && (
            <Card size="small" title={t('decision.title')} style={{ marginTop: 16 }} data-testid="decision">
              <Typography.Paragraph type="secondary">{t('decision.intro')}</Typography.Paragraph>
              <Input.TextArea
                rows={3}
                value={decisionNote}
                status={noteError ? 'error' : undefined}
                onChange={(e) => {
                  setDecisionNote(e.target.value);
                  setNoteError(false);
                }}
                placeholder={t('decision.notePlaceholder')}
                aria-label={t('decision.note')}
                maxLength={4000}
                data-testid="decision-note"
              />
              {noteError && (
                <Typography.Text type="danger" data-testid="decision-note-error">
                  {t('decision.noteRequired')}
                </Typography.Text>
              )}
              <Space wrap style={{ marginTop: 8, display: 'flex' }}>
                <Button type="primary" icon={<CheckOutlined />} loading={decide.isPending} onClick={() => runDecision(true)} data-testid="decision-approve">
                  {t('decision.approve')}
                </Button>
                <Button danger icon={<RollbackOutlined />} loading={decide.isPending} onClick={() => runDecision(false)} data-testid="decision-return">
                  {t('decision.return')}
                </Button>
              </Space>
            </Card>
          )}
        </>
      )}
    </Card>
  );
}
