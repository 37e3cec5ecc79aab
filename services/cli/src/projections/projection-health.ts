import { formatPosition, type EventStore } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRunner, projectionSchemaNames, type ProjectionDefinition } from '@frm/projections';

/**
 * Seen from outside the process that runs the projection: whether its live copy exists, is
 * behind the head, or has a rebuild under way. The runner's own state lives in that process.
 */
export type ProjectionHealth = 'not-built' | 'caught-up' | 'behind' | 'rebuilding';

export interface ProjectionHealthRow {
  projection: string;
  version: number;
  schema: string;
  /** `<commit>/<prepare>`, or null before the live copy exists. */
  checkpoint: string | null;
  /** `<commit>/<prepare>` of the newest event, or null for an empty store. */
  head: string | null;
  /** Approximate events behind the head (see lagBetween). */
  lag: number;
  state: ProjectionHealth;
}

export async function projectionHealth(
  db: SqlDatabase,
  eventStore: EventStore,
  projection: ProjectionDefinition,
  schema: string,
): Promise<ProjectionHealthRow> {
  // A runner that is never started reads the checkpoint and the head, and changes nothing.
  const status = await new ProjectionRunner({ projection, eventStore, db, schema }).status();
  const lag = Number(status.lag);
  const state: ProjectionHealth = (await schemaExists(db, projectionSchemaNames(schema).shadow))
    ? 'rebuilding'
    : status.checkpoint === undefined
      ? 'not-built'
      : lag === 0
        ? 'caught-up'
        : 'behind';
  return {
    projection: projection.name,
    version: projection.version,
    schema,
    checkpoint: status.checkpoint ? formatPosition(status.checkpoint) : null,
    head: status.head ? formatPosition(status.head) : null,
    lag,
    state,
  };
}

async function schemaExists(db: SqlDatabase, schema: string): Promise<boolean> {
  const rows = await db.query<{ found: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as found', [schema]);
  return rows[0]?.found === true;
}
