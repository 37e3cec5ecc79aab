import { createHash } from 'node:crypto';
import type { AsyncApiDocument } from './asyncapi.types';
import { buildEventCatalogue } from './build-event-catalogue';
import { catalogueJson, catalogueYaml } from './catalogue-formats';
import { loadCatalogueSources } from './catalogue-sources';
import { CATALOGUE_PAGE_STYLE, renderCataloguePage } from './render-catalogue-page';

/** What the routes need of a response: Node's HTTP/1.1 and HTTP/2 responses both have it. */
export interface CatalogueResponse {
  writeHead(statusCode: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
}

export type CatalogueRoute = (request: unknown, response: CatalogueResponse) => void;

export const CATALOGUE_PATHS = { page: '/events', yaml: '/events/asyncapi.yaml', json: '/events/asyncapi.json' } as const;

// The catalogue changes only with a deployment: caches may keep it a few minutes.
const CACHED = { 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' };

/**
 * GET routes serving the catalogue: the HTML page and the AsyncAPI document as YAML and JSON. The
 * document and its three forms are made once, here, so a request only writes bytes.
 */
export function eventCatalogueRoutes(doc: AsyncApiDocument = buildEventCatalogue(loadCatalogueSources())): Record<string, CatalogueRoute> {
  const page = renderCataloguePage(doc, { downloads: { yaml: CATALOGUE_PATHS.yaml, json: CATALOGUE_PATHS.json } });
  const pageHeaders = {
    ...CACHED,
    'content-type': 'text/html; charset=utf-8',
    // No script at all; the one style element is allowed by its hash.
    'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CATALOGUE_PAGE_STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    'referrer-policy': 'no-referrer',
  };
  const yaml = catalogueYaml(doc);
  const json = catalogueJson(doc);
  return {
    [CATALOGUE_PATHS.page]: (_, res) => send(res, pageHeaders, page),
    [CATALOGUE_PATHS.yaml]: (_, res) => send(res, { ...CACHED, 'content-type': 'application/yaml; charset=utf-8' }, yaml),
    [CATALOGUE_PATHS.json]: (_, res) => send(res, { ...CACHED, 'content-type': 'application/json; charset=utf-8' }, json),
  };
}

function send(res: CatalogueResponse, headers: Record<string, string>, body: string): void {
  res.writeHead(200, headers);
  res.end(body);
}
