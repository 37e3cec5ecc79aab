import { INITIAL_VOTE_STATE, type VoteState } from './vote';
import type { VoteEvent } from './vote.events';

export function evolve(state: VoteState, event: VoteEvent): VoteState {
  switch (event.type) {
    case 'VoteCast':
      return {
        status: 'active',
        voteId: event.voteId,
        featureRequestId: event.featureRequestId,
        voterId: event.voterId,
        castAt: event.occurredAt,
        weight: event.weight,
        held: 'no',
        flaggedKinds: [],
        reviewed: false,
      };
    case 'VoteRetracted':
      return { status: 'retracted', voteId: event.voteId };
    case 'VoteMoved': {
      if (state.status !== 'active') return state;
      const { status: _active, ...before } = state;
      return { status: 'moved', voteId: event.voteId, targetFeatureRequestId: event.targetFeatureRequestId, targetVoteId: event.targetVoteId, before };
    }
    case 'VoteMovedBack':
      return { status: 'moved_back', voteId: event.voteId, returned: { weight: event.weight, held: event.held, reviewed: event.reviewed } };
    case 'VoteRestored':
      if (state.status !== 'moved') return state;
      return { status: 'active', ...state.before, weight: event.weight, held: event.held, reviewed: event.reviewed };
    case 'VoteFlagged': {
      if (state.status !== 'active') return state;
      const kinds = new Set([...state.flaggedKinds, ...event.evidence.map((evidence) => evidence.kind)]);
      return { ...state, held: state.reviewed ? state.held : 'flagged', flaggedKinds: [...kinds] };
    }
    case 'VoteReviewed':
      if (state.status !== 'active') return state;
      return { ...state, held: event.decision === 'clear' ? 'no' : 'confirmed_fraud', reviewed: true };
  }
}

export function evolveAll(events: readonly VoteEvent[], state: VoteState = INITIAL_VOTE_STATE): VoteState {
  return events.reduce(evolve, state);
}
