import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import { canonicalTail } from '../chain/canonical-content';
import { checkAuditDraft, checkLogName } from '../entry/audit-draft-rules';
import type { AuditEntry, AuditEntryDraft } from '../entry/audit-entry';
import type { AppendedAuditEntry, AuditLog } from '../store/audit-log.port';
import { sameActOrThrow } from '../store/retried-append';
import { AUDIT_TABLE, auditLogSchemaSql } from './audit-log-schema.sql';
import { AuditLogMissingError } from './audit-log-missing.error';
import { AUDIT_COLUMNS, toAuditEntry, type AuditRow } from './audit-rows';

export const DEFAULT_AUDIT_SCHEMA = 'audit';
export const DEFAULT_AUDIT_LOG = 'platform';

export interface PostgresAuditLogOptions {
  /** Schema of the audit table (default {@link DEFAULT_AUDIT_SCHEMA}). */
  readonly schema?: string;
  /** The log's name within the table (default {@link DEFAULT_AUDIT_LOG}). */
  readonly log?: string;
}

/** The audit log in a Postgres table (server Postgres or PGlite) that refuses UPDATE, DELETE and TRUNCATE. */
export class PostgresAuditLog implements AuditLog {
  readonly log: string;
  readonly schema: string;
  private readonly table: string;

  private constructor(
    private readonly db: SqlDatabase,
    options: PostgresAuditLogOptions,
  ) {
    this.log = checkLogName(options.log ?? DEFAULT_AUDIT_LOG);
    this.schema = options.schema ?? DEFAULT_AUDIT_SCHEMA;
    this.table = `${quoteIdent(this.schema)}.${AUDIT_TABLE}`;
  }

  /** Creates the schema, table, trigger and append function where missing, then opens the log. */
  static async open(db: SqlDatabase, options: PostgresAuditLogOptions = {}): Promise<PostgresAuditLog> {
    const auditLog = new PostgresAuditLog(db, options);
    await db.exec(auditLogSchemaSql(auditLog.schema));
    return auditLog;
  }

  /**
   * Opens a log whose table already exists, creating nothing (for verification).
   * @throws AuditLogMissingError when the schema holds no audit table
   */
  static async attach(db: SqlDatabase, options: PostgresAuditLogOptions = {}): Promise<PostgresAuditLog> {
    const auditLog = new PostgresAuditLog(db, options);
    const [row] = await db.query<{ found: boolean }>('select to_regclass($1) is not null as found', [auditLog.table]);
    if (!row?.found) throw new AuditLogMissingError(auditLog.schema);
    return auditLog;
  }

  async append(draft: AuditEntryDraft): Promise<AppendedAuditEntry> {
    const checked = checkAuditDraft(draft);
    const rows = await this.db.query<AuditRow & { appended: boolean }>(
      `select a.appended, ${AUDIT_COLUMNS}
       from ${quoteIdent(this.schema)}.append_audit_entry($1, $2::uuid, $3, $4, $5, $6, $7, $8::jsonb, $9) a
       cross join lateral (select (a.entry).*) e`,
      [
        this.log,
        checked.entryId,
        checked.actorId,
        checked.action,
        checked.target.type,
        checked.target.id,
        checked.reason,
        JSON.stringify(checked.detail),
        canonicalTail(this.log, checked),
      ],
    );
    const row = rows[0];
    if (!row) throw new Error(`append_audit_entry in schema "${this.schema}" returned no row; recreate the function with PostgresAuditLog.open`);
    const entry = toAuditEntry(row);
    return row.appended ? { entry, appended: true } : { entry: sameActOrThrow(this.log, entry, checked), appended: false };
  }

  async head(): Promise<AuditEntry | undefined> {
    const rows = await this.db.query<AuditRow>(
      `select ${AUDIT_COLUMNS} from ${this.table} e where e.log = $1 order by e.sequence desc limit 1`,
      [this.log],
    );
    return rows[0] && toAuditEntry(rows[0]);
  }

  async read(afterSequence: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.query<AuditRow>(
      `select ${AUDIT_COLUMNS} from ${this.table} e where e.log = $1 and e.sequence > $2 order by e.sequence limit $3`,
      [this.log, afterSequence, limit],
    );
    return rows.map(toAuditEntry);
  }

  async entriesAt(sequences: readonly number[]): Promise<AuditEntry[]> {
    if (sequences.length === 0) return [];
    // An array literal as text: both engines cast it, whatever they make of a JS array parameter.
    const rows = await this.db.query<AuditRow>(
      `select ${AUDIT_COLUMNS} from ${this.table} e where e.log = $1 and e.sequence = any($2::bigint[]) order by e.sequence`,
      [this.log, `{${sequences.map((sequence) => Math.trunc(sequence)).join(',')}}`],
    );
    return rows.map(toAuditEntry);
  }
}
