import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { headerOf, respondPlainText, type HttpResponse } from './http-exchange';

// What a gRPC-web client sends and must be able to read; browsers hide any header not listed.
const ALLOWED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'x-grpc-web',
  'x-user-agent',
  'grpc-timeout',
  'x-request-id',
  'x-correlation-id',
  'traceparent',
  'tracestate',
  'x-device-fingerprint',
];
const EXPOSED_RESPONSE_HEADERS = ['grpc-status', 'grpc-message', 'grpc-status-details-bin', 'x-request-id', 'frm-field', 'retry-after'];
const PREFLIGHT_CACHE_SECONDS = 7200;

/** Which browser origins may call the gateway (`FRM_CORS_ORIGINS`; `*` allows any). */
export class CorsPolicy {
  private readonly anyOrigin: boolean;
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[] = []) {
    this.anyOrigin = origins.includes('*');
    this.origins = new Set(origins.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  }

  /** The CORS headers of an actual call from `origin`; none for an origin that is not allowed. */
  responseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
    const origin = headerOf(headers, 'origin');
    if (origin === undefined || !this.allows(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': EXPOSED_RESPONSE_HEADERS.join(', '),
      vary: 'Origin',
    };
  }

  /** Answers a preflight `OPTIONS`: 204 with the allowed methods and headers, or 403 naming the setting. */
  answerPreflight(headers: IncomingHttpHeaders, res: HttpResponse): void {
    const origin = headerOf(headers, 'origin');
    if (origin === undefined) {
      respondPlainText(res, 204, '', { allow: 'POST, OPTIONS' });
      return;
    }
    if (!this.allows(origin)) {
      respondPlainText(res, 403, `origin ${origin} may not call this gateway; add it to FRM_CORS_ORIGINS`, { vary: 'Origin' });
      return;
    }
    (res as ServerResponse).writeHead(204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': ALLOWED_REQUEST_HEADERS.join(', '),
      'access-control-expose-headers': EXPOSED_RESPONSE_HEADERS.join(', '),
      'access-control-max-age': String(PREFLIGHT_CACHE_SECONDS),
      vary: 'Origin',
    });
    res.end();
  }

  private allows(origin: string): boolean {
    return this.anyOrigin || this.origins.has(origin.replace(/\/+$/, '').toLowerCase());
  }
}
