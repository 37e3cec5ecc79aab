import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@frm/event-store';
import { openPostgresEventStore } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import type { PiiCipher } from '@frm/pii';
import type { CacheStore } from '@frm/read-cache';
import type { SqlDatabase } from '@frm/postgres';
import { startIntakeService, type Actor, type RunningIntakeService } from '../../src';
import { IntakeClient } from './intake-client';

/** A running intake service on 127.0.0.1 and a free port, its client, and a look into its event store. */
export interface IntakeTestBed {
  readonly service: RunningIntakeService;
  readonly client: IntakeClient;
  /** Every event in the store, oldest first. */
  allEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export interface IntakeTestBedOptions {
  eventStoreSchema?: string;
  readModelSchema?: string;
  personalData?: PiiCipher;
  /** The trend's half-life of the `trending` sort; default 7 days. */
  trendHalfLifeMs?: number;
  cacheStore?: CacheStore;
  metricsRegistry?: Registry;
}

export async function startIntakeTestBed(db: SqlDatabase, options: IntakeTestBedOptions = {}): Promise<IntakeTestBed> {
  const eventStoreSchema = options.eventStoreSchema ?? 'event_store';
  const service = await startIntakeService({
    db,
    logger: createLogger({ service: 'intake-test', level: 'silent' }),
    port: 0,
    eventStoreSchema,
    readModelSchema: options.readModelSchema,
    trendHalfLifeMs: options.trendHalfLifeMs,
    ...(options.cacheStore ? { cacheStore: options.cacheStore } : {}),
    ...(options.metricsRegistry ? { metricsRegistry: options.metricsRegistry } : {}),
    ...(options.personalData ? { personalData: options.personalData } : {}),
  });
  const client = new IntakeClient(service.address);
  const reader: EventStore = await openPostgresEventStore(db, { schema: eventStoreSchema });
  return {
    service,
    client,
    async allEvents() {
      const events: RecordedEvent[] = [];
      for await (const page of reader.readAll()) events.push(...page);
      return events;
    },
    async close() {
      client.close();
      await reader.close();
      await service.close();
    },
  };
}

export function couple(): Actor {
  return { subject: randomUUID(), roles: ['couple'] };
}

export function supplier(): Actor {
  return { subject: randomUUID(), roles: ['supplier'] };
}

export function productManager(): Actor {
  return { subject: randomUUID(), roles: ['product'] };
}
