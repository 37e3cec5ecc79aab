import { randomUUID } from 'node:crypto';
import { PostgresAuditLog } from '@frm/audit';
import { quoteIdent } from '@frm/postgres';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { runFrm } from './support/frm-process';

describe('frm audit verify over a server Postgres', () => {
  let postgres: TestPostgres;
  let env: Record<string, string>;

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'cli_audit' });
    const log = await PostgresAuditLog.open(postgres.db, { schema: postgres.schema, log: 'platform' });
    for (let i = 0; i < 5; i++) {
      await log.append({
        entryId: randomUUID(),
        actorId: 'svc:intake',
        action: 'status_change',
        target: { type: 'feature_request', id: randomUUID() },
        reason: 'moved to planned',
      });
    }
    env = { FRM_DATABASE_URL: postgres.connectionString };
  });

  afterAll(() => postgres.cleanup());

  const verify = (...args: string[]) => runFrm(['audit', 'verify', '--schema', postgres.schema, ...args], env);

  it('verifies an intact log, naming its head', async () => {
    const result = await verify();
    expect(result.code).toBe(0);
    // Progress goes to stderr, never an error line.
    expect(result.stderr).toContain('5/5 entries');
    expect(result.stderr).not.toContain('frm:');
    expect(result.stdout).toMatch(new RegExp(`^audit log "platform" in schema ${postgres.schema}: 5 entries verified, head 5 [0-9a-f]{64}\\n$`));
    const json = await verify('--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, log: 'platform', checked: 5, head: { sequence: 5 } });
  });

  it('exits 2 naming the first broken entry of a tampered log', async () => {
    const table = `${quoteIdent(postgres.schema)}.audit_entries`;
    await postgres.db.exec(
      `alter table ${table} disable trigger user; update ${table} set reason = 'nothing to see' where sequence = 3; alter table ${table} enable trigger user;`,
    );
    const result = await verify();
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^frm: audit log "platform" is broken at entry 3: its content hashes to [0-9a-f]{64} but its stored hash is/m);
    const json = await verify('--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, checked: 2, broken: { sequence: 3, problem: 'content_hash_mismatch' } });
  });

  it('refuses a schema without an audit log instead of passing it as empty', async () => {
    const result = await runFrm(['audit', 'verify', '--schema', `${postgres.schema}_none`], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `frm: no audit log in schema "${postgres.schema}_none" (its table audit_entries does not exist); check the schema name, ` +
        'or let the service that records audit entries start once to create it\n',
    );
  });
});
