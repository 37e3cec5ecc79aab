import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { frmEventsV1, timestampFromDate, toEventJson } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, type EventStore, type JsonObject, type RecordedEvent } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { quoteIdent } from '@frm/postgres';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { startVotingService, type RunningVotingService, type VotingServiceOptions } from '../../src';
import { VotingClient, type Voter } from './voting-client';

/** A running voting service on its own schemas, its client, and the event store it shares with intake. */
export interface VotingTestBed {
  readonly service: RunningVotingService;
  readonly client: VotingClient;
  /** Stops the service and starts it again on the same database, schemas and keys. */
  /** Stops the service, runs `whileStopped` (appends it should find on start), and starts it again. */
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  readonly eventStore: EventStore;
  readonly postgres: TestPostgres;
  /** Appends what intake would: a submitted request by `authorId`. */
  submitRequest(authorId?: string): Promise<string>;
  changeStatus(featureRequestId: string, to: string): Promise<void>;
  /** Resolves with the id of the `FeatureRequestMerged` event. */
  merge(sourceId: string, targetId: string): Promise<string>;
  /** Undoes the merge of `sourceId` into `targetId`; the source goes back to submitted. */
  unmerge(sourceId: string, targetId: string): Promise<void>;
  eventsOf(streamPrefix: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function startVotingTestBed(options: Partial<VotingServiceOptions> & { redis?: Redis } = {}): Promise<VotingTestBed> {
  const postgres = await testPostgres({ prefix: 'voting' });
  const eventStoreSchema = `${postgres.schema}_events`;
  const schemas = [eventStoreSchema, `${postgres.schema}_votes`, `${postgres.schema}_processors`];
  const serviceOptions: VotingServiceOptions = {
    db: postgres.db,
    logger: createLogger({ service: 'voting-test', level: 'silent' }),
    port: 0,
    eventStoreSchema,
    readModelSchema: schemas[1],
    processorSchema: schemas[2],
    signalHashKey: randomBytes(32),
    ...options,
  };
  let service = await startVotingService(serviceOptions);
  let client = new VotingClient(service.address);
  const eventStore = await openPostgresEventStore(postgres.db, { schema: eventStoreSchema });
  const append = async (featureRequestId: string, fns: { $type: string }, data: JsonObject) => {
    const stream = `feature-request-${featureRequestId}`;
    const existing = await eventStore.readStream(stream);
    const id = eventIdFor(randomUUID(), 0);
    await eventStore.appendToStream(stream, [{ id, type: fns.$type, data }], {
      expectedRevision: existing.at(-1)?.revision ?? 'no_stream',
    });
    return id;
  };
  const occurredAt = () => timestampFromDate(new Date());
  return {
    get service() {
      return service;
    },
    get client() {
      return client;
    },
    async restart(whileStopped) {
      client.close();
      await service.close();
      await whileStopped?.();
      service = await startVotingService(serviceOptions);
      client = new VotingClient(service.address);
    },
    eventStore,
    postgres,
    async submitRequest(authorId = randomUUID()) {
      const featureRequestId = randomUUID();
      await append(
        featureRequestId,
        frmEventsV1.FeatureRequestSubmitted,
        toEventJson(frmEventsV1.FeatureRequestSubmitted, {
          ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
          featureRequestId,
          occurredAt: occurredAt(),
          authorId,
          title: 'Seating plan export',
          description: 'Print the seating plan as PDF.',
          category: 'planning-tools',
        }) as JsonObject,
      );
      return featureRequestId;
    },
    async changeStatus(featureRequestId, to) {
      await append(
        featureRequestId,
        frmEventsV1.FeatureRequestStatusChanged,
        toEventJson(frmEventsV1.FeatureRequestStatusChanged, {
          ...frmEventsV1.FeatureRequestStatusChanged.fromPartial({}),
          featureRequestId,
          occurredAt: occurredAt(),
          actorId: randomUUID(),
          fromStatus: 'FEATURE_REQUEST_STATUS_SUBMITTED' as frmEventsV1.FeatureRequestStatus,
          toStatus: `FEATURE_REQUEST_STATUS_${to.toUpperCase()}` as frmEventsV1.FeatureRequestStatus,
          reason: 'test',
        }) as JsonObject,
      );
    },
    async merge(sourceId, targetId) {
      return append(
        sourceId,
        frmEventsV1.FeatureRequestMerged,
        toEventJson(frmEventsV1.FeatureRequestMerged, {
          ...frmEventsV1.FeatureRequestMerged.fromPartial({}),
          featureRequestId: sourceId,
          occurredAt: occurredAt(),
          actorId: randomUUID(),
          targetFeatureRequestId: targetId,
          fromStatus: 'FEATURE_REQUEST_STATUS_SUBMITTED' as frmEventsV1.FeatureRequestStatus,
          reason: 'the same wish',
        }) as JsonObject,
      );
    },
    async unmerge(sourceId, targetId) {
      await append(
        sourceId,
        frmEventsV1.FeatureRequestUnmerged,
        toEventJson(frmEventsV1.FeatureRequestUnmerged, {
          ...frmEventsV1.FeatureRequestUnmerged.fromPartial({}),
          featureRequestId: sourceId,
          occurredAt: occurredAt(),
          actorId: randomUUID(),
          targetFeatureRequestId: targetId,
          toStatus: 'FEATURE_REQUEST_STATUS_SUBMITTED' as frmEventsV1.FeatureRequestStatus,
          reason: 'not the same wish after all',
        }) as JsonObject,
      );
    },
    async eventsOf(streamPrefix) {
      const events: RecordedEvent[] = [];
      for await (const page of eventStore.readAll({ filter: { streamPrefixes: [streamPrefix] } })) events.push(...page);
      return events;
    },
    async close() {
      client.close();
      await eventStore.close();
      await service.close();
      for (const schema of schemas) await postgres.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await postgres.cleanup();
    },
  };
}

let voterCount = 0;

/** A couple with an account of the given age, voting from its own device and address unless told otherwise. */
export function voter(options: { ageDays?: number; device?: string; address?: string; roles?: CallerRoles } = {}): Voter {
  voterCount++;
  return {
    claims: {
      subject: randomUUID(),
      roles: options.roles ?? ['couple'],
      accountCreatedAt: Math.floor(Date.now() / 1000) - Math.round((options.ageDays ?? 400) * 86_400),
    },
    connection: {
      clientAddress: options.address ?? `198.51.${voterCount % 250}.${(voterCount * 7) % 250}`,
      deviceFingerprint: options.device ?? `device-${randomUUID()}`,
      userAgent: 'Mozilla/5.0 (test)',
    },
  };
}

type CallerRoles = Voter['claims']['roles'];
