import { MINUTE, type TrafficBuilder } from '../traffic-builder';
import { attackAccount, momentsWithin } from './attack-account';

/**
 * A sockpuppet farm: a few phones, each logged into 5–10 aged accounts behind residential
 * proxies, pushing a handful of mid-ranked requests through the day. Only the device betrays it.
 */
export function addSockpuppetFarm(builder: TrafficBuilder): void {
  const random = builder.random;
  const targets = random.sample(builder.ranked(0.07, 0.67), random.int(2, 4));
  for (let devices = random.int(3, 4); devices > 0; devices--) {
    const deviceFingerprint = builder.deviceFingerprint();
    const userAgent = builder.userAgent();
    for (let accounts = random.int(5, 10); accounts > 0; accounts--) {
      const puppet = attackAccount(builder, { deviceFingerprint, userAgent });
      const pushed = random.sample(targets, random.int(1, targets.length));
      const session = builder.startAt + random.between(0, builder.durationMs - 10 * MINUTE);
      const moments = momentsWithin(builder, session, 3 * MINUTE, pushed.length);
      pushed.forEach((request, index) => builder.vote(puppet, request, moments[index] as number, 'sockpuppets'));
    }
  }
}
