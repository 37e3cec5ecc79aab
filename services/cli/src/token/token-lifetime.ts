import { CliError } from '../cli-error';

const LIFETIME = /^(\d+)(s|m|h|d|w)$/;

/** `8h`, `30m`, `7d`…: checked here so that a typo is refused rather than read oddly by jose. */
export function tokenLifetime(text: string): string {
  const match = LIFETIME.exec(text.trim());
  if (!match || Number(match[1]) === 0) {
    throw new CliError(`--ttl "${text}" is not a lifetime; use a number and one of s, m, h, d, w, e.g. --ttl 8h`);
  }
  return `${match[1]}${match[2]}`;
}
