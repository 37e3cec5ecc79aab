import { DEFAULT_WEDDING_SEASON, describeSeason, seasonShare } from './wedding-season';

const zones = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('wedding season', () => {
  it('is judged on the clock of each voter’s zone: 22:30 UTC on 30 April is May in Auckland, April in London', () => {
    const at = Date.UTC(2026, 3, 30, 22, 30);
    expect(seasonShare(zones({ 'Pacific/Auckland': 1 }), at, DEFAULT_WEDDING_SEASON)).toBe(1);
    expect(seasonShare(zones({ 'Europe/London': 1 }), at, DEFAULT_WEDDING_SEASON)).toBe(0);
    expect(seasonShare(zones({ 'Pacific/Auckland': 3, 'Europe/London': 1 }), at, DEFAULT_WEDDING_SEASON)).toBe(0.75);
  });

  it('ends with October on each voter’s clock: 1 November 02:00 in Sydney is still 31 October in New York', () => {
    const at = Date.UTC(2026, 9, 31, 15, 0);
    expect(seasonShare(zones({ 'Australia/Sydney': 1, 'America/New_York': 1 }), at, DEFAULT_WEDDING_SEASON)).toBe(0.5);
  });

  it('counts a missing or unknown zone as UTC and ignores zones without weight', () => {
    const may = Date.UTC(2026, 4, 15);
    expect(seasonShare(zones({ '': 1, 'Mars/Olympus_Mons': 1, 'Europe/Paris': 0 }), may, DEFAULT_WEDDING_SEASON)).toBe(1);
    expect(seasonShare(zones({}), may, DEFAULT_WEDDING_SEASON)).toBe(0);
  });

  it('gives the same share however the zones were gathered', () => {
    const at = Date.UTC(2026, 4, 1, 3);
    const a = new Map([['America/Los_Angeles', 0.1], ['Asia/Tokyo', 0.2], ['Europe/Berlin', 0.7]]);
    const b = new Map([...a].reverse());
    expect(Object.is(seasonShare(a, at, DEFAULT_WEDDING_SEASON), seasonShare(b, at, DEFAULT_WEDDING_SEASON))).toBe(true);
  });

  it('describes a run of months, one across the new year, or a list', () => {
    expect(describeSeason(DEFAULT_WEDDING_SEASON)).toBe('May–October');
    expect(describeSeason({ months: [11, 12, 1, 2, 3] })).toBe('November–March');
    expect(describeSeason({ months: [6, 9] })).toBe('June, September');
    expect(describeSeason({ months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] })).toBe('all year');
  });
});
