/** What the board knows of whether the person follows a request: no RPC reads it back. */
export interface FollowFacts {
  /** The person's own choice, as Follow or Unfollow last answered it in this tab; absent when not made here. */
  readonly chosen?: boolean;
  readonly isAuthor: boolean;
  readonly voted: boolean;
}

export type FollowReason = 'chosen' | 'author' | 'voter' | 'none';

/**
 * Whether the person follows, as notifications decides it: their own choice, else the author and
 * the voters follow without asking.
 */
export function followState(facts: FollowFacts): { readonly following: boolean; readonly reason: FollowReason } {
  if (facts.chosen !== undefined) return { following: facts.chosen, reason: 'chosen' };
  if (facts.isAuthor) return { following: true, reason: 'author' };
  if (facts.voted) return { following: true, reason: 'voter' };
  return { following: false, reason: 'none' };
}

/** A sentence that says where the person stands and what following means. */
export function followExplanation(state: { readonly following: boolean; readonly reason: FollowReason }): string {
  if (!state.following) return 'Follow it to hear in your inbox when it moves on.';
  switch (state.reason) {
    case 'author':
      return 'You follow your request: you hear when it moves on and when someone comments.';
    case 'voter':
      return 'You follow it because you voted for it: you hear when it moves on.';
    default:
      return 'You follow it: you hear when it moves on.';
  }
}
