import { AlreadyExistsError, FailedPreconditionError, NotFoundError } from '@frm/grpc-errors';
import { effectBetween, NO_EFFECT, type ActiveVote, type FraudEvidence, type TallyEffect, type VoteState } from './vote';
import type { CastVote, VoteCommand } from './vote.commands';
import type { VoteCast, VoteEvent, VoteFlagged } from './vote.events';
import { evolve } from './vote.evolve';

/**
 * What a command on one vote stream appends, given the stream's state; throws the gRPC error a
 * caller should see when the command is refused. Every event carries the tally effect of going
 * from the state before it to the state after it.
 */
export function decide(command: VoteCommand, state: VoteState): VoteEvent[] {
  switch (command.kind) {
    case 'CastVote':
      if (state.status === 'active') {
        throw new AlreadyExistsError('you have already voted for this feature request; retract that vote to cast it again');
      }
      return withEffects(state, [castEvent(command, command.at, '')]);
    case 'RetractVote':
      if (state.status !== 'active') throw new NotFoundError('your vote for feature request', command.featureRequestId);
      return withEffects(state, [{ type: 'VoteRetracted', ...identityOf(state), occurredAt: command.at, tallyEffect: NO_EFFECT }]);
    case 'FlagVote': {
      if (state.status !== 'active' || state.reviewed) return [];
      const evidence = command.evidence.filter((item) => !state.flaggedKinds.includes(item.kind));
      if (evidence.length === 0) return [];
      return withEffects(state, [flaggedEvent(state, command.at, evidence)]);
    }
    case 'ReviewVote':
      if (state.status !== 'active') throw new FailedPreconditionError('the vote was retracted or moved; there is nothing left to review');
      if (state.held !== 'flagged' || state.reviewed) {
        throw new FailedPreconditionError(state.reviewed ? 'the vote has already been reviewed' : 'the vote is not flagged; only flagged votes are reviewed');
      }
      return withEffects(state, [
        {
          type: 'VoteReviewed',
          ...identityOf(state),
          occurredAt: command.at,
          reviewerId: command.reviewerId,
          decision: command.decision,
          reason: command.reason,
          tallyEffect: NO_EFFECT,
        },
      ]);
    case 'MoveVote': {
      if (state.status !== 'active' || state.voteId !== command.sourceVoteId) return [];
      // A vote confirmed as fraud leaves the source but never counts at the target.
      const dropped = command.targetAlreadyVoted || state.held === 'confirmed_fraud';
      return withEffects(state, [
        {
          type: 'VoteMoved',
          ...identityOf(state),
          occurredAt: command.at,
          targetFeatureRequestId: command.targetFeatureRequestId,
          targetVoteId: dropped ? '' : command.targetVoteId,
          targetAlreadyVoted: dropped,
          flagged: state.held === 'flagged',
          weight: state.weight,
          tallyEffect: NO_EFFECT,
        },
      ]);
    }
    case 'SendVoteBack':
      if (state.status !== 'active' || state.voteId !== command.arrivedVoteId) return [];
      return withEffects(state, [
        {
          type: 'VoteMovedBack',
          ...identityOf(state),
          occurredAt: command.at,
          sourceFeatureRequestId: command.sourceFeatureRequestId,
          sourceVoteId: command.sourceVoteId,
          weight: state.weight,
          held: state.held,
          reviewed: state.reviewed,
          tallyEffect: NO_EFFECT,
        },
      ]);
    case 'RestoreVote': {
      if (state.status !== 'moved') return [];
      const { weight, held, reviewed } = command.returning ?? state.before;
      return withEffects(state, [
        {
          type: 'VoteRestored',
          voteId: state.before.voteId,
          featureRequestId: state.before.featureRequestId,
          voterId: state.before.voterId,
          occurredAt: command.at,
          weight,
          held,
          reviewed,
          tallyEffect: NO_EFFECT,
        },
      ]);
    }
    case 'ReceiveMovedVote': {
      if (state.status === 'active') return [];
      const cast = castEvent({ kind: 'CastVote', ...command.cast, at: command.at }, command.at, command.movedFromVoteId);
      const arrived = evolve(state, cast);
      const events: VoteEvent[] = [cast];
      if (command.flaggedEvidence.length > 0) events.push(flaggedEvent(arrived as ActiveVote, command.at, command.flaggedEvidence));
      return withEffects(state, events);
    }
  }
}

function identityOf(state: ActiveVote) {
  return { voteId: state.voteId, featureRequestId: state.featureRequestId, voterId: state.voterId };
}

function castEvent(command: CastVote, at: Date, movedFromVoteId: string): VoteCast {
  return {
    type: 'VoteCast',
    voteId: command.voteId,
    featureRequestId: command.featureRequestId,
    voterId: command.voterId,
    occurredAt: at,
    weight: command.weight,
    signals: command.signals,
    voterSupplierType: command.voterSupplierType,
    voterAccountCreatedAt: command.voterAccountCreatedAt,
    featureRequestAuthorId: command.featureRequestAuthorId,
    movedFromVoteId,
    voterTimeZone: command.voterTimeZone,
    tallyEffect: NO_EFFECT,
  };
}

function flaggedEvent(state: ActiveVote, at: Date, evidence: readonly FraudEvidence[]): VoteFlagged {
  return { type: 'VoteFlagged', ...identityOf(state), occurredAt: at, evidence, tallyEffect: NO_EFFECT };
}

/** Fills in each event's tally effect by walking the state through the events. */
function withEffects(state: VoteState, events: VoteEvent[]): VoteEvent[] {
  let current = state;
  return events.map((event) => {
    const next = evolve(current, event);
    const tallyEffect: TallyEffect = effectBetween(current, next);
    current = next;
    return { ...event, tallyEffect };
  });
}
