import type { Options } from '@grpc/proto-loader';
import { PROTO_ROOT } from './proto-files';

/**
 * How `@grpc/proto-loader` (and so NestJS) must load the `.proto` files for the objects it builds to
 * be exactly the ts-proto types. Each option mirrors one ts-proto option in proto/buf.gen.yaml;
 * change them together, and the wire-compatibility test tells you when they disagree.
 */
export const PROTO_LOADER_OPTIONS = {
  // ts-proto's camelCase keys (snakeToCamel default); canonical JSON uses the same names.
  keepCase: false,
  // forceLong=string: int64 as decimal strings, no precision lost beyond 2^53.
  longs: String,
  // stringEnums=true: enum values as their names.
  enums: String,
  // Scalars and repeated fields always present, absent message fields null (useNullAsOptional=true);
  // proto3 `optional` fields stay absent when unset, as in ts-proto.
  defaults: true,
  // ts-proto has no "which member is set" property (oneof=properties).
  oneofs: false,
  includeDirs: [PROTO_ROOT],
} satisfies Options;
