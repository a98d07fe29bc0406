// Small shared pieces of the committee pages: tags for the codes the server speaks, a recusal's
// reason in words, names.
import { Tag, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import type { PersonRef, Recusal } from './api';

const STATUS_COLOURS: Record<string, string> = { planned: 'blue', sent: 'purple', closed: 'green' };
const KIND_COLOURS: Record<string, string> = { regular: 'default', extraordinary: 'orange' };
const ITEM_COLOURS: Record<string, string> = {
  project_proposal: 'geekblue',
  stage_gate: 'purple',
  opencall_selection: 'cyan',
  budget_change: 'gold',
  approval: 'magenta',
  other: 'default',
};
const DECISION_COLOURS: Record<string, string> = { approved: 'green', rejected: 'red', open: 'default' };
const VOTE_COLOURS: Record<string, string> = { for: 'green', against: 'red', abstain: 'default' };

export function MeetingKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation('committee');
  return <Tag color={KIND_COLOURS[kind] ?? 'default'}>{t(`meetingKind.${kind}`)}</Tag>;
}

export function MeetingStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('committee');
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} data-testid="meeting-status">
      {t(`meetingStatus.${status}`)}
    </Tag>
  );
}

export function ItemKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation('committee');
  return <Tag color={ITEM_COLOURS[kind] ?? 'default'}>{t(`itemKind.${kind}`)}</Tag>;
}

export function DecisionTag({ decision }: { decision: string | null }) {
  const { t } = useTranslation('committee');
  const key = decision ?? 'open';
  return (
    <Tag color={DECISION_COLOURS[key] ?? 'default'} data-testid="item-decision">
      {t(`decision.${key}`)}
    </Tag>
  );
}

export function SideTag({ side }: { side: string }) {
  const { t } = useTranslation('committee');
  return <Tag color={side === 'company' ? 'gold' : 'blue'}>{t(`side.${side}`)}</Tag>;
}

export function VoteTag({ vote }: { vote: string | null }) {
  const { t } = useTranslation('committee');
  return <Tag color={vote ? (VOTE_COLOURS[vote] ?? 'default') : 'default'}>{t(`vote.${vote ?? 'none'}`)}</Tag>;
}

export function PersonName({ person }: { person: PersonRef | null | undefined }) {
  return <>{displayName(person, currentLanguage())}</>;
}

/**
 * Why a member stands aside, in words: the reason, and what it is about — the role on the project
 * (案件の関係者（研究責任者）), the company (相手先企業の所属（JSR株式会社）) or the member's own reason.
 */
export function useRecusalText() {
  const { t } = useTranslation('committee');
  return (recusal: Pick<Recusal, 'reason' | 'detail' | 'detail_en'>) => {
    const reason = t(`recusal.${recusal.reason}`, { defaultValue: recusal.reason });
    const raw = (currentLanguage() === 'en' && recusal.detail_en ? recusal.detail_en : recusal.detail).trim();
    if (!raw) return reason;
    const detail = recusal.reason === 'project_member' ? t(`role.${raw}`, { defaultValue: raw }) : raw;
    if (recusal.reason === 'declared') return `${reason}: ${detail}`;
    return currentLanguage() === 'ja' ? `${reason}（${detail}）` : `${reason} (${detail})`;
  };
}

/**
 * Shows a 422/409 on the form field the server named, through `map` where the form's field has
 * another name (starts_at → start). False when it is none of the form's fields.
 */
export function showMappedError(form: FormInstance, error: unknown, t: TFunction, fields: readonly string[], map: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const field = map[error.field] ?? error.field;
  if (!fields.includes(field)) return false;
  const text = error.code === 'conflict' ? t('shell:errors.conflict', { message: error.message }) : t('shell:errors.invalid', { message: error.message });
  form.setFields([{ name: field, errors: [text] }]);
  form.scrollToField?.(field);
  return true;
}
