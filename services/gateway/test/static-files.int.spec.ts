import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@frm/logging';
import { startGateway, WebRootUnavailableError, type RunningGateway } from '../src';
import { rawHttp } from './support/raw-grpc-web';

const SECRET = randomBytes(32).toString('base64url');
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Bq3x9.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("board");';
const TOP_SECRET = 'the database password is hunter2';

describe('the web board, served by the gateway', () => {
  let folder: string;
  let gateway: RunningGateway;

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => rawHttp(gateway.address, { method, path, headers });

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'frm-web-'));
    const webRoot = join(folder, 'dist');
    await mkdir(join(webRoot, 'assets'), { recursive: true });
    await writeFile(join(webRoot, 'index.html'), INDEX);
    await writeFile(join(webRoot, 'assets', 'index-Bq3x9.js'), SCRIPT);
    await writeFile(join(webRoot, 'assets', 'index-D4e1.css'), 'body{margin:0}');
    await writeFile(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(webRoot, '.env'), TOP_SECRET);
    // Outside the web root, next to it: what a traversal would be after.
    await writeFile(join(folder, 'secret.txt'), TOP_SECRET);
    await symlink(folder, join(webRoot, 'escape'));
    gateway = await startGateway({
      routes: {},
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
      webRoot,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves index.html at /, revalidated on each visit, with security headers a Vite-built React bundle runs under', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(INDEX);
    expect(response.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('answers the app’s routes with index.html, so that a reload of a deep link works', async () => {
    for (const path of ['/requests/42', '/requests/42/comments?sort=new', '/admin']) {
      const response = await get(path);
      expect({ path, status: response.status, body: response.body.toString() }).toEqual({ path, status: 200, body: INDEX });
    }
  });

  it('serves hashed assets for a year, with their content types', async () => {
    const script = await get('/assets/index-Bq3x9.js');
    expect(script.status).toBe(200);
    expect(script.body.toString()).toBe(SCRIPT);
    expect(script.headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-length': String(SCRIPT.length),
    });
    expect(script.headers).not.toHaveProperty('content-security-policy');
    expect((await get('/assets/index-D4e1.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/favicon.svg')).headers).toMatchObject({ 'content-type': 'image/svg+xml', 'cache-control': 'no-cache' });
  });

  it('answers 404 for a missing asset or file, never the index in its place', async () => {
    for (const path of ['/assets/index-gone.js', '/assets/chunk', '/missing.png']) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body.toString()).not.toContain('<html');
    }
  });

  it('answers HEAD with the headers alone, and a matching If-None-Match with 304', async () => {
    const head = await get('/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(INDEX.length));
    expect(head.body.length).toBe(0);
    const etag = head.headers['etag'] as string;
    expect((await get('/', { 'if-none-match': etag })).status).toBe(304);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/escape/secret.txt',
    '/.env',
    '/%2eenv',
    '/index.html%00.js',
    '//secret.txt',
  ])('never serves anything outside the web root, nor dotfiles: %s', async (path) => {
    const response = await get(path);
    expect([400, 404]).toContain(response.status);
    expect(response.body.toString()).not.toContain('hunter2');
    expect(response.body.toString()).not.toContain('<html');
  });

  it('still answers /healthz and /metrics', async () => {
    expect((await get('/healthz')).body.toString()).toBe('ok\n');
    expect((await get('/metrics')).body.toString()).toContain('frm_gateway_rate_limiter_degraded_total');
  });

  it('refuses to start on a web root that is not there, naming the setting', async () => {
    const start = startGateway({
      routes: {},
      tokenKeys: { secret: SECRET },
      logger: createLogger({ service: 'gateway-test', level: 'silent' }),
      port: 0,
      webRoot: join(folder, 'not-built'),
    });
    await expect(start).rejects.toThrow(WebRootUnavailableError);
    await expect(start).rejects.toThrow(/FRM_WEB_ROOT/);
  });
});
