import { randomBytes } from 'node:crypto';

/**
 * A name no other test (in this run or a parallel one) uses, made of letters, digits, '-' and '_'
 * so it fits Kafka topics, consumer groups, Redis keys and (with `separator: '_'`) SQL identifiers.
 */
export function uniqueName(prefix: string, separator: '-' | '_' = '-'): string {
  return [prefix, Date.now().toString(36), randomBytes(5).toString('hex')].join(separator);
}
