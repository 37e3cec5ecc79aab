import { Inject, Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import { InvalidArgumentError } from '@frm/grpc-errors';
import { PageTokens, queryFingerprint } from '@frm/pagination';
import { PAGE_TOKEN_KEY } from '../../voting.tokens';
import { isUuid } from '../commands/vote-request';
import { FLAGGED_VOTE_COLUMNS, flaggedVoteMessageOf, type FlaggedVoteRow } from '../read-model/flagged-vote-row';
import { VotesReadModel } from '../read-model/votes.read-model';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

/** Flagged votes, oldest flag first, for staff review; reviewed ones too when asked. */
@Injectable()
export class ListFlaggedVotesHandler {
  private readonly pageTokens: PageTokens;

  constructor(
    private readonly readModel: VotesReadModel,
    @Inject(PAGE_TOKEN_KEY) pageTokenKey: Buffer,
  ) {
    this.pageTokens = new PageTokens(pageTokenKey);
  }

  async execute(request: frmV1.ListFlaggedVotesRequest): Promise<frmV1.ListFlaggedVotesResponse> {
    if (request.pageSize < 0) throw new InvalidArgumentError('page_size', `must be 0 (for ${DEFAULT_PAGE_SIZE}) to ${MAX_PAGE_SIZE}`, request.pageSize);
    const pageSize = Math.min(request.pageSize || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const featureRequestId = request.featureRequestId.toLowerCase();
    if (featureRequestId !== '' && !isUuid(featureRequestId)) throw new InvalidArgumentError('feature_request_id', 'must be a UUID, or empty for every request');
    const query = queryFingerprint(['ListFlaggedVotes', featureRequestId, request.includeReviewed]);
    const cursor = this.pageTokens.read(request.pageToken, query, 2);
    const params: unknown[] = [pageSize + 1];
    const conditions = [request.includeReviewed ? `flagged_at is not null` : `held = 'flagged'`, `state = 'active'`];
    if (featureRequestId !== '') {
      params.push(featureRequestId);
      conditions.push(`feature_request_id = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor.after[0], cursor.after[1]);
      conditions.push(`(flagged_at, vote_id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows = await this.readModel.db.query<FlaggedVoteRow>(
      `select ${FLAGGED_VOTE_COLUMNS}, to_char(flagged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as flagged_key
       from ${this.readModel.schema.table('votes')} where ${conditions.join(' and ')}
       order by flagged_at, vote_id limit $1`,
      params,
    );
    const page = rows.slice(0, pageSize) as (FlaggedVoteRow & { flagged_key: string })[];
    const last = page.at(-1);
    return {
      flaggedVotes: page.map(flaggedVoteMessageOf),
      nextPageToken: rows.length > pageSize && last ? this.pageTokens.issue({ query, after: [last.flagged_key, last.vote_id] }) : '',
    };
  }
}
