import { readDescriptorImage } from '@frm/contracts';

let paths: ReadonlySet<string> | undefined;

/**
 * `/package.Service/Method` of every unary RPC in the contracts. A unary call forwarded as a unary
 * call costs grpc-js less than as a duplex stream, and most calls a board makes are unary.
 */
export function isUnaryMethodPath(path: string): boolean {
  paths ??= new Set(
    [...readDescriptorImage().files].flatMap((file) =>
      file.services.flatMap((service) => service.methods.filter((method) => method.methodKind === 'unary').map((method) => `/${service.typeName}/${method.name}`)),
    ),
  );
  return paths.has(path);
}

const READ_ONLY_METHOD = /\/(Get|List|Find|Suggest)[A-Z]\w*$/;

/**
 * Whether `/package.Service/Method` only reads (by the contracts' naming: Get, List, Find, Suggest),
 * so that sending it twice is harmless and a read that found its service unreachable may be retried.
 */
export function isReadOnlyMethodPath(path: string): boolean {
  return READ_ONLY_METHOD.test(path);
}
