import { HOUR, type TrafficBuilder } from '../traffic-builder';
import { attackAccount, momentsWithin } from './attack-account';

/**
 * A vote ring: 6–15 aged accounts on their own devices and networks, each voting most of the
 * same 5–8 obscure requests, spread over a few hours so no moment looks busy.
 */
export function addVoteRing(builder: TrafficBuilder): void {
  const random = builder.random;
  const targets = random.sample(builder.ranked(0.5, 1), random.int(5, 8));
  const span = random.between(2 * HOUR, 4 * HOUR);
  const start = builder.startAt + random.between(0, builder.durationMs - span);
  for (let members = random.int(6, 15); members > 0; members--) {
    const member = attackAccount(builder);
    const voted = random.sample(targets, random.int(Math.ceil(0.8 * targets.length), targets.length));
    const moments = momentsWithin(builder, start, span, voted.length);
    voted.forEach((request, index) => builder.vote(member, request, moments[index] as number, 'vote_ring'));
  }
}
