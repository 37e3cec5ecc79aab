import type { Redis } from 'ioredis';
import type { UpstreamRoutes } from '../routing/upstream-routes';
import { checkGrpcHealth } from './check-grpc-health';
import type { ReadinessCheck } from './readiness';
import { redisReadiness } from './redis-readiness';

// Short: a probe that waits longer than its own period tells nothing new.
const READINESS_TIMEOUT_MS = 1_000;

/** What the gateway needs to serve calls: every routed service SERVING, and Redis when it counts the rate limits there. */
export function gatewayReadinessChecks(routes: UpstreamRoutes, redis: Redis | undefined): ReadinessCheck[] {
  const services = routes.entries().map(([service, client]) => ({ name: service, check: () => checkGrpcHealth(client, service, READINESS_TIMEOUT_MS) }));
  return redis ? [...services, redisReadiness(redis, READINESS_TIMEOUT_MS)] : services;
}
