import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '@frm/config';
import { launchPlatform, type RunningPlatform } from '../../src/launch-platform';
import { launcherSettings } from '../../src/launcher.settings';

/** The platform as `npm start` runs it, in this process, on a data folder of its own. */
export interface EmbeddedPlatform {
  readonly platform: RunningPlatform;
  readonly dataDir: string;
  /** Signs the test's access tokens (FRM_JWT_SECRET). */
  readonly secret: string;
  /** Stops the platform and removes its data folder. */
  close(): Promise<void>;
}

/** Every port free, logs silent, a fresh JWT secret; `settings` adds to or overrides those. */
export async function startEmbeddedPlatform(settings: Record<string, string> = {}): Promise<EmbeddedPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'frm-platform-'));
  const secret = settings['FRM_JWT_SECRET'] ?? randomBytes(32).toString('base64url');
  try {
    const platform = await launchPlatform(
      loadSettings(launcherSettings, {
        FRM_DATA_DIR: dataDir,
        FRM_INTAKE_GRPC_PORT: '0',
        FRM_VOTING_GRPC_PORT: '0',
        FRM_COMPLIANCE_GRPC_PORT: '0',
        FRM_NOTIFICATIONS_GRPC_PORT: '0',
        FRM_TRIAGE_GRPC_PORT: '0',
        FRM_DR_GRPC_PORT: '0',
        FRM_GATEWAY_PORT: '0',
        FRM_JWT_SECRET: secret,
        FRM_LOG_LEVEL: 'silent',
        ...settings,
      }),
    );
    return {
      platform,
      dataDir,
      secret,
      async close() {
        try {
          await platform.close();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
