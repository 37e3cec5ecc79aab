import { setTimeout as sleep } from 'node:timers/promises';
import { runConcurrently, type Progress } from '@frm/bench';
import type { SimulatedTraffic } from '@frm/fraud-detection';
import { signAccessToken } from '@frm/gateway';
import { CATEGORIES } from '@frm/intake';
import { bearer, type GatewayClients } from './gateway-clients';
import { accountUuidOf } from './simulated-accounts';

/**
 * Submits every simulated request through the gateway as its author; returns the real id of each
 * simulated one. Titles name the simulated id, so a flagged vote can be traced back by hand.
 */
export async function submitBoard(
  clients: GatewayClients,
  traffic: SimulatedTraffic,
  tokenSecret: string,
  progress: Progress,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await runConcurrently(traffic.requests.length, 8, async (index) => {
    signal.throwIfAborted();
    const request = traffic.requests[index] as SimulatedTraffic['requests'][number];
    const token = await signAccessToken({ sub: accountUuidOf(request.authorId), roles: ['couple'] }, tokenSecret);
    const submitted = await clients.submitFeatureRequest(
      {
        title: `Simulated request ${request.id}`,
        description: `Submitted by the vote simulation (seed ${traffic.seed}).`,
        category: CATEGORIES[index % CATEGORIES.length],
      },
      { headers: bearer(token) },
    );
    ids.set(request.id, submitted['id'] as string);
    progress.increment();
  });
  return ids;
}

/** Waits until the voting service's read model knows every request, so the first votes are not NOT_FOUND. */
export async function waitUntilVotingKnows(
  clients: GatewayClients,
  featureRequestIds: readonly string[],
  staffToken: string,
  signal: AbortSignal,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const unknown = new Set(featureRequestIds);
  for (;;) {
    for (const featureRequestId of [...unknown]) {
      const known = await clients.getTally({ featureRequestId }, { headers: bearer(staffToken) }).then(
        () => true,
        () => false,
      );
      if (!known) break;
      unknown.delete(featureRequestId);
    }
    if (unknown.size === 0) return;
    if (Date.now() > deadline) throw new Error(`the voting service did not learn of ${unknown.size} submitted requests within ${timeoutMs} ms`);
    await sleep(100, undefined, { signal });
  }
}
