import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { runConcurrently } from '@frm/bench';
import { frmV1 } from '@frm/contracts';
import { CATEGORIES } from '@frm/intake';
import type { ReaderPool } from './board-identities';
import type { GrpcWebCaller } from './grpc-web-caller';

const TITLES = [
  'Seating plan export as PDF',
  'Shared guest list with my partner',
  'Instalment plan for venue deposits',
  'Sync supplier availability with Google Calendar',
  'Dietary requirements on the RSVP form',
  'Mood board for the florist',
  'Menu tasting booking slots',
  'Photo gallery download for guests',
  'Reminders before each payment is due',
  'Compare quotes from three caterers',
];

/**
 * Submits `count` feature requests through the gateway, as their authors would, and waits until
 * intake and voting both know every one (so the first votes are not NOT_FOUND).
 */
export async function seedBoard(caller: GrpcWebCaller, readers: ReaderPool, count: number, log: (line: string) => void): Promise<string[]> {
  const ids: string[] = [];
  await runConcurrently(count, 8, async (index) => {
    const title = `${TITLES[index % TITLES.length] as string} (${index})`;
    const request = frmV1.SubmitFeatureRequestRequest.encode(
      frmV1.SubmitFeatureRequestRequest.fromPartial({
        requestId: randomUUID(),
        title,
        description: `A couple or a supplier asked for this: ${title.toLowerCase()}.`,
        category: CATEGORIES[index % CATEGORIES.length] as string,
        tags: [],
      }),
    ).finish();
    for (let attempt = 1; ; attempt++) {
      const result = await caller.unary('/frm.v1.IntakeService/SubmitFeatureRequest', request, readers.at(index).headers);
      if (result.code === 'OK' && result.message) {
        ids.push(frmV1.FeatureRequest.decode(result.message).id);
        return;
      }
      if (attempt >= 5) throw new Error(`seeding the board: SubmitFeatureRequest failed with ${result.code}: ${result.details}`);
      await sleep(500);
    }
  });
  log(`seeded ${ids.length} feature requests through the gateway; waiting until intake and voting know them`);
  const deadline = Date.now() + 90_000;
  const unknown = new Set(ids);
  let probe = 0;
  while (unknown.size > 0) {
    for (const featureRequestId of [...unknown]) {
      const headers = readers.at(probe++).headers;
      const tally = await caller.unary('/frm.v1.VotingService/GetTally', frmV1.GetTallyRequest.encode({ featureRequestId }).finish(), headers);
      const board = await caller.unary('/frm.v1.IntakeService/GetFeatureRequest', frmV1.GetFeatureRequestRequest.encode({ featureRequestId }).finish(), headers);
      if (tally.code === 'OK' && board.code === 'OK') unknown.delete(featureRequestId);
    }
    if (unknown.size === 0) break;
    if (Date.now() > deadline) throw new Error(`intake and voting did not both learn of ${unknown.size} seeded requests within 90 s`);
    await sleep(200);
  }
  return ids;
}
