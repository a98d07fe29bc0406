import { describe, expect, it } from 'vitest';
import { changedKeys, diffObjects } from './diff';

describe('diffObjects', () => {
  it('marks changed, added and removed keys, and leaves equal ones alone', () => {
    const before = { name_ja: '田中 健二', roles: ['clinician'], active: true, old: 1 };
    const after = { name_ja: '田中 健二', roles: ['clinician', 'researcher'], active: false, added: 'x' };
    expect(diffObjects(before, after).map((row) => [row.key, row.status])).toEqual([
      ['name_ja', 'unchanged'],
      ['roles', 'changed'],
      ['active', 'changed'],
      ['old', 'removed'],
      ['added', 'added'],
    ]);
  });

  it('compares nested objects by value, not by key order', () => {
    expect(changedKeys({ organisation: { id: 'a', name: 'x' } }, { organisation: { name: 'x', id: 'a' } })).toEqual([]);
    expect(changedKeys({ organisation: { id: 'a' } }, { organisation: { id: 'b' } })).toEqual(['organisation']);
  });

  it('treats every key of a creation as added', () => {
    expect(diffObjects(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1, status: 'added' }]);
  });
});
