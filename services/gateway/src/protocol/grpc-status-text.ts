/**
 * Percent-encodes a `grpc-message` as the gRPC spec asks: every byte outside printable ASCII, and
 * `%` itself, so that any message survives HTTP header rules.
 */
export function encodeGrpcMessage(message: string): string {
  let encoded = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    encoded += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
