import { Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import { NotFoundError } from '@frm/grpc-errors';
import { commandIdOf } from '../commands/vote-request';
import { VoteRepository } from '../commands/vote.repository';
import { voteStreamId } from '../domain';
import { VotesReadModel } from '../read-model/votes.read-model';

@Injectable()
export class GetTallyHandler {
  constructor(
    private readonly readModel: VotesReadModel,
    private readonly votes: VoteRepository,
  ) {}

  async execute(request: frmV1.GetTallyRequest, caller: CallerContext): Promise<frmV1.Tally> {
    commandIdOf('GetTally', '', { requestId: '' }, { feature_request_id: request.featureRequestId });
    const id = request.featureRequestId.toLowerCase();
    // The caller's own vote comes from its stream, not the read model: right after a CastVote the
    // person sees their vote even before the tally has caught up.
    const [row, callerVote] = await Promise.all([this.tallyRow(id), this.votes.load(voteStreamId(id, caller.subject))]);
    if (!row) throw new NotFoundError('feature request', id);
    return { featureRequestId: id, counted: row.counted, flagged: row.flagged, weighted: row.weighted, callerVoted: callerVote.status === 'active' };
  }

  private async tallyRow(id: string) {
    return (await this.readModel.tally(id)) ?? ((await this.readModel.featureRequestCaughtUp(id)) ? await this.readModel.tally(id) : undefined);
  }
}
