import type { ObservedVote } from './observed-vote';

/** How old the voter's account was when the vote was cast; undefined when the token did not say. */
export function accountAgeAtVote(vote: ObservedVote): number | undefined {
  if (vote.accountCreatedAt === undefined) return undefined;
  // A creation time after the vote is clock skew between issuers: the account is brand new.
  return Math.max(0, vote.castAt - vote.accountCreatedAt);
}

/** Whether the account was younger than `maxAgeMs` at the vote; unknown ages are not young. */
export function wasYoungerThan(vote: ObservedVote, maxAgeMs: number): boolean {
  const age = accountAgeAtVote(vote);
  return age !== undefined && age < maxAgeMs;
}
