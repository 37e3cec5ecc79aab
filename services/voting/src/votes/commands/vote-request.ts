import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { InvalidArgumentError, type FieldViolation } from '@frm/grpc-errors';

// Fixed, random namespaces: the same inputs must give the same ids in every release.
const COMMAND_NAMESPACE = '5b0e7c1d-3f2a-4e96-8a41-7c2d9e0f1b35';
const VOTE_NAMESPACE = 'e3a1f9c4-6d27-4b58-9e03-2f71c8a4d6b9';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Checks a command's ids (`request_id` may be empty; the named ones must be UUIDs) and gives the
 * command's id: derived from the client's request id, scoped by caller and RPC, so a retry finds
 * its own events; fresh when the client sent none (that call is not retry-safe).
 */
export function commandIdOf(rpc: string, callerId: string, request: { requestId: string }, ids: Readonly<Record<string, string>>): string {
  const violations: FieldViolation[] = [];
  if (request.requestId !== '' && !isUuid(request.requestId)) {
    violations.push({ field: 'request_id', rule: 'must be a UUID, or empty for a call that is never retried' });
  }
  for (const [field, value] of Object.entries(ids)) {
    if (value === '') violations.push({ field, rule: 'must not be empty; give the id as a UUID' });
    else if (!isUuid(value)) violations.push({ field, rule: 'must be a UUID' });
  }
  const [first, ...rest] = violations;
  if (first) throw new InvalidArgumentError([first, ...rest]);
  if (request.requestId === '') return randomUUID();
  return uuidv5(`${rpc}\n${callerId}\n${request.requestId.toLowerCase()}`, COMMAND_NAMESPACE);
}

/** The id of a vote a command casts: the same for every retry of that command. */
export function voteIdFor(commandId: string): string {
  return uuidv5(`vote\n${commandId}`, VOTE_NAMESPACE);
}
