// Small shared pieces of the open call pages: status tags, conflict reasons, names.
import { Tag, Tooltip, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import type { PersonRef } from './api';
import { fieldPath } from './model';

const CALL_COLOURS: Record<string, string> = { draft: 'default', open: 'green', review: 'blue', committee: 'purple', decided: 'gold' };
const PROPOSAL_COLOURS: Record<string, string> = { draft: 'default', submitted: 'blue', withdrawn: 'default', selected: 'green', not_selected: 'red' };
const CONFLICT_COLOURS: Record<string, string> = {
  applicant_or_team: 'red',
  same_department: 'orange',
  partner_coi: 'magenta',
  joint_project: 'volcano',
  office_forbidden: 'purple',
};

export function CallStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('opencall');
  return (
    <Tag color={CALL_COLOURS[status] ?? 'default'} data-testid="call-status">
      {t(`callStatus.${status}`)}
    </Tag>
  );
}

export function ProposalStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('opencall');
  return <Tag color={PROPOSAL_COLOURS[status] ?? 'default'}>{t(`proposalStatus.${status}`)}</Tag>;
}

/** The reasons a reviewer may not review a proposal, as readable labels (the rule in a tooltip). */
export function ConflictTags({ reasons }: { reasons: readonly string[] }) {
  const { t } = useTranslation('opencall');
  return (
    <>
      {reasons.map((reason) => (
        <Tooltip key={reason} title={t(`conflictHelp.${reason}`)}>
          <Tag color={CONFLICT_COLOURS[reason] ?? 'default'} data-testid={`conflict-${reason}`}>
            {t(`conflict.${reason}`)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}

export function PersonName({ person }: { person: PersonRef | null | undefined }) {
  return <>{displayName(person, currentLanguage())}</>;
}

/**
 * Shows a 422/409 on the form field the server named, list fields included ("criteria[1].weight").
 * Returns false when the field is not one of `roots`, or is one of the `lists` as a whole (the caller
 * shows the message elsewhere).
 */
export function showPathError(form: FormInstance, error: unknown, t: TFunction, roots: readonly string[], lists: readonly string[] = []): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const path = fieldPath(error.field);
  if (!path || !roots.includes(String(path[0]))) return false;
  // A whole list ("budgets") has no field of its own to carry the message.
  if (path.length === 1 && lists.includes(String(path[0]))) return false;
  const text = error.code === 'conflict' ? t('shell:errors.conflict', { message: error.message }) : t('shell:errors.invalid', { message: error.message });
  form.setFields([{ name: path, errors: [text] }]);
  form.scrollToField?.(path);
  return true;
}
