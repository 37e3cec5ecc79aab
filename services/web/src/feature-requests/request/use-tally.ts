import { useCallback, useEffect, useRef, useState } from 'react';
import { voting } from '../../api/gateway-clients';
import { describeCallError, type CallProblem } from '../../errors/describe-call-error';
import type { Tally } from '../../gen/frm/v1/vote_pb';
import { useVisibleInterval } from '../../remote/use-visible-interval';
import { expectVoted, shownVote, type VoteExpectation } from './vote-state';

/** Often enough to feel live, seldom enough for the gateway's per-user rate limit. */
export const TALLY_REFRESH_MS = 4_000;

interface TallyState {
  readonly featureRequestId: string;
  readonly tally?: Tally;
  readonly voted: boolean;
  readonly expectation?: VoteExpectation;
  readonly problem?: CallProblem;
}

export interface LiveTally {
  readonly tally?: Tally;
  /** Whether the caller has a vote here, as the board shows it (see shownVote). */
  readonly voted: boolean;
  /** The caller's vote command succeeded; its effect shows before the tally catches up. */
  readonly expectation?: VoteExpectation;
  readonly problem?: CallProblem;
  refresh(): void;
  /** After CastVote (true) or RetractVote (false) succeeded. */
  voteChanged(voted: boolean): void;
}

/** The request's tally, read again every few seconds while the page is visible. */
export function useTally(featureRequestId: string): LiveTally {
  const [state, setState] = useState<TallyState>({ featureRequestId, voted: false });
  const current = state.featureRequestId === featureRequestId ? state : { featureRequestId, voted: false };

  // After RESOURCE_EXHAUSTED the polls wait for the retry-after the gateway named.
  const pausedUntil = useRef(0);

  const refresh = useCallback(() => {
    if (Date.now() < pausedUntil.current) return;
    const same = (previous: TallyState): TallyState => (previous.featureRequestId === featureRequestId ? previous : { featureRequestId, voted: false });
    voting.getTally({ featureRequestId }).then(
      (tally) =>
        setState((previous) => {
          const shown = shownVote(tally.callerVoted, same(previous).expectation, Date.now());
          return { featureRequestId, tally, voted: shown.voted, ...(shown.expectation ? { expectation: shown.expectation } : {}) };
        }),
      (error: unknown) => {
        const problem = describeCallError(error);
        if (problem.retryAfterSeconds !== undefined) pausedUntil.current = Date.now() + problem.retryAfterSeconds * 1000;
        setState((previous) => ({ ...same(previous), problem }));
      },
    );
  }, [featureRequestId]);

  useEffect(() => {
    refresh();
  }, [refresh]);
  useVisibleInterval(refresh, TALLY_REFRESH_MS);

  const voteChanged = useCallback(
    (voted: boolean) => {
      setState((previous) => ({
        ...(previous.featureRequestId === featureRequestId ? previous : { featureRequestId }),
        voted,
        expectation: expectVoted(voted, Date.now()),
      }));
      refresh();
    },
    [featureRequestId, refresh],
  );

  return {
    ...(current.tally ? { tally: current.tally } : {}),
    voted: current.voted,
    ...(current.expectation ? { expectation: current.expectation } : {}),
    ...(current.problem ? { problem: current.problem } : {}),
    refresh,
    voteChanged,
  };
}
