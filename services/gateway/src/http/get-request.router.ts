import type { ServerResponse } from 'node:http';
import { eventCatalogueRoutes } from '@frm/event-catalogue';
import type { Logger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import type { ReadinessReport } from '../health/readiness';
import type { StaticFiles } from '../static-files/static-files';
import { respondPlainText, type HttpRequest, type HttpResponse } from './http-exchange';

export interface GetRouterOptions {
  /** Checks what the gateway needs, for `/readyz`. */
  readonly readiness: () => Promise<ReadinessReport>;
  /** Exposed on `/metrics`. */
  readonly metrics: Registry;
  /** Serves every other GET path when given. */
  readonly staticFiles?: StaticFiles;
  readonly logger: Logger;
}

// Probes and scrapes must see the state now, never a cached answer.
const NOT_CACHED = { 'cache-control': 'no-store' };

/**
 * Answers GET and HEAD requests on the gateway's port: `/healthz` (the process serves), `/readyz`
 * (every routed service and Redis answer), `/metrics` (Prometheus text), and the web board's files
 * for any other path when a web root is set.
 */
export function createGetRouter(options: GetRouterOptions): (req: HttpRequest, res: HttpResponse) => void {
  const routes: Readonly<Record<string, (req: HttpRequest, res: HttpResponse) => Promise<void> | void>> = {
    '/healthz': (_, res) => respondPlainText(res, 200, 'ok', NOT_CACHED),
    '/readyz': async (_, res) => {
      const report = await options.readiness();
      respondJson(res, report.ready ? 200 : 503, report);
    },
    '/metrics': async (_, res) => {
      const text = await options.metrics.metrics();
      (res as ServerResponse).writeHead(200, { ...NOT_CACHED, 'content-type': options.metrics.contentType });
      res.end(text);
    },
    ...eventCatalogueRoutes(),
  };
  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] as string;
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    const serve = route ?? ((request, response) => (options.staticFiles ? options.staticFiles.serve(request, response) : nothingHere(response)));
    Promise.resolve()
      .then(() => serve(req, res))
      .catch((error: unknown) => {
        options.logger.error({ err: error, path: path.slice(0, 200) }, `GET ${path.slice(0, 200)} failed in the gateway`);
        if (res.headersSent) res.destroy();
        else respondPlainText(res, 500, 'the gateway failed to answer; see its log');
      });
  };
}

function respondJson(res: HttpResponse, statusCode: number, body: unknown): void {
  (res as ServerResponse).writeHead(statusCode, { ...NOT_CACHED, 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body)}\n`);
}

function nothingHere(res: HttpResponse): void {
  respondPlainText(
    res,
    404,
    'not found: this port serves gRPC and gRPC-web calls (POST), /healthz, /readyz and /metrics; set FRM_WEB_ROOT to serve the web board here',
  );
}
