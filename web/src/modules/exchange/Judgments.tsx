// The office's one-click judgments on a need's suggested seeds (docs/exchange.md "The office's
// judgments"): 「関連あり」 puts a seed first for the need, 「関連なし」 drops it from the need's
// suggestions for everyone, each with an undo; a switch lists the seeds marked not relevant.
import { CheckOutlined, CloseOutlined, InfoCircleOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, List, Skeleton, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../shell/errors';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hitTitle, isTeaser, teaserTitle, useJudge, useNeedJudgments, useRanking, type Hit, type JudgedSeed } from './api';
import { HitCard } from './components';

/** The last click, so that it can be undone: the pair's judgment before it. */
interface LastClick {
  seedId: string;
  title: string;
  relevant: boolean;
  previous: boolean | null;
}

function judgedTitle(j: JudgedSeed, language: 'ja' | 'en') {
  return isTeaser(j.seed) ? teaserTitle(j.seed.teaser, language) : j.seed.title;
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

export function JudgedSeedList({ needId, hits, loading, empty }: { needId: string; hits: Hit[] | undefined; loading?: boolean; empty: string }) {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const language = currentLanguage();
  const judge = useJudge(needId);
  const [showDropped, setShowDropped] = useState(false);
  const judgments = useNeedJudgments(needId, showDropped);
  const [last, setLast] = useState<LastClick | null>(null);

  const click = (seedId: string, title: string, relevant: boolean | null, previous: boolean | null) =>
    judge.mutate(
      { seedId, relevant },
      {
        onSuccess: () => setLast(relevant === null ? null : { seedId, title, relevant, previous }),
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  const undo = () => {
    if (!last) return;
    judge.mutate({ seedId: last.seedId, relevant: last.previous }, { onSuccess: () => setLast(null), onError: (e) => void message.error(errorMessage(e, t)) });
  };
  const dropped = (judgments.data?.items ?? []).filter((j) => !j.relevant);

  return (
    <div data-testid="seed-judgments">
      {last && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="judgment-done"
          title={t(last.relevant ? 'judgments.markedRelevant' : 'judgments.markedNotRelevant', { title: last.title })}
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
                <HitCard hit={hit} showType={false} from={{ type: 'need', id: needId }} />
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
        (judgments.isPending ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : dropped.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('judgments.noneDropped')}
          </Typography.Paragraph>
        ) : (
          <List
            size="small"
            data-testid="dropped-seeds"
            dataSource={dropped}
            rowKey={(j) => j.seed_id}
            renderItem={(j) => (
              <List.Item
                actions={[
                  <Button
                    key="restore"
                    size="small"
                    icon={<UndoOutlined />}
                    disabled={judge.isPending}
                    onClick={() => click(j.seed_id, judgedTitle(j, language), null, false)}
                  >
                    {t('judgments.restore')}
                  </Button>,
                ]}
              >
                <Link to={`/exchange/seeds/${j.seed_id}`}>{judgedTitle(j, language)}</Link>
              </List.Item>
            )}
          />
        ))}
      <RankingNote />
    </div>
  );
}
