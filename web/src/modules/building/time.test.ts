import { describe, expect, it } from 'vitest';
import { addDays, overlaps, tokyoDate, tokyoInstant, tokyoMinutes, tokyoTime } from './time';

describe('Asia/Tokyo helpers', () => {
  it('shows UTC instants on the Tokyo clock', () => {
    expect(tokyoTime('2026-11-25T01:00:00Z')).toBe('10:00');
    expect(tokyoMinutes('2026-11-25T01:30:00Z')).toBe(630);
    expect(tokyoDate(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
  });
  it('builds RFC 3339 times with the +09:00 offset and steps over month ends', () => {
    expect(tokyoInstant('2026-11-25', '10:00')).toBe('2026-11-25T10:00:00+09:00');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
  });
  it('treats touching slots as free (half-open)', () => {
    expect(overlaps(600, 660, 660, 720)).toBe(false);
    expect(overlaps(600, 661, 660, 720)).toBe(true);
  });
});
