import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import { titleWordsSql } from './similar-candidates.query';

/**
 * Kept small, the list of new entries a GIN index holds before merging them (fastupdate) — which
 * every search scans from end to end — costs a search little: with the default 4 MB, 50,000
 * requests and their vote updates left 4 MB unmerged and each full-text step of a search spent
 * 4–10 ms reading it. 256 kB bounds that to a fraction of a millisecond; writers merge more often,
 * in smaller steps, for the same total work.
 */
const PENDING_LIST_LIMIT_KB = 256;

/**
 * The indexes a search needs beyond the projection's own: the title's words as a tsvector, now and
 * as first submitted (see similarCandidatesSql); then every GIN index of the requests table set to
 * a small pending list, with what it holds merged now (autovacuum would otherwise do it only when it
 * runs). Idempotent; run at start, before the projection writes to the table if it is there
 * (`whileWritten` false), else right after it made it. A rebuilt read model gets them at the next start.
 */
export async function installSimilarityIndexes(db: SqlDatabase, requestsTable: string, options: { readonly whileWritten: boolean }): Promise<void> {
  // Even with `if not exists`, CREATE INDEX locks out the table's writers for a moment: only what is missing.
  const concurrently = options.whileWritten && db.engine === 'postgres' ? 'concurrently' : '';
  const present = new Set((await indexesOf(db, requestsTable)).map((index) => index.relname));
  for (const column of ['title', 'original_title']) {
    const name = `requests_${column}_words_idx`;
    if (present.has(name)) continue;
    await tolerateConcurrentCreation(() =>
      db.query(
        `create index ${concurrently} if not exists ${quoteIdent(name)} on ${requestsTable} using gin (${titleWordsSql(column)}) with (gin_pending_list_limit = ${PENDING_LIST_LIMIT_KB})`,
      ),
    );
  }
  for (const index of await indexesOf(db, requestsTable)) {
    if (index.amname !== 'gin') continue;
    if (!(index.reloptions ?? []).includes(`gin_pending_list_limit=${PENDING_LIST_LIMIT_KB}`)) {
      await db.query(`alter index ${index.name} set (gin_pending_list_limit = ${PENDING_LIST_LIMIT_KB})`);
    }
    await db.query(`select gin_clean_pending_list($1::regclass)`, [index.name]);
  }
}

interface IndexRow {
  /** Schema-qualified and quoted. */
  readonly name: string;
  readonly relname: string;
  readonly amname: string;
  readonly reloptions: string[] | null;
}

function indexesOf(db: SqlDatabase, table: string): Promise<IndexRow[]> {
  return db.query<IndexRow>(
    `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name, c.relname, a.amname, c.reloptions
     from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam join pg_namespace n on n.oid = c.relnamespace
     where i.indrelid = $1::regclass`,
    [table],
  );
}

const ALREADY_THERE = new Set(['23505', '42P07']);

/** `if not exists` still races between two services starting at once; the loser finds it made. */
async function tolerateConcurrentCreation(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!ALREADY_THERE.has((error as { code?: string }).code ?? '')) throw error;
  }
}
