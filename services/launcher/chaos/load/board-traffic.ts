import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { frmV1 } from '@frm/contracts';
import { CATEGORIES } from '@frm/intake';
import { voterAddress, type Caller, type ReaderPool, type TokenMint } from './board-identities';
import type { GrpcWebCaller } from './grpc-web-caller';
import type { PacedCall } from './paced-load';
import type { VoteAttempt, VoteLedger } from './vote-ledger';

export type BoardOperation = 'list' | 'get' | 'tally' | 'similar' | 'vote' | 'submit';

/** Shares of the calls, in percent. */
export type BoardMix = Readonly<Record<BoardOperation, number>>;

/** A real board: mostly reads. */
export const BOARD_MIX: BoardMix = { list: 60, get: 15, tally: 10, similar: 5, vote: 8, submit: 2 };

/** Under chaos: votes by distinct people plus reads, so that many acknowledged votes are at stake. */
export const CHAOS_MIX: BoardMix = { list: 35, get: 10, tally: 10, similar: 5, vote: 38, submit: 2 };

const SORTS = [frmV1.FeatureRequestSort.FEATURE_REQUEST_SORT_TOP, frmV1.FeatureRequestSort.FEATURE_REQUEST_SORT_TRENDING, frmV1.FeatureRequestSort.FEATURE_REQUEST_SORT_NEWEST];
const TOPICS = ['seating plan', 'guest list import', 'deposit reminders', 'supplier calendar sync', 'photo gallery', 'menu tasting slots', 'RSVP export', 'florist quotes'];
const TYPED = ['seating chart as pdf', 'share the guest list', 'pay a deposit in instalments', 'calendar for venue viewings', 'dietary needs on rsvp', 'mood board for flowers'];

// Retries of a CastVote whose answer was lost: the same request id, so a vote recorded already is
// returned as it was, never cast twice.
const RETRYABLE = /^(UNAVAILABLE|DEADLINE_EXCEEDED|INTERNAL|UNKNOWN|ABORTED|CANCELLED|CLIENT_TIMEOUT|CLIENT_ERROR|TRANSPORT:.*|HTTP_.*)$/;

const paths = {
  list: '/frm.v1.IntakeService/ListFeatureRequests',
  get: '/frm.v1.IntakeService/GetFeatureRequest',
  submit: '/frm.v1.IntakeService/SubmitFeatureRequest',
  tally: '/frm.v1.VotingService/GetTally',
  vote: '/frm.v1.VotingService/CastVote',
  similar: '/frm.v1.TriageService/FindSimilarRequests',
} as const;

/**
 * The calls of people using the board through the gateway: browsing pages of requests (top,
 * trending, new), opening one, its tally, typing a new request (similar ones), voting (each vote a
 * person of their own, from an address of their own) and submitting.
 */
export class BoardTraffic {
  /** Ids of the requests acknowledged by SubmitFeatureRequest. */
  readonly submitted: string[] = [];
  private readonly pageTokens = new Map<string, string[]>();
  private readonly retrying = new Set<Promise<void>>();
  private voters = 0;

  constructor(
    private readonly caller: GrpcWebCaller,
    private readonly mint: TokenMint,
    private readonly readers: ReaderPool,
    private readonly requests: readonly string[],
    readonly ledger: VoteLedger,
  ) {}

  /** Call `index` of a load with `mix`. */
  call(index: number, mix: BoardMix): PacedCall {
    const operation = pickOperation(mix);
    return { operation, code: this.run(operation, index) };
  }

  async run(operation: BoardOperation, index: number): Promise<string> {
    const reader = this.readers.at(index);
    switch (operation) {
      case 'list':
        return this.list(reader);
      case 'get':
        return (await this.caller.unary(paths.get, frmV1.GetFeatureRequestRequest.encode({ featureRequestId: this.anyRequest() }).finish(), reader.headers)).code;
      case 'tally':
        return this.tally(reader, this.anyRequest());
      case 'similar': {
        const request = frmV1.FindSimilarRequestsRequest.encode({ title: anyOf(TYPED), description: `Something like ${anyOf(TOPICS)}`, limit: 5 }).finish();
        return (await this.caller.unary(paths.similar, request, reader.headers)).code;
      }
      case 'vote':
        return this.vote();
      case 'submit':
        return (await this.submit(reader, index)).code;
    }
  }

  tally(caller: Caller, featureRequestId: string): Promise<string> {
    return this.caller.unary(paths.tally, frmV1.GetTallyRequest.encode({ featureRequestId }).finish(), caller.headers).then((result) => result.code);
  }

  async tallyOf(caller: Caller, featureRequestId: string): Promise<frmV1.Tally | string> {
    const result = await this.caller.unary(paths.tally, frmV1.GetTallyRequest.encode({ featureRequestId }).finish(), caller.headers);
    return result.code === 'OK' && result.message ? frmV1.Tally.decode(result.message) : result.code;
  }

