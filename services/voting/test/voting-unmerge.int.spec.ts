import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { status } from '@grpc/grpc-js';
import { waitUntil } from '@frm/testing';
import { castVoteCommand } from './support/vote-commands';
import { startVotingTestBed, voter, type VotingTestBed } from './support/voting-test-bed';
import type { Voter } from './support/voting-client';
import { mergeMoveIds } from '../src/processors/merge-move-ids';
import { VoteRepository } from '../src/votes/commands/vote.repository';
import { voteStreamId } from '../src/votes/domain';

/**
 * A model of who supports what, written from the rules alone: a merge moves the source's
 * supporters to the target (one support per voter); undoing it moves back each supporter that came
 * by it and is still there, and gives back the source's support of a voter who had supported both.
 */
class SupportModel {
  readonly supporters = new Map<string, Set<string>>();
  readonly mergedInto = new Map<string, string>();
  private readonly moves = new Map<string, { arrived: Set<string>; dropped: Set<string> }>();

  constructor(requests: readonly string[]) {
    for (const request of requests) this.supporters.set(request, new Set());
  }

  private of(request: string): Set<string> {
    return this.supporters.get(request) as Set<string>;
  }

  canVote(request: string): boolean {
    return !this.mergedInto.has(request);
  }

  cast(request: string, voterId: string): 'counted' | 'already' {
    if (this.of(request).has(voterId)) return 'already';
    this.of(request).add(voterId);
    return 'counted';
  }

  retract(request: string, voterId: string): 'retracted' | 'none' {
    if (!this.of(request).delete(voterId)) return 'none';
    for (const [source, move] of this.moves) if (this.mergedInto.get(source) === request) move.arrived.delete(voterId);
    return 'retracted';
  }

  canMerge(source: string, target: string): boolean {
    return source !== target && !this.mergedInto.has(source) && !this.mergedInto.has(target);
  }

  merge(source: string, target: string): void {
    const arrived = new Set<string>();
    const dropped = new Set<string>();
    for (const voterId of this.of(source)) {
      if (this.of(target).has(voterId)) dropped.add(voterId);
      else arrived.add(voterId);
      this.of(target).add(voterId);
    }
    this.of(source).clear();
    this.mergedInto.set(source, target);
    this.moves.set(source, { arrived, dropped });
  }

  canUnmerge(source: string): boolean {
    const target = this.mergedInto.get(source);
    return target !== undefined && !this.mergedInto.has(target);
  }

  unmerge(source: string): void {
    const target = this.mergedInto.get(source) as string;
    const move = this.moves.get(source) as { arrived: Set<string>; dropped: Set<string> };
    // A supporter withdrawn at the target (or further on, after the target's own merge was undone) stays withdrawn.
    for (const voterId of move.arrived) {
      if (!this.of(target).delete(voterId)) continue;
      this.of(source).add(voterId);
    }
    for (const voterId of move.dropped) this.of(source).add(voterId);
    this.mergedInto.delete(source);
    this.moves.delete(source);
  }
}

type Step =
  | { kind: 'cast'; request: number; voter: number }
  | { kind: 'retract'; request: number; voter: number }
  // A choice among the merges (unmerges) allowed at that moment, so that most steps do something.
  | { kind: 'merge'; pick: number }
  | { kind: 'unmerge'; pick: number };

const REQUESTS = 3;
const VOTERS = 4;
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('cast' as const), request: fc.nat(REQUESTS - 1), voter: fc.nat(VOTERS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), request: fc.nat(REQUESTS - 1), voter: fc.nat(VOTERS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge' as const), pick: fc.nat(100) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unmerge' as const), pick: fc.nat(100) }) },
);

/**
 * Found by the property: R1 merged into R2 and unmerged with no votes, then a vote on R1, then R2
 * merged into R1 and unmerged. The merge mover, a step behind, moved the later vote with the first
 * merge, and the unmerge after it did not yet see that move, so the vote stayed at R2.
 */
