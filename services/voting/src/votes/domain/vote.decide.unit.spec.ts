import { AlreadyExistsError, FailedPreconditionError, NotFoundError } from '@frm/grpc-errors';
import { contributionOf, INITIAL_VOTE_STATE, type FraudEvidence, type TallyEffect, type VoteState } from './vote';
import type { CastVote, VoteCommand } from './vote.commands';
import { decide } from './vote.decide';
import type { VoteEvent } from './vote.events';
import { evolveAll } from './vote.evolve';

const at = new Date('2026-06-01T10:00:00Z');
const cast: CastVote = {
  kind: 'CastVote',
  voteId: 'b1f0c3a2-0000-4000-8000-000000000001',
  featureRequestId: 'f0000000-0000-4000-8000-000000000001',
  voterId: 'a0000000-0000-4000-8000-000000000001',
  at,
  weight: 0.5,
  signals: { ipHash: 'ip', networkHash: 'net', deviceHash: 'dev', userAgentHash: 'ua' },
  voterSupplierType: '',
  voterAccountCreatedAt: undefined,
  featureRequestAuthorId: 'a0000000-0000-4000-8000-00000000000a',
  voterTimeZone: 'Pacific/Auckland',
};
const device: FraudEvidence = { kind: 'shared_device', score: 0.9, explanation: '4 accounts on one device', relatedVoteIds: [] };
const ring: FraudEvidence = { kind: 'vote_ring', score: 0.8, explanation: 'ring', relatedVoteIds: [] };

/** Runs commands in order, as the repository would, and returns every event appended. */
function run(...commands: VoteCommand[]): { events: VoteEvent[]; state: VoteState } {
  const events: VoteEvent[] = [];
  let state = INITIAL_VOTE_STATE;
  for (const command of commands) {
    const appended = decide(command, state);
    events.push(...appended);
    state = evolveAll(appended, state);
  }
  return { events, state };
}

function total(events: VoteEvent[]): TallyEffect {
  return events.reduce(
    (sum, event) => ({ counted: sum.counted + event.tallyEffect.counted, flagged: sum.flagged + event.tallyEffect.flagged, weighted: sum.weighted + event.tallyEffect.weighted }),
    { counted: 0, flagged: 0, weighted: 0 },
  );
}

