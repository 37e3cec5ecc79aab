import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { frmV1 } from '@frm/contracts';
import type { Logger } from '@frm/logging';
import type { ReadCache } from '@frm/read-cache';
import { LIST_CACHE, LOGGER, PAGE_TOKEN_KEY } from '../../../intake.tokens';
import { featureRequestMessageOfRow } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { PageTokens, queryFingerprint } from '@frm/pagination';
import { pageSizeOf } from '../page-size';
import { filterOf } from './feature-request-filter';
import { listFeatureRequestsSql, sortKeyLength, sortKeyOf, type ListedFeatureRequestRow } from './list-feature-requests.sql';

/** Board pages warmed after a start: the most requested ones. */
const WARMED_PAGES = 20;

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
  }

  /** After a deploy the busiest pages are in the cache before the first people ask for them. */
  onApplicationBootstrap(): void {
    this.cache
      .warm(WARMED_PAGES, (request) => this.execute(frmV1.ListFeatureRequestsRequest.decode(request)))
      .then((pages) => pages > 0 && this.logger.info({ pages }, `warmed the board list cache with the ${pages} most requested pages`))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'warming the board list cache failed; pages are cached as they are asked for'));
  }

  /** Pages of the board, the same for every caller, so cached until the read model changes. */
  execute(request: frmV1.ListFeatureRequestsRequest): Promise<frmV1.ListFeatureRequestsResponse> {
    // Every field of the request, in protobuf's fixed field order: the answer depends on nothing else.
    const encoded = frmV1.ListFeatureRequestsRequest.encode(request).finish();
    return this.cache.read({
      key: `${this.keyId}:${Buffer.from(encoded).toString('base64')}`,
      codec: { encode: (response) => frmV1.ListFeatureRequestsResponse.encode(response).finish(), decode: (bytes) => frmV1.ListFeatureRequestsResponse.decode(bytes) },
      request: encoded,
      load: () => this.list(request),
    });
  }

  private async list(request: frmV1.ListFeatureRequestsRequest): Promise<frmV1.ListFeatureRequestsResponse> {
    const filter = filterOf(request);
    const pageSize = pageSizeOf(request.pageSize);
    const query = queryFingerprint(['ListFeatureRequests', filter]);
    const cursor = this.pageTokens.read(request.pageToken, query, sortKeyLength(filter));
    const { sql, params } = listFeatureRequestsSql(this.readModel.schema, filter, cursor?.after, pageSize);
    const rows = await this.readModel.db.query<ListedFeatureRequestRow>(sql, params);
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    return {
      featureRequests: page.map(featureRequestMessageOfRow),
      nextPageToken: rows.length > pageSize && last ? this.pageTokens.issue({ query, after: sortKeyOf(filter, last) }) : '',
    };
  }
}