const LATE_MERGE_MOVES_A_LATER_VOTE: Step[] = [
  { kind: 'cast', request: 2, voter: 1 },
  { kind: 'merge', pick: 12 },
  { kind: 'merge', pick: 52 },
  { kind: 'unmerge', pick: 38 },
  { kind: 'cast', request: 1, voter: 0 },
  { kind: 'merge', pick: 65 },
  { kind: 'unmerge', pick: 17 },
];

describe('undoing a merge on Postgres', () => {
  let bed: VotingTestBed;

  beforeAll(async () => {
    bed = await startVotingTestBed({ velocityLimits: { perVoterPerMinute: 10_000 } });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const cast = (featureRequestId: string, as: Voter) => bed.client.call('castVote', { featureRequestId }, as);
  const tallyOf = (featureRequestId: string) => bed.client.call('getTally', { featureRequestId }, voter());
  const tallies = (requests: readonly string[]) => Promise.all(requests.map(async (request) => ({ request, ...(await tallyOf(request)) })));

  /** Voting keeps a request's status for a moment: a request just unmerged may refuse a vote briefly. */
  async function castOnceOpen(featureRequestId: string, as: Voter): Promise<void> {
    await waitUntil(`a vote for ${featureRequestId} is taken`, async () => {
      try {
        await cast(featureRequestId, as);
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === status.FAILED_PRECONDITION) return false;
        throw error;
      }
    });
  }

  /** The refusal of a second vote, once the request reads as open again (see castOnceOpen). */
  async function refusalOnceOpen(featureRequestId: string, as: Voter): Promise<number | undefined> {
    let code: number | undefined;
    await waitUntil(`a second vote for ${featureRequestId} is judged on its own`, async () => {
      code = (await bed.client.failure('castVote', { featureRequestId }, as)).code;
      return code !== status.FAILED_PRECONDITION;
    });
    return code;
  }

  async function talliesBecome(expected: ReadonlyMap<string, number>): Promise<void> {
    await waitUntil(`the tallies become ${JSON.stringify([...expected.values()])}`, async () => {
      const now = await tallies([...expected.keys()]);
      return now.every((tally) => Number(tally.counted) === expected.get(tally.request) && tally.weighted === expected.get(tally.request));
    });
  }

  it('moves every vote back: both tallies are what they were before the merge, and a voter of both keeps both', async () => {
    const source = await bed.submitRequest();
    const target = await bed.submitRequest();
    const [onlySource, both, onlyTarget, laterRetracts] = [voter(), voter(), voter(), voter()];
    const inAuckland = { ...onlySource, claims: { ...onlySource.claims, timeZone: 'Pacific/Auckland' } };
    await cast(source, inAuckland);
    await cast(source, both);
    await cast(source, laterRetracts);
    await cast(target, both);
    await cast(target, onlyTarget);
    await talliesBecome(new Map([[source, 3], [target, 2]]));
    const before = await tallies([source, target]);

    await bed.merge(source, target);
    await talliesBecome(new Map([[source, 0], [target, 4]]));
    // The voter's time zone (the token's tz) travels with the vote, also when a merge moves it.
    const casts = (await bed.eventsOf(`vote-${target}-${onlySource.claims.subject}`)).filter((event) => event.type === 'frm.events.v1.VoteCast');
    expect(casts.map((event) => event.data['voterTimeZone'])).toEqual(['Pacific/Auckland']);
    await bed.unmerge(source, target);
    await talliesBecome(new Map([[source, 3], [target, 2]]));
    expect(await tallies([source, target])).toEqual(before);
    // Each voter's vote is where it was: the voter of both can retract each once.
    await bed.client.call('retractVote', { featureRequestId: source }, both);
    await bed.client.call('retractVote', { featureRequestId: target }, both);
    expect((await bed.client.failure('retractVote', { featureRequestId: target }, onlySource)).code).toBe(status.NOT_FOUND);
    await talliesBecome(new Map([[source, 2], [target, 1]]));

    // A voter who withdrew the moved vote at the target meanwhile stays withdrawn, and may vote again.
    await bed.merge(source, target);
    await talliesBecome(new Map([[source, 0], [target, 3]]));
    await bed.client.call('retractVote', { featureRequestId: target }, laterRetracts);
    await talliesBecome(new Map([[source, 0], [target, 2]]));
    await bed.unmerge(source, target);
    await talliesBecome(new Map([[source, 1], [target, 1]]));
    await castOnceOpen(source, laterRetracts);
    await talliesBecome(new Map([[source, 2], [target, 1]]));
  });

  it('finishes a merge whose mover stopped between moving a vote away and its arrival: the vote is not lost', async () => {
    const source = await bed.submitRequest();
    const target = await bed.submitRequest();
    const [plain, retracting] = [voter(), voter()];
    const plainVote = await cast(source, plain);
    const retractedVote = await cast(source, retracting);
    await talliesBecome(new Map([[source, 2], [target, 0]]));

    await bed.restart(async () => {
      // What the mover leaves when it dies mid-merge: the merge, and the first vote moved away from the
      // source but not yet arrived at the target. The second voter retracts before the mover comes back.
      const mergeEventId = await bed.merge(source, target);
      const votes = new VoteRepository(bed.eventStore);
      await votes.execute(voteStreamId(source, plain.claims.subject), mergeMoveIds.move(mergeEventId, plainVote.id), 'merge', {
        kind: 'MoveVote',
        at: new Date(),
        sourceVoteId: plainVote.id,
        targetFeatureRequestId: target,
        targetVoteId: mergeMoveIds.targetVote(mergeEventId, plainVote.id, target),
        targetAlreadyVoted: false,
      });
      await votes.execute(voteStreamId(source, retracting.claims.subject), `retract-${retractedVote.id}`, retracting.claims.subject, {
        kind: 'RetractVote',
        featureRequestId: source,
        at: new Date(),
      });
    });

    await talliesBecome(new Map([[source, 0], [target, 1]]));
    const arrivals = (await bed.eventsOf(`vote-${target}-`)).filter((event) => event.type === 'frm.events.v1.VoteCast');
    expect(arrivals.map((event) => event.data['voterId'])).toEqual([plain.claims.subject]);
  });

  it('moves on a vote accepted on a request just merged (its status read a moment late)', async () => {
    const source = await bed.submitRequest();
    const target = await bed.submitRequest();
    const early = voter();
    await cast(source, early);
    await talliesBecome(new Map([[source, 1], [target, 0]]));
    await bed.merge(source, target);
    await talliesBecome(new Map([[source, 0], [target, 1]]));

    // What the cast handler appends when its cached status still says the source is open.
    const late = voter();
    await new VoteRepository(bed.eventStore).execute(voteStreamId(source, late.claims.subject), randomUUID(), late.claims.subject, castVoteCommand(source, late.claims.subject));
    await talliesBecome(new Map([[source, 0], [target, 2]]));

    // Undone, the merge sends it back with the rest.
    await bed.unmerge(source, target);
    await talliesBecome(new Map([[source, 2], [target, 0]]));
  });

  it('leaves alone a vote cast after the merge was undone, however late the merge is handled', async () => {
    const source = await bed.submitRequest();
    const target = await bed.submitRequest();
    const later = voter();
    // The mover is down while the request is merged, unmerged and voted on: when it comes back, the
    // merge is handled with that vote already in the read model (found by the property below, where
    // the voter's retraction a moment later answered NOT_FOUND: the vote had gone to the target).
    await bed.restart(async () => {
      await bed.merge(source, target);
      await bed.unmerge(source, target);
      await new VoteRepository(bed.eventStore).execute(voteStreamId(source, later.claims.subject), randomUUID(), later.claims.subject, castVoteCommand(source, later.claims.subject));
    });
    // A merge after those, with a vote of its own: once that vote has arrived, the mover has handled all of the above.
    const marker = await bed.submitRequest();
    await cast(marker, voter());
    await talliesBecome(new Map([[marker, 1]]));
    await bed.merge(marker, target);
    await talliesBecome(new Map([[source, 1], [target, 1], [marker, 0]]));

    const types = (await bed.eventsOf(`vote-${source}-${later.claims.subject}`)).map((event) => event.type);
    expect(types).toEqual(['frm.events.v1.VoteCast']);
    await bed.client.call('retractVote', { featureRequestId: source }, later);
    await talliesBecome(new Map([[source, 0], [target, 1]]));
  });

  it('does not pass a vote back and forth between two requests merged into each other at the same moment', async () => {
    const a = await bed.submitRequest();
    const b = await bed.submitRequest();
    await cast(a, voter());
    await talliesBecome(new Map([[a, 1], [b, 0]]));
    // Intake refuses a merge into a merged request, but two merges of each other can pass that check together.
    await bed.merge(a, b);
    await bed.merge(b, a);
    const casts = async () => (await Promise.all([a, b].map((request) => bed.eventsOf(`vote-${request}-`)))).flat().filter((event) => event.type === 'frm.events.v1.VoteCast').length;
    await waitUntil('the merge mover has settled', async () => {
      const before = await casts();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return (await casts()) === before;
    });
    expect(await casts()).toBeLessThanOrEqual(3);
    const counted = (await tallies([a, b])).reduce((sum, tally) => sum + Number(tally.counted), 0);
    expect(counted).toBe(1);
  });

  it('keeps tallies equal to the rules over random votes, merges and unmerges (a property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 6, maxLength: 20 }), async (steps) => {
        const requests = await Promise.all(Array.from({ length: REQUESTS }, () => bed.submitRequest()));
        const voters = Array.from({ length: VOTERS }, () => voter());
        const model = new SupportModel(requests);
        const expected = () => new Map(requests.map((request) => [request, model.supporters.get(request)?.size ?? 0]));
        for (const step of steps) {
          if (step.kind === 'cast') {
            const request = requests[step.request] as string;
            if (!model.canVote(request)) continue;
            const as = voters[step.voter] as Voter;
            const outcome = model.cast(request, as.claims.subject);
            if (outcome === 'counted') await castOnceOpen(request, as);
            else expect(await refusalOnceOpen(request, as)).toBe(status.ALREADY_EXISTS);
          } else if (step.kind === 'retract') {
            const request = requests[step.request] as string;
            const as = voters[step.voter] as Voter;
            if (model.retract(request, as.claims.subject) === 'retracted') await bed.client.call('retractVote', { featureRequestId: request }, as);
            else expect((await bed.client.failure('retractVote', { featureRequestId: request }, as)).code).toBe(status.NOT_FOUND);
          } else if (step.kind === 'merge') {
            const allowed = requests.flatMap((source) => requests.filter((target) => model.canMerge(source, target)).map((target) => [source, target] as const));
            const [source, target] = allowed[step.pick % Math.max(allowed.length, 1)] ?? [];
            if (!source || !target) continue;
            model.merge(source, target);
            await bed.merge(source, target);
          } else {
            const allowed = requests.filter((source) => model.canUnmerge(source));
            const source = allowed[step.pick % Math.max(allowed.length, 1)];
            if (!source) continue;
            const target = model.mergedInto.get(source) as string;
            model.unmerge(source);
            await bed.unmerge(source, target);
          }
          // Each step settles before the next, as a person's next click would follow what they see.
          await talliesBecome(expected());
        }
      }),
      // A failing run waits out talliesBecome (20 s) at every shrink: stopping at 200 s reports the
      // counterexample found so far, where jest's own timeout would report only that time ran out.
      { numRuns: 40, examples: [[LATE_MERGE_MOVES_A_LATER_VOTE]], interruptAfterTimeLimit: 200_000, markInterruptAsFailure: true },
    );
  }, 300_000);
});
