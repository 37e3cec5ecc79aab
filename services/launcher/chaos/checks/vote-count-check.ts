import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { frmV1 } from '@frm/contracts';
import { quoteIdent } from '@frm/postgres';
import type { ReaderPool } from '../load/board-identities';
import type { BoardTraffic } from '../load/board-traffic';
import type { GrpcWebCaller } from '../load/grpc-web-caller';
import { newCheck, type CheckResult } from './check-result';

interface Count {
  readonly featureRequestId: string;
  readonly acknowledged: number;
  readonly counted: number;
  readonly flagged: number;
  readonly boardCount: number;
}

const READER_OFFSET = 2_000_003;

/**
 * Every acknowledged vote counted exactly once: for each request, the tally (counted + flagged: a
 * vote fraud detection holds back is still there, just not counted) equals the acknowledged votes,
 * the board's count equals the tally's, and the votes read model holds every acknowledged vote id.
 * No vote is retracted by the load, so none is subtracted. Polls until equal or `timeoutMs`.
 */
export async function checkVoteCounts(
  traffic: BoardTraffic,
  caller: GrpcWebCaller,
  readers: ReaderPool,
  requests: readonly string[],
  votesSchema: string | undefined,
  databaseUrl: string,
  timeoutMs: number,
): Promise<CheckResult> {
  const check = newCheck('every acknowledged vote is counted exactly once (GetTally, the board, the votes read model)');
  const ledger = traffic.ledger;
  const expected = ledger.acknowledgedPerRequest();
  const inDoubt = ledger.inDoubt();
  const started = Date.now();
  let index = READER_OFFSET;
  let counts: Count[] = [];
  let wrong: Count[] = [];
  do {
    if (counts.length > 0) await sleep(1_000);
    counts = await Promise.all(requests.map((featureRequestId) => countOf(caller, readers.at(index++).headers, featureRequestId, expected.get(featureRequestId) ?? 0)));
    wrong = counts.filter((count) => count.counted + count.flagged !== count.acknowledged || count.boardCount !== count.counted);
  } while (wrong.length > 0 && Date.now() - started < timeoutMs);

  const total = (pick: (count: Count) => number) => counts.reduce((sum, count) => sum + pick(count), 0);
  Object.assign(check.figures, {
    ...ledger.summary(),
    requests: requests.length,
    tallyCounted: total((count) => count.counted),
    tallyFlagged: total((count) => count.flagged),
    acknowledgedVotes: total((count) => count.acknowledged),
  });
  check.lines.push(
    `${ledger.summary()['acknowledged'] ?? 0} acknowledged votes (${ledger.summary()['acknowledgedAfterRetry'] ?? 0} after a retry with the same request id), ` +
      `${ledger.summary()['refused'] ?? 0} refused, ${inDoubt.length} still in doubt; tallies: ${total((c) => c.counted)} counted + ${total((c) => c.flagged)} flagged ` +
      `over ${requests.length} requests (${((Date.now() - started) / 1000).toFixed(1)} s to agree)`,
  );
  for (const count of wrong.slice(0, 20)) {
    const doubtful = inDoubt.filter((vote) => vote.featureRequestId === count.featureRequestId).length;
    check.failures.push(
      `request ${count.featureRequestId}: ${count.acknowledged} acknowledged votes, tally ${count.counted} counted + ${count.flagged} flagged, board ${count.boardCount}` +
        `${doubtful > 0 ? ` (${doubtful} votes in doubt)` : ''}`,
    );
  }
  if (wrong.length > 20) check.failures.push(`… and ${wrong.length - 20} more requests whose counts disagree`);

  if (!votesSchema) {
    check.failures.push('the DR orchestrator named no schema for the votes projection; the read model could not be read');
    return check;
  }
  const missing = await acknowledgedVotesMissingFrom(votesSchema, databaseUrl, ledger.acknowledged().map((vote) => vote.voteId as string));
  check.figures['missingFromReadModel'] = missing.length;
  if (missing.length > 0) check.failures.push(`${missing.length} acknowledged votes are not in ${votesSchema}.votes, e.g. ${missing.slice(0, 5).join(', ')}`);
  else check.lines.push(`every acknowledged vote id is in ${votesSchema}.votes, active`);
  return check;
}

async function countOf(caller: GrpcWebCaller, headers: Record<string, string>, featureRequestId: string, acknowledged: number): Promise<Count> {
  const [tally, board] = await Promise.all([
    caller.unary('/frm.v1.VotingService/GetTally', frmV1.GetTallyRequest.encode({ featureRequestId }).finish(), headers),
    caller.unary('/frm.v1.IntakeService/GetFeatureRequest', frmV1.GetFeatureRequestRequest.encode({ featureRequestId }).finish(), headers),
  ]);
  const decoded = tally.code === 'OK' && tally.message ? frmV1.Tally.decode(tally.message) : undefined;
  const request = board.code === 'OK' && board.message ? frmV1.FeatureRequest.decode(board.message) : undefined;
  return {
    featureRequestId,
    acknowledged,
    counted: decoded ? Number(decoded.counted) : -1,
    flagged: decoded ? Number(decoded.flagged) : -1,
    boardCount: request ? Number(request.voteCount) : -1,
  };
}

async function acknowledgedVotesMissingFrom(schema: string, databaseUrl: string, voteIds: readonly string[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ vote_id: string }>(
      `select wanted.vote_id from unnest($1::uuid[]) as wanted(vote_id)
       where not exists (select 1 from ${quoteIdent(schema)}.votes v where v.vote_id = wanted.vote_id and v.state = 'active')`,
      [voteIds],
    );
    return rows.map((row) => row.vote_id);
  } finally {
    await client.end();
  }
}
