// Every string must exist in both languages, in every module (new modules are found by glob).
import { describe, expect, it } from 'vitest';

const ja = import.meta.glob<Record<string, unknown>>('./**/ja.json', { eager: true, import: 'default' });
const en = import.meta.glob<Record<string, unknown>>('./**/en.json', { eager: true, import: 'default' });

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(value: unknown, prefix = '', out = new Map<string, string[]>()) {
  if (typeof value === 'string') out.set(prefix, [...value.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort());
  else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) placeholders(child, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

const folders = Object.keys(ja).map((path) => path.replace(/\/ja\.json$/, ''));

describe('translations', () => {
  it('finds the shell and every module', () => {
    expect(folders).toEqual(expect.arrayContaining(['./shell', './modules/people', './modules/audit']));
    expect(
      Object.keys(en)
        .map((path) => path.replace(/\/en\.json$/, ''))
        .sort(),
    ).toEqual([...folders].sort());
  });

  for (const folder of folders) {
    it(`${folder}: ja.json and en.json have the same keys`, () => {
      const jaKeys = keys(ja[`${folder}/ja.json`]).sort();
      const enKeys = keys(en[`${folder}/en.json`]).sort();
      expect(
        jaKeys.filter((key) => !enKeys.includes(key)),
        'keys missing from en.json',
      ).toEqual([]);
      expect(
        enKeys.filter((key) => !jaKeys.includes(key)),
        'keys missing from ja.json',
      ).toEqual([]);
    });

    it(`${folder}: no empty strings and the same {{placeholders}} in both languages`, () => {
      const jaPlaceholders = placeholders(ja[`${folder}/ja.json`]);
      const enPlaceholders = placeholders(en[`${folder}/en.json`]);
      for (const [key, names] of jaPlaceholders) {
        expect(enPlaceholders.get(key), key).toEqual(names);
      }
      for (const key of keys(ja[`${folder}/ja.json`])) expect(key.length).toBeGreaterThan(0);
      const empty = [...keys(ja[`${folder}/ja.json`]), ...keys(en[`${folder}/en.json`])].filter((key) => {
        const read = (tree: unknown) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
        return read(ja[`${folder}/ja.json`]) === '' || read(en[`${folder}/en.json`]) === '';
      });
      expect(empty).toEqual([]);
    });
  }
});
