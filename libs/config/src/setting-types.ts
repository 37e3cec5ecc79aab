import { z } from 'zod';
import { Setting, type SettingType } from './setting';

const HOST = String.raw`(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)`;
const HOST_PORT = new RegExp(String.raw`^${HOST}:(\d{1,5})$`);
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const MILLISECONDS_PER_UNIT = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const commaSeparated = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.array(item).min(1))
    .transform((items): readonly string[] => Object.freeze(items));

/** Any setting whose parsing zod can express; the other builders are made with it. */
export function custom<T>(type: SettingType<T>): Setting<T> {
  return Setting.of(type);
}

/** Non-empty text. */
export function text(example = 'some text'): Setting<string> {
  return custom({ schema: z.string(), expected: 'non-empty text', example });
}

/** Text that is never printed (a signing key, a password), with a minimum length. */
export function secretText(minLength = 1): Setting<string> {
  return custom({
    schema: z.string().min(minLength),
    expected: minLength > 1 ? `a secret of at least ${minLength} characters` : 'a non-empty secret',
    example: `a random string of ${Math.max(minLength, 32)} characters`,
  }).secret();
}

/**
 * A URL with one of the given schemes and a host. Several comma-separated hosts are allowed,
 * as EventStoreDB cluster connection strings use them. `describe()` hides its password.
 */
export function url(schemes: readonly [string, ...string[]], example?: string): Setting<string> {
  const schemePattern = schemes.map((scheme) => scheme.replace(/[+.]/g, (c) => `\\${c}`)).join('|');
  return custom({
    schema: z.string().regex(new RegExp(`^(?:${schemePattern})://(?:[^@/?#]*@)?[^@/?#]+(?:[/?#].*)?$`, 'i')),
    expected: `a URL starting with ${schemes.map((scheme) => `${scheme}://`).join(' or ')} and naming a host`,
    example: example ?? `${schemes[0]}://127.0.0.1`,
  });
}

/** A TCP port; 0 lets the operating system pick a free one (handy in tests). */
export function port(): Setting<number> {
  return custom({ schema: wholeNumber(0, 65_535), expected: 'a TCP port from 0 to 65535', example: '8080' });
}

/** `host:port[,host:port…]`, as Kafka bootstrap servers; the value is the list of entries. */
export function hostPortList(example = '127.0.0.1:9092'): Setting<readonly string[]> {
  const entry = z.string().refine((item) => {
    const match = HOST_PORT.exec(item);
    return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= 65_535;
  });
  return custom({ schema: commaSeparated(entry), expected: 'host:port[,host:port…]', example, show: (list) => list.join(',') });
}

/** A duration with its unit (`250ms`, `30s`, `5m`, `1h`); the value is in milliseconds. */
export function duration(example = '30s'): Setting<number> {
  const schema = z
    .string()
    .regex(DURATION)
    .transform((text) => {
      const [, amount, unit] = DURATION.exec(text) as RegExpExecArray;
      return Math.round(Number(amount) * MILLISECONDS_PER_UNIT[unit as keyof typeof MILLISECONDS_PER_UNIT]);
    });
  return custom({
    schema,
    expected: 'a duration with its unit: ms, s, m or h (250ms, 30s, 5m)',
    example,
    show: (milliseconds) => `${milliseconds}ms`,
  });
}

/** One of a fixed set of words, compared exactly. */
export function oneOf<const Values extends readonly [string, ...string[]]>(values: Values): Setting<Values[number]> {
  return custom({ schema: z.enum(values), expected: `one of ${values.join(', ')}`, example: values[0] });
}

/** `true`/`false`, also `1`/`0`, `yes`/`no`, `on`/`off` in any case. */
export function boolean(): Setting<boolean> {
  return custom({ schema: z.stringbool(), expected: 'true or false (or 1/0, yes/no, on/off)', example: 'true' });
}

/** A whole number from 1 up to `max`. */
export function positiveInt(max = Number.MAX_SAFE_INTEGER, example = '10'): Setting<number> {
  const range = max === Number.MAX_SAFE_INTEGER ? 'a whole number of 1 or more' : `a whole number from 1 to ${max}`;
  return custom({ schema: wholeNumber(1, max), expected: range, example });
}

/** Comma-separated non-empty items; spaces around each item are ignored. */
export function commaList(example = 'a,b,c'): Setting<readonly string[]> {
  return custom({
    schema: commaSeparated(z.string().min(1)),
    expected: 'a comma-separated list without empty items',
    example,
    show: (list) => list.join(','),
  });
}
