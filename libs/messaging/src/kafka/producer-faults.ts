// Broker answers that mean the producer's id or sequence numbers are no longer valid (the broker
// lost or expired its state about them). Retrying with the same producer can never succeed; a new
// producer (a new id) can, at the price of possible duplicates.
const FRESH_PRODUCER_NEEDED = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
  'PRODUCER_FENCED',
]);

/** Whether a failed send can only succeed with a new producer. */
export function needsFreshProducer(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 10; current = (current as { cause?: unknown }).cause, depth++) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && FRESH_PRODUCER_NEEDED.has(type)) return true;
  }
  return false;
}
