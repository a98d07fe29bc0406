// One owner per query key. Two modules once cached different shapes of GET /api/organisations
// under overlapping keys (['organisations', 'all'] as { items } and as an array) and each page then
// crashed on the other's data. Now every module has a key factory (keys.ts) whose keys all start
// with the module's own name, and every query in src takes its key from its module's factory.
// New modules are found by glob.
import { describe, expect, it } from 'vitest';

type Factory = Record<string, unknown>;

const keyFiles = import.meta.glob<Record<string, unknown>>(['./modules/*/keys.ts', './shell/keys.ts'], { eager: true });
const sources = import.meta.glob<string>(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts', '!./**/*.test.tsx', '!./test/**'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

/** The owner of a source file: its module's folder name, or 'session' for the shell. */
function ownerOf(path: string): string | null {
  const module = /^\.\/modules\/([^/]+)\//.exec(path);
  if (module) return module[1];
  return path.startsWith('./shell/') ? 'session' : null;
}

interface Owned {
  owner: string;
  name: string;
  factory: Factory;
}

const factories: Owned[] = Object.entries(keyFiles).flatMap(([path, exports]) =>
  Object.entries(exports)
    .filter(([name]) => name.endsWith('Keys'))
    .map(([name, factory]) => ({ owner: ownerOf(path) ?? path, name, factory: factory as Factory })),
);

/** Every key a factory can produce (functions called with stand-in arguments). */
function producedKeys(factory: Factory): [string, readonly unknown[]][] {
  return Object.entries(factory).map(([entry, value]) => {
    if (typeof value === 'function') {
      const args = Array.from({ length: Math.max(value.length, 1) }, (_, i) => `arg${i}`);
      return [entry, (value as (...a: unknown[]) => readonly unknown[])(...args)];
    }
    return [entry, value as readonly unknown[]];
  });
}

describe('query keys', () => {
  it('finds a key factory for the shell and every module that queries the server', () => {
    const owners = factories.map((f) => f.owner);
    expect(owners).toEqual(expect.arrayContaining(['session', 'coi', 'people', 'projects', 'inbox']));
    const querying = new Set(
      Object.entries(sources)
        .filter(([, text]) => /\b(useQuery|useInfiniteQuery|useSuspenseQuery|useQueries)\(/.test(text))
        .map(([path]) => ownerOf(path)),
    );
    for (const owner of querying) expect(owners, `no keys.ts for ${owner}`).toContain(owner);
  });

  it("gives each module one factory whose keys all start with the module's own name", () => {
    for (const { owner, name, factory } of factories) {
      expect(
        factories.filter((f) => f.owner === owner).map((f) => f.name),
        `${owner} has one factory`,
      ).toEqual([name]);
      expect(factory.all, `${name}.all`).toEqual([owner]);
      for (const [entry, key] of producedKeys(factory)) {
        expect(Array.isArray(key), `${name}.${entry} is an array`).toBe(true);
        expect(key[0], `${name}.${entry}`).toBe(owner);
      }
    }
  });

  it('never lets two modules produce the same key prefix', () => {
    const ownerOfFirst = new Map<unknown, string>();
    const clashes: string[] = [];
    for (const { name, factory } of factories) {
      for (const [entry, key] of producedKeys(factory)) {
        const previous = ownerOfFirst.get(key[0]);
        if (previous && previous !== name) clashes.push(`${name}.${entry} starts with '${String(key[0])}' as ${previous}'s keys do`);
        ownerOfFirst.set(key[0], name);
      }
    }
    expect(clashes).toEqual([]);
    expect(ownerOfFirst.size).toBe(factories.length);
  });

  it("takes every query key in src from a factory, and each query from its own module's", () => {
    const literal: string[] = [];
    const foreign: string[] = [];
    const ownerByFactory = new Map(factories.map((f) => [f.name, f.owner]));
    let queries = 0;
    for (const [path, text] of Object.entries(sources)) {
      if (path.endsWith('/keys.ts')) continue;
      // queryKey: ['...'] or queryKey: [...x, ...] written out in place.
      for (const match of text.matchAll(/queryKey:\s*[[`'"]/g)) literal.push(`${path}: ${text.slice(match.index, match.index + 40)}`);
      for (const match of text.matchAll(/use(?:Infinite|Suspense)?Query\(\{\s*queryKey:\s*(\w+)/g)) {
        queries += 1;
        const factoryOwner = ownerByFactory.get(match[1]);
        if (factoryOwner !== ownerOf(path)) foreign.push(`${path}: ${match[0]}`);
      }
    }
    expect(queries, 'the check sees the queries').toBeGreaterThan(30);
    expect(literal, 'query keys written out instead of taken from a keys.ts factory').toEqual([]);
    expect(foreign, "queries keyed with another module's factory (or none)").toEqual([]);
  });
});
