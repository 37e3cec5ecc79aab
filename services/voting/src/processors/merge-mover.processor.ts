import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { frmEventsV1, fromEventJson } from '@frm/contracts';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { EVENT_STORE, LOGGER, PROCESSOR_SCHEMA, READ_MODEL_DATABASE } from '../voting.tokens';
import { voteLeavingFor, voteStreamId, type RestoreVote } from '../votes/domain';
import { VoteRepository } from '../votes/commands/vote.repository';
import { decodeVoteEvent, VOTE_EVENT_PREFIX } from '../votes/event-codec/vote-event.codec';
import { VotesReadModel } from '../votes/read-model/votes.read-model';
import { EventProcessor } from './event-processor';
import { mergeMoveIds } from './merge-move-ids';

const CAUGHT_UP_TIMEOUT_MS = 30_000;
const VOTE_CAST = `${VOTE_EVENT_PREFIX}Cast`;
/** How many merges in a row a late vote is followed through before the chain is taken for a loop. */
const MAX_MERGE_CHAIN = 8;

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
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
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
      eventTypePrefixes: [frmEventsV1.FeatureRequestMerged.$type, frmEventsV1.FeatureRequestUnmerged.$type, VOTE_CAST],
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
    let casts: RecordedEvent[] = [];
    for (const recorded of events) {
      if (recorded.type === VOTE_CAST) {
        casts.push(recorded);
        continue;
      }
      await this.moveVotesCastAfterMerge(casts);
      casts = [];
      const merge =
        recorded.type === frmEventsV1.FeatureRequestMerged.$type
          ? { undo: false, ...fromEventJson(frmEventsV1.FeatureRequestMerged, recorded.data) }
          : recorded.type === frmEventsV1.FeatureRequestUnmerged.$type
            ? { undo: true, ...fromEventJson(frmEventsV1.FeatureRequestUnmerged, recorded.data) }
            : undefined;
      if (!merge) continue;
      // Every vote cast or moved so far must be in the read model before its votes are listed: not only
      // those before the event, but also this processor's own moves after it. A merge handled late (the
      // processor behind) moves the source's votes as they are now, and the unmerge after it must see
      // those moves to send them back; waiting for the unmerge's own position alone left them moved.
      if (!(await this.readModel.catchUp(CAUGHT_UP_TIMEOUT_MS))) {
        throw new Error(
          `the votes read model did not reach the ${merge.undo ? 'unmerge' : 'merge'} of ${merge.featureRequestId} within ${CAUGHT_UP_TIMEOUT_MS / 1000} s`,
        );
      }
      if (merge.undo) await this.moveVotesBack(recorded.id, merge.featureRequestId, merge.targetFeatureRequestId);
      else await this.moveVotes(recorded.id, recorded.position, merge.featureRequestId, merge.targetFeatureRequestId);
    }
    await this.moveVotesCastAfterMerge(casts);
  }

  /**
   * A vote accepted on a request just merged (the cast handler read its status a moment before the
   * merge reached it) came after the merge listed the source's votes: it goes on to the target too.
   * The ids come from the vote's own event, so a replay moves it once.
   */
  private async moveVotesCastAfterMerge(casts: readonly RecordedEvent[]): Promise<void> {
    const last = casts.at(-1);
    if (!last) return;
    if (!(await this.readModel.runner.waitUntilApplied(last.position, CAUGHT_UP_TIMEOUT_MS))) {
      throw new Error(`the votes read model did not reach the votes it was to check for merged requests within ${CAUGHT_UP_TIMEOUT_MS / 1000} s`);
    }
    const votes = casts.flatMap((recorded) => {
      const event = decodeVoteEvent(recorded);
      return event?.type === 'VoteCast' ? [{ eventId: recorded.id, event }] : [];
    });
    const mergedInto = await this.withoutCycles(await this.readModel.mergedInto([...new Set(votes.map(({ event }) => event.featureRequestId))]));
    const authors = new Map<string, string>();
    for (const { eventId, event } of votes) {
      const targetId = mergedInto.get(event.featureRequestId);
      if (!targetId) continue;
      if (!authors.has(targetId)) authors.set(targetId, (await this.readModel.featureRequest(targetId))?.author_id ?? '');
      if (await this.moveVote(eventId, event.featureRequestId, targetId, event.voteId, event.voterId, authors.get(targetId) as string)) {
        this.logger.info({ source: event.featureRequestId, target: targetId, vote: event.voteId }, 'moved a vote cast on a request just merged');
      }
    }
  }

  /**
   * The merges whose chain of targets ends at an open request. Two merges into each other (two
   * people merging A into B and B into A at the same moment) would otherwise pass every vote that
   * arrives at one on to the other, for ever; such votes stay where they are, and the log says why.
   */
  private async withoutCycles(mergedInto: Map<string, string>): Promise<Map<string, string>> {
    const open = new Map<string, string>();
    for (const [source, target] of mergedInto) {
      const seen = new Set([source]);
      let next: string | undefined = target;
      while (next !== undefined && !seen.has(next) && seen.size <= MAX_MERGE_CHAIN) {
        seen.add(next);
        next = (await this.readModel.mergedInto([next])).get(next);
      }
      if (next === undefined) open.set(source, target);
      else this.logger.warn({ source, chain: [...seen] }, 'votes cast on a merged request stay there: its merges lead back to it or go on too long');
    }
    return open;
  }

  private async moveVotes(mergeEventId: string, mergePosition: Position, sourceId: string, targetId: string): Promise<void> {
    const target = await this.readModel.featureRequest(targetId);
    // The active votes, and those an earlier attempt of this merge moved before it stopped short of
    // their arrival. What moves, and how, is decided from the vote streams, not from these rows: a
    // retraction or a flag since the read model took them must count. The rows are as they are now,
    // so a merge handled late also lists votes cast after it; those are not this merge's to move.
    const candidates = await this.readModel.db.query<{ vote_id: string; voter_id: string }>(
      `select vote_id, voter_id from ${this.readModel.schema.table('votes')}
       where feature_request_id = $1 and state in ('active', 'moved') order by cast_at, vote_id`,
      [sourceId],
    );
    let arrived = 0;
    for (const { vote_id: voteId, voter_id: voterId } of candidates) {
      if (await this.castAfter(voteStreamId(sourceId, voterId), voteId, mergePosition)) continue;
      if (await this.moveVote(mergeEventId, sourceId, targetId, voteId, voterId, target?.author_id ?? '')) arrived += 1;
    }
    if (arrived > 0) this.logger.info({ source: sourceId, target: targetId, votes: arrived }, `moved ${arrived} votes of a merged request`);
  }

  /**
   * Whether the vote was cast (or arrived) after `position` in the log. Such a vote follows the merge
   * through its own `VoteCast` (moveVotesCastAfterMerge), which looks at the request as it is then:
   * moved by a merge handled late, a vote cast after that merge was undone left its request for a
   * moment, and the voter found it gone.
   */
  private async castAfter(streamId: string, voteId: string, position: Position): Promise<boolean> {
    const recorded = await this.eventStore.readStream(streamId);
    for (let i = recorded.length - 1; i >= 0; i -= 1) {
      const event = decodeVoteEvent(recorded[i] as RecordedEvent);
      if (event?.type === 'VoteCast' && event.voteId === voteId) return comparePositions((recorded[i] as RecordedEvent).position, position) > 0;
    }
    return false;
  }

  /** Moves one vote of the source by the merge `mergeEventId` names; true when it arrived at the target. */
  private async moveVote(mergeEventId: string, sourceId: string, targetId: string, voteId: string, voterId: string, targetAuthorId: string): Promise<boolean> {
    const at = new Date();
    const sourceStream = voteStreamId(sourceId, voterId);
    const targetStream = voteStreamId(targetId, voterId);
    const targetVoteId = mergeMoveIds.targetVote(mergeEventId, voteId, targetId);
    const atTarget = await this.repository.load(targetStream);
    const left = await this.repository.execute(sourceStream, mergeMoveIds.move(mergeEventId, voteId), 'merge', {
      kind: 'MoveVote',
      at,
      sourceVoteId: voteId,
      targetFeatureRequestId: targetId,
      targetVoteId,
      targetAlreadyVoted: atTarget.status === 'active' && atTarget.voteId !== targetVoteId,
    });
    // Only a vote this merge moved arrives: not one retracted meanwhile, dropped, or taken elsewhere by an earlier merge.
    if (left.state.status !== 'moved' || left.state.targetVoteId !== targetVoteId) return false;
    const leaving = voteLeavingFor(await this.repository.readEvents(sourceStream), targetVoteId);
    if (!leaving) return false;
    const { before } = left.state;
    await this.repository.execute(targetStream, mergeMoveIds.arrive(mergeEventId, voteId), 'merge', {
      kind: 'ReceiveMovedVote',
      at,
      movedFromVoteId: voteId,
      flaggedEvidence: before.held === 'flagged' ? leaving.evidence : [],
      cast: {
        voteId: targetVoteId,
        featureRequestId: targetId,
        voterId,
        weight: before.weight,
        signals: leaving.cast.signals,
        voterSupplierType: leaving.cast.voterSupplierType,
        voterAccountCreatedAt: leaving.cast.voterAccountCreatedAt,
        featureRequestAuthorId: targetAuthorId,
        voterTimeZone: leaving.cast.voterTimeZone,
      },
    });
    return true;
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
        const sent = await this.repository.execute(targetStream, mergeMoveIds.sendBack(unmergeEventId, voteId), 'merge', {
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
      await this.repository.execute(sourceStream, mergeMoveIds.restore(unmergeEventId, voteId), 'merge', {
        kind: 'RestoreVote',
        at,
        returning,
      });
      restored += 1;
    }
    if (restored > 0) this.logger.info({ source: sourceId, target: targetId, votes: restored }, `moved ${restored} votes back after an undone merge`);
  }
}
