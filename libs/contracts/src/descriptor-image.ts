import { readFileSync } from 'node:fs';
import { createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { DESCRIPTOR_IMAGE_PATH } from './proto-files';

/** Every contract's descriptors, from the image `buf build` wrote next to the generated code. */
export function readDescriptorImage(path = DESCRIPTOR_IMAGE_PATH): FileRegistry {
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(path)));
}
