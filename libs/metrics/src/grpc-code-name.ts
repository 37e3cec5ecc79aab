import { status } from '@grpc/grpc-js';

/** The name of a gRPC status code (`OK`, `RESOURCE_EXHAUSTED`…); `UNKNOWN` for a number outside the spec. */
export function grpcCodeName(code: number): string {
  const name: unknown = status[code];
  return typeof name === 'string' ? name : 'UNKNOWN';
}
