import { Injectable } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import { NotFoundError } from '@frm/grpc-errors';
import { commandIdOf } from '../commands/vote-request';
import { VotesReadModel } from '../read-model/votes.read-model';

@Injectable()
export class GetTallyHandler {
  constructor(private readonly readModel: VotesReadModel) {}

  async execute(request: frmV1.GetTallyRequest): Promise<frmV1.Tally> {
    commandIdOf('GetTally', '', { requestId: '' }, { feature_request_id: request.featureRequestId });
    const id = request.featureRequestId.toLowerCase();
    const row = (await this.readModel.tally(id)) ?? ((await this.readModel.featureRequestCaughtUp(id)) ? await this.readModel.tally(id) : undefined);
    if (!row) throw new NotFoundError('feature request', id);
    return { featureRequestId: id, counted: row.counted, flagged: row.flagged, weighted: row.weighted };
  }
}
