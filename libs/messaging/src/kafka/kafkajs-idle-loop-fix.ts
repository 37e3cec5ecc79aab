import { createRequire } from 'node:module';

/** The fields of kafkajs's RequestQueue (one per broker connection) that its pending-request check reads. */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's own interval between checks of requests waiting for a free slot. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;
const FIXED_VERSION = '2.2.4';
const applied = Symbol.for('frm.kafkajs-idle-loop-fix');

/**
 * kafkajs 2.2.4 checks each connection's queue of waiting requests on a timer it sets again after
 * every check, with a negative delay (so 1 ms) when nothing waits and nothing throttles: every
 * producer, consumer and admin connection wakes its process about 900 times a second for nothing
 * (tulios/kafkajs#1556, #1704; unfixed upstream). Measured on the local cluster with no load: intake,
 * voting and compliance each spent 3.5–3.8% of a core on it, and their main threads woke 887 times
 * a second. With nothing waiting and no throttle there is nothing to check later: a request that
 * cannot go at once is queued by `push`, which schedules the check, and every answer checks the
 * queue again. Only kafkajs 2.2.4 is patched; another version is left as it is, and the test of this
 * file fails until the patch is looked at again.
 */
export function fixKafkajsIdleLoop(): boolean {
  const requireHere = createRequire(__filename);
  const version = (requireHere('kafkajs/package.json') as { version: string }).version;
  if (version !== FIXED_VERSION) return false;
  const queue = requireHere('kafkajs/src/network/requestQueue') as { prototype: RequestQueue & { [applied]?: true } };
  if (queue.prototype[applied]) return true;
  queue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueue): void {
    if (this.throttleCheckTimeoutId) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    if (this.pending.length === 0 && untilUnthrottled <= 0) return;
    const delay = untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, delay);
  };
  queue.prototype[applied] = true;
  return true;
}

fixKafkajsIdleLoop();
