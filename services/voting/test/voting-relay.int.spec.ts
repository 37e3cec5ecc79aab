import { frmEventsV1, loadEventSchemaRegistry } from '@frm/contracts';
import { VOTES_TOPIC, withTopics } from '@frm/messaging';
import { testKafka, TopicRecorder, type TestKafka } from '@frm/testing';
import { voteRoutes } from '../src';
import { startVotingTestBed, voter, type VotingTestBed } from './support/voting-test-bed';

describe('VotingService with Kafka (server modes)', () => {
  let kafka: TestKafka;
  let bed: VotingTestBed;
  let recorder: TopicRecorder;
  let topic: string;

  beforeAll(async () => {
    kafka = await testKafka();
    topic = await kafka.createTopic({ prefix: 'votes', partitions: 2 });
    bed = await startVotingTestBed({
      relay: { kafka: { brokers: kafka.brokers }, routes: withTopics(voteRoutes, { [VOTES_TOPIC]: topic }) },
    });
    recorder = await TopicRecorder.start(kafka, topic);
  });
  afterAll(async () => {
    await recorder?.stop();
    await bed?.close();
    await kafka?.cleanup();
  });

  it('publishes each vote event to frm.votes.v1, keyed by its feature request, as protobuf with CloudEvents headers', async () => {
    const requestId = await bed.submitRequest();
    const someone = voter();
    const vote = await bed.client.call('castVote', { featureRequestId: requestId }, someone);
    await bed.client.call('retractVote', { featureRequestId: requestId }, someone);
    const [cast, retracted] = await recorder.keyed(requestId, 2);
    expect(cast?.headers?.['ce_type']?.toString()).toBe(frmEventsV1.VoteCast.$type);
    expect(retracted?.headers?.['ce_type']?.toString()).toBe(frmEventsV1.VoteRetracted.$type);
    const decoded = loadEventSchemaRegistry().fromBinary(frmEventsV1.VoteCast.$type, cast?.value as Buffer);
    expect(decoded).toMatchObject({ voteId: vote.id, featureRequestId: requestId, voterId: someone.claims.subject, tallyEffect: { counted: '1' } });
    // Only keyed hashes of the client's address and device travel, never the raw values.
    expect(cast?.value?.toString('latin1')).not.toContain(someone.connection?.deviceFingerprint as string);
    expect(cast?.value?.toString('latin1')).not.toContain(someone.connection?.clientAddress as string);
  });
});
