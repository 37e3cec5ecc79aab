import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import type { Actor, FeatureRequest } from '../../domain';
import { featureRequestMessageOf } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { entityIdFor } from '../command-ids';
import { commandIdOf } from '../command-request';
import { FeatureRequestRepository } from '../feature-request.repository';

@Injectable()
export class SubmitFeatureRequestHandler {
  constructor(
    private readonly repository: FeatureRequestRepository,
    private readonly readModel: FeatureRequestsReadModel,
  ) {}

  async execute(request: frmV1.SubmitFeatureRequestRequest, actor: Actor): Promise<frmV1.FeatureRequest> {
    const commandId = commandIdOf('SubmitFeatureRequest', actor, request);
    const featureRequestId = entityIdFor(commandId, 'feature-request');
    const outcome = await this.repository.execute(featureRequestId, commandId, actor, () => ({
      kind: 'SubmitFeatureRequest',
      featureRequestId,
      actor,
      at: new Date(),
      title: request.title,
      description: request.description,
      category: request.category,
      tags: request.tags,
      weddingContext: request.weddingContext,
    }));
    await this.readModel.catchUpWith(outcome);
    return featureRequestMessageOf(outcome.state as FeatureRequest);
  }
}
