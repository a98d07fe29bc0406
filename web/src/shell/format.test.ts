import { describe, expect, it } from 'vitest';
import { displayName, formatDateTime } from './format';

describe('format', () => {
  it('shows times in Asia/Tokyo whatever the browser zone', () => {
    // 15:30 UTC is 00:30 the next day in Tokyo.
    expect(formatDateTime('2026-11-24T15:30:00Z', 'ja')).toBe('2026/11/25 00:30:00');
    expect(formatDateTime('2026-11-24T15:30:00Z', 'en')).toContain('25 Nov 2026');
  });

  it('picks the name for the UI language, falling back to the other', () => {
    expect(displayName({ name_ja: '田中 健二', name_en: 'Kenji Tanaka' }, 'ja')).toBe('田中 健二');
    expect(displayName({ name_ja: '田中 健二', name_en: 'Kenji Tanaka' }, 'en')).toBe('Kenji Tanaka');
    expect(displayName({ name_ja: '田中 健二', name_en: '' }, 'en')).toBe('田中 健二');
  });
});
