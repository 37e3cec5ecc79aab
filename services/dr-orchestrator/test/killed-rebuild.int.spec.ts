import { randomUUID } from 'node:crypto';
import { credentials, makeGenericClientConstructor, Metadata, type ClientReadableStream } from '@grpc/grpc-js';
import { callerMetadataOf } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { openPostgresEventImport, openPostgresEventStore, type EventStore, type ImportedEvent, type NewEvent } from '@frm/event-store';
import { openPgDatabase, type SqlDatabase } from '@frm/postgres';
import { checksumProjection, ProjectionRunner, projectionSchemaNames } from '@frm/projections';
import { freshDatabase, ServiceProcess, waitUntil, type FreshDatabase } from '@frm/testing';
import { votesProjection } from '@frm/voting';
import { featureRequestSubmitted, voteCast } from './support/platform-events';

const VOTES = 20_000;
const LIVE = 'projection_votes';

/** kill -9 of the DR orchestrator in the middle of a rebuild: the live copy is untouched, and the next start drops the shadow. */
describe('a DR orchestrator killed in the middle of a rebuild', () => {
  let database: FreshDatabase;
  let db: SqlDatabase;
  let eventStore: EventStore;
  const started: ServiceProcess[] = [];

  const spawn = () => {
    const orchestrator = ServiceProcess.spawn('dr-orchestrator', {
      FRM_DATABASE_URL: database.url,
      FRM_DR_GRPC_PORT: '0',
      FRM_FREEZE_WEEKDAYS: 'none',
      FRM_DR_ABANDONED_AFTER: '1s',
      FRM_LOG_LEVEL: 'info',
    });
    started.push(orchestrator);
    return orchestrator;
  };
  const schemaOid = async (schema: string) =>
    (await db.query<{ oid: string }>('select oid::text from pg_namespace where nspname = $1', [schema]))[0]?.oid;

  beforeAll(async () => {
    database = await freshDatabase('dr_killed');
    db = await openPgDatabase({ connectionString: database.url });
    eventStore = await openPostgresEventStore(db);
    const featureRequestId = randomUUID();
    const at = new Date();
    // Imported as recorded events: a bulk load is far faster than 20,000 appends.
    const recorded = (streamId: string, event: NewEvent): ImportedEvent => ({ ...event, streamId, revision: 0n, metadata: {}, recordedAt: at });
    const events: ImportedEvent[] = [
      recorded(`feature-request-${featureRequestId}`, featureRequestSubmitted(featureRequestId, { at })),
      ...Array.from({ length: VOTES }, () => {
        const { streamId, event } = voteCast(featureRequestId, randomUUID(), at);
        return recorded(streamId, event);
      }),
    ];
    await (await openPostgresEventImport(db)).importEvents(events);
    const live = new ProjectionRunner({ projection: votesProjection, eventStore, db, schema: LIVE, batchSize: 2_000 });
    await live.start();
    const head = await eventStore.headPosition();
    if (head) expect(await live.waitUntilApplied(head, 120_000)).toBe(true);
    await live.stop();
  });
  afterAll(async () => {
    for (const process of started) await process.crash().catch(() => undefined);
    await eventStore?.close();
    await db?.close();
    await database?.drop();
  });

  it('leaves the live copy as it was, and the next start drops the shadow', async () => {
    const before = await checksumProjection(db, LIVE);
    const liveOid = await schemaOid(LIVE);
    const first = spawn();
    const address = await first.ready();
    const Client = makeGenericClientConstructor(frmV1.RecoveryServiceService, 'RecoveryService');
    const client = new Client(address, credentials.createInsecure()) as unknown as {
      rebuildProjection(request: frmV1.RebuildProjectionRequest, metadata: Metadata): ClientReadableStream<frmV1.RebuildProjectionUpdate>;
      close(): void;
    };
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(callerMetadataOf({ subject: randomUUID(), roles: ['admin'] }))) metadata.set(key, value);
    const call = client.rebuildProjection(frmV1.RebuildProjectionRequest.fromPartial({ name: 'votes' }), metadata);
    const firstProgress = new Promise<void>((resolve, reject) => {
      call.on('data', () => resolve());
      call.on('error', reject);
    });
    await firstProgress;
    await first.crash();
    call.cancel();
    client.close();

    const shadow = projectionSchemaNames(LIVE).shadow;
    expect((await db.query('select 1 from pg_namespace where nspname = $1', [shadow])).length).toBe(1);
    expect(await checksumProjection(db, LIVE)).toEqual(before);
    expect(await schemaOid(LIVE)).toBe(liveOid);

    // Past FRM_DR_ABANDONED_AFTER the copy belongs to nobody: the next start drops it.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const second = spawn();
    await second.ready();
    await waitUntil('the shadow is dropped', async () => (await db.query('select 1 from pg_namespace where nspname = $1', [shadow])).length === 0);
    expect(second.lines.some((line) => String(line.msg).includes('dropped the copies a stopped rebuild of votes left behind'))).toBe(true);
    expect(await checksumProjection(db, LIVE)).toEqual(before);
  });
});
