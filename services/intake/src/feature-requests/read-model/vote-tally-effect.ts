import { fromStoredEventJson, VOTE_TALLY_EVENTS, type frmEventsV1 } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';

/** Every vote event type starts with this (the voting service's family). */
export const VOTE_EVENT_PREFIX = 'frm.events.v1.Vote';

/** What a vote event changes in its request's tally, and which vote it is about. */
export interface VoteTallyEffect {
  readonly voteId: string;
  readonly featureRequestId: string;
  readonly counted: number;
  readonly weighted: number;
  /** For a cast: the vote it continues after a merge (`null`: none, or not a cast). */
  readonly movedFromVoteId: string | null;
}

/**
 * What a vote event changes in its request's counted votes and their weight; `undefined` for a
 * vote event type this build does not know. Voting decides the effect from the vote's history, so
 * the board's counts follow it as they are; only the trend needs a row per vote (its term).
 */
export function voteTallyEffectOf(recorded: Pick<RecordedEvent, 'type' | 'data'>): VoteTallyEffect | undefined {
  const fns = VOTE_TALLY_EVENTS.get(recorded.type);
  if (!fns) return undefined;
  const event = fromStoredEventJson(fns, recorded.data);
  // Read from the same decoded event: a rebuild decodes every vote once.
  const movedFrom = (event as Partial<Pick<frmEventsV1.VoteCast, 'movedFromVoteId'>>).movedFromVoteId;
  return {
    voteId: event.voteId,
    featureRequestId: event.featureRequestId,
    counted: Number(event.tallyEffect?.counted ?? 0),
    weighted: event.tallyEffect?.weighted ?? 0,
    movedFromVoteId: movedFrom ? movedFrom : null,
  };
}
