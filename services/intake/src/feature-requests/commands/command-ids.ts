import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '../domain';

// Fixed, random namespaces: the same inputs must give the same ids in every release.
const COMMAND_NAMESPACE = '8d3c1f52-6a0e-4b7d-9c41-2f5e8a7b6d10';
const ENTITY_NAMESPACE = 'c7a94e21-3b5d-4f80-a6e2-91d04b3c5f78';

/**
 * The id of a command: derived from the client's `request_id`, scoped by caller and RPC, so a
 * retry finds its own events; a fresh one when the client sent none (that call is not retry-safe).
 */
export function commandIdFor(rpc: string, actor: Actor, requestId: string): string {
  if (requestId === '') return randomUUID();
  return uuidv5(`${rpc}\n${actor.subject}\n${requestId.toLowerCase()}`, COMMAND_NAMESPACE);
}

/** The id of what a command creates (a feature request, a comment): the same for every retry. */
export function entityIdFor(commandId: string, kind: 'feature-request' | 'comment'): string {
  return uuidv5(`${kind}\n${commandId}`, ENTITY_NAMESPACE);
}
