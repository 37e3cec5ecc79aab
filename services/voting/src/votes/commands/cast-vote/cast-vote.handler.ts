import { Inject, Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import { voteWeight, type FraudDetectionConfig } from '@frm/fraud-detection';
import { FailedPreconditionError, NotFoundError } from '@frm/grpc-errors';
import { FRAUD_CONFIG, SIGNAL_HASH_KEY, VOTE_VELOCITY } from '../../../voting.tokens';
import { voteStreamId, type ActiveVote } from '../../domain';
import { VotesReadModel } from '../../read-model/votes.read-model';
import { SignalHasher } from '../../signals/signal-hasher';
import type { VoteVelocity } from '../../signals/vote-velocity';
import { voteMessageOf } from '../../vote.messages';
import { commandIdOf, voteIdFor } from '../vote-request';
import { VoteRepository } from '../vote.repository';

const CLOSED_STATUSES = new Set(['merged', 'shipped', 'declined']);

@Injectable()
export class CastVoteHandler {
  private readonly hasher: SignalHasher;

  constructor(
    private readonly repository: VoteRepository,
    private readonly readModel: VotesReadModel,
    @Inject(SIGNAL_HASH_KEY) signalHashKey: Buffer,
    @Inject(VOTE_VELOCITY) private readonly velocity: VoteVelocity,
    @Inject(FRAUD_CONFIG) private readonly fraudConfig: FraudDetectionConfig,
  ) {
    this.hasher = new SignalHasher(signalHashKey);
  }

  async execute(request: frmV1.CastVoteRequest, caller: CallerContext): Promise<frmV1.Vote> {
    const commandId = commandIdOf('CastVote', caller.subject, request, { feature_request_id: request.featureRequestId });
    const featureRequestId = request.featureRequestId.toLowerCase();
    const featureRequest = await this.readModel.featureRequestCaughtUp(featureRequestId);
    if (!featureRequest) throw new NotFoundError('feature request', featureRequestId);
    if (CLOSED_STATUSES.has(featureRequest.status)) {
      throw new FailedPreconditionError(`feature request ${featureRequestId} is ${featureRequest.status}; it takes no more votes`);
    }
    const signals = this.hasher.hash(caller);
    await this.velocity.check(caller.subject, signals.ipHash);
    const at = new Date();
    const accountCreatedAt = caller.accountCreatedAt === undefined ? undefined : new Date(caller.accountCreatedAt * 1000);
    const outcome = await this.repository.execute(
      voteStreamId(featureRequestId, caller.subject),
      commandId,
      caller.subject,
      {
        kind: 'CastVote',
        voteId: voteIdFor(commandId),
        featureRequestId,
        voterId: caller.subject,
        at,
        weight: voteWeight(
          { voteId: '', featureRequestId, voterId: caller.subject, castAt: at.getTime(), accountCreatedAt: accountCreatedAt?.getTime(), ...signals, requestAuthorId: featureRequest.author_id },
          this.fraudConfig,
        ),
        signals,
        voterSupplierType: caller.supplierType ?? '',
        voterAccountCreatedAt: accountCreatedAt,
        featureRequestAuthorId: featureRequest.author_id,
        voterTimeZone: caller.timeZone ?? '',
      },
      { expectNew: true },
    );
    return voteMessageOf(outcome.state as ActiveVote);
  }
}
