import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import type { Actor, FeatureRequest } from '../../domain';
import { featureRequestMessageOf } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { commandIdOf } from '../command-request';
import { FeatureRequestRepository } from '../feature-request.repository';

@Injectable()
export class EditFeatureRequestHandler {
  constructor(
    private readonly repository: FeatureRequestRepository,
    private readonly readModel: FeatureRequestsReadModel,
  ) {}

  async execute(request: frmV1.EditFeatureRequestRequest, actor: Actor): Promise<frmV1.FeatureRequest> {
    const featureRequestId = request.featureRequestId.toLowerCase();
    const commandId = commandIdOf('EditFeatureRequest', actor, request, { feature_request_id: featureRequestId });
    const outcome = await this.repository.execute(featureRequestId, commandId, actor, () => ({
      kind: 'EditFeatureRequest',
      featureRequestId,
      actor,
      at: new Date(),
      ...(typeof request.title === 'string' ? { title: request.title } : {}),
      ...(typeof request.description === 'string' ? { description: request.description } : {}),
      ...(typeof request.category === 'string' ? { category: request.category } : {}),
      ...(request.tags ? { tags: request.tags.values } : {}),
    }));
    await this.readModel.catchUpWith(outcome);
    return featureRequestMessageOf(outcome.state as FeatureRequest);
  }
}
