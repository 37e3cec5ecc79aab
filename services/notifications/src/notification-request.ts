import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { InvalidArgumentError, type FieldViolation } from '@frm/grpc-errors';

// Fixed, random: the same request id from the same caller gives the same command id in every release.
const COMMAND_NAMESPACE = '8e4b2c71-5d0f-4a39-b6e8-1f7c3a92d054';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Checks a command's ids (`request_id` may be empty; the named ones must be UUIDs, lists of them
 * too) and gives the command's id: derived from the client's request id, scoped by caller and RPC,
 * so that a retry appends nothing new; fresh when the client sent none.
 */
export function commandIdOf(rpc: string, callerId: string, requestId: string, ids: Readonly<Record<string, string | readonly string[]>>): string {
  const violations: FieldViolation[] = [];
  if (requestId !== '' && !isUuid(requestId)) violations.push({ field: 'request_id', rule: 'must be a UUID, or empty for a call that is never retried' });
  for (const [field, value] of Object.entries(ids)) {
    if (typeof value === 'string') {
      if (value === '') violations.push({ field, rule: 'must not be empty; give the id as a UUID' });
      else if (!isUuid(value)) violations.push({ field, rule: 'must be a UUID' });
    } else {
      const bad = value.findIndex((id) => !isUuid(id));
      if (bad >= 0) violations.push({ field: `${field}[${bad}]`, rule: 'must be a UUID' });
    }
  }
  const [first, ...rest] = violations;
  if (first) throw new InvalidArgumentError([first, ...rest]);
  return requestId === '' ? randomUUID() : uuidv5(`${rpc}\n${callerId}\n${requestId.toLowerCase()}`, COMMAND_NAMESPACE);
}
