// The hub's pure logic: the edit form ↔ PATCH body, links, the proposal prefilled from an
// introduction, and the meeting times (slot window, Tokyo input, grouping by day).
import { describe, expect, it } from 'vitest';
import type { Introduction, Need, Seed } from '../exchange/api';
import type { Project } from './api';
import { linkOptions } from './components';
import { addMinutes, groupSlotsByDay, slotWindow, tokyoLocalToIso } from './model';
import { parseLinks, prefillFromIntroduction, toProjectPatch, valuesFromProject } from './ProposeProjectModal';
import { tabFromPath } from './ProjectPage';

const person = (id: string) => ({ id, name_ja: `名前${id}`, name_en: `Name ${id}` });

const project: Project = {
  id: 'p1',
  kind: 'joint',
  area_code: null,
  title_ja: '創傷被覆材',
  title_en: '',
  public_summary: '',
  status: 'active',
  stage: 'exploration',
  stage_since: '2026-11-01T00:00:00Z',
  access: 'full',
  pi: person('pi'),
  company_lead: person('lead'),
  aims: '目的',
  report_period: 'monthly',
  members: [
    { person: person('pi'), role: 'pi', organisation_id: null },
    { person: person('lead'), role: 'company_lead', organisation_id: null },
    { person: person('m'), role: 'researcher', organisation_id: null },
  ],
  organisations: [{ organisation_id: 'o1', role: 'sponsor', name_ja: '', name_en: '' }],
  budgets: [{ fiscal_year: 2026, amount_yen: 1000 }],
  links: [{ kind: 'need', target_id: 'n1', title: 'ニーズ' }],
};

describe('editing a project', () => {
  it('round-trips a project through the form into a PATCH with the PI and lead first', () => {
    const patch = toProjectPatch(valuesFromProject(project));
    expect(patch.members).toEqual([
      { person_id: 'pi', role: 'pi' },
      { person_id: 'lead', role: 'company_lead' },
      { person_id: 'm', role: 'researcher' },
    ]);
    expect(patch.organisations).toEqual([{ organisation_id: 'o1', role: 'sponsor' }]);
    expect(patch.budgets).toEqual([{ fiscal_year: 2026, amount_yen: 1000 }]);
    expect(patch.links).toEqual([{ kind: 'need', target_id: 'n1' }]);
    expect(patch.title_ja).toBe('創傷被覆材');
  });

  it('does not list the PI twice when the form names them as a member too', () => {
    const v = valuesFromProject(project);
    v.members = [...(v.members ?? []), { person_id: 'pi', role: 'researcher' }, { person_id: undefined }];
    expect(toProjectPatch(v).members.filter((m) => m.person_id === 'pi')).toHaveLength(1);
  });

  it('parses link values and drops anything else', () => {
    expect(parseLinks(['need:a', 'seed:b:c', 'contract:x', 'need:', 'junk'])).toEqual([
      { kind: 'need', target_id: 'a' },
      { kind: 'seed', target_id: 'b:c' },
    ]);
    expect(parseLinks(undefined)).toEqual([]);
  });
});

describe('a proposal from an introduction', () => {
  const intro = { id: 'i1', item_type: 'need', item_id: 'n1', via_type: 'seed', via_id: 's1', item_title: '床ずれ' } as Introduction;
  const need = { id: 'n1', title: '床ずれの浸出液', problem: 'ガーゼ交換が頻回', desired_outcome: '交換を減らす', author: person('doc') } as Need;
  const seed = { id: 's1', title: 'ハイドロゲル', description: '高吸水', author: person('co'), company_id: 'c1' } as Seed;

  it('takes the title and problem from the need, the approach from the seed, and links both', () => {
    const v = prefillFromIntroduction(intro, need, seed);
    expect(v.title_ja).toBe('床ずれの浸出液');
    expect(v.aims).toContain('ガーゼ交換が頻回');
    expect(v.aims).toContain('ハイドロゲル: 高吸水');
    expect(v.pi_id).toBe('doc');
    expect(v.company_lead_id).toBe('co');
    expect(v.links).toEqual(['need:n1', 'seed:s1']);
  });

  it('leaves out what the proposer may not see and a seed without a company as lead', () => {
    const v = prefillFromIntroduction(intro, null, { ...seed, company_id: null });
    expect(v.title_ja).toBe('ハイドロゲル');
    expect(v.pi_id).toBeUndefined();
    expect(v.company_lead_id).toBeUndefined();
    expect(v.links).toEqual(['seed:s1']);
    expect(prefillFromIntroduction(intro, null, null).title_ja).toBe('床ずれ');
  });
});

describe('link options', () => {
  it('lists known links first, then needs and seeds from the search, never people or duplicates', () => {
    const hits = [
      { type: 'need', id: 'n1', item: { title: 'ニーズ' } },
      { type: 'seed', id: 's2', item: { title: 'シーズ' } },
      { type: 'profile', id: 'p', item: { name_ja: '人' } },
    ] as never;
    const options = linkOptions(hits, [{ kind: 'need', id: 'n1', title: '既知' }], (k) => k.toUpperCase());
    expect(options).toEqual([
      { value: 'need:n1', label: '[NEED] 既知' },
      { value: 'seed:s2', label: '[SEED] シーズ' },
    ]);
  });
});

describe('meeting times', () => {
  it('searches from the next half hour for two weeks', () => {
    const w = slotWindow(new Date('2026-11-25T02:10:00Z'), 14);
    expect(w.from).toBe('2026-11-25T02:30:00Z');
    expect(w.to).toBe('2026-12-09T02:30:00Z');
    expect(slotWindow(new Date('2026-11-25T02:30:00Z'), 1).from).toBe('2026-11-25T02:30:00Z');
  });

  it('reads a date and time typed in Tokyo', () => {
    expect(tokyoLocalToIso('2026-12-01T10:00')).toBe('2026-12-01T01:00:00Z');
    expect(tokyoLocalToIso('2026-12-01T08:30')).toBe('2026-11-30T23:30:00Z');
    expect(tokyoLocalToIso('2026-12-01')).toBeNull();
    expect(tokyoLocalToIso('')).toBeNull();
    expect(addMinutes('2026-12-01T01:00:00Z', 90)).toBe('2026-12-01T02:30:00Z');
  });

  it('groups slots by Tokyo day in order', () => {
    const groups = groupSlotsByDay([
      { start: '2026-12-02T01:00:00Z' },
      { start: '2026-12-01T16:00:00Z' }, // 2026-12-02 01:00 in Tokyo
      { start: '2026-12-01T05:00:00Z' },
    ]);
    expect([...groups.keys()]).toEqual(['2026-12-01', '2026-12-02']);
    expect(groups.get('2026-12-02')!.map((s) => s.start)).toEqual(['2026-12-01T16:00:00Z', '2026-12-02T01:00:00Z']);
  });

  it('opens the meetings tab from its path', () => {
    expect(tabFromPath('/projects/abc/meetings')).toBe('meetings');
  });
});
