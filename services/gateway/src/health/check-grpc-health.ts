import { status, type Client, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

const CHECK = healthService['Check'] as NonNullable<(typeof healthService)['Check']>;

/**
 * Asks a service for its health with the standard `grpc.health.v1.Health/Check`, over the channel
 * the gateway forwards calls on; resolves with why it is not ready, or `undefined` when it answers
 * SERVING within `timeoutMs`.
 */
export function checkGrpcHealth(client: Client, service: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      CHECK.path,
      CHECK.requestSerialize,
      CHECK.responseDeserialize as (bytes: Buffer) => { status?: string },
      { service },
      { deadline: Date.now() + timeoutMs },
      (error: ServiceError | null, response?: { status?: string }) => {
        if (error) resolve(unhealthyBecause(error, timeoutMs));
        else resolve(response?.status === 'SERVING' ? undefined : `answers ${response?.status ?? 'nothing'}`);
      },
    );
  });
}

function unhealthyBecause(error: ServiceError, timeoutMs: number): string {
  if (error.code === status.DEADLINE_EXCEEDED) return `no answer within ${timeoutMs} ms`;
  if (error.code === status.UNAVAILABLE) return `unreachable (${error.details})`;
  return `health check failed: ${status[error.code] ?? error.code} ${error.details}`;
}
