import { assignAuthors } from './board-authors';
import { createOrganicAccounts, type OrganicAccount } from './organic-accounts';
import { ZipfSampler } from './random';
import type { SimulatedVoter } from './simulated-traffic';
import { HOUR, MINUTE, type BoardRequest, type Segment, type TrafficBuilder } from './traffic-builder';

/** Suppliers pick this share of their votes among requests for their trade. */
const TRADE_AFFINITY = 0.4;
/** Partners copy this share of each other's votes. */
const PARTNER_COPY = 0.5;
/** Submitters upvote their own request this often. */
const SELF_VOTE = 0.5;

/**
 * Organic voting: accounts voting 1–15 requests drawn by Zipf popularity (suppliers partly among
 * their trade's niche requests), in one or two sessions of a few minutes. Returns the prolific
 * authors, which the serial-voting attack pushes.
 */
export function addOrganicTraffic(builder: TrafficBuilder, count: number, zipfExponent: number): SimulatedVoter[] {
  const accounts = createOrganicAccounts(builder, count);
  const prolific = assignAuthors(builder, accounts.map((account) => account.voter));
  const trade = tradeRequests(builder, zipfExponent);
  const submitted = new Map<string, BoardRequest[]>();
  for (const request of builder.board) {
    const theirs = submitted.get(request.authorId);
    if (theirs) theirs.push(request);
    else submitted.set(request.authorId, [request]);
  }

  const chosen = new Map<OrganicAccount, BoardRequest[]>();
  // Partners copy from an account that has already chosen.
  const ordered = [...accounts.filter((account) => !account.partner), ...accounts.filter((account) => account.partner)];
  for (const account of ordered) {
    const partnerChoice = account.partner ? (chosen.get(account.partner) ?? []) : [];
    const requests = chooseRequests(builder, account, trade, partnerChoice, submitted.get(account.voter.id) ?? []);
    chosen.set(account, requests);
    castInSessions(builder, account, requests);
  }
  return prolific;
}

interface TradeRequests {
  requests: BoardRequest[];
  popularity: ZipfSampler;
}

function tradeRequests(builder: TrafficBuilder, zipfExponent: number): Map<Segment, TradeRequests> {
  const bySegment = new Map<Segment, TradeRequests>();
  for (const request of builder.board) {
    if (request.segment === 'couple') continue;
    const trade = bySegment.get(request.segment) ?? { requests: [], popularity: new ZipfSampler(1, zipfExponent) };
    trade.requests.push(request);
    bySegment.set(request.segment, trade);
  }
  for (const trade of bySegment.values()) trade.popularity = new ZipfSampler(trade.requests.length, zipfExponent);
  return bySegment;
}

function chooseRequests(
  builder: TrafficBuilder,
  account: OrganicAccount,
  trades: Map<Segment, TradeRequests>,
  partnerChoice: readonly BoardRequest[],
  ownRequests: readonly BoardRequest[],
): BoardRequest[] {
  const random = builder.random;
  const chosen = new Set<BoardRequest>();
  for (const request of partnerChoice) if (chosen.size < account.votes && random.chance(PARTNER_COPY)) chosen.add(request);
  for (const request of ownRequests) if (chosen.size < account.votes && random.chance(SELF_VOTE)) chosen.add(request);
  const trade = trades.get(account.segment);
  for (let attempts = 0; chosen.size < account.votes && attempts < account.votes * 20; attempts++) {
    chosen.add(
      trade && random.chance(TRADE_AFFINITY)
        ? (trade.requests[trade.popularity.draw(random)] as BoardRequest)
        : builder.popularRequest(),
    );
  }
  return random.shuffle([...chosen]);
}

function castInSessions(builder: TrafficBuilder, account: OrganicAccount, requests: readonly BoardRequest[]): void {
  const random = builder.random;
  // Some come back later in the day to vote on the rest.
  const split = requests.length > 4 && random.chance(0.35) ? Math.ceil(requests.length / 2) : requests.length;
  let at = account.sessionStart;
  requests.forEach((request, index) => {
    if (index === split) at += random.between(30 * MINUTE, 3 * HOUR);
    builder.vote(account.voter, request, at, 'organic');
    at += random.between(10_000, 2 * MINUTE);
  });
}
