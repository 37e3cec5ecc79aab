import { Inject, Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import { NotFoundError } from '@frm/grpc-errors';
import { PAGE_TOKEN_KEY } from '../../../intake.tokens';
import { checkUuid, refuseIfAny, type Violations } from '../../domain';
import { COMMENT_COLUMNS, commentMessageOfRow, type CommentRow } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { PageTokens, queryFingerprint } from '@frm/pagination';
import { pageSizeOf } from '../page-size';

/** Oldest first: a request's comments in the order of its stream. */
@Injectable()
export class ListCommentsHandler {
  private readonly pageTokens: PageTokens;

  constructor(
    private readonly readModel: FeatureRequestsReadModel,
    @Inject(PAGE_TOKEN_KEY) pageTokenKey: Buffer,
  ) {
    this.pageTokens = new PageTokens(pageTokenKey);
  }

  async execute(request: frmV1.ListCommentsRequest): Promise<frmV1.ListCommentsResponse> {
    const violations: Violations = [];
    checkUuid('feature_request_id', request.featureRequestId, violations);
    refuseIfAny(violations);
    const featureRequestId = request.featureRequestId.toLowerCase();
    const pageSize = pageSizeOf(request.pageSize);
    const query = queryFingerprint(['ListComments', featureRequestId]);
    const cursor = this.pageTokens.read(request.pageToken, query, 1);
    const { db, schema } = this.readModel;
    const [exists] = await db.query(`select 1 from ${schema.table('feature_requests')} where id = $1::uuid`, [featureRequestId]);
    if (!exists) throw new NotFoundError('feature request', request.featureRequestId);
    const rows = await db.query<CommentRow>(
      `select ${COMMENT_COLUMNS} from ${schema.table('comments')}
       where feature_request_id = $1::uuid and revision > $2::bigint
       order by revision limit $3::integer`,
      [featureRequestId, cursor?.after[0] ?? '-1', pageSize + 1],
    );
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    return {
      comments: page.map(commentMessageOfRow),
      nextPageToken: rows.length > pageSize && last ? this.pageTokens.issue({ query, after: [last.revision] }) : '',
    };
  }
}
