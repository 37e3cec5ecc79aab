import { HOUR, MINUTE, type TrafficBuilder } from '../traffic-builder';
import { attackAccount } from './attack-account';

/**
 * A supplier's staff and friends in one office (one /24), each on their own phone and account,
 * all voting the supplier's little-known request within the same 45 minutes when asked to.
 */
export function addOfficeCampaign(builder: TrafficBuilder): void {
  const random = builder.random;
  const network = builder.publicNetwork();
  const target = random.pick(builder.ranked(0.27, 1));
  const start = builder.startAt + random.between(0, builder.durationMs - HOUR);
  for (let accounts = random.int(6, 12); accounts > 0; accounts--) {
    const colleague = attackAccount(builder, { ipAddress: builder.hostIn(network) });
    builder.vote(colleague, target, start + random.between(0, 45 * MINUTE), 'shared_network');
  }
}
