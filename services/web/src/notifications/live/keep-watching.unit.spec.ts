import { create } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { NotificationSchema, NotificationUpdateSchema, type NotificationUpdate } from '../../gen/frm/v1/notification_service_pb';
import { keepWatching } from './keep-watching';

type Step = NotificationUpdate | ConnectError;

const count = (unreadCount: number) => create(NotificationUpdateSchema, { unreadCount: BigInt(unreadCount) });
const arrival = (id: string, unreadCount: number) => create(NotificationUpdateSchema, { unreadCount: BigInt(unreadCount), notification: create(NotificationSchema, { id }) });
const unavailable = () => new ConnectError('notifications is restarting', Code.Unavailable);

/** Runs keepWatching over scripted streams (each a list of messages, maybe ending in an error) until they run out. */
async function watchThrough(...streams: Step[][]) {
  const controller = new AbortController();
  const seen: string[] = [];
  const delays: number[] = [];
  let opened = 0;
  await keepWatching(
    {
      async *open(signal) {
        opened++;
        const steps = streams.shift();
        if (steps === undefined) {
          controller.abort();
          throw new ConnectError('the page went away', Code.Canceled);
        }
        for (const step of steps) {
          if (signal.aborted) throw new ConnectError('aborted', Code.Canceled);
          if (step instanceof ConnectError) throw step;
          yield step;
        }
      },
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0,
    },
    {
      update: (unreadCount, notification) => seen.push(notification ? `${notification.id} (${unreadCount} unread)` : `${unreadCount} unread`),
      stopped: (problem) => seen.push(`stopped: ${problem.status}`),
    },
    controller.signal,
  );
  return { seen, delays, opened };
}

describe('keepWatching', () => {
  it('passes on the unread count and each arrival, and opens the watch again a second after it ends', async () => {
    const { seen, delays, opened } = await watchThrough([count(0), arrival('n1', 1)], [count(1), arrival('n2', 2)]);
    expect(seen).toEqual(['0 unread', 'n1 (1 unread)', '1 unread', 'n2 (2 unread)']);
    expect(delays).toEqual([1_000, 1_000]);
    expect(opened).toBe(3);
  });

  it('waits longer after each failure in a row, and starts over once a stream delivers', async () => {
    const { seen, delays } = await watchThrough([unavailable()], [unavailable()], [unavailable()], [count(3), unavailable()], [unavailable()]);
    expect(seen).toEqual(['3 unread']);
    expect(delays).toEqual([1_000, 2_000, 4_000, 1_000, 2_000]);
  });

  it('waits at least as long as the gateway’s retry-after', async () => {
    const limited = new ConnectError('too many calls', Code.ResourceExhausted, { 'retry-after': '30' });
    expect((await watchThrough([limited])).delays).toEqual([30_000]);
  });

  it('renews a watch whose deadline passed, as one that ended', async () => {
    const { seen, delays } = await watchThrough([count(0), new ConnectError('deadline', Code.DeadlineExceeded)], [count(0)]);
    expect(seen).toEqual(['0 unread', '0 unread']);
    expect(delays).toEqual([1_000, 1_000]);
  });

  it('gives up on a refusal that would repeat itself, such as an expired token', async () => {
    const expired = new ConnectError('sign in again', Code.Unauthenticated);
    const { seen, delays, opened } = await watchThrough([count(2), expired], [count(2)]);
    expect(seen).toEqual(['2 unread', 'stopped: UNAUTHENTICATED']);
    expect(delays).toEqual([]);
    expect(opened).toBe(1);
  });

  it('stops at once when aborted, while waiting to reconnect too', async () => {
    const controller = new AbortController();
    let opened = 0;
    await keepWatching(
      {
        // eslint-disable-next-line require-yield
        async *open() {
          opened++;
          throw unavailable();
        },
        sleep: async () => controller.abort(),
      },
      { update: () => undefined, stopped: () => undefined },
      controller.signal,
    );
    expect(opened).toBe(1);
  });
});
