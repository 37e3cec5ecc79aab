/** A gRPC-web response body read back: its status (the trailer frame's, or the headers'), details and message. */
export interface GrpcWebResponse {
  /** The numeric status as sent, e.g. '0'; absent when neither the headers nor a trailer carried one. */
  readonly status: string | undefined;
  readonly details: string;
  readonly message: Buffer | undefined;
}

/**
 * Reads a gRPC-web body: length-prefixed frames, the last one (flag 0x80) the trailers. A status in
 * the response headers (a call refused before any message) is the starting point.
 */
export function readGrpcWebResponse(body: Buffer, headerStatus?: string | string[], headerMessage?: string | string[]): GrpcWebResponse {
  let message: Buffer | undefined;
  let status = typeof headerStatus === 'string' ? headerStatus : undefined;
  let details = typeof headerMessage === 'string' ? decodeURIComponent(headerMessage) : '';
  for (let offset = 0; offset + 5 <= body.length; ) {
    const flags = body.readUInt8(offset);
    const length = body.readUInt32BE(offset + 1);
    const payload = body.subarray(offset + 5, offset + 5 + length);
    if (flags & 0x80) {
      for (const line of payload.toString('latin1').split('\r\n')) {
        if (line.startsWith('grpc-status:')) status = line.slice(12).trim();
        if (line.startsWith('grpc-message:')) details = decodeURIComponent(line.slice(13).trim());
      }
    } else {
      message = payload;
    }
    offset += 5 + length;
  }
  return { status, details, message };
}
