import { RequestTooLargeError } from '../gateway.errors';
import type { HttpRequest } from './http-exchange';

/**
 * The whole request body, refused with `RESOURCE_EXHAUSTED` as soon as it passes `limitBytes` (the
 * rest is drained by Node, so the connection stays usable). gRPC-web clients send a request whole,
 * so reading it first costs nothing, and it lets a malformed body be refused before any service sees it.
 */
export function readRequestBody(req: HttpRequest, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(new RequestTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        req.off('data', onData);
        req.resume();
        reject(new RequestTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('aborted', () => reject(new Error('the client went away before sending the whole request')));
  });
}
