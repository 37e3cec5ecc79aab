import type { EventMessageFns } from './event-json';
import * as frmEventsV1 from './generated/index.frm.events.v1';

/** What every vote event with an effect on its request's tally carries: which vote, which request, the effect. */
export interface VoteTallyEvent {
  voteId: string;
  featureRequestId: string;
  tallyEffect: { counted: string; weighted: number } | null;
}

/** A vote tally event's codec, with ts-proto's JSON reader for events read back from the store (fromStoredEventJson). */
export type VoteTallyEventFns = EventMessageFns<VoteTallyEvent> & { fromJSON(json: unknown): VoteTallyEvent };

/**
 * The vote events that change a tally, by type: every read model that adds up votes (intake's
 * board counts, triage's trusted weight) follows the same list, so a new one is added here once.
 */
export const VOTE_TALLY_EVENTS: ReadonlyMap<string, VoteTallyEventFns> = new Map(
  [
    frmEventsV1.VoteCast,
    frmEventsV1.VoteRetracted,
    frmEventsV1.VoteFlagged,
    frmEventsV1.VoteReviewed,
    frmEventsV1.VoteMoved,
    frmEventsV1.VoteMovedBack,
    frmEventsV1.VoteRestored,
  ].map((fns) => [fns.$type, fns as unknown as VoteTallyEventFns]),
);
