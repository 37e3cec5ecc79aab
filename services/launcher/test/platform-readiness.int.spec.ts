import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '@frm/config';
import { launchPlatform, type RunningPlatform } from '../src/launch-platform';
import { launcherSettings } from '../src/launcher.settings';

/** The embedded platform's gateway, asked by an orchestrator whether it can take traffic. */
describe('the readiness of the embedded platform', () => {
  let dataDir: string;
  let platform: RunningPlatform;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frm-readiness-'));
    platform = await launchPlatform(
      loadSettings(launcherSettings, {
        FRM_DATA_DIR: dataDir,
        FRM_INTAKE_GRPC_PORT: '0',
        FRM_VOTING_GRPC_PORT: '0',
        FRM_COMPLIANCE_GRPC_PORT: '0',
        FRM_NOTIFICATIONS_GRPC_PORT: '0',
        FRM_TRIAGE_GRPC_PORT: '0',
        FRM_DR_GRPC_PORT: '0',
        FRM_GATEWAY_PORT: '0',
        FRM_JWT_SECRET: randomBytes(32).toString('base64url'),
        FRM_LOG_LEVEL: 'silent',
      }),
    );
  });

  afterAll(async () => {
    await platform?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is ready once every service answers its gRPC health check SERVING (no Redis embedded)', async () => {
    const response = await fetch(`http://${platform.gateway.address}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, checks: { 'frm.v1.ComplianceService': 'ready', 'frm.v1.IntakeService': 'ready', 'frm.v1.NotificationService': 'ready', 'frm.v1.RecoveryService': 'ready', 'frm.v1.TriageService': 'ready', 'frm.v1.VotingService': 'ready' }, notReady: [] });
  });

  it('is not ready once a service has stopped, and says which', async () => {
    await platform.voting.close();
    const response = await fetch(`http://${platform.gateway.address}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, notReady: ['frm.v1.VotingService'] });
    expect((await fetch(`http://${platform.gateway.address}/healthz`)).status).toBe(200);
  });
});
