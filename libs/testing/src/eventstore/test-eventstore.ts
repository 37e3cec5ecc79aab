import { dockerUnavailableReason } from './docker-engine';

export const defaultEventStoreImage = 'eventstore/eventstore:24.10';

export interface TestEventStoreOptions {
  /** Image to start when no EVENTSTORE_CONNECTION_STRING is given; FRM_EVENTSTORE_IMAGE or 24.10. */
  image?: string;
}

export type TestEventStore =
  | {
      /** e.g. `esdb://localhost:32768?tls=false`. */
      readonly connectionString: string;
      /** Stops the container this harness started; a server from the environment is left alone. */
      stop(): Promise<void>;
    }
  | { readonly skipped: string };

/**
 * EventStoreDB for the adapter's contract tests: the server in EVENTSTORE_CONNECTION_STRING, else
 * a throw-away container (insecure, in memory, no projections) when a Docker engine answers, else
 * `{ skipped }` with the reason, for the test to report and skip.
 */
export async function testEventStore(options: TestEventStoreOptions = {}): Promise<TestEventStore> {
  const given = process.env['EVENTSTORE_CONNECTION_STRING'];
  if (given) return { connectionString: given, stop: async () => undefined };

  const unavailable = await dockerUnavailableReason();
  if (unavailable) return { skipped: `EventStoreDB cannot run: ${unavailable}; set EVENTSTORE_CONNECTION_STRING to use a server` };

  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(options.image ?? process.env['FRM_EVENTSTORE_IMAGE'] ?? defaultEventStoreImage)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_MEM_DB: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300))
    .withStartupTimeout(120_000)
    .start();
  return {
    connectionString: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}
