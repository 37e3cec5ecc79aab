import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';
import { startComplianceTestBed, type ComplianceTestBed, type Engine } from './support/compliance-test-bed';

describe.each<Engine>(['postgres', 'pglite'])('export, consent and data requests on %s', (engine) => {
  let bed: ComplianceTestBed;
  const admin = { subject: randomUUID(), roles: ['admin'] as const };

  beforeAll(async () => {
    bed = await startComplianceTestBed(engine, { exportLimits: { bulkRecords: 5, bulkPerHour: 2 } });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it("exports the subject's requests, comments, votes, consents and audit entries, decrypted and watermarked, and nobody else's", async () => {
    const couple = { subject: randomUUID(), roles: ['couple'] as const };
    const other = randomUUID();
    const requestId = await bed.submitRequest(couple.subject);
    await bed.comment(requestId, couple.subject, 'We would love this');
    await bed.comment(requestId, other, 'Someone else wrote this');
    await bed.vote(requestId, couple.subject);
    await bed.client.call('recordConsent', { subjectId: '', purpose: 'CONSENT_PURPOSE_ANALYTICS', textVersion: '2026-01' }, couple);

    const chunks = await bed.client.export({ subjectId: couple.subject, requestId: randomUUID() }, couple);
    const records = chunks.flatMap((chunk) => chunk.records);
    const exportId = chunks[0]?.exportId;
    expect(chunks.every((chunk) => chunk.exportId === exportId && chunk.subjectId === couple.subject)).toBe(true);
    expect(records.map((record) => record.table).sort()).toEqual(['comments', 'consents', 'feature_requests', 'votes']);
    const rows = records.map((record) => JSON.parse(record.json) as Record<string, unknown>);
    expect(rows.every((row) => row['watermark'] === exportId)).toBe(true);
    expect(rows.find((row) => row['eventType'] === 'frm.events.v1.FeatureRequestSubmitted')?.['title']).toBe('Guest photo uploads');
    expect(rows.find((row) => row['eventType'] === 'frm.events.v1.FeatureRequestCommentAdded')?.['body']).toBe('We would love this');
    expect(JSON.stringify(rows)).not.toContain('Someone else wrote this');
    expect(chunks.at(-1)?.summary).toMatchObject({ recordCount: 4 });

    const again = await bed.client.export({ subjectId: couple.subject }, couple);
    expect(again.flatMap((chunk) => chunk.records).map((record) => record.table)).toContain('audit_entries');
  });

  it("refuses another person's export without admin: PERMISSION_DENIED", async () => {
    const subject = randomUUID();
    await bed.submitRequest(subject);
    const denied = await bed.client.failure(bed.client.export({ subjectId: subject }, { subject: randomUUID(), roles: ['product'] }));
    expect(denied.code).toBe(status.PERMISSION_DENIED);
  });

  it('holds bulk exports to admins with a reason, a few per hour', async () => {
    const subject = randomUUID();
    await bed.submitRequest(subject);
    const noReason = await bed.client.failure(bed.client.export({ subjectId: subject }, admin));
    expect(noReason.code).toBe(status.INVALID_ARGUMENT);
    expect(noReason.details).toMatch(/^reason: is required for a bulk export/);
    for (let i = 0; i < 2; i++) expect((await bed.client.export({ subjectId: subject, reason: 'court order 42' }, admin)).length).toBeGreaterThan(0);
    const limited = await bed.client.failure(bed.client.export({ subjectId: subject, reason: 'court order 42' }, admin));
    expect(limited.code).toBe(status.RESOURCE_EXHAUSTED);

    const busy = { subject: randomUUID(), roles: ['supplier'] as const };
    const requestId = await bed.submitRequest(busy.subject);
    for (let i = 0; i < 5; i++) await bed.comment(requestId, busy.subject, `comment ${i}`);
    const tooMany = await bed.client.failure(bed.client.export({ subjectId: busy.subject }, busy));
    expect(tooMany.code).toBe(status.PERMISSION_DENIED);
    expect(tooMany.details).toMatch(/more than 5 records/);
  });

  it('records and withdraws consents per purpose, idempotently, and lists them all', async () => {
    const person = { subject: randomUUID(), roles: ['couple'] as const };
    const requestId = randomUUID();
    const recorded = await bed.client.call('recordConsent', { requestId, purpose: 'CONSENT_PURPOSE_DO_NOT_SELL_OR_SHARE', textVersion: 'ccpa-1' }, person);
    expect(recorded).toMatchObject({ subjectId: person.subject, purpose: 'CONSENT_PURPOSE_DO_NOT_SELL_OR_SHARE', granted: true, textVersion: 'ccpa-1' });
    await bed.client.call('recordConsent', { requestId, purpose: 'CONSENT_PURPOSE_DO_NOT_SELL_OR_SHARE', textVersion: 'ccpa-1' }, person);
    await bed.client.call('recordConsent', { purpose: 'CONSENT_PURPOSE_MARKETING_EMAIL', textVersion: 'v2' }, person);
    await bed.client.call('withdrawConsent', { purpose: 'CONSENT_PURPOSE_MARKETING_EMAIL' }, person);
    const listed = await bed.client.call<{ consents: { purpose: string; granted: boolean; textVersion: string }[] }>('listConsents', {}, person);
    expect(listed.consents.map(({ purpose, granted, textVersion }) => ({ purpose, granted, textVersion }))).toEqual([
      { purpose: 'CONSENT_PURPOSE_PRODUCT_UPDATES', granted: false, textVersion: '' },
      { purpose: 'CONSENT_PURPOSE_MARKETING_EMAIL', granted: false, textVersion: 'v2' },
      { purpose: 'CONSENT_PURPOSE_ANALYTICS', granted: false, textVersion: '' },
      { purpose: 'CONSENT_PURPOSE_DO_NOT_SELL_OR_SHARE', granted: true, textVersion: 'ccpa-1' },
    ]);
    expect((await bed.eventStore.readStream(`data-subject-${person.subject}`)).length).toBe(3);
  });

  it('refuses bad consent input naming the field, and writes nothing', async () => {
    const person = { subject: randomUUID(), roles: ['couple'] as const };
    const invalid = await bed.client.failure(bed.client.call('recordConsent', { purpose: 'CONSENT_PURPOSE_UNSPECIFIED', textVersion: '' }, person));
    expect(invalid.code).toBe(status.INVALID_ARGUMENT);
    expect(invalid.details).toMatch(/purpose: must be one of.*text_version: must name the version/);
    const denied = await bed.client.failure(bed.client.call('listConsents', { subjectId: randomUUID() }, person));
    expect(denied.code).toBe(status.PERMISSION_DENIED);
    expect(await bed.eventStore.readStream(`data-subject-${person.subject}`)).toEqual([]);
  });

  it('lists erasure and export requests with their legal deadlines: own for people, all for admins', async () => {
    const person = { subject: randomUUID(), roles: ['couple'] as const };
    await bed.submitRequest(person.subject);
    await bed.client.export({ subjectId: person.subject }, person);
    await bed.client.erase({ subjectId: person.subject, regime: frmV1.PrivacyRegime.PRIVACY_REGIME_CCPA }, person);
    type Listed = { dataRequests: { kind: string; status: string; regime: string; subjectId: string; requestTime: { seconds: string }; deadlineTime: { seconds: string } }[] };
    const own = await bed.client.call<Listed>('listDataRequests', {}, person);
    expect(own.dataRequests.map((request) => [request.kind, request.regime, request.status])).toEqual([
      ['DATA_REQUEST_KIND_ERASURE', 'PRIVACY_REGIME_CCPA', 'DATA_REQUEST_STATUS_COMPLETED'],
      ['DATA_REQUEST_KIND_EXPORT', 'PRIVACY_REGIME_GDPR', 'DATA_REQUEST_STATUS_COMPLETED'],
    ]);
    const days = (request: Listed['dataRequests'][number]) => (Number(request.deadlineTime.seconds) - Number(request.requestTime.seconds)) / 86_400;
    expect(own.dataRequests.map(days)).toEqual([45, 30]);
    const all = await bed.client.call<Listed>('listDataRequests', { pageSize: 500 }, admin);
    expect(new Set(all.dataRequests.map((request) => request.subjectId)).size).toBeGreaterThan(1);
    const denied = await bed.client.failure(bed.client.call('listDataRequests', { subjectId: randomUUID() }, person));
    expect(denied.code).toBe(status.PERMISSION_DENIED);
  });
});
