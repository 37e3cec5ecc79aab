import { randomBytes, randomUUID } from 'node:crypto';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import { eventIdFor, openPostgresEventStore, type EventStore, type JsonObject } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { LocalMasterKeys, openPostgresSubjectKeyStore, PiiCipher, type SubjectKeyStore } from '@frm/pii';
import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import { testPglite, testPostgres } from '@frm/testing';
import { startComplianceService, type ComplianceServiceOptions, type RunningComplianceService } from '../../src';
import { ComplianceClient } from './compliance-client';

export type Engine = 'postgres' | 'pglite';

/** A compliance service on its own schemas of a real Postgres or PGlite, with what intake and voting would append. */
export interface ComplianceTestBed {
  readonly service: RunningComplianceService;
  readonly client: ComplianceClient;
  readonly db: SqlDatabase;
  readonly eventStore: EventStore;
  readonly keys: SubjectKeyStore;
  /** Encrypts as intake will: with the subject's key from the same key table and master key. */
  readonly cipher: PiiCipher;
  readonly schemas: { readonly events: string; readonly keys: string; readonly ledger: string; readonly index: string; readonly audit: string; readonly auditTrail: string };
  /** Appends what intake would: a request by `authorId` with an encrypted title; returns its id. */
  submitRequest(authorId: string): Promise<string>;
  comment(featureRequestId: string, authorId: string, body: string): Promise<void>;
  /** Appends what voting would: `voterId`'s vote. */
  vote(featureRequestId: string, voterId: string): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function startComplianceTestBed(engine: Engine, options: Partial<ComplianceServiceOptions> = {}): Promise<ComplianceTestBed> {
  const opened = engine === 'postgres' ? await testPostgres({ prefix: 'compliance' }) : await testPglite();
  const prefix = engine === 'postgres' ? (opened as { schema: string }).schema : `c${randomBytes(4).toString('hex')}`;
  const schemas = { events: `${prefix}_events`, keys: `${prefix}_keys`, ledger: `${prefix}_ledger`, index: `${prefix}_index`, audit: `${prefix}_audit`, auditTrail: `${prefix}_audit_trail` };
  const db = opened.db;
  const masterKeys = new LocalMasterKeys(randomBytes(32));
  const serviceOptions: ComplianceServiceOptions = {
    db,
    logger: createLogger({ service: 'compliance-test', level: 'silent' }),
    masterKeys,
    port: 0,
    eventStoreSchema: schemas.events,
    keySchema: schemas.keys,
    ledgerSchema: schemas.ledger,
    subjectIndexSchema: schemas.index,
    auditTrailSchema: schemas.auditTrail,
    auditSchema: schemas.audit,
    bulkExportKeyPrefix: `frm:test:${prefix}`,
    ...options,
  };
  let service: RunningComplianceService | undefined = await startComplianceService(serviceOptions);
  let client = new ComplianceClient(service.address);
  const eventStore = await openPostgresEventStore(db, { schema: schemas.events });
  const keys = await openPostgresSubjectKeyStore(db, { schema: schemas.keys });
  const cipher = new PiiCipher(keys, masterKeys, { cacheTtlMs: 0 });
  const append = async <T>(streamId: string, fns: EventMessageFns<T>, message: T, actor: string) => {
    const existing = await eventStore.readStream(streamId);
    await eventStore.appendToStream(
      streamId,
      [{ id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns, message) as JsonObject, metadata: { actor } }],
      { expectedRevision: existing.at(-1)?.revision ?? 'no_stream' },
    );
  };
  const occurredAt = () => timestampFromDate(new Date());
  const bed: ComplianceTestBed = {
    get service() {
      return service as RunningComplianceService;
    },
    get client() {
      return client;
    },
    db,
    eventStore,
    keys,
    cipher,
    schemas,
    async submitRequest(authorId) {
      const featureRequestId = randomUUID();
      const streamId = `feature-request-${featureRequestId}`;
      await append(
        streamId,
        frmEventsV1.FeatureRequestSubmitted,
        {
          ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
          featureRequestId,
          occurredAt: occurredAt(),
          authorId,
          title: await cipher.encryptField(authorId, streamId, 'title', 'Guest photo uploads'),
          description: 'Let guests upload photos after the day.',
          category: 'photography',
        },
        authorId,
      );
      return featureRequestId;
    },
    async comment(featureRequestId, authorId, body) {
      const streamId = `feature-request-${featureRequestId}`;
      await append(
        streamId,
        frmEventsV1.FeatureRequestCommentAdded,
        { featureRequestId, occurredAt: occurredAt(), commentId: randomUUID(), authorId, body: await cipher.encryptField(authorId, streamId, 'body', body) },
        authorId,
      );
    },
    async vote(featureRequestId, voterId) {
      await append(
        `vote-${featureRequestId}-${voterId}`,
        frmEventsV1.VoteCast,
        {
          ...frmEventsV1.VoteCast.fromPartial({}),
          voteId: randomUUID(),
          occurredAt: occurredAt(),
          featureRequestId,
          voterId,
          weight: 1,
          featureRequestAuthorId: randomUUID(),
        },
        voterId,
      );
    },
    async restart() {
      await bed.stop();
      service = await startComplianceService(serviceOptions);
      client = new ComplianceClient(service.address);
    },
    async stop() {
      client.close();
      await service?.close();
      service = undefined;
    },
    async close() {
      await bed.stop().catch(() => undefined);
      await eventStore.close();
      if (engine === 'postgres') {
        for (const schema of Object.values(schemas)) await db.query(`drop schema if exists ${quoteIdent(schema)} cascade`).catch(() => undefined);
      }
      await opened.cleanup();
    },
  };
  return bed;
}
