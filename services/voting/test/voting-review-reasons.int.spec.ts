import { randomBytes, randomUUID } from 'node:crypto';
import { frmEventsV1, timestampFromDate, toEventJson } from '@frm/contracts';
import { eventIdFor, type JsonObject } from '@frm/event-store';
import { InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher } from '@frm/pii';
import { quoteIdent } from '@frm/postgres';
import { waitUntil } from '@frm/testing';
import { startVotingTestBed, voter, type VotingTestBed } from './support/voting-test-bed';

const MARKER = `ZQR${randomBytes(4).toString('hex')}`;

/**
 * A staff member's review reason is their own personal data: encrypted in the event store with
 * their key, readable in the service, and `[erased]` in the read model once they are erased.
 */
describe('voting encrypts review reasons and redacts them when the reviewer is erased', () => {
  let bed: VotingTestBed;
  const keys = new InMemorySubjectKeyStore();
  const cipher = new PiiCipher(keys, new LocalMasterKeys(randomBytes(32)));

  beforeAll(async () => {
    bed = await startVotingTestBed({ personalData: cipher });
  });
  afterAll(() => bed?.close());

  it('keeps the reason as ciphertext in the store, plaintext in the service, and redacts it on erasure', async () => {
    const requestId = await bed.submitRequest();
    const farm = Array.from({ length: 4 }, () => voter({ device: 'one-tablet-for-the-family', ageDays: 3 }));
    for (const puppet of farm) await bed.client.call('castVote', { featureRequestId: requestId }, puppet);
    const staff = voter({ roles: ['product'] });
    const flagged = await waitUntil('the puppets are flagged', async () => {
      const listed = await bed.client.call('listFlaggedVotes', { featureRequestId: requestId }, staff);
      return listed.flaggedVotes.length === 4 && listed.flaggedVotes;
    });
    const reason = `a family sharing one tablet, said ${MARKER}`;
    const reviewed = await bed.client.call('reviewVote', { voteId: flagged[0]?.vote?.id, decision: 'VOTE_REVIEW_DECISION_CLEAR' as never, reason }, staff);
    expect(reviewed.review).toMatchObject({ reviewerId: staff.claims.subject, reason });

    const schema = (suffix: string) => quoteIdent(`${bed.postgres.schema}_${suffix}`);
    const rawRows = await bed.postgres.db.query<{ data: string }>(`select data::text as data from ${schema('events')}.events where event_type = $1`, [frmEventsV1.VoteReviewed.$type]);
    expect(rawRows).toHaveLength(1);
    expect(rawRows[0]?.data).not.toContain(MARKER);
    expect(JSON.parse(rawRows[0]?.data ?? '{}').reason).toMatch(/^pii:v1:/);
    const reasonInReadModel = async () =>
      (await bed.postgres.db.query<{ review_reason: string }>(`select review_reason from ${schema('votes')}.votes where vote_id = $1`, [flagged[0]?.vote?.id]))[0]?.review_reason;
    await waitUntil('the read model holds the reason', async () => (await reasonInReadModel()) === reason);

    // What compliance does on erasure: the key goes, then SubjectErased is appended.
    await cipher.erase(staff.claims.subject);
    const subjectId = staff.claims.subject;
    await bed.eventStore.appendToStream(
      `data-subject-${subjectId}`,
      [
        {
          id: eventIdFor(randomUUID(), 0),
          type: frmEventsV1.SubjectErased.$type,
          data: toEventJson(frmEventsV1.SubjectErased, { ...frmEventsV1.SubjectErased.fromPartial({}), subjectId, occurredAt: timestampFromDate(new Date()) }) as JsonObject,
        },
      ],
      { expectedRevision: 'any' },
    );
    await waitUntil('the reason reads [erased]', async () => (await reasonInReadModel()) === '[erased]');
    const rows = await bed.postgres.db.query<{ row: string }>(`select t::text as row from ${schema('votes')}.votes t where t::text like $1`, [`%${MARKER}%`]);
    expect(rows).toEqual([]);
    // The decision stands: the cleared vote still counts.
    const tally = await bed.client.call('getTally', { featureRequestId: requestId }, voter());
    expect(tally).toMatchObject({ counted: '1', flagged: '3' });
  });
});
