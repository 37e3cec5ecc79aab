import type { status } from '@grpc/grpc-js';

/**
 * An error the caller can act on. Its `message` is sent to the caller as the gRPC status details
 * and is logged: say what was wrong and what to do, and never echo free text a person wrote.
 */
export abstract class ApplicationError extends Error {
  /** The gRPC status code the error maps to. */
  abstract readonly code: status;

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
  }

  /** Trailers sent with the status: key → values. */
  trailers(): Readonly<Record<string, readonly string[]>> {
    return {};
  }
}
