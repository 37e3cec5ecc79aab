import { randomUUID } from 'node:crypto';
import { PostgresAuditLog, verifyAuditLog } from '@frm/audit';
import { frmEventsV1 } from '@frm/contracts';
import { quoteIdent } from '@frm/postgres';
import { waitUntil } from '@frm/testing';
import { startComplianceTestBed, type ComplianceTestBed, type Engine } from './support/compliance-test-bed';

describe.each<Engine>(['postgres', 'pglite'])('the audit trail of privileged acts on %s', (engine) => {
  let bed: ComplianceTestBed;

  beforeAll(async () => {
    bed = await startComplianceTestBed(engine);
  });

  afterAll(async () => {
    await bed?.close();
  });

  const entriesFor = async (eventIds: readonly string[]) =>
    bed.db.query<{ entry_id: string; action: string; actor_id: string; target_id: string; reason: string }>(
      `select entry_id::text as entry_id, action, actor_id, target_id, reason from ${quoteIdent(bed.schemas.audit)}.audit_entries where entry_id = any($1::uuid[]) order by sequence`,
      [eventIds],
    );

  it('records each status change, merge and vote review once, with the acting staff member, in an unbroken chain', async () => {
    const staff = randomUUID();
    const request = randomUUID();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const now = new Date().toISOString();
    await bed.eventStore.appendToStream(
      `feature-request-${request}`,
      [
        { id: ids[0] as string, type: frmEventsV1.FeatureRequestStatusChanged.$type, data: { featureRequestId: request, occurredAt: now, actorId: staff, fromStatus: 'FEATURE_REQUEST_STATUS_SUBMITTED', toStatus: 'FEATURE_REQUEST_STATUS_UNDER_REVIEW', reason: 'A reason with a name in it: Ada' } },
        { id: ids[1] as string, type: frmEventsV1.FeatureRequestMerged.$type, data: { featureRequestId: request, occurredAt: now, actorId: staff, targetFeatureRequestId: randomUUID(), fromStatus: 'FEATURE_REQUEST_STATUS_UNDER_REVIEW', reason: 'same' } },
      ],
      { expectedRevision: 'any' },
    );
    const voteId = randomUUID();
    await bed.eventStore.appendToStream(
      `vote-${request}-${randomUUID()}`,
      [{ id: ids[2] as string, type: frmEventsV1.VoteReviewed.$type, data: { voteId, occurredAt: now, featureRequestId: request, voterId: randomUUID(), reviewerId: staff, decision: 'VOTE_REVIEW_DECISION_CLEAR', reason: 'fine', tallyEffect: { counted: '1', weighted: 1 } } }],
      { expectedRevision: 'any' },
    );

    await waitUntil('the three acts are in the audit log', async () => (await entriesFor(ids)).length === 3);
    expect((await entriesFor(ids)).map((entry) => [entry.action, entry.actor_id, entry.target_id, entry.reason])).toEqual([
      ['status_change', staff, request, 'status changed to under_review'],
      ['merge', staff, request, 'merged into another request'],
      ['vote_review', staff, voteId, 'vote clear'],
    ]);
    expect(JSON.stringify(await entriesFor(ids))).not.toContain('Ada');
    const verdict = await verifyAuditLog(await PostgresAuditLog.attach(bed.db, { schema: bed.schemas.audit }));
    expect(verdict.ok).toBe(true);
  });
});
