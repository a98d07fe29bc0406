import { describe, expect, it } from 'vitest';
import { formatMeetingTime, moved, quorumNeeded, quorumOf, tokyoInstant } from './model';

describe('committee model', () => {
  it.each([
    ['majority', 6, 4],
    ['majority', 5, 3],
    ['majority', 0, 1],
    ['two_thirds', 6, 4],
    ['two_thirds', 7, 5],
    ['two_thirds', 3, 2],
  ] as const)('needs the same quorum as the server: %s of %i → %i', (rule, members, needed) => {
    expect(quorumNeeded(rule, members)).toBe(needed);
  });

  it('counts the quorum from attendance, one of each side when the rules ask', () => {
    const seats = (u: number, c: number, absent = 0) => [
      ...Array.from({ length: u }, () => ({ side: 'university' as const, present: true })),
      ...Array.from({ length: c }, () => ({ side: 'company' as const, present: true })),
      ...Array.from({ length: absent }, () => ({ side: 'company' as const, present: false })),
    ];
    expect(quorumOf(seats(2, 2, 2), { quorum: 'majority', each_side: true })).toMatchObject({ needed: 4, present: 4, met: true });
    expect(quorumOf(seats(4, 0, 2), { quorum: 'majority', each_side: true })).toMatchObject({ met: false, sideMissing: true });
    expect(quorumOf(seats(4, 0, 2), { quorum: 'majority', each_side: false })).toMatchObject({ met: true });
    expect(quorumOf(seats(2, 1, 3), { quorum: 'majority', each_side: true })).toMatchObject({ met: false, university: 2, company: 1 });
  });

  it('moves an agenda item up and down, and not past the ends', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('speaks Asia/Tokyo both ways', () => {
    expect(tokyoInstant('2026-12-22', '18:00')).toBe('2026-12-22T18:00:00+09:00');
    expect(formatMeetingTime('2026-12-22T09:00:00Z', '2026-12-22T10:30:00Z', 'ja')).toBe('2026年12月22日(火) 18:00〜19:30');
    expect(formatMeetingTime('2026-12-22T09:00:00Z', '2026-12-22T10:30:00Z', 'en')).toBe('Tue, 22 Dec 2026, 18:00–19:30');
  });
});
