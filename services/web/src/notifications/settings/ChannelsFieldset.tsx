import type { ChannelChoice } from './preferences-form';
import { FieldError } from './FieldError';

interface ChannelsFieldsetProps {
  readonly id: string;
  readonly legend: string;
  readonly hint: string;
  readonly value: ChannelChoice;
  readonly error: string | undefined;
  onChange(value: ChannelChoice): void;
}

/** In the app, by e-mail, both or neither, for one kind of notification. */
export function ChannelsFieldset({ id, legend, hint, value, error, onChange }: ChannelsFieldsetProps) {
  const described = [`${id}-hint`, ...(error !== undefined ? [`${id}-error`] : [])].join(' ');
  return (
    <fieldset className={error !== undefined ? 'channels invalid' : 'channels'} aria-describedby={described}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <div className="checkbox">
        <input id={id} type="checkbox" checked={value.inApp} onChange={(event) => onChange({ ...value, inApp: event.target.checked })} />
        <label htmlFor={id}>In the app</label>
      </div>
      <div className="checkbox">
        <input id={`${id}-email`} type="checkbox" checked={value.email} onChange={(event) => onChange({ ...value, email: event.target.checked })} />
        <label htmlFor={`${id}-email`}>By e-mail</label>
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
