import { describe, expect, it } from 'vitest';
import type { Hit } from './api';
import { clearLocalDraft, draftKey, hasContent, loadLocalDraft, needBody, othersOnly, saveLocalDraft, scoreLevel, slotLabel, splitList } from './logic';

class MemoryStorage {
  private values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
}

describe('exchange logic', () => {
  it('splits capability lists on Japanese and Latin separators, without blanks or duplicates', () => {
    expect(splitList('剥離力の評価、透湿度の制御,  粘着剤\n剥離力の評価，;')).toEqual(['剥離力の評価', '透湿度の制御', '粘着剤']);
    expect(splitList('  ')).toEqual([]);
  });

  it('builds a need body with trimmed texts and leaves an unknown area out', () => {
    expect(needBody({ title: ' 褥瘡の被覆材 ', problem: '痛い\n', area: '' }, 'draft')).toEqual({
      status: 'draft',
      title: '褥瘡の被覆材',
      problem: '痛い',
      current_practice: '',
      patients: '',
      desired_outcome: '',
    });
    expect(needBody({ title: 'x', area: 'microbiome' }, 'open').area).toBe('microbiome');
  });

  it('keeps a draft per person and need, and forgets an empty one', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const key = draftKey('p-1');
    expect(key).not.toBe(draftKey('p-2'));
    expect(draftKey('p-1', 'n-1')).not.toBe(key);
    saveLocalDraft(key, { title: 'TRI後の止血', area: 'medical_device' }, storage);
    expect(loadLocalDraft(key, storage)).toMatchObject({ title: 'TRI後の止血', area: 'medical_device' });
    // Only an area chosen is not worth keeping: it replaces (removes) the stored draft.
    saveLocalDraft(key, { title: ' ', area: 'other' }, storage);
    expect(loadLocalDraft(key, storage)).toBeNull();
    saveLocalDraft(key, { problem: 'しびれ' }, storage);
    clearLocalDraft(key, storage);
    expect(loadLocalDraft(key, storage)).toBeNull();
  });

  it('ignores a corrupt stored draft', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    storage.setItem('k', '{not json');
    expect(loadLocalDraft('k', storage)).toBeNull();
    storage.setItem('k', JSON.stringify({ title: 42, problem: 'ok' }));
    expect(loadLocalDraft('k', storage)).toEqual({ problem: 'ok' });
    expect(hasContent({ area: 'other' })).toBe(false);
  });

  it('grades scores', () => {
    expect(scoreLevel(85)).toBe('strong');
    expect(scoreLevel(25)).toBe('fair');
    expect(scoreLevel(10)).toBe('weak');
    expect(scoreLevel(null)).toBe('weak');
  });

  it('never lists the viewer own items among suggestions', () => {
    const hit = (id: string, author: string): Hit => ({
      type: 'seed',
      id,
      item: { author: { id: author, name_ja: '', name_en: '' } } as never,
      score: 50,
      reasons: [],
    });
    const profile: Hit = { type: 'profile', id: 'p-me', item: { person_id: 'p-me' } as never, score: 40, reasons: [] };
    expect(othersOnly([hit('s1', 'p-me'), hit('s2', 'p-other'), profile], 'p-me').map((h) => h.id)).toEqual(['s2']);
  });
});

describe('slotLabel', () => {
  it('reads a slot in Tokyo time in both languages', () => {
    expect(slotLabel('2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z', 'ja')).toBe('12/1(火) 10:00–11:00');
    expect(slotLabel('2026-12-01T01:00:00Z', '2026-12-01T02:30:00Z', 'en')).toBe('Tue 1 Dec 10:00–11:30');
  });
});
