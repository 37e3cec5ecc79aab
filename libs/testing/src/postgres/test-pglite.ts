import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgliteDatabase, type SqlDatabase } from '@frm/postgres';

export interface TestPgliteOptions {
  /** Keep the database in a temporary directory instead of memory (to test reopening it). */
  onDisk?: boolean;
  schema?: string;
}

export interface TestPglite {
  readonly db: SqlDatabase;
  /** The temporary directory when `onDisk`, for reopening the same database. */
  readonly dataDir: string | undefined;
  /** Closes `db` (if the test has not) and deletes the temporary directory. */
  cleanup(): Promise<void>;
}

/** An embedded PGlite database of its own, in memory or in a temporary directory. */
export async function testPglite(options: TestPgliteOptions = {}): Promise<TestPglite> {
  const dataDir = options.onDisk ? await mkdtemp(join(tmpdir(), 'frm-pglite-')) : undefined;
  const db = await openPgliteDatabase({ dataDir, schema: options.schema });
  return {
    db,
    dataDir,
    async cleanup() {
      await db.close().catch(() => undefined);
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
