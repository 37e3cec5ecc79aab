import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import type { EventStore, RecordedEvent } from '@frm/event-store';
import { detectFraud, DetectorWindow, type FraudDetectionConfig, type Finding, type ObservedVote } from '@frm/fraud-detection';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { FraudMetrics } from '../metrics/fraud.metrics';
import { EVENT_STORE, FRAUD_CONFIG, FRAUD_METRICS, LOGGER, PROCESSOR_SCHEMA, READ_MODEL_DATABASE } from '../voting.tokens';
import { voteStreamId, type FraudEvidence, type VoteCast, type VoteSignals } from '../votes/domain';
import { VoteRepository } from '../votes/commands/vote.repository';
import { decodeVoteEvent, VOTE_EVENT_PREFIX } from '../votes/event-codec/vote-event.codec';
import { VotesReadModel } from '../votes/read-model/votes.read-model';
import { EventProcessor } from './event-processor';

interface WindowRow {
  vote_id: string;
  feature_request_id: string;
  voter_id: string;
  cast_at: Date;
  voter_account_created_at: Date | null;
  author_id: string;
  signals: VoteSignals;
  evidence: FraudEvidence[];
}

interface Flag {
  readonly vote: ObservedVote;
  readonly commandId: string;
  readonly evidence: FraudEvidence[];
}

const FLAG_NAMESPACE = '0c6f2e8a-94b1-4d37-b5a0-6e1d3f7c2a98';
/** Merges chain (a target merged on in turn); a flag follows a vote this many moves at most. */
const MAX_MOVES_FOLLOWED = 5;
/** How long after a move a flag waits for the moved vote to arrive at the target. */
const ARRIVAL_PATIENCE_MS = 60_000;
/** How long a start waits for the votes read model to hold every vote so far before it warms the window. */
const WARM_UP_WAIT_MS = 15_000;

/**
 * The asynchronous fraud check: follows every vote event, keeps a window of recent votes, runs
 * the detectors on each new vote and flags what they find (the new vote and earlier ones that
 * share the evidence). Flags are `VoteFlagged` events on the votes' own streams, with ids derived
 * from the vote that tipped the pattern, so a replay after a crash flags nothing twice.
 */
