import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { frmEventsV1 } from '@frm/contracts';
import { ERASED } from '@frm/pii';
import { quoteIdent } from '@frm/postgres';
import { ErasureLedger, reapplyErasureLedgerTo, STORES_CHECKED } from '../src';
import { startComplianceTestBed, type ComplianceTestBed, type Engine } from './support/compliance-test-bed';
import { createLogger } from '@frm/logging';

describe.each<Engine>(['postgres', 'pglite'])('erasure on %s', (engine) => {
  let bed: ComplianceTestBed;

  beforeAll(async () => {
    bed = await startComplianceTestBed(engine);
  });

  afterAll(async () => {
    await bed?.close();
  });

  const erasedEvents = async (subjectId: string) =>
    (await bed.eventStore.readStream(`data-subject-${subjectId}`)).filter((event) => event.type === frmEventsV1.SubjectErased.$type);

  it('deletes the key, writes the ledger, appends SubjectErased once, and repeats the same certificate', async () => {
    const subject = randomUUID();
    const requestId = await bed.submitRequest(subject);
    await bed.vote(requestId, subject);
    const key = await bed.keys.find(subject);
    expect(key).toBeDefined();

    const certificate = await bed.client.erase({ subjectId: subject }, { subject, roles: ['couple'] });
    expect(certificate).toMatchObject({ subjectId: subject, requestedBy: subject, storesChecked: [...STORES_CHECKED] });
    expect(certificate.erased).toEqual([
      { store: 'subject_keys', kind: 'data_key', id: key?.keyId },
      ...[`feature-request-${requestId}`, `vote-${requestId}-${subject}`].sort().map((id) => ({ store: 'event_store', kind: 'stream', id })),
    ]);
    expect(await bed.keys.find(subject)).toBeUndefined();
    const ledger = await ErasureLedger.open(bed.db, bed.schemas.ledger);
    expect(await ledger.latestFor(subject)).toMatchObject({ certificateId: certificate.certificateId, erasedKeyId: key?.keyId });
    const title = (await bed.eventStore.readStream(`feature-request-${requestId}`))[0]?.data['title'] as string;
    expect(await bed.cipher.decryptField(`feature-request-${requestId}`, 'title', title)).toBe(ERASED);

    const again = await bed.client.erase({ subjectId: subject, reason: 'asked twice' }, { subject: randomUUID(), roles: ['admin'] });
    expect(again).toEqual(certificate);
    expect(await erasedEvents(subject)).toHaveLength(1);
    expect((await erasedEvents(subject))[0]?.data).toMatchObject({ subjectId: subject, certificateId: certificate.certificateId, keyId: key?.keyId });
  });

  it('gives a subject that never existed an empty certificate, the same every time', async () => {
    const stranger = randomUUID();
    const admin = { subject: randomUUID(), roles: ['admin'] as const };
    const certificate = await bed.client.erase({ subjectId: stranger, reason: 'request by post' }, admin);
    expect(certificate.erased).toEqual([]);
    expect(certificate.storesChecked).toEqual([...STORES_CHECKED]);
    expect(await bed.client.erase({ subjectId: stranger, reason: 'request by post' }, admin)).toEqual(certificate);
  });

  it("refuses another person's erasure without admin, and bad input naming the field, writing nothing", async () => {
    const subject = randomUUID();
    await bed.submitRequest(subject);
    const denied = await bed.client.failure(bed.client.erase({ subjectId: subject }, { subject: randomUUID(), roles: ['product'] }));
    expect(denied.code).toBe(status.PERMISSION_DENIED);
    const invalid = await bed.client.failure(bed.client.erase({ subjectId: 'jane' }, { subject, roles: ['couple'] }));
    expect(invalid.code).toBe(status.INVALID_ARGUMENT);
    expect(invalid.details).toMatch(/^subject_id: must be a UUID/);
    const noReason = await bed.client.failure(bed.client.erase({ subjectId: subject }, { subject: randomUUID(), roles: ['admin'] }));
    expect(noReason.details).toMatch(/^reason: is required/);
    const email = await bed.client.failure(bed.client.erase({ subjectId: subject, reason: 'mail from jane@example.com' }, { subject: randomUUID(), roles: ['admin'] }));
    expect(email.code).toBe(status.INVALID_ARGUMENT);
    expect(await bed.keys.find(subject)).toBeDefined();
    expect(await (await ErasureLedger.open(bed.db, bed.schemas.ledger)).latestFor(subject)).toBeUndefined();
  });

  it('completes on restart an erasure stopped after the key deletion and the ledger entry', async () => {
    const subject = randomUUID();
    await bed.submitRequest(subject);
    const key = await bed.keys.find(subject);
    await bed.stop();
    // What a process killed right after the commit point leaves: ledger entry written, key deleted, no event.
    const ledger = await ErasureLedger.open(bed.db, bed.schemas.ledger);
    const certificate = {
      certificateId: randomUUID(),
      subjectId: subject,
      erasedAt: new Date().toISOString(),
      erased: [{ store: 'subject_keys' as const, kind: 'data_key' as const, id: key?.keyId as string }],
      storesChecked: [...STORES_CHECKED],
      requestedBy: subject,
    };
    await ledger.record(certificate, 1, key?.keyId as string);
    await bed.keys.delete(subject);
    expect(await erasedEvents(subject)).toHaveLength(0);

    await bed.restart();
    expect((await erasedEvents(subject)).map((event) => event.data['certificateId'])).toEqual([certificate.certificateId]);
    expect((await ledger.latestFor(subject))?.completedAt).toBeDefined();
    expect(await bed.client.erase({ subjectId: subject }, { subject, roles: ['couple'] })).toMatchObject({ certificateId: certificate.certificateId });
  });

  it('re-applies the ledger after a restore: the restored key goes again, a missing SubjectErased comes back, twice is harmless', async () => {
    const subject = randomUUID();
    await bed.submitRequest(subject);
    const key = await bed.keys.find(subject);
    const certificate = await bed.client.erase({ subjectId: subject }, { subject, roles: ['couple'] });
    // "Restore" a backup taken before the erasure: the key row as it was, and the subject's stream without SubjectErased.
    await bed.db.query(
      `insert into ${quoteIdent(bed.schemas.keys)}.subject_keys (subject_id, key_id, wrapped_key, master_key_version, created_at) values ($1, $2, $3, $4, $5)`,
      [subject, key?.keyId, key?.wrappedKey, key?.masterKeyVersion, key?.createdAt.toISOString()],
    );
    await bed.db.query(`delete from ${quoteIdent(bed.schemas.events)}.events where stream_id = $1`, [`data-subject-${subject}`]).catch(async () => {
      throw new Error(`could not remove the subject's stream from ${bed.schemas.events}; check the event table's name`);
    });
    expect(await bed.keys.find(subject)).toBeDefined();

    const target = { db: bed.db, eventStore: bed.eventStore, logger: createLogger({ service: 't', level: 'silent' }), keySchema: bed.schemas.keys, ledgerSchema: bed.schemas.ledger, auditSchema: bed.schemas.audit };
    const first = await reapplyErasureLedgerTo(target);
    expect(first.keysDeleted).toBeGreaterThanOrEqual(1);
    expect(first.eventsAppended).toBeGreaterThanOrEqual(1);
    expect(await bed.keys.find(subject)).toBeUndefined();
    expect((await erasedEvents(subject)).map((event) => event.data['certificateId'])).toEqual([certificate.certificateId]);
    const second = await reapplyErasureLedgerTo(target);
    expect(second).toMatchObject({ keysDeleted: 0, eventsAppended: 0 });
  });

  it('keeps a key the subject got after their erasure when the ledger is re-applied, and erases it anew on request', async () => {
    const subject = randomUUID();
    await bed.submitRequest(subject);
    const first = await bed.client.erase({ subjectId: subject }, { subject, roles: ['couple'] });
    await bed.submitRequest(subject);
    const newKey = await bed.keys.find(subject);
    const target = { db: bed.db, eventStore: bed.eventStore, logger: createLogger({ service: 't', level: 'silent' }), keySchema: bed.schemas.keys, ledgerSchema: bed.schemas.ledger, auditSchema: bed.schemas.audit };
    await reapplyErasureLedgerTo(target);
    expect((await bed.keys.find(subject))?.keyId).toBe(newKey?.keyId);
    const second = await bed.client.erase({ subjectId: subject }, { subject, roles: ['couple'] });
    expect(second.certificateId).not.toBe(first.certificateId);
    expect(await bed.keys.find(subject)).toBeUndefined();
  });
});
