import { randomBytes, randomUUID } from 'node:crypto';
import { PostgresAuditLog } from '@frm/audit';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { LocalMasterKeys, openPostgresSubjectKeyStore, PiiCipher, type SubjectKey, type SubjectKeyStore } from '@frm/pii';
import { quoteIdent } from '@frm/postgres';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { featureRequestSubmitted } from './support/intake-events';
import { localDateIn } from '@frm/wedding-day-freeze';
import { runFrm } from './support/frm-process';

const DAY_SECONDS = 86_400;

describe('frm keys rotate and frm keys status over a server Postgres', () => {
  const [keyA, keyB] = [randomBytes(32), randomBytes(32)];
  const [versionA, versionB] = [new LocalMasterKeys(keyA).currentVersion, new LocalMasterKeys(keyB).currentVersion];
  let postgres: TestPostgres;
  let schemas: { keys: string; audit: string; events: string };
  let keys: SubjectKeyStore;
  let auditLog: PostgresAuditLog;
  let eventStore: EventStore;
  const written: Array<{ streamId: string; title: string }> = [];
  let eventsBefore: Awaited<ReturnType<EventStore['readStream']>>[];
  let keysBefore: Map<string, SubjectKey>;

  // The rotation itself is what these tests are about: no weekday is a wedding day here (the last test sets one).
  const env = (masterKey?: Buffer, previous: Buffer[] = []): Record<string, string> => ({
    FRM_DATABASE_URL: postgres.connectionString,
    FRM_FREEZE_WEEKDAYS: 'none',
    ...(masterKey ? { FRM_MASTER_KEY: masterKey.toString('base64') } : {}),
    ...(previous.length > 0 ? { FRM_MASTER_KEY_PREVIOUS: previous.map((key) => key.toString('base64')).join(',') } : {}),
  });
  const schemaOptions = () => ['--key-schema', schemas.keys];
  const rotate = (environment: Record<string, string>, ...args: string[]) =>
    runFrm(['keys', 'rotate', ...schemaOptions(), '--audit-schema', schemas.audit, ...args], environment);
  const status = (environment: Record<string, string>, ...args: string[]) => runFrm(['keys', 'status', ...schemaOptions(), ...args], environment);
  const allKeys = async () => new Map((await keys.list({ limit: 1000 })).map((key) => [key.subjectId, key]));
  const allEvents = () => Promise.all(written.map(({ streamId }) => eventStore.readStream(streamId)));

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'cli_keys' });
    schemas = { keys: `${postgres.schema}_keys`, audit: `${postgres.schema}_audit`, events: `${postgres.schema}_events` };
    keys = await openPostgresSubjectKeyStore(postgres.db, { schema: schemas.keys });
    auditLog = await PostgresAuditLog.open(postgres.db, { schema: schemas.audit });
    await auditLog.append({
      entryId: randomUUID(),
      actorId: randomUUID(),
      action: 'erasure',
      target: { type: 'subject', id: randomUUID() },
      reason: 'GDPR Art. 17 request',
    });
    eventStore = await openPostgresEventStore(postgres.db, { schema: schemas.events });
    // What intake writes under master key A: each author's title encrypted with their data key.
    const cipher = new PiiCipher(keys, new LocalMasterKeys(keyA));
    for (let i = 0; i < 6; i++) {
      const [featureRequestId, authorId, title] = [randomUUID(), randomUUID(), `Seating planner ${i}`];
      const streamId = `feature-request-${featureRequestId}`;
      const event = featureRequestSubmitted(featureRequestId, '');
      const data = { ...event.data, authorId, title: await cipher.encryptField(authorId, streamId, 'title', title) };
      await eventStore.appendToStream(streamId, [{ ...event, data }], { expectedRevision: 'no_stream' });
      written.push({ streamId, title });
    }
    // As if master key A had come into use 100 days ago: past the 90-day policy.
    await keys.recordMasterKeyVersion(versionA);
    await postgres.db.query(`update ${quoteIdent(schemas.keys)}.master_key_versions set first_used_at = now() - interval '100 days'`);
    eventsBefore = await allEvents();
    keysBefore = await allKeys();
  });

  afterAll(async () => {
    await eventStore?.close();
    for (const schema of Object.values(schemas ?? {})) await postgres.db.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await postgres?.cleanup();
  });

  it('reports the master key 100 days old and its rotation due', async () => {
    const result = await status(env(keyA));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^master key ${versionA} in use since \\S+: 100 days old\\nrotation DUE since `));
    expect(result.stdout).toContain(`  ${versionA}  6  current (FRM_MASTER_KEY)\n`);

    const json = JSON.parse((await status(env(keyA), '--json')).stdout);
    expect(json).toMatchObject({
      currentVersion: versionA,
      ageDays: 100,
      rotation: { periodDays: 90, due: true, daysLeft: -10 },
      versions: [{ version: versionA, role: 'current', keys: 6 }],
      totalKeys: 6,
    });
    expect(json.ageSeconds).toBeGreaterThanOrEqual(100 * DAY_SECONDS);
    expect(json.ageSeconds).toBeLessThan(100 * DAY_SECONDS + 120);
  });

  it('refuses, changing nothing, without the old master key, without FRM_MASTER_KEY, or with an actor that is not an id', async () => {
    const withoutOld = await rotate(env(keyB), '--actor', 'svc:key-rotation');
    expect(withoutOld.code).toBe(1);
    expect(withoutOld.stderr).toBe(
      `frm: data keys are wrapped by master key versions that the settings do not hold: ${versionA} (6 keys); ` +
        `FRM_MASTER_KEY is ${versionB} and FRM_MASTER_KEY_PREVIOUS holds none; add the master key of each to FRM_MASTER_KEY_PREVIOUS ` +
        '(comma-separated; usually the FRM_MASTER_KEY the platform ran with before) and run again; nothing was re-wrapped\n',
    );

    const withoutKey = await rotate(env(undefined, [keyA]), '--actor', 'svc:key-rotation');
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.stderr).toMatch(/^frm: FRM_MASTER_KEY is not set; frm keys rotate re-wraps every data key under FRM_MASTER_KEY: set it to the new master key.*openssl rand -base64 32/);

    const named = await rotate(env(keyB, [keyA]), '--actor', 'Jane Doe');
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/^frm: --actor "Jane Doe" is not an id; give your subject id/);

    const mistyped = await rotate(env(keyB, [keyA]), '--actor', 'svc:key-rotation', '--key-schema', `${schemas.keys}_typo`);
    expect(mistyped.code).toBe(1);
    expect(mistyped.stderr).toBe(
      `frm: no key table in schema "${schemas.keys}_typo" (its table subject_keys does not exist); check --key-schema, or let the compliance service start once to create it\n`,
    );

    expect(await allKeys()).toEqual(keysBefore);
    expect((await auditLog.head())?.sequence).toBe(1);
  });

  it('re-wraps every data key under the new master key without touching one event, and records it in the audit log', async () => {
    const result = await rotate(env(keyB, [keyA]), '--actor', 'svc:key-rotation', '--batch-size', '4');

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('6/6 data keys');
    expect(result.stderr).not.toContain('frm:');
    expect(result.stdout).toBe(
      `re-wrapped 6 data keys under master key ${versionB} (before: ${versionA}: 6); 0 already under it; 0 skipped (erased meanwhile); no event was changed\n` +
        `every data key is under ${versionB}; once every service runs with this FRM_MASTER_KEY, FRM_MASTER_KEY_PREVIOUS can be dropped\n` +
        `audit entry 2 of log "platform" (schema ${schemas.audit}): key_rotation by svc:key-rotation\n`,
    );

    expect(await keys.countByMasterKeyVersion()).toEqual(new Map([[versionB, 6]]));
    for (const [subject, key] of await allKeys()) {
      const before = keysBefore.get(subject) as SubjectKey;
      expect(key).toMatchObject({ keyId: before.keyId, masterKeyVersion: versionB, createdAt: before.createdAt });
      expect(key.wrappedKey.equals(before.wrappedKey)).toBe(false);
    }
    expect(await allEvents()).toEqual(eventsBefore);
    // Master key A is gone: B alone opens every data key, so every field still reads.
    const onlyB = new PiiCipher(keys, new LocalMasterKeys(keyB));
    for (const { streamId, title } of written) {
      const [event] = await eventStore.readStream(streamId);
      expect(await onlyB.decryptField(streamId, 'title', event?.data['title'] as string)).toBe(title);
    }

    const entry = await auditLog.head();
    expect(entry).toMatchObject({
      sequence: 2,
      actorId: 'svc:key-rotation',
      action: 'key_rotation',
      target: { type: 'master_key', id: versionB },
      reason: 'master key rotation',
      detail: { keysRewrapped: 6, keysSkipped: 0, keysAlreadyCurrent: 0, keysRemaining: 0, fromVersionCount: 1, fromVersions: versionA },
    });
    expect(JSON.stringify(entry)).not.toContain(keyB.toString('base64'));
  });

  it('re-wraps nothing when run again, and says so in its audit entry', async () => {
    const wrapped = await allKeys();
    const result = await rotate(env(keyB, [keyA]), '--actor', 'svc:key-rotation', '--json');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      masterKeyVersion: versionB,
      before: {},
      rewrapped: 0,
      skipped: 0,
      alreadyCurrent: 6,
      remaining: {},
      interrupted: false,
      auditEntry: { schema: schemas.audit, log: 'platform', sequence: 3, entryId: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(await allKeys()).toEqual(wrapped);
    expect(await allEvents()).toEqual(eventsBefore);
    expect((await auditLog.head())?.detail).toEqual({ keysRewrapped: 0, keysSkipped: 0, keysAlreadyCurrent: 6, keysRemaining: 0, fromVersionCount: 0 });
  });

  it('leaves an audit log that still verifies', async () => {
    const result = await runFrm(['audit', 'verify', '--schema', schemas.audit], { FRM_DATABASE_URL: postgres.connectionString });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^audit log "platform" in schema ${schemas.audit}: 3 entries verified, head 3 [0-9a-f]{64}\\n$`));
  });

  it('reports the new master key as current, young, and the old one as wrapping nothing', async () => {
    const withPrevious = JSON.parse((await status(env(keyB, [keyA]), '--json')).stdout);
    expect(withPrevious).toMatchObject({
      currentVersion: versionB,
      ageDays: 0,
      rotation: { due: false, daysLeft: 89 },
      versions: [
        { version: versionB, role: 'current', keys: 6 },
        { version: versionA, role: 'previous', keys: 0 },
      ],
    });
    expect(withPrevious.ageSeconds).toBeLessThan(600);

    const result = await status(env(keyB));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^master key ${versionB} in use since \\S+: 0 days old\\nrotation due \\S+, in 89 days \\(policy: every 90 days\\)\\n`));
    expect(result.stdout).toContain(`data keys by master key version (6 in all):\n  ${versionB}  6  current (FRM_MASTER_KEY)\n`);
  });

  it('keeps the rotation and its audit entry when the audit head cannot reach Kafka, and says so', async () => {
    const unreachable = { ...env(keyB), FRM_KAFKA_BROKERS: '127.0.0.1:9', FRM_KAFKA_CONNECT_TIMEOUT: '1s' };
    const result = await rotate(unreachable, '--actor', 'svc:key-rotation');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/frm: warning: the audit head was not published to Kafka \(.*127\.0\.0\.1:9.*\); the compliance service's next audit entry publishes a head that covers this one\n$/);
    expect((await auditLog.head())?.sequence).toBe(4);
  });

  it('waits on a wedding day, changing nothing, unless an operator forces it with a reason, which is audited first', async () => {
    const today = localDateIn(new Date(), 'Europe/London').isoDate;
    const frozen = { ...env(keyB), FRM_FREEZE_BLACKOUT_DATES: today };
    const keysNow = await allKeys();
    const refused = await rotate(frozen, '--actor', 'svc:key-rotation');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`frm: frm keys rotate is refused: `);
    expect(refused.stderr).toContain(`is in the blackout ${today} (FRM_FREEZE_BLACKOUT_DATES)`);
    expect(refused.stderr).toContain('or an admin forces this one with a reason (--force-reason "<why>"), which is audited');
    expect(await allKeys()).toEqual(keysNow);
    expect((await auditLog.head())?.sequence).toBe(4);

    const forced = await rotate(frozen, '--actor', 'svc:key-rotation', '--force-reason', 'key exposure suspected');
    expect(forced.code).toBe(0);
    const entries = await auditLog.read(4, 10);
    expect(entries.map((entry) => [entry.action, entry.actorId])).toEqual([
      ['admin_override', 'svc:key-rotation'],
      ['key_rotation', 'svc:key-rotation'],
    ]);
    expect(entries[0]?.reason).toBe(`frm keys rotate forced on frozen ${today} (blackout): key exposure suspected`);
  });
});
