import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import type { Notification, NotificationUpdate } from '../../gen/frm/v1/notification_service_pb';
import { reconnectDelayMs } from './reconnect-delay';

export interface WatchListener {
  /** Every message: how many are unread, and the notification that just landed (none in the first). */
  update(unreadCount: bigint, arrival: Notification | undefined): void;
  /** The watch gave up: opening it again would be refused again (the token expired, or no role may). */
  stopped(problem: CallProblem): void;
}

export interface WatchOptions {
  /** Opens WatchNotifications; ends or throws when the stream does. */
  open(signal: AbortSignal): AsyncIterable<NotificationUpdate>;
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  random?(): number;
}

/**
 * Keeps WatchNotifications open until `signal` aborts: when the stream ends or fails it opens it
 * again, sooner after a stream that delivered, later after each failure in a row, never before a
 * `retry-after` the gateway named. A refusal that would repeat itself ends the watch.
 */
export async function keepWatching(options: WatchOptions, listener: WatchListener, signal: AbortSignal): Promise<void> {
  const sleep = options.sleep ?? abortableSleep;
  let failures = 0;
  while (!signal.aborted) {
    let notBeforeMs = 0;
    try {
      for await (const message of options.open(signal)) {
        failures = 0;
        listener.update(message.unreadCount, message.notification);
      }
    } catch (error) {
      if (signal.aborted) return;
      const problem = describeCallError(error);
      if (!problem.retryable) {
        listener.stopped(problem);
        return;
      }
      notBeforeMs = (problem.retryAfterSeconds ?? 0) * 1_000;
    }
    failures++;
    await sleep(Math.max(notBeforeMs, reconnectDelayMs(failures, options.random)), signal);
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
