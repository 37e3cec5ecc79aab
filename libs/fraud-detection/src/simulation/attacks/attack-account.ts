import type { SimulatedVoter } from '../simulated-traffic';
import { DAY, type TrafficBuilder } from '../traffic-builder';

/**
 * An attacking account: by default an aged one on a residential IP with its own device, as
 * bought accounts behind residential proxies look. Each attack overrides what betrays it.
 */
export function attackAccount(
  builder: TrafficBuilder,
  overrides: Partial<Omit<SimulatedVoter, 'id'>> = {},
): SimulatedVoter {
  return builder.addVoter({
    accountCreatedAt: Math.round(builder.startAt - builder.random.logUniform(30 * DAY, 4 * 365 * DAY)),
    deviceFingerprint: builder.deviceFingerprint(),
    ipAddress: builder.residentialIp(),
    userAgent: builder.userAgent(),
    ...overrides,
  });
}

/** `count` moments in [start, start + span), in order. */
export function momentsWithin(builder: TrafficBuilder, start: number, span: number, count: number): number[] {
  return Array.from({ length: count }, () => start + builder.random.between(0, span)).sort((a, b) => a - b);
}
