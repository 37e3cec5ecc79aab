import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CallProblem } from '../../errors/describe-call-error';
import {
  DigestFrequency,
  type NotificationPreferences,
  type NotificationPreferences_Channels,
  type NotificationPreferencesSchema,
} from '../../gen/frm/v1/notification_service_pb';

/** The form's fields, by the names notifications gives them in `frm-field` (after `preferences.`). */
export type PreferenceField = 'status_changed' | 'shipped' | 'comments' | 'digest' | 'quiet_hours' | 'time_zone' | 'email_address' | 'wedding_date';

const FIELDS: readonly PreferenceField[] = ['status_changed', 'shipped', 'comments', 'digest', 'quiet_hours', 'time_zone', 'email_address', 'wedding_date'];

export interface ChannelChoice {
  readonly inApp: boolean;
  readonly email: boolean;
}

export type KindKey = 'statusChanged' | 'shipped' | 'comments';

/** The preferences as the form edits them: every value present, times shown even while unused. */
export interface PreferencesForm {
  readonly statusChanged: ChannelChoice;
  readonly shipped: ChannelChoice;
  readonly comments: ChannelChoice;
  readonly digest: DigestFrequency;
  readonly quietHours: { readonly enabled: boolean; readonly start: string; readonly end: string };
  readonly timeZone: string;
  readonly emailAddress: string;
  readonly weddingDate: string;
}

/** The kinds a person chooses channels for, in the order the form shows them. */
export const NOTIFICATION_KINDS: readonly { readonly key: KindKey; readonly field: PreferenceField; readonly legend: string; readonly hint: string }[] = [
  { key: 'statusChanged', field: 'status_changed', legend: 'Status changes', hint: 'A request you follow moves on, is declined or merged.' },
  { key: 'shipped', field: 'shipped', legend: 'Shipped requests', hint: 'A request you follow ships, with the release note.' },
  { key: 'comments', field: 'comments', legend: 'Comments on your requests', hint: 'Someone comments on a request you submitted.' },
];

export const DIGEST_CHOICES: readonly { readonly digest: DigestFrequency; readonly slug: string; readonly label: string }[] = [
  { digest: DigestFrequency.OFF, slug: 'off', label: 'Off: each e-mail as it comes' },
  { digest: DigestFrequency.DAILY, slug: 'daily', label: 'Daily: one e-mail a day' },
  { digest: DigestFrequency.WEEKLY, slug: 'weekly', label: 'Weekly: one e-mail a week' },
];

/** Notifications' own default, offered when quiet hours are switched on for the first time. */
export const DEFAULT_QUIET_HOURS = { start: '21:00', end: '08:00' } as const;

export function formOfPreferences(preferences: NotificationPreferences): PreferencesForm {
  const channels = (given: NotificationPreferences_Channels | undefined): ChannelChoice => ({ inApp: given?.inApp ?? false, email: given?.email ?? false });
  const quiet = preferences.quietHours;
  return {
    statusChanged: channels(preferences.statusChanged),
    shipped: channels(preferences.shipped),
    comments: channels(preferences.comments),
    digest: preferences.digest === DigestFrequency.UNSPECIFIED ? DigestFrequency.OFF : preferences.digest,
    quietHours: {
      enabled: quiet?.enabled ?? false,
      start: quiet?.start || DEFAULT_QUIET_HOURS.start,
      end: quiet?.end || DEFAULT_QUIET_HOURS.end,
    },
    timeZone: preferences.timeZone,
    emailAddress: preferences.emailAddress,
    weddingDate: preferences.weddingDate,
  };
}

/** The preferences UpdatePreferences replaces the person's with; only couples have a wedding date. */
export function preferencesOfForm(form: PreferencesForm, isCouple: boolean): MessageInitShape<typeof NotificationPreferencesSchema> {
  return {
    statusChanged: { ...form.statusChanged },
    shipped: { ...form.shipped },
    comments: { ...form.comments },
    digest: form.digest,
    quietHours: form.quietHours.enabled ? { ...form.quietHours } : { enabled: false, start: '', end: '' },
    timeZone: form.timeZone.trim(),
    emailAddress: form.emailAddress.trim(),
    weddingDate: isCouple ? form.weddingDate : '',
  };
}

/** `preferences.quiet_hours.start` → `quiet_hours`; undefined for no field of the form. */
export function fieldOfViolation(field: string): PreferenceField | undefined {
  const name = field.replace(/^preferences\./, '').replace(/[.[].*$/, '');
  return FIELDS.find((known) => known === name);
}

/**
 * What an INVALID_ARGUMENT says about each field of the form, to show next to it: the service's
 * rule for that field (its message is `field: rule; field: rule`), or the whole message.
 */
export function preferenceFieldErrors(problem: CallProblem): Partial<Record<PreferenceField, string>> {
  const errors: Partial<Record<PreferenceField, string>> = {};
  for (const field of problem.fields) {
    const formField = fieldOfViolation(field);
    if (formField === undefined || errors[formField] !== undefined) continue;
    errors[formField] = sentence(ruleFor(field, problem));
  }
  return errors;
}

/** Every refused field is one the form shows, so the messages beside them tell it all. */
export function isToldByFields(problem: CallProblem): boolean {
  return problem.fields.length > 0 && problem.fields.every((field) => fieldOfViolation(field) !== undefined);
}

function ruleFor(field: string, problem: CallProblem): string {
  const start = problem.message.indexOf(`${field}: `);
  if (start < 0) return problem.message;
  const from = start + field.length + 2;
  const ends = problem.fields.map((other) => problem.message.indexOf(`; ${other}: `, from)).filter((end) => end >= 0);
  return problem.message.slice(from, ends.length > 0 ? Math.min(...ends) : undefined).trim();
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** The zones to offer: the browser's IANA zones, with UTC and the one chosen now, sorted. */
export function timeZoneChoices(current: string, supported: readonly string[]): string[] {
  return [...new Set([...supported, 'UTC', ...(current.trim() !== '' ? [current] : [])])].sort((a, b) => a.localeCompare(b, 'en'));
}
