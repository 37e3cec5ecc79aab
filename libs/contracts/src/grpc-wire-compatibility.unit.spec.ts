import type { DescMessage } from '@bufbuild/protobuf';
import { loadSync, type MethodDefinition } from '@grpc/proto-loader';
import fc from 'fast-check';
import { readDescriptorImage } from './descriptor-image';
import * as frmInternalV1 from './generated/index.frm.internal.v1';
import * as frmV1 from './generated/index.frm.v1';
import { Timestamp } from './generated/google/protobuf/timestamp';
import { messageSample } from './message-sample.arbitrary';
import { FRM_INTERNAL_V1_PACKAGE, FRM_INTERNAL_V1_PROTO_FILES, FRM_V1_PACKAGE, FRM_V1_PROTO_FILES } from './proto-files';
import { PROTO_LOADER_OPTIONS } from './proto-loader-options';

// NestJS builds request objects with @grpc/proto-loader and PROTO_LOADER_OPTIONS; clients built on
// ts-proto's grpc-js definitions use ts-proto's codecs. Both must see the same object, field for field.

interface Codec {
  $type: string;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
}

const isCodec = (value: unknown): value is Codec =>
  typeof value === 'object' && value !== null && typeof (value as Partial<Codec>).$type === 'string';

const exported: unknown[] = [...Object.values(frmV1), ...Object.values(frmInternalV1), Timestamp];
// The service-to-service package is served by the same NestJS transport, so it must agree too.
const PACKAGES = [FRM_V1_PACKAGE, FRM_INTERNAL_V1_PACKAGE];
const codecs = new Map(exported.filter(isCodec).map((codec) => [codec.$type, codec]));
const image = readDescriptorImage();
const packageDefinition = loadSync([...FRM_V1_PROTO_FILES, ...FRM_INTERNAL_V1_PROTO_FILES], PROTO_LOADER_OPTIONS);

const rpcs = [...image]
  .filter((type) => type.kind === 'service' && PACKAGES.includes(type.file.proto.package ?? ''))
  .flatMap((service) => (service.kind === 'service' ? service.methods : []))
  .map((method) => ({
    name: `${method.parent.typeName}/${method.name}`,
    input: method.input,
    output: method.output,
    loaded: (packageDefinition[method.parent.typeName] as Record<string, MethodDefinition<unknown, unknown>>)[
      method.name
    ],
  }));

const directions = rpcs.flatMap(({ name, input, output, loaded }) => [
  { rpc: name, schema: input, serialize: loaded.requestSerialize, deserialize: loaded.requestDeserialize },
  { rpc: name, schema: output, serialize: loaded.responseSerialize, deserialize: loaded.responseDeserialize },
]);

function codecOf(typeName: string): Codec {
  const codec = codecs.get(typeName);
  if (codec === undefined) throw new Error(`no ts-proto codec for ${typeName}`);
  return codec;
}

function reachableMessages(schema: DescMessage, seen = new Set<string>()): Set<string> {
  if (seen.has(schema.typeName)) return seen;
  seen.add(schema.typeName);
  for (const field of schema.fields) {
    if (field.message) reachableMessages(field.message, seen);
  }
  return seen;
}

describe('frm.v1 and frm.internal.v1 on the wire: ts-proto and proto-loader agree', () => {
  it('covers every message of both: each one travels in some RPC', () => {
    const travelling = new Set<string>();
    for (const { schema } of directions) reachableMessages(schema, travelling);
    const declared = [...image].filter((type) => type.kind === 'message' && PACKAGES.includes(type.file.proto.package ?? ''));

    expect(declared.map((type) => type.typeName).filter((name) => !travelling.has(name))).toEqual([]);
    expect([...travelling].filter((name) => !codecs.has(name))).toEqual([]);
  });

  describe.each(directions.map((direction) => [`${direction.rpc} ${direction.schema.name}`, direction]))(
    '%s',
    (_title, { schema, serialize, deserialize }) => {
      const codec = codecOf(schema.typeName);

      it.each([
        ['every field set', true],
        ['any fields set', false],
      ])('%s: ts-proto encode → proto-loader decode, and back, keep every field and its type', (_case, full) => {
        fc.assert(
          fc.property(messageSample(schema, { full }), (sample) => {
            expect(deserialize(Buffer.from(codec.encode(sample).finish()))).toStrictEqual(sample);
            expect(codec.decode(serialize(sample))).toStrictEqual(sample);
          }),
          { numRuns: 25 },
        );
      });

      it('an empty message decodes the same in both', () => {
        expect(deserialize(Buffer.alloc(0))).toStrictEqual(codec.decode(new Uint8Array(0)));
      });
    },
  );
});
