import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import type { ErasureCertificate } from './erasure-certificate';

export const DEFAULT_LEDGER_SCHEMA = 'compliance_ledger';

/** One erasure as the ledger keeps it: ids and times only. */
export interface ErasureLedgerEntry {
  readonly certificateId: string;
  readonly subjectId: string;
  readonly generation: number;
  /** The data key it deleted, '' when the subject had none. */
  readonly erasedKeyId: string;
  readonly erasedAt: Date;
  /** When SubjectErased was appended; `undefined` while the erasure is still to be completed. */
  readonly completedAt: Date | undefined;
  readonly certificate: ErasureCertificate;
}

interface LedgerRow {
  certificate_id: string;
  subject_id: string;
  generation: number;
  erased_key_id: string;
  erased_at: Date;
  completed_at: Date | null;
  certificate: ErasureCertificate | string;
}

const COLUMNS = 'certificate_id::text, subject_id, generation, erased_key_id, erased_at, completed_at, certificate';

/**
 * The erasure ledger: which subjects were erased, when, and with which key. It lives in a schema of
 * its own, apart from the data it protects, so that it survives (or is kept back from) a restore of
 * that data and can be re-applied afterwards (see reapplyErasureLedger). Writing an entry is the
 * commit point of an erasure: whatever is not done yet is completed from it.
 */
export class ErasureLedger {
  private readonly erasures: string;

  private constructor(
    private readonly db: SqlDatabase,
    readonly schema: string,
  ) {
    this.erasures = `${quoteIdent(schema)}.erasures`;
  }

  /** Opens the ledger in `schema`, creating it if missing. */
  static async open(db: SqlDatabase, schema = DEFAULT_LEDGER_SCHEMA): Promise<ErasureLedger> {
    const ledger = new ErasureLedger(db, schema);
    await db.transaction(async (tx) => {
      // Concurrent start-ups take turns: two `create … if not exists` can collide in the catalog.
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`frm.compliance.ledger-schema:${schema}`]);
      await tx.query(`create schema if not exists ${quoteIdent(schema)}`);
      await tx.query(`create table if not exists ${ledger.erasures} (
        certificate_id uuid primary key,
        subject_id text collate "C" not null,
        generation integer not null,
        erased_key_id text not null,
        erased_at timestamptz not null,
        completed_at timestamptz,
        certificate jsonb not null,
        unique (subject_id, generation)
      )`);
      await tx.query(`create index if not exists erasures_incomplete on ${ledger.erasures} (erased_at) where completed_at is null`);
    });
    return ledger;
  }

  /** The subject's latest erasure, if any. */
  async latestFor(subjectId: string): Promise<ErasureLedgerEntry | undefined> {
    const rows = await this.db.query<LedgerRow>(`select ${COLUMNS} from ${this.erasures} where subject_id = $1 order by generation desc limit 1`, [subjectId]);
    return rows[0] && toEntry(rows[0]);
  }

  /**
   * Writes the entry unless the subject's erasure of that generation is there already (a
   * concurrent or retried erasure); returns the one entry the ledger keeps.
   */
  async record(certificate: ErasureCertificate, generation: number, erasedKeyId: string): Promise<ErasureLedgerEntry> {
    await this.db.query(
      `insert into ${this.erasures} (certificate_id, subject_id, generation, erased_key_id, erased_at, certificate)
       values ($1, $2, $3, $4, $5, $6::jsonb) on conflict do nothing`,
      [certificate.certificateId, certificate.subjectId, generation, erasedKeyId, certificate.erasedAt, JSON.stringify(certificate)],
    );
    const rows = await this.db.query<LedgerRow>(`select ${COLUMNS} from ${this.erasures} where subject_id = $1 and generation = $2`, [
      certificate.subjectId,
      generation,
    ]);
    if (!rows[0]) throw new Error(`the erasure ledger in schema ${this.schema} lost the entry of ${certificate.certificateId} just written`);
    return toEntry(rows[0]);
  }

  async markCompleted(certificateId: string): Promise<void> {
    await this.db.query(`update ${this.erasures} set completed_at = coalesce(completed_at, now()) where certificate_id = $1`, [certificateId]);
  }

  /** Erasures written but not completed (a process stopped in the middle), oldest first. */
  async incomplete(): Promise<ErasureLedgerEntry[]> {
    const rows = await this.db.query<LedgerRow>(`select ${COLUMNS} from ${this.erasures} where completed_at is null order by erased_at, certificate_id`);
    return rows.map(toEntry);
  }

  /** Every entry after `afterCertificateId` in (erased_at, certificate id) order, a page at a time. */
  async page(after: { erasedAt: Date; certificateId: string } | undefined, limit: number): Promise<ErasureLedgerEntry[]> {
    const rows = await this.db.query<LedgerRow>(
      `select ${COLUMNS} from ${this.erasures}
       where $1::timestamptz is null or (erased_at, certificate_id) > ($1::timestamptz, $2::uuid)
       order by erased_at, certificate_id limit $3`,
      [after?.erasedAt.toISOString() ?? null, after?.certificateId ?? null, limit],
    );
    return rows.map(toEntry);
  }
}

function toEntry(row: LedgerRow): ErasureLedgerEntry {
  return {
    certificateId: row.certificate_id,
    subjectId: row.subject_id,
    generation: Number(row.generation),
    erasedKeyId: row.erased_key_id,
    erasedAt: new Date(row.erased_at),
    completedAt: row.completed_at === null ? undefined : new Date(row.completed_at),
    // pg parses jsonb; PGlite does too, but a text cast would not be: accept both.
    certificate: typeof row.certificate === 'string' ? (JSON.parse(row.certificate) as ErasureCertificate) : row.certificate,
  };
}
