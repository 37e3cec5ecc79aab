import '@frm/intake';
import '@frm/triage';
import '@frm/voting';
import { openPgliteDatabase, type SqlDatabase } from '@frm/postgres';
import { defaultProjectionSchemaName, projectionRegistry, projectionSchema } from '@frm/projections';
import { dashboard, POSTGRES_PLUGIN, queriesOf } from './grafana-dashboards';

// The read models the business dashboard reads, as each service's projection creates them.
const READ_MODELS = ['feature_requests', 'votes', 'triage'];
const DAY_SECONDS = 86_400;
const board = dashboard('frm-business.json');

/** Grafana's macros as its PostgreSQL data source expands them, over the last 90 days. */
function expandMacros(sql: string): string {
  const expanded = sql
    .replace(/\$__timeFilter\(([^)]+)\)/g, `$1 between now() - interval '90 days' and now()`)
    .replace(/\$__timeGroupAlias\(([^,]+),\s*'(\d+)d'\)/g, (_, column: string, days: string) => {
      const seconds = Number(days) * DAY_SECONDS;
      return `to_timestamp(floor(extract(epoch from ${column}) / ${seconds}) * ${seconds}) as "time"`;
    });
  if (/\$\w+/.test(expanded)) throw new Error(`a macro or variable this test cannot expand is left in:\n${expanded}`);
  return expanded;
}

async function installReadModels(db: SqlDatabase): Promise<void> {
  await db.query('create extension if not exists pg_trgm with schema public');
  for (const name of READ_MODELS) {
    const definition = projectionRegistry.get(name);
    if (!definition) throw new Error(`no projection "${name}" is registered: did its service rename it?`);
    const schema = defaultProjectionSchemaName(name);
    await db.query(`create schema ${schema}`);
    for (const statement of definition.schemaSql(projectionSchema(schema))) await db.query(statement);
  }
}

const requests = 'projection_feature_requests.feature_requests';
const votes = 'projection_votes.votes';

async function addRequest(db: SqlDatabase, id: string, supplierType: string | null, status: string, createdDaysAgo: number, updatedDaysAgo: number): Promise<void> {
  await db.query(
    `insert into ${requests} (id, title, description, category, tags, status, author_id, supplier_type, created_at, updated_at, revision, vote_count)
     values ($1, 'Title', 'Description', 'planning', '{}', $2, 'author', $3, now() - make_interval(days => $4), now() - make_interval(days => $5), 1, 2)`,
    [id, status, supplierType, createdDaysAgo, updatedDaysAgo],
  );
}

async function addVote(db: SqlDatabase, id: string, supplierType: string, state: string, flagged: boolean): Promise<void> {
  await db.query(
    `insert into ${votes} (vote_id, feature_request_id, voter_id, state, held, weight, cast_at, voter_supplier_type, author_id, signals, flagged_at)
     values ($1, '00000000-0000-4000-8000-000000000001', 'voter', $2, $3, 1, now() - interval '2 days', $4, 'author', '{}', case when $5 then now() else null end)`,
    [id, state, flagged ? 'flagged' : 'no', supplierType, flagged],
  );
}

describe('the business dashboard against the read models', () => {
  let db: SqlDatabase;

  beforeAll(async () => {
    db = await openPgliteDatabase();
    await installReadModels(db);
  });

  afterAll(async () => {
    await db?.close();
  });

  const sqlQueries = queriesOf(board).map(({ panel, target }) => [panel.title, target] as const);

  it('reads only the PostgreSQL data source', () => {
    expect(board.templating.list.find((variable) => variable.name === 'datasource')?.query).toBe(POSTGRES_PLUGIN);
    expect(sqlQueries.length).toBeGreaterThan(0);
    for (const [title, target] of sqlQueries) expect({ title, type: target.datasource?.type, sql: Boolean(target.rawSql) }).toEqual({ title, type: POSTGRES_PLUGIN, sql: true });
  });

  it.each(sqlQueries)('"%s" runs on empty read models', async (_, target) => {
    await db.query(expandMacros(target.rawSql ?? ''));
  });

  describe('with a few requests and votes', () => {
    const run = async (title: string) => {
      const target = sqlQueries.find(([candidate]) => candidate === title)?.[1];
      if (!target) throw new Error(`no panel "${title}" in ${board.file}`);
      return db.query<Record<string, unknown>>(expandMacros(target.rawSql ?? ''));
    };

    beforeAll(async () => {
      await addRequest(db, '00000000-0000-4000-8000-000000000001', 'photographer', 'shipped', 12, 2);
      await addRequest(db, '00000000-0000-4000-8000-000000000002', '', 'planned', 5, 1);
      await addRequest(db, '00000000-0000-4000-8000-000000000003', null, 'submitted', 1, 1);
      await addVote(db, '00000000-0000-4000-8000-0000000000a1', 'venue', 'active', true);
      await addVote(db, '00000000-0000-4000-8000-0000000000a2', '', 'active', false);
      await addVote(db, '00000000-0000-4000-8000-0000000000a3', '', 'retracted', false);
      // A vote moved by a merge: the original row and the one it continues as.
      await addVote(db, '00000000-0000-4000-8000-0000000000a4', 'venue', 'moved', false);
      await addVote(db, '00000000-0000-4000-8000-0000000000a5', 'venue', 'active', false);
    });

    it('counts days from submission to shipped', async () => {
      expect(await run('Median days to ship')).toEqual([{ median_days: 10 }]);
      expect(await run('Days from submission to shipped, by supplier type')).toEqual([
        { 'supplier type': 'photographer', shipped: 1, 'median days': 10, 'p90 days': 10 },
      ]);
    });

    it('names couples and requests without a wedding context apart', async () => {
      const rows = await run('Requests submitted per day, by supplier type');
      expect(rows.map((row) => row['metric']).sort()).toEqual(['couple', 'not given', 'photographer']);
    });

    it('counts each vote once, moved ones included, and the share flagged', async () => {
      expect(await run('Votes cast')).toEqual([{ votes: 4 }]);
      expect(await run('Share of votes flagged')).toEqual([{ flagged: 0.25 }]);
      expect(await run('Share of votes flagged, by voter supplier type')).toEqual([
        { supplier_type: 'venue', flagged: 0.5 },
        { supplier_type: 'couple', flagged: 0 },
      ]);
      expect(await run('Flagged votes awaiting review')).toEqual([{ awaiting_review: 1 }]);
    });
  });
});
