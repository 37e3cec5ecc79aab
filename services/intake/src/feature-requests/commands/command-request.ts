import { checkUuid, isUuid, refuseIfAny, type Actor, type Violations } from '../domain';
import { commandIdFor } from './command-ids';

/**
 * Checks the ids of a command request (`request_id` may be empty; the others are UUIDs) and gives
 * the command's id. The ids are checked before anything is read, as they name what to read.
 */
export function commandIdOf(
  rpc: string,
  actor: Actor,
  request: { requestId: string },
  ids: Readonly<Record<string, string>> = {},
): string {
  const violations: Violations = [];
  if (request.requestId !== '' && !isUuid(request.requestId)) {
    violations.push({ field: 'request_id', rule: 'must be a UUID, or empty for a call that is never retried' });
  }
  for (const [field, value] of Object.entries(ids)) checkUuid(field, value, violations);
  refuseIfAny(violations);
  return commandIdFor(rpc, actor, request.requestId);
}
