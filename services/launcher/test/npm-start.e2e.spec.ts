import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayUser } from './support/gateway-call';
import { LauncherProcess } from './support/launcher-process';

describe('npm start: the platform in one process on embedded defaults', () => {
  let dataDir: string;
  const started: LauncherProcess[] = [];

  const launch = (env: Record<string, string> = {}) => {
    const launcher = LauncherProcess.start({ FRM_DATA_DIR: dataDir, FRM_INTAKE_GRPC_PORT: '0', FRM_VOTING_GRPC_PORT: '0', FRM_COMPLIANCE_GRPC_PORT: '0', FRM_NOTIFICATIONS_GRPC_PORT: '0', FRM_TRIAGE_GRPC_PORT: '0', FRM_DR_GRPC_PORT: '0', FRM_GATEWAY_PORT: '0', ...env });
    started.push(launcher);
    return launcher;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frm-launcher-'));
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((launcher) => launcher.stop('SIGKILL')));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says where it listens, where the data is and how to mint a token, keeps data and tokens over a restart, and stops cleanly', async () => {
    const first = launch();
    const running = await first.running();
    expect(running).toMatchObject({
      level: 'info',
      data: `PGlite in ${dataDir}`,
      mailOutbox: join(dataDir, 'outbox'),
      intakeGrpc: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      gateway: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    const secretFile = join(dataDir, 'jwt-secret');
    const hint = first.lines.find((line) => line.msg.startsWith('access tokens are signed'));
    expect(hint).toMatchObject({ level: 'info', jwtSecretFile: secretFile, msg: expect.stringContaining('npx frm token --sub <uuid> --roles couple') });
    expect(first.lines.filter((line) => line.level === 'info')).toEqual([hint, running]);

    const secret = (await readFile(secretFile, 'utf8')).trim();
    const couple = new GatewayUser(running['gateway'] as string, secret, ['couple']);
    const submitted = await couple.call('submitFeatureRequest', { title: 'Table plan for 200 guests', category: 'guest-management', tags: ['seating'] });
    expect(await first.stop('SIGTERM')).toBe(0);
    // The embedded master key is made once, and the log says where (a warning: it must be backed up).
    const masterKey = first.lines.find((line) => line.msg.startsWith('made a development master key'));
    expect(masterKey).toMatchObject({ level: 'warn', masterKeyFile: join(dataDir, 'master-key') });
    expect(first.lines.map((line) => line.msg)).toEqual([masterKey?.msg, hint?.msg, running.msg, 'stopping on SIGTERM', 'stopped']);
    // The event store's backups are kept beside the data by default (FRM_BACKUP_DIR elsewhere).
    expect((await readdir(dataDir)).sort()).toEqual(['backups', 'jwt-secret', 'master-key', 'pglite', 'signal-hash-key', 'unsubscribe-key']);
    expect(await readdir(join(dataDir, 'backups'))).toContain('catalogue.json');

    const second = launch();
    // The same token still works: the secret was kept in the data folder.
    const again = new GatewayUser((await second.running())['gateway'] as string, secret, ['couple'], couple.subject);
    expect(await again.call('getFeatureRequest', { featureRequestId: submitted['id'] })).toEqual(submitted);
    expect((await again.call('listFeatureRequests', { authorId: couple.subject }))['featureRequests']).toEqual([submitted]);
    expect(await second.stop('SIGINT')).toBe(0);
  });

  it('refuses a second platform on the same data folder, in one line that names the fix', async () => {
    const first = launch();
    await first.running();

    const second = launch();
    expect(await second.exitCode()).toBe(1);
    expect(second.lines).toHaveLength(1);
    expect(second.lines[0]).toMatchObject({ level: 'fatal', msg: expect.stringContaining(`${dataDir} is in use by process`) });
    expect(second.lines[0]?.msg).toContain('FRM_DATA_DIR');
  });

  it('fails in one line naming the port setting when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const launcher = launch({ FRM_INTAKE_GRPC_PORT: String(port) });
      expect(await launcher.exitCode()).toBe(1);
      // Compliance starts before intake (intake encrypts with its keys): its one-time master-key warning may come first.
      const lines = launcher.lines.filter((line) => !line.msg.startsWith('made a development master key'));
      expect(lines).toEqual([expect.objectContaining({ level: 'fatal', msg: expect.stringContaining(`127.0.0.1:${port}`) })]);
      expect(lines[0]?.msg).toContain('FRM_INTAKE_GRPC_PORT');
      expect(await readdir(dataDir)).not.toContain('frm.lock');
    } finally {
      blocker.close();
    }
  });

  it('fails in one line naming the gateway port setting when that port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const launcher = launch({ FRM_GATEWAY_PORT: String(port) });
      expect(await launcher.exitCode()).toBe(1);
      // Compliance starts before the gateway: its one-time master-key warning may come first.
      const lines = launcher.lines.filter((line) => !line.msg.startsWith('made a development master key'));
      expect(lines).toEqual([expect.objectContaining({ level: 'fatal', msg: expect.stringContaining(`127.0.0.1:${port}`) })]);
      expect(lines[0]?.msg).toContain('FRM_GATEWAY_PORT');
    } finally {
      blocker.close();
    }
  });

  it('fails in one line naming every bad setting', async () => {
    const launcher = launch({ FRM_INTAKE_GRPC_PORT: 'fifty', FRM_LOG_LEVEL: 'loud' });
    expect(await launcher.exitCode()).toBe(1);
    expect(launcher.lines).toHaveLength(1);
    expect(launcher.lines[0]?.msg).toMatch(/^cannot start: FRM_LOG_LEVEL: .*; FRM_INTAKE_GRPC_PORT: expected a TCP port/);
  });
});
