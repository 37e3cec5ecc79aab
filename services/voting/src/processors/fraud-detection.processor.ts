import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import type { EventStore, RecordedEvent } from '@frm/event-store';
import { detectFraud, DetectorWindow, type FraudDetectionConfig, type Finding, type ObservedVote } from '@frm/fraud-detection';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { FraudMetrics } from '../metrics/fraud.metrics';
import { EVENT_STORE, FRAUD_CONFIG, FRAUD_METRICS, LOGGER, PROCESSOR_SCHEMA, READ_MODEL_DATABASE } from '../voting.tokens';
import { voteStreamId, type FraudEvidence, type VoteSignals } from '../votes/domain';
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

const FLAG_NAMESPACE = '0c6f2e8a-94b1-4d37-b5a0-6e1d3f7c2a98';

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
   * A restarted detector would forget every pattern under way: the window starts from the votes
   * of the read model cast within the longest window, with what was already flagged. Votes the
   * processor then hands over again are already in the window and are skipped.
   */
  private async warmUp(): Promise<void> {
    const since = new Date(Date.now() - this.window.retentionMs);
    const rows = await this.readModel.db.query<WindowRow>(
      `select vote_id, feature_request_id, voter_id, cast_at, voter_account_created_at, author_id, signals, evidence
       from ${this.readModel.schema.table('votes')} where state = 'active' and cast_at >= $1 order by cast_at, vote_id limit $2`,
      [since.toISOString(), this.window.maxVotes],
    );
    for (const row of rows) {
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
    const flags = new Map<string, { vote: ObservedVote; findings: Finding[]; tippedBy: string }>();
    for (const recorded of events) {
      const event = decodeVoteEvent(recorded);
      if (!event) continue;
      if (event.type === 'VoteCast') {
        const vote: ObservedVote = {
          voteId: event.voteId,
          featureRequestId: event.featureRequestId,
          voterId: event.voterId,
          castAt: event.occurredAt.getTime(),
          accountCreatedAt: event.voterAccountCreatedAt?.getTime(),
          ipHash: event.signals.ipHash,
          networkHash: event.signals.networkHash,
          deviceHash: event.signals.deviceHash,
          requestAuthorId: event.featureRequestAuthorId,
        };
        if (!this.window.add(vote)) continue;
        this.metrics.voteSeen();
        for (const finding of detectFraud(this.window, vote, this.config)) {
          const target = this.window.get(finding.voteId);
          if (!target) continue;
          const entry = flags.get(finding.voteId) ?? { vote: target, findings: [], tippedBy: recorded.id };
          entry.findings.push(finding);
          flags.set(finding.voteId, entry);
        }
      } else if (event.type === 'VoteRetracted' || event.type === 'VoteMoved' || event.type === 'VoteMovedBack') {
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
      await this.repository.execute(voteStreamId(vote.featureRequestId, vote.voterId), commandId, 'fraud-detection', {
        kind: 'FlagVote',
        at: new Date(),
        evidence,
      });
      this.metrics.flagged(evidence);
    }
    if (flags.size > 0) this.logger.info({ flagged: flags.size }, `fraud detection flagged ${flags.size} votes`);
  }
}