@Injectable()
export class FraudDetectionProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly window: DetectorWindow;
  private readonly processor: EventProcessor;
  /** Votes the warm-up put in the window that the processor has not judged yet (it hands them over again). */
  private readonly warmedUp = new Set<string>();
  private readonly waitingFlags: (Flag & { readonly until: number })[] = [];
  /** When the votes a merge is moving were first cast, by the id they arrive under. */
  private readonly arrivingCastAt = new Map<string, number>();

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) db: SqlDatabase,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PROCESSOR_SCHEMA) processorSchema: string,
    @Inject(FRAUD_CONFIG) private readonly config: FraudDetectionConfig,
    private readonly repository: VoteRepository,
    private readonly readModel: VotesReadModel,
    @Inject(FRAUD_METRICS) private readonly metrics: FraudMetrics,
  ) {
    this.window = new DetectorWindow(config);
    this.processor = new EventProcessor({
      name: 'fraud-detection',
      eventStore,
      db,
      checkpointSchema: processorSchema,
      eventTypePrefixes: [VOTE_EVENT_PREFIX],
      logger,
      handle: (events) => this.handle(events),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.warmUp();
    await this.processor.start();
  }

  /**
   * A restarted detector would forget every pattern under way: the window starts from the newest
   * votes of the read model cast within the longest window, with what was already flagged, once the
   * read model holds every vote so far (else the votes between it and the processor's checkpoint
   * would be in neither). The read model may be ahead of the processor: a vote it hands over again
   * that the warm-up put in the window is judged then, once; without that, it never was.
   */
  private async warmUp(): Promise<void> {
    if (!(await this.readModel.catchUp(WARM_UP_WAIT_MS))) {
      this.logger.warn({ waitedMs: WARM_UP_WAIT_MS }, 'the votes read model is behind the event store; fraud detection starts with the recent votes it holds so far');
    }
    const since = new Date(Date.now() - this.window.retentionMs);
    const newestFirst = await this.readModel.db.query<WindowRow>(
      `select vote_id, feature_request_id, voter_id, cast_at, voter_account_created_at, author_id, signals, evidence
       from ${this.readModel.schema.table('votes')} where state = 'active' and cast_at >= $1 order by cast_at desc, vote_id desc limit $2`,
      [since.toISOString(), this.window.maxVotes],
    );
    const rows = newestFirst.reverse();
    for (const row of rows) {
      this.warmedUp.add(row.vote_id);
      this.window.add({
        voteId: row.vote_id,
        featureRequestId: row.feature_request_id,
        voterId: row.voter_id,
        castAt: row.cast_at.getTime(),
        accountCreatedAt: row.voter_account_created_at?.getTime(),
        ipHash: row.signals.ipHash,
        networkHash: row.signals.networkHash,
        deviceHash: row.signals.deviceHash,
        requestAuthorId: row.author_id,
      });
      for (const evidence of row.evidence) {
        if (evidence.kind !== 'rate_abuse') this.window.markReported(row.vote_id, evidence.kind);
      }
    }
    if (rows.length > 0) this.logger.info({ votes: rows.length }, `fraud detection starts with ${rows.length} recent votes in its window`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.processor.stop();
  }

  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    await this.retryWaitingFlags();
    const flags = new Map<string, { vote: ObservedVote; findings: Finding[]; tippedBy: string }>();
    for (const recorded of events) {
      const event = decodeVoteEvent(recorded);
      if (!event) continue;
      if (event.type === 'VoteCast' && event.movedFromVoteId !== '') {
        this.holdArrival(event);
      } else if (event.type === 'VoteCast') {
        const vote = observedVoteOf(event, event.occurredAt.getTime());
        const added = this.window.add(vote);
        if (!this.warmedUp.delete(vote.voteId) && !added) continue;
        this.metrics.voteSeen();
        for (const finding of detectFraud(this.window, vote, this.config)) {
          const target = this.window.get(finding.voteId);
          if (!target) continue;
          const entry = flags.get(finding.voteId) ?? { vote: target, findings: [], tippedBy: recorded.id };
          entry.findings.push(finding);
          flags.set(finding.voteId, entry);
        }
      } else if (event.type === 'VoteRetracted' || event.type === 'VoteMoved' || event.type === 'VoteMovedBack') {
        const castAt = this.window.get(event.voteId)?.castAt;
        if (event.type === 'VoteMoved' && event.targetVoteId !== '' && castAt !== undefined) this.arrivingCastAt.set(event.targetVoteId, castAt);
        this.window.retract({ voteId: event.voteId, at: event.occurredAt.getTime() });
      }
    }
    for (const [voteId, { vote, findings, tippedBy }] of flags) {
      const evidence: FraudEvidence[] = findings.map((finding) => ({
        kind: finding.kind,
        score: finding.score,
        explanation: finding.explanation,
        relatedVoteIds: finding.relatedVoteIds,
      }));
      const commandId = uuidv5(`flag\n${voteId}\n${tippedBy}`, FLAG_NAMESPACE);
      const flag = { vote, commandId, evidence };
      if ((await this.flagFollowingMoves(flag)) === 'waiting') this.waitingFlags.push({ ...flag, until: Date.now() + ARRIVAL_PATIENCE_MS });
      this.metrics.flagged(evidence);
    }
    if (flags.size > 0) this.logger.info({ flagged: flags.size }, `fraud detection flagged ${flags.size} votes`);
  }

  /**
   * A vote a merge carries on to another request is the same vote: it keeps its first cast time in
   * the window (the move's own time would make a large merge look like a burst), and it is not judged
   * again (it was when cast; its flags travel with it).
   */
  private holdArrival(event: VoteCast): void {
    const castAt = this.arrivingCastAt.get(event.voteId) ?? event.occurredAt.getTime();
    this.arrivingCastAt.delete(event.voteId);
    this.warmedUp.delete(event.voteId);
    this.window.add(observedVoteOf(event, castAt));
  }

  /** Flags whose vote was still on its way to a merge's target: tried again with every batch, for a while. */
  private async retryWaitingFlags(): Promise<void> {
    const waiting = this.waitingFlags.splice(0);
    for (const flag of waiting) {
      if (Date.now() > flag.until) continue;
      if ((await this.flagFollowingMoves(flag)) === 'waiting') this.waitingFlags.push(flag);
    }
  }

  /**
   * Flags the vote; when a merge moved it on before the flag, the vote that carries it on at the
   * target is flagged instead (the moved one counts nowhere any more). `waiting`: the merge mover
   * is between the move and the arrival; the flag is to be tried again once the vote has arrived.
   */
  private async flagFollowingMoves({ vote, commandId, evidence }: Flag): Promise<'done' | 'waiting'> {
    let stream = voteStreamId(vote.featureRequestId, vote.voterId);
    for (let hop = 0; hop <= MAX_MOVES_FOLLOWED; hop++) {
      const outcome = await this.repository.execute(stream, hop === 0 ? commandId : uuidv5(`${commandId}\n${hop}`, FLAG_NAMESPACE), 'fraud-detection', {
        kind: 'FlagVote',
        at: new Date(),
        evidence,
      });
      const state = outcome.state;
      if (state.status !== 'moved' || state.targetVoteId === '') return 'done';
      stream = voteStreamId(state.targetFeatureRequestId, vote.voterId);
      const carriedOn = await this.repository.load(stream);
      if (carriedOn.status === 'active' && carriedOn.voteId === state.targetVoteId) continue;
      // Not active there: the arrival is still to come. Active with another vote: the voter's own was there.
      return carriedOn.status === 'active' ? 'done' : 'waiting';
    }
    return 'done';
  }
}

/** What the detectors see of a cast: when, by whom, from where (hashed), for whose request. */
function observedVoteOf(event: VoteCast, castAt: number): ObservedVote {
  return {
    voteId: event.voteId,
    featureRequestId: event.featureRequestId,
    voterId: event.voterId,
    castAt,
    accountCreatedAt: event.voterAccountCreatedAt?.getTime(),
    ipHash: event.signals.ipHash,
    networkHash: event.signals.networkHash,
    deviceHash: event.signals.deviceHash,
    requestAuthorId: event.featureRequestAuthorId,
  };
}
