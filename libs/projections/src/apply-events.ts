import type { RecordedEvent } from '@frm/event-store';
import type { SqlQueryable } from '@frm/postgres';
import { EventApplyError } from './errors';
import type { ProjectionDefinition, ProjectionSchema } from './projection';
import { isTransientDatabaseError } from './transient-error';

/**
 * Runs the handler's statements for each event inside the caller's transaction. A failure is
 * pinned on its event unless the connection, not the statement, failed.
 */
export async function applyEvents(
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
