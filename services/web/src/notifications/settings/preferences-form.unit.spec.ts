import { create } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { describeCallError } from '../../errors/describe-call-error';
import { DigestFrequency, NotificationPreferencesSchema } from '../../gen/frm/v1/notification_service_pb';
import { fieldOfViolation, formOfPreferences, isToldByFields, preferenceFieldErrors, preferencesOfForm, timeZoneChoices } from './preferences-form';

// As notifications answers GetPreferences for a couple who never changed anything.
const DEFAULTS = {
  statusChanged: { inApp: true, email: true },
  shipped: { inApp: true, email: true },
  comments: { inApp: true, email: false },
  digest: DigestFrequency.OFF,
  quietHours: { enabled: true, start: '21:00', end: '08:00' },
  timeZone: 'Europe/Rome',
  weddingDate: '2026-09-12',
  emailAddress: '',
} as const;
const defaults = create(NotificationPreferencesSchema, DEFAULTS);

function refusal(...violations: [field: string, rule: string][]) {
  const trailers = new Headers();
  for (const [field] of violations) trailers.append('frm-field', field);
  return describeCallError(new ConnectError(violations.map(([field, rule]) => `${field}: ${rule}`).join('; '), Code.InvalidArgument, trailers));
}

describe('the preferences form', () => {
  it('round-trips what GetPreferences answers into what UpdatePreferences takes', () => {
    expect(create(NotificationPreferencesSchema, preferencesOfForm(formOfPreferences(defaults), true))).toEqual(defaults);
  });

  it('offers the default quiet hours while they are off, and sends none', () => {
    const off = create(NotificationPreferencesSchema, { ...DEFAULTS, quietHours: { enabled: false, start: '', end: '' } });
    const form = formOfPreferences(off);
    expect(form.quietHours).toEqual({ enabled: false, start: '21:00', end: '08:00' });
    expect(preferencesOfForm(form, true).quietHours).toEqual({ enabled: false, start: '', end: '' });
    expect(preferencesOfForm({ ...form, quietHours: { enabled: true, start: '22:30', end: '07:00' } }, true).quietHours).toEqual({ enabled: true, start: '22:30', end: '07:00' });
  });

  it('reads absent channels as none and an unspecified digest as off', () => {
    const form = formOfPreferences(create(NotificationPreferencesSchema, { timeZone: 'UTC' }));
    expect(form).toMatchObject({ statusChanged: { inApp: false, email: false }, comments: { inApp: false, email: false }, digest: DigestFrequency.OFF });
  });

  it('sends a wedding date for couples only, and the address and zone without surrounding blanks', () => {
    const form = { ...formOfPreferences(defaults), emailAddress: '  ana@example.com ', timeZone: ' Europe/Rome' };
    expect(preferencesOfForm(form, false)).toMatchObject({ weddingDate: '', emailAddress: 'ana@example.com', timeZone: 'Europe/Rome' });
    expect(preferencesOfForm(form, true).weddingDate).toBe('2026-09-12');
  });
});

describe('field errors', () => {
  it('finds the form field notifications refused', () => {
    expect(fieldOfViolation('preferences.email_address')).toBe('email_address');
    expect(fieldOfViolation('preferences.quiet_hours.start')).toBe('quiet_hours');
    expect(fieldOfViolation('preferences.status_changed')).toBe('status_changed');
    expect(fieldOfViolation('preferences')).toBeUndefined();
    expect(fieldOfViolation('request_id')).toBeUndefined();
  });

  it('puts each field’s rule beside it, as a sentence', () => {
    const problem = refusal(
      ['preferences.email_address', 'must be one e-mail address such as ana@example.com (at most 254 characters), or empty for no e-mail'],
      ['preferences.time_zone', 'time zone "Mars/Olympus" is not an IANA zone (e.g. Europe/Rome, America/New_York)'],
    );
    expect(preferenceFieldErrors(problem)).toEqual({
      email_address: 'Must be one e-mail address such as ana@example.com (at most 254 characters), or empty for no e-mail.',
      time_zone: 'Time zone "Mars/Olympus" is not an IANA zone (e.g. Europe/Rome, America/New_York).',
    });
    expect(isToldByFields(problem)).toBe(true);
  });

  it('keeps a rule whole when it has a semicolon of its own', () => {
    const problem = refusal(['preferences.quiet_hours', 'quiet hours "25:00" is not a time of day; use HH:mm, 24-hour']);
    expect(preferenceFieldErrors(problem)).toEqual({ quiet_hours: 'Quiet hours "25:00" is not a time of day; use HH:mm, 24-hour.' });
  });

  it('leaves a refusal of no form field to the notice above the form', () => {
    const problem = refusal(['preferences', 'must be given, whole: UpdatePreferences replaces them']);
    expect(preferenceFieldErrors(problem)).toEqual({});
    expect(isToldByFields(problem)).toBe(false);
    expect(isToldByFields(describeCallError(new ConnectError('down', Code.Unavailable)))).toBe(false);
  });

  it('shows the whole message beside the field when it names no field in its text', () => {
    const trailers = new Headers({ 'frm-field': 'preferences.wedding_date' });
    const problem = describeCallError(new ConnectError('only couples have a wedding date; leave it empty', Code.InvalidArgument, trailers));
    expect(preferenceFieldErrors(problem)).toEqual({ wedding_date: 'Only couples have a wedding date; leave it empty.' });
  });
});

describe('timeZoneChoices', () => {
  it('offers the browser’s zones with UTC and the chosen one, sorted, each once', () => {
    expect(timeZoneChoices('Etc/GMT+1', ['Europe/Rome', 'America/New_York', 'Europe/Rome'])).toEqual(['America/New_York', 'Etc/GMT+1', 'Europe/Rome', 'UTC']);
    expect(timeZoneChoices('', [])).toEqual(['UTC']);
  });
});
