import { createRequire } from 'node:module';
import { fixKafkajsIdleLoop } from './kafkajs-idle-loop-fix';

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
}
const RequestQueue = createRequire(__filename)('kafkajs/src/network/requestQueue') as new (options: object) => Queue;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const newQueue = () => new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: 'localhost:9092', logger: silent });

describe('the kafkajs idle loop fix (kafkajs 2.2.4 RequestQueue)', () => {
  it('applies to the kafkajs version installed (a new version needs the fix looked at again)', () => {
    expect(fixKafkajsIdleLoop()).toBe(true);
  });

  it('sets no timer after a check that found nothing waiting and no throttle, as after every answer', () => {
    const queue = newQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    queue.destroy();
  });

  it('still checks again later while requests wait, and once a throttle ends', async () => {
    const queue = newQueue();
    const sent: string[] = [];
    queue.pending.push({ send: () => sent.push('waiting request'), correlationId: 1, expectResponse: true });
    queue.maybeThrottle(30);
    queue.checkPendingRequests();
    expect(sent).toEqual([]);
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(sent).toEqual(['waiting request']);
    expect(queue.throttleCheckTimeoutId).toBeNull();
    queue.destroy();
  });
});
