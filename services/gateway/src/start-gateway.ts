import type { Role } from '@frm/caller';
import type { Logger } from '@frm/logging';
import { RPC_ACCESS } from '@frm/access';
import { createAccessTokenVerifier, type TokenKeys } from './auth/access-token.verifier';
import { TrustedProxies } from './client-address/trusted-proxies';
import { gatewayReadinessChecks } from './health/gateway-readiness';
import { checkReadiness } from './health/readiness';
import { CorsPolicy } from './http/cors.policy';
import { createGetRouter } from './http/get-request.router';
import { createGrpcCallHandler } from './http/grpc-call.handler';
import { createUnsubscribeRoute, UNSUBSCRIBE_PATH } from './http/unsubscribe.route';
import type { HttpRequest, HttpResponse } from './http/http-exchange';
import { listenCleartext } from './listener/cleartext-protocol.listener';
import { createGatewayMetrics } from './metrics/gateway-metrics';
import { CallRateLimiter } from './rate-limits/call-rate-limiter';
import { rateLimitsWith, type RateLimits } from './rate-limits/rate-limits';
import { connectRedisForRateLimits } from './redis/connect-redis';
import { RetryBudget } from './resilience/retry-budget';
import { UpstreamCircuits, type CircuitSettings } from './resilience/upstream-circuits';
import { UpstreamRoutes, type RouteTable } from './routing/upstream-routes';
import { StaticFiles } from './static-files/static-files';

/** The largest request the gateway forwards. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export interface GatewayOptions {
  /** `package.Service` → `host:port` of the service that serves it. */
  readonly routes: RouteTable;
  readonly tokenKeys: TokenKeys;
  readonly logger: Logger;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** Browser origins allowed by CORS; none by default. */
  readonly corsOrigins?: readonly string[];
  /** Proxies (IP addresses, CIDR blocks) whose `X-Forwarded-For` names the client; none by default. */
  readonly trustedProxies?: readonly string[];
  /** Who may call what; the gateway's own table by default (tests pass another). */
  readonly accessTable?: Readonly<Record<string, readonly Role[]>>;
  /** gRPC calls a minute per client address and per user (100 and 500 by default). */
  readonly rateLimits?: Partial<RateLimits>;
  /**
   * Redis (`redis://…`) where the rate limits count, so that they hold across gateway replicas; in
   * memory without it. When it does not answer, calls still pass, counted in memory.
   */
  readonly redisUrl?: string;
  /** Start of the rate limits' Redis keys (default `frm:gateway:rate-limit`). */
  readonly rateLimitKeyPrefix?: string;
  /** Folder of the built web board, served on GET (`/` and the app's routes → index.html); none by default. */
  readonly webRoot?: string;
  /** Longest wait of a unary call for its service (default 10 s). */
  readonly upstreamTimeoutMs?: number;
  /** When a service's circuit opens and how long it stays open (defaults: see UpstreamCircuits). */
  readonly circuits?: CircuitSettings;
}

export interface RunningGateway {
  /** `host:port` it listens on. */
  readonly address: string;
  readonly port: number;
  /** Stops taking connections, lets calls in hand finish briefly, closes the channels to the services. */
  close(): Promise<void>;
}

/**
 * Starts the gateway: gRPC-web and gRPC on one port, forwarding to the services in `routes`; on
 * the same port GET /healthz, /readyz and /metrics, the one-click unsubscribe page of the mails'
 * links, and the web board when `webRoot` is given.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const host = options.host ?? '127.0.0.1';
  const trustedProxies = TrustedProxies.of(options.trustedProxies ?? []);
  const accessTable = options.accessTable ?? RPC_ACCESS;
  const staticFiles = options.webRoot !== undefined ? await StaticFiles.open(options.webRoot) : undefined;
  const routes = new UpstreamRoutes(options.routes);
  const redis = options.redisUrl !== undefined ? await connectRedisForRateLimits(options.redisUrl, options.logger) : undefined;
  const metrics = createGatewayMetrics(Object.keys(accessTable));
  const circuits = new UpstreamCircuits(Object.keys(options.routes), metrics.registry, options.logger, options.circuits);
  const handleCall = createGrpcCallHandler({
    verifyAccessToken: createAccessTokenVerifier(options.tokenKeys),
    routes,
    accessTable,
    cors: new CorsPolicy(options.corsOrigins),
    trustedProxies,
    maxRequestBytes: MAX_REQUEST_BYTES,
    rateLimiter: new CallRateLimiter({
      limits: rateLimitsWith(options.rateLimits),
      redis,
      keyPrefix: options.rateLimitKeyPrefix,
      logger: options.logger,
      metrics,
    }),
    rpcMetrics: metrics.rpc,
    circuits,
    retryBudget: new RetryBudget(),
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? 10_000,
    logger: options.logger,
  });
  const readinessChecks = gatewayReadinessChecks(routes, redis);
  const handleGet = createGetRouter({ readiness: () => checkReadiness(readinessChecks), metrics: metrics.registry, staticFiles, logger: options.logger });
  const unsubscribe = createUnsubscribeRoute({ notifications: () => routes.clientFor('frm.v1.NotificationService'), logger: options.logger });
  const handler = (req: HttpRequest, res: HttpResponse) => {
    if ((req.url ?? '').split('?', 1)[0] === UNSUBSCRIBE_PATH) {
      if (req.method === 'POST') return void unsubscribe.submit(req, res);
      if (req.method === 'GET' || req.method === 'HEAD') return unsubscribe.page(req, res);
    }
    return req.method === 'GET' || req.method === 'HEAD' ? handleGet(req, res) : handleCall(req, res);
  };
  const release = () => {
    circuits.shutdown();
    routes.close();
    redis?.disconnect();
  };
  let listener;
  try {
    listener = await listenCleartext(host, options.port ?? 8080, handler);
  } catch (error) {
    release();
    throw error;
  }
  return {
    address: `${host.includes(':') ? `[${host}]` : host}:${listener.port}`,
    port: listener.port,
    async close() {
      try {
        await listener.close();
      } finally {
        release();
      }
    },
  };
}
