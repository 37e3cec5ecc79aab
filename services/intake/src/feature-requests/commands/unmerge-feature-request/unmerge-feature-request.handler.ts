import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import type { Actor, FeatureRequest } from '../../domain';
import { featureRequestMessageOf } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { commandIdOf } from '../command-request';
import { FeatureRequestRepository } from '../feature-request.repository';

/** Appends to the merged request's stream only; its target is read to check it was not merged on. */
@Injectable()
export class UnmergeFeatureRequestHandler {
  constructor(
    private readonly repository: FeatureRequestRepository,
    private readonly readModel: FeatureRequestsReadModel,
  ) {}

  async execute(request: frmV1.UnmergeFeatureRequestRequest, actor: Actor): Promise<frmV1.FeatureRequest> {
    const sourceId = request.featureRequestId.toLowerCase();
    const commandId = commandIdOf('UnmergeFeatureRequest', actor, request, { feature_request_id: sourceId });
    const outcome = await this.repository.execute(sourceId, commandId, actor, async () => {
      const source = await this.repository.load(sourceId);
      return {
        kind: 'UnmergeFeatureRequest',
        featureRequestId: sourceId,
        actor,
        at: new Date(),
        target: source?.mergedIntoId ? await this.repository.load(source.mergedIntoId) : null,
        reason: request.reason,
      };
    });
    await this.readModel.catchUpWith(outcome);
    return featureRequestMessageOf(outcome.state as FeatureRequest);
  }
}
