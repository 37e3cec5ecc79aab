import { randomUUID } from 'node:crypto';
import { Metadata, status } from '@grpc/grpc-js';
import { callerMetadataOf, type Role } from '@frm/caller';
import { isServerFault, toGrpcStatus } from '@frm/grpc-errors';
import { REQUEST_CONTEXT_HEADERS, runWithRequestContext, type Logger } from '@frm/logging';
import { authorizeCall } from '@frm/access';
import type { RpcMetrics } from '@frm/metrics';
import { currentTraceId, currentTraceparent, endWithGrpcStatus, inSpan, SpanKind } from '@frm/tracing';
import type { AccessTokenVerifier } from '../auth/access-token.verifier';
import { clientAddressOf } from '../client-address/client-address';
import type { TrustedProxies } from '../client-address/trusted-proxies';
import { forwardCall, forwardUnaryCall } from '../forwarding/forward-call';
import { isReadOnlyMethodPath, isUnaryMethodPath } from '../forwarding/unary-methods';
import { FORWARDED_REQUEST_HEADERS } from '../forwarding/forwarded-headers';
import { NoRouteError, UnsupportedRequestError } from '../gateway.errors';
import { decodeRequestFrames } from '../protocol/grpc-frame';
import { recogniseProtocol, type GrpcProtocol } from '../protocol/grpc-protocol';
import { deadlineFromGrpcTimeout } from '../protocol/grpc-timeout';
import { decodeGrpcWebText } from '../protocol/grpc-web-text';
import type { CallRateLimiter } from '../rate-limits/call-rate-limiter';
import type { RetryBudget } from '../resilience/retry-budget';
import type { UpstreamCircuits } from '../resilience/upstream-circuits';
import type { UpstreamRoutes } from '../routing/upstream-routes';
import type { CorsPolicy } from './cors.policy';
import { GrpcResponder } from './grpc-responder';
import { headerOf, respondPlainText, type HttpRequest, type HttpResponse } from './http-exchange';
import { readRequestBody } from './read-request-body';

export interface GrpcCallHandlerOptions {
  readonly verifyAccessToken: AccessTokenVerifier;
  readonly routes: UpstreamRoutes;
  readonly accessTable: Readonly<Record<string, readonly Role[]>>;
  readonly cors: CorsPolicy;
  readonly trustedProxies: TrustedProxies;
  readonly maxRequestBytes: number;
  readonly rateLimiter: CallRateLimiter;
  readonly rpcMetrics: RpcMetrics;
  /** A circuit per upstream service. */
  readonly circuits: UpstreamCircuits;
  /** Caps the retries of reads. */
  readonly retryBudget: RetryBudget;
  /** The deadline of a unary call whose client set none, or a longer one (ms). */
  readonly upstreamTimeoutMs: number;
  readonly logger: Logger;
}

const METHOD_PATH = /^\/([A-Za-z_][\w.]*\.[A-Za-z_]\w*)\/([A-Za-z_]\w*)$/;
// Request ids come from clients: anything longer or stranger than an id is replaced, not passed on.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const DEVICE_FINGERPRINT_HEADER = 'x-device-fingerprint';

/**
 * Handles every HTTP request on the gateway's port but GET and HEAD, whichever HTTP version it came
 * over: CORS preflights, then gRPC and gRPC-web calls, each rate-limited by client address and by
 * user, authenticated, authorised from the access table, checked for well-formed frames and
 * forwarded to the service that serves it.
 */
