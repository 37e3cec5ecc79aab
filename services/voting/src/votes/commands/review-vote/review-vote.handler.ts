import { Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import { InvalidArgumentError, NotFoundError } from '@frm/grpc-errors';
import { voteStreamId, type ReviewDecision } from '../../domain';
import { FLAGGED_VOTE_COLUMNS, flaggedVoteMessageOf, type FlaggedVoteRow } from '../../read-model/flagged-vote-row';
import { VotesReadModel } from '../../read-model/votes.read-model';
import { commandIdOf } from '../vote-request';
import { VoteRepository } from '../vote.repository';

const REASON_MAX_LENGTH = 1_000;
const DECISIONS: Readonly<Record<string, ReviewDecision>> = {
  VOTE_REVIEW_DECISION_CLEAR: 'clear',
  VOTE_REVIEW_DECISION_CONFIRM_FRAUD: 'confirm_fraud',
};

/** A reviewer clears a flagged vote (it counts again) or confirms it as fraud (it never counts). */
@Injectable()
export class ReviewVoteHandler {
  constructor(
    private readonly repository: VoteRepository,
    private readonly readModel: VotesReadModel,
  ) {}

  async execute(request: frmV1.ReviewVoteRequest, caller: CallerContext): Promise<frmV1.FlaggedVote> {
    const commandId = commandIdOf('ReviewVote', caller.subject, request, { vote_id: request.voteId });
    const decision = DECISIONS[String(request.decision)];
    const reason = request.reason.trim();
    if (!decision) throw new InvalidArgumentError('decision', 'must be VOTE_REVIEW_DECISION_CLEAR or VOTE_REVIEW_DECISION_CONFIRM_FRAUD');
    if (reason === '') throw new InvalidArgumentError('reason', 'must not be empty: the audit log keeps why a vote was cleared or confirmed');
    if ([...reason].length > REASON_MAX_LENGTH) throw new InvalidArgumentError('reason', `must be at most ${REASON_MAX_LENGTH} characters`);
    const voteId = request.voteId.toLowerCase();
    const before = await this.flaggedVote(voteId);
    if (!before) throw new NotFoundError('vote', voteId);
    const at = new Date();
    const outcome = await this.repository.execute(voteStreamId(before.feature_request_id, before.voter_id), commandId, caller.subject, {
      kind: 'ReviewVote',
      at,
      reviewerId: caller.subject,
      decision,
      reason,
    });
    const reviewed = outcome.events.find((event) => event.type === 'VoteReviewed');
    return flaggedVoteMessageOf({
      ...before,
      ...(reviewed?.type === 'VoteReviewed'
        ? { reviewer_id: reviewed.reviewerId, review_decision: reviewed.decision, review_reason: reviewed.reason, reviewed_at: reviewed.occurredAt }
        : {}),
    });
  }

  private async flaggedVote(voteId: string): Promise<FlaggedVoteRow | undefined> {
    const rows = await this.readModel.db.query<FlaggedVoteRow>(
      `select ${FLAGGED_VOTE_COLUMNS} from ${this.readModel.schema.table('votes')} where vote_id = $1`,
      [voteId],
    );
    return rows[0];
  }
}
