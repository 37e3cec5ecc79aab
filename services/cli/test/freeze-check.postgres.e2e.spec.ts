import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PostgresAuditLog } from '@frm/audit';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { runFrm } from './support/frm-process';

const SATURDAY = '2026-11-28T10:00:00Z';
const THURSDAY = '2026-11-26T10:00:00Z';
const OPERATOR = '0b6f3c1e-8f2a-4d3b-9c41-2a7e5d9f0c11';

describe('frm freeze check and deploy/check-freeze', () => {
  let postgres: TestPostgres;

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'cli_freeze' });
    await PostgresAuditLog.open(postgres.db, { schema: postgres.schema });
  });
  afterAll(() => postgres.cleanup());

  it('exits 0 on an ordinary day and 3 on a Saturday or a blackout date, naming the rule and the day it reopens', async () => {
    expect(await runFrm(['freeze', 'check', '--at', THURSDAY], {})).toMatchObject({ code: 0, stdout: 'open: deployment may go ahead (Europe/London)\n' });
    expect(await runFrm(['freeze', 'check', '--at', SATURDAY], {})).toMatchObject({
      code: 3,
      stdout: 'frozen: deployment must wait: it is Saturday 2026-11-28 in Europe/London, a wedding day (FRM_FREEZE_WEEKDAYS); it reopens on 2026-11-29\n',
    });
    const blackout = await runFrm(['freeze', 'check', '--at', THURSDAY, '--json'], { FRM_FREEZE_BLACKOUT_DATES: '2026-11-26..2026-11-27' });
    expect(blackout.code).toBe(3);
    expect(JSON.parse(blackout.stdout)).toMatchObject({ frozen: true, rule: { kind: 'blackout', localDate: '2026-11-26', reopensOn: '2026-11-29' } });
    // Another zone, another day: Saturday 01:00 in London is still Friday in New York.
    expect((await runFrm(['freeze', 'check', '--at', '2026-11-28T01:00:00Z'], { FRM_FREEZE_TIME_ZONE: 'America/New_York' })).code).toBe(0);
  });

  it('lets an operator force a frozen day with a reason, recorded in the audit log', async () => {
    const env = { FRM_DATABASE_URL: postgres.connectionString };
    const forced = await runFrm(['freeze', 'check', '--at', SATURDAY, '--force-reason', 'payment outage fix', '--actor', OPERATOR, '--audit-schema', postgres.schema, '--json'], env);
    expect(forced.code).toBe(0);
    const decision = JSON.parse(forced.stdout) as { forced: boolean; auditEntryId: string };
    expect(decision.forced).toBe(true);
    const head = await (await PostgresAuditLog.attach(postgres.db, { schema: postgres.schema })).head();
    expect(head).toMatchObject({
      entryId: decision.auditEntryId,
      actorId: OPERATOR,
      action: 'admin_override',
      target: { type: 'operation', id: 'deployment' },
      reason: 'deployment forced on frozen 2026-11-28 (weekday): payment outage fix',
    });
    const noActor = await runFrm(['freeze', 'check', '--at', SATURDAY, '--force-reason', 'x'], env);
    expect(noActor).toMatchObject({ code: 1, stderr: 'frm: --force-reason needs --actor <your subject id>: the audit log records who forced it\n' });
  });

  it('is what deploy/check-freeze runs', () => {
    const script = join(__dirname, '../../../deploy/check-freeze');
    const saturday = spawnSync(script, ['--at', SATURDAY], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(saturday.status).toBe(3);
    expect(saturday.stdout).toContain('frozen: deployment must wait');
    expect(spawnSync(script, ['--at', THURSDAY], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } }).status).toBe(0);
  });
});