describe('vote decide', () => {
  it('casts a vote that counts with its weight', () => {
    const { events, state } = run(cast);
    expect(events.map((event) => event.type)).toEqual(['VoteCast']);
    expect(events[0]?.tallyEffect).toEqual({ counted: 1, flagged: 0, weighted: 0.5 });
    expect(contributionOf(state)).toEqual(total(events));
  });

  it('refuses a second vote by the same voter: ALREADY_EXISTS, nothing appended', () => {
    const { state } = run(cast);
    expect(() => decide(cast, state)).toThrow(AlreadyExistsError);
  });

  it('lets a retracted vote be cast again, and each step keeps the tally exact', () => {
    const { events, state } = run(cast, { kind: 'RetractVote', at, featureRequestId: cast.featureRequestId }, cast);
    expect(events.map((event) => event.tallyEffect.counted)).toEqual([1, -1, 1]);
    expect(total(events)).toEqual(contributionOf(state));
  });

  it('refuses to retract a vote that does not exist: NOT_FOUND', () => {
    expect(() => decide({ kind: 'RetractVote', at, featureRequestId: cast.featureRequestId }, INITIAL_VOTE_STATE)).toThrow(NotFoundError);
  });

  it('holds a flagged vote back from the count, once per kind of evidence', () => {
    const { events } = run(cast, { kind: 'FlagVote', at, evidence: [device] }, { kind: 'FlagVote', at, evidence: [device] }, { kind: 'FlagVote', at, evidence: [device, ring] });
    expect(events.map((event) => event.type)).toEqual(['VoteCast', 'VoteFlagged', 'VoteFlagged']);
    expect(events[1]?.tallyEffect).toEqual({ counted: -1, flagged: 1, weighted: -0.5 });
    expect(events[2]?.tallyEffect).toEqual({ counted: 0, flagged: 0, weighted: 0 });
    expect((events[2] as Extract<VoteEvent, { type: 'VoteFlagged' }>).evidence.map((item) => item.kind)).toEqual(['vote_ring']);
  });

  it('counts a cleared vote again; a confirmed fraud counts nowhere, also after retraction', () => {
    const flagged = [cast, { kind: 'FlagVote', at, evidence: [device] }] as const;
    const cleared = run(...flagged, { kind: 'ReviewVote', at, reviewerId: 'r', decision: 'clear', reason: 'a couple' });
    expect(total(cleared.events)).toEqual({ counted: 1, flagged: 0, weighted: 0.5 });
    const confirmed = run(...flagged, { kind: 'ReviewVote', at, reviewerId: 'r', decision: 'confirm_fraud', reason: 'farm' }, { kind: 'RetractVote', at, featureRequestId: cast.featureRequestId });
    expect(total(confirmed.events)).toEqual({ counted: 0, flagged: 0, weighted: 0 });
  });

  it('refuses to review a vote that is not flagged, or twice', () => {
    const { state } = run(cast);
    const review = { kind: 'ReviewVote', at, reviewerId: 'r', decision: 'clear', reason: 'ok' } as const;
    expect(() => decide(review, state)).toThrow(FailedPreconditionError);
    const reviewed = run(cast, { kind: 'FlagVote', at, evidence: [device] }, review).state;
    expect(() => decide(review, reviewed)).toThrow(/already been reviewed/);
  });

  it('a reviewed vote is not flagged again by the detectors', () => {
    const { state } = run(cast, { kind: 'FlagVote', at, evidence: [device] }, { kind: 'ReviewVote', at, reviewerId: 'r', decision: 'clear', reason: 'ok' });
    expect(decide({ kind: 'FlagVote', at, evidence: [ring] }, state)).toEqual([]);
  });

  it('moves a vote away on merge, taking its contribution with it; once the merge is undone the voter may vote again', () => {
    const { events, state } = run(cast, { kind: 'MoveVote', at, sourceVoteId: cast.voteId, targetFeatureRequestId: 't', targetVoteId: 'tv', targetAlreadyVoted: false });
    expect(events[1]?.tallyEffect).toEqual({ counted: -1, flagged: 0, weighted: -0.5 });
    // While the request is merged the cast handler refuses (the request's status); the stream itself does not.
    expect(decide(cast, state).map((event) => event.type)).toEqual(['VoteCast']);
  });

  it('moves only the vote the mover names: a vote cast again after a retraction stays', () => {
    const again = { ...cast, voteId: 'b1f0c3a2-0000-4000-8000-000000000002' };
    const { events, state } = run(cast, { kind: 'RetractVote', at, featureRequestId: cast.featureRequestId }, again, {
      kind: 'MoveVote',
      at,
      sourceVoteId: cast.voteId,
      targetFeatureRequestId: 't',
      targetVoteId: 'tv',
      targetAlreadyVoted: false,
    });
    expect(events.map((event) => event.type)).toEqual(['VoteCast', 'VoteRetracted', 'VoteCast']);
    expect(state).toMatchObject({ status: 'active', voteId: again.voteId });
  });

  it('drops a vote confirmed as fraud on merge, whatever the mover asked', () => {
    const { state } = run(
      cast,
      { kind: 'FlagVote', at, evidence: [device] },
      { kind: 'ReviewVote', at, reviewerId: 'r', decision: 'confirm_fraud', reason: 'one device' },
      { kind: 'MoveVote', at, sourceVoteId: cast.voteId, targetFeatureRequestId: 't', targetVoteId: 'tv', targetAlreadyVoted: false },
    );
    expect(state).toMatchObject({ status: 'moved', targetFeatureRequestId: 't', targetVoteId: '' });
  });

  it('a moved vote arrives at the target once, still held back if it was flagged', () => {
    const receive = { kind: 'ReceiveMovedVote', at, cast: { ...cast, voteId: 'tv' }, movedFromVoteId: cast.voteId, flaggedEvidence: [device] } as const;
    const { events } = run(receive, receive);
    expect(events.map((event) => event.type)).toEqual(['VoteCast', 'VoteFlagged']);
    expect(total(events)).toEqual({ counted: 0, flagged: 1, weighted: 0 });
    expect(run(cast, receive).events).toHaveLength(1);
  });

  describe('an undone merge', () => {
    const move = { kind: 'MoveVote', at, sourceVoteId: cast.voteId, targetFeatureRequestId: 't', targetVoteId: 'tv', targetAlreadyVoted: false } as const;
    const receive = { kind: 'ReceiveMovedVote', at, cast: { ...cast, featureRequestId: 't', voteId: 'tv' }, movedFromVoteId: cast.voteId, flaggedEvidence: [] } as const;
    const sendBack = { kind: 'SendVoteBack', at, arrivedVoteId: 'tv', sourceFeatureRequestId: cast.featureRequestId, sourceVoteId: cast.voteId } as const;

    it('sends the arrived vote back and restores it at the source: both tallies end where they began', () => {
      const target = run(receive, sendBack);
      expect(target.events.map((event) => event.type)).toEqual(['VoteCast', 'VoteMovedBack']);
      expect(total(target.events)).toEqual({ counted: 0, flagged: 0, weighted: 0 });
      expect(target.state).toEqual({ status: 'moved_back', voteId: 'tv', returned: { weight: 0.5, held: 'no', reviewed: false } });
      const returning = (target.state as Extract<VoteState, { status: 'moved_back' }>).returned;
      const source = run(cast, move, { kind: 'RestoreVote', at, returning });
      expect(source.events.map((event) => event.type)).toEqual(['VoteCast', 'VoteMoved', 'VoteRestored']);
      expect(total(source.events)).toEqual({ counted: 1, flagged: 0, weighted: 0.5 });
      expect(source.state).toEqual(run(cast).state);
    });

    it('keeps a review made at the target: a vote cleared there counts at the source', () => {
      const target = run(
        { ...receive, flaggedEvidence: [device] },
        { kind: 'ReviewVote', at, reviewerId: 'r', decision: 'clear', reason: 'a real couple' },
        sendBack,
      );
      expect(total(target.events)).toEqual({ counted: 0, flagged: 0, weighted: 0 });
      const returning = (target.state as Extract<VoteState, { status: 'moved_back' }>).returned;
      expect(returning).toEqual({ weight: 0.5, held: 'no', reviewed: true });
      const source = run(cast, { kind: 'FlagVote', at, evidence: [device] }, move, { kind: 'RestoreVote', at, returning });
      expect(source.state).toMatchObject({ status: 'active', held: 'no', reviewed: true });
      expect(total(source.events)).toEqual({ counted: 1, flagged: 0, weighted: 0.5 });
    });

    it('restores a dropped vote (the voter supported both) as it left, held back if it was', () => {
      const dropped = { ...move, targetAlreadyVoted: true };
      const flagged = run(cast, { kind: 'FlagVote', at, evidence: [device] }, dropped, { kind: 'RestoreVote', at });
      expect(flagged.state).toMatchObject({ status: 'active', held: 'flagged', flaggedKinds: ['shared_device'], weight: 0.5 });
      expect(total(flagged.events)).toEqual({ counted: 0, flagged: 1, weighted: 0 });
    });

    it('sends back only the vote that arrived, and nothing once the voter retracted or re-cast it', () => {
      expect(decide(sendBack, run(cast).state)).toEqual([]);
      expect(decide(sendBack, run(receive, { kind: 'RetractVote', at, featureRequestId: 't' }).state)).toEqual([]);
      expect(decide(sendBack, run(receive, sendBack).state)).toEqual([]);
    });

    it('restores once: a repeat, or a vote that never moved, appends nothing', () => {
      const restored = run(cast, move, { kind: 'RestoreVote', at });
      expect(decide({ kind: 'RestoreVote', at }, restored.state)).toEqual([]);
      expect(decide({ kind: 'RestoreVote', at }, run(cast).state)).toEqual([]);
    });
  });
});
