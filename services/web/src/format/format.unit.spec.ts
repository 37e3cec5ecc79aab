import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { formatRelativeTime, formatTime } from './format-time';
import { formatCount, formatWeight, personLabel, plural, shortId } from './people';

describe('people', () => {
  const me = '6f1d7c6e-8a43-4c55-9e62-3f0f8d1e2a11';

  it('calls the signed-in person "you", whatever the case of the id', () => {
    expect(personLabel(me.toUpperCase(), me)).toBe('you');
  });

  it('names others by the first group of their id', () => {
    expect(personLabel('0b9a4c1e-3f7d-4e2a-9c55-1d2e3f4a5b6c', me)).toBe('user 0b9a4c1e');
    expect(personLabel('0b9a4c1e-3f7d-4e2a-9c55-1d2e3f4a5b6c', undefined)).toBe('user 0b9a4c1e');
    expect(personLabel('', me)).toBe('someone');
    expect(shortId('plain')).toBe('plain');
  });
});

describe('numbers', () => {
  it('writes counts and weights as people read them', () => {
    expect(formatCount(1204n)).toBe('1,204');
    expect(formatWeight(2.25)).toBe('2.3');
    expect(formatWeight(3)).toBe('3');
    expect(plural(1n, 'vote', 'votes')).toBe('1 vote');
    expect(plural(0n, 'vote', 'votes')).toBe('0 votes');
    expect(plural(2, 'comment', 'comments')).toBe('2 comments');
  });
});

describe('formatTime', () => {
  it('gives the text in the chosen format and the ISO instant for <time>', () => {
    const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    expect(formatTime(timestampFromDate(new Date('2026-06-20T14:30:00Z')), utc)).toEqual({ text: '20 Jun 2026, 14:30', iso: '2026-06-20T14:30:00.000Z' });
    expect(formatTime(undefined)).toBeUndefined();
  });
});

describe('formatRelativeTime', () => {
  const formats = {
    relative: new Intl.RelativeTimeFormat('en', { numeric: 'auto' }),
    absolute: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  };
  const at = timestampFromDate(new Date('2026-06-20T14:30:00Z'));
  const later = (seconds: number) => Date.parse('2026-06-20T14:30:00Z') + seconds * 1000;

  it('says how long ago a recent moment was, in the largest whole unit', () => {
    expect([0, 59, 60, 150, 3_599, 3_600, 86_399, 86_400, 3 * 86_400].map((seconds) => formatRelativeTime(at, later(seconds), formats)?.text)).toEqual([
      'now',
      'now',
      '1 minute ago',
      '2 minutes ago',
      '59 minutes ago',
      '1 hour ago',
      '23 hours ago',
      'yesterday',
      '3 days ago',
    ]);
  });

  it('calls a moment slightly ahead of the browser’s clock "now"', () => {
    expect(formatRelativeTime(at, later(-20), formats)?.text).toBe('now');
  });

  it('writes the date itself from a week ago on, and always gives the full date and the ISO instant', () => {
    expect(formatRelativeTime(at, later(7 * 86_400), formats)).toEqual({ text: '20 Jun 2026, 14:30', full: '20 Jun 2026, 14:30', iso: '2026-06-20T14:30:00.000Z' });
    expect(formatRelativeTime(at, later(60), formats)).toMatchObject({ full: '20 Jun 2026, 14:30', iso: '2026-06-20T14:30:00.000Z' });
    expect(formatRelativeTime(undefined, later(0), formats)).toBeUndefined();
  });
});
