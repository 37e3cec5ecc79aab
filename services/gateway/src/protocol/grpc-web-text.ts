import { InvalidArgumentError } from '@frm/grpc-errors';

const BASE64_RUN = /[A-Za-z0-9+/]*={0,2}/g;
const WHITESPACE = /\s+/g;

/**
 * Decodes a `grpc-web-text` body: base64, possibly several padded chunks one after another (clients
 * may encode each frame on its own), which a single `Buffer.from(…, 'base64')` would cut short.
 */
export function decodeGrpcWebText(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(WHITESPACE, '');
  const chunks: Buffer[] = [];
  let consumed = 0;
  for (const match of text.matchAll(BASE64_RUN)) {
    const run = match[0];
    if (run === '') continue;
    if (match.index !== consumed || (run.includes('=') && run.length % 4 !== 0)) break;
    chunks.push(Buffer.from(run, 'base64'));
    consumed += run.length;
  }
  if (consumed !== text.length) {
    throw new InvalidArgumentError([
      { rule: `malformed grpc-web-text body: not base64 from character ${consumed}; send base64 of the gRPC-web frames` },
    ]);
  }
  return Buffer.concat(chunks);
}

/** Encodes part of a `grpc-web-text` response; each part is padded, so parts can be sent as they come. */
export function encodeGrpcWebText(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('base64'), 'latin1');
}
