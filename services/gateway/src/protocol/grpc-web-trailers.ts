import { encodeFrame, TRAILER_FLAG } from './grpc-frame';

/** The trailer frame that ends a gRPC-web response: HTTP/1-style `name: value` lines in a frame of its own. */
export function encodeTrailerFrame(trailers: Readonly<Record<string, string | readonly string[]>>): Buffer {
  const lines = Object.entries(trailers).flatMap(([name, values]) =>
    (typeof values === 'string' ? [values] : values).map((value) => `${name.toLowerCase()}: ${value}\r\n`),
  );
  return encodeFrame(Buffer.from(lines.join(''), 'latin1'), TRAILER_FLAG);
}
