// The pipeline funnel: projects at each stage as horizontal bars (plain CSS, no chart library).
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../shell/i18n';
import type { ChainStep } from './api';
import { funnelRows } from './model';

export function Funnel({ funnel, compact = false }: { funnel: Record<string, number>; compact?: boolean }) {
  const { t } = useTranslation('projects');
  const rows = funnelRows(funnel);
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <div className="projects-funnel" role="table" aria-label={t('portfolio.funnel')} data-testid="funnel">
      {rows.map((r) => (
        <div className="projects-funnel-row" role="row" key={r.stage} data-stage={r.stage} data-count={r.count}>
          <span role="cell" className="projects-funnel-label">
            {t(`stage.${r.stage}`)}
          </span>
          <span role="cell" className="projects-funnel-track">
            <span className="projects-funnel-bar" style={{ width: `${Math.max(r.count ? 4 : 0, (r.count / max) * 100)}%` }} />
          </span>
          <span role="cell" className="projects-funnel-count">
            {r.count}
            {!compact && <span className="muted"> / {t('portfolio.reached', { count: r.reached })}</span>}
          </span>
        </div>
      ))}
    </div>
  );
}

/**
 * The committee's whole chain centre-wide (SPEC §8): clinical needs → introductions → NDAs →
 * joint projects → inventions → licences → products with sales, as counts in order.
 */
export function Chain({ chain }: { chain: ChainStep[] }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const max = Math.max(1, ...chain.map((s) => s.count));
  return (
    <div className="projects-funnel" role="table" aria-label={t('portfolio.chain')} data-testid="chain">
      {chain.map((s) => (
        <div className="projects-funnel-row" role="row" key={s.code} data-step={s.code} data-count={s.count}>
          <span role="cell" className="projects-funnel-label">
            {language === 'ja' ? s.label_ja : s.label_en}
          </span>
          <span role="cell" className="projects-funnel-track">
            <span className="projects-funnel-bar chain" style={{ width: `${Math.max(s.count ? 4 : 0, (s.count / max) * 100)}%` }} />
          </span>
          <span role="cell" className="projects-funnel-count">
            {s.count}
          </span>
        </div>
      ))}
    </div>
  );
}
