import type { CallerClaims, CallerConnection } from './caller-context';
import { CALLER_METADATA } from './caller-metadata';

/** The longest device fingerprint passed on; a longer one is dropped, not cut. */
export const DEVICE_FINGERPRINT_MAX_LENGTH = 256;

// gRPC metadata values must be printable ASCII; a value that is not is left out rather than mangled.
const PRINTABLE_ASCII = /^[ -~]+$/;

/**
 * The caller metadata of one call, by key: the gateway's side of {@link callerFromMetadata}. Values
 * that are absent, empty or not printable ASCII are left out, and so is a device fingerprint longer
 * than {@link DEVICE_FINGERPRINT_MAX_LENGTH}.
 */
export function callerMetadataOf(caller: CallerClaims, connection: CallerConnection = {}): Record<string, string> {
  const fingerprint = connection.deviceFingerprint;
  const entries: [string, string | number | undefined][] = [
    [CALLER_METADATA.subject, caller.subject],
    [CALLER_METADATA.roles, caller.roles.join(',')],
    [CALLER_METADATA.supplierType, caller.supplierType],
    [CALLER_METADATA.timeZone, caller.timeZone],
    [CALLER_METADATA.weddingDate, caller.weddingDate],
    [CALLER_METADATA.accountCreatedAt, caller.accountCreatedAt],
    [CALLER_METADATA.clientAddress, connection.clientAddress],
    [CALLER_METADATA.userAgent, connection.userAgent],
    [CALLER_METADATA.deviceFingerprint, fingerprint !== undefined && fingerprint.length <= DEVICE_FINGERPRINT_MAX_LENGTH ? fingerprint : undefined],
  ];
  const metadata: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (value !== undefined && PRINTABLE_ASCII.test(String(value))) metadata[key] = String(value);
  }
  return metadata;
}
