import { randomBytes, randomUUID } from 'node:crypto';
import { frmEventsV1, frmV1 } from '@frm/contracts';
import { openPostgresEventStore, type EventStore } from '@frm/event-store';
import { InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher, withPiiProtection } from '@frm/pii';
import { ProjectionRebuilder } from '@frm/projections';
import { testPostgres, waitUntil, type TestPostgres } from '@frm/testing';
import { INTAKE_PERSONAL_FIELDS } from '../src/feature-requests/event-codec/personal-fields';
import { featureRequestsProjection } from '../src/feature-requests/read-model/feature-requests.projection';
import { couple, productManager, startIntakeTestBed, type IntakeTestBed } from './support/intake-test-bed';

const MARKER = `MARKER${randomBytes(4).toString('hex')}`;

/**
 * What a person writes is stored encrypted with their key: the events hold ciphertext, the read
 * model plaintext; once the key is erased and SubjectErased is appended, the read model reads
 * [erased] and a rebuild from the events gives the same.
 */
describe('intake with personal data encrypted (server Postgres)', () => {
  let server: TestPostgres;
  let bed: IntakeTestBed;
  let raw: EventStore;
  let cipher: PiiCipher;
  let schemas: { events: string; readModel: string };

  beforeAll(async () => {
    server = await testPostgres({ prefix: 'intake_pii' });
    schemas = { events: `${server.schema}_events`, readModel: `${server.schema}_read_model` };
    cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(randomBytes(32)));
    bed = await startIntakeTestBed(server.db, { personalData: cipher, eventStoreSchema: schemas.events, readModelSchema: schemas.readModel });
    raw = await openPostgresEventStore(server.db, { schema: schemas.events });
  });
  afterAll(async () => {
    await raw?.close();
    await bed?.close();
    for (const schema of Object.values(schemas ?? {})) await server?.db.exec(`drop schema if exists ${schema} cascade`);
    await server?.cleanup();
  });

  const rowsAsText = async (table: string) =>
    (await server.db.query<{ row: string }>(`select t::text as row from ${schemas.readModel}.${table} t`)).map((r) => r.row).join('\n');

  it('keeps ciphertext in the events and plaintext in the read model, then redacts after erasure and rebuilds the same', async () => {
    const author = couple();
    const commenter = couple();
    const staff = productManager();
    const request = await bed.client.call('submitFeatureRequest', { title: `Seating ${MARKER}`, description: `Print ${MARKER}`, category: 'guest-management' }, author);
    await bed.client.call('addComment', { featureRequestId: request.id, body: `Me too ${MARKER}` }, commenter);
    await bed.client.call('changeStatus', { featureRequestId: request.id, status: frmV1.FeatureRequestStatus.FEATURE_REQUEST_STATUS_UNDER_REVIEW, reason: `Looking ${MARKER}` }, staff);

    const stored = JSON.stringify((await bed.allEvents()).map((event) => event.data));
    expect(stored).not.toContain(MARKER);
    expect(stored).toContain('pii:v1:');
    await waitUntil('the read model has the comment', async () => (await rowsAsText('comments')).includes(MARKER));
    expect(await bed.client.call('getFeatureRequest', { featureRequestId: request.id }, author)).toMatchObject({ title: `Seating ${MARKER}`, statusReason: `Looking ${MARKER}` });
    expect((await bed.client.call('listFeatureRequests', { query: MARKER }, author)).featureRequests.map((r) => r.id)).toEqual([request.id]);

    await cipher.erase(author.subject);
    await raw.appendToStream(
      `data-subject-${author.subject}`,
      [{ id: randomUUID(), type: frmEventsV1.SubjectErased.$type, data: { subjectId: author.subject, occurredAt: new Date().toISOString(), certificateId: randomUUID(), keyId: 'k' } }],
      { expectedRevision: 'any' },
    );
    await waitUntil('the request reads [erased]', async () => (await bed.client.call('getFeatureRequest', { featureRequestId: request.id }, author)).title === '[erased]');
    const after = await bed.client.call('getFeatureRequest', { featureRequestId: request.id }, author);
    expect(after).toMatchObject({ title: '[erased]', description: '[erased]', statusReason: `Looking ${MARKER}`, commentCount: '1', authorId: author.subject });
    expect((await bed.client.call('listFeatureRequests', { query: MARKER }, author)).featureRequests).toEqual([]);
    // The commenter and the staff member were not erased: their words stay.
    expect(await rowsAsText('comments')).toContain(`Me too ${MARKER}`);

    const rebuilder = new ProjectionRebuilder({
      projection: featureRequestsProjection,
      eventStore: withPiiProtection(raw, cipher, INTAKE_PERSONAL_FIELDS),
      db: server.db,
      schema: schemas.readModel,
    });
    const report = await rebuilder.verify();
    expect(report.differences).toEqual([]);
    expect(report.matches).toBe(true);
  });

  it('redacts a staff member\'s reasons when that staff member is erased', async () => {
    const staff = productManager();
    const request = await bed.client.call('submitFeatureRequest', { title: 'Guest list import', category: 'guest-management' }, couple());
    await bed.client.call('changeStatus', { featureRequestId: request.id, status: frmV1.FeatureRequestStatus.FEATURE_REQUEST_STATUS_DECLINED, reason: `Out of scope ${MARKER}` }, staff);
    await cipher.erase(staff.subject);
    await raw.appendToStream(
      `data-subject-${staff.subject}`,
      [{ id: randomUUID(), type: frmEventsV1.SubjectErased.$type, data: { subjectId: staff.subject, occurredAt: new Date().toISOString(), certificateId: randomUUID(), keyId: 'k' } }],
      { expectedRevision: 'any' },
    );
    await waitUntil('the reason reads [erased]', async () => (await bed.client.call('getFeatureRequest', { featureRequestId: request.id }, couple())).statusReason === '[erased]');
    expect((await bed.client.call('getFeatureRequest', { featureRequestId: request.id }, couple())).title).toBe('Guest list import');
  });
});
