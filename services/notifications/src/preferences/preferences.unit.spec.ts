import { status } from '@grpc/grpc-js';
import type { frmV1 } from '@frm/contracts';
import { checkedPreferences, defaultPreferences } from './preferences';

const couple = { roles: ['couple'] as const };
const valid = (): frmV1.NotificationPreferences => ({
  statusChanged: { inApp: true, email: false },
  shipped: { inApp: true, email: true },
  comments: null,
  digest: 'DIGEST_FREQUENCY_WEEKLY' as frmV1.DigestFrequency,
  quietHours: { enabled: true, start: '22:00', end: '07:30' },
  timeZone: 'Europe/Rome',
  weddingDate: '2027-06-12',
  emailAddress: 'ana@example.com',
});
const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { code: (error as { code?: number }).code, message: (error as Error).message };
  }
  throw new Error('no error');
};

describe('notification preferences', () => {
  it('default to the app and e-mail, quiet hours 21:00–08:00, in the zone and with the wedding date of the token', () => {
    expect(defaultPreferences({ roles: ['couple'], timeZone: 'Europe/Rome', weddingDate: '2027-06-12' })).toMatchObject({
      statusChanged: { inApp: true, email: true },
      comments: { inApp: true, email: false },
      digest: 'DIGEST_FREQUENCY_OFF',
      quietHours: { enabled: true, start: '21:00', end: '08:00' },
      timeZone: 'Europe/Rome',
      weddingDate: '2027-06-12',
    });
    expect(defaultPreferences({ roles: ['supplier'], weddingDate: '2027-06-12' })).toMatchObject({ timeZone: 'UTC', weddingDate: '' });
  });

  it('keep what is valid and fill what was left out', () => {
    expect(checkedPreferences(valid(), couple)).toEqual({ ...valid(), comments: { inApp: false, email: false } });
    expect(checkedPreferences({ ...valid(), quietHours: null, digest: 'DIGEST_FREQUENCY_UNSPECIFIED' as frmV1.DigestFrequency }, couple)).toMatchObject({
      quietHours: { enabled: false },
      digest: 'DIGEST_FREQUENCY_OFF',
    });
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'preferences.time_zone'],
    ['an empty time zone', { timeZone: '' }, 'preferences.time_zone'],
    ['quiet hours that are not HH:mm', { quietHours: { enabled: true, start: '9pm', end: '08:00' } }, 'preferences.quiet_hours'],
    ['a wedding date that is not a date', { weddingDate: '12/06/2027' }, 'preferences.wedding_date'],
    ['an e-mail address without a domain', { emailAddress: 'ana@' }, 'preferences.email_address'],
    ['two e-mail addresses', { emailAddress: 'ana@example.com, bo@example.com' }, 'preferences.email_address'],
    ['an e-mail address that smuggles a header in', { emailAddress: 'ana@example.com\nBcc: all@example.com' }, 'preferences.email_address'],
  ])('refuse %s with INVALID_ARGUMENT naming the field', (_what, change, field) => {
    const refused = fieldOf(() => checkedPreferences({ ...valid(), ...change } as frmV1.NotificationPreferences, couple));
    expect(refused.code).toBe(status.INVALID_ARGUMENT);
    expect(refused.message).toContain(field);
  });

  it('keep an e-mail address trimmed, and an empty one as "no e-mail"', () => {
    expect(checkedPreferences({ ...valid(), emailAddress: '  ana@example.com ' }, couple).emailAddress).toBe('ana@example.com');
    expect(checkedPreferences({ ...valid(), emailAddress: '' }, couple).emailAddress).toBe('');
  });

  it('refuse a wedding date from someone who is not a couple, and missing preferences', () => {
    expect(fieldOf(() => checkedPreferences(valid(), { roles: ['supplier'] })).message).toContain('only couples have a wedding date');
    expect(fieldOf(() => checkedPreferences(undefined, couple)).message).toContain('preferences');
  });
});
