import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { frmEventsV1, fromEventJson } from '@frm/contracts';
import type { EventStore, RecordedEvent } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { EVENT_STORE, LOGGER, PROCESSOR_SCHEMA, READ_MODEL_DATABASE } from '../voting.tokens';
import { voteStreamId, type FraudEvidence, type RestoreVote, type VoteSignals } from '../votes/domain';
import { VoteRepository } from '../votes/commands/vote.repository';
import { VotesReadModel } from '../votes/read-model/votes.read-model';
import { EventProcessor } from './event-processor';

const MOVE_NAMESPACE = '7a4d1c93-2e6b-4f05-8c17-b39e0d5a6f21';
const CAUGHT_UP_TIMEOUT_MS = 30_000;

interface ActiveVoteRow {
  vote_id: string;
  voter_id: string;
  held: 'no' | 'flagged' | 'confirmed_fraud';
  weight: number;
  cast_at: Date;
  voter_account_created_at: Date | null;
  voter_supplier_type: string;
  voter_time_zone: string;
  signals: VoteSignals;
  evidence: FraudEvidence[];
}

/**
 * When intake merges a request, its voters' support moves to the target: each active vote on the
 * source ends with `VoteMoved`, and arrives on the target as a vote of the same voter (still held
 * back if it was flagged) unless that voter already supports the target, so nobody counts twice.
 *
 * When the merge is undone, the way back: each vote that arrived by it and is still there leaves the
 * target (`VoteMovedBack`) and counts at the source again as it stands (`VoteRestored`); a vote that
 * was dropped because its voter supported both comes back as it left, so that voter keeps both. A
 * vote its voter retracted at the target meanwhile stays withdrawn. Merges and unmerges are handled
 * in the order they happened (one processor), and command ids come from the event and the vote, so
 * a replay moves nothing twice.
 */
