/** How a call arrived: plain gRPC over HTTP/2, or gRPC-web with binary or base64 ("text") bodies. */
export type GrpcProtocol = 'grpc' | 'grpc-web' | 'grpc-web-text';

/** What {@link recogniseProtocol} found in the `content-type`. */
export type RecognisedProtocol =
  | { readonly kind: 'supported'; readonly protocol: GrpcProtocol }
  | { readonly kind: 'unsupported-codec'; readonly codec: string }
  | { readonly kind: 'not-grpc' };

const CONTENT_TYPE = /^application\/(grpc-web-text|grpc-web|grpc)(?:\+([a-z0-9._-]+))?\s*(?:;.*)?$/i;

/**
 * Reads the protocol from a `content-type`. Only the protobuf codec is forwarded: the gateway moves
 * message bytes without decoding them, so it cannot transcode `+json`.
 */
export function recogniseProtocol(contentType: string | undefined): RecognisedProtocol {
  const match = CONTENT_TYPE.exec((contentType ?? '').trim());
  if (!match) return { kind: 'not-grpc' };
  const codec = (match[2] ?? 'proto').toLowerCase();
  if (codec !== 'proto') return { kind: 'unsupported-codec', codec };
  return { kind: 'supported', protocol: (match[1] as string).toLowerCase() as GrpcProtocol };
}

/** The `content-type` the response carries. */
export function responseContentType(protocol: GrpcProtocol): string {
  return protocol === 'grpc' ? 'application/grpc' : `application/${protocol}+proto`;
}
