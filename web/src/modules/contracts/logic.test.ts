import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './api';
import type { Organisation } from '../../shell/api';
import type { Project } from '../projects/api';
import { formatDays, formatYen, orderActions, organisationLabel, partiesFromProject, partyNames, splitClauses, termFieldsFor, termsFromForm } from './logic';

describe('contracts logic', () => {
  it('orders status actions: forward, back, terminate', () => {
    expect(orderActions('negotiating', ['internal_review', 'approved', 'terminated'])).toEqual({
      forward: ['approved'],
      back: ['internal_review'],
      terminate: true,
    });
    expect(orderActions('expired', [])).toEqual({ forward: [], back: [], terminate: false });
  });

  it('formats yen and days', () => {
    expect(formatYen(12000000, 'ja')).toBe('12,000,000 円');
    expect(formatYen(0, 'en')).toBe('JPY 0');
    expect(formatYen(null, 'ja')).toBe('');
    expect(formatDays(null)).toBe('—');
    expect(formatDays(3.14)).toBe('3.1');
    expect(formatDays(12.6)).toBe('13');
    // One way for whole days, whatever the source: "3", never "3.0"; nothing at all is "0".
    expect(formatDays(3)).toBe('3');
    expect(formatDays(3.0001)).toBe('3');
    expect(formatDays(0)).toBe('0');
    expect(formatDays(0.04)).toBe('0');
  });

  it('joins party names in the UI language', () => {
    const c = {
      parties: [
        { name_ja: '慶應義塾大学', name_en: 'Keio University' },
        { name_ja: 'JSR株式会社', name_en: '' },
      ],
    } as never;
    expect(partyNames(c, 'ja')).toBe('慶應義塾大学・JSR株式会社');
    expect(partyNames(c, 'en')).toBe('Keio University / JSR株式会社');
  });

  it('turns the form into terms with nulls for empty inputs', () => {
    const t = termsFromForm({ amount_yen: '1200000', ip_share_university: '', starts_on: '2026-04-01', ends_on: '', purpose: '共同検討' });
    expect(t.amount_yen).toBe(1200000);
    expect(t.ip_share_university).toBeNull();
    expect(t.starts_on).toBe('2026-04-01');
    expect(t.ends_on).toBeNull();
    expect(t.renewal).toBe('none');
    expect(t.purpose).toBe('共同検討');
  });

  it('shows the terms a type needs', () => {
    expect(termFieldsFor('nda')).toContain('confidentiality_years');
    expect(termFieldsFor('nda')).not.toContain('ip_share_company');
    expect(termFieldsFor('joint_research')).toContain('ip_share_company');
  });

  it('splits clauses on Japanese and Latin commas', () => {
    expect(splitClauses('第3条、第5条, 第7条\n第9条 ,')).toEqual(['第3条', '第5条', '第7条', '第9条']);
  });

  it('reads the UTF-8 file name of a download', () => {
    expect(fileNameFrom('attachment; filename="contract.docx"; filename*=UTF-8\'\'%E7%A7%98%E5%AF%86.docx', 'x')).toBe('秘密.docx');
    expect(fileNameFrom('attachment; filename="a.docx"', 'x')).toBe('a.docx');
    expect(fileNameFrom(null, 'x')).toBe('x');
  });

  const org = (id: string, kind: Organisation['kind'], name_ja: string, parent_id: string | null = null, active = true) =>
    ({ id, kind, name_ja, name_en: '', name_kana: '', parent_id, active }) as unknown as Organisation;
  const orgs = [
    org('keio', 'university', '慶應義塾大学'),
    org('med', 'faculty', '医学部', 'keio'),
    org('cardio', 'department', '循環器内科学教室', 'med'),
    org('jsr', 'company', 'JSR株式会社'),
    org('jsr-rd', 'division', '研究開発部', 'jsr'),
    org('medi', 'company', '信濃町メディテック株式会社'),
    org('gone', 'company', '解散した会社', null, false),
  ];
  const project = (over: Partial<Project>) =>
    ({ id: 'p', pi: { id: 'tanaka', name_ja: '田中', name_en: '' }, company_lead: null, members: [], organisations: [], ...over }) as Project;

  it('names an organisation after the ones above it', () => {
    expect(organisationLabel(orgs, 'jsr-rd', 'ja')).toBe('JSR株式会社 研究開発部');
    expect(organisationLabel(orgs, 'cardio', 'ja')).toBe('慶應義塾大学 医学部 循環器内科学教室');
    expect(organisationLabel(orgs, 'keio', 'ja')).toBe('慶應義塾大学');
    expect(organisationLabel(orgs, 'nowhere', 'ja')).toBe('');
  });

  it("takes the parties of a project: the PI's university and the sponsor before a partner or the lead's company", () => {
    const p = project({
      members: [
        { person: { id: 'tanaka', name_ja: '田中', name_en: '' }, role: 'pi', organisation_id: 'cardio' },
        { person: { id: 'mori', name_ja: '森', name_en: '' }, role: 'company_lead', organisation_id: 'jsr-rd' },
      ],
      organisations: [
        { organisation_id: 'medi', role: 'partner', name_ja: '', name_en: '' },
        { organisation_id: 'jsr', role: 'sponsor', name_ja: '', name_en: '' },
      ],
    });
    expect(partiesFromProject(p, orgs)).toEqual({ party_a: 'keio', party_b: 'jsr' });
    // No company named on the project: the company lead's company (the top of its tree).
    expect(partiesFromProject({ ...p, organisations: [] }, orgs)).toEqual({ party_a: 'keio', party_b: 'jsr' });
    // A deactivated company or a PI without an organisation: that side is left to the office.
    expect(
      partiesFromProject(
        project({
          members: [{ person: { id: 'tanaka', name_ja: '田中', name_en: '' }, role: 'pi', organisation_id: null }],
          organisations: [{ organisation_id: 'gone', role: 'sponsor', name_ja: '', name_en: '' }],
        }),
        orgs,
      ),
    ).toEqual({ party_a: undefined, party_b: undefined });
    // A company can never be 甲, a university never 乙.
    expect(
      partiesFromProject(
        project({
          members: [{ person: { id: 'tanaka', name_ja: '田中', name_en: '' }, role: 'pi', organisation_id: 'jsr-rd' }],
          organisations: [{ organisation_id: 'keio', role: 'sponsor', name_ja: '', name_en: '' }],
        }),
        orgs,
      ),
    ).toEqual({ party_a: undefined, party_b: undefined });
  });
});
