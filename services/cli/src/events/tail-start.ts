import { parsePosition, type Position } from '@frm/event-store';
import { CliError } from '../cli-error';

/** Where `frm events tail` begins: the first event, after the newest one, or after a position. */
export type TailStart = { kind: 'start' } | { kind: 'end' } | { kind: 'after'; position: Position };

export function parseTailStart(text: string): TailStart {
  if (text === 'start') return { kind: 'start' };
  if (text === 'end') return { kind: 'end' };
  try {
    return { kind: 'after', position: parsePosition(text) };
  } catch {
    throw new CliError(`--from "${text}" is not start, end or a position <commit>/<prepare> (as printed in each event's "position")`);
  }
}
