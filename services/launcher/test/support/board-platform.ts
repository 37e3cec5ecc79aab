import { randomBytes, randomUUID } from 'node:crypto';
import { signAccessToken, type Role } from '@frm/gateway';
import type { RunningPlatform } from '../../src/launch-platform';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './embedded-platform';
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
  private constructor(private readonly embedded: EmbeddedPlatform) {}

  static async start(): Promise<BoardPlatform> {
    // Every person of these tests browses from 127.0.0.1; the per-user limit still holds.
    return new BoardPlatform(await startEmbeddedPlatform({ FRM_RATE_LIMIT_PER_IP: '100000' }));
  }

  get platform(): RunningPlatform {
    return this.embedded.platform;
  }

  private get secret(): string {
    return this.embedded.secret;
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

  close(): Promise<void> {
    return this.embedded.close();
  }
}
