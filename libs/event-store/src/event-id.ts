import { v5 as uuidv5 } from 'uuid';

/** Namespace for event ids derived from command ids (a fixed, random UUID). */
const EVENT_ID_NAMESPACE = '4f0c6a53-3f7e-4d8e-9d0a-6b7e2a0c9e51';

/**
 * The id of the `index`-th event a command produces. The same command always yields the same
 * ids, so a retried command appends nothing new.
 */
export function eventIdFor(commandId: string, index = 0): string {
  return uuidv5(`${commandId}#${index}`, EVENT_ID_NAMESPACE);
}
