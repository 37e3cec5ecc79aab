import { comparePositions, openPostgresEventStore, type EventStore } from '@frm/event-store';
import { quoteIdent } from '@frm/postgres';
import { testKafka, testPostgres, waitUntil, type TestKafka, type TestPostgres } from '@frm/testing';
import { EventRelay, FEATURE_REQUESTS_TOPIC, VOTES_TOPIC, frmEventRoutes, withTopics, type EventRelayOptions, type EventRoute } from '../../src';
import { testLogger } from './test-logger';

/** One test's world: an event store of its own and routes to two fresh topics of three partitions. */
export interface RelayWorld {
  eventStore: EventStore;
  /** The event store's schema, fresh for this world. */
  schema: string;
  routes: EventRoute[];
  requestsTopic: string;
  votesTopic: string;
  /** A relay of this world (batches of 50, quick retries) unless the options say otherwise. */
  relay(options?: Partial<EventRelayOptions>): EventRelay;
}

/** One test file's Kafka and Postgres schema. */
export interface RelayBed {
  kafka: TestKafka;
  postgres: TestPostgres;
  world(): Promise<RelayWorld>;
  /** Resolves once the relay's checkpoint has reached its event store's head. */
  caughtUp(relay: EventRelay, timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

export async function relayBed(brokers?: string[]): Promise<RelayBed> {
  const kafka = await testKafka({ brokers });
  const postgres = await testPostgres({ prefix: 'messaging' });
  const relays: EventRelay[] = [];
  const eventStores: EventStore[] = [];
  let worlds = 0;
  let relayCount = 0;
  return {
    kafka,
    postgres,
    async world() {
      const schema = `${postgres.schema}_events_${++worlds}`;
      const eventStore = await openPostgresEventStore(postgres.db, { schema });
      eventStores.push(eventStore);
      const requestsTopic = await kafka.createTopic({ prefix: 'requests', partitions: 3 });
      const votesTopic = await kafka.createTopic({ prefix: 'votes', partitions: 3 });
      const routes = withTopics(frmEventRoutes, { [FEATURE_REQUESTS_TOPIC]: requestsTopic, [VOTES_TOPIC]: votesTopic });
      return {
        eventStore,
        schema,
        routes,
        requestsTopic,
        votesTopic,
        relay(options = {}) {
          const relay = new EventRelay({
            name: `relay-${++relayCount}`,
            eventStore,
            checkpointDb: postgres.db,
            kafka: { brokers: kafka.brokers, clientId: 'relay-test', logger: testLogger('relay-kafka') },
            routes,
            batchSize: 50,
            retry: { initialDelayMs: 20, maxDelayMs: 500 },
            logger: testLogger('relay'),
            ...options,
          });
          relays.push(relay);
          return relay;
        },
      };
    },
    async caughtUp(relay, timeoutMs = 20_000) {
      await waitUntil(
        `relay ${relay.name} has published every event`,
        async () => {
          const status = await relay.status();
          if (status.state === 'failed') throw new Error(`relay failed: ${status.lastError}`);
          return !status.head || (status.checkpoint !== undefined && comparePositions(status.checkpoint, status.head) >= 0);
        },
        { timeoutMs },
      );
    },
    async dispose() {
      await Promise.all(relays.map((relay) => relay.stop()));
      await Promise.all(eventStores.map((store) => store.close()));
      for (let n = 1; n <= worlds; n++) {
        await postgres.db.exec(`drop schema if exists ${quoteIdent(`${postgres.schema}_events_${n}`)} cascade`).catch(() => undefined);
      }
      await postgres.cleanup();
      await kafka.cleanup();
    },
  };
}
