import { randomUUID } from 'node:crypto';
import { frmV1 } from '@frm/contracts';
import { signAccessToken } from '@frm/gateway';
import { GrpcWebCaller, type CallResult } from '../load/grpc-web-caller';

/**
 * An operator's calls through the gateway (gRPC-web, an admin token): the DR orchestrator's
 * projection list and verification. A verification streams its progress; the last message carries
 * the report, which is the one the caller keeps.
 */
export class AdminCalls {
  private calls = 0;

  private constructor(
    private readonly caller: GrpcWebCaller,
    private readonly tokens: readonly string[],
  ) {}

  static async sign(gatewayAddress: string, secret: string): Promise<AdminCalls> {
    const tokens = await Promise.all(Array.from({ length: 8 }, () => signAccessToken({ sub: randomUUID(), roles: ['admin'], expiresInSeconds: 4 * 3600 }, secret)));
    return new AdminCalls(new GrpcWebCaller(gatewayAddress, 8, 300_000), tokens);
  }

  async listProjections(): Promise<frmV1.ListProjectionsResponse | CallResult> {
    const result = await this.call('/frm.v1.RecoveryService/ListProjections', frmV1.ListProjectionsRequest.encode({}).finish());
    return result.code === 'OK' && result.message ? frmV1.ListProjectionsResponse.decode(result.message) : result;
  }

  async verifyProjection(name: string): Promise<frmV1.VerifyReport | CallResult> {
    const result = await this.call('/frm.v1.RecoveryService/VerifyProjection', frmV1.VerifyProjectionRequest.encode({ name }).finish());
    if (result.code !== 'OK' || !result.message) return result;
    const report = frmV1.VerifyProjectionUpdate.decode(result.message).report;
    return report ?? { ...result, code: 'NO_REPORT', details: 'the last update of the stream carried no report' };
  }

  close(): Promise<void> {
    return this.caller.close();
  }

  private call(path: string, message: Uint8Array): Promise<CallResult> {
    // Each call from another admin account and address: the operator's polling stays under the limits.
    const index = this.calls++;
    return this.caller.unary(path, message, { authorization: `Bearer ${this.tokens[index % this.tokens.length] as string}`, 'x-forwarded-for': `198.51.100.${index % 250}` });
  }
}

export function isCallResult(value: unknown): value is CallResult {
  return typeof value === 'object' && value !== null && 'code' in value && 'details' in value;
}
