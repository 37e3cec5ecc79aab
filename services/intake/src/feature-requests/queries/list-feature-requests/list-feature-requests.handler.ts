import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { frmV1 } from '@frm/contracts';
import type { Logger } from '@frm/logging';
import type { AnswerDependencies, ReadCache } from '@frm/read-cache';
import { LIST_CACHE, LOGGER, PAGE_TOKEN_KEY } from '../../../intake.tokens';
import { featureRequestMessageOfRow } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { PageTokens, queryFingerprint } from '@frm/pagination';
import { pageSizeOf } from '../page-size';
import { filterOf, type FeatureRequestFilter } from './feature-request-filter';
import { listFeatureRequestsSql, sortKeyLength, sortKeyOf, type ListedFeatureRequestRow } from './list-feature-requests.sql';
import { listPageDependencies, sortScope } from './list-page-scopes';

/** Pages read ahead of their readers once a page had to be read: more after a first page, where most readers go on. */
const READ_AHEAD_AFTER_FIRST_PAGE = 2;
const READ_AHEAD_AFTER_LATER_PAGE = 1;

const codec = {
  encode: (response: frmV1.ListFeatureRequestsResponse) => frmV1.ListFeatureRequestsResponse.encode(response).finish(),
  decode: (bytes: Buffer) => frmV1.ListFeatureRequestsResponse.decode(bytes),
};

@Injectable()
export class ListFeatureRequestsHandler implements OnApplicationBootstrap {
  private readonly pageTokens: PageTokens;
  /** Pages hold page tokens signed with this service's key: replicas with another key keep apart. */
  private readonly keyId: string;

  constructor(
    private readonly readModel: FeatureRequestsReadModel,
    @Inject(PAGE_TOKEN_KEY) pageTokenKey: Buffer,
    @Inject(LIST_CACHE) private readonly cache: ReadCache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.pageTokens = new PageTokens(pageTokenKey);
    this.keyId = createHash('sha256').update(pageTokenKey).digest('base64url').slice(0, 12);
    cache.replayWith((request) => this.execute(frmV1.ListFeatureRequestsRequest.decode(request)));
  }

  /** After a deploy the busiest pages are in the cache before the first people ask for them. */
  onApplicationBootstrap(): void {
    this.cache
      .warm()
      .then((pages) => pages > 0 && this.logger.info({ pages }, `warmed the board list cache with the ${pages} most requested pages`))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'warming the board list cache failed; pages are cached as they are asked for'));
  }

  /** Pages of the board, the same for every caller, so cached until a change reaches them. */
  execute(request: frmV1.ListFeatureRequestsRequest): Promise<frmV1.ListFeatureRequestsResponse> {
    return this.page(request, request.pageToken === '' ? READ_AHEAD_AFTER_FIRST_PAGE : READ_AHEAD_AFTER_LATER_PAGE);
  }

  private page(request: frmV1.ListFeatureRequestsRequest, readAhead: number): Promise<frmV1.ListFeatureRequestsResponse> {
    const filter = filterOf(request);
    // Every field of the request, in protobuf's fixed field order: the answer depends on nothing else.
    const encoded = frmV1.ListFeatureRequestsRequest.encode(request).finish();
    let dependencies: AnswerDependencies = {};
    return this.cache.read({
      key: `${this.keyId}:${Buffer.from(encoded).toString('base64')}`,
      scope: sortScope(filter.sort),
      codec,
      request: encoded,
      load: async () => {
        const listed = await this.list(request, filter);
        dependencies = listed.dependencies;
        const next = listed.response.nextPageToken;
        if (readAhead > 0 && next !== '') this.cache.prefetch(() => this.page({ ...request, pageToken: next }, readAhead - 1));
        return listed.response;
      },
      dependsOn: () => dependencies,
    });
  }

  private async list(
    request: frmV1.ListFeatureRequestsRequest,
    filter: FeatureRequestFilter,
  ): Promise<{ response: frmV1.ListFeatureRequestsResponse; dependencies: AnswerDependencies }> {
    const pageSize = pageSizeOf(request.pageSize);
    const query = queryFingerprint(['ListFeatureRequests', filter]);
    const cursor = this.pageTokens.read(request.pageToken, query, sortKeyLength(filter));
    const { sql, params } = listFeatureRequestsSql(this.readModel.schema, filter, cursor?.after, pageSize);
    const rows = await this.readModel.db.query<ListedFeatureRequestRow>(sql, params);
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    const lastOfMore = rows.length > pageSize && last ? sortKeyOf(filter, last) : undefined;
    return {
      response: { featureRequests: page.map(featureRequestMessageOfRow), nextPageToken: lastOfMore ? this.pageTokens.issue({ query, after: lastOfMore }) : '' },
      dependencies: listPageDependencies(filter.sort, page.map((row) => row.id), cursor?.after, lastOfMore),
    };
  }
}
