import type { Setting } from './setting';

/** The settings of a service, by environment variable name. */
export type SettingsSchema = Readonly<Record<string, Setting<unknown>>>;

/** The typed values that loading a schema gives. */
export type SettingsOf<S extends SettingsSchema> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

/** Loaded settings, plus a description that is safe to print (secrets and URL passwords masked). */
export type LoadedSettings<S extends SettingsSchema> = SettingsOf<S> & {
  /** One `NAME=value` line per setting, secrets masked, defaults marked. */
  describe(): string;
};

/** Declares a schema; only there so that `S` keeps each setting's exact type. */
export function defineSettings<S extends SettingsSchema>(schema: S): S {
  return schema;
}
