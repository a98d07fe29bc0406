// Pure helpers of the contracts UI (unit-tested in logic.test.ts).
import type { Language, Organisation, OrganisationKind } from '../../shell/api';
import type { Project } from '../projects/api';
import { organisationPath } from '../people/orgTree';
import type { ContractSummary, Status, Terms } from './api';

export const STATUS_COLOURS: Record<Status, string> = {
  draft: 'default',
  internal_review: 'purple',
  negotiating: 'orange',
  approved: 'cyan',
  signed: 'blue',
  active: 'green',
  expired: 'default',
  terminated: 'red',
};

/** Forward steps first (the button the office presses most), steps back and termination after. */
const ORDER: Status[] = ['draft', 'internal_review', 'negotiating', 'approved', 'signed', 'active', 'expired', 'terminated'];
export function orderActions(current: Status, next: Status[]): { forward: Status[]; back: Status[]; terminate: boolean } {
  const at = ORDER.indexOf(current);
  return {
    forward: next.filter((s) => s !== 'terminated' && ORDER.indexOf(s) > at),
    back: next.filter((s) => s !== 'terminated' && ORDER.indexOf(s) < at),
    terminate: next.includes('terminated'),
  };
}

/** "12,000,000 円" / "JPY 12,000,000"; "" for none. */
export function formatYen(amount: number | null | undefined, language: 'ja' | 'en'): string {
  if (amount === null || amount === undefined) return '';
  const text = new Intl.NumberFormat('ja-JP').format(amount);
  return language === 'ja' ? `${text} 円` : `JPY ${text}`;
}

/** Days with one decimal under ten, whole days above ("—" when there is no data). */
/**
 * A number of days, written one way everywhere: to a tenth under ten days, whole above, and never
 * a needless ".0" (3 → "3", 2.46 → "2.5", 0.04 → "0", 12.6 → "13").
 */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  const rounded = days < 10 ? Math.round(days * 10) / 10 : Math.round(days);
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** The parties' names as one line, in the UI language. */
export function partyNames(c: Pick<ContractSummary, 'parties'>, language: 'ja' | 'en'): string {
  return c.parties.map((p) => (language === 'en' && p.name_en ? p.name_en : p.name_ja)).join(language === 'ja' ? '・' : ' / ');
}

/** Terms from the form: empty inputs become null; numbers stay numbers. */
export function termsFromForm(values: Record<string, unknown>): Partial<Terms> {
  const number = (v: unknown) => (v === '' || v === undefined || v === null ? null : Number(v));
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const date = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    ip_share_university: number(values.ip_share_university),
    ip_share_company: number(values.ip_share_company),
    publication_review_days: number(values.publication_review_days),
    confidentiality_years: number(values.confidentiality_years),
    indirect_cost_rate: number(values.indirect_cost_rate),
    amount_yen: number(values.amount_yen),
    payment_schedule: text(values.payment_schedule),
    starts_on: date(values.starts_on),
    ends_on: date(values.ends_on),
    renewal: (text(values.renewal) || 'none') as Terms['renewal'],
    purpose: text(values.purpose),
  };
}

/** The terms a type usually needs (the form shows these first). */
export function termFieldsFor(type: string): (keyof Terms)[] {
  const common: (keyof Terms)[] = ['purpose', 'starts_on', 'ends_on', 'renewal'];
  switch (type) {
    case 'nda':
      return [...common, 'confidentiality_years'];
    case 'joint_research':
      return [
        ...common,
        'ip_share_university',
        'ip_share_company',
        'publication_review_days',
        'confidentiality_years',
        'indirect_cost_rate',
        'amount_yen',
        'payment_schedule',
      ];
    case 'mta':
      return [...common, 'publication_review_days', 'amount_yen', 'payment_schedule'];
    case 'collaboration_fee':
      return [...common, 'indirect_cost_rate', 'amount_yen', 'payment_schedule'];
    default:
      return [...common, 'confidentiality_years', 'amount_yen', 'payment_schedule'];
  }
}

/** Splits "第3条, 第5条、第7条" into clause names. */
export function splitClauses(text: string): string[] {
  return text
    .split(/[,、，\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The kinds of organisation each side of a contract may be (甲: the university side, 乙: the company side). */
export const UNIVERSITY_SIDE: readonly OrganisationKind[] = ['university', 'faculty', 'department', 'hospital', 'other'];
export const COMPANY_SIDE: readonly OrganisationKind[] = ['company', 'division'];

/** 「JSR株式会社 研究開発部」: an organisation's name after the names above it. */
export function organisationLabel(flat: readonly Organisation[], id: string, language: Language): string {
  return organisationPath(flat, id)
    .map((o) => (language === 'en' && o.name_en ? o.name_en : o.name_ja))
    .join(language === 'en' ? ', ' : ' ');
}

/** The legal entity that signs for an organisation: the top of its tree (a department signs through its university). */
function signingEntity(flat: readonly Organisation[], id: string | null | undefined, side: readonly OrganisationKind[]) {
  if (!id) return undefined;
  const top = organisationPath(flat, id)[0];
  return top && top.active !== false && side.includes(top.kind) ? top.id : undefined;
}

/**
 * The parties a new contract of a project starts with: 甲 the university (or hospital) of the
 * PI's organisation, 乙 the project's sponsor company (else a partner company, else the company
 * lead's company). A side Renkei cannot tell is left for the office to choose.
 */
export function partiesFromProject(project: Project, flat: readonly Organisation[]): { party_a?: string; party_b?: string } {
  const members = project.members ?? [];
  const pi = members.find((m) => m.role === 'pi') ?? members.find((m) => m.person.id === project.pi?.id);
  const companyLead = members.find((m) => m.role === 'company_lead') ?? members.find((m) => m.person.id === project.company_lead?.id);
  const byRole = (role: string) =>
    (project.organisations ?? []).filter((o) => o.role === role).map((o) => signingEntity(flat, o.organisation_id, COMPANY_SIDE));
  const company = [...byRole('sponsor'), ...byRole('partner'), signingEntity(flat, companyLead?.organisation_id, COMPANY_SIDE)].find(Boolean);
  return { party_a: signingEntity(flat, pi?.organisation_id, UNIVERSITY_SIDE), party_b: company };
}
