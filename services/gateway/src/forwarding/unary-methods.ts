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