@Injectable()
export class MergeMoverProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly processor: EventProcessor;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) db: SqlDatabase,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PROCESSOR_SCHEMA) processorSchema: string,
    private readonly repository: VoteRepository,
    private readonly readModel: VotesReadModel,
  ) {
    this.processor = new EventProcessor({
      name: 'merge-mover',
      eventStore,
      db,
      checkpointSchema: processorSchema,
      eventTypePrefixes: [frmEventsV1.FeatureRequestMerged.$type, frmEventsV1.FeatureRequestUnmerged.$type],
      logger,
      handle: (events) => this.handle(events),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.processor.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.processor.stop();
  }

  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const recorded of events) {
      const merge =
        recorded.type === frmEventsV1.FeatureRequestMerged.$type
          ? { undo: false, ...fromEventJson(frmEventsV1.FeatureRequestMerged, recorded.data) }
          : recorded.type === frmEventsV1.FeatureRequestUnmerged.$type
            ? { undo: true, ...fromEventJson(frmEventsV1.FeatureRequestUnmerged, recorded.data) }
            : undefined;
      if (!merge) continue;
      // Every vote cast (or moved) before the event must be in the read model before its votes are listed.
      const caughtUp = await this.readModel.runner.waitUntilApplied(recorded.position, CAUGHT_UP_TIMEOUT_MS);
      if (!caughtUp) {
        throw new Error(
          `the votes read model did not reach the ${merge.undo ? 'unmerge' : 'merge'} of ${merge.featureRequestId} within ${CAUGHT_UP_TIMEOUT_MS / 1000} s`,
        );
      }
      if (merge.undo) await this.moveVotesBack(recorded.id, merge.featureRequestId, merge.targetFeatureRequestId);
      else await this.moveVotes(recorded.id, merge.featureRequestId, merge.targetFeatureRequestId);
    }
  }

  private async moveVotes(mergeEventId: string, sourceId: string, targetId: string): Promise<void> {
    const target = await this.readModel.featureRequest(targetId);
    const votes = await this.readModel.db.query<ActiveVoteRow>(
      `select vote_id, voter_id, held, weight, cast_at, voter_account_created_at, voter_supplier_type, voter_time_zone, signals, evidence
       from ${this.readModel.schema.table('votes')} where feature_request_id = $1 and state = 'active' order by cast_at, vote_id`,
      [sourceId],
    );
    const at = new Date();
    for (const vote of votes) {
      const targetStream = voteStreamId(targetId, vote.voter_id);
      const alreadyVoted = (await this.repository.load(targetStream)).status === 'active';
      // The merge's id is in it: a request merged, unmerged and merged again brings a new vote each time.
      const targetVoteId = uuidv5(`moved\n${mergeEventId}\n${vote.vote_id}\n${targetId}`, MOVE_NAMESPACE);
      const dropped = alreadyVoted || vote.held === 'confirmed_fraud';
      const moveId = uuidv5(`move\n${mergeEventId}\n${vote.vote_id}`, MOVE_NAMESPACE);
      await this.repository.execute(voteStreamId(sourceId, vote.voter_id), moveId, 'merge', {
        kind: 'MoveVote',
        at,
        targetFeatureRequestId: targetId,
        targetVoteId,
        targetAlreadyVoted: dropped,
      });
      if (dropped) continue;
      await this.repository.execute(targetStream, uuidv5(`arrive\n${mergeEventId}\n${vote.vote_id}`, MOVE_NAMESPACE), 'merge', {
        kind: 'ReceiveMovedVote',
        at,
        movedFromVoteId: vote.vote_id,
        flaggedEvidence: vote.held === 'flagged' ? vote.evidence : [],
        cast: {
          voteId: targetVoteId,
          featureRequestId: targetId,
          voterId: vote.voter_id,
          weight: vote.weight,
          signals: vote.signals,
          voterSupplierType: vote.voter_supplier_type,
          voterAccountCreatedAt: vote.voter_account_created_at ?? undefined,
          featureRequestAuthorId: target?.author_id ?? '',
          voterTimeZone: vote.voter_time_zone,
        },
      });
    }
    if (votes.length > 0) this.logger.info({ source: sourceId, target: targetId, votes: votes.length }, `moved ${votes.length} votes of a merged request`);
  }

  private async moveVotesBack(unmergeEventId: string, sourceId: string, targetId: string): Promise<void> {
    const moved = await this.readModel.db.query<{ vote_id: string; voter_id: string }>(
      `select vote_id, voter_id from ${this.readModel.schema.table('votes')}
       where feature_request_id = $1 and state = 'moved' order by cast_at, vote_id`,
      [sourceId],
    );
    const at = new Date();
    let restored = 0;
    for (const { vote_id: voteId, voter_id: voterId } of moved) {
      const sourceStream = voteStreamId(sourceId, voterId);
      const source = await this.repository.load(sourceStream);
      // Moved by an earlier merge into another request, whose undoing left it withdrawn.
      if (source.status !== 'moved' || source.targetFeatureRequestId !== targetId) continue;
      let returning: RestoreVote['returning'];
      if (source.targetVoteId !== '') {
        const targetStream = voteStreamId(targetId, voterId);
        const sent = await this.repository.execute(targetStream, uuidv5(`send back\n${unmergeEventId}\n${voteId}`, MOVE_NAMESPACE), 'merge', {
          kind: 'SendVoteBack',
          at,
          arrivedVoteId: source.targetVoteId,
          sourceFeatureRequestId: sourceId,
          sourceVoteId: voteId,
        });
        // Sent back now or by an earlier attempt of this unmerge; otherwise the voter withdrew it at the target.
        if (sent.state.status !== 'moved_back' || sent.state.voteId !== source.targetVoteId) continue;
        returning = sent.state.returned;
      }
      await this.repository.execute(sourceStream, uuidv5(`restore\n${unmergeEventId}\n${voteId}`, MOVE_NAMESPACE), 'merge', {
        kind: 'RestoreVote',
        at,
        returning,
      });
      restored += 1;
    }
    if (restored > 0) this.logger.info({ source: sourceId, target: targetId, votes: restored }, `moved ${restored} votes back after an undone merge`);
  }
}
