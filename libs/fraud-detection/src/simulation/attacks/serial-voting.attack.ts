import type { SimulatedVoter } from '../simulated-traffic';
import { HOUR, type TrafficBuilder } from '../traffic-builder';
import { attackAccount, momentsWithin } from './attack-account';

/** A few aged accounts of an author's friends, each voting most of that prolific author's requests and nothing else. */
export function addSerialVoters(builder: TrafficBuilder, prolificAuthors: readonly SimulatedVoter[]): void {
  const random = builder.random;
  for (let voters = random.int(3, 5); voters > 0; voters--) {
    const author = random.pick(prolificAuthors);
    const theirs = builder.board.filter((request) => request.authorId === author.id);
    const count = Math.min(theirs.length, Math.max(5, Math.ceil(theirs.length * random.between(0.6, 1))));
    const friend = attackAccount(builder);
    const span = random.between(HOUR, 3 * HOUR);
    const moments = momentsWithin(builder, builder.startAt + random.between(0, builder.durationMs - span), span, count);
    random
      .sample(theirs, count)
      .forEach((request, index) => builder.vote(friend, request, moments[index] as number, 'serial_voting'));
  }
}
