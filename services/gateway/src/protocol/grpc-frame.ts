import { InvalidArgumentError } from '@frm/grpc-errors';

/** Set in a frame's flags when its payload is compressed (`grpc-encoding`). */
const COMPRESSED_FLAG = 0x01;
/** Set by gRPC-web on the frame that carries the trailers, the last of a response. */
export const TRAILER_FLAG = 0x80;
const HEADER_BYTES = 5;

/** One length-prefixed message, as gRPC and gRPC-web carry them. */
export function encodeFrame(payload: Uint8Array, flags = 0): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(flags, 0);
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

/**
 * Splits a whole request body into its message payloads, untouched. A body that is not a sequence of
 * well-formed uncompressed message frames is `INVALID_ARGUMENT`, naming what is wrong with it.
 */
export function decodeRequestFrames(body: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    if (body.length - offset < HEADER_BYTES) {
      throw malformed(`the body ends ${body.length - offset} byte(s) into a 5-byte frame header at offset ${offset}`);
    }
    const flags = body.readUInt8(offset);
    const length = body.readUInt32BE(offset + 1);
    if (flags & COMPRESSED_FLAG) throw malformed(`the frame at offset ${offset} is compressed; send messages uncompressed`);
    if (flags !== 0) throw malformed(`the frame at offset ${offset} has flags 0x${flags.toString(16)}; requests carry only message frames (flags 0)`);
    const end = offset + HEADER_BYTES + length;
    if (end > body.length) {
      throw malformed(`the frame at offset ${offset} announces ${length} byte(s) but only ${body.length - offset - HEADER_BYTES} follow`);
    }
    messages.push(body.subarray(offset + HEADER_BYTES, end));
    offset = end;
  }
  return messages;
}

function malformed(problem: string): InvalidArgumentError {
  return new InvalidArgumentError([{ rule: `malformed gRPC frame: ${problem}; use a gRPC or gRPC-web client library` }]);
}
