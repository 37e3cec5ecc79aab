import type { Role } from '@frm/caller';
import type { Logger } from '@frm/logging';
import { RPC_ACCESS } from '@frm/access';
import { createAccessTokenVerifier, type TokenKeys } from './auth/access-token.verifier';
import { TrustedProxies } from './client-address/trusted-proxies';
import { CorsPolicy } from './http/cors.policy';
import { createGrpcCallHandler } from './http/grpc-call.handler';
import { listenCleartext } from './listener/cleartext-protocol.listener';
import { UpstreamRoutes, type RouteTable } from './routing/upstream-routes';

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
}

export interface RunningGateway {
  /** `host:port` it listens on. */
  readonly address: string;
  readonly port: number;
  /** Stops taking connections, lets calls in hand finish briefly, closes the channels to the services. */
  close(): Promise<void>;
}

/** Starts the gateway: gRPC-web and gRPC on one port, forwarding to the services in `routes`. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const host = options.host ?? '127.0.0.1';
  const trustedProxies = TrustedProxies.of(options.trustedProxies ?? []);
  const routes = new UpstreamRoutes(options.routes);
  const handler = createGrpcCallHandler({
    verifyAccessToken: createAccessTokenVerifier(options.tokenKeys),
    routes,
    accessTable: options.accessTable ?? RPC_ACCESS,
    cors: new CorsPolicy(options.corsOrigins),
    trustedProxies,
    maxRequestBytes: MAX_REQUEST_BYTES,
    logger: options.logger,
  });
  let listener;
  try {
    listener = await listenCleartext(host, options.port ?? 8080, handler);
  } catch (error) {
    routes.close();
    throw error;
  }
  return {
    address: `${host.includes(':') ? `[${host}]` : host}:${listener.port}`,
    port: listener.port,
    async close() {
      try {
        await listener.close();
      } finally {
        routes.close();
      }
    },
  };
}
