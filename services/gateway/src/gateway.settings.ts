import { z } from 'zod';
import { commaList, custom, defineSettings, duration, logSettings, port, positiveInt, runModeSettings, secretText, text, url } from '@frm/config';
import { isTrustedProxyEntry } from './client-address/trusted-proxies';

const trustedProxyList = () =>
  custom({
    schema: z
      .string()
      .transform((list) => list.split(',').map((entry) => entry.trim()))
      .pipe(z.array(z.string().refine(isTrustedProxyEntry)).min(1))
      .transform((entries): readonly string[] => Object.freeze(entries)),
    expected: 'IP addresses or CIDR blocks (IPv4 or IPv6), comma-separated',
    example: '10.0.0.0/8,192.168.1.10,fd00::/8',
    show: (entries) => entries.join(','),
  });

/** The environment the gateway reads, alone (`npm run start:gateway`) or inside the launcher. */
export const gatewaySettings = defineSettings({
  ...logSettings,
  FRM_GATEWAY_HOST: text('127.0.0.1').default('127.0.0.1').describe('address the gateway listens on (0.0.0.0 for every interface)'),
  FRM_GATEWAY_PORT: port().default(8080).describe('the one port for gRPC-web and gRPC calls (0 picks a free one)'),
  FRM_JWT_SECRET: secretText(32)
    .optional()
    .describe('HS256 secret that signs development access tokens; give frm token the same one'),
  FRM_JWT_JWKS_URL: url(['https', 'http'], 'https://login.example.com/.well-known/jwks.json')
    .optional()
    .describe('JWKS of the identity provider that signs access tokens in production'),
  FRM_CORS_ORIGINS: commaList('http://localhost:5173')
    .optional()
    .describe('browser origins that may call the gateway, comma-separated (* for any)'),
  FRM_TRUSTED_PROXIES: trustedProxyList()
    .optional()
    .describe('proxies in front of the gateway whose X-Forwarded-For names the client (none by default: the peer is the client)'),
  FRM_RATE_LIMIT_PER_IP: positiveInt(1_000_000, '100').default(100).describe('gRPC calls a minute from one client address'),
  FRM_RATE_LIMIT_PER_USER: positiveInt(1_000_000, '500').default(500).describe('gRPC calls a minute by one user (the access token\'s sub)'),
  // The same setting as every service's: with it the rate limits hold across gateway replicas.
  FRM_REDIS_URL: runModeSettings.FRM_REDIS_URL,
  FRM_GATEWAY_UPSTREAM_TIMEOUT: duration('10s').default(10_000).describe('longest a unary call may wait for its service (a client may ask for less with grpc-timeout)'),
  FRM_GATEWAY_CIRCUIT_RESET: duration('5s')
    .default(5_000)
    .describe('how long the gateway refuses the calls of a service that keeps failing before it tries it again (circuit breaker)'),
  FRM_WEB_ROOT: text('services/web/dist').optional().describe('folder of the built web board, served on GET / (none by default)'),
});

const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):\d{1,5}$/;
const hostPort = (example: string) => custom({ schema: z.string().regex(HOST_PORT), expected: 'host:port', example });

/** Where the services run when the gateway runs as a process of its own. */
export const gatewayRouteSettings = defineSettings({
  FRM_INTAKE_GRPC_ADDRESS: hostPort('127.0.0.1:50051').default('127.0.0.1:50051').describe('host:port of the intake gRPC service'),
  FRM_VOTING_GRPC_ADDRESS: hostPort('127.0.0.1:50052').default('127.0.0.1:50052').describe('host:port of the voting gRPC service'),
  FRM_COMPLIANCE_GRPC_ADDRESS: hostPort('127.0.0.1:50053').default('127.0.0.1:50053').describe('host:port of the compliance gRPC service'),
  FRM_NOTIFICATIONS_GRPC_ADDRESS: hostPort('127.0.0.1:50054').default('127.0.0.1:50054').describe('host:port of the notifications gRPC service'),
  FRM_TRIAGE_GRPC_ADDRESS: hostPort('127.0.0.1:50055').default('127.0.0.1:50055').describe('host:port of the triage gRPC service'),
  FRM_DR_GRPC_ADDRESS: hostPort('127.0.0.1:50056').default('127.0.0.1:50056').describe('host:port of the DR orchestrator (frm.v1.RecoveryService)'),
});
