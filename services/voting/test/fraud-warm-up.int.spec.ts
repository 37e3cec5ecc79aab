import { randomUUID } from 'node:crypto';
import { ProjectionRunner } from '@frm/projections';
import { waitUntil } from '@frm/testing';
import { mergeMoveIds } from '../src/processors/merge-move-ids';
import { VoteRepository } from '../src/votes/commands/vote.repository';
import { voteStreamId } from '../src/votes/domain';
import { votesProjection } from '../src/votes/read-model/votes.projection';
import { castVoteCommand } from './support/vote-commands';
import { startVotingTestBed, voter, type VotingTestBed } from './support/voting-test-bed';

interface FarmVote {
  readonly voterId: string;
  readonly voteId: string;
}

describe('fraud detection after a restart', () => {
  let bed: VotingTestBed;

  beforeAll(async () => {
    bed = await startVotingTestBed();
  });
  afterAll(async () => {
    await bed?.close();
  });

  const reader = voter();
  const tallyOf = (featureRequestId: string) => bed.client.call('getTally', { featureRequestId }, reader);
  const heldBack = (featureRequestId: string, what: string) =>
    waitUntil(what, async () => {
      const tally = await tallyOf(featureRequestId);
      return tally.counted === '0' && tally.flagged === '4';
    });

  /** Four accounts voting from one device, appended as the cast handler would. */
  async function castFarm(votes: VoteRepository, requestId: string, deviceHash: string, accountCreatedAt: Date): Promise<FarmVote[]> {
    const farm = Array.from({ length: 4 }, () => ({ voterId: randomUUID(), voteId: randomUUID() }));
    for (const { voterId, voteId } of farm) {
      const signals = { ipHash: `ip-${voterId}`, networkHash: `net-${voterId}`, deviceHash, userAgentHash: 'ua' };
      await votes.execute(voteStreamId(requestId, voterId), randomUUID(), voterId, castVoteCommand(requestId, voterId, { voteId, signals, voterAccountCreatedAt: accountCreatedAt }));
    }
    return farm;
  }

  /** Merges the source and does the merge mover's work for the farm: each vote moved away, and with `deliver` arrived. */
  async function mergeFarm(votes: VoteRepository, farm: readonly FarmVote[], source: string, target: string, deliver: boolean): Promise<void> {
    const mergeEventId = await bed.merge(source, target);
    for (const { voterId, voteId } of farm) {
      const targetVoteId = mergeMoveIds.targetVote(mergeEventId, voteId, target);
      await votes.execute(voteStreamId(source, voterId), mergeMoveIds.move(mergeEventId, voteId), 'merge', { kind: 'MoveVote', at: new Date(), sourceVoteId: voteId, targetFeatureRequestId: target, targetVoteId, targetAlreadyVoted: false });
      if (!deliver) continue;
      const [cast] = (await votes.readEvents(voteStreamId(source, voterId))).filter((event) => event.type === 'VoteCast');
      if (cast?.type !== 'VoteCast') throw new Error('the farm vote was not cast');
      const { weight, signals, voterSupplierType, voterAccountCreatedAt, featureRequestAuthorId, voterTimeZone } = cast;
      await votes.execute(voteStreamId(target, voterId), mergeMoveIds.arrive(mergeEventId, voteId), 'merge', {
        kind: 'ReceiveMovedVote',
        at: new Date(),
        movedFromVoteId: voteId,
        flaggedEvidence: [],
        cast: { voteId: targetVoteId, featureRequestId: target, voterId, weight, signals, voterSupplierType, voterAccountCreatedAt, featureRequestAuthorId, voterTimeZone },
      });
    }
  }

  it('judges the votes its window was warmed with when the processor hands them over: a farm cast while it was down is flagged', async () => {
    const requestId = await bed.submitRequest();
    await waitUntil('voting knows the request', async () => (await tallyOf(requestId)).featureRequestId === requestId);

    // Votes that reached the event store and the read model, but not the detector, before the
    // process died: on start the detector's window is warmed with them while its checkpoint is behind.
    await bed.restart(async () => {
      await castFarm(new VoteRepository(bed.eventStore), requestId, 'one-phone-many-accounts', new Date(Date.now() - 3 * 86_400_000));
      const readModel = new ProjectionRunner({ projection: votesProjection, eventStore: bed.eventStore, db: bed.postgres.db, schema: `${bed.postgres.schema}_votes` });
      await readModel.start();
      const head = await bed.eventStore.headPosition();
      expect(head && (await readModel.waitUntilApplied(head, 20_000))).toBe(true);
      await readModel.stop();
    });

    await heldBack(requestId, 'the four votes from one device are held back');
  });

  it('flags the vote a merge carried on when the merge moved it before the detector saw it', async () => {
    const source = await bed.submitRequest();
    const target = await bed.submitRequest();
    await waitUntil('voting knows both requests', async () => (await tallyOf(target)).featureRequestId === target);

    // While the service was down: a farm voted for the source, the source was merged, and the merge
    // mover's work reached the event store (as when the detector runs behind the mover).
    await bed.restart(async () => {
      const votes = new VoteRepository(bed.eventStore);
      // Old accounts: the device alone makes them a farm, nothing about the votes at the target does.
      const farm = await castFarm(votes, source, 'one-tablet-many-accounts', new Date(Date.now() - 400 * 86_400_000));
      await mergeFarm(votes, farm, source, target, true);
    });

    await heldBack(target, 'the four votes carried on to the target are held back there');
  });

  it('flags a farm vote the merge mover has moved away but not yet delivered: the flag waits for the arrival', async () => {
    const source = await bed.submitRequest();
    const target = await bed.submitRequest();
    await waitUntil('voting knows both requests', async () => (await tallyOf(target)).featureRequestId === target);

    // While the service was down: a farm voted, the source was merged, and the mover had moved each
    // vote away when it stopped, before any arrival. On start the detector and the mover both resume.
    await bed.restart(async () => {
      const votes = new VoteRepository(bed.eventStore);
      const farm = await castFarm(votes, source, 'one-laptop-many-accounts', new Date(Date.now() - 400 * 86_400_000));
      await mergeFarm(votes, farm, source, target, false);
    });

    await heldBack(target, 'the four votes that arrived at the target are held back there');
  });
});
