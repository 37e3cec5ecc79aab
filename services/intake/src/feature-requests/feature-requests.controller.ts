import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { callerFromMetadata } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { RpcAccessGuard } from '@frm/access';
import { AddCommentHandler } from './commands/add-comment/add-comment.handler';
import { ChangeStatusHandler } from './commands/change-status/change-status.handler';
import { EditFeatureRequestHandler } from './commands/edit-feature-request/edit-feature-request.handler';
import { MergeFeatureRequestHandler } from './commands/merge-feature-request/merge-feature-request.handler';
import { SubmitFeatureRequestHandler } from './commands/submit-feature-request/submit-feature-request.handler';
import { UnmergeFeatureRequestHandler } from './commands/unmerge-feature-request/unmerge-feature-request.handler';
import { GetFeatureRequestHandler } from './queries/get-feature-request/get-feature-request.handler';
import { ListCommentsHandler } from './queries/list-comments/list-comments.handler';
import { ListFeatureRequestsHandler } from './queries/list-feature-requests/list-feature-requests.handler';
import { ListStatusHistoryHandler } from './queries/list-status-history/list-status-history.handler';

/** Nest hands a gRPC handler the call's metadata after the request. */
type WithMetadata<Controller> = {
  [Rpc in keyof Controller]: Controller[Rpc] extends (request: infer Request) => infer Response
    ? (request: Request, metadata: Metadata) => Response
    : never;
};

@Controller()
@UseGuards(RpcAccessGuard)
@frmV1.IntakeServiceControllerMethods()
export class FeatureRequestsController implements WithMetadata<frmV1.IntakeServiceController> {
  constructor(
    private readonly submit: SubmitFeatureRequestHandler,
    private readonly edit: EditFeatureRequestHandler,
    private readonly comment: AddCommentHandler,
    private readonly changeStatusOf: ChangeStatusHandler,
    private readonly merge: MergeFeatureRequestHandler,
    private readonly unmerge: UnmergeFeatureRequestHandler,
    private readonly get: GetFeatureRequestHandler,
    private readonly list: ListFeatureRequestsHandler,
    private readonly comments: ListCommentsHandler,
    private readonly statusHistory: ListStatusHistoryHandler,
  ) {}

  submitFeatureRequest(request: frmV1.SubmitFeatureRequestRequest, metadata: Metadata): Promise<frmV1.FeatureRequest> {
    return this.submit.execute(request, callerFromMetadata(metadata));
  }

  editFeatureRequest(request: frmV1.EditFeatureRequestRequest, metadata: Metadata): Promise<frmV1.FeatureRequest> {
    return this.edit.execute(request, callerFromMetadata(metadata));
  }

  addComment(request: frmV1.AddCommentRequest, metadata: Metadata): Promise<frmV1.Comment> {
    return this.comment.execute(request, callerFromMetadata(metadata));
  }

  listComments(request: frmV1.ListCommentsRequest): Promise<frmV1.ListCommentsResponse> {
    return this.comments.execute(request);
  }

  changeStatus(request: frmV1.ChangeStatusRequest, metadata: Metadata): Promise<frmV1.FeatureRequest> {
    return this.changeStatusOf.execute(request, callerFromMetadata(metadata));
  }

  mergeFeatureRequest(request: frmV1.MergeFeatureRequestRequest, metadata: Metadata): Promise<frmV1.FeatureRequest> {
    return this.merge.execute(request, callerFromMetadata(metadata));
  }

  unmergeFeatureRequest(request: frmV1.UnmergeFeatureRequestRequest, metadata: Metadata): Promise<frmV1.FeatureRequest> {
    return this.unmerge.execute(request, callerFromMetadata(metadata));
  }

  getFeatureRequest(request: frmV1.GetFeatureRequestRequest): Promise<frmV1.FeatureRequest> {
    return this.get.execute(request);
  }

  listFeatureRequests(request: frmV1.ListFeatureRequestsRequest): Promise<frmV1.ListFeatureRequestsResponse> {
    return this.list.execute(request);
  }

  listStatusHistory(request: frmV1.ListStatusHistoryRequest): Promise<frmV1.ListStatusHistoryResponse> {
    return this.statusHistory.execute(request);
  }
}
