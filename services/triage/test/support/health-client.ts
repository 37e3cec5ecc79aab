import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

type Check = (request: { service: string }, callback: (error: ServiceError | null, response?: { status: string }) => void) => void;

/** Asks the server at `address` for the health of `service` with `grpc.health.v1.Health/Check`; resolves with the status or the error. */
export async function checkHealth(address: string, service: string): Promise<string | ServiceError> {
  const Client = makeGenericClientConstructor(healthService as never, 'Health');
  const client = new Client(address, credentials.createInsecure()) as unknown as { check: Check; close(): void };
  try {
    return await new Promise((resolve) => client.check({ service }, (error, response) => resolve(error ?? (response?.status as string))));
  } finally {
    client.close();
  }
}
