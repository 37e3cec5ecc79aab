import type { RecordedEvent } from '@frm/event-store';
import type { SqlQueryable } from '@frm/postgres';
import { EventApplyError } from './errors';
import type { ProjectionDefinition, ProjectionSchema } from './projection';
import { isTransientDatabaseError } from './transient-error';

const BATCH_SAVEPOINT = 'frm_projection_batch';

/**
 * Runs the handler's statements for each event inside the caller's transaction. A failure is
 * pinned on its event unless the connection, not the statement, failed. A projection with a batch
 * handler applies a batch through it, behind a savepoint: if that fails, the savepoint is rolled
 * back and the events applied one by one, which names the event at fault.
 */
export async function applyEvents(
  tx: SqlQueryable,
  definition: ProjectionDefinition,
  schema: ProjectionSchema,
  events: readonly RecordedEvent[],
): Promise<void> {
  if (!(definition.handleBatch && events.length > 1 && (await appliedAsBatch(tx, definition, schema, events)))) {
    await applyOneByOne(tx, definition, schema, events);
  }
}

/**
 * {@link applyEvents}, then the work they left ({@link ProjectionDefinition.followUp}) in the same
 * transaction: for copies being built, which no reader waits for.
 */
export async function applyEventsAndFollowUp(
  tx: SqlQueryable,
  definition: ProjectionDefinition,
  schema: ProjectionSchema,
  events: readonly RecordedEvent[],
): Promise<void> {
  await applyEvents(tx, definition, schema, events);
  if (definition.followUp?.needed(events)) await runFollowUp(tx, definition, schema);
}

/** Runs a projection's follow-up statements ({@link ProjectionDefinition.followUp}) in the caller's transaction. */
export async function runFollowUp(tx: SqlQueryable, definition: ProjectionDefinition, schema: ProjectionSchema): Promise<void> {
  for (const statement of definition.followUp?.statements(schema) ?? []) await tx.query(statement.sql, statement.params ?? []);
}

async function appliedAsBatch(
  tx: SqlQueryable,
  definition: ProjectionDefinition,
  schema: ProjectionSchema,
  events: readonly RecordedEvent[],
): Promise<boolean> {
  let statements;
  try {
    statements = (definition.handleBatch as NonNullable<ProjectionDefinition['handleBatch']>)(events, schema);
  } catch {
    return false;
  }
  // Worth its savepoint (two round trips) only when it folds events together; telling exactly would
  // mean running every event's handler a second time.
  if (statements.length + 2 >= events.length) return false;
  await tx.query(`savepoint ${BATCH_SAVEPOINT}`);
  try {
    for (const statement of statements) await tx.query(statement.sql, statement.params ?? []);
    await tx.query(`release savepoint ${BATCH_SAVEPOINT}`);
    return true;
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    await tx.query(`rollback to savepoint ${BATCH_SAVEPOINT}`);
    return false;
  }
}

async function applyOneByOne(
  tx: SqlQueryable,
  definition: ProjectionDefinition,
  schema: ProjectionSchema,
  events: readonly RecordedEvent[],
): Promise<void> {
  for (const event of events) {
    let statements;
    try {
      statements = definition.handle(event, schema);
    } catch (error) {
      throw new EventApplyError(definition.name, event, error);
    }
    for (const statement of statements) {
      try {
        await tx.query(statement.sql, statement.params ?? []);
      } catch (error) {
        if (isTransientDatabaseError(error)) throw error;
        throw new EventApplyError(definition.name, event, error);
      }
    }
  }
}
