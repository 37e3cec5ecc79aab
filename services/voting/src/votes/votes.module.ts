import { Module } from '@nestjs/common';
import { RpcAccessGuard } from '@frm/access';
import { FraudDetectionProcessor } from '../processors/fraud-detection.processor';
import { MergeMoverProcessor } from '../processors/merge-mover.processor';
import { CastVoteHandler } from './commands/cast-vote/cast-vote.handler';
import { RetractVoteHandler } from './commands/retract-vote/retract-vote.handler';
import { ReviewVoteHandler } from './commands/review-vote/review-vote.handler';
import { VoteRepository } from './commands/vote.repository';
import { GetTallyHandler } from './queries/get-tally.handler';
import { ListFlaggedVotesHandler } from './queries/list-flagged-votes.handler';
import { VotesReadModel } from './read-model/votes.read-model';
import { VotesController } from './votes.controller';

@Module({
  controllers: [VotesController],
  providers: [
    RpcAccessGuard,
    VoteRepository,
    VotesReadModel,
    CastVoteHandler,
    RetractVoteHandler,
    ReviewVoteHandler,
    GetTallyHandler,
    ListFlaggedVotesHandler,
    FraudDetectionProcessor,
    MergeMoverProcessor,
  ],
})
export class VotesModule {}
