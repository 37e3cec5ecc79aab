import { Counter, createMetricsRegistry, RpcMetrics, type Registry } from '@frm/metrics';
import { LIMIT_KINDS, type LimitKind } from '../rate-limits/rate-limits';

/** What the gateway exposes on `/metrics`. */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** `frm_gateway_rpc_duration_seconds` and `frm_gateway_rpc_calls_total`, by RPC and gRPC code. */
  readonly rpc: RpcMetrics;
  readonly rateLimitRefusals: Counter<'limit'>;
  readonly rateLimiterDegraded: Counter;
}

/** The gateway's metrics, with the process metrics; `rpcs` are the RPCs that get a label of their own. */
export function createGatewayMetrics(rpcs: Iterable<string>): GatewayMetrics {
  const registry = createMetricsRegistry();
  const rateLimitRefusals = new Counter({
    name: 'frm_gateway_rate_limit_refusals_total',
    help: 'Calls refused with RESOURCE_EXHAUSTED by a rate limit, by limit (ip or user)',
    labelNames: ['limit'],
    registers: [registry],
  });
  // Present from the start, so that a rate over them is 0 rather than absent.
  for (const limit of LIMIT_KINDS) rateLimitRefusals.inc({ limit } satisfies Record<'limit', LimitKind>, 0);
  const rateLimiterDegraded = new Counter({
    name: 'frm_gateway_rate_limiter_degraded_total',
    help: 'Rate-limit checks counted in this process’s memory because Redis did not answer',
    registers: [registry],
  });
  return { registry, rpc: new RpcMetrics(registry, { prefix: 'frm_gateway', rpcs }), rateLimitRefusals, rateLimiterDegraded };
}
