import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { createLogger } from '@frm/logging';
import { deadLetterTopicOf, findRoute, frmEventRoutes, topicsOf } from '@frm/messaging';
import { startGateway, type RunningGateway } from '../src';
import { rawHttp } from './support/raw-grpc-web';

const SECRET = randomBytes(32).toString('base64url');

interface CatalogueDocument {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, { name: string }> };
}

describe('the event catalogue, served by the gateway', () => {
  let gateway: RunningGateway;
  const get = (path: string, method = 'GET') => rawHttp(gateway.address, { method, path });
  const routedTypes = loadEventSchemaRegistry()
    .eventTypes()
    .filter((type) => findRoute(frmEventRoutes, type));

  beforeAll(async () => {
    gateway = await startGateway({
      routes: {},
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
    });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('serves the AsyncAPI document as YAML and JSON, alike, cacheable for a short time', async () => {
    const yaml = await get('/events/asyncapi.yaml');
    const json = await get('/events/asyncapi.json');
    expect(yaml.status).toBe(200);
    expect(yaml.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    for (const response of [yaml, json]) expect(response.headers['cache-control']).toBe('public, max-age=300');
    const fromJson = JSON.parse(json.body.toString()) as CatalogueDocument;
    expect(parse(yaml.body.toString())).toEqual(fromJson);
    expect(fromJson.asyncapi).toBe('3.0.0');
  });

  it('lists every topic of the event routes, its dead-letter topic and every event type routed to it', async () => {
    const doc = JSON.parse((await get('/events/asyncapi.json')).body.toString()) as CatalogueDocument;
    for (const topic of topicsOf(frmEventRoutes)) {
      const names = Object.values(doc.channels[topic]?.messages ?? {}).map(({ $ref }) => doc.components.messages[$ref.split('/').pop() as string]?.name);
      expect(names).toEqual(routedTypes.filter((type) => findRoute(frmEventRoutes, type)?.topic === topic));
      expect(doc.channels[deadLetterTopicOf(topic)]?.address).toBe(deadLetterTopicOf(topic));
    }
  });

  it('serves the catalogue as an HTML page naming every topic and event type, with every text escaped', async () => {
    const response = await get('/events');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const page = response.body.toString();
    for (const topic of topicsOf(frmEventRoutes)) expect(page).toContain(`<code>${topic}</code>`);
    for (const type of routedTypes) expect(page).toContain(`<code>${type}</code>`);
    // The header docs and .proto comments hold text in angle brackets: shown as text, never as tags.
    expect(page).toContain('<code>&lt;commit&gt;/&lt;prepare&gt;</code>');
    expect(page).toContain('vote-&lt;target_feature_request_id&gt;-&lt;voter_id&gt;');
    expect(page).not.toMatch(/<(commit|prepare|target_feature_request_id|voter_id)>/);
  });

  it('answers HEAD too, and leaves other paths to what served them before', async () => {
    const head = await get('/events', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await get('/events/')).status).toBe(404);
    expect((await get('/healthz')).status).toBe(200);
  });
});
