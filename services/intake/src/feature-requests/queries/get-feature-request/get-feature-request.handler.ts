import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import { NotFoundError } from '@frm/grpc-errors';
import { checkUuid, refuseIfAny, type Violations } from '../../domain';
import { FEATURE_REQUEST_COLUMNS, featureRequestMessageOfRow, type FeatureRequestRow } from '../../feature-request.messages';
import { FeatureRequestsReadModel } from '../../read-model/feature-requests.read-model';

@Injectable()
export class GetFeatureRequestHandler {
  constructor(private readonly readModel: FeatureRequestsReadModel) {}

  async execute(request: frmV1.GetFeatureRequestRequest): Promise<frmV1.FeatureRequest> {
    const violations: Violations = [];
    checkUuid('feature_request_id', request.featureRequestId, violations);
    refuseIfAny(violations);
    const [row] = await this.readModel.db.query<FeatureRequestRow>(
      `select ${FEATURE_REQUEST_COLUMNS} from ${this.readModel.schema.table('feature_requests')} where id = $1::uuid`,
      [request.featureRequestId],
    );
    if (!row) throw new NotFoundError('feature request', request.featureRequestId);
    return featureRequestMessageOfRow(row);
  }
}
