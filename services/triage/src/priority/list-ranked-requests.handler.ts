import { Inject, Injectable } from '@nestjs/common';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { InvalidArgumentError } from '@frm/grpc-errors';
import { PageTokens, queryFingerprint } from '@frm/pagination';
import { openRequestRows, type RankingRow } from '../read-model/priority.queries';
import { TriageReadModel } from '../read-model/triage.read-model';
import type { TriageConfig } from '../triage.config';
import { PAGE_TOKEN_KEY, TRIAGE_CONFIG } from '../triage.tokens';
import { priorityOfRow } from './priority-of-row';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const QUERY = queryFingerprint(['ListRankedRequests']);

interface Ranked {
  readonly row: RankingRow;
  readonly score: number;
}

/**
 * Open requests by priority score at one event time, highest first (ties by id). A page token
 * carries that time and the last row's (score, id), so later pages rank at the first page's time.
 * Scores depend on every request at once: the whole ranking is computed and kept until the
 * read model moves on.
 */
@Injectable()
export class ListRankedRequestsHandler {
  private readonly pageTokens: PageTokens;
  private cached: { readonly key: string; readonly ranking: Promise<Ranked[]> } | undefined;

  constructor(
    private readonly readModel: TriageReadModel,
    @Inject(TRIAGE_CONFIG) private readonly config: TriageConfig,
    @Inject(PAGE_TOKEN_KEY) pageTokenKey: Buffer,
  ) {
    this.pageTokens = new PageTokens(pageTokenKey);
  }

  async execute(request: frmV1.ListRankedRequestsRequest): Promise<frmV1.ListRankedRequestsResponse> {
    if (request.pageSize < 0 || request.pageSize > MAX_PAGE_SIZE) {
      throw new InvalidArgumentError('page_size', `must be 0 (for ${DEFAULT_PAGE_SIZE}) to ${MAX_PAGE_SIZE}`, request.pageSize);
    }
    const pageSize = request.pageSize || DEFAULT_PAGE_SIZE;
    const cursor = this.pageTokens.read(request.pageToken, QUERY, 3);
    const asOf = cursor ? Number(cursor.after[0]) : (await this.readModel.clock())?.getTime();
    if (asOf === undefined) return { requests: [], nextPageToken: '', asOf: timestampFromDate(new Date(0)) };
    const ranking = await this.rankingAt(asOf);
    const start = cursor ? ranking.findIndex((entry) => isAfter(entry, Number(cursor.after[1]), String(cursor.after[2]))) : 0;
    const page = start < 0 ? [] : ranking.slice(start, start + pageSize);
    const last = page.at(-1);
    const more = start >= 0 && start + pageSize < ranking.length;
    return {
      requests: page.map(({ row, score }) => ({
        featureRequestId: row.id,
        title: row.title,
        category: row.category,
        status: row.status as frmV1.FeatureRequestStatus,
        score,
        voteCount: row.counted_votes,
        trustedVoteWeight: Number(row.trusted_weight),
        possibleDuplicateOf: row.duplicate_of ?? '',
      })),
      nextPageToken: more && last ? this.pageTokens.issue({ query: QUERY, after: [String(asOf), String(last.score), last.row.id] }) : '',
      asOf: timestampFromDate(new Date(asOf)),
    };
  }

  private async rankingAt(asOf: number): Promise<Ranked[]> {
    const status = await this.readModel.runner.status();
    const key = `${asOf}/${status.checkpoint?.commit ?? 0}/${status.checkpoint?.prepare ?? 0}`;
    if (this.cached?.key === key) return this.cached.ranking;
    const ranking = this.rank(asOf);
    this.cached = { key, ranking };
    ranking.catch(() => (this.cached = undefined));
    return ranking;
  }

  private async rank(asOf: number): Promise<Ranked[]> {
    const rows = await openRequestRows(this.readModel.db, this.readModel.schema, this.readModel.derived);
    return rows
      .map((row) => ({ row, score: priorityOfRow(row, asOf, this.config.trendHalfLifeMs, this.config.priority).score }))
      .sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
  }
}

/** Whether `entry` comes after (score, id) in the ranking's order. */
function isAfter(entry: Ranked, score: number, id: string): boolean {
  return entry.score < score || (entry.score === score && entry.row.id > id);
}
