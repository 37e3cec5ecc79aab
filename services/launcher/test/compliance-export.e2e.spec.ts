import { randomBytes, randomUUID } from 'node:crypto';
import { access, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAccessToken, type Role } from '@frm/gateway';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './support/embedded-platform';
import { runFrm } from './support/frm-cli';
import { GatewayUser } from './support/gateway-call';

const SECRET = randomBytes(32).toString('base64url');
const TITLE = `Seating chart export ${randomBytes(3).toString('hex')}`;

interface ExportDocument {
  exportId: string;
  subjectId: string;
  requestId: string;
  exportTime: string;
  summary: { recordCount: number; tables: Record<string, number> };
  tables: Record<string, Array<Record<string, unknown>>>;
}

/**
 * `frm compliance export` against the platform `npm start` runs (in this process): a couple's
 * request, comment and vote, made through the gateway, come out as export.json and CSV files; the
 * gateway's refusals and a missing token come out as one line that says what to do.
 */
describe('frm compliance export', () => {
  let embedded: EmbeddedPlatform;
  let gateway: string;
  let workDir: string;
  let couple: GatewayUser;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform({ FRM_JWT_SECRET: SECRET });
    gateway = embedded.platform.gateway.address;
    workDir = await mkdtemp(join(tmpdir(), 'frm-export-'));
    couple = new GatewayUser(gateway, SECRET, ['couple']);
    const submitted = await couple.call('submitFeatureRequest', { requestId: randomUUID(), title: TITLE, description: 'Print it for the venue', category: 'guest-management' });
    const featureRequestId = submitted['id'] as string;
    await couple.call('addComment', { requestId: randomUUID(), featureRequestId, body: 'With table numbers, "please"' });
    await couple.callVoting('castVote', { requestId: randomUUID(), featureRequestId });
  });

  afterAll(async () => {
    await embedded?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const frm = (args: readonly string[], env: Readonly<Record<string, string>> = {}) => runFrm(args, env, workDir);

  const tokenOf = (sub: string, roles: Role[]) => signAccessToken({ sub, roles }, SECRET);

  it("writes a couple's own export: export.json with their request, a CSV file per table, one summary line", async () => {
    const out = join(workDir, 'own');
    const result = await frm(['compliance', 'export', '--subject', couple.subject, '--out', out], {
      FRM_TOKEN: await tokenOf(couple.subject, ['couple']),
      FRM_GATEWAY_ADDRESS: gateway,
    });
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);

    const document = JSON.parse(await readFile(join(out, 'export.json'), 'utf8')) as ExportDocument;
    expect(document).toMatchObject({ subjectId: couple.subject, summary: { tables: { feature_requests: 1, comments: 1, votes: 1 } } });
    expect(document.tables['feature_requests']?.[0]).toMatchObject({ title: TITLE, description: 'Print it for the venue', watermark: document.exportId });
    expect(document.tables['comments']?.[0]).toMatchObject({ body: 'With table numbers, "please"' });
    expect(Object.values(document.tables).flat().every((record) => record['watermark'] === document.exportId)).toBe(true);

    const tables = Object.keys(document.summary.tables);
    expect((await readdir(out)).sort()).toEqual(['export.json', ...tables.map((table) => `${table}.csv`)].sort());
    for (const table of tables) {
      const lines = (await readFile(join(out, `${table}.csv`), 'utf8')).split('\r\n').filter((line) => line !== '');
      expect({ table, rows: lines.length - 1 }).toEqual({ table, rows: document.summary.tables[table] });
      expect(lines[0]?.split(',')).toEqual(expect.arrayContaining(['watermark', 'eventId', 'eventType']));
    }
    const requests = (await readFile(join(out, 'feature_requests.csv'), 'utf8')).split('\r\n');
    expect(requests[0]?.split(',')).toContain('title');
    expect(requests[1]).toContain(TITLE);
    expect(await readFile(join(out, 'comments.csv'), 'utf8')).toContain('"With table numbers, ""please"""');

    expect(result.stdout).toBe(
      `exported ${document.summary.recordCount} records of subject ${couple.subject} in ${tables.length} tables to ${out}: ` +
        `export.json, ${tables.map((table) => `${table}.csv`).join(', ')} (export ${document.exportId})\n`,
    );
    expect((await readdir(workDir)).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it("lets an admin export another person's data with a reason; the same --request-id is the same export", async () => {
    const minted = await frm(['token', '--sub', randomUUID(), '--roles', 'admin'], { FRM_JWT_SECRET: SECRET });
    expect(minted.code).toBe(0);
    const requestId = randomUUID();
    const exportTo = (out: string) =>
      frm(['compliance', 'export', '--subject', couple.subject, '--reason', 'support ticket 4711', '--request-id', requestId, '--out', out, '--address', gateway, '--token', minted.stdout.trim(), '--json']);

    const [first, retry] = [await exportTo(join(workDir, 'admin-1')), await exportTo(join(workDir, 'admin-2'))];
    expect(first.code).toBe(0);
    expect(retry.code).toBe(0);
    const [report, again] = [JSON.parse(first.stdout) as Record<string, unknown>, JSON.parse(retry.stdout) as Record<string, unknown>];
    expect(report).toMatchObject({ subjectId: couple.subject, requestId, outDir: join(workDir, 'admin-1'), tables: expect.objectContaining({ feature_requests: 1 }) });
    expect(again['exportId']).toBe(report['exportId']);
    const document = JSON.parse(await readFile(join(workDir, 'admin-1', 'export.json'), 'utf8')) as ExportDocument;
    expect(document.requestId).toBe(requestId);
    expect(document.summary.recordCount).toBe(report['records']);
  });

  it("refuses someone without the admin role another person's data, and writes nothing", async () => {
    const out = join(workDir, 'refused');
    const result = await frm(['compliance', 'export', '--subject', couple.subject, '--reason', 'curious', '--out', out], {
      FRM_TOKEN: await tokenOf(randomUUID(), ['supplier']),
      FRM_GATEWAY_ADDRESS: gateway,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^frm: PERMISSION_DENIED: .*needs the admin role and --reason/m);
    await expect(access(out)).rejects.toThrow(/ENOENT/);
  });

  it('asks an admin for a reason before exporting another person', async () => {
    const result = await frm(['compliance', 'export', '--subject', couple.subject, '--out', join(workDir, 'no-reason')], {
      FRM_TOKEN: await tokenOf(randomUUID(), ['admin']),
      FRM_GATEWAY_ADDRESS: gateway,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^frm: INVALID_ARGUMENT: reason: is required for a bulk export.*; give --reason/m);
  });

  it('says how to get a token when none is given', async () => {
    const result = await frm(['compliance', 'export', '--subject', couple.subject, '--out', join(workDir, 'no-token')], { FRM_GATEWAY_ADDRESS: gateway });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^frm: no access token: pass --token <jwt> or set FRM_TOKEN.*npx frm token --sub <your uuid> --roles admin/);
  });

  it('says when nothing answers on the address', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const result = await frm(['compliance', 'export', '--subject', couple.subject, '--out', join(workDir, 'down'), '--address', address], {
      FRM_TOKEN: await tokenOf(couple.subject, ['couple']),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`frm: compliance did not answer on ${address}`);
    expect(result.stderr).toContain('is the platform running (npm start)?');
  });

});

/** A port that nothing listens on: taken from the system, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
