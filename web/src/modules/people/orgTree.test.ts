import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../shell/api';
import { buildOrgTree, organisationPath, subtreeIds, toTreeSelectData, type OrgNode } from './orgTree';

const org = (id: string, parent_id: string | null, kind: Organisation['kind'], name_ja: string, active = true): Organisation => ({
  id,
  parent_id,
  kind,
  name_ja,
  name_en: `${id}-en`,
  active,
});

// Deliberately out of order: children before parents, companies before universities.
const flat: Organisation[] = [
  org('cardio', 'med', 'department', '循環器内科学教室'),
  org('rd', 'jsr', 'division', '研究開発部'),
  org('jsr', null, 'company', 'JSR株式会社'),
  org('med', 'keio', 'faculty', '医学部'),
  org('keio', null, 'university', '慶應義塾大学'),
  org('hosp', null, 'hospital', '慶應義塾大学病院'),
  org('surgery', 'med', 'department', '外科学教室', false),
];

function shape(nodes: OrgNode[]): unknown[] {
  return nodes.map((node) => (node.children.length ? { [node.id]: shape(node.children) } : node.id));
}

describe('buildOrgTree', () => {
  it('nests university → faculty → department, hospital, company → division', () => {
    expect(shape(buildOrgTree(flat))).toEqual([{ keio: [{ med: ['surgery', 'cardio'] }] }, 'hosp', { jsr: ['rd'] }]);
  });

  it('records each node depth', () => {
    const [keio] = buildOrgTree(flat);
    expect(keio.depth).toBe(0);
    expect(keio.children[0].depth).toBe(1);
    expect(keio.children[0].children[0].depth).toBe(2);
  });

  it('puts an organisation whose parent is missing at the top instead of losing it', () => {
    const roots = buildOrgTree([org('lost', 'nowhere', 'department', '迷子')]);
    expect(shape(roots)).toEqual(['lost']);
  });

  it('keeps every organisation exactly once even when the data holds a cycle', () => {
    const roots = buildOrgTree([org('a', 'b', 'other', 'A'), org('b', 'a', 'other', 'B'), org('c', null, 'other', 'C')]);
    const ids: string[] = [];
    const walk = (nodes: OrgNode[]) => nodes.forEach((node) => (ids.push(node.id), walk(node.children)));
    walk(roots);
    expect(ids.sort()).toEqual(['a', 'b', 'c']);
  });

  it('returns nothing for an empty list', () => {
    expect(buildOrgTree([])).toEqual([]);
  });
});

describe('organisation helpers', () => {
  it('gives the path from the top down', () => {
    expect(organisationPath(flat, 'cardio').map((o) => o.id)).toEqual(['keio', 'med', 'cardio']);
    expect(organisationPath(flat, 'unknown')).toEqual([]);
  });

  it('lists an organisation and everything below it (never a valid new parent)', () => {
    expect([...subtreeIds(flat, 'keio')].sort()).toEqual(['cardio', 'keio', 'med', 'surgery']);
  });

  it('leaves inactive organisations out of selects unless asked, and disables them on request', () => {
    const roots = buildOrgTree(flat);
    const ids = (nodes: ReturnType<typeof toTreeSelectData>): string[] => nodes.flatMap((node) => [node.value, ...(node.children ? ids(node.children) : [])]);
    expect(ids(toTreeSelectData(roots, 'ja'))).not.toContain('surgery');
    const withInactive = toTreeSelectData(roots, 'ja', { includeInactive: true, disableInactive: true, inactiveSuffix: '(無効)' });
    const surgery = withInactive[0].children![0].children!.find((node) => node.value === 'surgery');
    expect(surgery).toMatchObject({ title: '外科学教室 (無効)', disabled: true });
  });
});
