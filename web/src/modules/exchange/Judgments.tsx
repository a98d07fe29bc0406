// The office's one-click judgments on a need's suggested seeds, or a seed's suggested needs
// (docs/exchange.md "The office's judgments"): 「関連あり」 puts the item first, 「関連なし」 drops
// the pair from both sides' suggestions for everyone, each with an undo; a switch lists the items
// marked not relevant.
import { CheckOutlined, CloseOutlined, InfoCircleOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, List, Skeleton, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../shell/errors';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import {
  hitTitle,
  isTeaser,
  teaserTitle,
  useJudge,
  useNeedJudgments,
  useRanking,
  useSeedJudgments,
  type Hit,
  type Judgment,
  type Need,
  type Seed,
  type TeaserItem,
} from './api';
import { HitCard } from './components';

/** The last click, so that it can be undone: the pair's judgment before it. */
interface LastClick {
  otherId: string;
  title: string;
  relevant: boolean;
  previous: boolean | null;
}

/** A judgment with the other side's item (a seed on a need's page, a need on a seed's). */
interface JudgedOther extends Judgment {
  otherId: string;
  item: Need | Seed | TeaserItem;
}

function itemTitle(item: Need | Seed | TeaserItem, language: 'ja' | 'en') {
  return isTeaser(item) ? teaserTitle(item.teaser, language) : item.title;
}

/** How the suggestions above are ordered: the shipped model, or the one learnt from the centre's decisions. */
export function RankingNote() {
  const { t } = useTranslation('exchange');
  const language = currentLanguage();
  const ranking = useRanking();
  if (!ranking.data) return null;
  const run = ranking.data.run;
  const date = run ? formatDateTime(run.trained_at, language).slice(0, 10) : '';
  const text = !run
    ? t('judgments.rankingShipped')
    : run.adopted
      ? t('judgments.rankingLearnt', { date, lists: run.lists, decisions: run.decisions, before: run.ndcg_before.toFixed(2), after: run.ndcg_after.toFixed(2) })
      : t('judgments.rankingNotAdopted', { date });
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }} data-testid="ranking-note">
      <InfoCircleOutlined style={{ marginRight: 4 }} />
      {text}
    </Typography.Paragraph>
  );
}

/**
 * The suggestions of `subjectId` (a need's seeds, or a seed's needs) with the office's two buttons
 * under each. `side` is the subject's type.
 */
export function JudgedList({
  side,
  subjectId,
  hits,
  loading,
  empty,
}: {
  side: 'need' | 'seed';
  subjectId: string;
  hits: Hit[] | undefined;
  loading?: boolean;
  empty: string;
}) {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const language = currentLanguage();
  const judge = useJudge();
  const [showDropped, setShowDropped] = useState(false);
  const needJudgments = useNeedJudgments(subjectId, side === 'need' && showDropped);
  const seedJudgments = useSeedJudgments(subjectId, side === 'seed' && showDropped);
  const [last, setLast] = useState<LastClick | null>(null);
  const other = side === 'need' ? 'seed' : 'need';
  const pair = (otherId: string) => (side === 'need' ? { needId: subjectId, seedId: otherId } : { needId: otherId, seedId: subjectId });

  const click = (otherId: string, title: string, relevant: boolean | null, previous: boolean | null) =>
    judge.mutate(
      { ...pair(otherId), relevant },
      {
        onSuccess: () => setLast(relevant === null ? null : { otherId, title, relevant, previous }),
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  const undo = () => {
    if (!last) return;
    judge.mutate(
      { ...pair(last.otherId), relevant: last.previous },
      { onSuccess: () => setLast(null), onError: (e) => void message.error(errorMessage(e, t)) },
    );
  };
  const judgments: JudgedOther[] =
    side === 'need'
      ? (needJudgments.data?.items ?? []).map((j) => ({ ...j, otherId: j.seed_id, item: j.seed }))
      : (seedJudgments.data?.items ?? []).map((j) => ({ ...j, otherId: j.need_id, item: j.need }));
  const judgmentsPending = side === 'need' ? needJudgments.isPending : seedJudgments.isPending;
  const dropped = judgments.filter((j) => !j.relevant);
  const done = (relevant: boolean) => `judgments.${relevant ? 'markedRelevant' : 'markedNotRelevant'}${side === 'seed' ? 'ForSeed' : ''}`;

  return (
    <div data-testid={`${other}-judgments`}>
      {last && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="judgment-done"
          title={t(done(last.relevant), { title: last.title })}
          action={
            <Button size="small" icon={<UndoOutlined />} onClick={undo} loading={judge.isPending} data-testid="judgment-undo">
              {t('judgments.undo')}
            </Button>
          }
        />
      )}
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : !hits || hits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <List
          dataSource={hits}
          rowKey={(hit) => `${hit.type}-${hit.id}`}
          renderItem={(hit) => {
            const title = hitTitle(hit, language);
            const judged = hit.judgment?.relevant ?? null;
            return (
              <List.Item style={{ display: 'block', padding: '10px 0' }} data-testid={`judged-${hit.id}`}>
                <HitCard hit={hit} showType={false} from={{ type: side, id: subjectId }} />
                <Space size={4} style={{ marginTop: 4 }}>
                  <Button
                    size="small"
                    type={judged === true ? 'primary' : 'default'}
                    aria-pressed={judged === true}
                    icon={<CheckOutlined />}
                    disabled={judge.isPending}
                    onClick={() => click(hit.id, title, judged === true ? null : true, judged)}
                  >
                    {t('judgments.relevant')}
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} disabled={judge.isPending} onClick={() => click(hit.id, title, false, judged)}>
                    {t('judgments.notRelevant')}
                  </Button>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      <Space size={8} style={{ marginTop: 8 }}>
        <Switch size="small" checked={showDropped} onChange={setShowDropped} aria-label={t('judgments.showDropped')} />
        <Typography.Text type="secondary">{t('judgments.showDropped')}</Typography.Text>
      </Space>
      {showDropped &&
        (judgmentsPending ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : dropped.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('judgments.noneDropped')}
          </Typography.Paragraph>
        ) : (
          <List
            size="small"
            data-testid={`dropped-${other}s`}
            dataSource={dropped}
            rowKey={(j) => j.otherId}
            renderItem={(j) => (
              <List.Item
                actions={[
                  <Button
                    key="restore"
                    size="small"
                    icon={<UndoOutlined />}
                    disabled={judge.isPending}
                    onClick={() => click(j.otherId, itemTitle(j.item, language), null, false)}
                  >
                    {t('judgments.restore')}
                  </Button>,
                ]}
              >
                <Link to={`/exchange/${other}s/${j.otherId}`}>{itemTitle(j.item, language)}</Link>
              </List.Item>
            )}
          />
        ))}
      <RankingNote />
    </div>
  );
}
