import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import type { Actor } from '../../domain';
import { commentMessageOf } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { entityIdFor } from '../command-ids';
import { commandIdOf } from '../command-request';
import { FeatureRequestRepository } from '../feature-request.repository';

@Injectable()
export class AddCommentHandler {
  constructor(
    private readonly repository: FeatureRequestRepository,
    private readonly readModel: FeatureRequestsReadModel,
  ) {}

  async execute(request: frmV1.AddCommentRequest, actor: Actor): Promise<frmV1.Comment> {
    const featureRequestId = request.featureRequestId.toLowerCase();
    const commandId = commandIdOf('AddComment', actor, request, { feature_request_id: featureRequestId });
    const outcome = await this.repository.execute(featureRequestId, commandId, actor, () => ({
      kind: 'AddComment',
      featureRequestId,
      commentId: entityIdFor(commandId, 'comment'),
      actor,
      at: new Date(),
      body: request.body,
    }));
    await this.readModel.catchUpWith(outcome);
    const added = outcome.events.find((event) => event.type === 'FeatureRequestCommentAdded');
    if (added?.type !== 'FeatureRequestCommentAdded') throw new Error(`AddComment ${commandId} recorded no comment`);
    return commentMessageOf({ ...added, id: added.commentId, createdAt: added.occurredAt });
  }
}
