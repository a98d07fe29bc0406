// Every action and record type the server writes to the audit log has a Japanese and an English
// label, read from the C++ sources themselves (each audit::Record call), so a new kind of record
// cannot reach the log page as a raw identifier.
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';
import { AUDIT_ENTITIES } from './links';

interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  readdirSync(path: string, options: { recursive: true }): string[];
}
// Node's fs without @types/node: the sources live outside the web app (../src).
const fsModule = 'node:fs';
const fs = (await import(/* @vite-ignore */ fsModule)) as NodeFs;
// Tests run from web/ (npm scripts, vitest); the server's sources are beside it.
const sourceRoot = `${(globalThis as unknown as { process: { cwd(): string } }).process.cwd()}/../src/`;
const sources: Record<string, string> = Object.fromEntries(
  fs
    .readdirSync(sourceRoot, { recursive: true })
    .filter((path) => path.endsWith('.cpp'))
    .map((path) => [path, fs.readFileSync(sourceRoot + path, 'utf8')]),
);

/** The arguments of every audit::Record(...) call, split at top-level commas. */
function recordCalls(text: string): string[][] {
  const calls: string[][] = [];
  for (let start = text.indexOf('audit::Record('); start >= 0; start = text.indexOf('audit::Record(', start + 1)) {
    const args: string[] = [];
    let current = '';
    let depth = 1;
    let inString = false;
    for (let i = start + 'audit::Record('.length; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (inString) {
        current += c;
        if (c === '\\') current += text[++i];
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
        current += c;
      } else if ('({['.includes(c)) {
        depth++;
        current += c;
      } else if (')}]'.includes(c)) {
        depth--;
        if (depth > 0) current += c;
      } else if (c === ',' && depth === 1) {
        args.push(current);
        current = '';
      } else current += c;
    }
    args.push(current);
    calls.push(args);
  }
  return calls;
}

const literals = (expression: string) => [...expression.matchAll(/"(\w+)"/g)].map((match) => match[1]);

function recorded() {
  const actions = new Set<string>();
  const entities = new Set<string>();
  for (const [path, text] of Object.entries(sources)) {
    if (path.endsWith('_test.cpp') || path.includes('/platform/audit/')) continue;
    for (const args of recordCalls(text)) {
      literals(args[2] ?? '').forEach((action) => actions.add(action));
      literals(args[3] ?? '').forEach((entity) => entities.add(entity));
    }
  }
  return { actions, entities };
}

describe('audit log translations', () => {
  const { actions, entities } = recorded();

  it('finds the records the server writes', () => {
    expect(entities.size).toBeGreaterThanOrEqual(25);
    expect(actions).toContain('read');
    expect(entities).toContain('coi_declaration');
  });

  it('has a Japanese and an English label for every action', () => {
    const missing = [...actions].filter((action) => !(action in ja.actions) || !(action in en.actions));
    expect(missing).toEqual([]);
  });

  it('has a Japanese and an English label for every record type, and the filter offers them all', () => {
    const missing = [...entities].filter((entity) => !(entity in ja.entities) || !(entity in en.entities));
    expect(missing).toEqual([]);
    expect([...entities].filter((entity) => !(AUDIT_ENTITIES as readonly string[]).includes(entity))).toEqual([]);
  });

  it('labels in Japanese are Japanese, not the identifier', () => {
    for (const [key, label] of Object.entries({ ...ja.actions, ...ja.entities, ...ja.fields })) expect(label, key).not.toBe(key);
  });
});
