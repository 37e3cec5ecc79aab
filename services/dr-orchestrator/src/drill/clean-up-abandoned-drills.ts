import type { SqlDatabase } from '@frm/postgres';
import { DRILL_SCHEMA_PREFIX, drillStartedAt } from './drill-schemas';
import { dropSchemas, schemasStartingWith } from './drop-drill-schemas';

/** A drill takes minutes: one whose schemas are older than this was left by a process that died. */
export const ABANDONED_DRILL_AGE_MS = 60 * 60_000;

export interface CleanUpOptions {
  /** Drop drills that started at least this long ago (default one hour). */
  readonly olderThanMs?: number;
  /** Drop every drill's schemas, however recent: only when no drill can be running (at start, with one orchestrator). */
  readonly all?: boolean;
  readonly now?: Date;
}

/**
 * Drops the scratch schemas of restore drills that a killed process left behind. Only names a drill
 * makes are touched (`drill_<time><random>_…`), never another schema that happens to start with
 * `drill_`. Returns the schemas dropped.
 * @throws Error naming the schemas that could not be dropped
 */
export async function cleanUpAbandonedDrills(db: SqlDatabase, options: CleanUpOptions = {}): Promise<string[]> {
  const cutOff = (options.now ?? new Date()).getTime() - (options.olderThanMs ?? ABANDONED_DRILL_AGE_MS);
  const abandoned = (await schemasStartingWith(db, DRILL_SCHEMA_PREFIX)).filter((schema) => {
    const startedAt = drillStartedAt(schema);
    return startedAt !== undefined && (options.all === true || startedAt.getTime() <= cutOff);
  });
  const { dropped, failed } = await dropSchemas(db, abandoned);
  if (failed.length) {
    const reasons = failed.map((left) => `${left.schema} (${left.reason})`).join(', ');
    throw new Error(`Could not drop the restore drill schemas ${reasons}; drop them by hand (drop schema … cascade) once nothing uses them`);
  }
  return dropped;
}
