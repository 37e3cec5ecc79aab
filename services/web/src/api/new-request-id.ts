import { v4 as uuidv4 } from 'uuid';

/**
 * A fresh command id (AIP-155) for one attempt: the services derive event ids from it, so a call
 * that is retried with the same id appends nothing twice. `uuid` rather than crypto.randomUUID,
 * which browsers offer only on secure origins (the board may be opened over plain http on a LAN).
 */
export function newRequestId(): string {
  return uuidv4();
}
