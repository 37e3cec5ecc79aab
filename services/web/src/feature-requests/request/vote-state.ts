/** What the caller's last vote command did, to be shown until the tally agrees. */
export interface VoteExpectation {
  readonly voted: boolean;
  /** Epoch milliseconds after which the tally is believed again, whatever it says. */
  readonly until: number;
}

/** How long the tally's read model may lag behind an acknowledged vote before the board believes it. */
export const EXPECTATION_MS = 15_000;

export function expectVoted(voted: boolean, now: number): VoteExpectation {
  return { voted, until: now + EXPECTATION_MS };
}

/**
 * Whether the board shows the caller as having voted, given what a freshly read tally says. The
 * tally comes from a read model that follows the vote a moment later, and a read started before
 * the vote may answer after it: until the tally agrees with the caller's last command (or the
 * wait is over) the command's outcome is shown, so the button does not flicker back.
 */
export function shownVote(
  tallySaysVoted: boolean,
  expectation: VoteExpectation | undefined,
  now: number,
): { readonly voted: boolean; readonly expectation?: VoteExpectation } {
  if (expectation === undefined || tallySaysVoted === expectation.voted || now >= expectation.until) return { voted: tallySaysVoted };
  return { voted: expectation.voted, expectation };
}
