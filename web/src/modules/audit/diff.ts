// Before/after of an audit entry, key by key, so the changed ones can be highlighted.

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  status: DiffStatus;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so {a,b} and {b,a} compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sameValue(a: unknown, b: unknown) {
  return canonical(a) === canonical(b);
}

/**
 * One row per key of either side, in the order the keys first appear (before, then new
 * keys of after). A side that is null has no keys: on creation every key is "added".
 */
export function diffObjects(before: unknown, after: unknown): DiffRow[] {
  const left = isObject(before) ? before : {};
  const right = isObject(after) ? after : {};
  const keys = [...Object.keys(left), ...Object.keys(right).filter((key) => !(key in left))];
  return keys.map((key) => {
    const inLeft = key in left;
    const inRight = key in right;
    let status: DiffStatus;
    if (inLeft && !inRight) status = 'removed';
    else if (!inLeft && inRight) status = 'added';
    else status = sameValue(left[key], right[key]) ? 'unchanged' : 'changed';
    return { key, before: left[key], after: right[key], status };
  });
}

/** Keys whose value differs between before and after (the ones to highlight). */
export function changedKeys(before: unknown, after: unknown): string[] {
  return diffObjects(before, after)
    .filter((row) => row.status !== 'unchanged')
    .map((row) => row.key);
}

/** Strings as they are; short lists of plain values on one line; anything else as indented JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) return JSON.stringify(value);
  return JSON.stringify(value, null, 2);
}
