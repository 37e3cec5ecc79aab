import { Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import { voteStreamId } from '../../domain';
import { commandIdOf } from '../vote-request';
import { VoteRepository } from '../vote.repository';

@Injectable()
export class RetractVoteHandler {
  constructor(private readonly repository: VoteRepository) {}

  async execute(request: frmV1.RetractVoteRequest, caller: CallerContext): Promise<frmV1.RetractVoteResponse> {
    const commandId = commandIdOf('RetractVote', caller.subject, request, { feature_request_id: request.featureRequestId });
    const featureRequestId = request.featureRequestId.toLowerCase();
    await this.repository.execute(voteStreamId(featureRequestId, caller.subject), commandId, caller.subject, { kind: 'RetractVote', at: new Date(), featureRequestId });
    return {};
  }
}
