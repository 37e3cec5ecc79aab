import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { callerFromMetadata } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { RpcAccessGuard } from '@frm/access';
import { CastVoteHandler } from './commands/cast-vote/cast-vote.handler';
import { RetractVoteHandler } from './commands/retract-vote/retract-vote.handler';
import { ReviewVoteHandler } from './commands/review-vote/review-vote.handler';
import { GetTallyHandler } from './queries/get-tally.handler';
import { ListFlaggedVotesHandler } from './queries/list-flagged-votes.handler';

@Controller()
@UseGuards(RpcAccessGuard)
@frmV1.VotingServiceControllerMethods()
export class VotesController {
  constructor(
    private readonly cast: CastVoteHandler,
    private readonly retract: RetractVoteHandler,
    private readonly review: ReviewVoteHandler,
    private readonly tally: GetTallyHandler,
    private readonly flagged: ListFlaggedVotesHandler,
  ) {}

  castVote(request: frmV1.CastVoteRequest, metadata: Metadata): Promise<frmV1.Vote> {
    return this.cast.execute(request, callerFromMetadata(metadata));
  }

  retractVote(request: frmV1.RetractVoteRequest, metadata: Metadata): Promise<frmV1.RetractVoteResponse> {
    return this.retract.execute(request, callerFromMetadata(metadata));
  }

  getTally(request: frmV1.GetTallyRequest, metadata: Metadata): Promise<frmV1.Tally> {
    return this.tally.execute(request, callerFromMetadata(metadata));
  }

  listFlaggedVotes(request: frmV1.ListFlaggedVotesRequest): Promise<frmV1.ListFlaggedVotesResponse> {
    return this.flagged.execute(request);
  }

  reviewVote(request: frmV1.ReviewVoteRequest, metadata: Metadata): Promise<frmV1.FlaggedVote> {
    return this.review.execute(request, callerFromMetadata(metadata));
  }
}
