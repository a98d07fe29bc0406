// Names and times as a person of the current UI language expects to read them.
import type { Language, Organisation } from './api';

interface Named {
  name_ja?: string | null;
  name_en?: string | null;
}

/** Japanese name in the Japanese UI, Latin name in the English UI; the other when one is blank. */
export function displayName(named: Named | null | undefined, language: Language): string {
  if (!named) return '';
  const ja = named.name_ja?.trim() ?? '';
  const en = named.name_en?.trim() ?? '';
  return language === 'ja' ? ja || en : en || ja;
}

export function organisationName(org: Organisation | null | undefined, language: Language): string {
  return displayName(org, language);
}

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

/** An RFC 3339 instant shown in Asia/Tokyo, whatever the browser's own zone is. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: language === 'ja' ? '2-digit' : 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    dateTimeFormats.set(language, format);
  }
  return format.format(date);
}

/** Sorting key for a person's name: kana for the Japanese UI, Latin name otherwise. */
export function nameSortKey(person: { name_kana?: string; name_ja?: string; name_en?: string }, language: Language) {
  if (language === 'ja') return person.name_kana || person.name_ja || person.name_en || '';
  return person.name_en || person.name_kana || person.name_ja || '';
}

const collators: Partial<Record<Language, Intl.Collator>> = {};
export function compareNames(a: string, b: string, language: Language) {
  const collator = (collators[language] ??= new Intl.Collator(language === 'ja' ? 'ja' : 'en', { sensitivity: 'base' }));
  return collator.compare(a, b);
}

/** Yen: ￥12,000,000 in Japanese, ¥12,000,000 in English; "—" for none. */
export function formatYen(amount: number | null | undefined, language: Language): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return '—';
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { style: 'currency', currency: 'JPY', currencyDisplay: 'narrowSymbol' }).format(amount);
}