export function createGrpcCallHandler(options: GrpcCallHandlerOptions): (req: HttpRequest, res: HttpResponse) => void {
  const { cors, logger } = options;
  return (req, res) => {
    if (req.method === 'OPTIONS') {
      cors.answerPreflight(req.headers, res);
      return;
    }
    const recognised = recogniseProtocol(headerOf(req.headers, 'content-type'));
    if (req.method !== 'POST' || recognised.kind === 'not-grpc') {
      respondPlainText(
        res,
        req.method !== 'POST' ? 405 : 415,
        'this port takes gRPC and gRPC-web calls: POST with content-type application/grpc, application/grpc-web or application/grpc-web-text (and GET for /healthz, /readyz, /metrics)',
        { allow: 'GET, HEAD, POST, OPTIONS', ...cors.responseHeaders(req.headers) },
      );
      return;
    }
    const protocol: GrpcProtocol = recognised.kind === 'supported' ? recognised.protocol : 'grpc-web';
    if (protocol === 'grpc' && req.httpVersionMajor < 2) {
      respondPlainText(res, 505, 'plain gRPC needs HTTP/2; browsers should use gRPC-web (application/grpc-web)');
      return;
    }
    const suppliedId = headerOf(req.headers, REQUEST_CONTEXT_HEADERS.requestId);
    const requestId = suppliedId !== undefined && REQUEST_ID.test(suppliedId) ? suppliedId : randomUUID();
    const responder = new GrpcResponder(res, protocol, { ...cors.responseHeaders(req.headers), [REQUEST_CONTEXT_HEADERS.requestId]: requestId });
    const clientGone = new Promise<void>((resolve) => res.once('close', () => resolve()));
    const started = Date.now();
    const rpc = (req.url ?? '').slice(1);
    const callEnded = options.rpcMetrics.startCall(rpc);

    const traceparent = headerOf(req.headers, REQUEST_CONTEXT_HEADERS.traceparent);
    // The call's server span continues the browser's trace when it sent one; its own traceparent
    // goes on to the service (see handleCall), and from there into the events and onto Kafka.
    void inSpan(rpc, { kind: SpanKind.SERVER, ...(traceparent ? { traceparent } : {}), attributes: { 'rpc.system': 'grpc', 'frm.request_id': requestId } }, (span) =>
      runWithRequestContext({ requestId, ...traceIdContext() }, async () => {
      let code: number;
      try {
        if (recognised.kind === 'unsupported-codec') {
          throw new UnsupportedRequestError(`the ${recognised.codec} codec is not supported here; send binary protobuf (application/grpc-web+proto)`);
        }
        code = (await handleCall(req, protocol, responder, requestId, clientGone, options)).code;
      } catch (error) {
        const failure = toGrpcStatus(error);
        code = failure.code;
        if (isServerFault(failure.code)) logger.error({ err: error, rpc }, `${rpc} failed in the gateway`);
        responder.finish(failure.code, failure.details, failure.metadata);
      }
      callEnded(code);
      endWithGrpcStatus(span, code, status[code] ?? String(code), isServerFault(code));
      logger.debug({ rpc, code: status[code], protocol, ms: Date.now() - started }, `${rpc} → ${status[code]}`);
      }),
    );
  };
}

async function handleCall(
  req: HttpRequest,
  protocol: GrpcProtocol,
  responder: GrpcResponder,
  requestId: string,
  clientGone: Promise<void>,
  options: GrpcCallHandlerOptions,
) {
  const clientAddress = clientAddressOf(req.socket?.remoteAddress, req.headers['x-forwarded-for'], options.trustedProxies);
  // Before the token is verified, so that a flood of calls with bad tokens is held back too.
  await options.rateLimiter.checkClientAddress(clientAddress);
  const path = req.url ?? '';
  const method = METHOD_PATH.exec(path);
  if (!method) throw new UnsupportedRequestError(`"${path.slice(0, 200)}" is not a gRPC method path; expected /package.Service/Method`);
  const [, service, name] = method as unknown as [string, string, string];

  const caller = await options.verifyAccessToken(headerOf(req.headers, 'authorization'));
  await options.rateLimiter.checkUser(caller.subject);
  authorizeCall(`${service}/${name}`, caller.roles, options.accessTable);
  const client = options.routes.clientFor(service);
  if (!client) throw new NoRouteError(service);

  const isText = protocol === 'grpc-web-text';
  // Base64 makes a text body a third longer than the frames it carries; the limit is on the frames.
  const body = await readRequestBody(req, isText ? Math.ceil((options.maxRequestBytes * 4) / 3) + 4 : options.maxRequestBytes);
  const messages = decodeRequestFrames(isText ? decodeGrpcWebText(body) : body);

  const metadata = new Metadata();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = headerOf(req.headers, name);
    if (value !== undefined) metadata.set(name, value);
  }
  metadata.set(REQUEST_CONTEXT_HEADERS.requestId, requestId);
  const ownTraceparent = currentTraceparent();
  if (ownTraceparent) metadata.set(REQUEST_CONTEXT_HEADERS.traceparent, ownTraceparent);
  const connection = {
    clientAddress,
    userAgent: headerOf(req.headers, 'x-user-agent') ?? headerOf(req.headers, 'user-agent'),
    deviceFingerprint: headerOf(req.headers, DEVICE_FINGERPRINT_HEADER),
  };
  for (const [key, value] of Object.entries(callerMetadataOf(caller, connection))) metadata.set(key, value);

  const [message] = messages;
  const clientDeadline = deadlineFromGrpcTimeout(headerOf(req.headers, 'grpc-timeout'));
  if (messages.length === 1 && message && isUnaryMethodPath(path)) {
    // A unary call never waits longer than the gateway's own deadline, so a stuck service holds
    // neither the board nor the gateway's resources; streams (a watch) keep the client's.
    const ownDeadline = new Date(Date.now() + options.upstreamTimeoutMs);
    const deadline = clientDeadline && clientDeadline < ownDeadline ? clientDeadline : ownDeadline;
    return forwardUnaryCall(client, { service, path, messages, message, metadata, deadline }, responder, clientGone, {
      circuits: options.circuits,
      retryBudget: options.retryBudget,
      retryable: isReadOnlyMethodPath(path),
    });
  }
  return forwardCall(client, { service, path, messages, metadata, deadline: clientDeadline }, responder, clientGone, options.circuits);
}

function traceIdContext(): { traceId?: string } {
  const traceId = currentTraceId();
  return traceId ? { traceId } : {};
}
