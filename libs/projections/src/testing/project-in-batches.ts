import type { EventStore, Position } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import type { ProjectionDefinition } from '../projection';
import { ProjectionRunner } from '../projection-runner';

export interface ProjectInBatchesOptions {
  readonly projection: ProjectionDefinition | ((schema: string) => ProjectionDefinition);
  readonly eventStore: EventStore;
  readonly db: SqlDatabase;
  /** Schema of each copy → events per batch (1: one by one, through `handle` alone). */
  readonly copies: Readonly<Record<string, number>>;
  readonly timeoutMs?: number;
}

/**
 * Builds copies of a projection from everything the store holds, each applying the events in
 * batches of its own size: a batch handler's tests compare the copies with the one built event by
 * event. `projection` may be made per copy (one whose delivery log or audit log is a schema of its own).
 */
export async function projectInBatches(options: ProjectInBatchesOptions): Promise<void> {
  let last: Position | undefined;
  for await (const page of options.eventStore.readAll()) last = page.at(-1)?.position ?? last;
  if (!last) throw new Error('the store holds no events to project');
  for (const [schema, batchSize] of Object.entries(options.copies)) {
    const projection = typeof options.projection === 'function' ? options.projection(schema) : options.projection;
    const runner = new ProjectionRunner({ projection, eventStore: options.eventStore, db: options.db, schema, batchSize });
    await runner.start();
    try {
      if (!(await runner.waitUntilApplied(last, options.timeoutMs ?? 30_000))) {
        throw new Error(`the copy in ${schema} (batches of ${batchSize}) did not reach the store's last event within ${options.timeoutMs ?? 30_000} ms`);
      }
    } finally {
      await runner.stop();
    }
  }
}
