import type { RecordedEvent } from '@frm/event-store';

/** One SQL statement with positional parameters (`$1`, `$2`…). */
export interface SqlStatement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/**
 * The schema one copy of a projection lives in: the live copy, a rebuild's shadow or a scratch
 * copy. Handlers and DDL name their tables through it, so one definition serves every copy.
 */
export interface ProjectionSchema {
  /** The schema's name, unquoted. */
  readonly name: string;
  /** A table of this copy, quoted and schema-qualified, ready to put into SQL. */
  table(table: string): string;
}

/**
 * A read model declared as data plus a pure handler. The runner applies `handle`'s statements
 * and moves the checkpoint in one transaction; a rebuild replays every event into a fresh schema.
 */
export interface ProjectionDefinition {
  /** Lower-case identifier (`[a-z][a-z0-9_]*`), unique in the registry. */
  readonly name: string;
  /** Raise it whenever `schemaSql` or `handle` changes meaning: the live copy must then be rebuilt. */
  readonly version: number;
  /** Event types it reads, by prefix; an empty list reads every event. */
  readonly eventTypePrefixes: readonly string[];
  /**
   * DDL that creates the projection's tables in an empty schema, one statement per entry. Name the
   * tables through `schema.table()` and never spell the schema inside function bodies: the
   * schema is renamed when a rebuild is swapped in. `projection_checkpoint` is reserved.
   */
  schemaSql(schema: ProjectionSchema): readonly string[];
  /**
   * Optional: indexes only readers use (sorts, searches), one statement per entry, named through
   * `schema.table()` like the rest. A copy built from the first event (a rebuild, a drill) creates
   * them once it has caught up with the history, in one pass over the rows: far cheaper than keeping
   * them through every event (a vote would otherwise rewrite a request's full-text and trigram
   * entries), and it leaves the handlers' updates free to stay on their page (HOT). A live copy
   * installed by its runner gets them at once. Indexes the handlers' own statements need (a lookup
   * by author for an erasure, a `max()` they read) belong in `schemaSql`.
   */
  readIndexSql?(schema: ProjectionSchema): readonly string[];
  /**
   * Pure: the statements that apply one event, in order; `[]` when the event changes nothing.
   * It must not do I/O — a rebuild calls it again for every event ever recorded.
   */
  handle(event: RecordedEvent, schema: ProjectionSchema): readonly SqlStatement[];
  /**
   * Optional, pure: fewer statements that apply a whole batch, in order, with exactly the effect of
   * `handle` on each event in turn (e.g. one multi-row insert for a run of similar events). A busy
   * projection then pays a round trip per kind of change rather than per event. When one of them
   * fails, the batch is applied again event by event, so the error still names its event.
   */
  handleBatch?(events: readonly RecordedEvent[], schema: ProjectionSchema): readonly SqlStatement[];
  /**
   * Optional: work that applying events leaves in the copy's own tables for later, so that what
   * readers wait for commits sooner (notifications writes the inbox with the batch, and expands the
   * e-mail and webhook plans it noted right after). The live runner runs the statements in a
   * transaction of their own right after such a batch commits, before it reads on, and once when it
   * starts (a crash between the two leaves the work noted); a copy being built runs them inside the
   * batch's own transaction. They must do all the work left, in order, and nothing when none is left.
   */
  readonly followUp?: FollowUp;
}

export interface FollowUp {
  /** Pure: whether applying these events left work for {@link statements}. */
  needed(events: readonly RecordedEvent[]): boolean;
  /** Pure: the statements that do every piece of work left in the copy. */
  statements(schema: ProjectionSchema): readonly SqlStatement[];
}
