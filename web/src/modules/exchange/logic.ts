// Pure helpers of the exchange UI: drafts kept in the browser, list inputs, score colours,
// the meeting dates an accepted introduction proposes.
import type { Hit, NeedInput, Segment } from './api';

export const NEED_FIELDS = ['title', 'problem', 'current_practice', 'patients', 'desired_outcome', 'area'] as const;
export type NeedField = (typeof NEED_FIELDS)[number];
export type NeedDraft = Partial<Record<NeedField, string>>;

export function draftKey(personId: string, needId?: string) {
  return `renkei.exchange.needDraft.${personId}.${needId ?? 'new'}`;
}

/** Whether a form holds anything worth keeping. */
export function hasContent(draft: NeedDraft | null | undefined): boolean {
  if (!draft) return false;
  return NEED_FIELDS.some((field) => field !== 'area' && (draft[field] ?? '').trim() !== '');
}

export function saveLocalDraft(key: string, draft: NeedDraft, storage: Storage | undefined = globalThis.localStorage) {
  try {
    if (!storage) return;
    if (hasContent(draft)) storage.setItem(key, JSON.stringify({ ...draft, saved_at: new Date().toISOString() }));
    else storage.removeItem(key);
  } catch {
    // Storage full or disabled: the server draft is still there.
  }
}

export function loadLocalDraft(key: string, storage: Storage | undefined = globalThis.localStorage): (NeedDraft & { saved_at?: string }) | null {
  try {
    const text = storage?.getItem(key);
    if (!text) return null;
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object') return null;
    const out: NeedDraft & { saved_at?: string } = {};
    for (const field of [...NEED_FIELDS, 'saved_at'] as const) {
      const v = (value as Record<string, unknown>)[field];
      if (typeof v === 'string') out[field] = v;
    }
    return hasContent(out) ? out : null;
  } catch {
    return null;
  }
}

export function clearLocalDraft(key: string, storage: Storage | undefined = globalThis.localStorage) {
  try {
    storage?.removeItem(key);
  } catch {
    // nothing to do
  }
}

/** The body of a need: trimmed texts; a draft may be saved with a title alone. */
export function needBody(values: NeedDraft, status: 'draft' | 'open'): NeedInput {
  const body: NeedInput = { status };
  for (const field of NEED_FIELDS) {
    const v = (values[field] ?? '').trim();
    if (field === 'area') {
      if (v) body.area = v;
    } else body[field] = v;
  }
  return body;
}

/** Splits a list typed as one line: 、 , ， ; ・ newlines; trims, drops blanks and duplicates. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，、;；\n]/)) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Colour of a score badge: strong, fair, weak. */
export function scoreLevel(score: number | null | undefined): 'strong' | 'fair' | 'weak' {
  if (score == null) return 'weak';
  if (score >= 40) return 'strong';
  if (score >= 15) return 'fair';
  return 'weak';
}

/** Whether any segment of a highlighted text is a hit. */
export function hasHit(segments: Segment[] | undefined) {
  return !!segments?.some((segment) => segment.hit);
}

/** Suggestions without the ones the viewer wrote (the server already leaves them out; belt and braces). */
export function othersOnly(hits: Hit[] | undefined, personId: string): Hit[] {
  return (hits ?? []).filter((hit) => {
    const item = hit.item as { author?: { id: string }; person_id?: string };
    return (item.author?.id ?? item.person_id) !== personId;
  });
}

/** The person to show for an item: its author, or the person of a profile. */
export function personOf(hit: Hit): { id: string; name_ja: string; name_en: string } {
  const item = hit.item as { author?: { id: string; name_ja: string; name_en: string }; person_id?: string; name_ja?: string; name_en?: string };
  if (item.author) return item.author;
  return { id: item.person_id ?? hit.id, name_ja: item.name_ja ?? '', name_en: item.name_en ?? '' };
}

/** A meeting slot as people read it, in Tokyo time: "12/1(火) 10:00–11:00" / "Tue 1 Dec 10:00–11:00". */
export function slotLabel(startIso: string, endIso: string, language: 'ja' | 'en') {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const time = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  const day =
    language === 'ja'
      ? new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric', weekday: 'short' })
          .format(start)
          .replace(/\((.)\)/, '($1)')
      : new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', weekday: 'short', day: 'numeric', month: 'short' }).format(start);
  return `${day} ${time(start)}–${time(end)}`;
}
