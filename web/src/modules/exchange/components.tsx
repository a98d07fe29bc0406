// Small shared pieces of the exchange pages: highlighted text, tags, score and reasons, result cards.
import { BulbOutlined, ExperimentOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Empty, List, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import type { Hit, Reason, Seed, Segment } from './api';
import { hitTitle, isTeaser, type ItemType } from './api';
import { personOf, scoreLevel } from './logic';
import './exchange.css';

export function Highlight({ segments, fallback }: { segments?: Segment[]; fallback?: string }) {
  if (!segments || segments.length === 0) return <>{fallback ?? ''}</>;
  return (
    <>
      {segments.map((segment, index) =>
        segment.hit ? (
          <mark key={index} className="ex-hit">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

export function AreaTag({ area }: { area?: string }) {
  const { t } = useTranslation('exchange');
  if (!area) return null;
  return <Tag color="blue">{t(`areas.${area}`, { defaultValue: area })}</Tag>;
}

export function TypeTag({ type }: { type: ItemType }) {
  const { t } = useTranslation('exchange');
  const icon = type === 'need' ? <BulbOutlined /> : type === 'seed' ? <ExperimentOutlined /> : <UserOutlined />;
  const color = type === 'need' ? 'volcano' : type === 'seed' ? 'green' : 'purple';
  return (
    <Tag icon={icon} color={color}>
      {t(`types.${type}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation('exchange');
  if (status === 'open') return null;
  return <Tag color={status === 'draft' ? 'gold' : 'default'}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}

export function ConfidentialTag() {
  const { t } = useTranslation('exchange');
  return (
    <Tag icon={<LockOutlined />} color="red" data-testid="confidential-tag">
      {t('detail.confidential')}
    </Tag>
  );
}

/** A teaser's lock in a result list: the details are behind an NDA. */
export function TeaserLockTag() {
  const { t } = useTranslation('exchange');
  return (
    <Tag icon={<LockOutlined />} color="red" data-testid="teaser-tag">
      {t('disclosure.teaserTag')}
    </Tag>
  );
}

export function ScoreBadge({ score }: { score: number | null }) {
  const { t } = useTranslation('exchange');
  if (score == null) return null;
  return (
    <Tooltip title={t('detail.scoreHelp')}>
      <span
        className={`ex-score ex-score-${scoreLevel(score)}`}
        data-testid="score"
        aria-label={`${t('detail.score', { score })}: ${t('detail.scoreHelp')}`}
        tabIndex={0}
      >
        {t('detail.score', { score })}
      </span>
    </Tooltip>
  );
}

export function Reasons({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation('exchange');
  if (!reasons.length) return null;
  return (
    <div className="ex-reasons" data-testid="reasons">
      <span className="muted">{t('detail.why')}:</span>{' '}
      {reasons.map((reason, index) => (
        <Tag
          key={index}
          color={reason.kind === 'concept' ? 'geekblue' : reason.kind === 'area' ? 'cyan' : reason.kind === 'office' ? 'green' : undefined}
          variant={reason.kind === 'word' ? 'filled' : 'outlined'}
        >
          {reason.kind === 'area' ? t(`areas.${reason.label}`, { defaultValue: reason.label }) : reason.label}
        </Tag>
      ))}
    </div>
  );
}

export function hitPath(hit: Pick<Hit, 'type' | 'id'>) {
  if (hit.type === 'need') return `/exchange/needs/${hit.id}`;
  if (hit.type === 'seed') return `/exchange/seeds/${hit.id}`;
  return `/exchange/people/${hit.id}`;
}

/** One search result or suggestion: type, title (highlighted), who, snippet, score and why. */
/** Where a suggestion was followed from: the own need or seed it was suggested for. */
export interface CameFrom {
  type: 'need' | 'seed';
  id: string;
}

export function HitCard({ hit, showType = true, from }: { hit: Hit; showType?: boolean; from?: CameFrom }) {
  const language = currentLanguage();
  const { t } = useTranslation('exchange');
  const person = personOf(hit);
  const teaser = isTeaser(hit.item);
  const item = hit.item as { kind?: Seed['kind']; confidential?: boolean; status?: string; area?: string };
  return (
    <div className={teaser ? 'ex-hit-card ex-hit-teaser' : 'ex-hit-card'} data-testid={teaser ? `hit-${hit.type}-teaser` : `hit-${hit.type}`}>
      {(showType || item.kind || item.confidential || (item.status && item.status !== 'open')) && (
        <Space size={4} wrap style={{ marginBottom: 4 }}>
          {showType && <TypeTag type={hit.type} />}
          {hit.type === 'seed' && item.kind && <Tag>{t(`kinds.${item.kind}`)}</Tag>}
          {item.confidential && (teaser ? <TeaserLockTag /> : <ConfidentialTag />)}
          {item.status && <StatusTag status={item.status} />}
        </Space>
      )}
      <div className="ex-hit-head">
        <Link to={hitPath(hit)} state={from ? { from } : undefined} className="ex-hit-title">
          {teaser && <LockOutlined aria-hidden />} {/* The highlight is of the Japanese title: in English a person's or a teaser's own English title. */}
          <Highlight segments={(hit.type === 'profile' || teaser) && language === 'en' ? undefined : hit.title_highlight} fallback={hitTitle(hit, language)} />
        </Link>
        <ScoreBadge score={hit.score} />
      </div>
      <div className="ex-hit-meta muted">
        {hit.type !== 'profile' && !teaser && (
          <>
            <UserOutlined /> {displayName(person, language)}
          </>
        )}
        {teaser && <span data-testid="teaser-hint">{t('disclosure.hitHint')}</span>}
        {item.area && <AreaTag area={item.area} />}
      </div>
      {hit.snippet && hit.snippet.length > 0 && (
        <Typography.Paragraph className="ex-snippet" style={{ marginBottom: 4 }}>
          <Highlight segments={hit.snippet} />
        </Typography.Paragraph>
      )}
      <Reasons reasons={hit.reasons} />
    </div>
  );
}

export function HitList({
  hits,
  loading,
  empty,
  showType,
  testId,
  from,
}: {
  hits: Hit[] | undefined;
  loading?: boolean;
  empty: string;
  showType?: boolean;
  testId?: string;
  /** The need or seed these hits were suggested for: "興味あり" on one of them starts from it. */
  from?: CameFrom;
}) {
  if (loading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!hits || hits.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      data-testid={testId}
      dataSource={hits}
      rowKey={(hit) => `${hit.type}-${hit.id}`}
      renderItem={(hit) => (
        <List.Item style={{ display: 'block', padding: '10px 0' }}>
          <HitCard hit={hit} showType={showType} from={from} />
        </List.Item>
      )}
    />
  );
}

export function Hint({ children }: { children: string }) {
  return (
    <Tooltip title={children}>
      <Typography.Text type="secondary" style={{ cursor: 'help' }}>
        ⓘ
      </Typography.Text>
    </Tooltip>
  );
}
