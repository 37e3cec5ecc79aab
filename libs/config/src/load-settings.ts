import { inspect } from 'node:util';
import { hideUrlPassword } from './hide-url-password';
import { InvalidSettingsError, type SettingProblem } from './invalid-settings.error';
import type { Setting } from './setting';
import type { LoadedSettings, SettingsOf, SettingsSchema } from './settings-schema';

type Environment = Readonly<Record<string, string | undefined>>;

const MAX_SHOWN_LENGTH = 80;

/**
 * Reads every setting of `schema` from `env` (the process environment by default). Returns a frozen,
 * typed object, or throws one {@link InvalidSettingsError} naming every missing or invalid variable.
 * Unset and empty variables are alike: compose files often pass `NAME=` for "not set".
 *
 * @example
 * const settings = loadSettings({
 *   ...runModeSettings,
 *   ...logSettings,
 *   FRM_GATEWAY_PORT: port().default(8080).describe('port the gateway listens on'),
 *   FRM_JWT_SECRET: secretText(32).describe('signs the access tokens'),
 * });
 * const mode = decideRunMode(settings);
 * logger.info(`settings:\n${settings.describe()}`);
 */
export function loadSettings<S extends SettingsSchema>(schema: S, env: Environment = process.env): LoadedSettings<S> {
  const values: Record<string, unknown> = {};
  const fromDefault = new Set<string>();
  const problems: SettingProblem[] = [];
  for (const [name, setting] of Object.entries(schema)) {
    const reading = setting.read(env[name]);
    if (reading.ok) {
      values[name] = reading.value;
      if (reading.fromDefault) fromDefault.add(name);
    } else {
      problems.push({ name, message: describeProblem(name, setting, reading.missing ? undefined : env[name]) });
    }
  }
  if (problems.length > 0) throw new InvalidSettingsError(problems);

  const describe = () =>
    Object.entries(schema)
      .map(([name, setting]) => `${name}=${setting.display(values[name])}${fromDefault.has(name) ? ' (default)' : ''}`)
      .join('\n');
  const masked = () => Object.fromEntries(Object.entries(schema).map(([name, setting]) => [name, setting.display(values[name])]));
  // Non-enumerable, so that the keys stay the settings; they also make `JSON.stringify`, template
  // strings and `console.log` print the masked form, since a logged config object is a classic leak.
  Object.defineProperties(values, {
    describe: { value: describe },
    toString: { value: describe },
    toJSON: { value: masked },
    [inspect.custom]: { value: masked },
  });
  return Object.freeze(values) as SettingsOf<S> as LoadedSettings<S>;
}

function describeProblem(name: string, setting: Setting<unknown>, raw: string | undefined): string {
  if (raw !== undefined) {
    return `${name}: expected ${setting.expected}, got ${showRaw(raw.trim(), setting.isSecret)}; e.g. ${setting.example}`;
  }
  const purpose = setting.description ? ` (${setting.description})` : '';
  return `${name}: missing; expected ${setting.expected}${purpose}; e.g. ${setting.example}`;
}

function showRaw(raw: string, secret: boolean): string {
  if (secret) return `a hidden value of ${raw.length} characters`;
  const shown = hideUrlPassword(raw);
  return JSON.stringify(shown.length > MAX_SHOWN_LENGTH ? `${shown.slice(0, MAX_SHOWN_LENGTH)}…` : shown);
}
