import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import { InvalidArgumentError } from '@frm/grpc-errors';
import type { Actor, FeatureRequest } from '../../domain';
import { fromStatusName } from '../../event-codec/status-names';
import { featureRequestMessageOf } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';
import { commandIdOf } from '../command-request';
import { FeatureRequestRepository } from '../feature-request.repository';

@Injectable()
export class ChangeStatusHandler {
  constructor(
    private readonly repository: FeatureRequestRepository,
    private readonly readModel: FeatureRequestsReadModel,
  ) {}

  async execute(request: frmV1.ChangeStatusRequest, actor: Actor): Promise<frmV1.FeatureRequest> {
    const featureRequestId = request.featureRequestId.toLowerCase();
    const commandId = commandIdOf('ChangeStatus', actor, request, { feature_request_id: featureRequestId });
    const status = fromStatusName(String(request.status));
    if (status === undefined) throw new InvalidArgumentError('status', 'must be the FeatureRequestStatus to move to, not UNSPECIFIED');
    const outcome = await this.repository.execute(featureRequestId, commandId, actor, () => ({
      kind: 'ChangeStatus',
      featureRequestId,
      actor,
      at: new Date(),
      status,
      reason: request.reason,
    }));
    await this.readModel.catchUpWith(outcome);
    return featureRequestMessageOf(outcome.state as FeatureRequest);
  }
}