  /** A new person votes for a request; resolves with the first attempt's code, retrying in the background. */
  async vote(): Promise<string> {
    const index = this.voters++;
    const voter = await this.mint.caller(index % 2 === 0 ? 'couple' : 'supplier', voterAddress(index));
    const vote: VoteAttempt = {
      requestId: randomUUID(),
      featureRequestId: this.anyRequest(),
      voterId: voter.subject,
      headers: { ...voter.headers, 'x-device-fingerprint': `chaos-device-${index}` },
      outcome: 'pending',
      attempts: 0,
      lastCode: '',
    };
    this.ledger.add(vote);
    const first = await this.attempt(vote);
    if (vote.outcome === 'pending') this.retryInBackground(vote);
    return first;
  }

  /** Retries every vote still in doubt until it is settled or `timeoutMs` passes. */
  async settleVotes(timeoutMs: number): Promise<void> {
    await Promise.all(this.retrying);
    const deadline = Date.now() + timeoutMs;
    for (const vote of this.ledger.inDoubt()) {
      vote.outcome = 'pending';
      while (vote.outcome === 'pending' && Date.now() < deadline) {
        await this.attempt(vote);
        if (vote.outcome === 'pending') await sleep(500);
      }
      if (vote.outcome === 'pending') vote.outcome = 'in-doubt';
    }
  }

  async submit(author: Caller, index: number): Promise<{ code: string; id?: string }> {
    const request = frmV1.SubmitFeatureRequestRequest.encode(
      frmV1.SubmitFeatureRequestRequest.fromPartial({
        requestId: randomUUID(),
        title: `${anyOf(TOPICS)} idea ${index}`,
        description: `Submitted under load (call ${index}): it would help with the ${anyOf(TOPICS)}.`,
        category: CATEGORIES[index % CATEGORIES.length] as string,
        tags: [],
      }),
    ).finish();
    const result = await this.caller.unary(paths.submit, request, author.headers);
    if (result.code !== 'OK' || !result.message) return { code: result.code };
    const id = frmV1.FeatureRequest.decode(result.message).id;
    this.submitted.push(id);
    return { code: result.code, id };
  }

  private async list(reader: Caller): Promise<string> {
    const sort = anyOf(SORTS);
    const tokens = this.pageTokens.get(sort) ?? [];
    // Two in five look at a further page of what someone saw before.
    const pageToken = Math.random() < 0.4 && tokens.length > 0 ? (tokens[Math.floor(Math.random() * tokens.length)] as string) : '';
    const request = frmV1.ListFeatureRequestsRequest.encode({ pageSize: 20, pageToken, statuses: [], category: '', tag: '', authorId: '', query: '', sort }).finish();
    const result = await this.caller.unary(paths.list, request, reader.headers);
    if (result.code === 'OK' && result.message) {
      const next = nextPageTokenOf(result.message);
      if (next) this.pageTokens.set(sort, [...tokens.slice(-49), next]);
    }
    return result.code;
  }

  private async attempt(vote: VoteAttempt): Promise<string> {
    vote.attempts++;
    const result = await this.caller.unary(paths.vote, frmV1.CastVoteRequest.encode({ requestId: vote.requestId, featureRequestId: vote.featureRequestId }).finish(), vote.headers);
    vote.lastCode = result.code;
    if (result.code === 'OK' && result.message) {
      vote.outcome = 'acknowledged';
      vote.voteId = frmV1.Vote.decode(result.message).id;
    } else if (!RETRYABLE.test(result.code)) {
      vote.outcome = 'refused';
    }
    return result.code;
  }

  private retryInBackground(vote: VoteAttempt): void {
    const retry = (async () => {
      const deadline = Date.now() + 90_000;
      for (let delay = 300; vote.outcome === 'pending' && Date.now() < deadline; delay = Math.min(delay * 1.5, 3_000)) {
        await sleep(delay);
        await this.attempt(vote);
      }
      if (vote.outcome === 'pending') vote.outcome = 'in-doubt';
    })();
    this.retrying.add(retry);
    void retry.finally(() => this.retrying.delete(retry));
  }

  private anyRequest(): string {
    return anyOf(this.requests);
  }
}

/**
 * The `next_page_token` (field 2) of a ListFeatureRequestsResponse, the pages' requests skipped
 * unread: decoding every page's twenty requests cost the load generator, which shares the two
 * cores with the platform it measures, a few percent of a core during the surge.
 */
export function nextPageTokenOf(response: Uint8Array): string {
  const reader = new BinaryReader(response);
  let token = '';
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 2) token = reader.string();
    else reader.skip(wireType);
  }
  return token;
}

/** An operation drawn at random with the mix's shares. */
export function pickOperation(mix: BoardMix): BoardOperation {
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  let roll = Math.random() * total;
  for (const [operation, share] of Object.entries(mix) as [BoardOperation, number][]) {
    roll -= share;
    if (roll < 0) return operation;
  }
  return 'list';
}

function anyOf<T>(values: readonly T[]): T {
  return values[Math.floor(Math.random() * values.length)] as T;
}
