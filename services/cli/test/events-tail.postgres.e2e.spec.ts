import { formatPosition, openPostgresEventStore, type EventStore } from '@frm/event-store';
import { quoteIdent } from '@frm/postgres';
import { testPostgres, waitUntil, type TestPostgres } from '@frm/testing';
import { FrmProcess, jsonLines, runFrm } from './support/frm-process';
import { appendFeatureRequest } from './support/intake-events';

describe('frm events tail over a server Postgres', () => {
  let postgres: TestPostgres;
  let eventStore: EventStore;
  let eventStoreSchema: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'cli_tail' });
    eventStoreSchema = `${postgres.schema}_events`;
    eventStore = await openPostgresEventStore(postgres.db, { schema: eventStoreSchema });
    await appendFeatureRequest(eventStore, 'Seating planner', 1);
    await appendFeatureRequest(eventStore, 'Budget export', 0);
    env = { FRM_DATABASE_URL: postgres.connectionString };
  });

  afterAll(async () => {
    await eventStore.close();
    await postgres.db.exec(`drop schema if exists ${quoteIdent(eventStoreSchema)} cascade`);
    await postgres.cleanup();
  });

  const tail = (...args: string[]) => runFrm(['events', 'tail', '--event-store-schema', eventStoreSchema, ...args], env);

  it('prints every event as a JSON line, oldest first', async () => {
    const result = await tail();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const events = jsonLines(result.stdout);
    expect(events.map((e) => e['type'])).toEqual([
      'frm.events.v1.FeatureRequestSubmitted',
      'frm.events.v1.FeatureRequestCommentAdded',
      'frm.events.v1.FeatureRequestSubmitted',
    ]);
    expect(events[0]).toMatchObject({ revision: 0, data: { title: 'Seating planner' } });
    expect(events[0]?.['position']).toMatch(/^\d+\/\d+$/);
  });

  it('filters by type prefix, stops at --limit and starts after --from', async () => {
    const submitted = jsonLines((await tail('--type-prefix', 'frm.events.v1.FeatureRequestSubmitted')).stdout);
    expect(submitted.map((e) => e['data'])).toMatchObject([{ title: 'Seating planner' }, { title: 'Budget export' }]);
    expect(jsonLines((await tail('--limit', '1')).stdout)).toHaveLength(1);
    const first = jsonLines((await tail('--limit', '1')).stdout)[0];
    const rest = jsonLines((await tail('--from', String(first?.['position']))).stdout);
    expect(rest).toHaveLength(2);
    expect(jsonLines((await tail('--from', 'end')).stdout)).toEqual([]);
  });

  it('follows new events until --limit', async () => {
    const head = await eventStore.headPosition();
    if (!head) throw new Error('the store should hold the events appended before');
    const follower = FrmProcess.start(
      ['events', 'tail', '--event-store-schema', eventStoreSchema, '--from', formatPosition(head), '--follow', '--limit', '1'],
      env,
    );
    // Appended repeatedly until seen: the follower may still be starting when the first lands.
    await waitUntil('the follower prints the new event', async () => {
      if (follower.stdout.includes('Guest list import')) return true;
      await appendFeatureRequest(eventStore, 'Guest list import');
      await new Promise((resolve) => setTimeout(resolve, 500));
      return follower.stdout.includes('Guest list import');
    }, { timeoutMs: 60_000 });
    const result = await follower.result();
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toHaveLength(1);
  });

  it('refuses a malformed --from with one line', async () => {
    const result = await tail('--from', 'yesterday');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^frm: --from "yesterday" is not start, end or a position/);
  });
});
