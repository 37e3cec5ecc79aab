export { startVotingService, type RunningVotingService, type VotingServiceOptions } from './start-voting-service';
export { votingRelayFrom, votingSettings } from './voting.settings';
export { VOTE_RELAY_NAME, voteRoutes, type VotingRelayOptions } from './relay/vote-relay';
export { signalHashKeyFrom } from './signal-hash-key';
export { votesProjection } from './votes/read-model/votes.projection';
export { DEFAULT_VOTE_VELOCITY_LIMITS, type VoteVelocityLimits } from './votes/signals/vote-velocity';
export { VOTING_PERSONAL_FIELDS } from './votes/event-codec/personal-fields';
