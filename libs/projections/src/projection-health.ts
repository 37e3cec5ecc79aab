import { formatPosition, secondsWaitingAfter, type EventStore } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { readCheckpointIfExists } from './checkpoint-table';
import type { ProjectionDefinition } from './projection';
import { ProjectionRunner } from './projection-runner';
import { projectionSchemaNames } from './projection-schema';

/**
 * Seen from outside the process that runs the projection: whether its live copy exists, is
 * behind the head, was built by another version, or has a rebuild under way. The runner's own
 * state lives in that process.
 */
export type ProjectionHealth = 'not-built' | 'caught-up' | 'behind' | 'rebuilding' | 'version-mismatch';

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
  /** How long the oldest event not yet applied has waited, in seconds at `now`; 0 when caught up. */
  lagSeconds: number;
  state: ProjectionHealth;
}

export async function projectionHealth(
  db: SqlDatabase,
  eventStore: EventStore,
  projection: ProjectionDefinition,
  schema: string,
  now: Date = new Date(),
): Promise<ProjectionHealthRow> {
  // A runner that is never started reads the checkpoint and the head, and changes nothing.
  const status = await new ProjectionRunner({ projection, eventStore, db, schema }).status();
  const stored = status.checkpoint ? await readCheckpointIfExists(db, schema) : undefined;
  const lag = Number(status.lag);
  const state: ProjectionHealth = (await schemaExists(db, projectionSchemaNames(schema).shadow))
    ? 'rebuilding'
    : status.checkpoint === undefined
      ? 'not-built'
      : stored && (stored.projection !== projection.name || stored.version !== projection.version)
        ? 'version-mismatch'
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
    lagSeconds: lag === 0 ? 0 : await secondsWaitingAfter(eventStore, status.checkpoint, now),
    state,
  };
}

async function schemaExists(db: SqlDatabase, schema: string): Promise<boolean> {
  const rows = await db.query<{ found: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as found', [schema]);
  return rows[0]?.found === true;
}
