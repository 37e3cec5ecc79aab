import { setTimeout as sleep } from 'node:timers/promises';
import { readDescriptorImage } from '@frm/contracts';
import type { FraudSignalKind } from '@frm/fraud-detection';
import { bearer, type GatewayClients } from './gateway-clients';

/** A flagged vote as ListFlaggedVotes shows it. */
export interface FlagRecord {
  readonly voteId: string;
  /** The signals' kinds, as the detectors name them (`new_account`…). */
  readonly kinds: readonly FraudSignalKind[];
  /** When it was first flagged (ms since the epoch). */
  readonly flaggedAt: number;
}

export interface SettledFlags {
  readonly flags: FlagRecord[];
  /** False when the flags were still changing at the timeout. */
  readonly settled: boolean;
  readonly waitedMs: number;
}

type Timestamp = { seconds: bigint; nanos: number };
type FlaggedVoteMessage = { vote: { id: string }; signals: { kind: number }[]; flagTime: Timestamp };

const PAGE_SIZE = 200;
const KIND_PREFIX = 'FRAUD_SIGNAL_KIND_';

/** Every flagged vote, page by page. */
export async function listFlaggedVotes(clients: GatewayClients, staffToken: string, signal: AbortSignal): Promise<FlagRecord[]> {
  const kindName = signalKindNames();
  const flags: FlagRecord[] = [];
  let pageToken = '';
  do {
    const page = await clients.listFlaggedVotes({ pageSize: PAGE_SIZE, pageToken }, { headers: bearer(staffToken) });
    signal.throwIfAborted();
    for (const flagged of page['flaggedVotes'] as FlaggedVoteMessage[]) {
      flags.push({
        voteId: flagged.vote.id,
        kinds: flagged.signals.map((item) => kindName(item.kind)),
        flaggedAt: Number(flagged.flagTime.seconds) * 1000 + flagged.flagTime.nanos / 1e6,
      });
    }
    pageToken = page['nextPageToken'] as string;
  } while (pageToken !== '');
  return flags;
}

/**
 * Reads the flagged votes until two reads `quietMs` apart agree (detection is asynchronous and
 * may still be catching up when the last vote is answered), or `timeoutMs` passes.
 */
export async function waitForSettledFlags(
  clients: GatewayClients,
  staffToken: string,
  options: { quietMs: number; timeoutMs: number; signal: AbortSignal; onRead?: (flags: number) => void },
): Promise<SettledFlags> {
  const started = Date.now();
  let previous = await listFlaggedVotes(clients, staffToken, options.signal);
  for (;;) {
    options.onRead?.(previous.length);
    await sleep(options.quietMs, undefined, { signal: options.signal });
    const current = await listFlaggedVotes(clients, staffToken, options.signal);
    const settled = fingerprint(current) === fingerprint(previous);
    if (settled || Date.now() - started >= options.timeoutMs) return { flags: current, settled, waitedMs: Date.now() - started };
    previous = current;
  }
}

function fingerprint(flags: readonly FlagRecord[]): string {
  return flags.map((flag) => `${flag.voteId}:${[...flag.kinds].sort().join(',')}`).join('\n');
}

function signalKindNames(): (value: number) => FraudSignalKind {
  const kinds = readDescriptorImage().getEnum('frm.v1.FraudSignalKind');
  if (!kinds) throw new Error('frm.v1.FraudSignalKind is not in the descriptor image; run npm run proto:generate');
  return (value) => {
    const name = kinds.values.find((candidate) => candidate.number === value)?.name ?? `${KIND_PREFIX}UNKNOWN_${value}`;
    return name.slice(KIND_PREFIX.length).toLowerCase() as FraudSignalKind;
  };
}
