import { DAY, MINUTE, type TrafficBuilder } from '../traffic-builder';
import { attackAccount } from './attack-account';

/** Bought votes: 40–80 young accounts (1–13 days old) voting one mid-ranked request within minutes. */
export function addBoughtBurst(builder: TrafficBuilder): void {
  const random = builder.random;
  const target = random.pick(builder.ranked(0.1, 0.5));
  const start = builder.startAt + random.between(30 * MINUTE, builder.durationMs - 15 * MINUTE);
  const length = random.between(2 * MINUTE, 8 * MINUTE);
  for (let accounts = random.int(40, 80); accounts > 0; accounts--) {
    const at = start + random.between(0, length);
    const bought = attackAccount(builder, { accountCreatedAt: Math.round(at - random.between(DAY, 13 * DAY)) });
    builder.vote(bought, target, at, 'burst');
  }
}
