import { Injectable } from '@nestjs/common';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { NotFoundError } from '@frm/grpc-errors';
import { FeatureRequestRepository } from '../../commands/feature-request.repository';
import { checkUuid, refuseIfAny, statusHistoryOf, type Violations } from '../../domain';
import { toApiStatus } from '../../event-codec/status-names';

/**
 * Read from the request's own stream, not a read model: the history is exactly what was recorded,
 * and it is one short stream read per page view.
 */
@Injectable()
export class ListStatusHistoryHandler {
  constructor(private readonly repository: FeatureRequestRepository) {}

  async execute(request: frmV1.ListStatusHistoryRequest): Promise<frmV1.ListStatusHistoryResponse> {
    const violations: Violations = [];
    checkUuid('feature_request_id', request.featureRequestId, violations);
    refuseIfAny(violations);
    const steps = statusHistoryOf(await this.repository.history(request.featureRequestId.toLowerCase()));
    if (steps.length === 0) throw new NotFoundError('feature request', request.featureRequestId);
    return {
      changes: steps.map((step) => ({
        status: toApiStatus(step.status),
        reason: step.reason,
        changedBy: step.changedBy,
        changeTime: timestampFromDate(step.changedAt),
        mergedIntoId: step.mergedIntoId ?? '',
        unmergedFromId: step.unmergedFromId ?? '',
      })),
    };
  }
}
