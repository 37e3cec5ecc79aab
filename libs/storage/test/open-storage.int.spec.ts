import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseUnavailableError } from '@frm/postgres';
import { defaultTestDatabaseUrl } from '@frm/testing';
import { DataDirInUseError, InvalidStorageSettingsError, openStorage, type Storage } from '../src';

const databaseUrl = process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl;
const FRM_DATA_DIR = '.data-unused';

describe('openStorage', () => {
  it('refuses EventStoreDB without a Postgres for the read models, naming the variable to set', async () => {
    const opening = openStorage({ FRM_DATA_DIR, EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113?tls=false' });
    await expect(opening).rejects.toThrow(InvalidStorageSettingsError);
    await expect(opening).rejects.toThrow(/set FRM_DATABASE_URL/);
  });

  describe('with EventStoreDB and Postgres (distributed)', () => {
    let storage: Storage;
    // A port that accepts connections and never answers: what a hung EventStoreDB looks like.
    let silent: Server;
    let silentPort: number;
    const accepted = new Set<Socket>();

    beforeAll(async () => {
      silent = createServer((socket) => {
        accepted.add(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      silentPort = (silent.address() as { port: number }).port;
      storage = await openStorage({
        FRM_DATA_DIR,
        FRM_DATABASE_URL: databaseUrl,
        EVENTSTORE_CONNECTION_STRING: `esdb://frm:secret@127.0.0.1:${silentPort}?tls=false`,
      });
    });

    afterAll(async () => {
      await storage.close();
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('keeps the read models in Postgres and says where the events are, password hidden', async () => {
      await expect(storage.db.query('select 1 as one')).resolves.toEqual([{ one: 1 }]);
      expect(storage.description).toMatch(new RegExp(`^EventStoreDB esdb://frm:\\*+@127\\.0\\.0\\.1:${silentPort}.*, read models in Postgres `));
      expect(storage.description).not.toContain('secret');
    });

    it('opens the event store on EventStoreDB, and says which server did not answer', async () => {
      const opening = storage.openEventStore();
      await expect(opening).rejects.toThrow(DatabaseUnavailableError);
      await expect(opening).rejects.toThrow(`127.0.0.1:${silentPort}`);
    }, 30_000);
  });

  describe('with Postgres alone (local cluster)', () => {
    it('opens the event store in the schema asked for, next to the read models', async () => {
      const storage = await openStorage({ FRM_DATA_DIR, FRM_DATABASE_URL: databaseUrl });
      const schema = `storage_test_${process.pid}_${Date.now()}`;
      try {
        const store = await storage.openEventStore(schema);
        await store.appendToStream('storage-test-1', [{ id: crypto.randomUUID(), type: 'storage.test.v1', data: { n: 1 } }], {
          expectedRevision: 'no_stream',
        });
        const [row] = await storage.db.query<{ count: string }>(`select count(*)::text as count from ${schema}.events`);
        expect(row?.count).toBe('1');
        await store.close();
        expect(storage.description).toMatch(/^Postgres postgres:\/\//);
      } finally {
        await storage.db.exec(`drop schema if exists ${schema} cascade`);
        await storage.close();
      }
    });
  });

  describe('embedded (PGlite)', () => {
    let dataDir: string;
    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'frm-storage-'));
    });
    afterEach(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('refuses a data folder another live process holds, and takes over one left by a process that is gone', async () => {
      const other = spawn('sleep', ['30'], { stdio: 'ignore' });
      try {
        await writeFile(join(dataDir, 'frm.lock'), String(other.pid));
        await expect(openStorage({ FRM_DATA_DIR: dataDir })).rejects.toThrow(DataDirInUseError);
        await expect(openStorage({ FRM_DATA_DIR: dataDir })).rejects.toThrow(`in use by process ${other.pid}`);
      } finally {
        other.kill('SIGKILL');
        await new Promise((resolve) => other.once('exit', resolve));
      }
      const storage = await openStorage({ FRM_DATA_DIR: dataDir });
      await expect(readFile(join(dataDir, 'frm.lock'), 'utf8')).resolves.toBe(String(process.pid));
      await storage.close();
      await expect(readFile(join(dataDir, 'frm.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
    }, 60_000);

    it('keeps the events across openings', async () => {
      const first = await openStorage({ FRM_DATA_DIR: dataDir });
      const store = await first.openEventStore();
      await store.appendToStream('storage-test-2', [{ id: crypto.randomUUID(), type: 'storage.test.v1', data: { n: 2 } }], {
        expectedRevision: 'no_stream',
      });
      await store.close();
      await first.close();

      const second = await openStorage({ FRM_DATA_DIR: dataDir });
      try {
        expect(second.description).toBe(`PGlite in ${dataDir}`);
        const reopened = await second.openEventStore();
        const events = await reopened.readStream('storage-test-2');
        expect(events.map((event) => event.data)).toEqual([{ n: 2 }]);
        await reopened.close();
      } finally {
        await second.close();
      }
    }, 60_000);
  });
});
