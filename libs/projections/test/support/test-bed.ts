import { randomUUID } from 'node:crypto';
import { comparePositions, openPostgresEventStore, type EventStore } from '@frm/event-store';
import { openPgDatabase, openPgliteDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { ProjectionRebuilder, ProjectionRunner, type ProjectionRebuilderOptions, type ProjectionRunnerOptions } from '../../src';
import { waitUntil } from '@frm/testing';

const serverUrl = process.env['FRM_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One test's world: its own event store and schema names, all removed by `dispose`. */
export interface TestBed {
  /** The read-model database the projections live in. */
  db: SqlDatabase;
  eventStore: EventStore;
  /** A schema name no other test uses. */
  schema(label: string): string;
  runner(options: Omit<ProjectionRunnerOptions, 'db' | 'eventStore'>): ProjectionRunner;
  rebuilder(options: Omit<ProjectionRebuilderOptions, 'db' | 'eventStore'>): ProjectionRebuilder;
  /** Resolves once the runner's checkpoint has reached the event store's head. */
  caughtUp(runner: ProjectionRunner): Promise<void>;
  dispose(): Promise<void>;
}

/** A database engine the suite runs against, opened once per test file. */
export interface Engine {
  name: string;
  open(): Promise<OpenEngine>;
}

export interface OpenEngine {
  testBed(): Promise<TestBed>;
  close(): Promise<void>;
}

// Positions and batch sizes make the suite exercise many small transactions quickly.
const FAST_RETRY = { maxAttempts: 3, initialDelayMs: 2, maxDelayMs: 20 };

export const engines: Engine[] = [
  {
    name: 'Postgres server (pg), event store in another pool',
    async open() {
      const filePrefix = `pj${randomUUID().replace(/-/g, '').slice(0, 10)}`;
      const db = await openPgDatabase({ connectionString: serverUrl, maxConnections: 10, applicationName: 'frm-projections-test' });
      const eventStoreDb = await openPgDatabase({ connectionString: serverUrl, maxConnections: 5 });
      let count = 0;
      return {
        testBed: () => newTestBed(db, eventStoreDb, `${filePrefix}_${++count}_`),
        async close() {
          await dropSchemasStartingWith(db, `${filePrefix}_`);
          await Promise.all([db.close(), eventStoreDb.close()]);
        },
      };
    },
  },
  {
    name: 'embedded PGlite',
    async open() {
      const db = await openPgliteDatabase();
      let count = 0;
      return {
        testBed: () => newTestBed(db, db, `t${++count}_`),
        close: () => db.close(),
      };
    },
  },
];

/**
 * A fresh test bed for every test of a `describe` block on `engine` (the engine opened once for the
 * block), handed to `use` before the block's own `beforeEach` hooks run, and disposed after each test.
 */
export function eachTestBed(engine: Engine, use: (bed: TestBed) => void): void {
  let open: OpenEngine | undefined;
  let bed: TestBed | undefined;
  beforeAll(async () => {
    open = await engine.open();
  });
  afterAll(async () => {
    await open?.close();
  });
  beforeEach(async () => {
    bed = await (open as OpenEngine).testBed();
    use(bed);
  });
  afterEach(async () => {
    await bed?.dispose();
    bed = undefined;
  });
}

async function newTestBed(db: SqlDatabase, eventStoreDb: SqlDatabase, prefix: string): Promise<TestBed> {
  const eventStore = await openPostgresEventStore(eventStoreDb, { schema: `${prefix}events` });
  const runners: ProjectionRunner[] = [];
  return {
    db,
    eventStore,
    schema: (label) => `${prefix}${label}`,
    runner(options) {
      const runner = new ProjectionRunner({ retry: FAST_RETRY, ...options, db, eventStore });
      runners.push(runner);
      return runner;
    },
    rebuilder: (options) => new ProjectionRebuilder({ retry: FAST_RETRY, ...options, db, eventStore }),
    async caughtUp(runner) {
      await waitUntil(`${runner.schema} has applied every event`, async () => {
        const status = await runner.status();
        if (status.state === 'failed') throw new Error(`runner failed: ${status.lastError}`);
        return !status.head || (status.checkpoint !== undefined && comparePositions(status.checkpoint, status.head) >= 0);
      });
    },
    async dispose() {
      await Promise.all(runners.map((runner) => runner.stop()));
      await eventStore.close();
      await dropSchemasStartingWith(db, prefix);
      if (eventStoreDb !== db) await dropSchemasStartingWith(eventStoreDb, prefix);
    },
  };
}

async function dropSchemasStartingWith(db: SqlDatabase, prefix: string): Promise<void> {
  const rows = await db.query<{ name: string }>(`select nspname as name from pg_namespace where starts_with(nspname, $1)`, [prefix]);
  for (const { name } of rows) await db.exec(`drop schema if exists ${quoteIdent(name)} cascade`);
}

export async function schemaExists(db: SqlDatabase, schema: string): Promise<boolean> {
  const [row] = await db.query<{ exists: boolean }>(`select exists (select 1 from pg_namespace where nspname = $1) as exists`, [schema]);
  return row?.exists === true;
}
