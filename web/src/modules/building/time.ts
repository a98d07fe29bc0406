// Asia/Tokyo at the edges of the UI: the centre's clock, whatever the browser's zone. Japan has
// no daylight saving time, so local time is UTC+09:00.
const OFFSET_MS = 9 * 3600 * 1000;

/** "YYYY-MM-DD" of the instant in Asia/Tokyo. */
export function tokyoDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes after Tokyo midnight of an RFC 3339 instant. */
export function tokyoMinutes(iso: string): number {
  const shifted = new Date(new Date(iso).getTime() + OFFSET_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

/** "HH:MM" in Asia/Tokyo. */
export function tokyoTime(iso: string): string {
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** An RFC 3339 string for a Tokyo date and "HH:MM". */
export function tokyoInstant(date: string, time: string): string {
  return `${date}T${time}:00+09:00`;
}

/** The date `days` after a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether two half-open intervals overlap (touching ends do not). */
export function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}
