export { CALLER_METADATA, RESERVED_METADATA_PREFIX } from './caller-metadata';
export type { CallerClaims, CallerConnection, CallerContext } from './caller-context';
export { callerFromMetadata } from './caller-from-metadata';
export { callerMetadataOf, DEVICE_FINGERPRINT_MAX_LENGTH } from './caller-metadata-of';
export { ROLES, STAFF_ROLES, type Role } from './roles';
