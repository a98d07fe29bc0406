// The office's reviewer assignment: who reviews each proposal (with their expertise), who may not
// and why, the pairs the office pinned or forbade, the reviewers' loads, and "割当を計算"; when no
// assignment exists, the server's reasons naming the proposals.
import { Alert, App, Button, Card, Empty, Select, Space, Tag, Typography } from 'antd';
import { CalculatorOutlined, CloseOutlined, LockOutlined, PushpinOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { AssignmentRefused, opencallApi, useAssignment, useOpenCallAction, type Assignment, type Call, type Pair, type Refusal } from './api';
import { ConflictTags, PersonName } from './components';
import { ruleOf, titleOf, withPair } from './model';

type Row = Assignment['proposals'][number];

export function AssignmentSection({ call }: { call: Call }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const { message } = App.useApp();
  const assignment = useAssignment(call.id, true);
  const [refusals, setRefusals] = useState<Refusal[] | null>(null);
  const solve = useOpenCallAction(() => opencallApi.solve(call.id));
  const setPairs = useOpenCallAction((pairs: Pair[]) => opencallApi.setPairs(call.id, pairs));
  const data = assignment.data;
  const editable = call.status === 'open' || call.status === 'review';

  const personName = (id: string | null) => {
    if (!id || !data) return '';
    const found = data.reviewers.find((r) => r.person.id === id)?.person ?? call.reviewers.find((r) => r.person.id === id)?.person;
    return found ? displayName(found, language) : id;
  };
  const proposalTitle = (id: string | null) => {
    if (!id || !data) return '';
    const found = data.proposals.find((p) => p.id === id);
    return found ? titleOf(found, language) : id;
  };

  const changePair = async (proposalId: string, personId: string, rule: 'pin' | 'forbid' | null) => {
    if (!data) return;
    try {
      await setPairs.mutateAsync(withPair(data.pairs, proposalId, personId, rule));
      void message.success(t('assignment.pairsSaved'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  const runSolve = async () => {
    try {
      await solve.mutateAsync(undefined);
      setRefusals(null);
      void message.success(t('assignment.solved'));
    } catch (error) {
      if (error instanceof AssignmentRefused) setRefusals(error.refusals);
      else void message.error(errorMessage(error, t));
    }
  };

  return (
    <Card
      title={t('assignment.title')}
      style={{ marginBottom: 16 }}
      data-testid="assignment"
      extra={
        editable && (
          <Button type="primary" icon={<CalculatorOutlined />} loading={solve.isPending} onClick={() => void runSolve()} data-testid="assignment-solve">
            {t('assignment.solve')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('assignment.intro', { count: call.reviews_per_proposal })}</Typography.Paragraph>
      {assignment.isError && <Alert type="error" showIcon title={errorMessage(assignment.error, t)} />}
      {refusals && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefusals(null)}
          style={{ marginBottom: 16 }}
          data-testid="assignment-refusals"
          title={t('assignment.refused')}
          description={
            <ul className="oc-rows">
              {refusals.map((r, i) => (
                <li key={i} data-testid="refusal">
                  <Space orientation="vertical" size={0}>
                    <Space wrap size={4}>
                      <Tag color="red">{t(`refusal.${r.kind}`, { defaultValue: r.kind })}</Tag>
                      <span>{r.message}</span>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[
                        r.proposal_id ? t('assignment.refusalProposal', { title: proposalTitle(r.proposal_id) }) : '',
                        r.person_id ? t('assignment.refusalPerson', { name: personName(r.person_id) }) : '',
                        t('assignment.neededAvailable', { needed: r.needed, available: r.available }),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  </Space>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {data && (
        <>
          {data.stale && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('assignment.stale')} data-testid="assignment-stale" />}
          {data.solved ? (
            <Typography.Paragraph data-testid="assignment-summary">
              {t('assignment.summary', { at: formatDateTime(data.solved_at, language), total: data.total_expertise.toFixed(2) })}
            </Typography.Paragraph>
          ) : (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('assignment.notSolved')} />
          )}
          <ResponsiveTable<Row>
            rowKey="id"
            size="small"
            data-testid="assignment-table"
            cardTestId="assignment-card"
            dataSource={data.proposals}
            pagination={false}
            scroll={{ x: 980 }}
            locale={{ emptyText: <Empty description={t('call.noProposals')} /> }}
            columns={[
              {
                key: 'proposal',
                card: 'title',
                title: t('assignment.proposal'),
                width: 220,
                render: (_, row) => (
                  <Space orientation="vertical" size={0}>
                    <Link to={`/opencall/proposals/${row.id}`}>{titleOf(row, language)}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <PersonName person={row.applicant} />
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                key: 'reviewers',
                title: t('assignment.reviewers'),
                width: 280,
                render: (_, row) =>
                  row.reviewers.length ? (
                    <ul className="oc-plain-list">
                      {row.reviewers.map((r) => (
                        <li key={r.person.id} data-testid="assigned-reviewer">
                          <Space wrap size={4}>
                            <PersonName person={r.person} />
                            <Tag>{t('assignment.expertise', { value: r.expertise.toFixed(2) })}</Tag>
                            {r.pinned && (
                              <Tag color="blue" icon={<LockOutlined />}>
                                {t('assignment.pinned')}
                              </Tag>
                            )}
                            {editable && !r.pinned && (
                              <Button size="small" type="link" onClick={() => void changePair(row.id, r.person.id, 'pin')}>
                                {t('assignment.pin')}
                              </Button>
                            )}
                            {editable && (
                              <Button size="small" type="link" danger onClick={() => void changePair(row.id, r.person.id, 'forbid')}>
                                {t('assignment.forbid')}
                              </Button>
                            )}
                          </Space>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Typography.Text type="secondary">{t('assignment.none')}</Typography.Text>
                  ),
              },
              {
                key: 'excluded',
                title: t('assignment.excluded'),
                width: 300,
                render: (_, row) =>
                  row.excluded.length ? (
                    <ul className="oc-plain-list">
                      {row.excluded.map((x) => (
                        <li key={x.person.id} data-testid="excluded-reviewer">
                          <Space wrap size={4}>
                            <PersonName person={x.person} />
                            <ConflictTags reasons={x.reasons} />
                            {editable && x.reasons.includes('office_forbidden') && (
                              <Button size="small" type="link" onClick={() => void changePair(row.id, x.person.id, null)}>
                                {t('assignment.allow')}
                              </Button>
                            )}
                          </Space>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Typography.Text type="secondary">{t('assignment.noneExcluded')}</Typography.Text>
                  ),
              },
              {
                key: 'pairs',
                title: t('assignment.pairs'),
                width: 300,
                render: (_, row) => (
                  <PairControls
                    row={row}
                    assignment={data}
                    editable={editable}
                    busy={setPairs.isPending}
                    personName={personName}
                    onChange={(personId, rule) => void changePair(row.id, personId, rule)}
                  />
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('assignment.loads')}
          </Typography.Title>
          <Space wrap size={[8, 8]} data-testid="assignment-loads">
            {data.reviewers.map((r) => (
              <Tag key={r.person.id} color={r.load > r.load_cap ? 'red' : r.load === r.load_cap ? 'orange' : undefined}>
                <PersonName person={r.person} /> {t('assignment.load', { load: r.load, cap: r.load_cap })}
              </Tag>
            ))}
          </Space>
        </>
      )}
    </Card>
  );
}

/** The pairs the office set for one proposal, and a control to pin or forbid another reviewer. */
function PairControls({
  row,
  assignment,
  editable,
  busy,
  personName,
  onChange,
}: {
  row: Row;
  assignment: Assignment;
  editable: boolean;
  busy: boolean;
  personName: (id: string) => string;
  onChange: (personId: string, rule: 'pin' | 'forbid' | null) => void;
}) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const [person, setPerson] = useState<string | undefined>(undefined);
  const pairs = assignment.pairs.filter((p) => p.proposal_id === row.id);
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {pairs.length > 0 && (
        <Space wrap size={4}>
          {pairs.map((p) => (
            <Tag
              key={p.person_id}
              color={p.rule === 'pin' ? 'blue' : 'purple'}
              icon={p.rule === 'pin' ? <PushpinOutlined /> : <StopOutlined />}
              closable={editable}
              closeIcon={<CloseOutlined aria-label={t('assignment.clearPair')} />}
              onClose={(e) => {
                e.preventDefault();
                onChange(p.person_id, null);
              }}
              data-testid="pair-tag"
            >
              {personName(p.person_id)} · {t(`assignment.rule.${p.rule}`)}
            </Tag>
          ))}
        </Space>
      )}
      {editable && (
        <Space wrap size={4}>
          <Select
            size="small"
            style={{ width: 170 }}
            placeholder={t('assignment.choose')}
            value={person}
            onChange={setPerson}
            showSearch
            optionFilterProp="label"
            options={assignment.reviewers.map((r) => ({
              value: r.person.id,
              label: displayName(r.person, language),
              disabled: !!ruleOf(assignment.pairs, row.id, r.person.id),
            }))}
            aria-label={t('assignment.choose')}
            data-testid="pair-person"
          />
          <Button
            size="small"
            icon={<PushpinOutlined />}
            disabled={!person}
            loading={busy}
            onClick={() => {
              if (person) onChange(person, 'pin');
              setPerson(undefined);
            }}
            data-testid="pair-pin"
          >
            {t('assignment.pin')}
          </Button>
          <Button
            size="small"
            danger
            icon={<StopOutlined />}
            disabled={!person}
            loading={busy}
            onClick={() => {
              if (person) onChange(person, 'forbid');
              setPerson(undefined);
            }}
            data-testid="pair-forbid"
          >
            {t('assignment.forbid')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
