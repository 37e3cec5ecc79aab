import type { SqlDatabase } from '@frm/postgres';
import { subjectKeySchemaSql, subjectKeyTables, type SubjectKeyTables } from './subject-key-schema.sql';
import type { KeyRewrap, NewSubjectKey, SubjectKey, SubjectKeyPage, SubjectKeyStore } from './subject-key-store.port';

interface SubjectKeyRow {
  subject_id: string;
  key_id: string;
  wrapped_key: Uint8Array;
  master_key_version: string;
  created_at: Date;
  rotated_at: Date | null;
}

const COLUMNS = 'subject_id, key_id, wrapped_key, master_key_version, created_at, rotated_at';
// A key deleted between our failed insert and our select: try again, a few times at most.
const GET_OR_CREATE_ATTEMPTS = 3;

export interface PostgresSubjectKeyStoreOptions {
  /** The schema of the key table, owned by the compliance service (e.g. `compliance_keys`). */
  readonly schema: string;
}

/** Opens the key table in `schema` of a Postgres server or PGlite, creating it if missing. */
export async function openPostgresSubjectKeyStore(db: SqlDatabase, options: PostgresSubjectKeyStoreOptions): Promise<SubjectKeyStore> {
  const tables = subjectKeyTables(options.schema);
  await db.transaction(async (tx) => {
    for (const statement of subjectKeySchemaSql(options.schema)) await tx.query(statement);
  });
  return new PostgresSubjectKeyStore(db, tables);
}

class PostgresSubjectKeyStore implements SubjectKeyStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly tables: SubjectKeyTables,
  ) {}

  async find(subjectId: string): Promise<SubjectKey | undefined> {
    const rows = await this.db.query<SubjectKeyRow>(`select ${COLUMNS} from ${this.tables.keys} where subject_id = $1`, [subjectId]);
    return rows[0] && toSubjectKey(rows[0]);
  }

  async findMany(subjectIds: readonly string[]): Promise<SubjectKey[]> {
    if (subjectIds.length === 0) return [];
    const rows = await this.db.query<SubjectKeyRow>(`select ${COLUMNS} from ${this.tables.keys} where subject_id = any($1::text[])`, [
      [...new Set(subjectIds)],
    ]);
    return rows.map(toSubjectKey);
  }

  // Two statements, not one: a statement's snapshot may predate the row that made the insert do
  // nothing, while a new statement (read committed) sees it.
  async getOrCreate(candidate: NewSubjectKey): Promise<SubjectKey> {
    for (let attempt = 1; ; attempt++) {
      const [inserted] = await this.db.query<SubjectKeyRow>(
        `insert into ${this.tables.keys} (subject_id, key_id, wrapped_key, master_key_version) values ($1, $2, $3, $4)
         on conflict (subject_id) do nothing returning ${COLUMNS}`,
        [candidate.subjectId, candidate.keyId, candidate.wrappedKey, candidate.masterKeyVersion],
      );
      const key = inserted ? toSubjectKey(inserted) : await this.find(candidate.subjectId);
      if (key) return key;
      if (attempt === GET_OR_CREATE_ATTEMPTS) throw new Error(`The key of subject ${candidate.subjectId} kept being deleted while it was created`);
    }
  }

  async delete(subjectId: string): Promise<boolean> {
    const rows = await this.db.query(`delete from ${this.tables.keys} where subject_id = $1 returning subject_id`, [subjectId]);
    return rows.length > 0;
  }

  async list(page: SubjectKeyPage): Promise<SubjectKey[]> {
    const rows = await this.db.query<SubjectKeyRow>(
      `select ${COLUMNS} from ${this.tables.keys}
       where subject_id > $1 and ($2::text is null or master_key_version <> $2)
       order by subject_id limit $3`,
      [page.after ?? '', page.notWrappedBy ?? null, page.limit],
    );
    return rows.map(toSubjectKey);
  }

  // One statement for the whole batch; the where clause is the compare-and-set.
  async rewrap(rewraps: readonly KeyRewrap[]): Promise<string[]> {
    if (rewraps.length === 0) return [];
    const rows = await this.db.query<{ subject_id: string }>(
      `update ${this.tables.keys} as k
       set wrapped_key = decode(r.wrapped_key, 'base64'), master_key_version = r.to_version, rotated_at = now()
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as r(subject_id, key_id, from_version, to_version, wrapped_key)
       where k.subject_id = r.subject_id and k.key_id = r.key_id and k.master_key_version = r.from_version
       returning k.subject_id`,
      [
        rewraps.map((r) => r.subjectId),
        rewraps.map((r) => r.keyId),
        rewraps.map((r) => r.fromVersion),
        rewraps.map((r) => r.toVersion),
        rewraps.map((r) => r.wrappedKey.toString('base64')),
      ],
    );
    return rows.map((row) => row.subject_id);
  }

  async countByMasterKeyVersion(): Promise<ReadonlyMap<string, number>> {
    const rows = await this.db.query<{ version: string; keys: number }>(
      `select master_key_version as version, count(*)::int as keys from ${this.tables.keys} group by master_key_version`,
    );
    return new Map(rows.map((row) => [row.version, Number(row.keys)]));
  }

  async recordMasterKeyVersion(version: string): Promise<Date> {
    await this.db.query(`insert into ${this.tables.masterKeyVersions} (version) values ($1) on conflict (version) do nothing`, [version]);
    const [row] = await this.db.query<{ first_used_at: Date }>(`select first_used_at from ${this.tables.masterKeyVersions} where version = $1`, [
      version,
    ]);
    return new Date((row as { first_used_at: Date }).first_used_at);
  }
}

function toSubjectKey(row: SubjectKeyRow): SubjectKey {
  return {
    subjectId: row.subject_id,
    keyId: row.key_id,
    // pg gives a Buffer, PGlite a Uint8Array.
    wrappedKey: Buffer.from(row.wrapped_key),
    masterKeyVersion: row.master_key_version,
    createdAt: new Date(row.created_at),
    rotatedAt: row.rotated_at === null ? undefined : new Date(row.rotated_at),
  };
}
