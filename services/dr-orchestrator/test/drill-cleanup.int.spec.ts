import { openPgliteDatabase, type SqlDatabase } from '@frm/postgres';
import { cleanUpAbandonedDrills } from '../src/drill';
import { DrillSchemas } from '../src/drill/drill-schemas';

describe('cleanUpAbandonedDrills', () => {
  let db: SqlDatabase;
  const now = new Date('2026-11-26T10:00:00Z');
  const abandoned = DrillSchemas.forDrillStartedAt(new Date(now.getTime() - 61 * 60_000));
  const running = DrillSchemas.forDrillStartedAt(new Date(now.getTime() - 5 * 60_000));

  beforeEach(async () => {
    db = await openPgliteDatabase();
    for (const schema of [abandoned.events, abandoned.referenceCopy('votes'), running.events, running.restoredCopy('votes'), 'drill_notes', 'projection_votes']) {
      await db.exec(`create schema ${schema}; create table ${schema}.t (id int)`);
    }
  });
  afterEach(async () => {
    await db.close();
  });

  const schemas = async () =>
    (await db.query<{ name: string }>(`select nspname as name from pg_namespace where nspname like 'drill%' or nspname like 'projection%' order by 1`)).map((row) => row.name);

  it('drops the schemas of drills older than an hour, and only names a drill makes', async () => {
    expect(await cleanUpAbandonedDrills(db, { now })).toEqual([abandoned.events, abandoned.referenceCopy('votes')].sort());
    expect(await schemas()).toEqual([running.events, running.restoredCopy('votes'), 'drill_notes', 'projection_votes'].sort());
  });

  it('drops every drill when told, still sparing other schemas', async () => {
    await cleanUpAbandonedDrills(db, { all: true, now });
    expect(await schemas()).toEqual(['drill_notes', 'projection_votes']);
  });
});
