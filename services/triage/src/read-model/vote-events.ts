import { frmEventsV1, type EventMessageFns } from '@frm/contracts';

/** What every vote event carries that triage reads: which vote, which request, and its effect on the tally. */
export interface VoteEvent {
  voteId: string;
  featureRequestId: string;
  tallyEffect: { counted: string; weighted: number } | null;
}

/** The vote events, by type; each carries a tally effect. */
export const VOTE_EVENTS = new Map<string, EventMessageFns<VoteEvent>>(
  [frmEventsV1.VoteCast, frmEventsV1.VoteRetracted, frmEventsV1.VoteFlagged, frmEventsV1.VoteReviewed, frmEventsV1.VoteMoved,
    frmEventsV1.VoteMovedBack, frmEventsV1.VoteRestored].map(
    (fns) => [fns.$type, fns as unknown as EventMessageFns<VoteEvent>],
  ),
);

