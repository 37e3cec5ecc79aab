import type { z } from 'zod';
import { hideUrlPassword } from './hide-url-password';

/** What a setting type knows before a service adds its description, default or secrecy. */
export interface SettingType<T> {
  /** Parses the trimmed, non-empty text of the variable. */
  readonly schema: z.ZodType<T>;
  /** The rule in words, shown after "expected" when a value is wrong or missing. */
  readonly expected: string;
  /** A value that would be accepted, shown after "e.g.". */
  readonly example: string;
  /** How `describe()` prints a parsed value (default: `String(value)`). */
  show?(value: T): string;
}

type Presence<T> = { readonly kind: 'required' } | { readonly kind: 'optional' } | { readonly kind: 'default'; readonly value: T };

/** The outcome of reading one variable: its value, or the rule it broke. */
export type SettingReading<T> =
  | { readonly ok: true; readonly value: T; readonly fromDefault: boolean }
  | { readonly ok: false; readonly missing: boolean };

/**
 * One environment variable a service reads: how to parse it, whether it is required, its default,
 * what it is for and whether it is secret. Immutable; each modifier returns a new setting.
 */
export class Setting<T> {
  private constructor(
    private readonly type: SettingType<T>,
    private readonly presence: Presence<T>,
    /** What the setting is for, shown with a missing value and by `describe()`. */
    readonly description: string | undefined,
    /** A secret is never printed: not by `describe()`, not in an error message. */
    readonly isSecret: boolean,
  ) {}

  /** A required setting of the given type. */
  static of<T>(type: SettingType<T>): Setting<T> {
    return new Setting(type, { kind: 'required' }, undefined, false);
  }

  get expected(): string {
    return this.type.expected;
  }

  get example(): string {
    return this.type.example;
  }

  /** The value is `undefined` when the variable is unset or empty. */
  optional(): Setting<T | undefined> {
    return new Setting<T | undefined>(this.type as SettingType<T | undefined>, { kind: 'optional' }, this.description, this.isSecret);
  }

  /** The value used when the variable is unset or empty. */
  default(value: T): Setting<T> {
    return new Setting(this.type, { kind: 'default', value }, this.description, this.isSecret);
  }

  describe(description: string): Setting<T> {
    return new Setting(this.type, this.presence, description, this.isSecret);
  }

  secret(): Setting<T> {
    return new Setting(this.type, this.presence, this.description, true);
  }

  /** Replaces the example shown in error messages. */
  withExample(example: string): Setting<T> {
    return new Setting({ ...this.type, example }, this.presence, this.description, this.isSecret);
  }

  /** @param raw the variable's text; unset and empty (after trimming) count as absent. */
  read(raw: string | undefined): SettingReading<T> {
    const text = raw?.trim() ?? '';
    if (text === '') {
      if (this.presence.kind === 'default') return { ok: true, value: this.presence.value, fromDefault: true };
      if (this.presence.kind === 'optional') return { ok: true, value: undefined as T, fromDefault: false };
      return { ok: false, missing: true };
    }
    const parsed = this.type.schema.safeParse(text);
    return parsed.success ? { ok: true, value: parsed.data, fromDefault: false } : { ok: false, missing: false };
  }

  /** The value as `describe()` prints it: secrets masked, URL passwords hidden. */
  display(value: T): string {
    if (value === undefined) return '(not set)';
    if (this.isSecret) return '[secret]';
    return hideUrlPassword(this.type.show ? this.type.show(value) : String(value));
  }
}
