import { Counter, createMetricsRegistry, registeredOnce, type Registry } from '@frm/metrics';
import type { FraudEvidence } from '../votes/domain';

/**
 * What fraud detection saw: `frm_votes_cast_total` (each vote once, as the detector first sees it)
 * and `frm_fraud_flags_total{signal}` (each finding that flagged a vote). Their ratio is the share
 * of votes flagged, which the fraud-spike alerts watch.
 */
export class FraudMetrics {
  private readonly votes: Counter;
  private readonly flags: Counter<'signal'>;

  /** Without a registry the counts go to one nobody reads (tests, the embedded platform without metrics). */
  constructor(registry: Registry = createMetricsRegistry({ processMetrics: false })) {
    this.votes = registeredOnce(registry, 'frm_votes_cast_total', () => new Counter({ name: 'frm_votes_cast_total', help: 'Votes cast, counted once each by fraud detection', registers: [registry] }));
    this.flags = registeredOnce(registry, 'frm_fraud_flags_total', () => new Counter({
      name: 'frm_fraud_flags_total',
      help: 'Findings of fraud detection that flagged a vote, by signal',
      labelNames: ['signal'],
      registers: [registry],
    }));
  }

  voteSeen(): void {
    this.votes.inc();
  }

  flagged(evidence: readonly FraudEvidence[]): void {
    for (const finding of evidence) this.flags.inc({ signal: finding.kind });
  }
}
