import { Inject, Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import { PAGE_TOKEN_KEY } from '../../../intake.tokens';
import { featureRequestMessageOfRow } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { PageTokens, queryFingerprint } from '@frm/pagination';
import { pageSizeOf } from '../page-size';
import { filterOf } from './feature-request-filter';
import { listFeatureRequestsSql, sortKeyLength, sortKeyOf, type ListedFeatureRequestRow } from './list-feature-requests.sql';

@Injectable()
export class ListFeatureRequestsHandler {
  private readonly pageTokens: PageTokens;

  constructor(
    private readonly readModel: FeatureRequestsReadModel,
    @Inject(PAGE_TOKEN_KEY) pageTokenKey: Buffer,
  ) {
    this.pageTokens = new PageTokens(pageTokenKey);
  }

  async execute(request: frmV1.ListFeatureRequestsRequest): Promise<frmV1.ListFeatureRequestsResponse> {
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
