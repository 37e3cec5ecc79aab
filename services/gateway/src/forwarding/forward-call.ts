import { Metadata, type Client, type StatusObject } from '@grpc/grpc-js';
import type { GrpcResponder } from '../http/grpc-responder';

const passBytes = (bytes: Buffer): Buffer => bytes;

export interface ForwardedCall {
  /** `/package.Service/Method`. */
  readonly path: string;
  readonly messages: readonly Buffer[];
  readonly metadata: Metadata;
  readonly deadline?: Date;
}

/**
 * Forwards one call's messages, as bytes, to the service, and streams its answer back. A duplex call
 * is the one shape every RPC kind shares on the wire, so the gateway need not know the method's kind.
 * Resolves with the status once the response is finished; cancels the upstream call if the client
 * goes away first.
 */
export function forwardCall(client: Client, call: ForwardedCall, responder: GrpcResponder, clientGone: Promise<void>): Promise<StatusObject> {
  return new Promise((resolve) => {
    const upstream = client.makeBidiStreamRequest(call.path, passBytes, passBytes, call.metadata, call.deadline ? { deadline: call.deadline } : {});
    upstream.on('metadata', (metadata: Metadata) => responder.sendHeaders(metadata));
    upstream.on('data', (message: Buffer) => responder.sendMessage(message));
    // Every failure also arrives as a status, which is what the client is told.
    upstream.on('error', () => undefined);
    upstream.on('status', (status: StatusObject) => {
      responder.finish(status.code, status.details, status.metadata);
      resolve(status);
    });
    clientGone.then(() => {
      if (!responder.finished) upstream.cancel();
    });
    for (const message of call.messages) upstream.write(message);
    upstream.end();
  });
}

/**
 * {@link forwardCall} for a unary RPC with its one request message: the same answer on the wire, with
 * less work in grpc-js than a duplex stream.
 */
export function forwardUnaryCall(client: Client, call: ForwardedCall & { readonly message: Buffer }, responder: GrpcResponder, clientGone: Promise<void>): Promise<StatusObject> {
  return new Promise((resolve) => {
    // grpc-js calls back with the response before it emits the status, so the message goes out first.
    const upstream = client.makeUnaryRequest(call.path, passBytes, passBytes, call.message, call.metadata, call.deadline ? { deadline: call.deadline } : {}, (error, response) => {
      if (!error && response) responder.sendMessage(response);
    });
    upstream.on('metadata', (metadata: Metadata) => responder.sendHeaders(metadata));
    upstream.on('status', (status: StatusObject) => {
      responder.finish(status.code, status.details, status.metadata);
      resolve(status);
    });
    clientGone.then(() => {
      if (!responder.finished) upstream.cancel();
    });
  });
}
