import { HOUR, MINUTE, type TrafficBuilder } from '../traffic-builder';
import { attackAccount, momentsWithin } from './attack-account';

/**
 * Accounts created for the job: 20–40 accounts, each minutes to hours old, voting 5–10 of a
 * pool of a dozen requests over the next two hours.
 */
export function addNewAccountCampaign(builder: TrafficBuilder): void {
  const random = builder.random;
  const pool = random.sample(builder.ranked(0.03, 1), random.int(8, 12));
  const start = builder.startAt + random.between(0, builder.durationMs - 3 * HOUR);
  for (let accounts = random.int(20, 40); accounts > 0; accounts--) {
    const firstVoteAt = start + random.between(0, 2 * HOUR);
    const fresh = attackAccount(builder, {
      accountCreatedAt: Math.round(firstVoteAt - random.between(10 * MINUTE, 8 * HOUR)),
    });
    const voted = random.sample(pool, random.int(5, Math.min(10, pool.length)));
    const moments = momentsWithin(builder, firstVoteAt, voted.length * random.between(MINUTE, 5 * MINUTE), voted.length);
    voted.forEach((request, index) => builder.vote(fresh, request, moments[index] as number, 'new_accounts'));
  }
}
