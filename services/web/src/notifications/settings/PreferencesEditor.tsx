import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { notifications } from '../../api/gateway-clients';
import { newRequestId } from '../../api/new-request-id';
import { CallErrorNotice } from '../../errors/CallErrorNotice';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import type { NotificationPreferences } from '../../gen/frm/v1/notification_service_pb';
import { ChannelsFieldset } from './ChannelsFieldset';
import { FieldError } from './FieldError';
import {
  DIGEST_CHOICES,
  formOfPreferences,
  isToldByFields,
  NOTIFICATION_KINDS,
  preferenceFieldErrors,
  preferencesOfForm,
  timeZoneChoices,
  type PreferenceField,
  type PreferencesForm,
} from './preferences-form';
import { browserTimeZone, browserTimeZones } from './time-zones';

// The element a refused field's message sends the focus to, by its id suffix.
const FOCUS_OF: Readonly<Record<PreferenceField, string>> = {
  status_changed: 'status_changed',
  shipped: 'shipped',
  comments: 'comments',
  digest: 'digest',
  quiet_hours: 'quiet_hours-start',
  time_zone: 'time_zone',
  email_address: 'email_address',
  wedding_date: 'wedding_date',
};

/** The preferences form, filled with what was read; UpdatePreferences replaces them whole. */
export function PreferencesEditor({ initial, isCouple }: { initial: NotificationPreferences; isCouple: boolean }) {
  const ids = useId();
  const [form, setForm] = useState(() => formOfPreferences(initial));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<CallProblem>();
  const [said, setSaid] = useState('');
  const errors = problem ? preferenceFieldErrors(problem) : {};
  const zones = useMemo(() => browserTimeZones(), []);
  const localZone = useMemo(() => browserTimeZone(), []);

  useEffect(() => {
    const first = problem ? (Object.keys(preferenceFieldErrors(problem)) as PreferenceField[])[0] : undefined;
    if (first !== undefined) document.getElementById(`${ids}-${FOCUS_OF[first]}`)?.focus();
  }, [problem, ids]);

  const change = (changed: Partial<PreferencesForm>) => {
    setForm((previous) => ({ ...previous, ...changed }));
    setSaid('');
  };
  const fieldProps = (field: PreferenceField, hint?: string) => {
    const described = [...(hint !== undefined ? [hint] : []), ...(errors[field] !== undefined ? [`${ids}-${field}-error`] : [])];
    return {
      id: `${ids}-${field}`,
      name: field,
      'aria-invalid': errors[field] !== undefined,
      ...(described.length > 0 ? { 'aria-describedby': described.join(' ') } : {}),
    };
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(undefined);
    setSaid('');
    notifications
      .updatePreferences({ requestId: newRequestId(), preferences: preferencesOfForm(form, isCouple) })
      .then(
        (saved) => {
          setForm(formOfPreferences(saved));
          setSaid('Your notification settings are saved.');
        },
        (error: unknown) => setProblem(describeCallError(error)),
      )
      .finally(() => setSaving(false));
  };

  return (
    <form onSubmit={save} noValidate className="preferences-form">
      {problem && <CallErrorNotice problem={isToldByFields(problem) ? { ...problem, message: 'See the message beside each field marked.' } : problem} />}

      <h2>What you hear about, and where</h2>
      {NOTIFICATION_KINDS.map((kind) => (
        <ChannelsFieldset
          key={kind.key}
          id={`${ids}-${kind.field}`}
          legend={kind.legend}
          hint={kind.hint}
          value={form[kind.key]}
          error={errors[kind.field]}
          onChange={(value) => change({ [kind.key]: value })}
        />
      ))}

      <h2>E-mail</h2>
      <label htmlFor={`${ids}-email_address`}>E-mail address</label>
      <input
        {...fieldProps('email_address', `${ids}-email_address-hint`)}
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={form.emailAddress}
        onChange={(event) => change({ emailAddress: event.target.value })}
      />
      <p id={`${ids}-email_address-hint`} className="hint">
        Leave it empty for no e-mail at all. It is kept encrypted, and erased with the rest of your data.
      </p>
      <FieldError id={`${ids}-email_address-error`} message={errors.email_address} />

      <label htmlFor={`${ids}-digest`}>Digest</label>
      <select {...fieldProps('digest')} value={DIGEST_CHOICES.find((choice) => choice.digest === form.digest)?.slug ?? 'off'} onChange={(event) => change({ digest: DIGEST_CHOICES.find((choice) => choice.slug === event.target.value)?.digest ?? form.digest })}>
        {DIGEST_CHOICES.map((choice) => (
          <option key={choice.slug} value={choice.slug}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldError id={`${ids}-digest-error`} message={errors.digest} />

      <fieldset className={errors.quiet_hours !== undefined ? 'quiet-hours invalid' : 'quiet-hours'} aria-describedby={[`${ids}-quiet_hours-hint`, ...(errors.quiet_hours !== undefined ? [`${ids}-quiet_hours-error`] : [])].join(' ')}>
        <legend>Quiet hours</legend>
        <p id={`${ids}-quiet_hours-hint`} className="hint">
          E-mail that is not urgent waits until they end, in your time zone.
        </p>
        <div className="checkbox">
          <input
            id={`${ids}-quiet_hours`}
            type="checkbox"
            checked={form.quietHours.enabled}
            onChange={(event) => change({ quietHours: { ...form.quietHours, enabled: event.target.checked } })}
          />
          <label htmlFor={`${ids}-quiet_hours`}>Hold e-mail during quiet hours</label>
        </div>
        <div className="times">
          <div>
            <label htmlFor={`${ids}-quiet_hours-start`}>From</label>
            <input
              id={`${ids}-quiet_hours-start`}
              type="time"
              value={form.quietHours.start}
              disabled={!form.quietHours.enabled}
              aria-invalid={errors.quiet_hours !== undefined}
              onChange={(event) => change({ quietHours: { ...form.quietHours, start: event.target.value } })}
            />
          </div>
          <div>
            <label htmlFor={`${ids}-quiet_hours-end`}>Until</label>
            <input
              id={`${ids}-quiet_hours-end`}
              type="time"
              value={form.quietHours.end}
              disabled={!form.quietHours.enabled}
              aria-invalid={errors.quiet_hours !== undefined}
              onChange={(event) => change({ quietHours: { ...form.quietHours, end: event.target.value } })}
            />
          </div>
        </div>
        <FieldError id={`${ids}-quiet_hours-error`} message={errors.quiet_hours} />
      </fieldset>

      <label htmlFor={`${ids}-time_zone`}>Time zone</label>
      {zones.length > 0 ? (
        <select {...fieldProps('time_zone', `${ids}-time_zone-hint`)} value={form.timeZone} onChange={(event) => change({ timeZone: event.target.value })}>
          {form.timeZone === '' && <option value="">Choose your time zone</option>}
          {timeZoneChoices(form.timeZone, zones).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      ) : (
        <input {...fieldProps('time_zone', `${ids}-time_zone-hint`)} value={form.timeZone} autoComplete="off" spellCheck={false} onChange={(event) => change({ timeZone: event.target.value })} />
      )}
      <p id={`${ids}-time_zone-hint`} className="hint">
        {isCouple ? 'Quiet hours, digests and your wedding day' : 'Quiet hours and digests'} follow this zone.
        {localZone !== undefined && localZone !== form.timeZone && <> This browser is set to {localZone.replace(/_/g, ' ')}.</>}
      </p>
      {localZone !== undefined && localZone !== form.timeZone && (
        <button type="button" className="secondary" onClick={() => change({ timeZone: localZone })}>
          Use {localZone.replace(/_/g, ' ')}
        </button>
      )}
      <FieldError id={`${ids}-time_zone-error`} message={errors.time_zone} />

      {isCouple && (
        <>
          <label htmlFor={`${ids}-wedding_date`}>Your wedding date</label>
          <input {...fieldProps('wedding_date', `${ids}-wedding_date-hint`)} type="date" value={form.weddingDate} onChange={(event) => change({ weddingDate: event.target.value })} />
          <p id={`${ids}-wedding_date-hint`} className="hint">
            Nothing that is not urgent reaches you that day; it waits until the next morning.
          </p>
          <FieldError id={`${ids}-wedding_date-error`} message={errors.wedding_date} />
        </>
      )}

      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : 'Save settings'}
      </button>
      <p role="status" className="said">
        {said}
      </p>
    </form>
  );
}
