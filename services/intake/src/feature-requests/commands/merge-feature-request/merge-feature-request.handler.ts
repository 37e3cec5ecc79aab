import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import type { Actor, FeatureRequest } from '../../domain';
import { featureRequestMessageOf } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { commandIdOf } from '../command-request';
import { FeatureRequestRepository } from '../feature-request.repository';

/** Appends to the source's stream only; the target is read to check it can take the merge. */
@Injectable()
export class MergeFeatureRequestHandler {
  constructor(
    private readonly repository: FeatureRequestRepository,
    private readonly readModel: FeatureRequestsReadModel,
  ) {}

  async execute(request: frmV1.MergeFeatureRequestRequest, actor: Actor): Promise<frmV1.FeatureRequest> {
    const sourceId = request.sourceFeatureRequestId.toLowerCase();
    const targetId = request.targetFeatureRequestId.toLowerCase();
    const commandId = commandIdOf('MergeFeatureRequest', actor, request, {
      source_feature_request_id: sourceId,
      target_feature_request_id: targetId,
    });
    const outcome = await this.repository.execute(sourceId, commandId, actor, async () => ({
      kind: 'MergeFeatureRequest',
      featureRequestId: sourceId,
      actor,
      at: new Date(),
      targetId,
      target: sourceId === targetId ? null : await this.repository.load(targetId),
      reason: request.reason,
    }));
    await this.readModel.catchUpWith(outcome);
    return featureRequestMessageOf(outcome.state as FeatureRequest);
  }
}
