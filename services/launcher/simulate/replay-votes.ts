import { setTimeout as sleep } from 'node:timers/promises';
import { Code, ConnectError } from '@connectrpc/connect';
import type { Progress } from '@frm/bench';
import type { SimulatedTraffic, TrafficLabel } from '@frm/fraud-detection';
import type { GatewayClients } from './gateway-clients';
import type { SimulationClock } from './simulation-clock';

/** One CastVote of the replay. */
export interface CastRecord {
  readonly label: TrafficLabel;
  /** When it was due on the wall clock (ms since the epoch). */
  readonly dueAt: number;
  /** When it was sent; never before `dueAt`. */
  readonly sentAt: number;
  /** When the gateway's answer arrived. */
  readonly answeredAt: number;
  /** The vote's id, when it was cast. */
  readonly voteId?: string;
  /** The gRPC code's name, when it was refused or failed (e.g. `ResourceExhausted`). */
  readonly code?: string;
}

export interface ReplayOptions {
  readonly clock: SimulationClock;
  /** Votes in flight at most; a vote waiting for a slot is sent late, never dropped. */
  readonly concurrency: number;
  readonly requestIds: ReadonlyMap<string, string>;
  readonly voterHeaders: ReadonlyMap<string, Record<string, string>>;
  readonly progress: Progress;
  readonly signal: AbortSignal;
}

/**
 * Replays the votes in order, open loop: each is sent when its simulated moment comes round on
 * the simulation clock, whether or not the earlier ones have been answered (up to `concurrency`
 * in flight), as the voter whose headers it carries. Returns one record per vote, in traffic order.
 */
export async function replayVotes(clients: GatewayClients, traffic: SimulatedTraffic, options: ReplayOptions): Promise<CastRecord[]> {
  const { clock, concurrency, signal } = options;
  const records = new Array<CastRecord>(traffic.votes.length);
  const inFlight = new Set<Promise<void>>();
  for (const [index, vote] of traffic.votes.entries()) {
    const dueAt = clock.toReal(vote.at);
    for (let wait = dueAt - Date.now(); wait > 0; wait = dueAt - Date.now()) await sleep(Math.ceil(wait), undefined, { signal });
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    signal.throwIfAborted();
    const featureRequestId = options.requestIds.get(vote.featureRequestId);
    const headers = options.voterHeaders.get(vote.voterId);
    if (!featureRequestId || !headers) throw new Error(`vote ${index} names a request or voter that was not set up`);
    const sentAt = Date.now();
    const call = clients.castVote({ featureRequestId }, { headers }).then(
      (cast) => {
        records[index] = { label: vote.label, dueAt, sentAt, answeredAt: Date.now(), voteId: cast['id'] as string };
      },
      (error: unknown) => {
        records[index] = { label: vote.label, dueAt, sentAt, answeredAt: Date.now(), code: Code[ConnectError.from(error).code] };
      },
    );
    const tracked = call.finally(() => {
      inFlight.delete(tracked);
      options.progress.increment();
    });
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  signal.throwIfAborted();
  return records;
}
