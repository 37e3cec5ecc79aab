import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '@frm/config';
import { signAccessToken, type Role } from '@frm/gateway';
import { launchPlatform, type RunningPlatform } from '../../src/launch-platform';
import { launcherSettings } from '../../src/launcher.settings';
import { GatewayUser } from './gateway-call';

const ACCOUNT_AGE_SECONDS = 400 * 86_400;

/** Someone with an access token, as `npx frm token` mints them. */
export interface BoardPerson {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly token: string;
}

/** The platform as `npm start` runs it (embedded PGlite, the built board at `/`), in this process. */
export class BoardPlatform {
  private constructor(
    readonly platform: RunningPlatform,
    private readonly dataDir: string,
    private readonly secret: string,
  ) {}

  static async start(): Promise<BoardPlatform> {
    const dataDir = await mkdtemp(join(tmpdir(), 'frm-board-'));
    const secret = randomBytes(32).toString('base64url');
    try {
      const platform = await launchPlatform(
        loadSettings(launcherSettings, {
          FRM_DATA_DIR: dataDir,
          FRM_INTAKE_GRPC_PORT: '0',
          FRM_VOTING_GRPC_PORT: '0',
          FRM_GATEWAY_PORT: '0',
          FRM_JWT_SECRET: secret,
          FRM_LOG_LEVEL: 'silent',
          // Every person of these tests browses from 127.0.0.1; the per-user limit still holds.
          FRM_RATE_LIMIT_PER_IP: '100000',
        }),
      );
      return new BoardPlatform(platform, dataDir, secret);
    } catch (error) {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Where a browser opens the board. */
  get url(): string {
    return `http://${this.platform.gateway.address}`;
  }

  /** A new person with `roles`; their account is old enough not to look like a sockpuppet. */
  async person(...roles: Role[]): Promise<BoardPerson> {
    const subject = randomUUID();
    const claims = { account_created_at: Math.floor(Date.now() / 1000) - ACCOUNT_AGE_SECONDS };
    return { subject, roles, token: await signAccessToken({ sub: subject, roles, claims }, this.secret) };
  }

  /** `person` calling the gateway's gRPC-web API directly, without a browser (to set a scene quickly). */
  apiClientOf(person: BoardPerson): GatewayUser {
    return new GatewayUser(this.platform.gateway.address, this.secret, person.roles, person.subject);
  }

  /** A token the gateway refuses: signed with another secret. */
  forgedToken(): Promise<string> {
    return signAccessToken({ sub: randomUUID(), roles: ['couple'] }, randomBytes(32).toString('base64url'));
  }

  async close(): Promise<void> {
    try {
      await this.platform.close();
    } finally {
      await rm(this.dataDir, { recursive: true, force: true });
    }
  }
}
