import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import { InvalidArgumentError } from '@frm/grpc-errors';
import { checkDeliveryWindow, DEFAULT_QUIET_HOURS, InvalidDeliveryWindowError, type LocalTime } from '../delivery-window/delivery-window';

const DIGESTS = new Set(['DIGEST_FREQUENCY_OFF', 'DIGEST_FREQUENCY_DAILY', 'DIGEST_FREQUENCY_WEEKLY']);

/**
 * A person's preferences before they set any: everything in the app, e-mail for status changes and
 * shipped requests, no digest, quiet hours 21:00–08:00, in the zone and with the wedding date
 * their token names.
 */
export function defaultPreferences(caller: Pick<CallerContext, 'timeZone' | 'weddingDate' | 'roles'>): frmV1.NotificationPreferences {
  return {
    statusChanged: { inApp: true, email: true },
    shipped: { inApp: true, email: true },
    comments: { inApp: true, email: false },
    digest: 'DIGEST_FREQUENCY_OFF' as frmV1.DigestFrequency,
    quietHours: { enabled: true, start: DEFAULT_QUIET_HOURS.start, end: DEFAULT_QUIET_HOURS.end },
    timeZone: caller.timeZone ?? 'UTC',
    weddingDate: caller.roles.includes('couple') ? (caller.weddingDate ?? '') : '',
    emailAddress: '',
  };
}

/**
 * Checks preferences as given to UpdatePreferences and fills what was left out (absent channels:
 * none; an unspecified digest: off), naming the field at fault when something is wrong.
 */
export function checkedPreferences(given: frmV1.NotificationPreferences | null | undefined, caller: Pick<CallerContext, 'roles'>): frmV1.NotificationPreferences {
  if (!given) throw new InvalidArgumentError('preferences', 'must be given, whole: UpdatePreferences replaces them');
  const digest = String(given.digest) === 'DIGEST_FREQUENCY_UNSPECIFIED' ? 'DIGEST_FREQUENCY_OFF' : String(given.digest);
  if (!DIGESTS.has(digest)) throw new InvalidArgumentError('preferences.digest', `must be one of ${[...DIGESTS].join(', ')}`);
  if (given.timeZone === '') throw new InvalidArgumentError('preferences.time_zone', 'must be an IANA zone, e.g. Europe/Rome');
  if (given.weddingDate !== '' && !caller.roles.includes('couple')) {
    throw new InvalidArgumentError('preferences.wedding_date', 'only couples have a wedding date; leave it empty');
  }
  checkEmailAddress(given.emailAddress);
  const quiet = given.quietHours?.enabled ? { start: given.quietHours.start as LocalTime, end: given.quietHours.end as LocalTime } : null;
  try {
    checkDeliveryWindow({ timeZone: given.timeZone, quietHours: quiet, ...(given.weddingDate !== '' ? { weddingDate: given.weddingDate } : {}) });
  } catch (error) {
    if (!(error instanceof InvalidDeliveryWindowError)) throw error;
    const field = { timeZone: 'preferences.time_zone', quietHours: 'preferences.quiet_hours', weddingDate: 'preferences.wedding_date' }[error.field];
    throw new InvalidArgumentError(field, error.message);
  }
  const channels = (value: frmV1.NotificationPreferences_Channels | null) => ({ inApp: value?.inApp ?? false, email: value?.email ?? false });
  return {
    statusChanged: channels(given.statusChanged),
    shipped: channels(given.shipped),
    comments: channels(given.comments),
    digest: digest as frmV1.DigestFrequency,
    quietHours: quiet ? { enabled: true, ...quiet } : { enabled: false, start: '', end: '' },
    timeZone: given.timeZone,
    weddingDate: given.weddingDate,
    emailAddress: given.emailAddress.trim(),
  };
}

// One address, as a mail header may carry it: no spaces or line breaks that could smuggle a header in.
const EMAIL_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const MAX_EMAIL_ADDRESS_LENGTH = 254;

function checkEmailAddress(address: string): void {
  const trimmed = address.trim();
  if (trimmed === '') return;
  if (trimmed.length > MAX_EMAIL_ADDRESS_LENGTH || !EMAIL_ADDRESS.test(trimmed)) {
    throw new InvalidArgumentError('preferences.email_address', `must be one e-mail address such as ana@example.com (at most ${MAX_EMAIL_ADDRESS_LENGTH} characters), or empty for no e-mail`);
  }
}
