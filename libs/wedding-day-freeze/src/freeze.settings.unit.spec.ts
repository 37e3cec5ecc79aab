import { InvalidSettingsError, loadSettings } from '@frm/config';
import { freezePolicyFrom, freezeSettings } from './freeze.settings';

describe('the freeze settings', () => {
  it('default to Saturdays in Europe/London and no blackouts', () => {
    expect(freezePolicyFrom(loadSettings(freezeSettings, {}))).toEqual({ timeZone: 'Europe/London', weekdays: ['saturday'], blackouts: [] });
  });

  it('read a zone, weekdays (or none) and blackout dates and ranges', () => {
    const settings = loadSettings(freezeSettings, {
      FRM_FREEZE_TIME_ZONE: 'America/New_York',
      FRM_FREEZE_WEEKDAYS: 'Friday, saturday,saturday',
      FRM_FREEZE_BLACKOUT_DATES: '2026-12-24..2026-12-26, 2027-06-19',
    });
    expect(freezePolicyFrom(settings)).toEqual({
      timeZone: 'America/New_York',
      weekdays: ['friday', 'saturday'],
      blackouts: [
        { from: '2026-12-24', to: '2026-12-26' },
        { from: '2027-06-19', to: '2027-06-19' },
      ],
    });
    expect(freezePolicyFrom(loadSettings(freezeSettings, { FRM_FREEZE_WEEKDAYS: 'none' })).weekdays).toEqual([]);
  });

  it.each([
    ['FRM_FREEZE_TIME_ZONE', 'Europe/Atlantis'],
    ['FRM_FREEZE_WEEKDAYS', 'saturday,caturday'],
    ['FRM_FREEZE_BLACKOUT_DATES', '2026-12-26..2026-12-24'],
    ['FRM_FREEZE_BLACKOUT_DATES', '2026-02-30'],
  ])('refuse %s=%s, naming the setting', (name, value) => {
    expect(() => loadSettings(freezeSettings, { [name]: value })).toThrow(InvalidSettingsError);
    expect(() => loadSettings(freezeSettings, { [name]: value })).toThrow(name);
  });
});
