import path from 'node:path';

/** The `proto/` folder: the include directory every `.proto` import is relative to. */
export const PROTO_ROOT = path.resolve(__dirname, '../../../proto');

/** The `frm.v1` gRPC contracts, relative to PROTO_ROOT (NestJS `protoPath`, with PROTO_LOADER_OPTIONS). */
export const FRM_V1_PROTO_FILES: readonly string[] = [
  'frm/v1/feature_request.proto',
  'frm/v1/intake_service.proto',
  'frm/v1/vote.proto',
  'frm/v1/voting_service.proto',
  'frm/v1/compliance_service.proto',
  'frm/v1/notification_service.proto',
  'frm/v1/triage_service.proto',
  'frm/v1/recovery_service.proto',
];

/** The proto package NestJS serves (`package` in its gRPC options). */
export const FRM_V1_PACKAGE = 'frm.v1';

/**
 * Service-to-service contracts (`frm.internal.v1`), relative to PROTO_ROOT. Kept apart from frm.v1
 * because the gateway must never route them: only a service that serves one loads these files.
 */
export const FRM_INTERNAL_V1_PROTO_FILES: readonly string[] = ['frm/internal/v1/subject_keys.proto', 'frm/internal/v1/notification_links.proto'];

export const FRM_INTERNAL_V1_PACKAGE = 'frm.internal.v1';

/** A FileDescriptorSet of every contract, built by `buf build` next to the generated code. */
export const DESCRIPTOR_IMAGE_PATH = path.join(__dirname, 'generated', 'frm.binpb');
