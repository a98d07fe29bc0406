import { describe, expect, it } from 'vitest';
import en from './en.json';
import { GUIDE, guideFor } from './homeGuide';
import ja from './ja.json';
import { NAV_ITEMS } from './AppLayout';

const ids = (roles: string[]) => guideFor(roles).map((item) => item.id);
const textOf = (roles: string[], id: string) => guideFor(roles).find((item) => item.id === id)?.textKey;

function lookup(dict: unknown, key: string) {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], dict);
}

describe('home guide', () => {
  it('covers every page of the menu except home', () => {
    const guided = new Set(GUIDE.map((entry) => entry.path));
    for (const item of NAV_ITEMS.filter((nav) => nav.path !== '/')) expect(guided, item.path).toContain(item.path);
  });

  it('has a label and every role line in Japanese and English', () => {
    const keys = GUIDE.flatMap((entry) => [
      `home.do.${entry.id}.label`,
      `home.do.${entry.id}.any`,
      ...entry.texts.map((role) => `home.do.${entry.id}.${role}`),
    ]);
    for (const key of keys) {
      expect(lookup(ja, key), `ja ${key}`).toEqual(expect.any(String));
      expect(lookup(en, key), `en ${key}`).toEqual(expect.any(String));
    }
  });

  it('shows a clinician how to post a need, and no office or admin pages', () => {
    const clinician = ids(['clinician']);
    expect(clinician[0]).toBe('postNeed');
    expect(clinician).toEqual(
      expect.arrayContaining(['inbox', 'exchange', 'introductions', 'projects', 'contracts', 'coiDeclaration', 'building', 'events', 'account']),
    );
    for (const hidden of ['postSeed', 'portfolio', 'coiManagement', 'confidentiality', 'people', 'organisations', 'audit']) {
      expect(clinician).not.toContain(hidden);
    }
    expect(textOf(['clinician'], 'exchange')).toBe('home.do.exchange.clinician');
    expect(textOf(['clinician'], 'coiDeclaration')).toBe('home.do.coiDeclaration.any');
  });

  it('gives company researchers seeds and their own lines', () => {
    const company = ids(['company_researcher']);
    expect(company).toContain('postSeed');
    expect(company).not.toContain('postNeed');
    expect(company).not.toContain('portfolio');
    expect(textOf(['company_researcher'], 'contracts')).toBe('home.do.contracts.company_researcher');
    expect(textOf(['company_researcher'], 'events')).toBe('home.do.events.any');
  });

  it('gives the office and committees their management pages', () => {
    const office = ids(['office']);
    for (const page of ['portfolio', 'coiManagement', 'confidentiality', 'audit']) expect(office).toContain(page);
    expect(office).not.toContain('people');
    expect(textOf(['office'], 'events')).toBe('home.do.events.office');

    const committee = ids(['committee']);
    expect(committee).toContain('portfolio');
    expect(committee).not.toContain('coiManagement');
    expect(textOf(['committee'], 'projects')).toBe('home.do.projects.committee');

    const coi = ids(['coi_committee']);
    expect(coi).toContain('coiManagement');
    expect(coi).not.toContain('portfolio');
    expect(textOf(['coi_committee'], 'coiManagement')).toBe('home.do.coiManagement.coi_committee');
  });

  it('writes from the most specific role a person holds', () => {
    // A committee member who is also a clinician and on the COI committee (the demo's 佐藤).
    const roles = ['committee', 'clinician', 'coi_committee'];
    expect(textOf(roles, 'projects')).toBe('home.do.projects.committee');
    expect(textOf(roles, 'introductions')).toBe('home.do.introductions.clinician');
    expect(textOf(roles, 'inbox')).toBe('home.do.inbox.coi_committee');
    expect(ids(roles)).toEqual(expect.arrayContaining(['postNeed', 'portfolio', 'coiManagement']));
  });
});
