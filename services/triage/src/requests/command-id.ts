import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { InvalidArgumentError, type FieldViolation } from '@frm/grpc-errors';

// Fixed, random: the same request id from the same caller gives the same command id in every release.
const COMMAND_NAMESPACE = '3d9f6a52-7c1e-4b8a-9e27-5f0c8d4a6b13';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** INVALID_ARGUMENT unless `value` is a UUID; the id in lower case. */
export function checkFeatureRequestId(value: string, field = 'feature_request_id'): string {
  if (value === '') throw new InvalidArgumentError(field, 'must not be empty; give the id as a UUID');
  if (!isUuid(value)) throw new InvalidArgumentError(field, 'must be a UUID');
  return value.toLowerCase();
}

/**
 * The command's id, from the client's `request_id` (empty, or a UUID) scoped by caller and RPC, so
 * a retry appends nothing new; fresh when the client sent none.
 */
export function commandIdOf(rpc: string, callerId: string, requestId: string): string {
  if (requestId !== '' && !isUuid(requestId)) {
    const violation: FieldViolation = { field: 'request_id', rule: 'must be a UUID, or empty for a call that is never retried' };
    throw new InvalidArgumentError([violation]);
  }
  return requestId === '' ? randomUUID() : uuidv5(`${rpc}\n${callerId}\n${requestId.toLowerCase()}`, COMMAND_NAMESPACE);
}
