import { Module } from '@nestjs/common';
import { RpcAccessGuard } from '@frm/access';
import { AddCommentHandler } from './commands/add-comment/add-comment.handler';
import { ChangeStatusHandler } from './commands/change-status/change-status.handler';
import { EditFeatureRequestHandler } from './commands/edit-feature-request/edit-feature-request.handler';
import { FeatureRequestRepository } from './commands/feature-request.repository';
import { MergeFeatureRequestHandler } from './commands/merge-feature-request/merge-feature-request.handler';
import { SubmitFeatureRequestHandler } from './commands/submit-feature-request/submit-feature-request.handler';
import { UnmergeFeatureRequestHandler } from './commands/unmerge-feature-request/unmerge-feature-request.handler';
import { FeatureRequestsController } from './feature-requests.controller';
import { GetFeatureRequestHandler } from './queries/get-feature-request/get-feature-request.handler';
import { ListCommentsHandler } from './queries/list-comments/list-comments.handler';
import { ListFeatureRequestsHandler } from './queries/list-feature-requests/list-feature-requests.handler';
import { ListStatusHistoryHandler } from './queries/list-status-history/list-status-history.handler';
import { FeatureRequestsReadModel } from './read-model/feature-requests.read-model';

@Module({
  controllers: [FeatureRequestsController],
  providers: [
    RpcAccessGuard,
    FeatureRequestRepository,
    FeatureRequestsReadModel,
    SubmitFeatureRequestHandler,
    EditFeatureRequestHandler,
    AddCommentHandler,
    ChangeStatusHandler,
    MergeFeatureRequestHandler,
    UnmergeFeatureRequestHandler,
    GetFeatureRequestHandler,
    ListFeatureRequestsHandler,
    ListCommentsHandler,
    ListStatusHistoryHandler,
  ],
})
export class FeatureRequestsModule {}
