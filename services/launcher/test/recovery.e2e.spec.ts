import { randomBytes, randomUUID } from 'node:crypto';
import { PostgresAuditLog } from '@frm/audit';
import { signAccessToken } from '@frm/gateway';
import { quoteIdent } from '@frm/postgres';
import { localDateIn } from '@frm/wedding-day-freeze';
import { waitUntil } from '@frm/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './support/embedded-platform';
import { runFrm, type FrmResult } from './support/frm-cli';
import { GatewayUser } from './support/gateway-call';

const SECRET = randomBytes(32).toString('base64url');

/**
 * `frm dr` against the platform `npm start` runs, through its gateway: the DR orchestrator lists,
 * verifies and rebuilds every service's projections on the embedded database, reading the events
 * decrypted as the services do. Today is made a blackout date, so the rebuild meets the
 * wedding-day freeze and is forced by an admin, audited.
 */
describe('frm dr on the embedded platform', () => {
  let embedded: EmbeddedPlatform;
  let gateway: string;
  let adminToken: string;
  const today = localDateIn(new Date(), 'Europe/London').isoDate;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform({ FRM_JWT_SECRET: SECRET, FRM_FREEZE_BLACKOUT_DATES: today, FRM_BACKUP_SEGMENT_INTERVAL: '1s' });
    gateway = embedded.platform.gateway.address;
    adminToken = await signAccessToken({ sub: randomUUID(), roles: ['admin'] }, SECRET);
    const couple = new GatewayUser(gateway, SECRET, ['couple']);
    const submitted = await couple.call('submitFeatureRequest', { requestId: randomUUID(), title: 'Seating chart as PDF', description: 'For the venue', category: 'guest-management' });
    await couple.callVoting('castVote', { requestId: randomUUID(), featureRequestId: submitted['id'] as string });
  });
  afterAll(async () => {
    await embedded?.close();
  });

  const frm = (args: readonly string[]) => runFrm(args, { FRM_GATEWAY_ADDRESS: gateway, FRM_TOKEN: adminToken });

  it('lists every projection of the platform with its state', async () => {
    const listed = await frm(['dr', 'projections', '--json']);
    expect(listed.code).toBe(0);
    const response = JSON.parse(listed.stdout) as { projections: Array<{ name: string; state: string }>; head: string };
    expect(response.projections.map((p) => p.name)).toEqual(expect.arrayContaining(['feature_requests', 'notifications', 'triage', 'votes']));
    const table = await frm(['dr', 'projections']);
    expect(table.stdout).toMatch(/^PROJECTION\s+VERSION\s+SCHEMA\s+CHECKPOINT\s+LAG\s+WAITING\s+STATE\n/);
    expect(table.stdout).toMatch(/\nfeature_requests\s+\d+\s+projection_feature_requests\s+\S+\s+\d+\s+\S+\s+(caught-up|behind)\n/);
  });

  it('verifies the board’s read model, decrypted titles included, against its events', async () => {
    const verified = await frm(['dr', 'verify', 'feature_requests']);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^feature_requests matches its events at \S+ \(checksum [0-9a-f]{12}\)\n$/) });
    expect(verified.stderr).toContain('verify feature_requests');
  });

  it('refuses a rebuild on the frozen day, and lets an admin force it with a reason (audited)', async () => {
    const refused = await frm(['dr', 'rebuild', 'votes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`frm: FAILED_PRECONDITION: RebuildProjection is refused: `);
    expect(refused.stderr).toContain(`${today} in Europe/London is in the blackout ${today} (FRM_FREEZE_BLACKOUT_DATES)`);
    expect(refused.stderr).toContain('(--force-reason "<why>")');

    const forced = await frm(['dr', 'rebuild', 'votes', '--force-reason', 'Tallies drifted after the 09:00 deploy', '--json']);
    expect(forced.code).toBe(0);
    const outcome = JSON.parse(forced.stdout) as { swapped: boolean; verification: { matches: boolean }; overrideAuditEntryId: string };
    expect(outcome).toMatchObject({ swapped: true, verification: { matches: true } });
    const head = await (await PostgresAuditLog.attach(embedded.platform.storage.db)).head();
    expect(head).toMatchObject({ entryId: outcome.overrideAuditEntryId, action: 'admin_override', target: { type: 'projection', id: 'votes' } });
  });

  it('finds a tally changed by hand, exits 3, and the rebuild keeps the live copy until told the differences are expected', async () => {
    const db = embedded.platform.storage.db;
    await db.query(`update ${quoteIdent('projection_votes')}.tallies set counted = counted + 7`);
    const verified = await frm(['dr', 'verify', 'votes']);
    expect(verified.code).toBe(3);
    expect(verified.stdout).toMatch(/^votes differs from its events at \S+:\n {2}tallies: 1 live rows, 1 rebuilt\n {4}live only: {4}\{.*"counted": ?8/);
    const kept = await frm(['dr', 'rebuild', 'votes', '--force-reason', 'repair']);
    expect(kept.code).toBe(3);
    expect(kept.stdout).toContain('not swapped: the live copy was kept. If its rows are the damaged ones, run again with --accept-differences');
    const repaired = await frm(['dr', 'rebuild', 'votes', '--accept-differences', '--force-reason', 'repair']);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/votes v\d+ rebuilt from \d+ events in [\d.]+ s and swapped in/);
    expect((await frm(['dr', 'verify', 'votes'])).code).toBe(0);
  });

  it('backs the event store up beside the embedded data, and lists the backups with the recovery point', async () => {
    let listed: FrmResult | undefined;
    for (let tries = 0; tries < 40; tries++) {
      listed = await frm(['dr', 'backups']);
      if (listed.stdout.includes('snapshot-')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed?.stdout).toMatch(new RegExp(`^backups in directory ${embedded.dataDir}/backups: recovery point \\d+\\.\\d s, newest snapshot [\\d.]+ s ago`));
    expect(listed?.stdout).toMatch(/\n {2}snapshot-\S+ {2}\d+ events {2}\S+\.\.\S+ {2}sha256 [0-9a-f]{12}/);
  });

  it('runs a restore drill on the embedded platform: every projection rebuilt from the backups matches, RPO and RTO measured, nothing left behind', async () => {
    const backups = embedded.platform.recovery.backups;
    await waitUntil('the backups hold the events', async () => {
      const head = await embedded.platform.storage.db.query<{ events: string }>(`select count(*)::text as events from event_store.events`);
      const archived = backups?.catalogue()?.segments.reduce((sum, segment) => sum + segment.eventCount, 0) ?? 0;
      return archived >= Number(head[0]?.events) && archived > 0;
    });
    const drilled = await frm(['dr', 'drill']);
    expect(drilled.stderr).not.toContain('frm:');
    expect(drilled.code).toBe(0);
    expect(drilled.stdout).toMatch(/^restore drill \S+: verified\n {2}restored \d+ events from \d+ files/);
    expect(drilled.stdout).toMatch(/recovery point \(RPO\): [\d.]+ s \(within target: 30 s\)/);
    expect(drilled.stdout).toMatch(/recovery time \(RTO\): [\d.]+ s \(within target: 300 s\)/);
    for (const name of ['feature_requests', 'votes', 'notifications', 'triage']) expect(drilled.stdout).toMatch(new RegExp(`\\n {2}${name}: matches`));
    const schemas = await embedded.platform.storage.db.query(`select nspname from pg_namespace where starts_with(nspname, 'drill_')`);
    expect(schemas).toEqual([]);
  });

  it('says that events cannot be sent to Kafka again where there is no Kafka, and refuses a wrong position first', async () => {
    const wrong = await frm(['dr', 'republish', '--from-position', 'yesterday']);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringMatching(/^frm: INVALID_ARGUMENT: from_position: must be a position "<commit>\/<prepare>"/) });
    const noKafka = await frm(['dr', 'republish', '--from-position', '0/0', '--rate', '100']);
    expect(noKafka.code).toBe(1);
    expect(noKafka.stderr).toContain('frm: FAILED_PRECONDITION: this DR orchestrator has no Kafka to publish to: set FRM_KAFKA_BROKERS');
  });

  it('needs an admin: PERMISSION_DENIED says which token to mint', async () => {
    const product = await signAccessToken({ sub: randomUUID(), roles: ['product'] }, SECRET);
    const denied = await frm(['dr', 'verify', 'votes', '--token', product]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^frm: PERMISSION_DENIED: .*needs one of the roles admin.*FRM_TOKEN=\$\(npx frm token --sub <your uuid> --roles admin\)\n$/);
  });

});
