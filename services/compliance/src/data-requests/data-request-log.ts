import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import { legalDeadline, type PrivacyRegime } from './legal-deadline';

export type DataRequestKind = 'erasure' | 'export';

/** One erasure or export request, as the log keeps it: ids, the regime and times only. */
export interface DataRequestRecord {
  /** The erasure certificate id or the export's watermark id. */
  readonly id: string;
  readonly kind: DataRequestKind;
  readonly subjectId: string;
  readonly requestedBy: string;
  readonly regime: PrivacyRegime;
  readonly requestedAt: Date;
  readonly deadline: Date;
  readonly status: 'in_progress' | 'completed' | 'failed';
  readonly completedAt: Date | undefined;
}

interface DataRequestRow {
  id: string;
  kind: DataRequestKind;
  subject_id: string;
  requested_by: string;
  regime: PrivacyRegime;
  requested_at: Date;
  deadline_at: Date;
  status: DataRequestRecord['status'];
  completed_at: Date | null;
}

const COLUMNS = 'id::text, kind, subject_id, requested_by, regime, requested_at, deadline_at, status, completed_at';

/** Every erasure and export request with its legal deadline and status (schema `compliance_ledger`). */
export class DataRequestLog {
  private readonly table: string;

  private constructor(
    private readonly db: SqlDatabase,
    schema: string,
  ) {
    this.table = `${quoteIdent(schema)}.data_requests`;
  }

  static async open(db: SqlDatabase, schema: string): Promise<DataRequestLog> {
    const log = new DataRequestLog(db, schema);
    await db.transaction(async (tx) => {
      // The same lock as the erasure ledger's: both create the schema they share.
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`frm.compliance.ledger-schema:${schema}`]);
      await tx.query(`create schema if not exists ${quoteIdent(schema)}`);
      await tx.query(`create table if not exists ${log.table} (
        id uuid primary key,
        kind text not null check (kind in ('erasure', 'export')),
        subject_id text collate "C" not null,
        requested_by text not null,
        regime text not null check (regime in ('gdpr', 'ccpa')),
        requested_at timestamptz not null,
        deadline_at timestamptz not null,
        status text not null check (status in ('in_progress', 'completed', 'failed')),
        completed_at timestamptz
      )`);
      await tx.query(`create index if not exists data_requests_by_subject on ${log.table} (subject_id, requested_at desc, id desc)`);
      await tx.query(`create index if not exists data_requests_by_time on ${log.table} (requested_at desc, id desc)`);
    });
    return log;
  }

  /** Records a request in progress; a retry of the same id changes nothing. */
  async open(request: { id: string; kind: DataRequestKind; subjectId: string; requestedBy: string; regime: PrivacyRegime; at: Date }): Promise<void> {
    await this.db.query(
      `insert into ${this.table} (id, kind, subject_id, requested_by, regime, requested_at, deadline_at, status)
       values ($1, $2, $3, $4, $5, $6, $7, 'in_progress') on conflict (id) do nothing`,
      [request.id, request.kind, request.subjectId, request.requestedBy, request.regime, request.at.toISOString(), legalDeadline(request.regime, request.at).toISOString()],
    );
  }

  async complete(id: string): Promise<void> {
    await this.db.query(`update ${this.table} set status = 'completed', completed_at = coalesce(completed_at, now()) where id = $1`, [id]);
  }

  async fail(id: string): Promise<void> {
    await this.db.query(`update ${this.table} set status = 'failed' where id = $1 and status <> 'completed'`, [id]);
  }

  /** Newest first; only `subjectId`'s when given; after the request `after` (keyset paging). */
  async list(options: { subjectId?: string; after?: { requestedAt: Date; id: string }; limit: number }): Promise<DataRequestRecord[]> {
    const rows = await this.db.query<DataRequestRow>(
      `select ${COLUMNS} from ${this.table}
       where ($1::text is null or subject_id = $1)
         and ($2::timestamptz is null or (requested_at, id) < ($2::timestamptz, $3::uuid))
       order by requested_at desc, id desc limit $4`,
      [options.subjectId ?? null, options.after?.requestedAt.toISOString() ?? null, options.after?.id ?? null, options.limit],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      subjectId: row.subject_id,
      requestedBy: row.requested_by,
      regime: row.regime,
      requestedAt: new Date(row.requested_at),
      deadline: new Date(row.deadline_at),
      status: row.status,
      completedAt: row.completed_at === null ? undefined : new Date(row.completed_at),
    }));
  }
}
