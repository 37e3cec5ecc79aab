import type { SimulatedVoter } from './simulated-traffic';
import type { TrafficBuilder } from './traffic-builder';

/** Authors who submitted many requests: the ones a serial voter would push. */
export const PROLIFIC_AUTHORS = 6;

/**
 * Gives every request an author among the accounts: a few prolific authors with 6–14 requests
 * each, spread over the whole ranking, and many occasional ones. Returns the prolific authors.
 */
export function assignAuthors(builder: TrafficBuilder, accounts: readonly SimulatedVoter[]): SimulatedVoter[] {
  const random = builder.random;
  const unassigned = random.shuffle(builder.board);
  const prolific = random.sample(accounts, PROLIFIC_AUTHORS);
  for (const author of prolific) {
    for (const request of unassigned.splice(0, random.int(6, 14))) request.authorId = author.id;
  }
  // About 1.5 requests per occasional author, so some have two or three.
  const occasional = random.sample(accounts, Math.max(1, Math.ceil(unassigned.length / 1.5)));
  for (const request of unassigned) request.authorId = random.pick(occasional).id;
  return prolific;
}
