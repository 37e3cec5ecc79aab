import { InvalidSettingsError, loadSettings } from '@frm/config';
import { DEFAULT_TREND_HALF_LIFE_MS } from './trend';
import { TrendHalfLifeMismatchError } from './trend-half-life-mismatch.error';
import { formatHalfLife, trendSettings } from './trend-half-life.setting';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('FRM_TREND_HALF_LIFE', () => {
  it('reads hours and days, 7 days when unset or empty', () => {
    const read = (value: string | undefined) => loadSettings(trendSettings, { FRM_TREND_HALF_LIFE: value }).FRM_TREND_HALF_LIFE;
    expect(read(undefined)).toBe(DEFAULT_TREND_HALF_LIFE_MS);
    expect(read('')).toBe(DEFAULT_TREND_HALF_LIFE_MS);
    expect(read('36h')).toBe(36 * HOUR);
    expect(read('1.5d')).toBe(36 * HOUR);
    expect(read('14d')).toBe(14 * DAY);
  });

  it('refuses what is not a duration of at least an hour, naming the rule and an example', () => {
    for (const value of ['0.5h', '7', '7w', '-1d', 'seven days']) {
      expect(() => loadSettings(trendSettings, { FRM_TREND_HALF_LIFE: value })).toThrow(InvalidSettingsError);
    }
    expect(() => loadSettings(trendSettings, { FRM_TREND_HALF_LIFE: '30m' })).toThrow(/FRM_TREND_HALF_LIFE: expected a duration in hours or days, at least 1h .* e\.g\. 7d/);
  });

  it('is shown as it would be written', () => {
    expect(formatHalfLife(7 * DAY)).toBe('7d');
    expect(formatHalfLife(36 * HOUR)).toBe('36h');
    expect(loadSettings(trendSettings, {}).describe()).toBe('FRM_TREND_HALF_LIFE=7d (default)');
  });
});

describe('TrendHalfLifeMismatchError', () => {
  it('names the read model, both half-lives and both ways out', () => {
    const error = new TrendHalfLifeMismatchError({ service: 'intake', schema: 'projection_feature_requests' }, 7 * DAY, 36 * HOUR);
    expect(error.name).toBe('TrendHalfLifeMismatchError');
    expect(error.message).toBe(
      'The intake read model in schema projection_feature_requests adds up trends with a half-life of 7d, but FRM_TREND_HALF_LIFE is 36h: ' +
        'set FRM_TREND_HALF_LIFE=7d again, or rebuild the read model with the new half-life ' +
        '(drop schema projection_feature_requests while intake is stopped; it is rebuilt from the events at the next start)',
    );
  });
});
