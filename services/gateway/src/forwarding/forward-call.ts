import { setTimeout as sleep } from 'node:timers/promises';
import { Metadata, status, type Client, type StatusObject } from '@grpc/grpc-js';
import type { GrpcResponder } from '../http/grpc-responder';
import type { RetryBudget } from '../resilience/retry-budget';
import type { UpstreamCircuits } from '../resilience/upstream-circuits';

const passBytes = (bytes: Buffer): Buffer => bytes;

export interface ForwardedCall {
  /** `package.Service`, which names its circuit. */
  readonly service: string;
  /** `/package.Service/Method`. */
  readonly path: string;
  readonly messages: readonly Buffer[];
  readonly metadata: Metadata;
  readonly deadline?: Date;
}

/** The upstream's answer to a unary call, held until the gateway decides to pass it on or retry. */
interface UnaryOutcome {
  readonly status: StatusObject;
  readonly headers?: Metadata;
  readonly response?: Buffer;
}

export interface UnaryForwarding {
  readonly circuits: UpstreamCircuits;
  readonly retryBudget: RetryBudget;
  /** Reads only: a read that found its service unreachable may be sent again; a write is not. */
  readonly retryable: boolean;
}

/** Pauses before the retries of a read (with jitter), well inside a board's patience. */
const RETRY_DELAYS_MS = [25, 100];

/**
 * Forwards one call's messages, as bytes, to the service, and streams its answer back. A duplex call
 * is the one shape every RPC kind shares on the wire, so the gateway need not know the method's kind.
 * Resolves with the status once the response is finished; cancels the upstream call if the client
 * goes away first. Runs through the service's circuit.
 */
export function forwardCall(client: Client, call: ForwardedCall, responder: GrpcResponder, clientGone: Promise<void>, circuits: UpstreamCircuits): Promise<StatusObject> {
  return circuits
    .run(call.service, () =>
      new Promise<{ status: StatusObject }>((resolve) => {
        const upstream = client.makeBidiStreamRequest(call.path, passBytes, passBytes, call.metadata, call.deadline ? { deadline: call.deadline } : {});
        upstream.on('metadata', (metadata: Metadata) => responder.sendHeaders(metadata));
        upstream.on('data', (message: Buffer) => responder.sendMessage(message));
        // Every failure also arrives as a status, which is what the client is told.
        upstream.on('error', () => undefined);
        upstream.on('status', (outcome: StatusObject) => {
          responder.finish(outcome.code, outcome.details, outcome.metadata);
          resolve({ status: outcome });
        });
        clientGone.then(() => {
          if (!responder.finished) upstream.cancel();
        });
        for (const message of call.messages) upstream.write(message);
        upstream.end();
      }),
    )
    .then((outcome) => outcome.status);
}

/**
 * {@link forwardCall} for a unary RPC with its one request message: the same answer on the wire, with
 * less work in grpc-js than a duplex stream. A read whose service was unreachable (UNAVAILABLE) is
 * tried again, twice at most, while the retry budget, the deadline and the client allow; each
 * attempt goes through the service's circuit.
 */
export async function forwardUnaryCall(
  client: Client,
  call: ForwardedCall & { readonly message: Buffer },
  responder: GrpcResponder,
  clientGone: Promise<void>,
  forwarding: UnaryForwarding,
): Promise<StatusObject> {
  let gone = false;
  clientGone.then(() => (gone = true));
  forwarding.retryBudget.called();
  for (let attempt = 0; ; attempt++) {
    const outcome = await forwarding.circuits.run(call.service, () => callUnary(client, call, clientGone, responder));
    const delay = RETRY_DELAYS_MS[attempt];
    const retry =
      outcome.status.code === status.UNAVAILABLE &&
      forwarding.retryable &&
      delay !== undefined &&
      !gone &&
      (!call.deadline || call.deadline.getTime() - Date.now() > delay * 2) &&
      forwarding.retryBudget.tryRetry();
    if (!retry) {
      if (outcome.headers) responder.sendHeaders(outcome.headers);
      if (outcome.response) responder.sendMessage(outcome.response);
      responder.finish(outcome.status.code, outcome.status.details, outcome.status.metadata);
      return outcome.status;
    }
    await sleep(delay * (0.5 + Math.random()));
  }
}

function callUnary(client: Client, call: ForwardedCall & { readonly message: Buffer }, clientGone: Promise<void>, responder: GrpcResponder): Promise<UnaryOutcome> {
  return new Promise((resolve) => {
    let headers: Metadata | undefined;
    let response: Buffer | undefined;
    // grpc-js calls back with the response before it emits the status.
    const upstream = client.makeUnaryRequest(call.path, passBytes, passBytes, call.message, call.metadata, call.deadline ? { deadline: call.deadline } : {}, (error, answer) => {
      if (!error && answer) response = answer;
    });
    upstream.on('metadata', (metadata: Metadata) => (headers = metadata));
    upstream.on('status', (outcome: StatusObject) => resolve({ status: outcome, headers, response }));
    clientGone.then(() => {
      if (!responder.finished) upstream.cancel();
    });
  });
}
